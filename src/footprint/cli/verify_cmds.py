"""`verify`: re-hash the evidence and check the audit chain, of a case or of an export bundle."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from footprint.access_log import ANCHOR_ENTRIES, ANCHOR_HEAD
from footprint.advocate_view import label as advocate_label
from footprint.case import CASE_FILE
from footprint.cli.access import logged_read
from footprint.cli.common import (
    JSON_OPTION,
    console,
    emit_document,
    in_role,
    one_line,
    open_case,
    safe,
    settings,
)
from footprint.errors import VerificationError
from footprint.ingest.damage import PARTIAL
from footprint.integrity import record_verification, verify_case
from footprint.integrity.narrowed import NOT_CHECKED, verify_narrowed
from footprint.integrity.upgraded_copy import UpgradedCopy, upgraded_copy
from footprint.privacy import open_to_others
from footprint.read_only import not_recorded, write_refusal
from footprint.report.bundle import MANIFEST, verify_bundle

if TYPE_CHECKING:
    from footprint.case import Case


#: the JSON document's key naming how a case at an older schema was checked (an upgraded temporary copy of
#: its database, or a transaction that upgraded it and was rolled back)
UPGRADED = "upgraded_copy"


def nothing_written(older: UpgradedCopy) -> str:
    """Why verify of a case at an older schema records nothing: it writes nothing to the case at all."""
    return (
        "this verification was not recorded in the case's audit log, nor this read in its access log: the"
        f" case is at an older schema and was checked {older.checked()}, so nothing was written to the case"
    )


def is_bundle(path: Path) -> bool:
    """A path ending .zip, or a folder holding a bundle manifest and no case."""
    if path.suffix.lower() == ".zip":
        return True
    return path.is_dir() and (path / MANIFEST).is_file() and not (path / CASE_FILE).exists()


@click.command("verify")
@click.argument("target", metavar="DIR|BUNDLE", type=click.Path(path_type=Path))
@JSON_OPTION
@click.pass_context
@logged_read
def verify(ctx: click.Context, target: Path, as_json: bool) -> None:
    """Re-hash originals and outputs, check the audit chain and every row; exit 1 on any problem.

    Given an export bundle (a .zip or its unpacked folder), check it offline instead: every file
    against the manifest and against the SHA-256 the bundle's own audit entry records, the audit
    extract's chain, each exhibit against its recorded hash, and the zip's own structure.

    \b
    Example:
      footprint verify cases/r-v-smith/reports/bundle.zip
    """
    if is_bundle(target):
        _verify_bundle(target, as_json)
        return
    with upgraded_copy(target, settings(ctx)) as older:  # an older case: on a copy, or rolled back
        if older is not None:
            _verify_case(in_role(ctx, older.case), target, as_json, older)
            return
    _verify_case(open_case(ctx, target, check_folder=False), target, as_json)  # another case's: a PROBLEM


def _verify_case(case: Case, target: Path, as_json: bool, older: UpgradedCopy | None = None) -> None:
    """Verify the case (``older``: upgraded on a temporary copy of its database, or in a transaction rolled
    back; writing nothing)."""
    if older is not None and not as_json:  # the first line: what was checked, and what cannot be
        console().print(f"{older.label()}: {safe(older.line())}")
    exposed = open_to_others(target)
    if exposed and not as_json:  # before the checks: it holds whatever they find
        console().print(f"WARNING: {safe(exposed)}")
    if older is not None:
        unrecorded = nothing_written(older)
    else:
        refusal = write_refusal(case)  # a read-only copy: verified all the same, its entry not written
        unrecorded = not_recorded("this verification", refusal) if refusal else ""
    warnings = [w for w in (exposed, unrecorded) if w]
    upgraded = {UPGRADED: older.as_json()} if older is not None else {}
    if case.store.withheld():
        release = older.release if older is not None else None  # as verify_case below
        _verify_narrowed(case, target, as_json, warnings, unrecorded, upgraded, release)
        return
    # exhibits kept in part, past a damaged byte (`add --accept-partial`, ingest.damage)
    partial = {e.ref: e.settings[PARTIAL] for e in case.store.exhibits() if PARTIAL in e.settings}
    if older is None:
        report = verify_case(case)
    else:  # a rolled-back upgrade's transaction, and its locks, end before the vault is hashed
        report = verify_case(case, older.from_schema, older.release)
    fields = {
        **upgraded,
        "exhibits": report.exhibits,
        "attachments": report.attachments,
        "items": report.items,
        "findings": report.findings,
        "decisions": report.decisions,
        "report_outputs": report.outputs,
        "notes": report.notes,
        "restore_gaps": [gap.as_json() for gap in report.gaps],
        "partial_exhibits": partial,
        "warnings": warnings,
        ANCHOR_ENTRIES: report.access_entries,
        ANCHOR_HEAD: report.access_head,
    }
    if not as_json:
        for gap in report.gaps:  # for good: what was lost stays said (docs/integrity.md)
            console().print(f"GAP: {one_line(gap.line())}")
        for note in report.notes:
            console().print(f"NOTE: {safe(note)}")
        for ref, words in partial.items():  # verified whole, but read in part: said each time
            console().print(f"PARTIAL: {ref}: {one_line(words)}", soft_wrap=True)
    _outcome(as_json, fields, report.audit_entries, report.audit_head, report.problems)
    if not as_json:  # before the audit entry: a writer that keeps verify from recording it loses no result
        console().print(
            f"OK: {report.exhibits} exhibit(s) and {report.attachments} attachment(s) match their"
            f" SHA-256; audit chain of {report.audit_entries} entries intact (head {report.audit_head});"
            f" {report.items} item(s), {report.findings} finding(s), {report.decisions} decision(s) and"
            f" {report.outputs} report output(s) match what their audit entries recorded"
            + (f", except what the {len(report.notes)} NOTE(s) above name" if report.notes else "")
            + (
                f"; the audit log has {len(report.gaps)} accepted gap(s), named in the GAP line(s) above"
                if report.gaps
                else ""
            )
            + f"; access log of {report.access_entries} read(s) intact (head {report.access_head})"
        )
    if unrecorded:
        _say_unrecorded(as_json, unrecorded)
        return
    anchor = {ANCHOR_ENTRIES: report.access_entries, ANCHOR_HEAD: report.access_head}
    record_verification(case, str(target), report.exhibits, report.audit_head, **anchor)


def _say_unrecorded(as_json: bool, unrecorded: str) -> None:
    """The last line of a verification of a read-only copy: it is not in the case's audit log (in the JSON
    document's ``warnings``)."""
    if not as_json:
        console().print(f"Warning: {safe(unrecorded)}")


