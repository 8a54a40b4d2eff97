"""In headless Chromium: a reviewer types a long reason, sends it after her session has ended, signs in
again and is back on the form with her reason, which is recorded only when she sends it again."""

from __future__ import annotations

import pytest

from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import sessions
from footprint.web.wording import KEPT
from tests.chromium import ARGS, CHROMIUM, watched_page

from .conftest import finding_id
from .test_browser import _serve, _sign_in_as_ann

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

REASON = "Explicit threat, addressed to her by name, sent two days after the non-molestation order. " * 8


def test_a_reason_sent_after_the_session_ended_is_back_in_the_form_after_signing_in(
    planted: Case, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    add_user(planted, "DC Ann Reviewer", "reviewer", "correct horse battery")
    real_clock, idle = sessions.clock, [0.0]
    # her half hour of writing passes on the sessions' clock at once, not in real time: a slow machine
    # cannot end her session early
    monkeypatch.setattr(sessions, "clock", lambda: real_clock() + idle[0])
    fid = finding_id(planted, "threat_to_kill")
    server = _serve(planted, settings)
    base = next(server)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page, seen = watched_page(browser)
                _sign_in_as_ann(page, base)
                page.goto(f"{base}/findings/{fid}", wait_until="load")
                page.fill("textarea[name=reason]", REASON)
                idle[0] += sessions.IDLE_S + 1  # she writes on for longer than the session lasts
                page.click("button:text('Confirm')")
                page.wait_for_url(f"{base}/login")
                assert "What you typed in the form is kept" in page.inner_text("p[role=status]")
                page.fill("input[name=user]", "DC Ann Reviewer")
                page.fill("input[name=password]", "correct horse battery")
                page.click("button:text('Sign in')")
                page.wait_for_url(f"{base}/findings/{fid}")
                assert page.inner_text("p[role=status]") == KEPT
                assert page.input_value("textarea[name=reason]") == REASON
                assert next(f for f in planted.store.findings() if f.id == fid).decision is None
                page.click("button:text('Confirm')")
                page.wait_for_url(f"{base}/findings/{fid}")
                assert page.inner_text("p[role=status]") == f"Finding #{fid} confirmed."
            finally:
                browser.close()
    finally:
        next(server, None)
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["console"] == []
    assert all(REASON.split()[0] not in url for url in seen["requests"])  # never in an address
    assert next(f for f in planted.store.findings() if f.id == fid).decision == "confirmed"
