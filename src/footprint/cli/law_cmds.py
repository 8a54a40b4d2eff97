"""`order add|served|notice|list`, `relationship add` and `assess`: court orders, relationship facts, offence
assessment."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from footprint.advocate_view import ASSESS_REMEDY
from footprint.analyse.conduct.breach import order_label
from footprint.analyse.conduct.orders import (
    add_order,
    awareness_words,
    ends_utc,
    made_time_given,
    made_utc,
    notice_words,
    read_order_file,
    record_awareness,
    record_notice,
)
from footprint.analyse.law.assess import RELATIONSHIPS, assess_case
from footprint.analyse.law.confirmation import STATUS_WORDS, confirmed_words
from footprint.analyse.law.facts import record_relationship
from footprint.analyse.law.pending import pending_words
from footprint.analyse.law.reaction_notes import WHAT
from footprint.analyse.law.timelimits import last_date_words
from footprint.analyse.reattributed import reattributed
from footprint.case import Case
from footprint.cli.access import logged_read
from footprint.cli.common import (
    CASE_DIR,
    JSON_OPTION,
    console,
    emit_document,
    open_case,
    safe,
    warn,
    warn_unfinished,
)
from footprint.errors import InputError
from footprint.order_kinds import AWARENESS_BINDS, ORDER_TYPES
from footprint.store.orders import list_orders
from footprint.times import today, uk_display, uk_order_end

# An offence's status in `assess`'s words; an element's as everywhere else (``STATUS_WORDS``).
OFFENCE_WORDS = {
    "supported": "evidence supports every element the tool can check",
    "partly_supported": "evidence supports some elements; others are missing or for a lawyer",
    "indicated": "indicated — needs a person's review: a core element rests on software findings no person"
    " has confirmed (footprint review)",
    "out_of_time": "out of time (summary only): cannot be charged — the last date to lay an information has"
    " passed for every occasion",
}


@click.group("order")
def order() -> None:
    """Court orders protecting a complainant (restraining, non-molestation, stalking protection, domestic
    abuse protection)."""


@order.command("add")
@CASE_DIR
@click.argument("file", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--type", "kind", type=click.Choice(ORDER_TYPES), help="The kind of order.")
@click.option("--made", help="When it was made, in the case's zone: YYYY-MM-DD or DD/MM/YYYY [HH:MM].")
@click.option("--expires", help="Last day in force (YYYY-MM-DD or DD/MM/YYYY), or a date and time.")
@click.option("--protects", help="The protected person (a person in the case).")
@click.option("--against", "against", help="The person the order is against.")
@click.option(
    "--condition", "conditions", multiple=True, help="A condition, as worded in the order (repeatable)."
)
@click.option("--varies", type=int, help="The id of an order this one varies (it ends when this is made).")
@click.option(
    "--served",
    help="When he became aware of it (served, or present when it was made), in the case's zone:"
    " YYYY-MM-DD or DD/MM/YYYY [HH:MM].",
)
@click.option("--served-how", default="", help="How he became aware of it (e.g. personal service by PC 123).")
@click.option(
    "--without-notice/--on-notice",
    "without_notice",
    default=None,
    help=(
        "A non-molestation or domestic abuse protection order only: whether it was made without notice"
        " (Family Law Act 1996 s.45(1); Domestic Abuse Act 2021 s.39(2))."
    ),
)
@click.option("--notice-reason", default="", help="Where that comes from (e.g. the order's recital).")
@click.pass_context
def order_add(
    ctx: click.Context,
    case_dir: Path,
    file: Path | None,
    kind: str | None,
    made: str | None,
    expires: str | None,
    protects: str | None,
    against: str | None,
    conditions: tuple[str, ...],
    varies: int | None,
    served: str | None,
    served_how: str,
    without_notice: bool | None,
    notice_reason: str,
) -> None:
    """Record a court order from options or from FILE.yaml (audited).

    Record when he became aware of it with --served (or later with `order served`): for a
    non-molestation or domestic abuse protection order made without notice no conduct before then counts
    as a breach (Family Law Act 1996 s.42A(2); Domestic Abuse Act 2021 s.39(2)), and without it the
    assessment says the date is not recorded. Say whether such an order was made without notice with
    --without-notice or --on-notice (or later with `order notice`); made on notice, conduct counts from
    when it was made. Not recorded, conduct is
    counted only from when he became aware of it, and the assessment says so.

    \b
    Example:
      footprint order add cases/r-v-smith --type non_molestation --made "2024-02-24 16:00" \\
        --protects "Jane Doe" --against "John Smith" --condition "no contact, direct or indirect" \\
        --served "2024-02-24 18:30" --served-how "personal service by PC 4521"
    """
    case = open_case(ctx, case_dir)
    out = console()
    if file is not None:
        options = (kind, made, expires, protects, against, conditions, varies, served, served_how)
        if any((*options, notice_reason)) or without_notice is not None:
            raise click.UsageError("give either FILE.yaml or the --type/--made/... options, not both")
        for number, entry in enumerate(read_order_file(file), start=1):
            try:
                order_id = add_order(
                    case,
                    type=entry.type,
                    made=entry.made,
                    expires=entry.expires,
                    protects=entry.protects,
                    against=entry.against,
                    conditions=entry.conditions,
                    source=f"file {file.name}",
                    varies=entry.varies,
                    served=entry.served,
                    served_how=entry.served_how,
                    without_notice=entry.without_notice,
                    notice_reason=entry.notice_reason,
                )
            except InputError as exc:  # each order is its own transaction: say which were recorded
                kept = {1: "", 2: " (order 1 of the file was recorded)"}.get(
                    number, f" (orders 1 to {number - 1} of the file were recorded)"
                )
                raise type(exc)(f"{file}: order {number}, {exc}{kept}") from None
            out.print(f"order {order_id}: {safe(entry.type)} against {safe(entry.against)} recorded")
            _clock_note(out, case, entry.made)
        return
    missing = [
        n
        for n, v in (("--type", kind), ("--made", made), ("--protects", protects), ("--against", against))
        if not v
    ]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (or give FILE.yaml)")
    assert kind and made and protects and against
    order_id = add_order(
        case,
        type=kind,
        made=made,
        expires=expires,
        protects=protects,
        against=against,
        conditions=list(conditions),
        varies=varies,
        served=served,
        served_how=served_how,
        without_notice=without_notice,
        notice_reason=notice_reason,
    )
    out.print(f"order {order_id}: {kind} against {safe(against)} recorded")
    _clock_note(out, case, made)


@order.command("served")
@CASE_DIR
@click.argument("order_id", metavar="ORDER", type=int)
@click.option(
    "--on",
    "when",
    required=True,
    help="When he became aware of it, in the case's zone: YYYY-MM-DD or DD/MM/YYYY [HH:MM].",
)
@click.option("--how", default="", help="How (e.g. personal service by PC 4521; present when it was made).")
@click.pass_context
def order_served(ctx: click.Context, case_dir: Path, order_id: int, when: str, how: str) -> None:
    """Record when the person an order is against became aware of it (audited; a later entry corrects an
    earlier one, which is kept).

    \b
    Example:
      footprint order served cases/r-v-smith 1 --on "2024-02-24 18:30" --how "personal service by PC 4521"
    """
    case = open_case(ctx, case_dir)
    aware = record_awareness(case, order_id, when, how)
    console().print(f"order {order_id}: {safe(awareness_words(aware))}")


@order.command("notice")
@CASE_DIR
@click.argument("order_id", metavar="ORDER", type=int)
@click.option(
    "--without/--on",
    "without_notice",
    default=None,
    help="Made without notice (Family Law Act 1996 s.45(1); for a domestic abuse protection order, without"
    " his being given notice of the proceedings), or on notice (he was served with the application, or was"
    " at the hearing).",
)
@click.option("--reason", default="", help="Where that comes from (e.g. the order's recital).")
@click.pass_context
def order_notice(
    ctx: click.Context, case_dir: Path, order_id: int, without_notice: bool | None, reason: str
) -> None:
    """Record whether a non-molestation or domestic abuse protection order was made without notice
    (audited; a later entry corrects an earlier one, which is kept). Made without notice, only his conduct
    once aware of it counts (s.42A(2), s.39(2)); made on notice, his conduct counts from when it was made.

    \b
    Example:
      footprint order notice cases/r-v-smith 1 --on --reason "recital: the respondent attended the hearing"
    """
    if without_notice is None:
        raise click.UsageError("give --without (the order was made without notice) or --on (made on notice)")
    case = open_case(ctx, case_dir)
    notice = record_notice(case, order_id, without_notice=without_notice, reason=reason)
    recorded = next(o for o in list_orders(case.store.engine) if o.id == order_id)
    console().print(
        f"order {order_id}: {safe(notice_words(notice, recorded.aware is not None, recorded.type))}"
    )


@order.command("list")
@CASE_DIR
@JSON_OPTION
@click.pass_context
@logged_read
def order_list(ctx: click.Context, case_dir: Path, as_json: bool) -> None:
    """The court orders recorded: when made, when they end, when he became aware of each and whether a
    non-molestation or domestic abuse protection order was made without notice.

    \b
    Example:
      footprint order list cases/r-v-smith --json
    """
    case = open_case(ctx, case_dir)
    case.store.require_whole(  # orders are weighed with the whole case, as the assessment is
        "the list of court orders",
        "Ask the officer in the case (an investigator) which orders are recorded, and give them any order"
        " she has, to record",
    )
    orders = list_orders(case.store.engine)
    rows = [
        {
            "id": o.id,
            "type": o.type,
            "label": order_label(o, orders),
            "made_utc": o.made_utc,
            "made_time_given": made_time_given(o),
            "expires_utc": o.expires_utc,
            "ends_utc": ends_utc(o, orders),
            "protects": o.protects,
            "against": o.against,
            "conditions": list(o.conditions),
            "aware_utc": o.aware.aware_utc if o.aware else None,
            "aware_time_given": o.aware.time_given if o.aware else None,
            "aware_means": o.aware.means if o.aware else None,
            "notice": ("without" if o.notice.without else "on") if o.notice else None,
            "notice_reason": o.notice.reason if o.notice else None,
        }
        for o in orders
    ]
    if as_json:
        emit_document({"orders": rows})
        return
    out = console()
    if not orders:
        out.print("No court orders recorded: add one with `footprint order add`.")
    for o in orders:
        ends = ends_utc(o, orders)
        out.print(f"{safe(order_label(o, orders))}: protects {safe(o.protects)} against {safe(o.against)}")
        out.print(f"  ends: {uk_order_end(ends) if ends else 'no expiry recorded'}")
        out.print(f"  {safe(awareness_words(o.aware))}")
        if o.type in AWARENESS_BINDS:
            out.print(f"  {safe(notice_words(o.notice, o.aware is not None, o.type))}")
        for condition in o.conditions:
            out.print(f"  condition: {safe(condition)}")


def _clock_note(out: Console, case: Case, made: str) -> None:
    """Say on screen what the order records when its time fell in a clock change."""
    note = made_utc(made, case.info.zone)[2]
    if note:
        out.print(f"  note: {safe(note)}")


@click.group("relationship")
def relationship() -> None:
    """How a suspect and complainant are connected (needed for controlling or coercive behaviour)."""


@relationship.command("add")
@CASE_DIR
@click.option("--suspect", required=True)
@click.option("--complainant", required=True)
@click.option("--kind", required=True, type=click.Choice(RELATIONSHIPS))
@click.option(
    "--living-together/--apart", "living_together", default=None, help="Whether they lived together."
)
@click.option("--reason", required=True, help="Where this comes from (her statement, an exhibit).")
@click.pass_context
def relationship_add(
    ctx: click.Context,
    case_dir: Path,
    suspect: str,
    complainant: str,
    kind: str,
    living_together: bool | None,
    reason: str,
) -> None:
    """Record the relationship between a suspect and a complainant (audited).

    \b
    Example:
      footprint relationship add cases/r-v-smith --suspect "John Smith" --complainant "Jane Doe" \\
        --kind former_intimate --reason "her statement"
    """
    case = open_case(ctx, case_dir)
    record_relationship(
        case,
        suspect=suspect,
        complainant=complainant,
        kind=kind,
        living_together=living_together,
        reason=reason,
    )
    console().print(f"relationship recorded: {safe(suspect)} → {safe(complainant)}: {kind}")


@click.command("assess")
@CASE_DIR
@JSON_OPTION
@click.option("--as-of", "as_of", help="Count time limits from this date (YYYY-MM-DD; default today).")
@click.pass_context
@logged_read
def assess(ctx: click.Context, case_dir: Path, as_json: bool, as_of: str | None) -> None:
    """Candidate offences per suspect and complainant, computed from the store (not a finding of guilt).

    \b
    Example:
      footprint assess cases/r-v-smith --as-of 2024-06-01 --json
    """
    case = open_case(ctx, case_dir)
    try:
        day = date.fromisoformat(as_of) if as_of else today(case.info.zone)
    except ValueError:
        raise InputError(f"--as-of {as_of!r} is not a date; give YYYY-MM-DD") from None
    # weighed over every exhibit; not narrowed to hers (footprint.advocate_view)
    case.store.require_whole("the offence assessment", ASSESS_REMEDY)
    warn_unfinished(case)
    result = assess_case(case, day)
    warn(
        case.record_read(
            "assess",
            case.info.name,
            as_of=result["as_of"],
            knowledge_base=result["knowledge_base"]["version"],
        )
    )
    changes = [c.words() for c in reattributed(case)]
    if as_json:
        emit_document({**result, "attribution_changes": changes})
        return
    for line in [*(safe(c) for c in changes), *render(result)]:
        console().print(line)


def _ref(item: dict[str, Any]) -> str:
    """``JD/1 line 2``, or ``JD/1 line 2 (also JD/5 line 2)`` when later exhibits hold the same message."""
    copies = item.get("copies")
    return f"{item['exhibit']} {item['locator']}" + (f" (also {', '.join(copies)})" if copies else "")


def _attributed(item: dict[str, Any]) -> str:
    """An item's place, with why an incident is his conduct beside it ("G/1 line 2 [his conduct by its
    words (not reviewed): …]"), or that it is a reaction ("JD/1 line 3 [a reaction '😂' to the message
    JD/1 line 1]")."""
    why = item.get("attribution") or item.get("reaction")
    return _ref(item) + (f" [{why}]" if why else "")


