"""Whether a case folder and the database it opens hold one case, as far as the folder has seen it.

The folder keeps what the database must agree with: ``case.json``'s ``case_id`` (the SHA-256 of the case's
first audit entry, `case init`, written by `case init` since 30 Nov) and ``audit.head`` (the newest entry
the folder has recorded). A database holding another case (``case.json`` naming the wrong one), or one
*older* than the folder (restored from an older backup), disagrees; writing to it would carry on
silently from the older state, and after two writes `verify` would pass with what was lost gone without
trace. Every command but `verify` is refused; `verify` names it as a problem (docs/store.md, "A database
older than its case folder").

A folder made before ``case_id`` is checked by its ``audit.head`` alone: the head's hash chains every
entry before it, so another case's database does not hold it either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from footprint import audit_head
from footprint.errors import CaseMismatchError
from footprint.store import schema as t
from footprint.store.case_store import last_audit_entry

#: where the remedy is explained
DOC = "docs/store.md, 'A database older than its case folder'"


@dataclass(frozen=True)
class Mismatch:
    """How the database disagrees with the folder (``what``) and what to do about it (``advice``)."""

    what: str
    advice: str
    older: bool = False  # the database holds this case and is older than the folder (`case accept-restore`)

    def refusal(self, case_dir: Path) -> CaseMismatchError:
        """The error refusing a command on this case."""
        return CaseMismatchError(f"{case_dir}: {self.what}; nothing was done. {self.advice}")

    def problem(self) -> str:
        """The line `verify` reports."""
        return f"{self.what}. {self.advice}"


def mismatch(
    case_dir: Path, config: dict[str, Any], conn: Connection, shown: str, last: int | None = None
) -> Mismatch | None:
    """How the database on ``conn`` (``shown``: its URL as it may be shown) disagrees with the case folder,
    or ``None``. ``last``: the database's last audit entry as the caller read it (a writer, under the audit
    lock, before its own entries); read here when not given."""
    own_id = config.get("case_id")
    head = audit_head.file_head(case_dir)
    seqs = [seq for seq in (1 if own_id else None, head[0] if head else None) if seq is not None]
    held = dict(conn.execute(select(t.audit.c.seq, t.audit.c.hash).where(t.audit.c.seq.in_(seqs))).all())
    if own_id and held.get(1) != own_id:
        name = conn.execute(select(t.case.c.name)).scalar()
        theirs = "no case" if 1 not in held else f"another case, {name!r} (case id {held[1][:16]})"
        ours = config.get("case_name")
        return Mismatch(
            f"the case's database ({shown}) holds {theirs}, not this folder's case"
            f"{f' {ours!r}' if isinstance(ours, str) else ''} (case id {str(own_id)[:16]})",
            f"Correct database_url in {case_dir / 'case.json'} to this case's own database (no password:"
            " give it in PGPASSWORD or ~/.pgpass) (docs/store.md, 'Moving a case's database')",
        )
    if head is None:  # a folder with no head is named by `verify`
        return None
    if last is None:
        last = (last_audit_entry(conn) or (0, ""))[0]
    advice = (
        f"Restore the newest backup of the database (one that holds entry {head[0]}), or correct"
        f" database_url in case.json if it names the wrong database, then run `footprint verify {case_dir}`;"
        f" keep every file in the vault: the originals of exhibits the database lacks may be there ({DOC})"
    )
    if last < head[0]:
        return Mismatch(
            f"the case's database ({shown}) is older than this case folder: it holds audit entries up to"
            f" {last}, the folder saw up to {head[0]} ({audit_head.HEAD_FILE}); it may have been restored"
            " from an older backup, and what was done after that backup is not in it",
            f"{advice}. If no backup holds entry {head[0]}, `footprint case accept-restore {case_dir}"
            " --reason TEXT` carries the case on from this database, recording the gap for good"
            " (docs/integrity.md, 'Carrying a case on from an older database')",
            older=True,
        )
    if held.get(head[0]) != head[1]:
        return Mismatch(
            f"the case's database ({shown}) does not hold the audit entry this case folder recorded as its"
            f" head: its entry {head[0]} is another (SHA-256 {str(held.get(head[0]))[:12]}…, the folder's"
            f" {head[1][:12]}…); it is another case's database, or one restored from an older backup and"
            f" written to since, or the folder's {audit_head.HEAD_FILE} was changed (then put it back from a"
            " copy of the case folder)",
            advice,
        )
    return None


def head_only_note(config: dict[str, Any]) -> str | None:
    """`verify`'s NOTE for a folder made before ``case_id``: matched to its database by ``audit.head``
    alone."""
    if config.get("case_id"):
        return None
    return (
        "case.json records no case_id (the case was made before 30 November 2026): the folder is matched to"
        f" its database by {audit_head.HEAD_FILE} alone (the newest audit entry it recorded), not also by the"
        " case's first entry"
    )
