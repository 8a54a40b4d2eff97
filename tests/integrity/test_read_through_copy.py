"""Reads through a copy of the case folder behind the team's database are not refused (`search`, `assess`:
they go ahead without their audit entry and say so); `serve`, whose sign-ins and decisions write, refuses
to start with the line a write through the copy gives (the team review's items 5 and 6)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from footprint.case import Case
from footprint.cli import cli
from footprint.errors import FolderBehindError
from footprint.parties import add_person
from footprint.settings import Settings
from footprint.store import CaseStore
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

ONE_FOLDER = (
    "Every team member must use the one shared case folder (e.g. on a network share): docs/store.md, 'One"
    " case folder for a team'"
)


def _behind(folder: Path) -> str:
    return (
        f"{folder}: the case's database has 1 audit entry this case folder has not seen (its audit.head is"
        " at entry 1, the database at entry 2): it was written through another copy of the case folder,"
        " which holds their originals and audit head"
    )


def test_a_read_through_a_folder_behind_goes_ahead_unrecorded_and_says_so(
    tmp_path: Path, settings: Settings
) -> None:
    Case.init(tmp_path / "a", name="R v Shared", tz=None, settings=settings).close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    a = Case.open(tmp_path / "a", settings)
    b = Case(tmp_path / "b", settings, CaseStore(a.store.unscoped_engine), a.revision)
    add_person(a, "Ann Example", "suspect")  # through the shared folder: the copy b is now behind
    assert b.record_read("search", "kill", hits=0, shown=0) == (
        f"this search is not in the audit log: {_behind(tmp_path / 'b')}. {ONE_FOLDER}"
    )
    with pytest.raises(FolderBehindError) as refused:
        b.refuse_if_behind()
    assert str(refused.value) == f"{_behind(tmp_path / 'b')}; nothing was changed. {ONE_FOLDER}"
    assert [e.action for e in a.store.audit_entries()] == ["case init", "person add"]
    assert a.record_read("search", "kill", hits=0, shown=0) == ""  # through the shared folder: recorded
    a.refuse_if_behind()
    assert [e.action for e in a.store.audit_entries()][-1] == "search"
    a.close()


@pytest.mark.postgres
def test_on_postgresql_search_and_assess_run_through_a_copy_behind_and_serve_refuses_to_start(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[Case] = []  # each command's case, closed at the end: the test's database is then dropped
    real_open = Case.open

    def open_and_keep(*args: Any, **kwargs: Any) -> Case:
        opened.append(real_open(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(Case, "open", open_and_keep)
    shared, copy = tmp_path / "a", tmp_path / "b"
    Case.init(
        shared,
        name="R v Shared",
        tz=None,
        settings=Settings(actor="tester", role="investigator", database_url=pg_url),
    ).close()
    shutil.copytree(shared, copy)
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["--actor", "bob", "person", "add", str(shared), "Ann Example", "--role", "suspect"]
        ).exit_code
        == 0
    )
    for command in (["search", str(copy), "kill"], ["assess", str(copy)]):
        result = runner.invoke(cli, ["--actor", "alice", *command])
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            f"Warning: this {command[0]} is not in the audit log: {_behind(copy)}. {ONE_FOLDER}\n"
        )
    served = runner.invoke(cli, ["--actor", "alice", "serve", str(copy), "--port", "1"])
    assert (served.exit_code, served.output) == (
        1,
        f"Error: {_behind(copy)}; nothing was changed. {ONE_FOLDER}\n",
    )
    for case in opened:
        case.close()
