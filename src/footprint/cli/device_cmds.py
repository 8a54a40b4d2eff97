"""`device check`, `device indicators` and `device tracker`: spyware, monitoring and tracker evidence."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import click

from footprint.case import Case
from footprint.cli.common import (
    CASE_DIR,
    JSON_OPTION,
    console,
    emit_document,
    emit_json,
    open_case,
    safe,
    settings,
)
from footprint.device.attribution import LIMITATIONS, SAFETY_NOTE, STRENGTH_HEADINGS
from footprint.device.case_check import (
    check_exhibits,
    nothing_matched,
    nothing_matched_text,
    run_device,
    warning_fields,
)
from footprint.device.check import STRENGTHS
from footprint.device.indicators import IndicatorIndex, describe
from footprint.device.settings_file import ENV, for_check, given_path, load, recorded
from footprint.errors import (
    DuplicateExhibitError,
    FootprintError,
    InputError,
    UnsupportedFormatError,
)
from footprint.ingest import parsers
from footprint.ingest._device import (
    check_device_input,
    device_format_names,
    is_device_parser,
    not_a_device_input,
    unrecognised_input,
)
from footprint.ingest.device_tracker import MARK
from footprint.ingest.folder import pack_folder
from footprint.model import Finding, StoredWarning
from footprint.pipeline import AddOptions, add_exhibit
from footprint.staging_dirs import ADDING, locked_folder
from footprint.times import iso_utc, local_to_utc, zone
from footprint.vault import sha256_file

INDICATORS_OPTION = click.option(
    "--indicators",
    "indicators",
    type=click.Path(path_type=Path),
    help=f"Folder of indicator files (Echap, ISDI, STIX2, allow-lists); default ${ENV}, else built-in.",
)


@click.group("device")
def device() -> None:
    """Stalkerware, monitoring apps and trackers."""


def _add_or_find(case: Case, path: Path, options: AddOptions) -> tuple[str, str, str]:
    """The input's exhibit reference, what happened, and the parser that read it."""
    try:
        result = add_exhibit(case, path, options)
    except DuplicateExhibitError:
        if path.is_dir():  # packed again the same way: the same bytes, so find the exhibit by hash
            with locked_folder(case.dir, ADDING) as work:  # in the case folder, as add packs it
                digest = sha256_file(pack_folder(path, work))[0]
        else:
            digest = sha256_file(path)[0]
        existing = case.store.exhibit_by_sha256(digest)
        if existing is None:  # held by an exhibit this role may not see: add's own refusal says so
            raise
        return existing.ref, f"already exhibit {existing.ref}", existing.parser
    return result.ref, f"added as {result.ref} ({result.parser})", result.parser


NO_OWNER = (
    "; no owner recorded: `assess` will not count confirmed findings on it, as whose phone it came from is"
    " not recorded (for her phone, record it with `footprint exhibit owner CASE REF --person NAME --reason"
    " TEXT`)"
)


