"""`review` and `record`: decide on a finding, or record one no analyser reads, with a reason (audited)."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.case import Case
from footprint.cli.common import CASE_DIR, console, open_case, safe
from footprint.errors import InputError
from footprint.review import DECISIONS, decide, record_finding
from footprint.review.record import parse_span


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
    who = safe(case.settings.actor)
    console().print(f"finding {finding_id}: {DECISIONS[action]} by {who}{_numbered(case, decision_id)}")


def _numbered(case: Case, decision_id: int) -> str:
    """`` (decision 12)``; nothing for a role that sees part of the case: the number counts the decisions
    on what it may not see (advocate leak review 5)."""
    return "" if case.store.withheld() else f" (decision {decision_id})"


def _span(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        return parse_span(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.command("record")
@CASE_DIR
@click.argument("item_id", type=int)
@click.option("--category", required=True, help="What the item shows (e.g. money_demand).")
@click.option("--reason", required=True, help="What you saw and where (kept in the audit log).")
@click.option(
    "--span", callback=_span, metavar="START:END", help="The evidence within the text (default: all of it)."
)
@click.option(
    "--words", default="", help="The evidence by its words, found once in the text (instead of --span)."
)
@click.pass_context
def record(
    ctx: click.Context,
    case_dir: Path,
    item_id: int,
    category: str,
    reason: str,
    span: tuple[int, int] | None,
    words: str,
) -> None:
    """Record a finding on ITEM_ID that no analyser reads, confirmed by the acting user (--actor).

    An advocate in a case holding material she may not see records a suggestion: noted, not confirmed,
    until the officer in the case confirms it.

    \b
    Example:
      footprint record cases/r-v-smith 41 --category money_demand --reason "voice note JD/4 demands £500"
    """
    case = open_case(ctx, case_dir)
    done = record_finding(case, item_id, category, reason, span, words)
    if done.decision == "noted":  # a role that sees only part of the case suggests it
        console().print(
            f"item {item_id}: {safe(category)} suggested by {safe(case.settings.actor)} as finding"
            f" {done.finding_id}, noted{_numbered(case, done.decision_id)}; it counts once the officer in"
            " the case confirms it"
        )
        return
    console().print(
        f"item {item_id}: {safe(category)} recorded by {safe(case.settings.actor)} as finding"
        f" {done.finding_id}, confirmed{_numbered(case, done.decision_id)}"
    )


COMMANDS = [review, record]
