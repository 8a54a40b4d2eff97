"""Write the prosecution file: report (HTML, PDF), schedules, JSONL exports, disclosure copy and bundle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine

from footprint import audit as audit_rules
from footprint.case import Case, Recorder
from footprint.errors import ReportError, VerificationError
from footprint.model import AuditEntry, StoredWarning
from footprint.report import schedules
from footprint.report.build import build_report, checked_rows
from footprint.report.bundle import BUNDLE_ACTION, HASHES, audit_files, file_hashes, safe_name, write_bundle
from footprint.report.bundle_notes import HeldImage, held_images, held_lines, recipient_lines
from footprint.report.charts import render_charts
from footprint.report.disclosures import BundleMade, Disclosure, disclosure_problem
from footprint.report.export import items_jsonl, timeline_jsonl, untimed_count
from footprint.report.html import render_html
from footprint.report.method import ValidationRun
from footprint.report.redact import LeftInText, NameToCheck, RedactionEntry
from footprint.report.report_model import ReportModel
from footprint.report.staging import Lines, Moves, prune, put, remove_leftovers, staging, write_failed
from footprint.report.statement import mg11_drafts
from footprint.report.supersede import Superseded, plan
from footprint.store import CaseStore
from footprint.store.case_store import StoreTx
from footprint.store.engine import OneConnection
from footprint.store.report_queries import DecidedFinding, ReportQueries
from footprint.times import now_utc
from footprint.vault import sha256_file

README = """Footprint export bundle — {case}
As at audit entry {seq} (chain head {head}).
{given}{held}
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


# A bundle's zip is written before the case's write lock is taken, from the audit log as it then is and
# the entries this report will append: a colleague's `add` or `review` waits only for the entries and the
# moves, not for a zip of the originals. A change a colleague commits meanwhile makes the zip's audit
# extract stale, and it is written again; after this many tries it is written holding the lock, so a case
# that keeps changing still gets its bundle.
UNLOCKED_TRIES = 2


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
        problem = disclosure_problem(self.redact, self.disclosure_to, self.justification, self.bundle)
        if problem is not None:
            raise ReportError(problem)


def artefacts(
    model: ReportModel,
    *,
    pdf: bool,
    redaction_log: Sequence[RedactionEntry] | None,
    left: Sequence[LeftInText] = (),
    check: Sequence[NameToCheck] = (),
    warnings: Sequence[StoredWarning] | None = None,
    decided: Sequence[DecidedFinding] = (),
) -> dict[str, bytes | Lines]:
    """Every file of one copy of the report (full or disclosure), by its path inside ``reports/``; the
    per-item exports as ``Lines``, written as they are made; ``warnings``: the parse warnings, quoted in the
    MG6C and the method appendix (not in a disclosure copy: a file name may name a third party);
    ``decided``: every finding a reviewer decided on, of any run (not in a disclosure copy, whose text is
    masked)."""
    charts = render_charts(model.charts)
    files: dict[str, bytes | Lines] = {
        "report.html": render_html(model, charts=charts, warnings=warnings).encode("utf-8"),
        "schedules/exhibits-mg12.csv": schedules.mg12(model).encode("utf-8"),
        "schedules/mg6c.csv": schedules.mg6c(model, warnings, decided).encode("utf-8"),
        "schedules/mg6d.csv": schedules.mg6d(model, redaction_log, left, check).encode("utf-8"),
        "schedules/chronology.csv": partial(schedules.chronology_lines, model),
        "items.jsonl": partial(items_jsonl, model),
        "timeline.jsonl": partial(timeline_jsonl, model),
    }
    if model.redacted:
        del files["schedules/mg6d.csv"]  # sensitive material is never part of a disclosure copy
    else:  # drafts for the witnesses, not statements: never in a disclosure copy
        files |= {name: text.encode("utf-8") for name, text in mg11_drafts(model).items()}
    if pdf:
        from footprint.report.pdf import render_pdf

        files["report.pdf"] = render_pdf(model, charts, warnings)
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
    case: Case,
    model: ReportModel,
    files: dict[str, bytes | Lines],
    staged: Path,
    *,
    hashes_only: bool,
    given: Disclosure | None = None,
    held: Sequence[HeldImage] = (),
) -> dict[str, bytes | Path]:
    """A bundle's members: ``files`` (those written as lines read back from where ``staged`` holds them),
    the originals unless ``hashes_only``, their hashes and the README (naming ``given``, the recipient,
    and ``held``, the matched images the originals hold)."""
    out: dict[str, bytes | Path] = {}
    for name, data in files.items():
        out[f"report/{name}" if name.startswith("report.") else name] = (
            data if isinstance(data, bytes) else staged / name
        )
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
        given=recipient_lines(given),
        held=held_lines(held),
        redacted=" — DISCLOSURE COPY, third-party data masked" if model.redacted else "",
        audit="the case's hash-chained audit log up to and including this bundle's own entry\n"
        "               (action 'bundle', which records the SHA-256 of every file above), and its head"
        if not model.redacted
        else "bundle-entry.jsonl: this bundle's own audit entry in full (action 'bundle': when, by\n"
        "               whom, and the SHA-256 of every file above), and its head (its number and hash);\n"
        "               the case's other entries and their hashes are withheld in a redacted copy (they\n"
        "               hold unredacted third-party data, and a hash would confirm a guess at it); the\n"
        "               audit log is listed on the MG6C schedule",
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
    """One bundle to write: its name in ``reports/``, the copy of the report it carries, its members and
    their SHA-256 (hashed once, before any lock is taken)."""

    name: str
    model: ReportModel
    members: dict[str, bytes | Path]
    hashes: dict[str, str]
    given: Disclosure | None = None  # who the full bundle is given to and why (its entry records them)
    held: tuple[HeldImage, ...] = ()  # the matched images its originals hold


