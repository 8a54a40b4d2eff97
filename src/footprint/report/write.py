"""Write the prosecution file: report (HTML, PDF), schedules, JSONL exports, disclosure copy and bundle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import Engine

from footprint.case import Case, Recorder
from footprint.errors import ReportError, VerificationError
from footprint.report import schedules
from footprint.report.build import ReportModel, build_report, checked_rows
from footprint.report.bundle import BUNDLE_ACTION, HASHES, audit_files, file_hashes, safe_name, write_bundle
from footprint.report.charts import render_charts
from footprint.report.disclosures import Disclosure, disclosure_problem
from footprint.report.export import items_jsonl, timeline_jsonl, untimed_count
from footprint.report.html import render_html
from footprint.report.method import ValidationRun
from footprint.report.redact import LeftInText, RedactionEntry
from footprint.report.staging import Moves, prune, put, remove_leftovers, staging, write_failed
from footprint.report.statement import mg11_drafts
from footprint.report.supersede import Superseded, plan
from footprint.store import CaseStore
from footprint.store.case_store import StoreTx
from footprint.store.engine import OneConnection
from footprint.vault import sha256_file

README = """Footprint export bundle — {case}
As at audit entry {seq} (chain head {head}).

report/        the case report (HTML, and PDF when made){redacted}
schedules/     exhibit list (MG12-like), disclosure schedule rows (MG6C-like; MG6D-like except in a
               disclosure copy), chronology, and (except in a disclosure copy) a draft of each
               producer's exhibit paragraphs for their witness statement (MG11)
items.jsonl    every item, one JSON object per line
timeline.jsonl the timeline for Timesketch (message, datetime, timestamp_desc + attributes)
exhibits/      {exhibits}
audit/         {audit}
MANIFEST.sha256  SHA-256 of every file above (sha256sum format)

