"""A case folder is readable by its owner alone: on a shared or family computer another local account
(his) must not read her messages, her address or the report. Footprint writes with the owner-only umask
and creates the case folder owner-only; ``verify`` says when the folder is open to others."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: what Footprint writes: folders 0700, files 0600 (the vault's copies of originals 0400)
OWNER_ONLY_UMASK = 0o077
FOLDER_MODE = 0o700


@contextmanager
def owner_only() -> Iterator[None]:
    """Create files and folders readable by their owner alone while the block runs (the process umask:
    SQLite's database and journal, reports, the bundle and the vault's folders all follow it)."""
    before = os.umask(OWNER_ONLY_UMASK)
    try:
        yield
    finally:
        os.umask(before)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents as needed) and make it owner-only, whatever it was."""
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    folder.chmod(FOLDER_MODE)


def open_to_others(folder: Path) -> str | None:
    """The warning ``verify`` gives when other local accounts may read the case folder, or None."""
    if os.name != "posix":  # Windows: access is set by the folder's ACL, not its mode
        return None
    mode = stat.S_IMODE(folder.stat().st_mode)
    if not mode & 0o077:
        return None
    return (
        f"{folder}: the case folder can be read by other accounts on this computer (mode {mode:04o}); make"
        f" it readable by you alone with `chmod -R go-rwx {folder}` (what Footprint writes now is"
        " owner-only, docs/integrity.md)"
    )
