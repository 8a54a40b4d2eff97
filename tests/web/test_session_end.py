"""Every sign-in has its end in the audit log: a session that ended after 30 minutes without a request (or
at its 8-hour limit) is audited as its user's `web sign-out` at the next request that finds it ended, any
browser's, or when the server stops, with when it ended; one still open when the server stops, or ended by
another sign-in in the same browser, is audited too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app
from footprint.web.sessions import IDLE_S, LIFETIME_S
from tests.audited import said

from .conftest import opened
from .test_sign_in import PASSWORD, _sign_in

ANN = "DC Ann Reviewer"


@pytest.fixture
def served(planted: Case, settings: Settings) -> Iterator[FastAPI]:
    add_user(planted, ANN, "reviewer", PASSWORD)
    add_user(planted, "Observer", "viewer", PASSWORD)
    yield create_app(planted.dir, settings)


def _ends(case: Case) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    return [
        (e.actor, e.role, e.object, e.justification, said(e))
        for e in case.store.audit_entries()
        if e.action == "web sign-out"
    ]


def test_an_idle_sessions_end_is_audited_at_its_next_request(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    # the audit log showed the sign-in but never its end
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        session_clock[0] += 60
        assert browser.get("/findings").status_code == 200  # its latest request: at 1060
        session_clock[0] += IDLE_S + 500
        assert _ends(planted) == []
        assert browser.get("/findings").headers["location"] == "/login"
        idle = (ANN, "reviewer", ANN, "session ended (idle): 30 minutes without a request")
        assert _ends(planted) == [(*idle, {"ended": "2026-01-01T00:47:40Z"})]  # 1060 + 1800 s
        assert browser.get("/login").status_code == 200
    assert _ends(planted) == [(*idle, {"ended": "2026-01-01T00:47:40Z"})]  # once


def test_a_session_nobody_comes_back_to_is_audited_at_another_browsers_request_or_when_the_server_stops(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    with (
        TestClient(served, follow_redirects=False) as left,
        TestClient(served, follow_redirects=False) as colleague,
        TestClient(served, follow_redirects=False) as forgotten,
    ):
        assert _sign_in(left, ANN) == 303
        session_clock[0] += IDLE_S + 1
        assert _sign_in(colleague, "Observer") == 303
        assert _ends(planted) == [
            (
                ANN,
                "reviewer",
                ANN,
                "session ended (idle): 30 minutes without a request",
                {"ended": "2026-01-01T00:46:40Z"},
            )
        ]
        for _ in range(LIFETIME_S // (20 * 60)):  # the colleague's session in use reaches its limit
            session_clock[0] += 20 * 60
            assert colleague.get("/findings").status_code == 200
        assert _sign_in(forgotten, ANN) == 303  # and makes no request again
        session_clock[0] += 20 * 60 + IDLE_S
    assert _ends(planted) == [
        (
            ANN,
            "reviewer",
            ANN,
            "session ended (idle): 30 minutes without a request",
            {"ended": "2026-01-01T00:46:40Z"},
        ),
        (
            "Observer",
            "viewer",
            "Observer",
            "session ended (limit): 8 hours after it began",
            {"ended": "2026-01-01T08:46:41Z"},
        ),
        (  # 30 minutes after it signed in, at the colleague's limit
            ANN,
            "reviewer",
            ANN,
            "session ended (idle): 30 minutes without a request",
            {"ended": "2026-01-01T09:16:41Z"},
        ),
    ]


def test_sessions_open_when_the_server_stops_or_replaced_by_another_sign_in_end_in_the_audit_log(
    served: FastAPI, planted: Case, session_clock: list[float]
) -> None:
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        assert _sign_in(browser, "Observer") == 303  # Ann's session in this browser ends
        assert _ends(planted) == [(ANN, "reviewer", ANN, "signed in again in this browser", {})]
    assert _ends(planted)[1:] == [("Observer", "viewer", "Observer", "session ended (server stopped)", {})]


def test_with_no_users_the_named_users_idle_session_ends_in_the_audit_log(
    planted: Case, settings: Settings, session_clock: list[float]
) -> None:
    app = create_app(planted.dir, settings)
    with opened(app, follow_redirects=False) as browser:
        session_clock[0] += IDLE_S + 1
        assert browser.get("/findings").status_code == 403
    assert _ends(planted) == [
        (
            "tester",
            "investigator",
            "tester",
            "session ended (idle): 30 minutes without a request",
            {"ended": "2026-01-01T00:46:40Z"},
        )
    ]