Check it offline:  footprint verify THIS.zip   (or: sha256sum -c MANIFEST.sha256 in an unpacked copy)
"""


@dataclass(frozen=True)
class ReportOptions:
    """What ``footprint report`` writes besides the HTML report and schedules."""

    pdf: bool = False
    bundle: bool = False
    redact: bool = False
    hashes_only: bool = False
    redact_names: tuple[str, ...] = ()
    disclosure_to: str = ""  # who receives the disclosure copy (required with ``redact``)
    justification: str = ""  # why they receive it (required with ``redact``)
    validation: ValidationRun | None = None  # a local validation pack, checked against this code

    def __post_init__(self) -> None:
        problem = disclosure_problem(self.redact, self.disclosure_to, self.justification)
        if problem is not None:
            raise ReportError(problem)


def artefacts(
    model: ReportModel,
    *,
    pdf: bool,
    redaction_log: Sequence[RedactionEntry] | None,
    left: Sequence[LeftInText] = (),
) -> dict[str, bytes]:
    """Every file of one copy of the report (full or disclosure), by its path inside ``reports/``."""
    charts = render_charts(model.charts)
    files: dict[str, bytes] = {
        "report.html": render_html(model, charts=charts).encode("utf-8"),
        "schedules/exhibits-mg12.csv": schedules.mg12(model).encode("utf-8"),
        "schedules/mg6c.csv": schedules.mg6c(model).encode("utf-8"),
        "schedules/mg6d.csv": schedules.mg6d(model, redaction_log, left).encode("utf-8"),
        "schedules/chronology.csv": schedules.chronology(model).encode("utf-8"),
        "items.jsonl": "".join(items_jsonl(model)).encode("utf-8"),
        "timeline.jsonl": "".join(timeline_jsonl(model)).encode("utf-8"),
    }
    if model.redacted:
        del files["schedules/mg6d.csv"]  # sensitive material is never part of a disclosure copy
    else:  # drafts for the witnesses, not statements: never in a disclosure copy
        files |= {name: text.encode("utf-8") for name, text in mg11_drafts(model).items()}
    if pdf:
        from footprint.report.pdf import render_pdf

        files["report.pdf"] = render_pdf(model, charts)
    return files


def check_originals(case: Case, model: ReportModel) -> None:
    """Re-hash every original in the vault before it is exported; any mismatch stops the export."""
    problems = []
    for row in model.exhibits:
        e = row.exhibit
        path = case.vault.path(e.sha256)
        found = sha256_file(path)[0] if path.is_file() else None
        if found == e.sha256:
            continue
        what = (
            f"the original is missing from the vault (recorded SHA-256 {e.sha256})"
            if found is None
            else f"the original in the vault no longer has its recorded SHA-256 {e.sha256}"
        )
        problems.append(
            f"exhibit {e.ref} ({e.file_name}): {what}; the bundle was not written"
            " — run footprint verify on the case"
        )
    if problems:
        raise VerificationError(problems)


def _bundle_files(
    case: Case, model: ReportModel, files: dict[str, bytes], *, hashes_only: bool
) -> dict[str, bytes | Path]:
    out: dict[str, bytes | Path] = {}
    for name, data in files.items():
        out[f"report/{name}" if name.startswith("report.") else name] = data
    hashes = []
    for row in model.exhibits:
        e = row.exhibit
        hashes.append(f"{e.sha256}  {e.ref}  {e.file_name}\n")
        if not hashes_only:
            out[f"exhibits/{safe_name(e.ref)}/{safe_name(e.file_name)}"] = case.vault.path(e.sha256)
    out[HASHES] = "".join(hashes).encode("utf-8")
    out["README.txt"] = README.format(
        case=model.case_name,
        seq=model.audit_seq,
        head=model.audit_head,
        redacted=" — DISCLOSURE COPY, third-party data masked" if model.redacted else "",
        audit="the case's hash-chained audit log up to and including this bundle's own entry\n"
        "               (action 'bundle', which records the SHA-256 of every file above), and its head"
        if not model.redacted
        else "audit-chain.txt: each audit entry's number, hashes and action up to and including this\n"
        "               bundle's own entry, and the head; the entries are not disclosed (they hold\n"
        "               unredacted third-party data) and are listed on the MG6C schedule.\n"
        "               bundle-entry.jsonl: this bundle's own entry in full (action 'bundle': when, by\n"
        "               whom, and the SHA-256 of every file above)",
        exhibits=(
            "each exhibit, its SHA-256 withheld in a redacted copy (HASHES.sha256)"
            if model.redacted
            else "SHA-256 of each original (HASHES.sha256)"
        )
        + ("" if hashes_only else "; the original files, byte for byte"),
    ).encode("utf-8")
    return out


@dataclass(frozen=True)
class _Bundle:
    """One bundle to write: its name in ``reports/``, the copy of the report it carries, its members."""

    name: str
    model: ReportModel
    members: dict[str, bytes | Path]


def _write_bundle(tx: StoreTx, record: Recorder, role: str, bundle: _Bundle, shown: Path, path: Path) -> Path:
    """Record the bundle's own audit entry (the SHA-256 of every member, the head the report is as at),
    then write the zip with the audit log up to and including that entry: the entry cannot hold the
    hashes of the audit files or the manifest, which hold it. ``shown``: where the bundle will be, inside
    the case folder; ``path``: where it is written now (the staging folder)."""
    model = bundle.model
    record(
        BUNDLE_ACTION,
        shown.as_posix(),
        copy="disclosure" if model.redacted else "case",
        as_at_audit_entry=model.audit_seq,
        as_at_head=model.audit_head,
        members=file_hashes(bundle.members),
    )
    own = CaseStore(cast(Engine, OneConnection(tx.conn))).for_role(role)  # this transaction: its own entry
    entries = list(own.audit_entries())
    return write_bundle(path, {**bundle.members, **audit_files(entries, redacted=model.redacted)})


def _record_report(
    record: Recorder,
    options: ReportOptions,
    model: ReportModel,
    log: Sequence[RedactionEntry] | None,
    outputs: dict[str, str],
) -> None:
    """The report's own audit entry: what it is as at, how it was asked for, the SHA-256 of each output."""
    extra = {"disclosed_to": options.disclosure_to} if options.redact else {}
    if options.validation is not None:  # the local validation the report's method rests on
        v = options.validation
        extra["validation"] = f"pack {v.pack_id} ({v.result}, finished {v.finished_utc})"
    record(
        "report",
        "reports/",
        options.justification,
        as_at_audit_entry=model.audit_seq,
        items=len(model.chronology) + len(model.copies),
        untimed=untimed_count(model),
        redacted_occurrences=len(log or ()),
        tool=model.tool,
        tool_version=model.tool_version,
        options={
            "pdf": options.pdf,
            "bundle": options.bundle,
            "hashes_only": options.hashes_only,
            "redact": options.redact,
            "redact_names": len(options.redact_names),  # a count: the names are third parties'
        },
        outputs=outputs,
        **extra,
    )


@dataclass(frozen=True)
class Written:
    """What ``footprint report`` wrote, where the earlier report's outputs went (if there were any), and
    the staging folders of killed runs it removed."""

    paths: list[Path]
    superseded: Superseded | None
    leftovers: tuple[Path, ...] = ()