@device.command("check")
@CASE_DIR
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@INDICATORS_OPTION
@click.option(
    "--producer", help="Who produced the inputs (default: the acting user; an advocate must name them)."
)
@click.option("--owner", help="Whose phone the inputs came from.")
@click.option("--format", "fmt", help="Parser name when sniffing cannot decide (e.g. device_dns_csv).")
@click.option("--tz", help="Zone of local times in the inputs (IANA name).")
@click.option(
    "--map", "maps", multiple=True, metavar="FIELD=VALUE", help="year=YYYY for dnsmasq logs; CSV columns."
)
@JSON_OPTION
@click.pass_context
def check(
    ctx: click.Context,
    case_dir: Path,
    inputs: tuple[Path, ...],
    indicators: Path | None,
    producer: str | None,
    owner: str | None,
    fmt: str | None,
    tz: str | None,
    maps: tuple[str, ...],
    as_json: bool,
) -> None:
    """Add device inputs as exhibits and match them against stalkerware and monitoring indicators.

    Uses the indicator snapshot built into Footprint unless --indicators (or $FOOTPRINT_INDICATORS)
    names a folder. With no INPUT, every device exhibit in the case is checked again.

    \b
    Example:
      footprint device check cases/r-v-smith phone-packages.txt
      footprint device check cases/r-v-smith phone-packages.txt --indicators ../stalkerware-indicators
    """
    case = open_case(ctx, case_dir)
    # the check analyses the whole case: refused before anything is added, not after
    case.store.require_whole("analysing the case")
    if inputs and producer is None and case.store.supplied_only:
        raise InputError(
            "name who took these files from the phone with --producer: the complainant if she did (e.g."
            ' --producer "Jane Doe"), you if you did. Footprint does not assume an advocate produced them:'
            " the producer is the exhibit's continuity witness; nothing was added"
        )
    if fmt is not None and not is_device_parser(fmt):
        raise click.BadParameter(
            f"{fmt} is not a phone-check input; give one of {', '.join(device_format_names())}, or leave"
            " --format out (add other exports with `footprint add`)",
            param_hint="--format",
        )
    last = recorded(case.dir)
    index, path = for_check(case.dir, indicators)  # before anything is added: a bad snapshot changes nothing
    column_map: dict[str, str] = {}
    for value in maps:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip() or not setting.strip():
            raise click.BadParameter(f"{value!r} is not FIELD=VALUE (e.g. year=2024)", param_hint="--map")
        column_map[key.strip()] = setting.strip()
    out = console()
    refs: list[str] = []
    checked: list[dict[str, str]] = []
    failed: list[FootprintError] = []
    for item in inputs:
        options = AddOptions(
            producer=producer or settings(ctx).actor,
            owner=owner,
            format=fmt,
            tz=tz,
            column_map=column_map,
            notes="device check input",
        )
        try:
            check_device_input(item, fmt)
            ref, what, parser = _add_or_find(case, item, options)
            if not is_device_parser(parser):  # a folder, judged once packed: added, but not a phone input
                raise not_a_device_input(item.name, parsers.get(parser), ref)
        except UnsupportedFormatError:
            failed.append(unrecognised_input(item.name))
            if not as_json and len(inputs) > 1:
                out.print(f"{safe(item.name)}: not added — {safe(str(failed[-1]))}")
            continue
        except FootprintError as exc:  # this input is left out whole; the others are still checked
            failed.append(exc)
            if not as_json and len(inputs) > 1:
                out.print(f"{safe(item.name)}: not added — {safe(str(exc))}")
            continue
        refs.append(ref)
        checked.append({"input": item.name, "exhibit": ref, "parser": parser})
        if not as_json:
            owned = any(e.owner for e in case.store.exhibits() if e.ref == ref)
            out.print(f"{safe(item.name)}: {what}{'' if owned else NO_OWNER}")
    if not inputs:
        checked = [
            {"input": e.file_name, "exhibit": e.ref, "parser": e.parser}
            for e in case.store.exhibits()
            if is_device_parser(e.parser)
        ]
        refs = [c["exhibit"] for c in checked]
        if not refs:
            raise InputError(
                f"{case.dir}: no phone inputs in this case to check again; give the INPUT files"
                " (an app list, dumpsys, settings, an iPhone backup or a network log)"
            )
    if not refs:
        raise failed[0]
    if last is not None and last.snapshot != index.snapshot and not as_json:
        out.print(
            f"The indicators changed since this case was last checked ({safe(last.label)}, snapshot"
            f" {last.snapshot}): every phone input in the case is checked again with these."
        )
    result = check_exhibits(case, index, path, refs)
    findings = result.findings
    if as_json and not findings:  # still proof of what was checked, with the safety note
        emit_document(nothing_matched(checked, result.outcome, index, result.warnings))
    elif as_json:
        warnings = warning_fields(result.warnings)
        for finding in findings:
            emit_json(_json_fields(finding) | {"warnings": warnings})
    else:
        _print_findings(findings, index, result.warnings, {c["exhibit"]: c["input"] for c in checked})
    if failed:
        raise InputError(
            f"{len(failed)} of {len(inputs)} inputs could not be added and were not checked ("
            + "; ".join(str(e) for e in failed)
            + "); the others were checked — fix or re-export those files and run the check again"
        )


