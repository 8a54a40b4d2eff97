"""`suggestions`: the officer's queue of what advocates noted and suggested (``review.suggestions``)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click

from footprint.cli.access import logged_read
from footprint.cli.common import CASE_DIR, JSON_OPTION, console, emit_json, one_line, open_case, shortened
from footprint.review.suggestions import DECIDED, REPLACED, WAITING, Suggestion, suggestion_queue


@click.command("suggestions")
@CASE_DIR
@click.option("--all", "everything", is_flag=True, help="Also those decided since, and those replaced.")
@JSON_OPTION
@click.pass_context
@logged_read
def suggestions(ctx: click.Context, case_dir: Path, everything: bool, as_json: bool) -> None:
    """What advocates noted and suggested that no deciding user has confirmed or dismissed since.

    Oldest first, each with the command that confirms or dismisses it. For the roles that see the whole
    case and decide on it (investigator, reviewer, prosecutor).

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
            emit_json(_as_json(s, folder))
        return
    out = console()
    for s in shown:
        for line in _lines(s, folder):
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


COMMANDS = [suggestions]
