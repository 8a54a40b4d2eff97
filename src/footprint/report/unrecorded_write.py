"""`report --out DIR` of a case that cannot be written (a read-only copy, ``footprint.read_only``): the
report and schedules written into a new folder outside the case, with no audit entry, saying so on the
report's first page and in its method appendix. Nothing is written into the case.

An earlier report's outputs are never lost: the case's own ``reports/`` folder is not touched, and ``DIR``
must be new or empty, so that no earlier report written there is overwritten (with no audit log to record
a move aside, as ``supersede`` does in the case, a file in the way is refused, not moved).

The report is written into ``DIR.unfinished-report-XXXXXXXX/`` beside DIR (0700, locked while written),
which then takes DIR's name. It is not hidden: a run killed while writing leaves the case's material
there, where whoever asked for DIR sees it, and the next ``report --out`` into any folder beside it
removes it and says so. A second report into the same DIR while the first writes is refused, naming
who is writing it (integrity review 5)."""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import replace
from pathlib import Path

from footprint.case import Case
from footprint.errors import InputError, ReportError
from footprint.report.staging import put
from footprint.report.write import ReportOptions, Written, artefacts, build_copies
from footprint.settings import login_name
from footprint.staging_dirs import LOCK, held, locked_folder
from footprint.times import now_utc

#: after DIR's name: the folder a report into DIR is written in before it takes DIR's place
STAGING = ".unfinished-report-"
#: the hidden ``.DIR.report-staging-XXXXXXXX`` an earlier Footprint wrote in, still removed when left
_HIDDEN = ".report-staging-"


def unrecorded_note(why: str) -> str:
    """What the report says of itself when it is made from a copy of the case that cannot be written."""
    return (
        "this report is not recorded in the case's audit log: it was made from a copy of the case that"
        f" cannot be written ({why}) and written outside the case folder, so the case's audit log holds no"
        " entry for it and footprint verify of the case does not check its files"
    )


def check_out(case: Case, out: Path) -> None:
    """Refuse an ``--out`` folder inside the case, or one that holds anything (an earlier report)."""
    where = out.resolve()
    if where.is_relative_to(case.dir.resolve()):
        raise InputError(
            f"--out {out} is inside the case folder {case.dir}, which cannot be written; give a folder"
            " outside it"
        )
    if where.exists() and (not where.is_dir() or any(where.iterdir())):
        raise InputError(
            f"--out {out} is not a new or empty folder; nothing was written, so that nothing already there"
            " (an earlier report) is overwritten: give a new folder, or move the earlier one aside"
        )


def write_unrecorded(case: Case, options: ReportOptions, out: Path, why: str) -> Written:
    """Write the report (HTML, PDF with ``options.pdf``), schedules and exports into ``out`` (new or empty)
    all at once: staged in a locked folder beside it, then renamed to it. A staging folder beside it whose
    lock nobody holds was left by a run that was killed (it holds a report: the case's material) and is
    removed first; ``Written.leftovers`` names each."""
    check_out(case, out)
    target = out.resolve()
    prefix = f"{target.name}{STAGING}"
    _refuse_a_report_running(out, target, prefix)
    built = build_copies(case, options)
    model = replace(built.model, unrecorded=unrecorded_note(why))
    # an advocate's narrowed view is given no parse warnings (a file name may be of material she may not see)
    warnings = None if model.narrowed else built.warnings
    files = artefacts(model, pdf=options.pdf, redaction_log=None, warnings=warnings, decided=built.decided)
    try:
        leftovers = tuple(_remove_stopped(target.parent))
        with locked_folder(target.parent, prefix) as staged:
            (staged / LOCK).write_text(f"{login_name()} (process {os.getpid()}), since {now_utc()}\n")
            for name in sorted(files):
                put(staged / name, files[name])
            _take_its_place(staged, target, out)
            (target / LOCK).unlink()  # renamed first, locked: never taken for a stopped run's
    except OSError as exc:
        raise _failed(exc, out) from exc
    return Written([out / name for name in sorted(files)], None, leftovers)


def _staging(parent: Path) -> list[Path]:
    """The report staging folders in ``parent``: named as one and holding a lock file."""
    return sorted(
        p
        for p in parent.iterdir()
        if (STAGING in p.name or (p.name.startswith(".") and _HIDDEN in p.name)) and (p / LOCK).is_file()
    )


def _refuse_a_report_running(out: Path, target: Path, prefix: str) -> None:
    """Refuse while another report into the same DIR holds its staging folder's lock."""
    for folder in _staging(target.parent):
        if folder.name.startswith((prefix, f".{target.name}{_HIDDEN}")) and held(folder):
            try:  # who and since when, as that run wrote it (one line)
                who = (folder / LOCK).read_text(encoding="utf-8", errors="replace").strip()[:200]
            except OSError:
                who = ""
            raise InputError(
                f"--out {out}: another `footprint report` is writing into it now (its folder {folder} is"
                f" locked by that run: {' '.join(who.split()) or 'not named'}); nothing was written: let it"
                " finish, then give a new folder"
            )


def _remove_stopped(parent: Path) -> list[Path]:
    """Remove the staging folders beside ``out`` whose lock nobody holds: runs that were killed."""
    removed = []
    for folder in _staging(parent):
        if not held(folder):
            try:
                shutil.rmtree(folder)
            except FileNotFoundError:  # renamed meanwhile, by the run that had just let it go
                continue
            removed.append(folder)
    return removed


def _take_its_place(staged: Path, target: Path, out: Path) -> None:
    """Rename the staged report to ``target`` (new, or empty as ``check_out`` found it); refused when a
    report written meanwhile is there."""
    try:
        if target.exists():
            target.rmdir()
        staged.rename(target)
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
        raise ReportError(
            f"--out {out}: another report was written into it while this one was made; this one was not"
            " written, and nothing of it was left: give a new folder and run footprint report again"
        ) from exc


def _failed(exc: OSError, out: Path) -> ReportError:
    return ReportError(
        f"{out}: the report could not be written there ({exc.strerror or exc}); nothing was left in it:"
        " check that you may write to it and that its disk has space, then run footprint report again"
    )