def _json_fields(finding: Finding) -> dict[str, object]:
    keys = ("input", "kind", "strength", "app", "package", "matched_by", "explanation")
    row: dict[str, object] = {k: finding.details.get(k, "") for k in keys}
    row.update(
        exhibit=finding.exhibit,
        locator=finding.locator,
        item_id=finding.item_id,
        finding_id=finding.id,
        indicator_source=finding.details.get("indicator_source", ""),
        count=finding.details.get("count", 1),
    )
    for key in ("domain", "first_seen", "last_seen"):
        if finding.details.get(key):
            row[key] = finding.details[key]
    for key in ("indicator_snapshot", "indicators", "indicator_commits", "attribution", "safety"):
        row[key] = finding.details.get(key)
    return row


def _evidence(details: dict[str, object]) -> str:
    """The finding's evidence in one line: what matched, and when and how often a name was seen."""
    parts = [f"matched by {details.get('matched_by')}"]
    if details.get("package"):
        parts.append(f"package {details['package']}")
    if details.get("domain"):
        parts.append(f"{'address' if details.get('matched_by') == 'ip' else 'name'} {details['domain']}")
        count = details.get("count", 1)
        seen = details.get("first_seen")
        if seen:
            last = details.get("last_seen")
            span = f"at {seen}" if last == seen else f"first {seen}, last {last}"
            parts.append(f"seen {count} time(s), {span} (UTC)")
        else:
            parts.append(f"seen {count} time(s) (no date in the log)")
    return "Evidence: " + "; ".join(parts)


def _snapshot_line(index: IndicatorIndex) -> str:
    """Which indicator snapshot was used: its hash and the upstream commits."""
    if index.builtin is not None:
        return f"Indicator snapshot {index.snapshot} ({index.label()})"
    commits = ", ".join(index.commits()) or "no upstream commit recorded"
    return f"Indicator snapshot {index.snapshot} ({commits})"


def _print_findings(
    findings: list[Finding], index: IndicatorIndex, warnings: list[StoredWarning], inputs: dict[str, str]
) -> None:
    out = console()
    out.print(SAFETY_NOTE)
    if not findings:
        out.print(nothing_matched_text(len(warnings), below=True))
    for strength in STRENGTHS:
        group = [f for f in findings if f.details.get("strength") == strength]
        if not group:
            continue
        out.print(f"\n{STRENGTH_HEADINGS[strength]} — {len(group)}")
        for finding in group:
            d = finding.details
            out.print(
                "  " + safe(f"[{d.get('kind')}] {finding.exhibit} {finding.locator} ({d.get('input')})")
            )
            out.print(f"    {safe(finding.explanation)}")
            out.print(f"    {safe(_evidence(d))}")
    if warnings:
        out.print("\nCould not be checked:")
        for w in warnings:
            named = f" ({inputs[w.exhibit]})" if inputs.get(w.exhibit) else ""
            out.print("  " + safe(f"{w.exhibit} {w.locator}{named}: {w.message}"))
            if w.raw:
                out.print("    " + safe(w.raw[:200]))
    out.print("\nLimitations:")
    for line in LIMITATIONS:
        out.print(f"  - {line}")
    out.print(f"\n{safe(_snapshot_line(index))}")
    if index.attributions:
        out.print("Indicators: " + "; ".join(safe(a) for a in index.attributions))


@device.command("indicators")
@INDICATORS_OPTION
@JSON_OPTION
def indicators_cmd(indicators: Path | None, as_json: bool) -> None:
    """Show which indicators are in use (built-in snapshot or a folder): source, commit, SHA-256, counts.

    \b
    Example:
      footprint device indicators --json
      footprint device indicators --indicators ../stalkerware-indicators
    """
    info = describe(load(given_path(indicators)))
    if as_json:
        emit_document(info)
        return
    out = console()
    out.print(f"Indicators: {safe(info['indicators'])}")
    if info["builtin"]:
        out.print(f"  {safe(info['builtin']['path'])}  sha256 {info['builtin']['sha256']}")
    out.print(f"Indicator snapshot {info['snapshot']}")
    for source in info["sources"]:
        counts = ", ".join(f"{n:,} {k}" for k, n in source["counts"].items())
        out.print(f"  {safe(source['kind'])}: {safe(source['name'])} — {counts}")
        out.print(
            f"    {safe(source['path'])}  sha256 {source['sha256']}  commit {source['commit'] or 'unknown'}"
        )
    totals = info["totals"]
    out.print("Index: " + ", ".join(f"{n:,} {k}" for k, n in totals.items()))
    out.print("Attribution: " + "; ".join(safe(a) for a in info["attribution"]))


