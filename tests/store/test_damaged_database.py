"""A `case.db` SQLite cannot read gives one clear error on every command, `verify` included, and the
file is left as it was (integrity review 5, defect 6: a raw traceback before)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case

TO_DO = (
    ": it is damaged, cut short, overwritten or emptied. Nothing was changed. Restore case.db from the case's"
    " backup or a copy of the case folder; `footprint verify` cannot check a database it cannot read\n"
)


def _cut_short(database: Path) -> None:
    os.truncate(database, database.stat().st_size // 2)


def _random_bytes(database: Path) -> None:
    database.write_bytes(bytes(range(256)) * 64)


def _emptied(database: Path) -> None:
    database.write_bytes(b"")


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (_cut_short, 'SQLite says "database disk image is malformed"'),
        (_random_bytes, 'SQLite says "file is not a database"'),
        (_emptied, "the file is empty: 0 bytes"),
    ],
)
def test_a_damaged_database_is_named_with_what_sqlite_said_and_what_to_do(
    case: Case, run_cli: Callable[..., Result], damage: Callable[[Path], None], why: str
) -> None:
    case.close()
    database = case.dir / "case.db"
    damage(database)
    before = (database.read_bytes(), sorted(p.name for p in case.dir.iterdir()))
    for command in ("verify", "ls", "findings"):
        result = run_cli(command, str(case.dir))
        assert (result.exit_code, result.output) == (
            1,
            f"Error: {database}: the case's database cannot be read ({why}){TO_DO}",
        ), command
    assert (database.read_bytes(), sorted(p.name for p in case.dir.iterdir())) == before
