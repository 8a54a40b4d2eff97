"""`access-log`: who read the case, when, with which command and why (``footprint.access_log``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from footprint.cli.access import logged_read
from footprint.cli.common import CASE_DIR, JSON_OPTION, console, emit_json, one_line, open_case
from footprint.errors import AccessDeniedError, InputError
from footprint.review.decisions import may_decide
from footprint.store.access_rows import access_entries

#: what a role that may not read the access log is told to do instead
ASK = "ask the officer in the case (an investigator), a reviewer or a prosecutor for it"


@click.command("access-log")
@CASE_DIR
@click.option("--since", help="Only reads from this UTC date or time on (YYYY-MM-DD or ISO 8601).")
@JSON_OPTION
@click.pass_context
@logged_read
def access_log(ctx: click.Context, case_dir: Path, since: str | None, as_json: bool) -> None:
    """Who read the case at the command line, when, with which command and arguments, and why.

    Reading it is itself recorded in it. Shown to the roles that see the whole case and decide on it
    (investigator, reviewer, prosecutor); an advocate sees it only where nothing is withheld from her.

    \b
    Example:
      footprint access-log cases/r-v-smith --since 2026-11-01 --json
    """
    start = _since(since)
    case = open_case(ctx, case_dir)
    if not may_decide(case.settings.role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {case.settings.role!r}, which may not read the access log; {ASK}"
        )
    case.store.require_whole(
        "the access log", f"It names every read of the case and what it looked for; {ASK}"
    )
    with case.store.engine.connect() as conn:
        entries = access_entries(conn, start)
    if as_json:
        for entry in entries:
            emit_json(entry.as_json())
        return
    out = console()
    for e in entries:
        why = f" — purpose: {one_line(e.purpose)}" if e.purpose else ""
        ended = "" if e.outcome == "ok" else f" ({e.outcome})"
        out.print(
            f"{e.seq} {e.at_utc} {one_line(e.actor)} ({e.role}, login {one_line(e.os_user)}):"
            f" {e.command} {one_line(e.arguments)}{ended}, {e.lines_shown} line(s) shown{why}"
        )
    out.print(f"{len(entries)} read(s)" + (f" since {start}Z" if start else ""))


def _since(since: str | None) -> str | None:
    """``--since`` as UTC ``YYYY-MM-DDTHH:MM:SS`` (a date: its midnight; a time with no zone: UTC)."""
    if since is None:
        return None
    try:
        moment = datetime.fromisoformat(since.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"--since {since!r} is not a date or time; give YYYY-MM-DD or an ISO 8601 time such as"
            " 2026-11-30T09:00:00Z"
        ) from None
    utc = moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S")


COMMANDS = [access_log]
