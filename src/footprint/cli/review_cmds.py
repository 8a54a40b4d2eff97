"""`review`: confirm, dismiss or note a finding, with a reason (audited)."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, console, open_case, safe
from footprint.review import DECISIONS, decide


@click.command("review")
@CASE_DIR
@click.argument("finding_id", type=int)
@click.option("--confirm", "action", flag_value="confirm", help="The finding is right.")
@click.option("--dismiss", "action", flag_value="dismiss", help="The finding is wrong.")
@click.option("--note", "action", flag_value="note", help="Keep a note on the finding.")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@click.pass_context
def review(ctx: click.Context, case_dir: Path, finding_id: int, action: str | None, reason: str) -> None:
    """Record a decision on FINDING_ID by the acting user (--actor).

    \b
    Example:
      footprint review cases/r-v-smith 12 --confirm --reason "threat is explicit"
    """
    if action is None:
        raise click.UsageError("choose one of --confirm, --dismiss or --note")
    case = open_case(ctx, case_dir)
    decision_id = decide(case, finding_id, action, reason)
    console().print(
        f"finding {finding_id}: {DECISIONS[action]} by {safe(case.settings.actor)} (decision {decision_id})"
    )


COMMANDS = [review]
