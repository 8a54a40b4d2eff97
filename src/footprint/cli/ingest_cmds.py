"""`add` and `parsers`."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from footprint.cli.common import (
    CASE_DIR,
    JSON_OPTION,
    console,
    list_plugins,
    one_line,
    open_case,
    safe,
    shortened,
)
from footprint.ingest import parsers
from footprint.ingest.damage import ACCEPT_PARTIAL, PARTIAL
from footprint.ingest.dates import DATE_ORDERS
from footprint.ingest.unread import UNREAD_WARNED

#: how `add` names a number of items of each kind (singular, plural)
_KIND_WORDS = {
    "message": ("message", "messages"),
    "system": ("system message", "system messages"),
    "call": ("call", "calls"),
    "location": ("location share", "location shares"),
    "post": ("post", "posts"),
    "email": ("e-mail", "e-mails"),
    "incident": ("incident", "incidents"),
    "court_order": ("court order", "court orders"),
    "device_finding": ("device finding", "device findings"),
    "reaction": ("reaction", "reactions"),
    "image": ("image", "images"),
}

_NOT_READ_SHOWN = 5  # files `add` names as not read; the warnings name them all


def _warned(unread: int) -> str:
    if unread <= UNREAD_WARNED:
        return "each is a warning"
    return f"the first {UNREAD_WARNED:,} are each a warning, the rest one warning listing them"


def _counted(n: int, kind: str) -> str:
    """``n`` items of ``kind`` in words: "1 call", "7 messages", "2 system messages"."""
    one, many = _KIND_WORDS.get(kind, (kind, kind))
    return f"{n:,} {one if n == 1 else many}"


def _mapping(values: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for value in values:
        field, sep, column = value.partition("=")
        if not sep or not field or not column:
            raise click.BadParameter(f"{value!r} is not FIELD=COLUMN", param_hint="--map")
        mapping[field.strip()] = column.strip()
    return mapping


@click.command("add")
@CASE_DIR
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--exhibit",
    "exhibit_ref",
    help="Exhibit reference (default: producer's initials + next number).",
)
@click.option("--producer", required=True, help="Who produced the exhibit (continuity).")
@click.option("--owner", help="The person whose phone or account the export came from.")
@click.option("--format", "fmt", help="Parser name, when sniffing cannot decide (see `footprint parsers`).")
@click.option(
    "--date-order",
    type=click.Choice(DATE_ORDERS),
    help="Day/month order when the file cannot show it.",
)
@click.option("--tz", help="Zone the export's local times are in (IANA name).")
@click.option(
    "--map", "maps", multiple=True, metavar="FIELD=COLUMN", help="Column mapping for tabular files."
)
@click.option(
    "--platform",
    help="Platform for the account keys of a generic CSV/JSONL, a forensic table or a chat in WhatsApp's"
    " layout (e.g. sms, signal); refused for other formats.",
)
@click.option("--notes", default="", help="Notes for the continuity record.")
@click.option("--justification", default="", help="Why (recorded in the audit log).")
@click.option(
    "--victim-supplied",
    is_flag=True,
    help="The complainant supplied it (a victim's advocate may see it; always so when an advocate adds).",
)
@click.option(
    ACCEPT_PARTIAL,
    "accept_partial",
    is_flag=True,
    help="When a damaged byte stops the reading part-way, keep the items read before it, and where the"
    " next whole record can be found (SMS backups; Telegram, X, Discord and Messenger E2EE message lists)"
    " those after it (the exhibit is marked partial), instead of refusing the file; get a fresh copy of"
    " the export when you can.",
)
@click.pass_context
def add(
    ctx: click.Context,
    case_dir: Path,
    files: tuple[Path, ...],
    exhibit_ref: str | None,
    producer: str,
    owner: str | None,
    fmt: str | None,
    date_order: str | None,
    tz: str | None,
    maps: tuple[str, ...],
    platform: str | None,
    notes: str,
    justification: str,
    victim_supplied: bool,
    accept_partial: bool,
) -> None:
    """Add export files to the case as exhibits (each all or nothing).

    \b
    Example:
      footprint add cases/r-v-smith chat.zip --producer "Jane Doe" --exhibit JD/1 --owner "Jane Doe"
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from footprint.her_accounts import exhibit_accounts, what_to_say
    from footprint.pipeline import AddOptions, add_exhibit  # not for `parsers`: it loads the store
    from footprint.staging_dirs import stopped_add_words, stopped_adds

    if exhibit_ref and len(files) > 1:
        raise click.BadParameter(
            "--exhibit names one exhibit; add files one at a time", param_hint="--exhibit"
        )
    case = open_case(ctx, case_dir)
    for folder in stopped_adds(case.dir):  # what a killed add had begun to pack or read
        click.echo(stopped_add_words(folder), err=True)
    out = console()
    column_map = _mapping(maps)
    added: list[str] = []
    for number, path in enumerate(files):
        options = AddOptions(
            producer=producer, exhibit_ref=exhibit_ref, owner=owner, format=fmt,
            date_order=date_order, tz=tz, column_map=column_map, platform=platform,
            notes=notes, justification=justification, victim_supplied=victim_supplied,
            accept_partial=accept_partial,
        )  # fmt: skip
        with Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,} items"),
            TimeElapsedColumn(), console=out, transient=True, disable=not out.is_terminal,
        ) as progress:  # fmt: skip
            task = progress.add_task(f"Reading {one_line(path.name)}", total=None)
            try:
                result = add_exhibit(case, path, options, partial(progress.advance, task))
            except Exception:
                if len(files) > 1:  # the files before it stay (each is its own transaction): say which
                    click.echo(_of_several(files, added, number), err=True)
                raise
        added.append(f"{result.ref} ({one_line(path.name)})")
        counts = ", ".join(_counted(n, kind) for kind, n in result.items_by_kind.items()) or "no items"
        warnings = f"{result.warnings:,} warning" + ("" if result.warnings == 1 else "s")
        out.print(
            f"{result.ref}: {one_line(path.name)} ({result.parser} v{result.parser_version}) — {counts};"
            f" {warnings}; SHA-256 {result.sha256}"
        )
        for name, decision in result.decisions.items():
            if name == PARTIAL:  # said loudly below
                continue
            out.print(f"  {name}: {safe(shortened(_plain(decision, tz)))}")
        if PARTIAL in result.decisions:
            out.print(f"  PARTIAL EXHIBIT: {one_line(shortened(result.decisions[PARTIAL]))}", soft_wrap=True)
        if result.not_read:
            shown = ", ".join(result.not_read[:_NOT_READ_SHOWN])
            if len(result.not_read) > _NOT_READ_SHOWN:
                shown += f" and {len(result.not_read) - _NOT_READ_SHOWN:,} more"
            out.print(
                f"  not read: {one_line(shortened(shown))} — kept in the exhibit;"
                f" {_warned(len(result.not_read))} (footprint items DIR --warnings)"
            )
        if result.owner_account:
            out.print(f"  owner account: {one_line(shortened(result.owner_account))}")
        unmarked = exhibit_accounts(case.store, result.ref, path.name, result.own_accounts, owner)
        for line in what_to_say(unmarked, result.ref, str(case_dir)) if unmarked else ():
            out.print(f"  {one_line(shortened(line))}", soft_wrap=True)
        if result.supplied_by:
            out.print(f"  supplied by the {result.supplied_by}")
        for ref, n in result.copies.items():
            out.print(f"  {n:,} item(s) repeat items of {ref}; counted once")


def _plain(decision: str, tz: str | None) -> str:
    """A reading decision in words for whoever adds the exhibit (a victim's advocate is no "examiner");
    the exhibit keeps the decision as recorded."""
    zone_given = "given with --tz" if tz else "the case's zone"
    return decision.replace("given by the examiner (--date-order)", "given with --date-order").replace(
        " (examiner)", f" ({zone_given})"
    )


def _of_several(files: tuple[Path, ...], added: list[str], failed: int) -> str:
    """What became of each of several files when the one at index ``failed`` could not be added."""
    later = ", ".join(one_line(p.name) for p in files[failed + 1 :]) or "none"
    return (
        f"Of the {len(files)} files: added: {', '.join(added) or 'none'}; not added:"
        f" {one_line(files[failed].name)}; not tried: {later} — add the files not added or not tried again"
        " when the error below is put right"
    )


@click.command("parsers")
@JSON_OPTION
def parsers_cmd(as_json: bool) -> None:
    """List the installed parsers with their versions.

    \b
    Example:
      footprint parsers --json
    """
    rows = [{"name": p.name, "version": p.version, "description": p.description} for p in parsers]
    list_plugins("parsers", rows, as_json)


COMMANDS = [add, parsers_cmd]
