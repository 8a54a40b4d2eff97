"""Account links in the review app: the list, one link with its reasons and their items, accept / reject."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from footprint.analyse.base import FindingDraft
from footprint.analyse.link.review import reject_link
from footprint.case import Case
from footprint.errors import NotFoundError
from footprint.model import AuditEntry
from footprint.settings import Settings
from footprint.store.links import latest_links, set_status
from footprint.times import uk_display
from footprint.users import add_user
from footprint.web import create_app
from tests.report.planted import HOSTILE, JOHN, _run
from tests.review.test_concurrent_decisions import _before_the_next_transaction

from .conftest import page_views, plant_link
from .test_sign_in import PASSWORD, _sign_in

PRIYA, JANE_WA, JOHN_WA, JOHN_SMS = (
    "whatsapp:Priya Shah",
    "whatsapp:Jane Doe",
    f"whatsapp:{JOHN}",
    "sms:+447700900002",
)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _item(case: Case, text: str) -> int:
    return next(i.id for i in case.store.iter_items() if i.text == text)


@pytest.fixture
def hostile_link(planted: Case) -> int:
    items = [_item(planted, HOSTILE), _item(planted, "I will kill you if you go to the police")]
    return plant_link(planted, PRIYA, JOHN_WA, f"same number {HOSTILE}", items)


def _status(case: Case, link_id: int) -> str:
    return next(x.status for x in latest_links(case.store.engine) if x.id == link_id)


def _audit(case: Case, *actions: str) -> list[tuple[str, str, str, str, str]]:
    return [
        (e.actor, e.role, e.action, e.object, e.justification)
        for e in case.store.audit_entries()
        if e.action in actions
    ]


def _decide(client: TestClient, link_id: int, **data: str) -> tuple[int, str]:
    """The form sent as the page just opened fills it (the latest decision it shows as ``seen``)."""
    opened = client.get(f"/links/{link_id}").text
    response = client.post(
        f"/links/{link_id}/decision", data={"csrf": _csrf(opened), "seen": _seen(opened), **data}
    )
    return response.status_code, response.text


def test_the_list_shows_every_link_strongest_first_and_is_audited(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    page = client.get("/links").text
    assert "2 of 2 link(s) shown." in page
    legacy = latest_links(planted.store.engine)[0].id  # log10 LR 2.1, before the planted link's 1.4
    assert page.index(f'href="/links/{legacy}"') < page.index(f'href="/links/{hostile_link}"')
    assert "identifiers: same number &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "(and 1 more)" in page and "log10 LR +1.40, score at even prior odds 0.70" in page
    assert "<script>" not in page
    assert page_views(planted) == [("tester", "investigator", "/links", {"status": "all"}, 2)]


def test_the_list_filters_by_status(client: TestClient, hostile_link: int) -> None:
    assert "0 of 2 link(s) shown." in client.get("/links", params={"status": "accepted"}).text
    assert "2 of 2 link(s) shown." in client.get("/links", params={"status": "proposed"}).text
    response = client.get("/links", params={"status": "maybe"})
    assert response.status_code == 400
    assert (
        "status &#39;maybe&#39; is not known; use one of all, proposed, accepted, rejected" in response.text
    )


def test_a_link_shows_each_reason_with_the_items_behind_it_and_hostile_text_inert(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    page = client.get(f"/links/{hostile_link}").text
    assert f'<h1>Link #{hostile_link}: <span class="mono">whatsapp:Priya Shah</span>' in page
    assert "<script>" not in page and "<img" not in page and "\u202e" not in page
    assert (
        '<span class="mono">+1.00</span> identifiers: <span class="text">same number &lt;script&gt;' in page
    )
    assert '<span class="mono">+0.40</span> style: <span class="text">similar spelling</span>' in page
    assert "Features: phone" in page
    assert page.count("JD/1 <span") == 2  # both items of the first reason, with their text and time
    assert "&lt;img src=x onerror=alert(2)&gt;" in page and "I will kill you if you go to the police" in page
    assert '<td data-label="Sent">07/02/2024 23:47:00 GMT (+00:00)</td>' in page
    assert "No items are named for this reason." in page
    assert "whatsapp:Priya Shah</span>: attributed to no one" in page
    assert "Nobody has accepted or rejected this link yet." in page
    assert page_views(planted)[-1] == (
        "tester",
        "investigator",
        "/links/{link_id}",
        {"link": hostile_link},
        1,
    )


def test_a_link_in_another_analysers_shape_shows_its_reasons(client: TestClient, planted: Case) -> None:
    legacy = latest_links(planted.store.engine)[0].id
    page = client.get(f"/links/{legacy}").text
    assert '<span class="text">shared phone number in profile</span>' in page
    assert '<span class="text">similar writing style</span>' in page


def test_accepting_attributes_both_accounts_and_is_audited_as_on_the_command_line(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    status, _ = _decide(client, hostile_link, action="accept", reason="  same number in both  ")
    assert status == 303
    assert _status(planted, hostile_link) == "accepted"
    people = {a.key: (a.person, a.basis) for a in planted.store.accounts()}
    assert people[PRIYA] == (JOHN, "linkage hypothesis accepted by tester: same number in both")
    [entry] = [e for e in planted.store.audit_entries() if e.action == "link accept"]
    assert (entry.actor, entry.role, entry.object, entry.justification) == (
        "tester",
        "investigator",
        f"{PRIYA} ~ {JOHN_WA}",
        "same number in both",
    )
    assert json.loads(entry.details)["link_id"] == hostile_link
    page = client.get(f"/links/{hostile_link}").text
    assert "accepted</span> by <strong>tester</strong> (investigator)" in page
    assert "same number in both" in page


def test_rejecting_withdraws_what_the_accept_attributed(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    assert _decide(client, hostile_link, action="accept", reason="same number")[0] == 303
    assert _decide(client, hostile_link, action="reject", reason="his brother's phone")[0] == 303
    assert _status(planted, hostile_link) == "rejected"
    assert {a.key: a.person for a in planted.store.accounts()}[PRIYA] is None
    assert [(a, o, j) for _, _, a, o, j in _audit(planted, "link accept", "link reject")] == [
        ("link accept", f"{PRIYA} ~ {JOHN_WA}", "same number"),
        ("link reject", f"{PRIYA} ~ {JOHN_WA}", "his brother's phone"),
    ]


def test_accounts_of_two_people_need_the_person_named(client: TestClient, planted: Case) -> None:
    lid = plant_link(planted, JANE_WA, JOHN_WA, "same phone", [])
    status, page = _decide(client, lid, action="accept", reason="checked <b>both</b>")
    assert status == 400
    assert (
        "whatsapp:Jane Doe and whatsapp:John Smith are attributed to Jane Doe, John Smith;"
        " name the person both accounts belong to"
    ) in page
    assert "checked &lt;b&gt;both&lt;/b&gt;</textarea>" in page  # what was typed is kept, escaped
    assert _status(planted, lid) == "proposed"
    assert _decide(client, lid, action="accept", reason="checked", person=JOHN)[0] == 303
    assert {a.key: a.person for a in planted.store.accounts()}[JANE_WA] == JOHN


def test_a_decision_without_a_reason_or_with_an_unknown_action_is_refused(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    status, page = _decide(client, hostile_link, action="accept", reason="   ")
    assert status == 400
    assert (
        "every decision on a link needs a reason (it is kept in the audit log); give one and try again"
        in page
    )
    status, page = _decide(client, hostile_link, action="merge", reason="x")
    assert status == 400 and "decision &#39;merge&#39; is not known; use one of accept, reject" in page
    assert _status(planted, hostile_link) == "proposed"
    assert _audit(planted, "link accept", "link reject") == []


def test_a_decision_from_another_site_is_refused(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    response = client.post(
        f"/links/{hostile_link}/decision", data={"csrf": "forged", "action": "accept", "reason": "x"}
    )
    assert response.status_code == 403
    assert "this form is out of date or came from another site" in response.text
    assert _status(planted, hostile_link) == "proposed"


def test_a_link_replaced_by_a_new_run_cannot_be_decided(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    token = _csrf(client.get(f"/links/{hostile_link}").text)
    _run(planted, "link", 3, [])  # the analysers ran again meanwhile
    response = client.post(
        f"/links/{hostile_link}/decision", data={"csrf": token, "action": "reject", "reason": "no"}
    )
    assert response.status_code == 404
    assert (
        f"no link {hostile_link} in the latest link run of this case (it may have been replaced when the"
        " analysers ran again); open the list of links"
    ) in response.text
    assert _audit(planted, "link accept", "link reject") == []
    assert "0 of 0 link(s) shown." in client.get("/links").text


@pytest.mark.parametrize("raw", ["abc", "0", "99999999999", "１"])
def test_a_link_address_that_is_no_number_is_not_found(client: TestClient, raw: str) -> None:
    response = client.get(f"/links/{raw}")
    assert response.status_code == 404
    assert f"there is no link {raw}; open the list of links" in response.text


def test_a_viewer_reads_links_but_cannot_decide(planted: Case, settings: Settings, hostile_link: int) -> None:
    add_user(planted, "Observer", "viewer", PASSWORD)
    with TestClient(create_app(planted.dir, settings), follow_redirects=False) as team:
        assert team.get("/links").headers["location"] == "/login"
        assert _sign_in(team, "Observer") == 303
        page = team.get(f"/links/{hostile_link}").text
        assert "Your role (viewer) may read links but not accept or reject them." in page
        assert "/decision" not in page
        response = team.post(
            f"/links/{hostile_link}/decision",
            data={"csrf": _csrf(page), "action": "accept", "reason": "looks right"},
        )
    assert response.status_code == 403
    assert "Observer acts as &#39;viewer&#39;, which may read links but not accept or reject them" in (
        response.text
    )
    assert _status(planted, hostile_link) == "proposed"
    assert _audit(planted, "link accept") == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "reject", "reason": "a\x00b"}, "a reason may not contain a NUL character; remove it"),
        ({"action": "accept", "reason": "a\x00b"}, "a reason may not contain a NUL character; remove it"),
        ({"action": "accept", "reason": "x", "person": "J\x00"}, "a person&#39;s name may not contain a NUL"),
    ],
)
def test_a_nul_typed_into_the_form_is_refused_not_a_database_error(
    client: TestClient, planted: Case, hostile_link: int, data: dict[str, str], message: str
) -> None:
    # PostgreSQL's text cannot hold a NUL: refused before the database is asked, as for a finding's reason
    status, page = _decide(client, hostile_link, **data)
    assert (status, message in page) == (400, True)
    assert _audit(planted, "link accept", "link reject") == []


def test_an_account_link_finding_leads_to_its_link(client: TestClient, planted: Case) -> None:
    draft = FindingDraft(
        None,
        "account_link",
        0.7,
        f"{PRIYA} and {JOHN_WA} may be operated by one person.",
        details={"link": {"a": PRIYA, "b": JOHN_WA, "log10_lr": 1.4}},
    )
    _run(planted, "link", 3, [draft])
    lid = plant_link(planted, PRIYA, JOHN_WA, "same number", [])
    fid = next(f.id for f in planted.store.findings() if f.category == "account_link")
    page = client.get(f"/findings/{fid}").text
    assert f'Review the link itself, reason by reason: <a href="/links/{lid}">link #{lid}</a>' in page
    legacy = next(f.id for f in planted.store.findings() if f.category == "order_breach")
    assert "Review the link itself" not in client.get(f"/findings/{legacy}").text


def test_the_header_marks_the_page_the_user_is_on(client: TestClient, hostile_link: int) -> None:
    for path, current in (
        ("/links", "/links"),
        (f"/links/{hostile_link}", "/links"),
        ("/findings", "/findings"),
    ):
        page = client.get(path).text
        assert re.findall(r'<a href="([^"]+)" aria-current="page">', page) == [current]


def test_a_link_replaced_between_the_check_and_the_decision_is_refused(
    client: TestClient, planted: Case, hostile_link: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = _csrf(client.get(f"/links/{hostile_link}").text)
    opened = next(x for x in latest_links(planted.store.engine) if x.id == hostile_link)
    _run(planted, "link", 3, [])  # the analysers run again after the app's check, before the decision
    items = [_item(planted, HOSTILE)]
    replacing = plant_link(planted, PRIYA, JOHN_WA, "same number", items)
    monkeypatch.setattr("footprint.web.links.current_link", lambda case, link_id: opened)
    response = client.post(
        f"/links/{hostile_link}/decision", data={"csrf": token, "action": "accept", "reason": "same phone"}
    )
    assert response.status_code == 404
    assert (
        f"link {hostile_link} was replaced when the analysers ran again; open the list of links and decide"
        " on the link that replaced it"
    ) in response.text
    assert _status(planted, replacing) == "proposed"
    assert _audit(planted, "link accept", "link reject") == []


def test_the_store_refuses_a_status_on_a_replaced_link(planted: Case, hostile_link: int) -> None:
    _run(planted, "link", 3, [])
    with pytest.raises(NotFoundError) as refused, planted.transaction() as (tx, _record):
        set_status(tx.conn, hostile_link, "accepted")
    assert str(refused.value) == (
        f"link {hostile_link} was replaced when the analysers ran again; open the list of links and decide on"
        " the link that replaced it"
    )


def test_accepting_a_link_to_her_account_warns_and_needs_her_confirmation(
    client: TestClient, planted: Case
) -> None:
    # the review: one click attributed the other account (a fake profile in her name) to the complainant
    lid = plant_link(planted, JANE_WA, PRIYA, "names alike", [])
    page = client.get(f"/links/{lid}").text
    assert (
        "<p><strong>Warning:</strong> whatsapp:Jane Doe is the complainant&#39;s (Jane Doe). Accepting this"
        " link attributes whatsapp:Priya Shah to her: its messages would count as hers. If whatsapp:Priya Shah"
        " may be a fake profile in her name, reject the link; accept it only if she confirms she operates it,"
        " ticking the box below.</p>"
    ) in page
    assert '<input type="checkbox" id="as_complainant" name="as_complainant" value="yes">' in page
    status, refused = _decide(client, lid, action="accept", reason="looks like hers")
    assert status == 400
    # the refusal is tied to the box that answers it (WCAG 3.3.1)
    assert '<a href="#as_complainant">accepting this link attributes' in refused
    assert (
        '<input type="checkbox" id="as_complainant" name="as_complainant" value="yes"'
        ' aria-invalid="true" aria-describedby="as_complainant-problem">'
    ) in refused
    assert (
        "accepting this link attributes whatsapp:Priya Shah to Jane Doe, the complainant: the messages of"
        " whatsapp:Priya Shah would then count as hers"
    ) in refused
    assert _status(planted, lid) == "proposed"
    assert {a.key: a.person for a in planted.store.accounts()}[PRIYA] is None
    status, _ = _decide(client, lid, action="accept", reason="she set it up", as_complainant="yes")
    assert status == 303
    assert {a.key: a.person for a in planted.store.accounts()}[PRIYA] == "Jane Doe"
    [entry] = [e for e in planted.store.audit_entries() if e.action == "link accept"]
    assert json.loads(entry.details)["as_complainant"] is True


def test_a_link_page_tallies_the_kinds_of_evidence_considered(client: TestClient, hostile_link: int) -> None:
    page = client.get(f"/links/{hostile_link}").text
    assert (
        "<dt>Evidence</dt><dd>6 kinds of evidence considered: 2 counted (identifiers, style); 2 not compared"
        " for too little text on one side (tags, timing); 2 found nothing (names, self_reference)</dd>"
    ) in page


def _seen(page: str) -> str:
    found = re.search(r'name="seen" value="([^"]*)"', page)
    assert found is not None
    return found.group(1)


def _meanwhile(entry: AuditEntry, verb: str) -> str:
    """The 409 of a form whose link was decided after it was opened (``entry``), as the page says it."""
    return (
        f"{entry.actor} {verb} this link at {uk_display(entry.at_utc)}, after you opened it; read it in the"
        " decisions and decide again"
    )


def test_a_rejection_made_after_the_page_was_opened_is_not_overridden_unseen(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    opened = client.get(f"/links/{hostile_link}").text
    assert _seen(opened) == ""  # nobody had decided when he opened it
    reject_link(planted.acting_as("DC Jane Patel", "investigator"), PRIYA, JOHN_WA, "his brother's phone")
    [rejection] = _audit_entries(planted, "link reject")
    response = client.post(
        f"/links/{hostile_link}/decision",
        data={"csrf": _csrf(opened), "action": "accept", "reason": "same number", "seen": ""},
    )
    assert response.status_code == 409
    assert (
        f'<li><a href="#decisions">{_meanwhile(rejection, "rejected")}</a></li>' in response.text
    )  # tied to the decisions it names (WCAG 3.3.1)
    assert "same number</textarea>" in response.text  # his reason is kept in the form
    assert "rejected</span> by <strong>DC Jane Patel</strong> (investigator)" in response.text
    assert _status(planted, hostile_link) == "rejected"
    assert {a.key: a.person for a in planted.store.accounts()}[PRIYA] is None
    assert _audit(planted, "link accept", "link reject") == [
        ("DC Jane Patel", "investigator", "link reject", f"{PRIYA} ~ {JOHN_WA}", "his brother's phone")
    ]
    # the page he is shown now carries the rejection: having read it, he may accept after all
    assert _seen(response.text) == str(rejection.seq)
    retried = client.post(
        f"/links/{hostile_link}/decision",
        data={"csrf": _csrf(opened), "action": "accept", "reason": "same number", "seen": str(rejection.seq)},
    )
    assert retried.status_code == 303
    assert _status(planted, hostile_link) == "accepted"


def test_a_decision_form_sent_twice_records_once(
    client: TestClient, planted: Case, hostile_link: int
) -> None:
    opened = client.get(f"/links/{hostile_link}").text
    form = {"csrf": _csrf(opened), "action": "accept", "reason": "same number", "seen": _seen(opened)}
    assert client.post(f"/links/{hostile_link}/decision", data=form).status_code == 303
    again = client.post(f"/links/{hostile_link}/decision", data=form)
    assert again.status_code == 409
    [accepted] = _audit_entries(planted, "link accept")
    assert _meanwhile(accepted, "accepted") in again.text
    assert _audit(planted, "link accept", "link reject") == [
        ("tester", "investigator", "link accept", f"{PRIYA} ~ {JOHN_WA}", "same number")
    ]


def test_a_decision_written_while_his_was_on_its_way_refuses_his(
    client: TestClient, planted: Case, hostile_link: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = client.get(f"/links/{hostile_link}").text
    jane = planted.acting_as("DC Jane Patel", "investigator")
    # she rejects after the app found the link, before his decision's transaction begins
    _before_the_next_transaction(monkeypatch, lambda: reject_link(jane, PRIYA, JOHN_WA, "not him"))
    response = client.post(
        f"/links/{hostile_link}/decision",
        data={"csrf": _csrf(opened), "action": "accept", "reason": "same number", "seen": ""},
    )
    assert response.status_code == 409
    [rejection] = _audit_entries(planted, "link reject")
    assert _meanwhile(rejection, "rejected") in response.text
    assert _status(planted, hostile_link) == "rejected"
    assert [e.action for e in _audit_entries(planted, "link accept", "link reject")] == ["link reject"]


def _audit_entries(case: Case, *actions: str) -> list[AuditEntry]:
    return [e for e in case.store.audit_entries() if e.action in actions]