def _verify_narrowed(
    case: Case,
    target: Path,
    as_json: bool,
    warnings: list[str],
    unrecorded: str,
    upgraded: Mapping[str, Any],
    release: Callable[[], None] | None,
) -> None:
    """An advocate's `verify` while exhibits are withheld from her: hers named, the others counted
    (``release``: ends a rolled-back upgrade's transaction, and its locks, before the vault is hashed)."""
    report = verify_narrowed(case, release)
    label = advocate_label(report.withheld)
    if as_json:
        emit_document(
            {
                **upgraded,
                "view": label,
                "exhibits": report.exhibits,
                "attachments": report.attachments,
                "withheld_exhibits": report.withheld,
                "not_checked": NOT_CHECKED,
                "audit_log_gap": report.gaps[0] if report.gaps else None,
                "warnings": warnings,
                "problems": report.problems,
            }
        )
    else:
        console().print(safe(label))
        for gap in report.gaps:  # for good, as the officer's verify names each: that there is one
            console().print(f"GAP: {safe(gap)}")
        for problem in report.problems:
            console().print(f"PROBLEM: {safe(problem)}")
    if report.problems:
        raise VerificationError(report.problems)
    if not as_json:
        console().print(f"{safe(report.summary())}; {NOT_CHECKED}")
    if unrecorded:
        _say_unrecorded(as_json, unrecorded)
        return
    exhibits = report.exhibits + report.withheld  # every original was re-hashed and matched
    record_verification(case, str(target), exhibits, report.audit_head, view="advocate")


def _outcome(
    as_json: bool, fields: Mapping[str, object], entries: int, head: str, problems: list[str]
) -> None:
    """Print the JSON record and any problems; a problem is a VerificationError (exit 1)."""
    if as_json:
        emit_document({**fields, "audit_entries": entries, "audit_head": head, "problems": problems})
    if problems:
        if not as_json:
            out = console()
            for problem in problems:
                out.print(f"PROBLEM: {safe(problem)}")
        raise VerificationError(problems)


def _verify_bundle(target: Path, as_json: bool) -> None:
    report = verify_bundle(target)
    fields = {
        "bundle": str(target),
        "files": report.files,
        "exhibits": report.exhibits,
        "bundle_entry": report.bundle_entry,
        "as_at_audit_entry": report.as_at,
        "restore_gaps": [gap.as_json() for gap in report.gaps],
    }
    if not as_json:  # a gap the case accepted stays said in every copy of its log
        for gap in report.gaps:
            console().print(f"GAP: {one_line(gap.line())}")
    _outcome(as_json, fields, report.audit_entries, report.audit_head, report.problems)
    if not as_json:
        gaps = len(report.gaps)
        console().print(
            f"OK: bundle {safe(target.name)}: {report.files} file(s) match the manifest and the SHA-256"
            f" recorded in audit entry {report.bundle_entry}; {report.exhibits} exhibit(s) listed;"
            f" audit extract of {report.audit_entries} entries intact (head {report.audit_head});"
            f" report as at audit entry {report.as_at}"
            + (f"; the audit log has {gaps} accepted gap(s), named in the GAP line(s) above" if gaps else "")
        )


COMMANDS = [verify]
