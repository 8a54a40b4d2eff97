"""`suggestions`: the officer's queue of what advocates noted and suggested (``review.suggestions``)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click

from footprint.cli.access import logged_read
from footprint.cli.common import CASE_DIR, JSON_OPTION, console, emit_json, one_line, open_case, shortened
from footprint.review.suggestions import (
    DECIDED,
    REPLACED,
    WAITING,
    AccountDecision,
    AccountSuggestion,
    Suggestion,
    suggestion_queue,
)
from footprint.store.suggestions import LINK, NEW_PERSON


@click.command("suggestions")
@CASE_DIR
@click.option("--all", "everything", is_flag=True, help="Also those decided since, and those replaced.")
@JSON_OPTION
@click.pass_context
@logged_read
def suggestions(ctx: click.Context, case_dir: Path, everything: bool, as_json: bool) -> None:
    """What advocates noted and suggested that no deciding user has decided on since.

    Notes on findings, suggested findings, links and attributions, oldest first, each with the command
    that decides it. For the roles that see the whole case and decide on it (investigator, reviewer,
    prosecutor).

    \b
    Example:
      footprint suggestions cases/r-v-smith --all
    """
    case = open_case(ctx, case_dir)
    queue = suggestion_queue(case)
    shown = queue.shown(everything)
    folder = shlex.quote(str(case_dir))
    if as_json:
        for s in shown:
            emit_json(_as_json(s, folder) if isinstance(s, Suggestion) else _account_json(s, folder))
        return
    out = console()
    for s in shown:
        for line in _lines(s, folder) if isinstance(s, Suggestion) else _account_lines(s, folder):
            out.print(line)
    out.print(
        f"{queue.count(WAITING)} waiting for a deciding user; {queue.count(DECIDED)} decided since"
        f" and {queue.count(REPLACED)} on findings replaced since"
        + ("" if everything else " (shown with --all)")
    )


def _commands(s: Suggestion, folder: str) -> dict[str, str]:
    """The commands that confirm and dismiss the finding it stands on (none when replaced)."""
    if s.finding is None:
        return {}
    return {
        action: f"footprint review {folder} {s.finding.id} --{action} --reason TEXT --seen {s.latest}"
        for action in ("confirm", "dismiss")
    }


def _lines(s: Suggestion, folder: str) -> list[str]:
    """One suggestion or note as the console shows it: hostile text on one line each, escaped."""
    note, f = s.note, s.finding
    what = "suggested finding" if s.suggested else "noted on finding"
    head = f"{note.at_utc} {one_line(note.user)} ({s.role}) {what}"
    if f is None:
        head += f" {note.finding_id}, since replaced: the analysers ran again and no longer assert it"
    else:
        where = f"{f.exhibit} {f.locator}" if f.exhibit else "the case as a whole"
        earlier = f" (made on #{note.finding_id} of an earlier run)" if note.finding_id != f.id else ""
        head += f" {f.id}{earlier}: {f.category} on {one_line(where)}"
    lines = [head]
    if s.words:
        lines.append(f'  words: "{one_line(shortened(s.words))}"')
    lines.append(f'  her note: "{one_line(note.reason)}"')
    if s.decided is not None:
        d = s.decided.decision
        lines.append(
            f"  {d.decision} by {one_line(d.user)} ({s.decided.role or 'role not recorded'}) at {d.at_utc}:"
            f' "{one_line(d.reason)}"'
        )
    elif f is not None:
        lines.extend(f"  {action}: {command}" for action, command in _commands(s, folder).items())
    return lines


def _as_json(s: Suggestion, folder: str) -> dict[str, Any]:
    note, f, d = s.note, s.finding, s.decided
    return {
        "state": s.state,
        "kind": "suggested finding" if s.suggested else "note",
        "by": note.user,
        "role": s.role,
        "at_utc": note.at_utc,
        "note": note.reason,
        "noted_on": note.finding_id,
        "finding_id": f.id if f else None,
        "category": f.category if f else None,
        "exhibit": f.exhibit if f else None,
        "locator": f.locator if f else None,
        "words": s.words,
        "latest_decision": s.latest,
        "decided": None
        if d is None
        else {
            "by": d.decision.user,
            "role": d.role,
            "decision": d.decision.decision,
            "reason": d.decision.reason,
            "at_utc": d.decision.at_utc,
        },
        **({} if d else _commands(s, folder)),
    }


def _account_lines(s: AccountSuggestion, folder: str) -> list[str]:
    """A suggested link or attribution as the console shows it: hostile text on one line each, escaped."""
    x = s.suggestion
    head = f"{x.at_utc} {one_line(x.user)} ({one_line(x.role)}) suggested"
    if x.kind == LINK:
        head += f" link {x.id}: {one_line(x.account_a)} ~ {one_line(x.account_b)}"
    else:
        head += f" attribution {x.id}: {one_line(x.account_a)} to {one_line(x.person)}"
    if x.kind == NEW_PERSON:
        head += ", a name she typed (not one of the people she was shown)"
    lines = [head, f'  her note: "{one_line(x.note)}"']
    if s.decided is not None:
        lines.append(f"  {_decision_line(s.decided, x.kind == LINK)}")
        return lines
    if x.kind == LINK and not s.link_stored:
        lines.append(
            "  no link between them is stored (the linkage analyser did not pair them): attribute both"
        )
    if not s.person_in_case:
        lines.append(
            f"  {one_line(x.person)} is not in the case yet: add them (choose their role), then attribute it"
        )
    elif s.case_person is not None:
        lines.append(
            f"  {one_line(s.case_person)} is a person in the case (added since, or one she may not be shown):"
            " attribute it to them if she meant them"
        )
    lines.extend(f"  {verb.partition('_')[0]}: {one_line(c)}" for verb, c in s.commands(folder).items())
    return lines


def _decision_line(d: AccountDecision, link: bool) -> str:
    """How a deciding user decided a suggested link or attribution since, and whether as she suggested."""
    e = d.entry
    by = f'by {one_line(e.actor)} ({one_line(e.role)}) at {e.at_utc}: "{one_line(d.reason)}"'
    if d.decision != "attributed":
        return f"{d.decision} {by}"
    if not link:
        return f"attributed to {one_line(d.person)} {by} ({'' if d.as_suggested else 'not '}as she suggested)"
    outcome = (
        f"both accounts are now {one_line(d.person)}'s, as she suggested"
        if d.as_suggested
        else f"the other account is {one_line(d.other_person)}'s: not as she suggested"
    )
    return f"attributed {one_line(d.account)} to {one_line(d.person)} {by} ({outcome})"


def _account_json(s: AccountSuggestion, folder: str) -> dict[str, Any]:
    x, d = s.suggestion, s.decided
    return {
        "state": s.state,
        "kind": f"suggested {x.kind}",
        "by": x.user,
        "role": x.role,
        "at_utc": x.at_utc,
        "note": x.note,
        "suggestion_id": x.id,
        "accounts": [x.account_a] if x.account_b is None else [x.account_a, x.account_b],
        "person": x.person,
        "link_stored": s.link_stored if x.kind == LINK else None,
        "person_in_case": s.person_in_case if x.kind == NEW_PERSON else None,
        "decided": None
        if d is None
        else {
            "by": d.entry.actor,
            "role": d.entry.role,
            "decision": d.decision,
            "reason": d.reason,
            "at_utc": d.entry.at_utc,
            "account": d.account,
            "person": d.person,
            "as_suggested": d.as_suggested,
        },
        **({} if d else s.commands(folder)),
    }


COMMANDS = [suggestions]
