"""`verify`: re-hash the evidence and check the audit chain."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, JSON_OPTION, console, emit_json, open_case, safe
from footprint.errors import VerificationError
from footprint.integrity import verify_case


@click.command("verify")
@CASE_DIR
@JSON_OPTION
@click.pass_context
def verify(ctx: click.Context, case_dir: Path, as_json: bool) -> None:
    """Re-hash every original and derived copy and check the audit chain; exit 1 on any problem."""
    case = open_case(ctx, case_dir)
    report = verify_case(case)
    if as_json:
        emit_json(
            {
                "exhibits": report.exhibits,
                "attachments": report.attachments,
                "audit_entries": report.audit_entries,
                "audit_head": report.audit_head,
                "problems": report.problems,
            }
        )
    out = console()
    if report.problems:
        if not as_json:
            for problem in report.problems:
                out.print(f"PROBLEM: {safe(problem)}")
        raise VerificationError(report.problems)
    case.record("verify", str(case_dir), exhibits=report.exhibits, audit_head=report.audit_head)
    if not as_json:
        out.print(
            f"OK: {report.exhibits} exhibit(s) and {report.attachments} attachment(s) match their"
            f" SHA-256; audit chain of {report.audit_entries} entries intact (head {report.audit_head})"
        )


COMMANDS = [verify]
