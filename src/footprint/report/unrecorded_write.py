"""`report --out DIR` of a case that cannot be written (a read-only copy, ``footprint.read_only``): the
report and schedules written into a new folder outside the case, with no audit entry, saying so on the
report's first page and in its method appendix. Nothing is written into the case.

An earlier report's outputs are never lost: the case's own ``reports/`` folder is not touched, and ``DIR``
must be new or empty, so that no earlier report written there is overwritten (with no audit log to record
a move aside, as ``supersede`` does in the case, a file in the way is refused, not moved)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from footprint.case import Case
from footprint.errors import InputError, ReportError
from footprint.report.staging import put
from footprint.report.write import ReportOptions, artefacts, build_copies


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


def write_unrecorded(case: Case, options: ReportOptions, out: Path, why: str) -> list[Path]:
    """Write the report (HTML, PDF with ``options.pdf``), schedules and exports into ``out`` (new or empty)
    all at once: staged in a folder beside it, then renamed to it; return the paths written."""
    check_out(case, out)
    built = build_copies(case, options)
    model = replace(built.model, unrecorded=unrecorded_note(why))
    # an advocate's narrowed view is given no parse warnings (a file name may be of material she may not see)
    warnings = None if model.narrowed else built.warnings
    files = artefacts(model, pdf=options.pdf, redaction_log=None, warnings=warnings, decided=built.decided)
    target = out.resolve()
    try:
        staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise _failed(exc, out) from exc
    try:
        for name in sorted(files):
            put(staged / name, files[name])
        if target.exists():
            target.rmdir()  # empty (``check_out``): the staged folder takes its place
        staged.rename(target)
    except OSError as exc:
        shutil.rmtree(staged, ignore_errors=True)
        raise _failed(exc, out) from exc
    return [out / name for name in sorted(files)]


def _failed(exc: OSError, out: Path) -> ReportError:
    return ReportError(
        f"{out}: the report could not be written there ({exc.strerror or exc}); nothing was left in it:"
        " check that you may write to it and that its disk has space, then run footprint report again"
    )
