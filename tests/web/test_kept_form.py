"""A form sent after its session ended (30 minutes without a request) is not applied, but what was typed in
it is kept in the server's memory, never in an address or the audit log, and shown in the form again when
the same user signs in again in that browser; another user's sign-in discards it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape

from footprint.case import Case
from footprint.review.decisions import decide
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app
from footprint.web.sessions import IDLE_S
from footprint.web.wording import KEPT

from .conftest import finding_id, opened, plant_link
from .test_sign_in import PASSWORD, _csrf, _sign_in

ANN = "DC Ann Reviewer"
REASON = 'She says "I will kill you" twice <b>after</b> the order of 3 May; explicit, addressed to her'


@pytest.fixture
def served(planted: Case, settings: Settings) -> Iterator[FastAPI]:
    add_user(planted, ANN, "reviewer", PASSWORD)
    add_user(planted, "DC Bob Other", "reviewer", PASSWORD)
    yield create_app(planted.dir, settings)


def _textarea(page: str) -> str:
    found = re.search(r'<textarea id="reason" name="reason"[^>]*>([^<]*)</textarea>', page)
    assert found is not None
    return found.group(1)


def _sent_late(browser: TestClient, session_clock: list[float], path: str, **fields: str) -> None:
    """Open ``path``, wait 31 minutes, send its form: the browser is sent to sign in."""
    token = _csrf(browser.get(path).text)
    session_clock[0] += IDLE_S + 60
    sent = browser.post(f"{path}/decision", data={"action": "confirm", "csrf": token, "seen": "", **fields})
    assert (sent.status_code, sent.headers["location"]) == (303, "/login")


def test_a_reason_typed_before_the_session_ended_is_kept_across_the_sign_in(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    # she wrote a long reason, submitted after 31 minutes, signed in again, and the reason was gone
    fid = finding_id(planted, "threat_to_kill")
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        _sent_late(browser, session_clock, f"/findings/{fid}", reason=REASON)
        assert (
            "Your session ended after 30 minutes without activity; sign in again. What you typed in the form"
            " is kept: signing in as yourself takes you back to it."
        ) in browser.get("/login").text
        token = _csrf(browser.get("/login").text)
        signed = browser.post("/login", data={"user": ANN, "password": PASSWORD, "csrf": token})
        assert signed.headers["location"] == f"/findings/{fid}"  # back on the form, nothing in the address
        page = browser.get(f"/findings/{fid}").text
        assert f'<p class="done" role="status">{escape(KEPT)}</p>' in page
        assert _textarea(page) == escape(REASON)
        assert next(f for f in planted.store.findings() if f.id == fid).decision is None  # not applied
        assert not any(
            REASON in e.details or REASON in e.justification for e in planted.store.audit_entries()
        )
        assert _textarea(browser.get(f"/findings/{fid}").text) == ""  # given once
        again = {"action": "confirm", "reason": REASON, "csrf": _csrf(page), "seen": ""}
        assert browser.post(f"/findings/{fid}/decision", data=again).status_code == 303
    assert next(f for f in planted.store.findings() if f.id == fid).decision == "confirmed"


def test_a_kept_form_sent_again_after_a_colleague_decided_meanwhile_is_refused(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    # kept with the reason alone, her form came back weighed against the colleague's later decision, and
    # one click recorded her dismissal over it without the "decided meanwhile" refusal (newcode3 5)
    fid = finding_id(planted, "threat_to_kill")
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        _sent_late(browser, session_clock, f"/findings/{fid}", reason="a song lyric")
        decide(planted.acting_as("DC Bob Other", "reviewer"), fid, "confirm", "explicit; she was terrified")
        token = _csrf(browser.get("/login").text)
        browser.post("/login", data={"user": ANN, "password": PASSWORD, "csrf": token})
        page = browser.get(f"/findings/{fid}").text
        assert re.findall(r'name="seen" value="([^"]*)"', page) == [""]  # what she had weighed: none
        again = {"action": "dismiss", "reason": "a song lyric", "csrf": _csrf(page), "seen": ""}
        assert browser.post(f"/findings/{fid}/decision", data=again).status_code == 409
    assert next(f for f in planted.store.findings() if f.id == fid).decision == "confirmed"


def test_another_users_sign_in_discards_what_was_kept(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    fid = finding_id(planted, "threat_to_kill")
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        _sent_late(browser, session_clock, f"/findings/{fid}", reason=REASON)
        token = _csrf(browser.get("/login").text)
        bob = browser.post("/login", data={"user": "DC Bob Other", "password": PASSWORD, "csrf": token})
        assert bob.headers["location"] == "/"
        assert _textarea(browser.get(f"/findings/{fid}").text) == ""
        token = _csrf(browser.get("/login").text)
        ann = browser.post("/login", data={"user": ANN, "password": PASSWORD, "csrf": token})
        assert ann.headers["location"] == "/"  # gone, not waiting for her
        assert _textarea(browser.get(f"/findings/{fid}").text) == ""


def test_a_form_without_the_sessions_secret_is_not_kept(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    fid = finding_id(planted, "threat_to_kill")
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        _sent_late(browser, session_clock, f"/findings/{fid}", reason=REASON, csrf="planted")
        assert "What you typed" not in browser.get("/login").text
        assert _sign_in(browser, ANN) == 303  # to the content notice
        assert _textarea(browser.get(f"/findings/{fid}").text) == ""


def test_with_no_users_a_recorded_findings_form_is_kept_until_the_address_is_opened_again(
    planted: Case, settings: Settings, session_clock: list[float]
) -> None:
    app = create_app(planted.dir, settings)
    item = next(i.id for i in planted.store.iter_items())
    typed = {"category": "money_demand", "reason": REASON, "words": "", "span": "0:4"}
    with opened(app, follow_redirects=False) as browser:
        token = _csrf(browser.get(f"/items/{item}").text)
        session_clock[0] += IDLE_S + 1
        assert browser.post(f"/items/{item}/findings", data={**typed, "csrf": token}).status_code == 403
        reopened = browser.get(f"/?key={app.state.launch_key}")
        assert reopened.headers["location"] == f"/items/{item}"
        page = browser.get(f"/items/{item}").text
        assert f'<p class="done" role="status">{escape(KEPT)}</p>' in page
        assert '<option value="money_demand" selected>' in page and 'value="0:4"' in page
        assert _textarea(page) == escape(REASON)
    assert not [f for f in planted.store.findings() if f.analyser == "reviewer"]


def test_a_link_decisions_form_is_kept_with_its_tick(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    lid = plant_link(planted, "whatsapp:Priya Shah", "whatsapp:John Smith", "same number", [])
    typed = {"action": "accept", "reason": REASON, "person": "", "as_complainant": "yes"}
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        token = _csrf(browser.get(f"/links/{lid}").text)
        session_clock[0] += IDLE_S + 1
        sent = browser.post(f"/links/{lid}/decision", data={**typed, "csrf": token})
        assert sent.headers["location"] == "/login"
        token = _csrf(browser.get("/login").text)
        signed = browser.post("/login", data={"user": ANN, "password": PASSWORD, "csrf": token})
        assert signed.headers["location"] == f"/links/{lid}"
        page = browser.get(f"/links/{lid}").text
        assert f'<p class="done" role="status">{escape(KEPT)}</p>' in page
        assert _textarea(page) == escape(REASON)
        assert 'name="as_complainant" value="yes" checked' in page
    assert not [e for e in planted.store.audit_entries() if e.action.startswith("link ")]
