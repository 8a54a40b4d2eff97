"""A review app whose case was deleted (`footprint case delete`) while it ran, or whose folder went.

`case delete` removes the case folder (and, for a team case, every table of its database) and leaves one
thing: its record, in a file outside the folder, named in its ``case delete`` audit entry. A server still
running on the case finds the folder gone at its next request: every request is then answered in those
words (a signed-in user is told when, by whom and where the record is, read from that entry while the
server's connection can still read the removed database; anyone else only that the case is gone), the
server's log says so once, and the server stops. Nothing is read from or written to the case meanwhile:
there is no audit log left to write to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from footprint.case import CASE_FILE
from footprint.store import schema as t
from footprint.times import uk_display

#: what the page says, after what became of the case
NOTHING_DONE = "nothing was shown or recorded"


@dataclass(frozen=True)
class Gone:
    """What became of the case: in full (a signed-in user, the server's log) and for anyone else."""

    words: str
    brief: str


def gone(case_dir: Path, engine: Engine) -> Gone | None:
    """How the case in ``case_dir`` went, or ``None`` while its folder is there."""
    if (case_dir / CASE_FILE).exists():
        return None
    deletion = _deletion(engine)
    if deletion is None:
        return Gone(
            f"the case folder {case_dir} is gone (deleted with `footprint case delete`, whose record is in"
            " the file its --record named, or moved): the server will stop; start `footprint serve` again"
            " where the case now is",
            "the case this server served is gone: the server will stop",
        )
    at, actor, record = deletion
    return Gone(
        f"this case was deleted on {uk_display(at)} by {actor} (record {record}): the server will stop",
        "this case was deleted: the server will stop",
    )


def _deletion(engine: Engine) -> tuple[str, str, str] | None:
    """When, by whom and to which record the case was deleted, from its ``case delete`` audit entry,
    while the server's connection still reads the removed database (``None`` once it cannot)."""
    query = (
        select(t.audit.c.at_utc, t.audit.c.actor, t.audit.c.details)
        .where(t.audit.c.action == "case delete")
        .order_by(t.audit.c.seq.desc())
        .limit(1)
    )
    try:
        with engine.connect() as conn:
            row = conn.execute(query).first()
    except SQLAlchemyError:  # the folder, or the tables, already gone
        return None
    if row is None:
        return None
    try:
        record = str(json.loads(row.details).get("record") or "not named")
    except (ValueError, AttributeError):
        record = "not named"
    return str(row.at_utc), str(row.actor), record
