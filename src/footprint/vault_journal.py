"""The journal each `add` keeps in the vault while it runs, which tells an add that was stopped from one
in progress (``footprint.stopped_adds`` sets aside what a stopped one left; ``verify`` names it).

`add` writes its journal in ``vault/.adding/`` under the case's one-writer lock, before its first copy into
the vault, and removes it once it has committed or removed its copies. No other add writes to the vault
while one holds the lock, so a vault file no exhibit or attachment names, written since a journal that
no live add owns, is that stopped add's.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from footprint.vault import ADDING

#: how much earlier than its add's journal a file's time may read and still be that add's (coarse file times)
FILE_TIME_SLACK = timedelta(seconds=2)
SET_ASIDE = "set aside"  # the audit action that records what a stopped add left (footprint.stopped_adds)


@dataclass(frozen=True)
class Journal:
    """The journal of one `add`: where it is, its stamp, what it says of the add, when it was written."""

    path: Path
    stamp: str
    add: dict[str, Any]
    written: float  # the journal file's own time, set by the file system that holds the vault's files


def start_journal(vault_root: Path, **add: Any) -> Path:
    """Write (and flush to disk) the journal of an add that holds the lock and is about to copy files."""
    folder = vault_root / ADDING
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{os.getpid()}-{secrets.token_hex(3)}"
    path = folder / f"{stamp}.json"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileNotFoundError:  # the add before this one, ending, removed the empty folder just made
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"stamp": stamp, **add}, out, ensure_ascii=False, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:  # a full disk: nothing was copied yet, and no journal is left
        end_journal(path)
        raise
    sync_folder(folder)
    return path


def end_journal(path: Path) -> None:
    """Remove an add's journal once it has committed, or removed its copies (and the folder, if empty:
    a failed add leaves the case as it was)."""
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()
    except OSError:  # another add's journal is in it, or it is gone already
        pass


def journals(vault_root: Path) -> list[Journal]:
    """The journals in the vault, oldest first (one cut short by the stop says nothing but its stamp)."""
    found: list[Journal] = []
    for path in sorted((vault_root / ADDING).glob("*.json")):
        try:
            written = path.stat().st_mtime
            add = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # its add has just ended
            continue
        except (ValueError, UnicodeDecodeError):
            add = {}
        found.append(Journal(path, path.stem, add if isinstance(add, dict) else {}, written))
    return sorted(found, key=lambda j: (j.written, j.stamp))


def claims(files: list[Path], found: list[Journal]) -> dict[Path, Journal]:
    """Which stopped add left each of ``files`` (vault files no exhibit or attachment names): the latest
    journal written before the file. A file older than every journal is no add's (it stays a stray)."""
    claimed: dict[Path, Journal] = {}
    slack = FILE_TIME_SLACK.total_seconds()
    for file in files:
        try:
            written = file.lstat().st_mtime
        except FileNotFoundError:
            continue
        before = [j for j in found if written >= j.written - slack]
        if before:
            claimed[file] = before[-1]
    return claimed


def describe(add: dict[str, Any]) -> str:
    """The stopped add in a few words, from its journal: ``an add of chat.txt by tester (started …)``."""
    if not add.get("file"):
        return "an add (its journal was cut short)"
    return f"an add of {add['file']} by {add.get('actor', '?')} (started {add.get('started_utc', '?')})"


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a new or moved file's name) to disk; not every system can."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
