"""A signed-in user changes their own password in the review app; their other sessions end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app

from .test_sign_in import PASSWORD, _csrf, _sign_in

NEW = "a much longer passphrase"


@pytest.fixture
def app_of_team(planted: Case, settings: Settings) -> Iterator[FastAPI]:
    add_user(planted, "Observer", "viewer", PASSWORD)
    yield create_app(planted.dir, settings)


def _change(client: TestClient, current: str, new: str, repeat: str | None = None) -> tuple[int, str]:
    token = _csrf(client.get("/password").text)
    data = {"current": current, "new": new, "repeat": new if repeat is None else repeat, "csrf": token}
    response = client.post("/password", data=data)
    return response.status_code, response.text


def _password_audit(case: Case) -> list[tuple[str, str, str, str]]:
    return [
        (e.actor, e.action, e.object, e.justification)
        for e in case.store.audit_entries()
        if e.action.startswith("user password") or e.action in ("web sign-out", "web password locked")
    ]


def test_a_user_changes_their_password_and_their_other_sessions_end(
    app_of_team: FastAPI, planted: Case
) -> None:
    with (
        TestClient(app_of_team, follow_redirects=False) as here,
        TestClient(app_of_team, follow_redirects=False) as elsewhere,
    ):
        assert _sign_in(here, "Observer") == 303 and _sign_in(elsewhere, "Observer") == 303
        form = here.get("/password").text
        assert '<label for="current">Current password</label>' in form
        assert '<a href="/password" aria-current="page">Change password</a>' in form
        assert 'autocomplete="new-password" minlength="12" required' in form
        status, page = _change(here, PASSWORD, NEW)
        assert status == 200
        assert (
            "Your password is changed. Any other browser signed in as Observer has been signed out." in page
        )
        assert here.get("/findings").status_code == 200  # this browser stays signed in ...
        assert elsewhere.get("/findings").headers["location"] == "/login"  # ... the other one does not
        here.cookies.clear()
        assert _sign_in(here, "Observer", PASSWORD) == 403
        assert _sign_in(here, "Observer", NEW) == 303
    assert _password_audit(planted) == [
        ("Observer", "user password", "Observer", "changed by the user themself"),
        ("Observer", "web sign-out", "Observer", "the user's new password ends their other sessions"),
        # the server stops: the session whose cookie was cleared, and the new one
        *[("Observer", "web sign-out", "Observer", "session ended (server stopped)")] * 2,
    ]


@pytest.mark.parametrize(
    ("current", "new", "repeat", "status", "message"),
    [
        ("wrong password", NEW, NEW, 403, "the current password is wrong; type it again"),
        (PASSWORD, "too short", "too short", 400, "the password for Observer is shorter than 12 characters"),
        (PASSWORD, NEW, NEW + "!", 400, "the new password and its repeat differ; type the same new password"),
    ],
)
def test_a_change_that_cannot_be_made_is_explained_and_changes_nothing(
    app_of_team: FastAPI, planted: Case, current: str, new: str, repeat: str, status: int, message: str
) -> None:
    with TestClient(app_of_team, follow_redirects=False) as client:
        assert _sign_in(client, "Observer") == 303
        got, page = _change(client, current, new, repeat)
        assert (got, message in page) == (status, True)
        client.cookies.clear()
        assert _sign_in(client, "Observer", PASSWORD) == 303


def test_guessing_the_current_password_locks_the_name_out(app_of_team: FastAPI, planted: Case) -> None:
    # a browser left signed in must not let someone find the password by trying it on this form
    with TestClient(app_of_team, follow_redirects=False) as client:
        assert _sign_in(client, "Observer") == 303
        for _ in range(5):
            assert _change(client, "guess", NEW)[0] == 403
        status, page = _change(client, PASSWORD, NEW)
        assert status == 403
        assert "Observer is locked out for 15 minutes after 5 wrong passwords" in page
    assert [a for _, a, _, _ in _password_audit(planted)] == [
        *["user password refused"] * 5,
        "web password locked",
        "web sign-out",  # the server stopped
    ]


def test_a_change_from_another_site_is_refused(app_of_team: FastAPI) -> None:
    with TestClient(app_of_team, follow_redirects=False) as client:
        assert _sign_in(client, "Observer") == 303
        data = {"current": PASSWORD, "new": NEW, "repeat": NEW, "csrf": "forged"}
        response = client.post("/password", data=data)
        assert response.status_code == 403
        assert "this form is out of date or came from another site" in response.text
        assert (
            client.post("/password", data=data | {"csrf": _csrf(client.get("/password").text)}).status_code
            == 200
        )


def test_the_form_needs_a_signed_in_user(app_of_team: FastAPI) -> None:
    with TestClient(app_of_team, follow_redirects=False) as stranger:
        assert stranger.get("/password").headers["location"] == "/login"
        assert stranger.post("/password", data={"csrf": "x"}).headers["location"] == "/login"


def test_a_case_without_users_has_no_password_to_change(client: TestClient) -> None:
    for response in (client.get("/password"), client.post("/password", data={"csrf": "x"})):
        assert response.status_code == 404
        assert "this case has no users, so there is no password to change" in response.text
    assert 'href="/password"' not in client.get("/findings").text
