"""`link`, `link-score`, `link-accept`, `link-reject`: who is behind the accounts, and why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import click

from footprint.analyse.link.analyser import LinkAnalyser, link_json
from footprint.analyse.link.joining import CLUSTER_FROM
from footprint.analyse.link.profile import Message, build_profile
from footprint.analyse.link.review import (
    LinkDecidedMeanwhileError,
    accept_link,
    clusters,
    decided_words,
    reject_link,
    stored_link_json,
)
from footprint.analyse.link.score import score_pair
from footprint.analyse.link.wording import worded
from footprint.cli.access import logged_read
from footprint.cli.common import (
    CASE_DIR,
    JSON_OPTION,
    console,
    emit_document,
    emit_json,
    open_case,
    print_copies,
    safe,
)
from footprint.code_identity import tool_version
from footprint.errors import ChangedMeanwhileError
from footprint.her_numbers import her_numbers
from footprint.model import AuditEntry
from footprint.report.sections import link_tally
from footprint.review.suggest import suggest_link
from footprint.store.links import visible_links
from footprint.times import iso_utc


@click.command("link")
@CASE_DIR
@click.option(
    "--threshold",
    default=CLUSTER_FROM,
    show_default=True,
    help="log10 LR from which an undecided link joins accounts into one candidate person.",
)
@JSON_OPTION
@click.pass_context
@logged_read
def link(ctx: click.Context, case_dir: Path, threshold: float, as_json: bool) -> None:
    """Candidate persons: accounts clustered by their links, each link with its reasons.

    \b
    Example:
      footprint link cases/r-v-smith --json
    """
    case = open_case(ctx, case_dir)
    found = clusters(case, threshold)
    every = visible_links(case.store)
    shown = {x.id for c in found for x in c.links}
    not_shown = sum(1 for x in every if x.id not in shown)
    if as_json:
        numbers = her_numbers(case, items_only=True)  # an advocate's (None for another role)
        if numbers is not None:  # her links numbered from 1 too, and the items behind them hers
            ours = {x.id: n for n, x in enumerate(sorted(every, key=lambda x: x.id), start=1)}
            found = [
                replace(
                    c,
                    links=tuple(
                        replace(x, id=ours[x.id], evidence=numbers.details(x.evidence)) for x in c.links
                    ),
                )
                for c in found
            ]
        # The links are one run's (the latest): name the analyser version that made them, shown or not.
        made_in = {x.run_id for x in every}
        version = next((r.version for r in case.store.runs(latest_only=False) if r.id in made_in), None)
        emit_document(
            {
                "clusters": [
                    {
                        "person": c.person,
                        "accounts": list(c.accounts),
                        "links": [stored_link_json(x) for x in c.links],
                    }
                    for c in found
                ],
                "links_not_shown": not_shown,
                "analyser": LinkAnalyser.name,
                "analyser_version": version,
            }
        )
        return
    out = console()
    for c in found:
        out.print(f"[bold]{safe(c.person)}[/bold]: {', '.join(safe(a) for a in c.accounts)}")
        for x in c.links:
            out.print(
                f"  {safe(x.a)} ~ {safe(x.b)}: {safe(x.evidence.get('verbal'))}"
                f" (log10 LR {x.log10_lr:+.2f}, {x.status})"
            )
            if tally := link_tally(x.evidence):
                out.print(f"    {tally}")
            for e in x.evidence.get("evidence", [])[:4]:
                where = ", ".join(
                    f"{i['exhibit']} {i['locator']}" for i in e.get("items", [])[:3] if i.get("exhibit")
                )
                out.print(
                    f"    {e['weight_log10']:+.2f} {safe(e['kind'])}: {safe(e['reason'])}"
                    + (f" [{safe(where)}]" if where else "")
                )
    if not found and case.store.withheld():
        out.print(
            "No candidate person to show: links and accounts that rest on exhibits this role may not see"
            " are not shown."
        )
    elif not found:
        out.print("No accounts to link; run `footprint analyse DIR` first.")
    elif not_shown:
        out.print(
            f"{not_shown} other link(s), below log10 LR {threshold:+.2f} or rejected, join no accounts and"
            " are not shown; the report lists every link, and --threshold lowers the bar"
        )


def _utc(value: Any, where: str) -> str | None:
    """A message time as ISO 8601 UTC: an offset is converted, a time without one is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"{where} {str(value)!r} is not an ISO 8601 time; give one such as 2024-03-01T23:00:00Z"
        ) from None
    return iso_utc(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


# The fields each level of a link-score line may have: a misspelt one is an error, never ignored.
LINE_FIELDS = ("id", "a", "b")
ACCOUNT_FIELDS = ("handle", "display_name", "messages")
MESSAGE_FIELDS = ("text", "sent_at_utc")


def _known(record: dict[str, Any], fields: tuple[str, ...], where: str, what: str) -> None:
    unknown = next((k for k in record if k not in fields), None)
    if unknown is not None:
        known = ", ".join(fields[:-1]) + f" and {fields[-1]}"
        raise ValueError(f"{where}unknown field {unknown!r}; {what} has {known}")


def _account(side: Any, label: str) -> Any:
    if not isinstance(side, dict):
        raise ValueError(f"{label!r} must be an object with handle, display_name and messages")
    _known(side, ACCOUNT_FIELDS, f"{label} has an ", "an account")
    raw = side.get("messages") or []
    if not isinstance(raw, list):
        raise ValueError(f"{label}.messages must be a list")
    messages = []
    for i, m in enumerate(raw):
        where = f"{label}.messages[{i}]"
        if not isinstance(m, dict):
            raise ValueError(f"{where} must be an object with text and sent_at_utc")
        _known(m, MESSAGE_FIELDS, f"{where} has an ", "a message")
        if "text" not in m:
            raise ValueError(f'{where} has no text; give "text": "" for a message without words')
        if not isinstance(m["text"], str):
            raise ValueError(f"{where}.text must be a string, not a {type(m['text']).__name__}")
        messages.append(
            Message(
                text=m["text"],
                sent_at_utc=_utc(m.get("sent_at_utc"), f"{where}.sent_at_utc"),
                locator=where,
            )
        )
    return build_profile(label, messages, str(side.get("handle") or ""), str(side.get("display_name") or ""))


# Every line names the tool and the analyser that scored it, as ``classify`` lines do (DESIGN.md).
SCORED_BY = {
    "tool": "footprint",
    "tool_version": tool_version(),
    "analyser": LinkAnalyser.name,
    "analyser_version": LinkAnalyser.version,
}


def score_line(line: str, number: int = 1) -> dict[str, Any]:
    """Score one JSONL pair; a bad line gives an ``error`` record instead (nothing is dropped)."""
    record: Any = None
    try:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise ValueError("each line must be a JSON object")
        _known(record, LINE_FIELDS, "", "a line")
        a, b = _account(record.get("a"), "a"), _account(record.get("b"), "b")
        result = link_json(worded(score_pair(a, b), a, b))
    except (ValueError, TypeError, AttributeError) as exc:
        pair_id = record.get("id") if isinstance(record, dict) else None
        return {"id": pair_id, "error": f"line {number}: {exc}", **SCORED_BY}
    fields = ("score", "log10_lr", "abstained", "verbal", "kinds", "evidence", "kinds_considered")
    return {"id": record.get("id")} | {k: result[k] for k in fields} | SCORED_BY


@click.command("link-score")
@click.argument("source", metavar="[FILE|-]", type=click.File("r", encoding="utf-8"), default="-")
def link_score(source: TextIO) -> None:
    """Batch: JSONL pairs of accounts in, one JSONL score per pair out, in input order.

    \b
    Example:
      footprint link-score pairs.jsonl > scores.jsonl
    """
    for number, line in enumerate(source, start=1):
        if line.strip():
            emit_json(score_line(line, number))


SEEN_OPTION = click.option(
    "--seen",
    type=click.IntRange(min=0),
    metavar="N",
    help="The latest decision on the link you weighed (0: none); refused when another is the latest.",
)


@click.command("link-accept")
@CASE_DIR
@click.argument("account_a", metavar="PLATFORM:ID")
@click.argument("account_b", metavar="PLATFORM:ID")
@click.option("--reason", required=True, help="Why the link is accepted (recorded in the audit log).")
@click.option("--person", help="The person both accounts belong to (default: whoever one is attributed to).")
@click.option(
    "--as-complainant",
    is_flag=True,
    help="Confirm that the complainant operates the account this link attributes to her (refused without"
    " it: a fake profile in her name would become hers).",
)
@SEEN_OPTION
@click.pass_context
def link_accept(
    ctx: click.Context,
    case_dir: Path,
    account_a: str,
    account_b: str,
    reason: str,
    person: str | None,
    as_complainant: bool,
    seen: int | None,
) -> None:
    """Accept a link: the accounts are attributed to one person as an accepted linkage hypothesis.

    \b
    Example:
      footprint link-accept cases/r-v-smith x:jd_alt "whatsapp:John Smith" --reason "same phone" --seen 0
    """
    case = open_case(ctx, case_dir)
    with _weighed(account_a, account_b, seen):
        done = accept_link(
            case, account_a, account_b, reason, person, as_complainant=as_complainant, seen=_shown(seen)
        )
    console().print(
        f"Accepted: {safe(account_a)} and {safe(account_b)} attributed to {safe(done.person)}"
        f" (decision {done.decision})."
    )
    if done.to_complainant:
        console().print(
            f"Warning: {safe(' and '.join(done.to_complainant))} now count(s) as the complainant's own"
            " account(s) (confirmed with --as-complainant; recorded in the audit log)."
        )
    print_copies(done.copies)


@click.command("link-reject")
@CASE_DIR
@click.argument("account_a", metavar="PLATFORM:ID")
@click.argument("account_b", metavar="PLATFORM:ID")
@click.option("--reason", required=True, help="Why the link is rejected (recorded in the audit log).")
@SEEN_OPTION
@click.pass_context
def link_reject(
    ctx: click.Context, case_dir: Path, account_a: str, account_b: str, reason: str, seen: int | None
) -> None:
    """Reject a link; attributions resting on it are withdrawn.

    \b
    Example:
      footprint link-reject cases/r-v-smith "whatsapp:John Smith" x:1234567890 --reason "not him" --seen 0
    """
    case = open_case(ctx, case_dir)
    with _weighed(account_a, account_b, seen):
        done = reject_link(case, account_a, account_b, reason, seen=_shown(seen))
    note = f" {len(done.withdrawn)} attribution(s) withdrawn." if done.withdrawn else ""
    console().print(f"Rejected: {safe(account_a)} ~ {safe(account_b)} (decision {done.decision}).{note}")


def _shown(seen: int | None) -> str | None:
    """``--seen`` as the link's decisions are named: by their audit entry's number ("" for 0: none)."""
    return None if seen is None else str(seen) if seen else ""


@contextmanager
def _weighed(a: str, b: str, seen: int | None) -> Iterator[None]:
    """A decision made with ``--seen``: a colleague's decision since is said in the command line's words,
    with the number to give next."""
    try:
        yield
    except LinkDecidedMeanwhileError as exc:
        assert seen is not None
        raise ChangedMeanwhileError(_decided_meanwhile(a, b, seen, exc.latest)) from None


def _decided_meanwhile(a: str, b: str, seen: int, latest: AuditEntry | None) -> str:
    """The refusal of a decision when the latest decision on the link is not the one given as ``--seen``
    (someone decided on it since); hostile text, escaped by the command line's one error handler."""
    if latest is None:  # only a number that was never the latest: the link has no decision
        return f"link {a} ~ {b} has no decision yet, not decision {seen}; nothing was recorded: give --seen 0"
    given = f"decision {seen}" if seen else "none"
    described = (
        f"{latest.actor}'s decision {latest.seq} ({decided_words(latest)} at {latest.at_utc}:"
        f' "{latest.justification}")'
    )
    return (
        f"link {a} ~ {b}: the latest decision on it is {described}, not {given} as --seen says; nothing was"
        f" recorded: weigh it and decide again with --seen {latest.seq}"
    )


@click.command("link-suggest")
@CASE_DIR
@click.argument("account_a", metavar="PLATFORM:ID")
@click.argument("account_b", metavar="PLATFORM:ID")
@click.option("--note", required=True, help="Why she thinks so (recorded, for the officer to weigh).")
@click.pass_context
def link_suggest(ctx: click.Context, case_dir: Path, account_a: str, account_b: str, note: str) -> None:
    """Suggest that two accounts are one person's (an advocate): a deciding user accepts or rejects it.

    Decides nothing: the suggestion and its note wait in `footprint suggestions` for the officer in the
    case, a reviewer or a prosecutor. Allowed while material is withheld from her; an account she cannot
    see is refused as an unknown one is.

    \b
    Example:
      footprint link-suggest cases/r-v-smith x:jd_alt "whatsapp:John Smith" --note "same photo"
    """
    case = open_case(ctx, case_dir)
    suggestion_id = suggest_link(case, account_a, account_b, note)
    console().print(
        f"Suggested link {suggestion_id}: {safe(account_a)} ~ {safe(account_b)}; it waits for a deciding user"
        " (`footprint suggestions`)."
    )


COMMANDS = [link, link_score, link_accept, link_reject, link_suggest]
