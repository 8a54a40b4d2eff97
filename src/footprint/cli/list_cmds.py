"""`ls`, `items`, `search`, `findings`: what the case holds."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from footprint.case import Case
from footprint.cli.access import logged_read
from footprint.cli.common import (
    CASE_DIR,
    JSON_OPTION,
    console,
    emit_document,
    emit_json,
    one_line,
    open_case,
    safe,
    warn,
    warn_unfinished,
)
from footprint.clock_flags import clock_notes, flagged, when
from footprint.edits import edit_versions
from footprint.errors import InputError, NotFoundError
from footprint.her_numbers import her_numbers
from footprint.ingest.damage import PARTIAL
from footprint.report import advocate
from footprint.serialise import finding_json, item_json
from footprint.store.queries import RECORDED_ANALYSER
from footprint.times import uk_display
from footprint.unmarked_exhibits import advocate_added_unmarked, unmarked_words


@click.command("ls")
@CASE_DIR
@JSON_OPTION
@click.pass_context
@logged_read
def ls(ctx: click.Context, case_dir: Path, as_json: bool) -> None:
    """Exhibits with their hashes, parsers, item counts and warnings.

    \b
    Example:
      footprint ls cases/r-v-smith --json
    """
    case = open_case(ctx, case_dir)
    counts = case.store.item_counts()
    warnings = case.store.warning_counts()
    rows: list[dict[str, Any]] = [
        {
            "ref": e.ref,
            "file": e.file_name,
            "sha256": e.sha256,
            "format": e.format,
            "parser": e.parser,
            "parser_version": e.parser_version,
            "items": sum(counts.get(e.id, {}).values()),
            "items_by_kind": counts.get(e.id, {}),
            "warnings": warnings.get(e.id, 0),
            "producer": e.producer,
            "owner": e.owner,
            "received_utc": e.received_utc,
            "size": e.size,
            "settings": e.settings,
            "supplied_by": e.supplied_by or None,
        }
        for e in case.store.exhibits()
    ]
    info = case.info
    if as_json:
        emit_document({"case": info.name, "zone": info.zone, "exhibits": rows})
        return
    table = Table(title=f"{safe(info.name)} — {len(rows)} exhibit(s)")
    for column in ("ref", "file", "parser", "items", "warnings", "sha256"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["ref"], safe(row["file"]), f"{row['parser']} v{row['parser_version']}",
            f"{row['items']:,}" + (" (partial)" if PARTIAL in row["settings"] else ""), str(row["warnings"]),
            row["sha256"],
        )  # fmt: skip
    console().print(table)
    unmarked = unmarked_words(advocate_added_unmarked(case.store.unscoped_engine), case.dir)
    if unmarked:  # after an upgrade from before schema 0008, her own exhibits are not in her view
        console().print(safe(unmarked))


@click.command("items")
@CASE_DIR
@click.option("--exhibit", "exhibit_ref", help="Only this exhibit.")
@click.option("--warnings", "show_warnings", is_flag=True, help="List the stored parse warnings instead.")
@JSON_OPTION
@click.pass_context
@logged_read
def items(
    ctx: click.Context, case_dir: Path, exhibit_ref: str | None, show_warnings: bool, as_json: bool
) -> None:
    """Items in file order (JSON Lines with --json).

    \b
    Example:
      footprint items cases/r-v-smith --exhibit JD/1 --json
    """
    case = open_case(ctx, case_dir)
    _check_exhibit(case, exhibit_ref)
    out = console()
    if show_warnings:
        for w in case.store.warnings(exhibit_ref):
            if as_json:
                emit_json(dataclasses.asdict(w))
            else:  # through rich, which reads safe()'s markup escapes (click.echo showed them as "\[")
                where = safe(f"{w.exhibit} {w.locator}")
                out.print(f"{where}: {one_line(w.message)}\n    {one_line(w.raw[:300])}")
        return
    parsers = {e.ref: (e.parser, e.parser_version) for e in case.store.exhibits()}
    notes = clock_notes(case, exhibit_ref)
    copies = case.store.copies_of()
    numbers = her_numbers(case, items_only=True)  # an advocate's (None for another role)
    for item in case.store.iter_items(exhibit_ref):
        first = copies.get(item.id)
        item = flagged(item if numbers is None else numbers.item(item), notes)
        if as_json:
            emit_json({**item_json(item, parsers[item.exhibit]), **({"copy_of": first} if first else {})})
            continue
        who = item.author_name or item.kind
        marks = (*item.marks, *((f"copy of {first}",) if first else ()))
        flags = safe("".join(f" [{m}]" for m in marks))  # not rich markup
        out.print(f"{item.exhibit} {item.locator} {when(item)} {one_line(who)}: {one_line(item.text)}{flags}")
        for n, version in enumerate(edit_versions(item.details), start=1):  # what was first sent, too
            out.print(f"    {one_line(version.shown(n))}")


def _check_exhibit(case: Case, exhibit_ref: str | None) -> None:
    """Refuse an ``--exhibit`` this role cannot see (none, or one it may not see), naming those it can."""
    if exhibit_ref is None:
        return
    refs = [e.ref for e in case.store.exhibits()]
    if exhibit_ref not in refs:
        raise NotFoundError(
            f"no exhibit {exhibit_ref!r} in this case (it has {', '.join(refs) or 'none'});"
            " `footprint ls DIR` lists the exhibits"
        )


@click.command("search")
@CASE_DIR
@click.argument("query")
@click.option(
    "--limit", default=100, show_default=True, type=click.IntRange(min=1), help="At most this many hits."
)
@click.option("--exhibit", "exhibit_ref", help="Only this exhibit's messages.")
@JSON_OPTION
@click.pass_context
@logged_read
def search(
    ctx: click.Context, case_dir: Path, query: str, limit: int, exhibit_ref: str | None, as_json: bool
) -> None:
    """Full-text search; every hit with its exhibit reference and locator.

    \b
    Example:
      footprint search cases/r-v-smith '"new number"'
      footprint search cases/r-v-smith 'kill' --exhibit JD/1
    """
    if not query.strip():
        raise InputError("the search is empty; give words or a quoted phrase, e.g. '\"new number\"'")
    case = open_case(ctx, case_dir)
    _check_exhibit(case, exhibit_ref)
    hits = case.store.search(query, limit, exhibit=exhibit_ref)
    total = case.store.search_count(query, exhibit_ref) if len(hits) == limit else len(hits)
    within = {} if exhibit_ref is None else {"exhibit": exhibit_ref}
    warn(case.record_read("search", query, hits=total, shown=len(hits), **within))
    shown = f"; showing the first {len(hits):,} (use --limit)" if total > len(hits) else ""
    if as_json:
        numbers = her_numbers(case, items_only=True)
        for hit in hits:
            emit_json(dataclasses.asdict(hit if numbers is None else numbers.hit(hit)))
        if shown:  # on stderr: every line of the JSON Lines is a hit, and a cut list is never silent
            click.echo(f"{total:,} hit(s){shown}", err=True)
        return
    out = console()
    for hit in hits:
        when = uk_display(hit.sent_at_utc, fraction=True)
        out.print(f"{hit.exhibit} {hit.locator} {when} {one_line(hit.author)}: {one_line(hit.snippet)}")
    out.print(f"{total:,} hit(s){shown}")


@click.command("findings")
@CASE_DIR
@click.option("--category", help="Only this category.")
@JSON_OPTION
@click.pass_context
@logged_read
def findings(ctx: click.Context, case_dir: Path, category: str | None, as_json: bool) -> None:
    """Findings of the latest analyser runs (opinions until a person reviews them).

    \b
    Example:
      footprint findings cases/r-v-smith --category threat_to_kill
    """
    case = open_case(ctx, case_dir)
    out = console()
    warn_unfinished(case)
    rows = case.store.findings(category)
    copies = case.store.copies_of()
    # an escalation whose change point counted a finding dismissed since, recomputed (as the report does)
    # imported here: it registers every analyser (scikit-learn among them), 2 s that `ls` and the other
    # reading commands of this module need not pay
    from footprint.analyse.conduct.escalation_now import escalation_now

    now = escalation_now(case, case.store.findings()) if any(f.category == "escalation" for f in rows) else {}
    numbers = her_numbers(case, rows if category is None else None)  # an advocate's (None: another role)
    if numbers is not None:
        copies = {numbers.items[k]: v for k, v in copies.items()}
        now = {numbers.findings[k]: numbers.reword(v) for k, v in now.items()}
        rows = advocate.findings(rows, case.settings.actor, numbers)  # others' reasons not shown
    for f in rows:
        first = copies.get(f.item_id) if f.item_id is not None else None
        if as_json:
            emit_json(
                {
                    **finding_json(f),
                    **({"copy_of": first} if first else {}),
                    **({"now": now[f.id]} if f.id in now else {}),
                }
            )
        else:
            where = f"{f.exhibit} {f.locator}" if f.exhibit else "case"
            if first:
                where += f" (copy of {first})"
            made_by = safe(f"[{f.analyser} v{f.analyser_version}]")  # escaped: rich took it for markup
            review = safe(f.decision) if f.decision else "not yet reviewed"
            review += ", with a note" if f.noted else ""  # a note sets no state: shown beside it
            if f.decided_on is not None:
                how = "decided" if f.decision else "noted"
                review += f" ({how} on #{f.decided_on}, the same words in an earlier run)"
            elif f.earlier_decision is not None:
                review += f" ({f.earlier_words})"
            # a person's recorded finding has no score; an analyser's is labelled once, in the last line
            scored = "" if f.analyser == RECORDED_ANALYSER else f" score {f.score:.2f}"
            out.print(
                f"#{f.id} {where} {f.category}{scored} {made_by} {one_line(f.explanation)} — {review}"
                + (f" — as the review decisions stand now: {one_line(now[f.id])}" if f.id in now else "")
            )
    if not as_json and category is not None and not rows:
        there = sorted({f.category for f in case.store.findings()})
        out.print(
            f"0 finding(s) of category {safe(repr(category))}; this case has: {', '.join(there) or 'none'}"
        )
    elif not as_json:
        on_copies = sum(1 for f in rows if f.item_id in copies)
        out.print(
            f"{len(rows)} finding(s) — opinions until reviewed; a score is how strongly the rule or model"
            " matched, not a probability that the offence happened"
            + (
                f"; {on_copies} of them on copies of messages in earlier exhibits (each message counted once)"
                if on_copies
                else ""
            )
        )
        from footprint.analyse.detect.analyser import language_lines, unweighed_lines

        if numbers is None:  # the run's own item ids (an advocate's report leaves its notes out too)
            for line in language_lines(case):
                out.print(f"Not read by detection: {safe(line)}")
            for line in unweighed_lines(case):
                out.print(f"Not weighed by detection: {safe(line)}")


COMMANDS = [ls, items, search, findings]
