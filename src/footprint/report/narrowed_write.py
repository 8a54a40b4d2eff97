"""Write an advocate's narrowed report (``report.advocate``) into ``reports/advocate/``, all or nothing.

It never touches the officer in the case's report in ``reports/``, nor does his move hers: her earlier
narrowed report moves aside, unchanged, into ``reports/advocate/superseded/N/`` (N the first number free),
and her report's own audit entry (``advocate report``) records the move and the SHA-256 of every output,
so that `verify` re-hashes them where they are. No disclosure copy and no bundle: a disclosure is the
disclosure officer's, and a bundle carries the audit log, which names every exhibit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from footprint.advocate_view import FOLDER
from footprint.case import Case
from footprint.errors import ReportError
from footprint.integrity.outputs import NARROWED_REPORT
from footprint.report.build import build_report
from footprint.report.export import untimed_count
from footprint.report.staging import Moves, prune, put, remove_leftovers, staging, write_failed
from footprint.report.write import ReportOptions, Written, artefacts
from footprint.vault import sha256_file

SUPERSEDED = "superseded"


def refused_options(options: ReportOptions) -> str | None:
    """Why an option cannot be given to an advocate's narrowed report, if one is given."""
    if options.redact:
        return (
            "--redact: a disclosure copy is for the disclosure officer to make from the whole case; an"
            " advocate's report shows only the material the complainant supplied and is not disclosed"
        )
    if options.bundle:
        return (
            "--bundle: an export bundle carries the case's audit log, which names exhibits this role may"
            " not see; the officer in the case can make one"
        )
    return None


@dataclass(frozen=True)
class NarrowedReport:
    """What an advocate's report wrote, the label it carries, and where her earlier one went (if any)."""

    written: Written
    label: str
    aside: Path | None


def write_narrowed(case: Case, options: ReportOptions) -> NarrowedReport:
    """Build her report from what her role sees, stage every file, then in one transaction record the
    ``advocate report`` entry and move her earlier report aside and the new one in; return what was
    written and where her earlier report went (None when there was none)."""
    refused = refused_options(options)
    if refused is not None:
        raise ReportError(f"{refused}; run footprint report again without it")
    with case.snapshot() as as_at:
        model = build_report(as_at, validation=options.validation)
    files = artefacts(model, pdf=options.pdf, redaction_log=None)
    mine = case.reports_dir / FOLDER
    names = sorted(files)
    leftovers = tuple(remove_leftovers(case.dir))
    with staging(case.dir) as folder:
        for name in names:
            try:
                put(folder / name, files[name])
            except OSError as exc:
                raise write_failed(exc, mine / name) from exc
        earlier = _earlier(mine)
        aside = _free(mine / SUPERSEDED)
        moved = {
            _inside(case, p): _inside(case, aside / p.relative_to(mine)) for p in earlier
        }  # fmt: skip
        outputs = {_inside(case, mine / n): sha256_file(folder / n)[0] for n in names}
        moves = Moves()
        try:
            with case.transaction() as (_, record):
                record(
                    NARROWED_REPORT,
                    _inside(case, mine) + "/",
                    "",
                    as_at_audit_entry=model.audit_seq,
                    items=len(model.chronology) + len(model.copies),
                    untimed=untimed_count(model),
                    view=model.narrowed,
                    tool=model.tool,
                    tool_version=model.tool_version,
                    options={"pdf": options.pdf},
                    moved=moved,
                    outputs=outputs,
                )
                for before, after in moved.items():
                    moves.move(case.dir / before, case.dir / after)
                    prune((case.dir / before).parent, mine)
                for name in names:
                    moves.move(folder / name, mine / name)
        except OSError as exc:
            moves.undo()
            raise write_failed(exc, Path(exc.filename) if exc.filename else mine) from exc
        except BaseException:
            moves.undo()
            raise
    written = Written([mine / n for n in names], None, leftovers)
    return NarrowedReport(written, model.narrowed, aside if moved else None)


def _earlier(mine: Path) -> list[Path]:
    """Her earlier report's files (everything in her folder but what was already moved aside)."""
    if not mine.is_dir():
        return []
    return sorted(
        p for p in mine.rglob("*") if p.is_file() and not p.is_relative_to(mine / SUPERSEDED)
    )  # fmt: skip


def _free(parent: Path) -> Path:
    """``parent/1``, or the first ``parent/N`` not yet used: a kept report is never replaced."""
    n = 1
    while (parent / str(n)).exists():
        n += 1
    return parent / str(n)


def _inside(case: Case, path: Path) -> str:
    return path.relative_to(case.dir).as_posix()