def _bundle(
    name: str,
    model: ReportModel,
    members: dict[str, bytes | Path],
    given: Disclosure | None = None,
    held: tuple[HeldImage, ...] = (),
) -> _Bundle:
    return _Bundle(name, model, members, file_hashes(members), given, held)


@dataclass(frozen=True)
class _Entry:
    """An audit entry written before the report's own: the earlier outputs moving aside, or a bundle's
    (which records the SHA-256 of every member and the head the report is as at; the zip then carries the
    audit log up to and including it, so the entry cannot hold the hashes of the audit files or the
    manifest, which hold it)."""

    action: str
    object: str
    justification: str
    details: dict[str, Any]
    bundle: _Bundle | None = None


def _entries(case: Case, superseded: Superseded | None, bundles: Sequence[_Bundle]) -> list[_Entry]:
    entries = []
    if superseded is not None:
        entries.append(
            _Entry(
                "supersede report",
                f"{superseded.folder.relative_to(case.dir).as_posix()}/",
                "a later report replaces these outputs; kept, not deleted",
                superseded.details(),
            )
        )
    for b in bundles:
        details: dict[str, Any] = {
            "copy": "disclosure" if b.model.redacted else "case",
            "as_at_audit_entry": b.model.audit_seq,
            "as_at_head": b.model.audit_head,
            "members": b.hashes,
        }
        if b.given is not None:
            details["disclosed_to"] = b.given.recipient
        if b.held:
            details["matched_images"] = [{"exhibit": h.exhibit, "sha256": h.sha256} for h in b.held]
        why = b.given.justification if b.given is not None else ""
        where = (case.reports_dir / b.name).relative_to(case.dir).as_posix()
        entries.append(_Entry(BUNDLE_ACTION, where, why, details, b))
    return entries


def _write_zip(case: Case, bundle: _Bundle, log: list[AuditEntry], folder: Path) -> None:
    """Write one bundle into the staging folder with the audit log ``log``, which ends at its own entry."""
    try:
        write_bundle(
            folder / bundle.name, {**bundle.members, **audit_files(log, redacted=bundle.model.redacted)}
        )
    except OSError as exc:
        raise write_failed(exc, case.reports_dir / bundle.name) from exc


def _record_report(
    record: Recorder,
    options: ReportOptions,
    model: ReportModel,
    log: Sequence[RedactionEntry] | None,
    outputs: dict[str, str],
) -> None:
    """The report's own audit entry: what it is as at, how it was asked for, the SHA-256 of each output."""
    extra = {"disclosed_to": options.disclosure_to} if options.disclosure_to else {}
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
    held: tuple[HeldImage, ...] = ()  # the matched images the full bundle's originals hold


