"""One access-log row (``footprint.access_log``) for a read of the case, from the command line
(``cli.access``) or a page of the review app (``web.app``). The read is never held up by its row: when the
row cannot be written (a read-only copy or database user, another writer holding SQLite's lock for more
than ``ACCESS_WAIT_MS``), the caller is told why, in one line, and says so."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from footprint.access_head import record_access_head
from footprint.code_identity import tool_version
from footprint.settings import login_name
from footprint.store.access_rows import ACCESS_WAIT_MS, append_access
from footprint.store.engine import write_locked
from footprint.times import now_utc

if TYPE_CHECKING:
    from footprint.case import Case


def record_access(
    case: Case, *, command: str, arguments: dict[str, Any], lines_shown: int, outcome: str = "ok"
) -> str:
    """Append the read to the case's access log as the case's acting user and role, with the purpose its
    settings give; return "" when it was written, else why not (one line)."""
    run = case.settings
    try:
        with case.store.transaction(ACCESS_WAIT_MS) as tx:
            entry = append_access(
                tx.conn,
                at_utc=now_utc(),
                actor=run.actor,
                role=run.role,
                os_user=login_name(),
                command=command,
                arguments=arguments,
                lines_shown=lines_shown,
                outcome=outcome,
                purpose=run.purpose,
                tool_version=tool_version(),
            )
    except SQLAlchemyError as exc:
        if write_locked(exc):
            return f"another command held the case's write lock for more than {ACCESS_WAIT_MS / 1000:g} s"
        return (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
    record_access_head(case.dir, entry.seq, entry.hash)  # committed; where the folder can be written
    return ""
