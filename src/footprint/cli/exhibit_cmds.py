"""`exhibit supplied`: mark an exhibit as supplied by the complainant."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, console, open_case, safe


@click.group("exhibit")
def exhibit_group() -> None:
    """Exhibits: who supplied them (what a victim's advocate may see)."""


@exhibit_group.command("supplied")
@CASE_DIR
@click.argument("ref", metavar="REF")
@click.option("--reason", default="", help="Why it is known she supplied it (kept in the audit log).")
@click.pass_context
def exhibit_supplied(ctx: click.Context, case_dir: Path, ref: str, reason: str) -> None:
    """Mark exhibit REF as supplied by the complainant (append-only, audited; a reason is required).

    A user acting as advocate sees only such exhibits. Only a role that sees the whole case and may
    decide (investigator, reviewer, prosecutor) may mark one.

    \b
    Example:
      footprint exhibit supplied cases/r-v-smith PC/2 --reason "handed over by her at the front desk"
    """
    from footprint.review.supplied import mark_supplied  # loads the store

    case = open_case(ctx, case_dir)
    mark_supplied(case, ref, reason)
    console().print(f"Exhibit {safe(ref)} is marked as supplied by the complainant")


COMMANDS = [exhibit_group]
