"""The review app's markup against WCAG 2.2 AA where a review (29 November) found it fell short: refused
forms tied to their fields, a status after each decision, flagged messages said in words, the current page
in the header, error pages titled by what went wrong, and the language of foreign-language messages."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.language import unread_in
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.synth.writers import ChatLine, write_whatsapp_txt
from footprint.users import add_user
from footprint.web import create_app
from tests.report.planted import JANE, JOHN
from tests.test_language import LANGUAGES

from .conftest import finding_id, plant_link
from .test_sign_in import PASSWORD, _csrf, _sign_in

JANE_WA, JOHN_WA = f"whatsapp:{JANE}", f"whatsapp:{JOHN}"


def _summary(page: str) -> str:
    """The summary of problems a refused form's page opens on (autofocus), as markup."""
    found = re.search(
        r'<div class="error-summary" id="problems" tabindex="-1" autofocus(.*?)</div>', page, re.S
    )
    assert found is not None, "no summary of problems"
    return found.group(1)


def _field(page: str, name: str) -> str:
    """The opening tag of the field with id ``name``."""
    found = re.search(rf'<(?:input|textarea|select) id="{name}"[^>]*>', page)
    assert found is not None, name
    return found.group(0)


def test_a_decision_without_a_reason_is_tied_to_the_reason_field(client: TestClient, planted: Case) -> None:
    fid = finding_id(planted, "threat_to_kill")
    token = _csrf(client.get(f"/findings/{fid}").text)
    refused = client.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "  ", "csrf": token}
    )
    message = "every decision needs a reason (it is kept in the audit log); give one and try again"
    assert refused.status_code == 400
    assert f'<li><a href="#reason">{message}</a></li>' in _summary(refused.text)
    assert _field(refused.text, "reason") == (
        '<textarea id="reason" name="reason" rows="3" required aria-invalid="true"'
        ' aria-describedby="reason-problem">'
    )
    assert f'<p class="problem" id="reason-problem">{message}</p>' in refused.text
    assert f"<title>Error: Finding #{fid} · R v Test · Footprint</title>" in refused.text
    fine = client.get(f"/findings/{fid}").text
    assert "error-summary" not in fine and "aria-invalid" not in fine and "<title>Finding #" in fine


def test_a_colleagues_decision_meanwhile_leads_to_the_history(client: TestClient, planted: Case) -> None:
    fid = finding_id(planted, "threat_to_kill")
    token = _csrf(client.get(f"/findings/{fid}").text)
    assert (
        client.post(
            f"/findings/{fid}/decision", data={"action": "note", "reason": "x", "csrf": token}
        ).status_code
        == 303
    )
    stale = client.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "y", "csrf": token, "seen": ""}
    )
    assert stale.status_code == 409
    assert (
        '<li><a href="#decisions">tester recorded a decision on this finding (noted) after you opened it;'
        " read it in the history and decide again</a></li>"
    ) in _summary(stale.text)
    assert '<h2 id="decisions">Decisions</h2>' in stale.text
    assert "aria-invalid" not in stale.text
    assert 'name="reason" rows="3" required>y</textarea>' in stale.text  # the reason typed is kept


def test_a_link_decision_is_tied_to_the_reason_or_the_person(client: TestClient, planted: Case) -> None:
    lid = plant_link(planted, JANE_WA, JOHN_WA, "same phone", [])
    token = _csrf(client.get(f"/links/{lid}").text)
    refused = client.post(
        f"/links/{lid}/decision", data={"action": "accept", "reason": "checked", "csrf": token}
    )
    assert refused.status_code == 400
    assert _summary(refused.text).count('<a href="#person">') == 1
    assert 'aria-invalid="true" aria-describedby="person-problem"' in _field(refused.text, "person")
    assert "aria-invalid" not in _field(refused.text, "reason")
    assert "required>checked</textarea>" in refused.text
    empty = client.post(f"/links/{lid}/decision", data={"action": "reject", "reason": " ", "csrf": token})
    assert '<a href="#reason">every decision on a link needs a reason' in _summary(empty.text)
    assert 'aria-invalid="true"' in _field(empty.text, "reason")


