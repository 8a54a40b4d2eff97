"""Helpers shared by the commands: opening the case, JSON output, safe terminal text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape

from footprint.cli import CHANGING
from footprint.code_identity import tool_version
from footprint.errors import AccessDeniedError
from footprint.settings import Settings
from footprint.visible import on_one_line, visible

if TYPE_CHECKING:
    from footprint.case import Case

CASE_DIR = click.argument("case_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
#: set in ``ctx.meta`` by a command that logs its reads (``cli.access``): the cases ``open_case`` opened
OPENED = "footprint.opened_cases"
#: the commands a read-only role (``viewer``) may run on a case: they only read it (reads are audited)
READS_ONLY = frozenset(
    {"ls", "items", "search", "findings", "link", "assess", "order list", "verify", "serve", "user ls",
     "access-log", "suggestions"}
)  # fmt: skip


def settings(ctx: click.Context) -> Settings:
    """The run's settings from the group."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def command_name(ctx: click.Context) -> str:
    """The command as typed after `footprint` (``person add``), without the group's options."""
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(names)


def check_may_change(ctx: click.Context) -> None:
    """Refuse a command that changes the case when the actor's role only reads (``viewer``); otherwise
    note that it may change the case (what Ctrl-C then says)."""
    from footprint.deciders import MANAGERS  # loads the store: not for `parsers`
    from footprint.review.decisions import READ_ONLY_ROLES

    run = settings(ctx)
    command = command_name(ctx)
    if command in READS_ONLY:
        return
    if run.role in READ_ONLY_ROLES:
        raise AccessDeniedError(
            f"{run.actor} acts as {run.role!r}, which may read the case but not change it;"
            f" `footprint {command}` changes it: ask {MANAGERS} to do it"
        )
    ctx.meta[CHANGING] = True


def open_case(ctx: click.Context, case_dir: Path, *, check_folder: bool = True) -> Case:
    """Open the case the command names, acting in the role the case gives the actor when they are one of
    its users (refused when --role names another; ``users.acting_role``), and refused when the command
    changes the case and the role only reads, and unless ``check_folder`` is false, when its database is
    another case's or older than the folder."""
    from footprint.case import Case  # the case and its store load with the first command that opens one

    check_may_change(ctx)
    case = in_role(ctx, Case.open(case_dir, settings(ctx), check_folder=check_folder))
    ctx.meta.get(OPENED, []).append(case)  # where a read is logged (``cli.access``)
    return case


def in_role(ctx: click.Context, case: Case) -> Case:
    """``case`` acting in the role it gives the actor when they are one of its users (refused, and the case
    closed, when --role names another, or when the command changes the case and the role only reads)."""
    from footprint.users import acting_role

    run = settings(ctx)
    try:
        role = acting_role(case, declared="role" in run.model_fields_set)
        if role != run.role:
            ctx.find_root().obj = run.model_copy(update={"role": role})
            check_may_change(ctx)
            case = case.acting_as(run.actor, role)
    except BaseException:
        case.close()
        raise
    return case


def warn_unfinished(case: Case) -> None:
    """Say on stderr, one line each, when the latest `analyse` did not finish (what ran, what did not),
    which exhibits an analyser's latest successful run did not read (added during or after it:
    ``analysis_gaps``), and each analyser whose latest run failed after one that did not (its findings
    shown are the earlier run's)."""
    from footprint.analysis_gaps import analysis_gaps

    for said in analysis_gaps(case.store):
        warn(said)
    runs = case.store.runs(latest_only=False)
    succeeded = {r.analyser for r in runs if r.status == "ok"}
    for run in {r.analyser: r for r in runs}.values():  # each analyser's latest run
        if run.status != "ok" and run.analyser in succeeded:
            click.echo(
                f"Warning: the latest run of {run.analyser} (v{run.version}) did not complete ({run.status});"
                " its findings listed are from an earlier run, which did not read what was added since: run"
                " `footprint analyse` again",
                err=True,
            )


def warn(said: str) -> None:
    """Say ``said`` on stderr as one warning line; nothing when it is empty."""
    if said:
        click.echo(f"Warning: {error_line(said)}", err=True)


def console() -> Console:
    """A console for human output (no colour codes when piped)."""
    return Console(highlight=False, soft_wrap=True)


def safe(text: str | None) -> str:
    """Message text is hostile: no terminal escapes, no bidi overrides, no rich markup."""
    if text is None:
        return ""
    return escape(visible(text))


def one_line(text: str | None) -> str:
    """:func:`safe` text on one line: a line break in it is shown as ⏎, so that a message cannot print a
    line that looks like another record of the listing."""
    return escape(on_one_line(text or ""))


#: the most characters of one line of a summary naming what an export holds (account ids, names, thread
#: ids) that the console shows: an export may hold a 10 MB "id"; the case keeps it whole
CONSOLE_CHARS = 1_000


def shortened(text: str, limit: int = CONSOLE_CHARS) -> str:
    """``text`` cut to ``limit`` characters for the console, saying how many were left out (the stored
    records keep them whole)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}[… {len(text) - limit:,} more characters not shown; the case keeps them whole]"


def print_copies(copies: dict[str, dict[str, int]]) -> None:
    """Say which items of later exhibits an attribution (or an accepted link) found to be copies."""
    out = console()
    for ref, found in copies.items():
        for first, n in found.items():
            out.print(f"  {n:,} item(s) of {ref} repeat items of {first}; counted once")


def error_line(message: str) -> str:
    """An error message as the one line the CLI prints: hostile text in it made inert, lines joined."""
    return " ".join(visible(message).split("\n"))


def emit_json(value: Any) -> None:
    """Write one JSON document (or one JSON Lines record)."""
    click.echo(json.dumps(value, ensure_ascii=False, sort_keys=False))


def emit_document(value: dict[str, Any]) -> None:
    """Write one JSON document that names the tool and version that produced it (DESIGN.md)."""
    emit_json({**value, "tool": "footprint", "tool_version": tool_version()})


def list_plugins(kind: str, rows: list[dict[str, Any]], as_json: bool) -> None:
    """List installed plugins: ``{kind: rows}`` as JSON, or one ``name vN  description`` line each."""
    if as_json:
        emit_document({kind: rows})
        return
    for row in rows:
        click.echo(f"{row['name']:<16} v{row['version']}  {row['description']}")
