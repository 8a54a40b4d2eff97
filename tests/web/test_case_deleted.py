"""A review app still running on a case `footprint case delete` removed says so to every request, logs it
and stops, rather than reading the missing audit head as tampering."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from footprint import case as case_module
from footprint.settings import Settings
from footprint.web import create_app
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.test_case_delete import _case, delete

from .conftest import opened

DELETED = "2026-11-30T10:15:00Z"


def _problem(text: str) -> str:
    return text.split('<p class="problem" role="alert">', 1)[1].split("</p>", 1)[0]


def test_every_request_after_the_case_is_deleted_says_so_and_the_server_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder, _ = _case(tmp_path)
    app = create_app(folder, Settings(actor="DC Test", role="investigator"))
    stops: list[str] = []
    app.state.stop = lambda: stops.append("stop")
    record = tmp_path / "deleted.json"
    with opened(app, follow_redirects=False) as browser:
        assert browser.get("/findings").status_code == 200
        with monkeypatch.context() as clock:
            clock.setattr(case_module, "now_utc", lambda: DELETED)  # the `case delete` entry's time
            assert delete(folder, record).exit_code == 0
        words = (
            f"this case was deleted on 30/11/2026 10:15:00 GMT (+00:00) by DC Test (record {record}): the"
            " server will stop; nothing was shown or recorded"
        )
        for path in ("/", "/findings", "/items", "/links", "/findings/1"):
            page = browser.get(path)
            assert (page.status_code, _problem(page.text)) == (410, escape(words)), path
            assert "<title>Case gone · Footprint review" in page.text
        data = {"action": "dismiss", "reason": "banter", "csrf": "", "seen": ""}
        posted = browser.post("/findings/1/decision", data=data)
        assert (posted.status_code, _problem(posted.text)) == (410, escape(words))
        assert browser.get("/static/app.css").status_code == 200  # the page keeps its look
        # a browser without this server's session is told only that the case was deleted
        signed_in = browser.cookies
        browser.cookies = {}  # type: ignore[assignment]
        page = browser.get("/findings")
        assert (page.status_code, _problem(page.text)) == (
            410,
            "this case was deleted: the server will stop; nothing was shown or recorded",
        )
        browser.cookies = signed_in
    # found once: logged once and the server stopped; at its end, nothing is written to the gone case
    assert stops == ["stop"]
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "footprint.web.app",
            "WARNING",
            f"Footprint review: this case was deleted on 30/11/2026 10:15:00 GMT (+00:00) by DC Test (record"
            f" {record}): the server will stop",
        ),
        ("footprint.web.app", "WARNING", "1 session(s) ended unaudited: the case was deleted"),
    ]


def test_on_postgresql_the_dropped_tables_leave_the_folder_gone_said(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder, _ = _case(tmp_path, db=pg_url)
    app = create_app(folder, Settings(actor="DC Test", role="investigator"))
    with opened(app, follow_redirects=False) as browser:
        assert browser.get("/findings").status_code == 200
        assert delete(folder, tmp_path / "deleted.json").exit_code == 0
        page = browser.get("/findings")
        # the tables went with the `case delete` entry: when and by whom cannot be read
        assert (page.status_code, _problem(page.text)) == (
            410,
            escape(
                f"the case folder {folder} is gone (deleted with `footprint case delete`, whose record is"
                " in the file its --record named, or moved): the server will stop; start `footprint"
                " serve` again where the case now is; nothing was shown or recorded"
            ),
        )
    assert "1 session(s) ended unaudited: the case was deleted" in caplog.text


def test_a_request_from_another_computer_is_still_refused_first(tmp_path: Path) -> None:
    folder, _ = _case(tmp_path)
    app = create_app(folder, Settings(actor="DC Test", role="investigator"))
    with opened(app) as browser:
        assert delete(folder, tmp_path / "deleted.json").exit_code == 0
        page = browser.get("/findings", headers={"host": "evil.example.org"})
        assert page.status_code == 403
        assert "deleted" not in page.text