@pytest.fixture
def team(planted: Case, settings: Settings) -> TestClient:
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    return TestClient(create_app(planted.dir, settings), follow_redirects=False)


def test_a_refused_sign_in_keeps_the_name_typed_never_the_password(team: TestClient) -> None:
    token = _csrf(team.get("/login").text)
    typed = 'DC Ann Reviewer"><b>'
    refused = team.post("/login", data={"user": typed, "password": "guess", "csrf": token}).text
    assert _summary(refused).count('<a href="#user">the name or the password is wrong') == 1
    assert _field(refused, "user") == (
        '<input id="user" name="user" value="DC Ann Reviewer&#34;&gt;&lt;b&gt;" autocomplete="username"'
        ' required aria-invalid="true" aria-describedby="user-problem">'
    )
    assert 'aria-invalid="true" aria-describedby="user-problem"' in _field(refused, "password")
    assert "guess" not in refused and "value=" not in _field(refused, "password")


@pytest.mark.parametrize(
    ("current", "new", "repeat", "field", "words"),
    [
        (PASSWORD, "a much longer passphrase", "another passphrase", "repeat", "the new password and its repeat differ"),
        ("wrong password!", "a much longer passphrase", "a much longer passphrase", "current", "the current password is wrong"),
        (PASSWORD, "tiny pw", "tiny pw", "new", "the password for DC Ann Reviewer is shorter than 12 characters"),
    ],
)  # fmt: skip
def test_a_refused_password_change_is_tied_to_its_field(
    team: TestClient, current: str, new: str, repeat: str, field: str, words: str
) -> None:
    assert _sign_in(team, "DC Ann Reviewer") == 303
    token = _csrf(team.get("/password").text)
    page = team.post("/password", data={"current": current, "new": new, "repeat": repeat, "csrf": token}).text
    assert f'<li><a href="#{field}">{words}' in _summary(page)
    assert f'aria-describedby="{field}-problem"' in _field(page, field)
    assert current not in page and new not in page  # no password is shown again


def test_each_decision_recorded_is_said_once_in_a_status_region(client: TestClient, planted: Case) -> None:
    fid = finding_id(planted, "threat_to_kill")
    token = _csrf(client.get(f"/findings/{fid}").text)
    done = client.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "clear", "csrf": token}
    )
    assert (done.status_code, done.headers["location"]) == (303, f"/findings/{fid}")
    assert (
        f'<p class="done" role="status">Finding #{fid} confirmed.</p>' in client.get(f"/findings/{fid}").text
    )
    assert 'role="status"' not in client.get(f"/findings/{fid}").text  # said once
    item = next(
        i.id for i in planted.store.iter_items() if i.text == "I will kill you if you go to the police"
    )
    recorded = client.post(
        f"/items/{item}/findings", data={"category": "money_demand", "reason": "r", "csrf": token}
    )
    new = recorded.headers["location"].removeprefix("/findings/")
    client.get("/findings")  # another page first: the status was for the new finding's page only
    assert 'role="status"' not in client.get(recorded.headers["location"]).text
    client.post(
        f"/items/{item}/findings", data={"category": "intimate_image_shared", "reason": "r", "csrf": token}
    )
    newer = str(int(new) + 1)
    assert (
        f'<p class="done" role="status">Finding #{newer} recorded (intimate_image_shared) and confirmed by you.</p>'
        in client.get(f"/findings/{newer}").text
    )
    lid = plant_link(planted, JANE_WA, JOHN_WA, "same phone", [])
    client.post(
        f"/links/{lid}/decision", data={"action": "accept", "reason": "c", "person": JOHN, "csrf": token}
    )
    assert (
        f'<p class="done" role="status">Link #{lid} accepted: both accounts are attributed to {JOHN}.</p>'
        in client.get(f"/links/{lid}").text
    )