def _parse_at(at: str, tz: str | None, case: Case) -> tuple[str, str, str]:
    text = at.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise InputError(
            f"--at {at!r}: give the date and time as YYYY-MM-DD HH:MM (optionally +01:00)"
        ) from None
    if moment.tzinfo is not None:
        return iso_utc(moment), "examiner", "offset given"
    name = tz or case.info.zone
    utc, note = local_to_utc(moment, zone(name))
    if note:
        raise InputError(f"--at {at!r}: {note}; give the time with its offset (e.g. +01:00)")
    return utc, "examiner" if tz or case.info.zone_source == "examiner" else "assumed", name


@device.command("tracker")
@CASE_DIR
@click.option("--type", "tracker_type", required=True, help="Tracker type, e.g. AirTag, SmartTag, Tile, GPS.")
@click.option("--serial", default="", help="Serial number (from NFC / 'identify owner').")
@click.option("--where", required=True, help="Where it was found or where the alert appeared.")
@click.option(
    "--at", "at", required=True, help="When: YYYY-MM-DD HH:MM[:SS][+HH:MM] (case zone if no offset)."
)
@click.option("--notes", default="", help="Anything else (who found it, screenshot exhibit).")
@click.option("--tz", help="Zone of --at when it has no offset.")
@click.option("--producer", help="Who recorded the entry (default: the acting user).")
@click.option(
    "--owner",
    help="Whose alert this is: who the tracker was found on or near (default: the case's complainant).",
)
@click.pass_context
def tracker(
    ctx: click.Context,
    case_dir: Path,
    tracker_type: str,
    serial: str,
    where: str,
    at: str,
    notes: str,
    tz: str | None,
    producer: str | None,
    owner: str | None,
) -> None:
    """Record an unknown-tracker alert (type, serial, where, when) as an exhibit on the timeline.

    \b
    Example:
      footprint device tracker cases/r-v-smith --type AirTag --where "her car" --at "2024-03-06 18:30"
    """
    case = open_case(ctx, case_dir)
    case.store.require_whole("analysing the case")  # before the entry is added, not after
    utc, tz_source, tz_name = _parse_at(at, tz, case)
    complainants = [p.name for p in case.store.persons() if p.role == "complainant"]
    if owner:
        whose = f"Owner: {owner}"
    elif len(complainants) == 1:
        owner = complainants[0]
        whose = f"Owner: {owner} (the case's complainant; give --owner to name another person)"
    else:
        whose = (
            "No owner: the case has no single complainant, so this entry is not counted in `assess`;"
            " record it again with --owner NAME"
        )
    entry = {
        "format": MARK,
        "type": tracker_type,
        "serial": serial,
        "where": where,
        "at_raw": at,
        "at_utc": utc,
        "tz_source": tz_source,
        "tz_name": tz_name if tz_name != "offset given" else "",
        "notes": notes,
        "entered_by": settings(ctx).actor,
    }
    stem = re.sub(r"[^A-Za-z0-9]+", "-", f"tracker-{tracker_type}-{serial or 'no-serial'}-{utc}").strip("-")
    with locked_folder(case.dir, ADDING) as work:  # where she was, so in the case folder as add's own
        path = Path(work) / f"{stem}.json"
        path.write_text(
            json.dumps(entry, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        options = AddOptions(
            producer=producer or settings(ctx).actor,
            owner=owner,
            format="device_tracker",
            notes="tracker entry",
        )
        result = add_exhibit(case, path, options)
    run_device(case)
    out = console()
    out.print(f"{result.ref}: tracker alert recorded ({safe(tracker_type)}, {safe(where)}, {utc})")
    out.print(safe(whose))
    out.print(
        "Android tracker alerts vanish after 48 hours: screenshot them and add the screenshots as exhibits."
    )


COMMANDS = [device]