def write_outputs(case: Case, options: ReportOptions = ReportOptions()) -> Written:
    """Build once per copy, write every file into a staging folder, then in one step (all or nothing):
    record the earlier report's outputs moving aside, each bundle and the report in the audit log, and
    move the files. A failure at any point leaves the case's files and audit log as they were."""
    disclosure: ReportModel | None = None
    given = Disclosure(options.disclosure_to, options.justification) if options.redact else None
    with case.snapshot() as as_at:  # one moment, though colleagues may be adding or deciding meanwhile
        row_check = checked_rows(as_at)  # once, for the report and its disclosure copy
        model = build_report(as_at, disclosure=given, validation=options.validation, row_check=row_check)
        if options.redact:
            disclosure = build_report(
                as_at,
                redact=True,
                redact_names=options.redact_names,
                disclosure=given,
                validation=options.validation,
                row_check=row_check,
            )
    if options.bundle:
        check_originals(case, model)
    log = disclosure.redaction_log if disclosure is not None else None
    left = disclosure.left_in_text if disclosure is not None else ()
    files = artefacts(model, pdf=options.pdf, redaction_log=log, left=left)
    copy = artefacts(disclosure, pdf=options.pdf, redaction_log=log) if disclosure is not None else None
    names = sorted(files)  # every output, in the order they are printed and recorded
    staged = dict(files)
    bundles: list[_Bundle] = []
    if options.bundle:
        bundles.append(
            _Bundle("bundle.zip", model, _bundle_files(case, model, files, hashes_only=options.hashes_only))
        )
        names.append("bundle.zip")
    if disclosure is not None and copy is not None:
        staged |= {f"disclosure/{name}": data for name, data in copy.items()}
        staged["redaction-log.csv"] = schedules.redaction_log_csv(
            disclosure, disclosure.redaction_log, left
        ).encode("utf-8")
        names += [f"disclosure/{name}" for name in sorted(copy)] + ["redaction-log.csv"]
        if options.bundle:
            bundles.append(
                _Bundle(
                    "disclosure-bundle.zip",
                    disclosure,
                    _bundle_files(case, disclosure, copy, hashes_only=True),
                )
            )
            names.append("disclosure-bundle.zip")
    reports = case.reports_dir
    moving = [*names, *(f"{b.name}.sha256" for b in bundles)]  # a bundle's detached hash goes with it
    leftovers = tuple(remove_leftovers(case.dir))
    with staging(case.dir) as folder:
        for name in sorted(staged):
            try:
                put(folder / name, staged[name])
            except OSError as exc:
                raise write_failed(exc, reports / name) from exc
        superseded = plan(case, [(reports / n).relative_to(case.dir).as_posix() for n in moving])
        moves = Moves()
        recorder: Recorder | None = None
        try:
            with case.transaction() as (tx, record):  # committed only once every move is made
                recorder = record
                if superseded is not None:
                    record(
                        "supersede report",
                        f"{superseded.folder.relative_to(case.dir).as_posix()}/",
                        "a later report replaces these outputs; kept, not deleted",
                        **superseded.details(),
                    )
                for b in bundles:
                    try:
                        _write_bundle(
                            tx,
                            record,
                            case.settings.role,
                            b,
                            (reports / b.name).relative_to(case.dir),
                            folder / b.name,
                        )
                    except OSError as exc:
                        raise write_failed(exc, reports / b.name) from exc
                outputs = {
                    (reports / n).relative_to(case.dir).as_posix(): sha256_file(folder / n)[0] for n in names
                }
                _record_report(record, options, model, log, outputs)
                _move_in(case, folder, superseded, moving, moves)
        except BaseException:
            if not _committed(case, recorder):
                moves.undo()
            raise
    return Written([reports / n for n in names], superseded, leftovers)


def _committed(case: Case, recorder: Recorder | None) -> bool:
    """Whether the report's entries were committed (a failure after the commit, in recording the head,
    leaves the moves made: they are what the entries record)."""
    head = recorder.head if recorder is not None else None
    if head is None:
        return False
    try:
        return any((e.seq, e.hash) == head for e in case.store.audit_entries())
    except Exception:  # the database cannot say: the files go back, as for any failure before it
        return False


def _move_in(
    case: Case, folder: Path, superseded: Superseded | None, moving: list[str], moves: Moves
) -> None:
    """Move the earlier report's outputs aside, then the staged files into ``reports/``."""
    reports = case.reports_dir
    try:
        for before, after in superseded.moves if superseded is not None else ():
            moves.move(case.dir / before, case.dir / after)
            prune((case.dir / before).parent, reports)
        for name in moving:
            moves.move(folder / name, reports / name)
    except OSError as exc:
        raise write_failed(exc, Path(exc.filename) if exc.filename else reports) from exc


def write_report(case: Case) -> Path:
    """Write the HTML report and schedules; return the report's path (used by the demo)."""
    write_outputs(case)
    return case.reports_dir / "report.html"
