"""Which database a case folder opens, and writes from a folder that is not the case's one folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.errors import InputError
from footprint.settings import Settings
from footprint.store import CaseStore

Run = Callable[..., Result]
OTHER = "postgresql+psycopg://postgres:s3cret@db.example:5432/case_two"


def test_a_database_given_for_a_sqlite_case_is_refused_before_anything_is_opened(
    tmp_path: Path, run_cli: Run
) -> None:
    assert run_cli("case", "init", str(tmp_path / "c"), "--name", "R v One").exit_code == 0
    for args in (["ls", str(tmp_path / "c")], ["case", "upgrade", str(tmp_path / "c")]):
        result = run_cli("--db", OTHER, *args)
        assert (result.exit_code, result.output) == (
            1,
            f"Error: {tmp_path / 'c'}: the database given by --db or FOOTPRINT_DATABASE_URL"
            " (postgresql+psycopg://postgres:***@db.example:5432/case_two) is not this case's database"
            f" (sqlite:///{tmp_path / 'c' / 'case.db'}, the case.db in the case folder); nothing was done."
            " Leave out --db and unset FOOTPRINT_DATABASE_URL to use the case's own database (a case whose"
            " database has moved: docs/store.md, 'Moving a case's database')\n",
        )


def test_the_case_db_named_by_another_path_is_the_same_database(tmp_path: Path, settings: Settings) -> None:
    Case.init(tmp_path / "c", name="R v One", tz=None, settings=settings).close()
    same = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path}/c/../c/case.db"})
    assert Case.database_url(tmp_path / "c", same) == f"sqlite:///{tmp_path}/c/../c/case.db"
    elsewhere = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path}/other.db"})
    with pytest.raises(InputError, match="is not this case's database"):
        Case.database_url(tmp_path / "c", elsewhere)


def test_a_write_from_a_copy_of_the_case_folder_that_is_behind_the_database_is_refused(
    tmp_path: Path, settings: Settings
) -> None:
    # cp -a A B, then a write through B: A's vault lacks B's originals and its audit.head is behind
    import shutil

    from footprint.parties import add_person

    Case.init(tmp_path / "a", name="R v One", tz=None, settings=settings).close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    original = Case.open(tmp_path / "a", settings)
    # B's case.json names the same database (a team's server): B is A's database seen from another folder
    copy = Case(tmp_path / "b", settings, CaseStore(original.store.unscoped_engine), original.revision)
    add_person(copy, "Ann Example", "suspect")  # the copy's first write cannot be told from the folder's own
    original = Case.open(tmp_path / "a", settings)
    head = (tmp_path / "a" / "audit.head").read_text(encoding="ascii")
    with pytest.raises(InputError) as refused:
        add_person(original, "Ben Example", "complainant")
    assert str(refused.value) == (
        f"{tmp_path / 'a'}: the case's database has 1 audit entry this case folder has not seen (its"
        " audit.head is at entry 1, the database at entry 2): it was written through another copy of the"
        " case folder, which holds their originals and audit head; nothing was changed. Every team member"
        " must use the one shared case folder (e.g. on a network share): docs/store.md, 'One case folder"
        " for a team'"
    )
    assert [p.name for p in original.store.persons()] == ["Ann Example"]
    assert [e.action for e in original.store.audit_entries()] == ["case init", "person add"]
    assert (tmp_path / "a" / "audit.head").read_text(encoding="ascii") == head
    assert list((tmp_path / "a").glob("audit.head.*")) == []
    original.close()
