"""A case database SQLite cannot read: one clear error, wherever the damage shows.

A `case.db` cut short, overwritten or emptied makes SQLite refuse it ("file is not a database",
"database disk image is malformed") at whichever statement first reaches the damage; an emptied one
reads as a database with no tables. Each becomes a :class:`DamagedDatabaseError` naming the file, what
SQLite said and what to do (``docs/integrity.md``, "A damaged case database").
"""

from __future__ import annotations

from pathlib import Path

from footprint.errors import DamagedDatabaseError

#: SQLite's primary result codes for a file it cannot read as a database
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def damaged_database(database: Path | str, why: str) -> DamagedDatabaseError:
    """The error for the case database ``database``, unreadable because ``why`` (what SQLite said)."""
    return DamagedDatabaseError(
        f"{database}: the case's database cannot be read ({why}): it is damaged, cut short, overwritten or"
        " emptied. Nothing was changed. Restore case.db from the case's backup or a copy of the case folder;"
        " `footprint verify` cannot check a database it cannot read"
    )


def sqlite_damage(exc: BaseException | None) -> str | None:
    """What SQLite said, when ``exc`` is its refusal of a file it cannot read as a database."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return f'SQLite says "{exc}"'
    return None