def test_the_flagged_message_and_its_words_are_said_in_text(client: TestClient, planted: Case) -> None:
    page = client.get(f"/findings/{finding_id(planted, 'threat_to_kill')}").text
    assert (
        '<p class="flag"><strong>Flagged</strong>: this finding is about this message; the words it rests on'
        ' are highlighted and underlined: “<span class="text">I will kill you</span>”.</p>'
    ) in page
    item = next(
        i.id for i in planted.store.iter_items() if i.text == "I will kill you if you go to the police"
    )
    assert re.search(
        r'<p class="flag"><strong>Flagged</strong> by \d+ findings?, listed below.</p>',
        client.get(f"/items/{item}").text,
    )


def test_each_page_marks_itself_current_in_the_header(client: TestClient, planted: Case) -> None:
    item = next(iter(planted.store.iter_items())).id
    lid = plant_link(planted, JANE_WA, JOHN_WA, "same phone", [])
    for path, current in (
        ("/findings", ["/findings"]),
        (f"/findings/{finding_id(planted, 'threat_to_kill')}", ["/findings"]),
        ("/items", ["/items"]),
        ("/items?q=kill", ["/items"]),
        (f"/items/{item}", ["/items"]),  # it had marked Findings
        ("/links", ["/links"]),
        (f"/links/{lid}", ["/links"]),
        ("/persons", ["/persons"]),
        ("/suggestions", ["/suggestions"]),
        ("/no-such-page", []),
    ):
        page = client.get(path).text
        assert re.findall(r'<a href="([^"]+)" aria-current="page">', page) == current, path


def test_a_team_members_pages_mark_the_password_page_current(team: TestClient) -> None:
    assert re.findall(r'aria-current="page"', team.get("/login").text) == []
    assert _sign_in(team, "DC Ann Reviewer") == 303
    page = team.get("/password").text
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', page) == ["/password"]


def test_an_error_page_is_titled_by_what_went_wrong(client: TestClient, planted: Case) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    for response, title, case_name in (
        (client.get("/no-such-page"), "Not found", "R v Test"),
        (client.get(f"/findings/{hostile}"), "Not found", "R v Test"),
        (client.get("/items", params={"q": "  "}), "Not accepted", "R v Test"),
        # refused before the session is read: another site is not told which case this is
        (client.get("/findings", headers={"sec-fetch-site": "cross-site"}), "Refused", "Footprint review"),
        (client.get("/logout"), "Not allowed here", "R v Test"),
    ):
        assert f"<title>{title} · {case_name} · Footprint</title>" in response.text, response.status_code
        assert f"<h1>{title}</h1>" in response.text and "Problem" not in response.text
        assert "<img" not in response.text
    assert (
        "there is no finding &lt;img src=x onerror=alert(1)&gt;;" in client.get(f"/findings/{hostile}").text
    )


def test_a_foreign_language_message_carries_its_lang(
    client: TestClient, planted: Case, tmp_path: Path
) -> None:
    chat = tmp_path / "WhatsApp Chat with Nikos.txt"
    write_whatsapp_txt(
        chat, [ChatLine(datetime(2024, 3, 1, 9, n), "Nikos", t) for n, (t, _) in enumerate(LANGUAGES)]
    )
    add_exhibit(planted, chat, AddOptions(producer=JANE, owner=JANE, exhibit_ref="JD/9", date_order="dmy"))
    listed = client.get("/items?exhibit=JD/9").text
    for text, lang in LANGUAGES:
        item = next(i.id for i in planted.store.iter_items("JD/9") if i.text == text)
        attribute = f' lang="{lang}"' if lang else ""
        unread = unread_in(text)  # said in English beside the message (tests/web/test_not_read.py)
        said = (
            f' <span class="small" lang="en">(not read by detection: {unread.name})</span>' if unread else ""
        )
        assert f'<td data-label="Text" class="text"{attribute}>{text}{said}</td>' in listed
        page = client.get(f"/items/{item}").text
        assert f'<blockquote class="message text"{attribute}>{text}</blockquote>' in page
    found = client.get("/items", params={"q": "Привет"}).text
    assert '<td data-label="Text" class="text" lang="ru">«Привет», ты где? Это я</td>' in found