def _bundle_made(options: ReportOptions) -> BundleMade | None:
    """The full bundle these options write, as the disclosure log lists it (its recipient is the one
    named without ``--redact``; with it, the name is the disclosure copy's)."""
    if not options.bundle:
        return None
    if options.redact:
        return BundleMade(options.hashes_only)
    return BundleMade(options.hashes_only, options.disclosure_to, options.justification)


@dataclass(frozen=True)
class Built:
    """A report's content, read from the case as at one moment: the report, its disclosure copy (with
    ``--redact``), the parse warnings and every finding a reviewer decided on."""

    model: ReportModel
    disclosure: ReportModel | None
    warnings: list[StoredWarning]
    decided: list[DecidedFinding]


def build_copies(case: Case, options: ReportOptions) -> Built:
    """Build the report, and its disclosure copy when ``options.redact``, from one snapshot of the case."""
    disclosure: ReportModel | None = None
    given = Disclosure(options.disclosure_to, options.justification) if options.redact else None
    made = _bundle_made(options)
    with case.snapshot() as as_at:  # one moment, though colleagues may be adding or deciding meanwhile
        row_check = checked_rows(as_at)  # once, for the report and its disclosure copy
        warnings = as_at.store.warnings()
        model = build_report(
            as_at, disclosure=given, validation=options.validation, row_check=row_check, bundle=made
        )
        # an advocate's narrowed view is not given findings of material she may not see
        decided = [] if model.narrowed else ReportQueries(as_at.store.unscoped_engine).decided_findings()
        if options.redact:
            disclosure = build_report(
                as_at,
                redact=True,
                redact_names=options.redact_names,
                disclosure=given,
                validation=options.validation,
                row_check=row_check,
                bundle=made,
            )
    return Built(model, disclosure, warnings, decided)


def write_outputs(case: Case, options: ReportOptions = ReportOptions()) -> Written:
    """Build once per copy, write every file into a staging folder, then in one step (all or nothing):
    record the earlier report's outputs moving aside, each bundle and the report in the audit log, and
    move the files. A failure at any point leaves the case's files and audit log as they were."""
    built = build_copies(case, options)
    model, disclosure, warnings, decided = built.model, built.disclosure, built.warnings, built.decided
    if options.bundle:
        check_originals(case, model)
    log = disclosure.redaction_log if disclosure is not None else None
    left = disclosure.left_in_text if disclosure is not None else ()
    check = disclosure.names_to_check if disclosure is not None else ()
    files = artefacts(
        model, pdf=options.pdf, redaction_log=log, left=left, check=check, warnings=warnings, decided=decided
    )
    copy = artefacts(disclosure, pdf=options.pdf, redaction_log=log) if disclosure is not None else None
    names = sorted(files)  # every output, in the order they are printed and recorded
    staged: dict[str, bytes | Lines] = dict(files)
    if options.bundle:
        names.append("bundle.zip")
    if disclosure is not None and copy is not None:
        staged |= {f"disclosure/{name}": data for name, data in copy.items()}
        staged["redaction-log.csv"] = schedules.redaction_log_csv(
            disclosure, disclosure.redaction_log, left, check
        ).encode("utf-8")
        names += [f"disclosure/{name}" for name in sorted(copy)] + ["redaction-log.csv"]
        if options.bundle:
            names.append("disclosure-bundle.zip")
    reports = case.reports_dir
    leftovers = tuple(remove_leftovers(case.dir))
    with staging(case.dir) as folder:
        for name in sorted(staged):
            try:
                put(folder / name, staged[name])
            except OSError as exc:
                raise write_failed(exc, reports / name) from exc
        bundles: list[_Bundle] = []  # from the files as staged: an export written as lines is read back
        if options.bundle:
            # the recipient named without --redact is the full bundle's (with it, the disclosure copy's)
            to = Disclosure(options.disclosure_to, options.justification) if not options.redact else None
            given = to if to is not None and to.recipient else None
            held = () if options.hashes_only else held_images(model)
            members = _bundle_files(
                case, model, files, folder, hashes_only=options.hashes_only, given=given, held=held
            )
            bundles.append(_bundle("bundle.zip", model, members, given, held))
            if disclosure is not None and copy is not None:
                members = _bundle_files(
                    case,
                    disclosure,
                    copy,
                    folder / "disclosure",
                    hashes_only=True,
                    given=disclosure.disclosure,
                )
                bundles.append(_bundle("disclosure-bundle.zip", disclosure, members))
        moving = [*names, *(f"{b.name}.sha256" for b in bundles)]  # a bundle's detached hash goes with it
        last_step = _Writing(case, options, model, log, names, moving, bundles)
        for _ in range(UNLOCKED_TRIES):
            try:
                superseded = last_step.zips_first(folder)
                break
            except _ChainMoved:
                continue
        else:
            superseded = last_step.holding_the_lock(folder)
    held = bundles[0].held if bundles else ()
    return Written([reports / n for n in names], superseded, leftovers, held)


