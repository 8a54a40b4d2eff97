"""A running server ends a user's open sessions when their password changes, or they are disabled or
removed, by the command line or the app, at the session's next request (audited)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete

from footprint.case import Case
from footprint.settings import Settings
from footprint.store import schema
from footprint.users import add_user
from footprint.web import create_app
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

from .test_password import NEW, _change
from .test_sign_in import PASSWORD, _sign_in

ANN = "DC Ann Reviewer"


@pytest.fixture
def served(planted: Case, settings: Settings) -> Iterator[FastAPI]:
    add_user(planted, ANN, "reviewer", PASSWORD)
    add_user(planted, "Observer", "viewer", PASSWORD)
    yield create_app(planted.dir, settings)  # the server; the command line opens the case apart from it


def _ended(case: Case) -> list[tuple[str, str, str, str]]:
    return [
        (e.actor, e.role, e.object, e.justification)
        for e in case.store.audit_entries()
        if e.action == "web sign-out"
    ]


def _cli_password(run_cli: Callable[..., Result], case: Case, name: str, tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(NEW + "\n", encoding="utf-8")
    done = run_cli("user", "password", str(case.dir), name, "--password-file", str(new))
    assert done.exit_code == 0, done.output


def test_a_password_set_on_the_command_line_ends_the_users_open_sessions(
    served: FastAPI, planted: Case, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    with (
        TestClient(served, follow_redirects=False) as office,
        TestClient(served, follow_redirects=False) as laptop,
        TestClient(served, follow_redirects=False) as other_user,
    ):
        for browser, name in ((office, ANN), (laptop, ANN), (other_user, "Observer")):
            assert _sign_in(browser, name) == 303
        _cli_password(run_cli, planted, ANN, tmp_path)
        for browser in (office, laptop):
            assert browser.get("/findings").headers["location"] == "/login"
            assert browser.get("/findings").headers["location"] == "/login"  # still, and audited once
        assert other_user.get("/findings").status_code == 200
        assert _sign_in(office, ANN) == 403  # the old password
        assert _sign_in(office, ANN, NEW) == 303
        assert office.get("/findings").status_code == 200
    ended = (ANN, "reviewer", ANN, "the user's password was changed since this session signed in")
    assert _ended(planted) == [ended, ended]


def test_disabling_a_user_on_the_command_line_ends_their_sessions(
    served: FastAPI, planted: Case, run_cli: Callable[..., Result]
) -> None:
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        done = run_cli("user", "disable", str(planted.dir), ANN, "--reason", "left the team")
        assert done.exit_code == 0, done.output
        assert browser.get("/findings").headers["location"] == "/login"
        assert browser.get("/links").headers["location"] == "/login"
    assert _ended(planted) == [(ANN, "reviewer", ANN, "the user was disabled")]


def test_a_user_removed_from_the_case_is_signed_out(served: FastAPI, planted: Case) -> None:
    with TestClient(served, follow_redirects=False) as browser:
        assert _sign_in(browser, ANN) == 303
        with planted.transaction() as (tx, record):
            tx.conn.execute(delete(schema.case_user).where(schema.case_user.c.name == ANN))
            record("test", "user removed")
        assert browser.get("/findings").headers["location"] == "/login"
    assert _ended(planted) == [("(not signed in)", "none", ANN, "the user is no longer in the case")]


def test_a_password_changed_in_the_app_keeps_this_session_and_ends_the_others(
    served: FastAPI, planted: Case
) -> None:
    with (
        TestClient(served, follow_redirects=False) as here,
        TestClient(served, follow_redirects=False) as elsewhere,
    ):
        assert _sign_in(here, ANN) == 303 and _sign_in(elsewhere, ANN) == 303
        assert _change(here, PASSWORD, NEW)[0] == 200
        assert here.get("/findings").status_code == 200
        assert _change(here, NEW, PASSWORD)[0] == 200  # and again: this session has the newest password
        assert here.get("/findings").status_code == 200
        assert elsewhere.get("/findings").headers["location"] == "/login"
    assert [j for _, _, _, j in _ended(planted)] == ["the user's new password ends their other sessions"]


def test_two_servers_over_one_postgresql_case_end_each_others_sessions(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    # a team's case: a password set through one server (or the command line) ends sessions on the other
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    add_user(case, ANN, "reviewer", PASSWORD)
    with (
        TestClient(create_app(case.dir, settings), follow_redirects=False) as first,
        TestClient(create_app(case.dir, settings), follow_redirects=False) as second,
    ):
        assert _sign_in(first, ANN) == 303 and _sign_in(second, ANN) == 303
        assert _change(first, PASSWORD, NEW)[0] == 200
        assert first.get("/findings").status_code == 200
        assert second.get("/findings").headers["location"] == "/login"
    assert [j for _, _, _, j in _ended(case)] == [
        "the user's password was changed since this session signed in"
    ]
    case.close()
