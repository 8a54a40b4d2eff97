"""CSV schedules: exhibit list (MG12-like), MG6C/MG6D-like disclosure rows, and the chronology of every item
(not an MG5: that summary, tied to the offence elements, is the officer's to write)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from footprint.analyse.conduct.breach import order_label
from footprint.analyse.conduct.orders import awareness_words
from footprint.analyse.detect.taxonomy import UNDERMINING
from footprint.model import Finding, Item, StoredWarning
from footprint.report.advocate import as_at
from footprint.report.disclosures import COPY
from footprint.report.excerpt import shown_text
from footprint.report.glyphs import label
from footprint.report.redact import LINKED_ACCOUNT, LeftInText, NameToCheck, RedactionEntry
from footprint.report.report_model import ReportModel
from footprint.review.record import recorded_by
from footprint.store.finding_state import STATES
from footprint.store.queries import RECORDED_ANALYSER
from footprint.store.report_queries import DecidedFinding
from footprint.times import uk_day, uk_display

MG12_COLUMNS = (
    "No.",
    "Exhibit ref",
    "Description",
    "Produced by",
    "Owner",
    "Added to Footprint (UTC)",  # when `footprint add` ran, not when the police received it
    "Original file name",
    "Format",
    "Read by",
    "Size (bytes)",
    "SHA-256",
    "Items",
    "Warnings",
    "Label",
)
_Row = tuple[str, str, str, str, str, str]  # an MG6C or MG6D row before its number
# The exhibit label's wording; the date is the statement's, which the tool does not know.
LABEL = "Exhibit {ref} referred to in the statement of {producer} dated ____________"
MG6C_COLUMNS = (
    "Item no.",
    "Description",
    "Reference",
    "Type",
    "Location",
    "Disclosure officer's comment",
    "Prosecutor's decision",
)
MG6D_COLUMNS = (
    "Item no.",
    "Description",
    "Reference",
    "Reason for sensitivity",
    "Location",
    "Disclosure officer's comment",
    "Prosecutor's decision",
)
# The chronology's findings column says once what a score is, as the report does (``sections.SCORES``).
FINDINGS_COLUMN = "Findings (score: how strongly the rule or model matched, not a probability)"
CHRONOLOGY_COLUMNS = (
    "No.",
    "Item id",
    "When (UK)",
    "When (UTC)",
    "Time as exported",
    "Time zone source",
    "Exhibit",
    "Locator",
    "Kind",
    "From",
    "From account",
    "Side",
    "To",
    "Text",
    "Reported by, place (incidents); where taken (images)",
    "Flags",
    FINDINGS_COLUMN,
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# The last column of every schedule: the tool, its version and the moment the report is as at, on every
# row, so that a schedule opened on its own, sorted, or a row pasted elsewhere still says where it is from.
WRITTEN_BY = "Written by"


#: a bidi override, isolate or mark, shown in a cell as the HTML report shows it ("[U+202E RIGHT-TO-LEFT
#: OVERRIDE]"), so that it cannot reorder the rest of the cell in a spreadsheet
_BIDI_SHOWN = {
    code: f"[{label(chr(code))}]"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
}
#: a byte-order mark before a schedule's first row: Excel reads the file as UTF-8 only with it
BOM = "\ufeff"


def cell(value: object) -> str:
    """A CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe; bidi controls
    are written out."""
    text = "" if value is None else str(value).translate(_BIDI_SHOWN)
    return "'" + text if text.startswith(_FORMULA) else text


def written_by(model: ReportModel) -> str:
    """What wrote a schedule: the tool and version, which copy, and the audit entry it is as at."""
    copy = "disclosure copy" if model.redacted else f"{model.narrowed};" if model.narrowed else "case report"
    return (
        f"{model.tool} {model.tool_version}, {copy} as at {as_at(model.narrowed, model.audit_seq)}"
        f" (chain head {model.head_short})"
    )


def to_csv(model: ReportModel, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (RFC 4180, CRLF line ends, after a UTF-8 byte-order mark) with every cell made safe, each
    row ending with what wrote it."""
    return "".join(csv_lines(model, header, rows))


