"""Write a report's files into a staging folder inside the case, then move them into place all at once.

A report is written into ``<case>/.report-staging-XXXXXXXX/`` (the same disk as ``reports/``, so
every later step is a rename), with the folder's ``.lock`` held while it is written. Only when every
file is there are the earlier report's outputs moved aside and the new ones moved in; each move is
remembered, so a failure part-way moves every file back (:class:`Moves`). A staging folder whose lock
nobody holds was left by a run that was killed: it holds nothing any audit entry records, and the next
``report`` removes it and says so.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from footprint.errors import ReportError
from footprint.staging_dirs import locked_folder, remove_unheld

PREFIX = ".report-staging-"


def remove_leftovers(case_dir: Path) -> list[Path]:
    """Remove the staging folders of ``report`` runs that were killed; return which were removed."""
    return remove_unheld(case_dir, PREFIX)


def staging(case_dir: Path) -> AbstractContextManager[Path]:
    """A new staging folder in the case folder, locked while in use and removed afterwards."""
    return locked_folder(case_dir, PREFIX)


#: a file written as it is made, line by line (a per-item export: held whole, items.jsonl of 293,000
#: items was 304 MB of text and as much again encoded)
Lines = Callable[[], Iterable[str]]


def put(path: Path, data: bytes | Lines) -> Path:
    """Write one file (making its folder); ``Lines`` are written as they come."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
        return path
    with path.open("w", encoding="utf-8", newline="") as out:
        for line in data():
            out.write(line)
    return path


@dataclass
class Moves:
    """Renames made so far, undone in reverse order if a later step fails."""

    done: list[tuple[Path, Path]] = field(default_factory=list)
    made: list[Path] = field(default_factory=list)  # folders created for a target, newest last

    def move(self, source: Path, target: Path) -> None:
        """Move one file; the target must not exist (nothing is ever replaced)."""
        if target.exists():
            raise FileExistsError(errno.EEXIST, "a file is already there", str(target))
        missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            self.made.append(folder)
        source.replace(target)
        self.done.append((source, target))

    def undo(self) -> None:
        """Put every moved file back where it was and remove the folders made for them."""
        for source, target in reversed(self.done):
            source.parent.mkdir(parents=True, exist_ok=True)
            target.replace(source)
        for folder in reversed(self.made):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self.done.clear()
        self.made.clear()


def prune(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and its parents below ``stop`` while they are empty (``schedules/`` once its
    files have moved aside)."""
    for parent in (folder, *folder.parents):
        if parent == stop or not parent.is_relative_to(stop) or any(parent.iterdir()):
            return
        parent.rmdir()


_ADVICE = {
    errno.ENOSPC: "free space on that disk and run footprint report again",
    errno.EDQUOT: "free space (your disk quota is used up) and run footprint report again",
}


def write_failed(exc: OSError, shown: Path) -> ReportError:
    """The error for a report that could not be written: the file, the reason, that nothing changed."""
    what = exc.strerror or str(exc)
    advice = _ADVICE.get(
        exc.errno or 0, "check that you may write to the case folder, then run footprint report again"
    )
    return ReportError(
        f"{shown}: could not be written ({what}); the case is as it was before this command (the earlier"
        f" report's files and the audit log are unchanged): {advice}"
    )
