"""`exhibit supplied` and `exhibit owner`: who supplied an exhibit, and whose phone or account it is."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, console, open_case, safe


@click.group("exhibit")
def exhibit_group() -> None:
    """Exhibits: who supplied them (what a victim's advocate may see) and whose they are."""


@exhibit_group.command("supplied")
@CASE_DIR
@click.argument("ref", metavar="REF")
@click.option(
    "--reason",
    default="",
    help="Why it is known she supplied it, or with --withdraw why the mark was wrong (audited).",
)
@click.option(
    "--withdraw", is_flag=True, help="Withdraw a mark made in error (a new row; both stay on the record)."
)
@click.pass_context
def exhibit_supplied(ctx: click.Context, case_dir: Path, ref: str, reason: str, withdraw: bool) -> None:
    """Mark exhibit REF as supplied by the complainant (append-only, audited; a reason is required).

    A user acting as advocate sees only such exhibits. Only a role that sees the whole case and may
    decide (investigator, reviewer, prosecutor) may mark one. A mark made in error is withdrawn with
    --withdraw: a new row, the newest deciding, so the advocate no longer sees the exhibit; the mark and
    its withdrawal both stay in the audit log and the exhibit's continuity record.

    \b
    Example:
      footprint exhibit supplied cases/r-v-smith PC/2 --reason "handed over by her at the front desk"
      footprint exhibit supplied cases/r-v-smith SJ/1 --withdraw --reason "typo: meant JD/2"
    """
    from footprint.review.supplied import mark_supplied  # loads the store

    case = open_case(ctx, case_dir)
    mark_supplied(case, ref, reason, withdraw=withdraw)
    if withdraw:
        console().print(
            f"Exhibit {safe(ref)} is no longer marked as supplied by the complainant: an advocate no longer"
            " sees it"
        )
    else:
        console().print(f"Exhibit {safe(ref)} is marked as supplied by the complainant")


@exhibit_group.command("owner")
@CASE_DIR
@click.argument("ref", metavar="REF")
@click.option("--person", required=True, help="Whose phone or account it came from (a person in the case).")
@click.option("--reason", default="", help="How it is known whose it is (kept in the audit log).")
@click.option(
    "--correction", is_flag=True, help="Replace an owner recorded before (both stay on the record)."
)
@click.pass_context
def exhibit_owner(
    ctx: click.Context, case_dir: Path, ref: str, person: str, reason: str, correction: bool
) -> None:
    """Record whose phone or account exhibit REF came from (append-only, audited; a reason is required).

    For an exhibit added without --owner (for example a phone checked with `device check` alone):
    `assess` counts confirmed device findings only on her own phone. A different owner replaces one
    already recorded only with --correction. Only a role that sees the whole case and may decide
    (investigator, reviewer, prosecutor) may record it.

    \b
    Example:
      footprint exhibit owner cases/r-v-smith JD/3 --person "Jane Doe" --reason "her phone, seized from her"
    """
    from footprint.review.owner import record_owner  # loads the store

    case = open_case(ctx, case_dir)
    before, warnings = record_owner(case, ref, person, reason, correction=correction)
    replaced = f" (was {safe(before.owner)})" if before.owner is not None else ""
    out = console()
    out.print(
        f"Exhibit {safe(ref)} is recorded as {safe(person)}'s{replaced}; run `footprint assess` again to"
        " count confirmed findings on it"
    )
    for warning in warnings:
        out.print(
            f"warning: {safe(warning)}; check that {safe(ref)} is {safe(person)}'s (if not, record the right"
            " owner with --correction)"
        )


COMMANDS = [exhibit_group]
