"""`review` and `record`: decide on a finding, or record one no analyser reads, with a reason (audited)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from footprint.case import Case
from footprint.cli.common import CASE_DIR, console, one_line, open_case, safe
from footprint.errors import ChangedMeanwhileError, FootprintError, InputError
from footprint.her_numbers import HerNumbers, her_numbers, no_longer_current
from footprint.review import DECISIONS, decide, record_finding
from footprint.review.decisions import Decided, DecidedMeanwhileError
from footprint.review.record import no_item, parse_span
from footprint.store.decisions import StoredDecision

T = TypeVar("T")


@click.command("review")
@CASE_DIR
@click.argument("finding_id", type=int)
@click.option("--confirm", is_flag=True, help="The finding is right.")
@click.option("--dismiss", is_flag=True, help="The finding is wrong.")
@click.option("--note", is_flag=True, help="Keep a note on the finding.")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@click.option(
    "--seen",
    type=click.IntRange(min=0),
    metavar="N",
    help="The latest decision on the finding you weighed (0: none); refused when another is the latest.",
)
@click.pass_context
def review(
    ctx: click.Context,
    case_dir: Path,
    finding_id: int,
    confirm: bool,
    dismiss: bool,
    note: bool,
    reason: str,
    seen: int | None,
) -> None:
    """Record a decision on FINDING_ID by the acting user (--actor).

    \b
    Example:
      footprint review cases/r-v-smith 12 --confirm --reason "threat is explicit" --seen 0
    """
    action = _one_action(confirm=confirm, dismiss=dismiss, note=note)
    case = open_case(ctx, case_dir)
    if seen and case.store.withheld():  # a number would count decisions on what she may not see
        raise InputError(
            "--seen N names a decision by its number, which a role that sees part of the case is not shown;"
            " give --seen 0 (no decision yet) or leave it out"
        )
    shown = None if seen is None else str(seen) if seen else ""  # --seen 0: she saw no decision on it

    def act(case_id: int) -> Decided:
        try:
            return decide(case, case_id, action, reason, seen=shown)
        except DecidedMeanwhileError as exc:  # said with the case's id: an advocate's words are reworded
            assert seen is not None
            raise ChangedMeanwhileError(_decided_meanwhile(case, case_id, seen, exc.latest)) from None

    numbers = her_numbers(case)  # an advocate's numbers (None for another role)
    decided = _acting(case, numbers, "finding", finding_id, act)
    who = safe(case.settings.actor)
    out = console()
    out.print(f"finding {finding_id}: {DECISIONS[action]} by {who}{_numbered(case, decided.id)}")
    replaced = decided.replaced  # with --seen, the decision she weighed
    if seen is None and replaced is not None and replaced.user != case.settings.actor:
        out.print(f"  it replaces {one_line(_described(case, replaced))}; both are kept, the latest stands")


def _one_action(**given: bool) -> str:
    """The one decision asked for; a usage error for none, or for two or more (each flag would otherwise
    record whichever came last: an audited decision must not hang on the order of its flags)."""
    chosen = [action for action, on in given.items() if on]
    if len(chosen) != 1:
        named = " and ".join(f"--{action}" for action in chosen)
        raise click.UsageError(
            "choose one of --confirm, --dismiss or --note" + (f" (given: {named})" if named else "")
        )
    return chosen[0]


def _described(case: Case, decision: StoredDecision) -> str:
    """``bob's decision 1 (dismissed at …: "a song lyric")`` (no number for a role that sees part of the
    case); hostile text, for :func:`one_line` or an error line."""
    number = "" if case.store.withheld() else f" {decision.id}"
    return (
        f'{decision.user}\'s decision{number} ({decision.decision} at {decision.at_utc}: "{decision.reason}")'
    )


def _decided_meanwhile(case: Case, finding_id: int, seen: int, latest: StoredDecision | None) -> str:
    """The refusal of a decision when the latest decision on the finding is not the one given as ``--seen``
    (someone decided on it since)."""
    if latest is None:  # only a number that was never the latest: the finding has no decision
        return (
            f"finding {finding_id} has no decision yet, not decision {seen}; nothing was recorded:"
            " give --seen 0"
        )
    given = f"decision {seen}" if seen else "none"
    again = "" if case.store.withheld() else f" with --seen {latest.id}"
    return (
        f"finding {finding_id}: the latest decision on it is {_described(case, latest)}, not {given} as"
        f" --seen says; nothing was recorded: weigh it and decide again{again}"
    )


def _acting(case: Case, numbers: HerNumbers | None, kind: str, number: int, act: Callable[[int], T]) -> T:
    """``act`` on the case's id of the ``kind`` (item or finding) given as ``number``: in an advocate's
    view (``numbers``) her number, and what goes wrong said in her numbers; a number she has not is "not
    found", as one the case has not, and a finding number she was given that names no finding she sees now
    says so (``her_numbers.no_longer_current``)."""
    if numbers is None:
        return act(number)
    case_id = numbers.finding_id(number) if kind == "finding" else numbers.item_id(number)
    if case_id is None:
        raise no_longer_current(case, numbers, number) if kind == "finding" else no_item(number)
    try:
        return act(case_id)
    except FootprintError as exc:
        # read again: the finding it names may have been numbered by a write this one waited for (the
        # same finding recorded at once by another), after ``numbers`` was read
        raise (her_numbers(case) or numbers).reworded(exc) from None


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
    numbers = her_numbers(case)  # an advocate's numbers (None for another role)
    done = _acting(
        case, numbers, "item", item_id, lambda n: record_finding(case, n, category, reason, span, words)
    )
    after = her_numbers(case)  # an advocate's number for the finding just recorded
    number = done.finding_id if after is None else after.findings[done.finding_id]
    if done.decision == "noted":  # a role that sees only part of the case suggests it
        console().print(
            f"item {item_id}: {safe(category)} suggested by {safe(case.settings.actor)} as finding"
            f" {number}, noted{_numbered(case, done.decision_id)}; it counts once the officer in"
            " the case confirms it"
        )
        return
    console().print(
        f"item {item_id}: {safe(category)} recorded by {safe(case.settings.actor)} as finding"
        f" {number}, confirmed{_numbered(case, done.decision_id)}"
    )


COMMANDS = [review, record]
