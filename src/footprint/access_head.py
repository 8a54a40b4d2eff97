"""The access log's head in the case folder (``access.head``): best effort, never in a read's way.

The access log's chain cannot show its newest rows removed, and `verify`'s own entry records only the log
as the latest `verify` saw it. So each read, once its row has committed, records that row's number and
hash in ``access.head`` (a file written beside it and renamed over the old one) — where the folder can be
written, and only forward (a slower colleague's older row does not replace a newer one: the head is read,
compared and replaced under a lock on ``.access.head.lock``, so two reads at once cannot move it back —
integrity review 5). A folder that
cannot be written (a read-only copy, a team case's folder on a read-only share) keeps its old head or
none, and the read goes ahead as before, saying nothing more: `verify` says what the head could not
cover, as a NOTE. A head naming a row the log no longer holds is tampering (``docs/access-log.md``).
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from footprint.access_log import TAMPERED, AccessEntry

#: the head's file name in the case folder
ACCESS_HEAD = "access.head"
#: held while the head is read, compared and replaced
_LOCK = ".access.head.lock"
_HEAD = re.compile(r"^(\d+) ([0-9a-f]{64})\n?$")


def read_access_head(case_dir: Path) -> tuple[int, str] | str | None:
    """The row ``access.head`` records (number, hash); ``None`` when there is none; what is wrong with it
    (one line) when it cannot be read."""
    try:
        found = _HEAD.match((case_dir / ACCESS_HEAD).read_text(encoding="ascii"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return (int(found.group(1)), found.group(2)) if found else "it does not read 'NUMBER SHA-256'"


def record_access_head(case_dir: Path, seq: int, digest: str) -> None:
    """Record row ``seq`` as the access log's head, unless the head records a later row; silently nothing
    where the folder cannot be written (the read has already been logged in the database)."""
    try:
        lock: int | None = os.open(case_dir / _LOCK, os.O_RDONLY | os.O_CREAT, 0o600)
    except OSError:  # a folder that cannot be written (nor, then, the head), or another's lock file
        lock = None
    try:
        if lock is not None:  # a colleague's read between this one's compare and its replace waits
            fcntl.flock(lock, fcntl.LOCK_EX)
        current = read_access_head(case_dir)
        if isinstance(current, tuple) and current[0] >= seq:
            return
        _replace_head(case_dir, seq, digest)
    finally:
        if lock is not None:
            os.close(lock)  # releases the lock


def _replace_head(case_dir: Path, seq: int, digest: str) -> None:
    try:
        fd, name = tempfile.mkstemp(prefix=f"{ACCESS_HEAD}.", suffix=".part", dir=case_dir)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(f"{seq} {digest}\n")
        os.replace(name, case_dir / ACCESS_HEAD)
    except OSError:
        Path(name).unlink(missing_ok=True)


def head_findings(case_dir: Path, entries: Sequence[AccessEntry]) -> tuple[list[str], list[str]]:
    """The problem when the log no longer holds the row the folder's head records (rows removed or
    replaced at its end), and the notes on what the head could not cover: it is missing or unreadable while
    the log has rows, or rows were logged after it (read through another copy of the folder, or where this
    one could not be written)."""
    head = read_access_head(case_dir)
    last = entries[-1] if entries else None
    if head is None or isinstance(head, str):
        if last is None:
            return [], []
        why = "there is none" if head is None else f"it cannot be read: {head}"
        return [], [
            f"access log: the case folder's {ACCESS_HEAD} does not record its last entry ({why}), so entries"
            " removed from its end since the latest verify would not be seen"
        ]
    seq, digest = head
    if any(e.seq == seq and e.hash == digest for e in entries):
        if last is not None and last.seq > seq:
            one = last.seq == seq + 1
            after = f"entry {last.seq} was" if one else f"entries {seq + 1}–{last.seq} were"
            return [], [
                f"access log: {after} logged after the case folder's {ACCESS_HEAD} (entry {seq}): read"
                " through another copy of the case folder, or where this one could not be written;"
                f" {'its' if one else 'their'} removal would not be seen here"
            ]
        return [], []
    return [
        f"{TAMPERED} it ends at entry {last.seq if last else 0}, but the case folder's {ACCESS_HEAD} records"
        f" entry {seq} (hash {digest}) as its last: entries removed or replaced, or the database is older"
        " than the case folder"
    ], []
