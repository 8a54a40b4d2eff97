"""The audit chain's head, kept in a file beside the database (``audit.head``: "SEQ SHA-256").

Removing the newest audit rows leaves a chain that still links up; the head file is what shows they
are gone. It must therefore never disagree with the database by accident:

- before a transaction that adds audit entries commits, its new head is *staged* in a file of its own
  (``audit.head.<seq>.<random>.staged``). If that write fails (a full disk) the transaction is rolled
  back, so the case is as it was;
- after the commit the staged file *replaces* ``audit.head`` (a rename, which needs no free space), unless
  a newer head is already recorded (several writers: the review app's threads, a command run beside it);
- if the process dies between the commit and the rename, the staged file is still there and names the
  committed entry: reading the head takes the newest staged head that matches an entry in the log, so
  `verify` does not call Footprint's own last entry "written outside Footprint". A staged head that
  matches no entry (its transaction did not commit) is ignored and removed by the next writer.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from footprint.model import AuditEntry

HEAD_FILE = "audit.head"
_STAGED = re.compile(r"^audit\.head\.(\d+)\.[^.]+\.staged$")
_HEAD = re.compile(r"^(\d+) ([0-9a-f]{64})\n?$")
# one writer of the head file at a time in this process (the review app answers in a thread pool)
_LOCK = threading.Lock()

Head = tuple[int, str]


def stage_head(case_dir: Path, seq: int, digest: str) -> Path:
    """Write the head a transaction is about to commit into a staged file of its own (raises ``OSError``
    — and removes what it wrote — when it cannot: the caller then rolls the transaction back)."""
    fd, name = tempfile.mkstemp(prefix=f"{HEAD_FILE}.{seq}.", suffix=".staged", dir=case_dir)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(f"{seq} {digest}\n")
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def promote_head(case_dir: Path, staged: Path) -> None:
    """After the commit: make the staged head the recorded one, unless a newer head is recorded already;
    staged files of older heads (left by a process that died after its commit) go too."""
    seq = _staged_seq(staged)
    with _LOCK:
        current = _parse(case_dir / HEAD_FILE)
        if current is None or current[0] < seq:
            with suppress(FileNotFoundError):  # a newer writer tidied it away and recorded its own head
                os.replace(staged, case_dir / HEAD_FILE)
        else:
            staged.unlink(missing_ok=True)
        for other in case_dir.glob(f"{HEAD_FILE}.*.staged"):
            if _staged_seq(other) <= seq:
                other.unlink(missing_ok=True)


def replace_head(case_dir: Path, staged: Path) -> None:
    """After the commit of `case accept-restore`: the staged head replaces the recorded one although that
    one's number is higher (the database was older than the folder, and the log carries on from it), and
    every other staged head goes (none names an entry of the log as it carries on)."""
    with _LOCK:
        os.replace(staged, case_dir / HEAD_FILE)
        for other in case_dir.glob(f"{HEAD_FILE}.*.staged"):
            other.unlink(missing_ok=True)


def discard_staged(staged: Path) -> None:
    """The transaction did not commit: its staged head names no entry."""
    staged.unlink(missing_ok=True)


def seen_upto(case_dir: Path) -> int | None:
    """The newest audit entry this case folder has recorded (``audit.head`` or a staged head), or ``None``
    when it records none. Staged heads are read before ``audit.head``: a writer that renames its staged
    head meanwhile has then put it in ``audit.head``, so a committed head is never missed."""
    staged = [_parse(path) for path in case_dir.glob(f"{HEAD_FILE}.*.staged")]
    seqs = [head[0] for head in (*staged, _parse(case_dir / HEAD_FILE)) if head is not None]
    return max(seqs, default=None)


def file_head(case_dir: Path) -> Head | None:
    """The head ``audit.head`` records (not a staged head: one may name an entry that never committed), or
    ``None`` when it is missing or unreadable."""
    return _parse(case_dir / HEAD_FILE)


def recorded_head(case_dir: Path, entries: Sequence[AuditEntry]) -> tuple[Head | None, list[str]]:
    """The head the log must end at, with any problem in the head file itself.

    The recorded head is ``audit.head``, or a newer staged head that names an entry of ``entries`` (its
    transaction committed, the rename did not happen). A missing head file while the log has entries, or
    one that does not read "SEQ SHA-256", is a problem: removing entries at the end could not be seen.
    """
    path = case_dir / HEAD_FILE
    problems: list[str] = []
    head: Head | None = None
    # staged heads first (as ``seen_upto``): one renamed to audit.head meanwhile is then read there
    staged_heads = [_parse(staged) for staged in case_dir.glob(f"{HEAD_FILE}.*.staged")]
    if path.exists():
        head = _parse(path)
        if head is None:
            text = path.read_bytes()[:40].decode("ascii", "backslashreplace")
            problems.append(
                f"{HEAD_FILE} does not read 'SEQ SHA-256' (it reads {text!r}): changed outside Footprint,"
                " so entries removed at the end of the audit log cannot be detected"
            )
    by_seq = {e.seq: e.hash for e in entries}
    for found in staged_heads:
        if found is not None and by_seq.get(found[0]) == found[1] and (head is None or found[0] > head[0]):
            head = found
    if head is None and entries and not problems:
        problems.append(
            f"{HEAD_FILE} is missing although the audit log has {len(entries)} entries: removed outside"
            " Footprint, so entries removed at the end of the audit log cannot be detected"
        )
    return head, problems


def _parse(path: Path) -> Head | None:
    try:
        match = _HEAD.match(path.read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return None
    return (int(match.group(1)), match.group(2)) if match else None


def _staged_seq(path: Path) -> int:
    match = _STAGED.match(path.name)
    return int(match.group(1)) if match else 0
