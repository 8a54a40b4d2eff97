"""Recording a finding no analyser reads from an item's page: the same service, rules and audit as
`footprint record`."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.integrity import verify_case
from footprint.integrity.digests import run_details, run_of
from footprint.model import Item
from footprint.review import history
from footprint.settings import Settings
from footprint.store.finding_numbers import number_digests
from footprint.users import add_user
from footprint.web import create_app
from tests.audited import said
from tests.report.planted import HOSTILE

from .conftest import finding_id, page_views
from .test_sign_in import PASSWORD, _sign_in

THREAT = "I will kill you if you go to the police"


def _item(case: Case, text: str = THREAT) -> Item:
    return next(i for i in case.store.iter_items() if i.text == text)


def _token(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _record(client: TestClient, item_id: int, **fields: str) -> tuple[int, str, str]:
    token = _token(client.get(f"/items/{item_id}").text)
    data = {"category": "money_demand", "reason": "", "words": "", "span": "", "csrf": token} | fields
    response = client.post(f"/items/{item_id}/findings", data=data)
    return response.status_code, response.headers.get("location", ""), response.text


def _recorded(case: Case) -> list[tuple[int | None, str, tuple[tuple[int, int], ...], str | None]]:
    return [
        (f.item_id, f.category, f.spans, f.decision)
        for f in case.store.findings()
        if f.analyser == "reviewer"
    ]


def test_an_items_page_shows_the_message_its_findings_and_the_form(client: TestClient, planted: Case) -> None:
    item = _item(planted)
    page = client.get(f"/items/{item.id}").text
    assert f"<h1>Message #{item.id}</h1>" in page
    assert f'<blockquote class="message text">{THREAT}</blockquote>' in page
    fid = finding_id(planted, "threat_to_kill")
    assert f'<a href="/findings/{fid}">#{fid}</a>' in page
    assert '<option value="money_demand">money_demand</option>' in page
    assert '<label for="reason">Reason (kept in the audit log)</label>' in page
    assert '<label for="words">' in page and '<label for="span">' in page
    assert [
        (e.actor, e.role, e.action, e.object) for e in planted.store.audit_entries() if "web" in e.action
    ] == [
        ("tester", "investigator", "web sign-in", "tester"),
    ]
    assert page_views(planted) == [("tester", "investigator", "/items/{item_id}", {"item": item.id}, 1)]
    # the finding's page leads to its message's page
    assert f'<a href="/items/{item.id}">' in client.get(f"/findings/{fid}").text


def test_a_finding_is_recorded_by_its_words_shown_as_a_persons_and_audited_as_on_the_command_line(
    client: TestClient, planted: Case
) -> None:
    item = _item(planted)
    status, location, _ = _record(
        client,
        item.id,
        category="threat_to_kill",
        reason="said <b>twice</b> on the phone too",
        words=" kill you ",
    )
    [(finding, decision)] = [(f.id, f.decision) for f in planted.store.findings() if f.analyser == "reviewer"]
    assert (status, location, decision) == (303, f"/findings/{finding}", "confirmed")
    assert _recorded(planted) == [(item.id, "threat_to_kill", ((7, 15),), "confirmed")]
    page = client.get(location).text
    assert "<dt>Recorded by</dt><dd>tester (investigator), a person, not an analyser</dd>" in page
    assert "<mark>kill you</mark>" in page
    assert "said &lt;b&gt;twice&lt;/b&gt; on the phone too" in page
    [entry] = [e for e in planted.store.audit_entries() if e.action == "record finding"]
    assert (entry.actor, entry.role, entry.object, entry.justification) == (
        "tester",
        "investigator",
        f"item {item.id}",
        "said <b>twice</b> on the phone too",
    )
    with planted.store.unscoped_engine.connect() as conn:
        stored = run_details(conn, run_of(conn, finding))  # what it stored, as `verify` recomputes it
        numbers = number_digests(conn)  # none given: no exhibit is hers, so she sees no finding
    assert said(entry) == {
        "category": "threat_to_kill",
        "spans": [[7, 15]],
        "finding_id": finding,
        "decision_id": history(planted, finding)[0].id,
        "decision": "confirmed",
        **stored,
        "finding_numbers": {"given": 0, "before": numbers, "after": numbers},
    }
    assert verify_case(planted).problems == []


def test_a_finding_is_recorded_by_its_span_or_on_the_whole_text(client: TestClient, planted: Case) -> None:
    item = _item(planted)
    assert _record(client, item.id, reason="demands money", span=" 2:6 ")[0] == 303
    assert _record(client, item.id, category="intimate_image_shared", reason="the photo")[0] == 303
    assert _recorded(planted) == [
        (item.id, "intimate_image_shared", ((0, len(THREAT)),), "confirmed"),
        (item.id, "money_demand", ((2, 6),), "confirmed"),
    ]


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        ({"reason": "  "}, "every recorded finding needs a reason (it is kept in the audit log); give one and try again", "reason"),
        ({"reason": "x", "category": "fraud"}, "category &#39;fraud&#39; cannot be recorded; use one of ", "category"),
        ({"reason": "x", "category": ""}, "category &#39;&#39; cannot be recorded; use one of ", "category"),
        ({"reason": "x", "span": "2-6"}, "the span must be START:END (character offsets into the item&#39;s text)", "span"),
        ({"reason": "x", "span": "0:99"}, "span 0:99 is not within the text of item {id} (0:39)", "span"),
        ({"reason": "x", "words": "kill her"}, "the words &#39;kill her&#39; are not in the text of item {id}", "words"),
        ({"reason": "x", "words": "o"}, "the words &#39;o&#39; occur 5 times in the text of item {id}", "words"),
        ({"reason": "x", "words": "kill", "span": "7:11"}, "give the evidence as a span (START:END) or by", "words"),
    ],
)  # fmt: skip
def test_what_the_command_line_refuses_is_refused_the_form_shown_again_and_nothing_stored(
    client: TestClient, planted: Case, fields: dict[str, str], message: str, field: str
) -> None:
    item = _item(planted)
    status, _, page = _record(client, item.id, **fields)
    assert status == 400
    message = message.format(id=item.id)
    # the summary the page opens on links to the field; the field is marked and described by the message
    assert '<div class="error-summary" id="problems" tabindex="-1" autofocus' in page
    assert f'<ul><li><a href="#{field}">{message}' in page
    assert f'<p class="problem" id="{field}-problem">{message}' in page
    assert (
        f'aria-invalid="true" aria-describedby="{field}-problem"'
        in page.split(f'id="{field}"')[1].split(">")[0]
    )
    assert page.count('aria-invalid="true"') == (2 if field == "words" and "span" in fields else 1)
    assert "<title>Error: Message #" in page
    assert "--" not in page.split(f'id="{field}-problem">')[1].split("</p>")[0]  # no command-line flag
    for name, typed in fields.items():  # what was typed stays in the form
        if name in ("words", "span"):
            assert f'id="{name}" name="{name}" value="{typed}"' in page
    assert _recorded(planted) == []
    assert not [e for e in planted.store.audit_entries() if e.action == "record finding"]


def test_a_viewer_gets_no_form_and_is_refused(planted: Case, settings: Settings) -> None:
    add_user(planted, "Observer", "viewer", PASSWORD)
    item = _item(planted)
    with TestClient(create_app(planted.dir, settings), follow_redirects=False) as client:
        assert _sign_in(client, "Observer") == 303
        page = client.get(f"/items/{item.id}").text
        assert "Your role (viewer) may read the case but not record findings." in page
        assert 'name="category"' not in page
        response = client.post(
            f"/items/{item.id}/findings",
            data={"category": "money_demand", "reason": "x", "csrf": _token(page)},  # the sign-out form's
        )
    assert response.status_code == 403
    assert (
        "Observer acts as &#39;viewer&#39;, which may read findings but not record them; a reviewer,"
        " investigator, prosecutor or advocate must record the finding"
    ) in response.text
    assert _recorded(planted) == []


@pytest.mark.parametrize("secret", ["guess", "é"])
def test_a_form_from_another_site_is_refused(client: TestClient, planted: Case, secret: str) -> None:
    item = _item(planted)
    response = client.post(
        f"/items/{item.id}/findings", data={"category": "money_demand", "reason": "x", "csrf": secret}
    )
    assert response.status_code == 403
    assert "this form is out of date or came from another site" in response.text
    assert _recorded(planted) == []


@pytest.mark.parametrize("raw", ["999999", "abc", "0", "99999999999"])
def test_an_unknown_item_is_a_404_page(client: TestClient, planted: Case, raw: str) -> None:
    response = client.get(f"/items/{raw}")
    assert response.status_code == 404
    assert f"there is no item {raw}; open the list of findings" in response.text
    token = _token(client.get(f"/items/{_item(planted).id}").text)
    posted = client.post(
        f"/items/{raw}/findings", data={"category": "money_demand", "reason": "x", "csrf": token}
    )
    assert posted.status_code == 404
    assert f"there is no item {raw}; open the list of findings" in posted.text  # not the CLI's wording
    assert _recorded(planted) == []


def test_hostile_text_on_an_items_page_is_inert(client: TestClient, planted: Case) -> None:
    item = _item(planted, HOSTILE)
    page = client.get(f"/items/{item.id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script>" not in page and "<img" not in page
    assert (
        "\u202e" not in page
        and "[U+202E RIGHT-TO-LEFT OVERRIDE]gnp.exe[U+202C POP DIRECTIONAL FORMATTING]" in page
    )