class _ChainMoved(Exception):
    """The audit log gained an entry after the bundle's zip was written from it: write it again."""


@dataclass(frozen=True)
class _Writing:
    """One ``report`` run's last step: record its entries and move its files in, all or nothing."""

    case: Case
    options: ReportOptions
    model: ReportModel
    log: Sequence[RedactionEntry] | None
    names: list[str]  # the outputs the report's entry records
    moving: list[str]  # every file that moves into ``reports/`` (the outputs and each bundle's hash)
    bundles: list[_Bundle]

    def zips_first(self, folder: Path) -> Superseded | None:
        """Work out this run's entries from the audit log as it is now and write each zip with them, then
        take the lock to append them — unless the log has moved on (:class:`_ChainMoved`)."""
        case = self.case
        log = list(case.store.audit_entries())  # read first: any later change moves the head
        superseded = self._plan()
        last = (log[-1].seq, log[-1].hash) if log else None
        at_utc = now_utc()
        planned = []
        for e in _entries(case, superseded, self.bundles):
            entry = audit_rules.next_entry(
                last,
                at_utc=at_utc,
                actor=case.settings.actor,
                role=case.settings.role,
                action=e.action,
                object=e.object,
                justification=e.justification,
                details=e.details,
            )
            log.append(entry)
            last = (entry.seq, entry.hash)
            planned.append((e, entry))
            if e.bundle is not None:
                _write_zip(case, e.bundle, log, folder)
        outputs = self._outputs(folder)

        def record(tx: StoreTx, _: Recorder) -> None:
            for e, entry in planned:  # the first waits for the lock; each is the one its zip carries
                appended = tx.append_audit(
                    actor=entry.actor,
                    role=entry.role,
                    action=e.action,
                    object=e.object,
                    justification=e.justification,
                    details=e.details,
                    at_utc=entry.at_utc,
                )
                if appended != (entry.seq, entry.hash):
                    raise _ChainMoved

        self._commit(folder, superseded, record, lambda: outputs)
        return superseded

    def holding_the_lock(self, folder: Path) -> Superseded | None:
        """Append each entry and write each zip while holding the lock (the log cannot move meanwhile)."""
        case = self.case
        superseded = self._plan()

        def record(tx: StoreTx, record: Recorder) -> None:
            own = CaseStore(cast(Engine, OneConnection(tx.conn))).for_role(case.settings.role)
            for e in _entries(case, superseded, self.bundles):
                record(e.action, e.object, e.justification, **e.details)
                if e.bundle is not None:
                    _write_zip(case, e.bundle, list(own.audit_entries()), folder)

        self._commit(folder, superseded, record, lambda: self._outputs(folder))
        return superseded

    def _plan(self) -> Superseded | None:
        case = self.case
        return plan(case, [(case.reports_dir / n).relative_to(case.dir).as_posix() for n in self.moving])

    def _outputs(self, folder: Path) -> dict[str, str]:
        reports = self.case.reports_dir
        return {
            (reports / n).relative_to(self.case.dir).as_posix(): sha256_file(folder / n)[0]
            for n in self.names
        }

    def _commit(
        self,
        folder: Path,
        superseded: Superseded | None,
        entries: Callable[[StoreTx, Recorder], None],
        outputs: Callable[[], dict[str, str]],
    ) -> None:
        """In one transaction (committed only once every move is made): the entries before the report's,
        the report's own, and the moves. A failure undoes the moves made so far."""
        moves = Moves()
        recorder: Recorder | None = None
        try:
            with self.case.transaction() as (tx, record):
                recorder = record
                entries(tx, record)
                _record_report(record, self.options, self.model, self.log, outputs())
                _move_in(self.case, folder, superseded, self.moving, moves)
        except BaseException:
            if not _committed(self.case, recorder):
                moves.undo()
            raise


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