def _confirmed(count: dict[str, int]) -> str:
    """How many of an element's items a person confirmed the finding behind the element for."""
    return confirmed_words(count["items"], count["of"], count["without_finding"])


def render(result: dict[str, Any]) -> list[str]:
    """The assessment as readable text (message-derived text escaped)."""
    kb = result["knowledge_base"]
    lines = [
        result["statement"],
        "Elements rest on software findings, opinions until a person confirms them: each element says of how"
        " many of its items a person confirmed the finding behind that element (`footprint review`).",
        f"Knowledge base {kb['version']} (sha256 {kb['sha256'][:16]}…); time limits as of {result['as_of']}.",
        "",
    ]
    if not result["assessments"]:
        lines.append("No suspect and complainant pair: add people with `footprint person add --role`.")
    for a in result["assessments"]:
        lines.append(f"[bold]{safe(a['suspect'])} → {safe(a['complainant'])}[/bold]")
        course = a["course_of_conduct"]
        only = len(course.get("reaction_only_occasions", []))
        lines.append(
            f"  Conduct on {course['occasion_count']} occasion(s)"
            + (f" ({only} of them only reactions: {WHAT})" if only else "")
            + "; "
            + safe("; ".join(course["links"]))
        )
        for o in a["offences"]:
            lines.append(
                f"  {safe(o['statute'])} {safe(o['section'])} — {safe(o['title'])}:"
                f" {OFFENCE_WORDS[o['status']]}"
            )
            lines.append(
                f"    {o['mode_of_trial'].replace('_', ' ')}; maximum {safe(o['max_penalty'])};"
                f" verification {o['verification']}: {safe(o['verification_text'])}"
            )
            for e in o["elements"]:
                refs = ", ".join(_attributed(i) for i in e["items"][:6])
                more = f" (+{len(e['items']) - 6} more)" if len(e["items"]) > 6 else ""
                lines.append(
                    f"    - {e['id']}: {STATUS_WORDS[e['status']]}"
                    + (f" — {safe(refs)}{more} ({_confirmed(e['confirmed'])})" if refs else "")
                )
                if e.get("reactions"):
                    lines.append(f"      reactions: {safe(e['reactions'])}")
                if e.get("may_support"):
                    lines.append(f"      not counted: {safe(e['may_support'])}")
                for note in pending_words(e):  # an account linked to his, attributed to no one
                    lines.append(f"      pending attribution: {safe(note)}")
                if e.get("basis") and e.get("missing") != e["basis"]:
                    lines.append(f"      basis: {safe(e['basis'])}")
                if "missing" in e:
                    lines.append(f"      missing: {safe(e['missing'])}")
            tl = o["time_limit"]
            limit = last_date_words(tl, {i["item_id"]: _ref(i) for e in o["elements"] for i in e["items"]})
            lines.append(
                f"    time limit: {safe(tl['text'])}; {limit}"
                + (f" — {safe(tl['warning'])}" if tl["warning"] else "")
            )
            if tl.get("note"):
                lines.append(f"    time limit note: {safe(tl['note'])}")
            if o.get("notes"):
                lines.append(f"    note: {safe(o['notes'])}")
        for x in a["excluded"]:
            lines.append(
                f"  not a candidate: {safe(x['statute'])} {safe(x['section'])} — {safe(x['reason'])}"
            )
            if x.get("pending"):
                lines.append(f"    pending attribution: {safe(str(x['pending']))}")
        for g in a["aggravating"]:
            lines.append(f"  aggravation: {safe(g['text'])} (verification {g['verification']})")
        for p in a["public_interest"]:
            lines.append(f"  public interest: {safe(p['text'])}")
        for n in a["notes"]:
            lines.append(f"  note: {safe(n)}")
        lines.append("")
    if result["breaches"]:
        lines.append(
            "Possible breaches of court orders (the software's reading of each item against the order's"
            " conditions: a person must confirm each, and that he knew of the order where that matters):"
        )
        for b in result["breaches"]:
            lines.append(
                f"  {safe(b['order_label'])}: {safe(_ref(b))} at"
                f" {safe(_breach_when(b))} — '{safe(b['condition'])}'"
                + (f" ({safe(b['check'])})" if b.get("check") else "")
            )
    lines.append(result["statement"])
    return lines


def _breach_when(b: dict[str, Any]) -> str:
    """A breach's time as UK time: its date alone when no time of day was recorded; the time as exported
    and its flag when it fell in a clock change."""
    shown = uk_display(b["sent_at_utc"], time_known=b.get("time_known", True), fraction=True)
    if b.get("clock_change"):
        return f"{shown} (exported as “{b['sent_at_raw']}”; {b['clock_change']})"
    return shown


COMMANDS = [order, relationship, assess]
