"""Owner-only working folders inside the case folder, each locked while a command uses it.

A command that must write a copy before it is recorded (``report`` its outputs; ``add`` the deterministic
zip it packs a folder into, and what reading an export spills to disk) writes it into
``<case>/PREFIX-XXXXXXXX/`` (0700, on the
case's own disk, encrypted or not as the case folder is), holding the folder's ``.lock`` meanwhile. A
folder whose lock nobody holds was left by a run that was killed (``kill -9``, a power cut): it holds
nothing any audit entry records, and the next such command, or ``case recover``, removes it and says so.
"""

from __future__ import annotations

import fcntl
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from footprint.file_locks import held_elsewhere

LOCK = ".lock"
#: the name a working folder is made and locked under before it takes its prefix
CLAIMING = ".claiming-"
#: an ``add``'s working folder (``pipeline.add_exhibit``): the zip a folder is packed into, and what the
#: parser spills to disk (``ParseContext.workdir``)
ADDING = ".add-working-"


def held(folder: Path) -> bool:
    """Whether a running command holds this working folder's lock."""
    return held_elsewhere(folder / LOCK)  # no lock file: the run was killed before it made one


def remove_unheld(case_dir: Path, prefix: str) -> list[Path]:
    """Remove the ``prefix`` working folders of runs that were killed; return which were removed."""
    removed = []
    for folder in sorted(case_dir.glob(f"{glob.escape(prefix)}*")):
        if folder.is_dir() and not held(folder):
            shutil.rmtree(folder)
            removed.append(folder)
    return removed


@contextmanager
def locked_folder(case_dir: Path, prefix: str) -> Iterator[Path]:
    """A new owner-only working folder in the case folder, locked while in use and removed afterwards.
    It is made and locked under another name, then renamed: a concurrent :func:`remove_unheld` never sees
    it before its lock is held."""
    claimed = Path(tempfile.mkdtemp(prefix=CLAIMING, dir=case_dir))
    folder = claimed.with_name(prefix + claimed.name.removeprefix(CLAIMING))
    try:
        fd = os.open(claimed / LOCK, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            claimed.rename(folder)
            yield folder
        finally:
            os.close(fd)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(claimed, ignore_errors=True)


def stopped_adds(case_dir: Path) -> list[Path]:
    """Remove the working folders of ``add`` runs that were killed; return which were removed."""
    return remove_unheld(case_dir, ADDING)


def stopped_add_words(folder: Path) -> str:
    """What the command says when it removes a stopped add's working folder."""
    return (
        f"Removed {folder}: the working copy of an export that a stopped add had begun to pack or read"
        " (nothing recorded)."
    )