def csv_lines(model: ReportModel, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """:func:`to_csv`'s text, a row at a time (a row's cell may hold line breaks)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    by = cell(written_by(model))
    out.write(BOM)
    for row in chain(([*header, WRITTEN_BY],), ([*(cell(v) for v in r), by] for r in rows)):
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def mg12(model: ReportModel) -> str:
    """The exhibit list, numbered consecutively in the order exhibits were added to Footprint."""
    rows = []
    for n, row in enumerate(model.exhibits, start=1):
        e = row.exhibit
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(row.items_by_kind.items()))
        rows.append(
            (
                n,
                e.ref,
                f"{e.format} export {e.file_name!r}: {row.items} item(s){f' ({kinds})' if kinds else ''}"
                + (f"; supplied by the {e.supplied_by}" if e.supplied_by else ""),
                e.producer,
                e.owner or "",
                e.received_utc,
                e.file_name,
                e.format,
                f"{e.parser} v{e.parser_version}",
                e.size,
                e.sha256,
                row.items,
                row.warnings,
                LABEL.format(ref=e.ref, producer=e.producer),
            )
        )
    return to_csv(model, MG12_COLUMNS, rows)


def mg6c(
    model: ReportModel,
    warnings: Sequence[StoredWarning] | None = None,
    decided: Sequence[DecidedFinding] = (),
) -> str:
    """Non-sensitive unused material: parse warnings (``warnings``: their text, which a disclosure copy
    does not give), analyser output, dismissed findings, reviewer notes, account links and attributions,
    court order, service and notice records, the audit log, this report, each disclosure copy and each
    earlier report kept in reports/superseded/. ``decided``: every finding a reviewer decided on, of any
    run, so that a dismissal on one a later analysis replaced is still listed with what it was."""
    rows: list[_Row] = _warning_rows(model, warnings)
    store = model.store_name
    for run in model.runs:
        made = Counter(f.category for f in model.findings if f.analyser == run.analyser)
        summary = ", ".join(f"{c} {n}" for c, n in sorted(made.items())) or "no findings"
        rows.append(
            (
                f"Output of analyser {run.analyser} v{run.version} ({run.status}): {summary}",
                f"settings {run.settings_hash[:16]}",
                "analyser output",
                store,
                "Opinion generated by software; listed so its use can be assessed",
                "",
            )
        )
    for f in model.findings:
        if f.decision == "dismissed":
            where = f"{f.exhibit} {f.locator}" if f.exhibit else "case-level"
            rows.append(
                (
                    f"Finding {f.id} ({f.category}, {_score_words(f)}) on {where}, dismissed by a reviewer:"
                    f" {f.explanation}",
                    where,
                    "recorded finding (dismissed)"
                    if f.analyser == RECORDED_ANALYSER
                    else "analyser output (dismissed)",
                    store,
                    "Listed individually: a dismissed finding may undermine or assist",
                    "",
                )
            )
    rows.extend(
        (
            f"Finding {f.id} on {f.exhibit} {f.locator} ({f.analyser} v{f.analyser_version},"
            f" {_review_words(f)}): {f.explanation}",
            f"{f.exhibit} {f.locator}",
            "analyser output (may undermine)",
            store,
            "Listed individually for the prosecutor's attention (CPIA Code para 3.5): may undermine the"
            " prosecution or assist the defence",
            "",
        )
        for f in model.findings
        if f.category == UNDERMINING and f.decision != "dismissed"  # a dismissed one is listed above
    )
    rows.extend(_replaced_dismissed_rows(model, decided))
    by_id: dict[int, Finding | DecidedFinding] = {d.id: d for d in decided}
    by_id |= {f.id: f for f in model.findings}
    for d in model.decisions:
        on = by_id.get(d.finding_id)
        what = (
            f"finding {d.finding_id}"
            if on is None
            else f"{on.category} on {on.exhibit} {on.locator}"
            if on.exhibit
            else f"{on.category}, case-level"
        )
        rows.append(
            (
                f"Reviewer note: {d.decision} by {d.user} at {uk_display(d.at_utc)}"
                f" on finding {d.finding_id} ({what}): {d.reason}",
                f"finding {d.finding_id}",
                "reviewer note",
                store,
                "",
                "",
            )
        )
    for link in model.links:
        rejected = link.review.startswith("rejected")
        rows.append(
            (
                f"Account link opinion {link.account_a} – {link.account_b}"
                + (", REJECTED by a reviewer" if rejected else "")
                + f": the analyser gave {link.verbal or 'no verbal scale'} (log10 LR {link.log10_lr:.2f};"
                f" score {link.score:.2f} at even prior odds, not the probability they are one person):"
                f" {'; '.join(link.reasons) or 'no reasons recorded'}"
                f"; review: {link.review or 'not yet reviewed'}",
                f"{link.account_a} / {link.account_b}",
                "analyser output (account link, rejected by a reviewer)"
                if rejected
                else "analyser output (account link)",
                store,
                "Attribution opinion rejected by a reviewer, with the reason: may undermine or assist"
                if rejected
                else "Attribution opinion; listed individually",
                "",
            )
        )
    rows.extend(_attribution_rows(model))
    rows.extend(_set_aside_rows(model))
    rows.extend(_order_rows(model))
    rows.append(
        (
            # her view: the log's length and head would count and confirm what she may not see
            f"Audit log of the case, chain head {model.audit_head}"
            if model.narrowed
            else f"Audit log of the case, entries 1 to {model.audit_seq}, chain head {model.audit_head}",
            "" if model.narrowed else f"audit entry {model.audit_seq}",
            "audit log",
            store,
            "",
            "",
        )
    )
    rows.append(
        (
            f"{'Advocate' + chr(39) + 's report' if model.narrowed else 'Case report'} by {model.tool}"
            f" {model.tool_version} as at {as_at(model.narrowed, model.audit_seq)}",
            "report.html",
            "report",
            "reports/advocate/" if model.narrowed else "reports/",
            "",
            "",
        )
    )
    rows.extend(_copy_rows(model))
    return to_csv(model, MG6C_COLUMNS, [(n, *r) for n, r in enumerate(rows, start=1)])


def _score_words(f: Finding | DecidedFinding) -> str:
    """A finding's score as a schedule gives it: labelled, and none for a finding a person recorded."""
    if f.analyser == RECORDED_ANALYSER:
        return "recorded by a person, no score"
    return f"score {f.score:.2f}, not a probability"


def _replaced_dismissed_rows(model: ReportModel, decided: Sequence[DecidedFinding]) -> list[_Row]:
    """Each finding a reviewer dismissed (its latest confirm or dismiss; a note sets no state) that a
    later analysis replaced with no
    finding its decision carries to, so it is not among the report's findings: listed individually with
    what it said, as a dismissed finding of the latest run is (it dropped out of the MG6C after
    re-analysis)."""
    latest: dict[int, str] = {d.finding_id: d.decision for d in model.decisions if d.decision in STATES}
    # listed as the latest run's finding: itself, or one its decision carries to (the same claim again)
    shown = {f.id for f in model.findings} | {f.decisions_on for f in model.findings}
    rows: list[_Row] = []
    for f in decided:
        if f.id in shown or latest.get(f.id) != "dismissed":
            continue
        where = f"{f.exhibit} {f.locator}" if f.exhibit else "case-level"
        rows.append(
            (
                f"Finding {f.id} ({f.category}, {_score_words(f)}; {f.analyser} v{f.analyser_version}, an"
                f" analysis a later run replaced) on {where}, dismissed by a reviewer: {f.explanation}",
                where,
                "analyser output (dismissed, replaced by a later analysis)",
                model.store_name,
                "Listed individually: a dismissed finding may undermine or assist",
                "",
            )
        )
    return rows


#: at most this many of an exhibit's parse warnings are quoted in its MG6C row (a bad export may have
#: thousands; each is kept in the case with its place and raw text)
WARNINGS_QUOTED = 10


def _warning_rows(model: ReportModel, warnings: Sequence[StoredWarning] | None) -> list[_Row]:
    """One row per exhibit with parse warnings, each warning quoted (up to WARNINGS_QUOTED) with its place.
    A warning is a record not read fully, or a note on the whole file, such as attachments its messages
    name that are not in the export (a line of enquiry): it said "record(s) that could not be read fully"
    of every one."""
    said: dict[str, list[StoredWarning]] = {}
    for w in warnings or ():
        said.setdefault(w.exhibit, []).append(w)
    rows: list[_Row] = []
    for row in model.exhibits:
        if not row.warnings:
            continue
        mine = said.get(row.exhibit.ref, [])
        quoted = "; ".join(f"[{w.locator}] {w.message}" for w in mine[:WARNINGS_QUOTED])
        more = len(mine) - WARNINGS_QUOTED
        rows.append(
            (
                f"Parse warnings for exhibit {row.exhibit.ref}: {row.warnings} warning(s), each kept in the"
                " case with its place and raw text. A warning is either a record not read fully or a note"
                " on the file (such as attachments its messages name that are not in the export)"
                + (f": {quoted}" if quoted else "; their text is in the case report's MG6C")
                + (f"; and {more} more" if more > 0 else ""),
                row.exhibit.ref,
                "parse warnings",
                model.store_name,
                "May bear on completeness; material named but not in the export is a line of enquiry (ask"
                " for it if it matters)",
                "",
            )
        )
    return rows


def _attribution_rows(model: ReportModel) -> list[_Row]:
    """Each account attributed to a person, with the basis given (a subscriber check, her own export)."""
    return [
        (
            f"Attribution of account {a.key} to {a.person}, basis: {a.basis or 'none recorded'}",
            a.key,
            "account attribution",
            model.store_name,
            "The attribution and what it rests on; listed individually",
            "",
        )
        for a in model.accounts
        if a.person
    ]


def _set_aside_rows(model: ReportModel) -> list[_Row]:
    """Each lot of files an add that was stopped part-way left, set aside in vault/.abandoned/: held in
    the case but never read into it."""
    return [
        (
            f"Material set aside from a stopped add: {len(x.files)} file(s) left by {x.what}, which was"
            f" stopped part-way; set aside by {x.actor} at {uk_display(x.at_utc)}: "
            + "; ".join(
                f"{f.file} (SHA-256 {f.sha256[:16]}{'…' if len(f.sha256) > 16 else ''}, {f.size} bytes)"
                for f in x.files
            ),
            f"audit entry {x.seq}",
            "set-aside material",
            x.folder,
            "Obtained and held, but not read into the case (no exhibit names it): to be examined for"
            " relevance",
            "",
        )
        for x in model.set_aside
    ]


def _order_rows(model: ReportModel) -> list[_Row]:
    """Each court order as recorded, and the latest record of when he became aware of it and of whether
    it was made without notice (earlier records of either are in the audit log)."""
    orders = [v.order for v in model.court_orders]
    rows: list[_Row] = []
    for o in orders:
        label = order_label(o, orders)
        rows.append(
            (
                f"Court order record: {label}, protecting {o.protects}, against {o.against};"
                f" conditions: {'; '.join(o.conditions) or 'none recorded'}; recorded from {o.via}",
                f"order {o.id}",
                "court order record",
                model.store_name,
                "",
                "",
            )
        )
        if o.aware is not None:
            rows.append(
                (
                    f"Service record of {label}: {awareness_words(o.aware)}; recorded by"
                    f" {o.aware.recorded_by} at {uk_display(o.aware.recorded_utc)} (the latest record;"
                    " any earlier one is in the audit log)",
                    f"order {o.id}",
                    "order service record",
                    model.store_name,
                    "",
                    "",
                )
            )
        if o.notice is not None:
            made = "made without notice" if o.notice.without else "made on notice"
            rows.append(
                (
                    f"Notice record of {label}: {made}"
                    + (f" ({o.notice.reason})" if o.notice.reason else "")
                    + f"; recorded by {o.notice.recorded_by} at {uk_display(o.notice.recorded_utc)} (the"
                    " latest record; any earlier one is in the audit log)",
                    f"order {o.id}",
                    "order notice record",
                    model.store_name,
                    "",
                    "",
                )
            )
    return rows


def _copy_rows(model: ReportModel) -> list[_Row]:
    """Each disclosure copy written (this report's own too), then each earlier report, kept where its
    outputs were moved aside when a later report was written."""
    kept = {r.seq: r.folder for r in model.earlier_reports}
    rows: list[_Row] = [
        (
            f"{d.what[0].upper()}{d.what[1:]}"
            + (
                f", written by {d.actor} at {uk_display(d.at_utc)}"
                if d.at_utc
                else ", written with this report"
            )
            + f", disclosed to {d.recipient}: {d.justification}",
            f"audit entry {d.seq}" if d.seq is not None else "this report's audit entry",
            "disclosure copy",
            COPY if d.seq is None else f"{kept.get(d.seq, 'reports/superseded/')}disclosure/",
            "",
            "",
        )
        for d in model.disclosures
        if not d.full_bundle  # the case's own export, not unused material (the disclosure log lists it)
    ]
    for r in model.earlier_reports:
        files = [f for f in r.files if f not in SENSITIVE_OUTPUTS]
        held = len(r.files) - len(files)
        rows.append(
            (
                f"Superseded report as at audit entry {r.as_at}, written by {r.actor} at"
                f" {uk_display(r.at_utc)}: {len(files)} file(s)"
                f" ({', '.join(f.removeprefix('reports/') for f in files)}), kept unchanged"
                + (f"; its {held} sensitive file(s) are listed on the MG6D" if held else ""),
                f"audit entry {r.seq}",
                "superseded report",
                r.folder,
                "An earlier version of the report and its outputs; may have been sent to someone",
                "",
            )
        )
    return rows


#: a report's outputs that are sensitive (never disclosed): listed on the MG6D, where superseded too
SENSITIVE_OUTPUTS = {
    "reports/redaction-log.csv": "Contains the third-party personal data that was masked",
    "reports/schedules/mg6d.csv": "The sensitive material schedule: never disclosed",
}


def _superseded_sensitive(model: ReportModel) -> list[_Row]:
    """Each sensitive file of an earlier report kept in reports/superseded/ (its redaction log holds
    every masked original value)."""
    return [
        (
            f"Superseded {name.removeprefix('reports/')} of the report as at audit entry {r.as_at}, written"
            f" by {r.actor} at {uk_display(r.at_utc)}, kept unchanged",
            f"audit entry {r.seq}",
            why,
            r.folder,
            "",
            "",
        )
        for r in model.earlier_reports
        for name, why in SENSITIVE_OUTPUTS.items()
        if name in r.files
    ]


_NOT_ASSESSED_COMMENT = "To review the material and list each sensitive item, or to endorse a nil return"


def _not_assessed(redaction_log: Sequence[RedactionEntry] | None) -> str:
    """What the tool did and did not look at: a nil return is the disclosure officer's, after review."""
    if redaction_log is None:
        looked = (
            "and it did not: no redaction pass was run"
            " (report --redact lists each exhibit holding such data here)"
        )
    elif redaction_log:
        looked = "and it did: each exhibit it found such data in is listed above"
    else:
        looked = "and it did: a redaction pass masked nothing"
    return (
        "NOT ASSESSED: for the disclosure officer. Footprint has not decided whether any material is"
        " sensitive and makes no nil return. It can look only for third-party personal data in the text it"
        " read: phone numbers, e-mail addresses, the names it was given — persons added with role"
        " 'other', the names of accounts not attributed to a party, and each --redact-name — and, in"
        " messages' text, examiners' notes and reviewers' reasons, names it recognised by a few patterns"
        " (a title, a greeting or sign-off, 'my name is', 'Tom's mum', two capitalised words"
        " mid-sentence, a known person's first name or surname alone); and for where someone lives and"
        " goes, by a few patterns only: UK postcodes, a house number and a street name ending in a street"
        " word (Road, Close, Lane, …), capitalised street names ending in one, 'flat 3', and a named"
        " school, nursery, hospital, GP surgery or clinic, or a workplace after 'works at', and the"
        " places the case names (an incident's place, an order's conditions) —"
        f" {looked}. These are heuristics: a name written any other way (in lower case, alone at a"
        " sentence's start, or one that is also an ordinary word) is not found; nor is a street name"
        " without a street word, or in lower case with neither a house number nor 'on', 'at', 'in' …"
        " before it, a landmark, a shop, a church, a pub, a bus route or a description of a house."
        " Towns and cities are NOT masked, only listed above as possible places to check, with the"
        " possible names it was unsure of: check the text by hand, and mask what locates a person with"
        " --redact-name (or add such a person with role 'other'). It did not look at images,"
        " attachments, audio or video, nor for any other kind of sensitive material."
    )


def mg6d(
    model: ReportModel,
    redaction_log: Sequence[RedactionEntry] | None,
    left: Sequence[LeftInText] = (),
    check: Sequence[NameToCheck] = (),
) -> str:
    """Sensitive material found (third-party data, the redaction log), then what was not assessed.

    Never a nil return: that is the disclosure officer's to endorse after review.
    """
    rows: list[_Row] = []
    if redaction_log:
        per_exhibit: dict[str, Counter[str]] = {}
        for entry in redaction_log:
            ref = entry.where.split(" ", 1)[0]
            per_exhibit.setdefault(ref, Counter())[entry.kind] += 1
        for row in model.exhibits:
            found = per_exhibit.get(row.exhibit.ref)
            if not found:
                continue
            kinds = ", ".join(f"{k.lower()} {n}" for k, n in sorted(found.items()))
            rows.append(
                (
                    f"Unredacted exhibit {row.exhibit.ref} ({row.exhibit.file_name}) holding third-party"
                    f" personal data ({kinds} occurrence(s))",
                    row.exhibit.ref,
                    "Third-party personal data (DPA 2018 Part 3); a redacted copy is disclosed",
                    f"vault (SHA-256 {row.exhibit.sha256[:16]}…)",
                    "",
                    "",
                )
            )
        values = len({(e.kind, e.mask) for e in redaction_log})
        rows.append(
            (
                f"Redaction log: {len(redaction_log)} occurrence(s) of {values} masked value(s) with the"
                " original values"
                + (
                    f"; and {len(left)} short name(s) of third parties left unmasked in the text, where they"
                    " cannot be told from ordinary words (masked as speakers, participants and accounts):"
                    " check the disclosure copy's text for them by hand"
                    if left
                    else ""
                ),
                "reports/redaction-log.csv",
                "Contains the third-party personal data that was masked",
                "reports/",
                "",
                "",
            )
        )
    linked: dict[str, list[str]] = {}  # an account a link ties to his: its masks (id, name), by the reason
    for e in redaction_log or ():
        if e.why.startswith(LINKED_ACCOUNT) and e.mask not in linked.setdefault(e.why, []):
            linked[e.why].append(e.mask)
    rows += [
        (
            f"Masked as a third party's: {', '.join(masks)} ({why})",
            "",
            "Possibly the suspect's account, attributed to no one: a link is an opinion until a person"
            " attributes the account",
            "reports/redaction-log.csv",
            "To decide: attribute the account (footprint account attribute) to show it as his, or leave it"
            " masked",
            "",
        )
        for why, masks in linked.items()
    ]
    rows += [
        (
            f"Possible {c.kind} not masked, to check: {c.words!r} in {c.where} (rule {c.rule}: {c.why})",
            c.where.split(" ", 1)[0],
            "Possible third-party personal data (DPA 2018 Part 3) left in the disclosure copy",
            "reports/disclosure/",
            "To check: mask it (give --redact-name"
            + (")" if c.kind == "place" else ", or add the person with role 'other')")
            + " or leave it",
            "",
        )
        for c in check
    ]
    rows.extend(_superseded_sensitive(model))
    rows.append((_not_assessed(redaction_log), "", "", "", _NOT_ASSESSED_COMMENT, ""))
    return to_csv(model, MG6D_COLUMNS, [(n, *r) for n, r in enumerate(rows, start=1)])


def _review_words(f: Finding) -> str:
    return f"{f.decision} by a reviewer" if f.decision else "not yet reviewed"


def _review(f: Finding, decided: dict[tuple[int, str], str]) -> str:
    if not f.decision:
        return f"unreviewed ({f.earlier_words})" if f.earlier_decision else "unreviewed"
    by = decided.get((f.decisions_on, f.decision))
    return f"{f.decision} by {by}" if by else f.decision


def chronology(model: ReportModel) -> str:
    """The whole chronology of every item (not an MG5), one row per message, in time order (the same
    message in a later exhibit is named on its first row: "also in JD/5 line 2"). Each finding gives its
    number, its score labelled (none for a person's), the analyser and version that made it and its
    review: unreviewed, or confirmed or dismissed by whom."""
    return "".join(chronology_lines(model))


def chronology_lines(model: ReportModel) -> Iterator[str]:
    """:func:`chronology` a row at a time, as the report writes it (never held whole: 95 MB for a
    293,000-item case)."""
    return csv_lines(model, CHRONOLOGY_COLUMNS, _chronology_rows(model))


def _chronology_rows(model: ReportModel) -> Iterator[tuple[object, ...]]:
    decided = {(d.finding_id, d.decision): d.user for d in model.decisions}  # oldest first: the last wins
    for n, r in enumerate(model.chronology, start=1):
        i = r.item
        clock = i.details.get("clock_change")
        also = (f"also in {', '.join(r.copies)}",) if r.copies else ()
        flags = ", ".join(
            (*((str(clock),) if clock else ()), *i.marks, *(("system",) if i.system else ()), *also)
        )
        found = "; ".join(_finding_cell(f, decided) for f in r.findings)
        yield (
            n,
            i.id,
            r.when,
            _utc_cell(i),
            i.sent_at_raw or "",
            i.tz_source,
            i.exhibit,
            i.locator,
            i.kind,
            i.author_name or "",
            i.author or "",
            r.side,
            " ".join(i.recipients),
            shown_text(i),
            f"{r.account} {r.reported}" if r.account else r.reported,
            flags,
            found,
        )


def _utc_cell(i: Item) -> str:
    """The chronology's UTC time of an item; of a record that gave a date but no time, its UK date alone
    (stored at UK midnight, its instant would read as 23:00 UTC the day before in summer)."""
    if i.sent_at_utc and not i.time_known:
        return f"{uk_day(i.sent_at_utc)} (date only: time not recorded)"
    return i.sent_at_utc or ""


def _finding_cell(f: Finding, decided: dict[tuple[int, str], str]) -> str:
    """A finding as the chronology lists it: its number (as the report and the MG6C give it), category,
    labelled score, the analyser and version and its review; a finding a person recorded has no score."""
    if f.analyser == RECORDED_ANALYSER:
        return f"finding {f.id}: {f.category}, recorded by {recorded_by(f)}, no score ({_review(f, decided)})"
    return (
        f"finding {f.id}: {f.category}, score {f.score:.2f}"
        f" ({f.analyser} v{f.analyser_version}; {_review(f, decided)})"
    )


def redaction_log_csv(
    model: ReportModel,
    log: Sequence[RedactionEntry],
    left: Sequence[LeftInText] = (),
    check: Sequence[NameToCheck] = (),
) -> str:
    """Every masked occurrence with its original value and why it was masked, then each name left
    unmasked in text and why, then each possible name to check (sensitive: MG6D, never disclosed)."""
    rows: list[tuple[str, str, str, str, str]] = [(e.mask, e.kind, e.value, e.where, e.why) for e in log]
    rows += [
        (
            x.mask,
            "NAME NOT MASKED IN TEXT",
            x.name,
            f"{x.count} occurrence(s) in text, the first in {x.first}",
            x.why,
        )
        for x in left
    ]
    rows += [
        ("", f"POSSIBLE {c.kind.upper()} TO CHECK", c.words, c.where, f"rule {c.rule}: {c.why}")
        for c in check
    ]
    return to_csv(
        model,
        ("No.", "Mask", "Kind", "Original value", "Where", "Why"),
        [(n, *r) for n, r in enumerate(rows, start=1)],
    )
