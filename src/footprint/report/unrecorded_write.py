"""`report --out DIR` of a case that cannot be written (a read-only copy, ``footprint.read_only``): the
report and schedules written into a new folder outside the case, with no audit entry, saying so on the
report's first page and in its method appendix. Nothing is written into the case.

An earlier report's outputs are never lost: the case's own ``reports/`` folder is not touched, and ``DIR``
must be new or empty, so that no earlier report written there is overwritten (with no audit log to record
a move aside, as ``supersede`` does in the case, a file in the way is refused, not moved)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from footprint.case import Case
from footprint.errors import InputError, ReportError
from footprint.report.staging import put
from footprint.report.write import ReportOptions, Written, artefacts, build_copies
from footprint.staging_dirs import LOCK, locked_folder, remove_unheld

#: after ``.DIR``: the folder a report into DIR is written in before it takes DIR's place
STAGING = ".report-staging-"


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
    built = build_copies(case, options)
    model = replace(built.model, unrecorded=unrecorded_note(why))
    # an advocate's narrowed view is given no parse warnings (a file name may be of material she may not see)
    warnings = None if model.narrowed else built.warnings
    files = artefacts(model, pdf=options.pdf, redaction_log=None, warnings=warnings, decided=built.decided)
    target = out.resolve()
    prefix = f".{target.name}{STAGING}"
    try:
        leftovers = tuple(remove_unheld(target.parent, prefix))
        with locked_folder(target.parent, prefix) as staged:
            for name in sorted(files):
                put(staged / name, files[name])
            (staged / LOCK).unlink()  # the report's folder holds the report alone
            if target.exists():
                target.rmdir()  # empty (``check_out``): the staged folder takes its place
            staged.rename(target)
    except OSError as exc:
        raise _failed(exc, out) from exc
    return Written([out / name for name in sorted(files)], None, leftovers)


def _failed(exc: OSError, out: Path) -> ReportError:
    return ReportError(
        f"{out}: the report could not be written there ({exc.strerror or exc}); nothing was left in it:"
        " check that you may write to it and that its disk has space, then run footprint report again"
    )
