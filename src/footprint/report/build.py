"""Build the report's data from the case: no rendering, no wall-clock, sorted and deterministic."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from footprint import TOOL_NAME, __version__, clock_flags
from footprint.advocate_view import label as advocate_label
from footprint.analyse.conduct.escalation_now import escalation_now
from footprint.analyse.detect.taxonomy import CATEGORIES as DETECT_CATEGORIES
from footprint.analyse.law.assess import assess_case
from footprint.case import Case
from footprint.device.check import strength_rank
from footprint.device.settings_file import recorded as recorded_indicators
from footprint.errors import VerificationError
from footprint.ingest import parsers
from footprint.integrity import check_case_rows
from footprint.integrity.restore_gaps import restore_gaps
from footprint.integrity.rows import RowCheck
from footprint.model import Account, AnalysisRun, AuditEntry, Exhibit, Finding, Item, Person
from footprint.report import advocate
from footprint.report import sections as s
from footprint.report.continuity import ContinuityEntry, continuity
from footprint.report.device import device_method, device_notes
from footprint.report.disclosures import Disclosure, DisclosureRecord, described, disclosures
from footprint.report.exif_fields import DEVICE, device_owners
from footprint.report.link_decisions import LinkDecision, link_decisions
from footprint.report.method import (
    NO_VALIDATION,
    ErrorRate,
    RuleSnapshot,
    ValidationRun,
    error_rates,
    limitations,
    models_and_rules,
    rule_snapshots,
    validation_statement,
)
from footprint.report.places import case_places
from footprint.report.redact import (
    HASH_WITHHELD,
    LeftInText,
    NameToCheck,
    RedactionEntry,
    Redactor,
    party_identifiers,
)
from footprint.report.set_aside import SetAside, set_aside
from footprint.report.set_aside import masked as masked_set_aside
from footprint.report.stale import mark_stale
from footprint.report.supersede import EarlierReport, earlier_reports
from footprint.report.withhold import hashes_withheld, withheld
from footprint.review.counting import count_once
from footprint.store.media import hidden_attachments
from footprint.store.orders import list_orders
from footprint.store.queries import RECORDED_ANALYSER
from footprint.store.report_queries import DecisionRow, ReportQueries
from footprint.times import parse_iso_utc, today, uk_display, zone

CONTEXT = 3
# at most this many problems are named in the error that stops a report
MAX_PROBLEMS = 20
PARTY_ROLES = ("complainant", "suspect", "witness")


@dataclass(frozen=True)
class ExhibitRow:
    """An exhibit with its counts, for the exhibit list and integrity appendix."""

    exhibit: Exhibit
    items: int
    items_by_kind: dict[str, int]
    warnings: int


@dataclass(frozen=True)
class ChronologyRow:
    """One event in the chronology, in UK local time, with where it came from."""

    when: str
    item: Item
    findings: tuple[Finding, ...]
    side: str
    copies: tuple[str, ...] = ()  # the same message in later exhibits ("JD/5 line 2"), shown once, here
    copy_of: str = ""  # on a copy: the first exhibit's item it repeats ("JD/1 line 2")

    @property
    def reported(self) -> str:
        """For an offline incident, what its row says of where it came from: "reported by Emma Clarke;
        place: Orchard Street; done by (as the row says): Daniel Reid" ("" for other items)."""
        if self.item.kind != "incident":
            return ""
        d = self.item.details
        parts = [f"reported by {d['reported_by']}" if d.get("reported_by") else "reporter not recorded"]
        if d.get("place"):
            parts.append(f"place: {d['place']}")
        if d.get("done_by"):
            parts.append(f"done by (as the row says): {d['done_by']}")
        return "; ".join(parts)


@dataclass(frozen=True)
class CategoryCount:
    """How many findings of one category, and how many a reviewer confirmed or dismissed."""

    category: str
    total: int
    confirmed: int
    dismissed: int


@dataclass(frozen=True)
class ChartData:
    """What the charts draw: daily activity with severity, hour x weekday contact, link graph."""

    days: tuple[tuple[str, int, int, int], ...]  # date, items, flagged, highest severity
    heatmap: tuple[tuple[int, ...], ...]  # 7 weekdays x 24 hours
    heatmap_of: str
    edges: tuple[tuple[str, str, float], ...]  # account, account, log10 LR


@dataclass(frozen=True)
class ReportModel:
    """Everything a report shows, as plain data."""

    case_name: str
    case_zone: str
    tool: str
    tool_version: str
    schema_revision: str
    persons: tuple[Person, ...]
    accounts: tuple[Account, ...]
    exhibits: tuple[ExhibitRow, ...]
    chronology: tuple[ChronologyRow, ...]  # one row per message: a copy in a later exhibit is named on it
    copies: tuple[ChronologyRow, ...]  # the items that repeat an earlier exhibit's (``copy_of`` says which)
    findings: tuple[Finding, ...]
    category_counts: tuple[CategoryCount, ...]
    flagged: tuple[s.FlaggedItem, ...]
    statuses: dict[str, s.SectionStatus]
    conduct: tuple[s.FindingView, ...]
    breaches: tuple[s.FindingView, ...]
    court_orders: tuple[s.OrderView, ...]
    assessments: tuple[s.Assessment, ...]
    links: tuple[s.LinkView, ...]
    link_findings: tuple[s.FindingView, ...]
    devices: tuple[s.FindingView, ...]
    images: tuple[s.FindingView, ...]
    decisions: tuple[DecisionRow, ...]
    charts: ChartData
    runs: tuple[AnalysisRun, ...]
    parser_versions: dict[str, int]
    rule_snapshots: tuple[RuleSnapshot, ...]
    error_rates: tuple[ErrorRate, ...]
    models: tuple[str, ...]
    rule_counts: tuple[tuple[str, int], ...]
    warning_total: int
    audit_seq: int
    audit_head: str
    limitations: tuple[str, ...]
    # what the top note says when the latest `analyse` did not finish (``Analysis.unfinished``); "" if it did
    unfinished: str = ""
    redacted: bool = False
    redaction_log: tuple[RedactionEntry, ...] = ()
    # third parties' short names left unmasked in text, where they cannot be told from ordinary words
    left_in_text: tuple[LeftInText, ...] = ()
    # words in messages' text that may be names, not masked: for the disclosure officer to check
    names_to_check: tuple[NameToCheck, ...] = ()
    # (item id, attachment's place among its attachments) of each an image_match finding covers
    hidden_attachments: frozenset[tuple[int, int]] = frozenset()
    device_notes: tuple[str, ...] = ()
    device_method: tuple[str, ...] = ()  # the indicators the device check used (method appendix)
    continuity: tuple[ContinuityEntry, ...] = ()
    # who this copy is disclosed to and why (a disclosure copy's front page; this report's own disclosure)
    disclosure: Disclosure | None = None
    # every disclosure copy written so far, from the audit log, and this report's own (masked in a copy)
    disclosures: tuple[DisclosureRecord, ...] = ()
    # every report written before this one, its outputs moved aside into reports/superseded/
    earlier_reports: tuple[EarlierReport, ...] = ()
    # files set aside from an add that was stopped part-way (vault/.abandoned/), from the audit log
    set_aside: tuple[SetAside, ...] = ()
    # SHA-256 of each item's raw text as read, re-checked for this report (empty in a disclosure copy)
    item_sha256: dict[int, str] = field(default_factory=dict)
    # where the audit log, findings and warnings are kept (named in the MG6C schedule)
    store_name: str = "case database (case.db)"
    # what the method appendix says of local validation (``footprint report --validation``)
    validation: str = NO_VALIDATION
    # the row checks of `verify` this report's rows could not be given (rows written before digests)
    row_notes: tuple[str, ...] = ()
    # each gap in the audit log a person accepted (`case accept-restore`), in words (``RestoreGap.line``)
    restore_gaps: tuple[str, ...] = ()
    # each account's first and last seen times as shown, by account id: a time in a clock change or with no
    # time of day is shown as its item's is (``clock_flags.when``)
    account_seen: dict[int, tuple[str, str]] = field(default_factory=dict)
    # the link analyser's verbal bands and thresholds, from its code
    link_scale: s.LinkScale = field(default_factory=s.link_scale)
    # an advocate's narrowed view: the label every part of it carries ("" for the case report)
    narrowed: str = ""

    @property
    def head_short(self) -> str:
        """The chain head's first 16 digits, as page feet and CSV rows give it ("withheld" in a copy)."""
        return "withheld" if self.audit_head in (HASH_WITHHELD, advocate.HEAD) else self.audit_head[:16]


def _redactor(
    persons: Sequence[Person],
    accounts: Sequence[Account],
    extra: Sequence[str],
    places: tuple[str, ...],
    devices: Sequence[str],
) -> Redactor:
    """Parties' names and identifiers are kept, except a name the officer asked to mask by name
    (``--redact-name``: a witness's or complainant's anonymity), which is masked like a third party's;
    ``places`` the case itself names are masked wherever written, and so are the names of the people
    images' ``devices`` are named after (a party's own kept)."""
    party_names = {p.name for p in persons if p.role in PARTY_ROLES}
    party_keys = [a.key for a in accounts if a.person in party_names]
    asked = {n.strip().lower() for n in extra if n.strip()}
    keep = party_identifiers(party_keys, party_names) - asked
    others = [p.name for p in persons if p.role not in PARTY_ROLES]
    others += [n for a in accounts if a.person not in party_names for n in a.names if n not in party_names]
    third = tuple(a.key for a in accounts if a.person not in party_names)
    owners = device_owners(devices, keep)
    return Redactor(keep, tuple(sorted(set(others) | set(extra))), third, places=places, owners=owners)


def _redact_item(r: Redactor, item: Item, mappers: dict[int, Callable[[int], int]], want: bool) -> Item:
    """The item as a disclosure copy shows it: identifiers masked, an attachment's name masked alike
    wherever the item names the file, its content withheld where the raw record holds it (an e-mail's
    MIME part), and its SHA-256 withheld everywhere (a small file's, a vCard's, would confirm a guess
    at the number in it, like an exhibit's)."""
    where = f"{item.exhibit} {item.locator}"
    # each attachment's name, and without its folder (Telegram's "files/x.pdf", written "x.pdf")
    files = tuple(dict.fromkeys(n for a in item.attachments for n in (a.name, a.name.rsplit("/", 1)[-1])))
    text, mapper = r.text_with_offsets(item.text, f"{where} text", files, free=True)
    if want:
        mappers[item.id] = mapper
    return replace(
        item,
        locator=r.slugs_masked(r.text(item.locator, f"{where} locator"), f"{where} locator"),
        text=text,
        raw=r.record(withheld(item.raw, item.text), item.text, f"{where} raw", files),
        author=r.field(item.author, f"{where} author") if item.author else None,
        author_name=r.field(item.author_name, f"{where} author name") if item.author_name else None,
        recipients=tuple(r.field(x, f"{where} recipient") for x in item.recipients),
        conversation=r.names_masked(item.conversation, f"{where} conversation")
        if item.conversation
        else None,
        attachments=tuple(
            replace(
                a,
                name=r.file_name(a.name, f"{where} attachment"),
                sha256=HASH_WITHHELD if a.sha256 is not None else None,
            )
            for a in item.attachments
        ),
        details={
            # an image's EXIF make and model is a field: a device's owner is masked there however short
            k: (r.names_masked if k == DEVICE else r.text)(hashes_withheld(v), f"{where} {k}", files)
            for k, v in item.details.items()
        },
    )


def _redact_exhibit(r: Redactor, e: Exhibit) -> Exhibit:
    """Every field of an exhibit a disclosure copy shows: its name, who produced and owns it, the
    examiner's notes and what was recorded when it was read (a parser may name the account's owner).
    Its SHA-256 is withheld: it would confirm a guess at what was masked."""
    return replace(
        e,
        sha256=HASH_WITHHELD,
        file_name=r.file_name(e.file_name, f"{e.ref} file name"),
        original_path="",
        producer=r.text(e.producer, f"{e.ref} producer"),
        owner=r.text(e.owner, f"{e.ref} owner") if e.owner else e.owner,
        notes=r.text(e.notes, f"{e.ref} notes", free=True),  # an examiner's words: names recognised too
        settings={k: r.text(v, f"{e.ref} {k}") for k, v in e.settings.items()},
    )


def _redact_value(r: Redactor, value: object, where: str, key: str = "") -> object:
    """A finding's details: a SHA-256 (``attachment_sha256``) withheld, a file's name masked as one,
    any other string as an account key or speaker's name (or free text)."""
    if isinstance(value, str):
        if key.endswith("sha256"):
            return HASH_WITHHELD
        return (
            r.file_name(value, where)
            if key.endswith("file_name") or key == "attachment_name"
            else r.field(value, where)
        )
    if isinstance(value, list):
        return [_redact_value(r, v, where, key) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(r, v, where, str(k)) for k, v in value.items()}
    return value


def _redact_finding(r: Redactor, f: Finding, mapper: Callable[[int], int] | None) -> Finding:
    where = f"finding {f.id}"
    spans = tuple((mapper(a), mapper(b)) for a, b in f.spans) if mapper else f.spans
    details = _redact_value(r, f.details, f"{where} details")
    assert isinstance(details, dict)
    locator = (
        r.slugs_masked(r.text(f.locator, f"{where} locator"), f"{where} locator") if f.locator else f.locator
    )
    # a person's words ("recorded by DC Reviewer (reviewer): REASON"): names nobody gave are read too
    head, reason, said = f.explanation, f.details.get("reason"), ""
    if f.analyser == RECORDED_ANALYSER and isinstance(reason, str) and reason:
        said = details["reason"] = r.text(reason, f"{where} reason", free=True)
        head = head.removesuffix(reason)  # "recorded by …: " and the reason, read as a person's words
    explanation = r.text(head, f"{where} explanation") + (said if head != f.explanation else "")
    explanation = r.slugs_masked(explanation, f"{where} explanation")
    return replace(f, spans=spans, locator=locator, explanation=explanation, details=details)


def _assessments(
    case: Case,
    runs: Sequence[AnalysisRun],
    refs: Mapping[int, s.Ref],
    findings_of: Mapping[int, Sequence[Finding]],
    redactor: Redactor | None,
    audit_seq: int,
) -> tuple[s.Assessment, ...]:
    """The offence matrix as `footprint assess` computes it now, not as the law analyser stored it: the
    review decisions up to the report's audit head decide which evidence counts (a finding dismissed
    after the analyser ran is no longer cited), and time limits are counted from the report's day. Only
    once the law analyser has run on the case: until then the section says it was not run."""
    if not any(r.analyser == "law" and r.status == "ok" for r in runs):
        return ()
    result = assess_case(case, today(case.info.zone))
    source = f"as footprint assess computes it, from the review decisions up to audit entry {audit_seq}"
    out = []
    for pair in result["assessments"]:
        details = {**pair, "as_of": result["as_of"]}
        if redactor is not None:
            redacted = _redact_value(redactor, details, "offence assessment")
            assert isinstance(redacted, dict)
            details = redacted
        out.append(s.assessment(details, source, refs, findings_of))
    return tuple(out)


def _seen_shown(
    times: tuple[str | None, str | None], items: tuple[int | None, ...], whens: Mapping[int, str]
) -> tuple[str, str]:
    """An account's first and last seen times as shown: as the item at that time is shown where it is one
    in a clock change or with no time of day (``items``, its id or None), else in UK time ("" unknown)."""
    first, last = (
        whens[i] if i is not None else uk_display(t) if t else "" for t, i in zip(times, items, strict=True)
    )
    return first, last


def _charts(chron: Sequence[ChronologyRow], suspects: set[str], links: Sequence[s.LinkView]) -> ChartData:
    uk = zone("Europe/London")
    per_day: dict[str, list[int]] = {}
    heat = [[0] * 24 for _ in range(7)]
    for row in chron:
        if not row.item.sent_at_utc:
            continue
        local = parse_iso_utc(row.item.sent_at_utc).astimezone(uk)
        day = per_day.setdefault(local.strftime("%Y-%m-%d"), [0, 0, 0])
        day[0] += 1
        severity = max((s.SEVERITY.get(f.category, 0) for f in row.findings), default=0)
        if severity:
            day[1] += 1
            day[2] = max(day[2], severity)
        # a draft or a failed send reached no one: not contact
        contact = (
            row.item.kind in ("message", "call", "email", "post", "location", "reaction")
            and not row.item.not_sent
        )
        if contact and (row.item.author in suspects if suspects else row.side != "complainant"):
            heat[local.weekday()][local.hour] += 1
    who = "accounts attributed to the suspect" if suspects else "every account other than the complainant's"
    return ChartData(
        days=tuple((d, *v) for d, v in sorted(per_day.items())),  # type: ignore[misc]
        heatmap=tuple(tuple(r) for r in heat),
        heatmap_of=who,
        edges=tuple((lk.account_a, lk.account_b, lk.log10_lr) for lk in links),
    )


def build_report(
    case: Case,
    *,
    redact: bool = False,
    redact_names: Sequence[str] = (),
    disclosure: Disclosure | None = None,
    validation: ValidationRun | None = None,
    row_check: RowCheck | None = None,
) -> ReportModel:
    """Collect the report's content from the case (a disclosure copy when ``redact``).

    ``disclosure`` names who a disclosure copy written with this report goes to, and why; ``validation``
    the local validation pack checked against this code (``footprint.validation.supplied``); ``row_check``
    what `checked_rows` found on this same ``case`` (the report and its disclosure copy check once).
    """
    # an advocate while exhibits are withheld from her: a report of what she sees (report.advocate)
    not_hers = case.store.withheld()
    row_check = checked_rows(case) if row_check is None else row_check
    info = case.info
    queries = ReportQueries(case.store.unscoped_engine)  # narrowed below for her
    persons = case.store.persons()
    accounts = advocate.accounts(case.store.accounts()) if not_hers else case.store.accounts()
    role_of = {p.name: p.role for p in persons}
    side_of = {a.key: role_of.get(a.person or "", "") for a in accounts}
    redactor = None
    if redact:
        conditions = [c for o in list_orders(case.store.engine) for c in o.conditions]
        places = case_places(queries.incident_places(), conditions)
        redactor = _redactor(persons, accounts, redact_names, places, queries.image_devices())
    counts = case.store.item_counts()
    warnings = case.store.warning_counts()
    exhibits = case.store.exhibits()
    # in her view numbered from 1 (``numbers``: the case's id of each, hers), as are the decisions on them
    findings, numbers = (
        advocate.findings(case.store.findings(), case.settings.actor)
        if not_hers
        else (case.store.findings(), {})
    )
    indicators = recorded_indicators(case.dir)
    runs = [r for r in case.store.runs() if r.analyser != RECORDED_ANALYSER]  # a person is no analyser
    runs = advocate.runs(runs) if not_hers else runs
    by_item: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.item_id is not None:
            by_item[f.item_id].append(f)
    items: list[Item] = []
    mappers: dict[int, Callable[[int], int]] = {}
    recorded = queries.item_hashes()
    notes = clock_flags.clock_notes(case)
    matched = hidden_attachments(findings)  # before a disclosure copy withholds the hashes
    # escalation change points that counted a finding dismissed since, recomputed (before redaction)
    escalations = escalation_now(case, findings)
    hidden: set[tuple[int, int]] = set()
    # items at a time uk_display alone would misstate (in a clock change, or with no time of day), by
    # author and time: an account's first and last seen times are its items' times
    unsure_at: dict[tuple[str, str], int] = {}
    # each item's side, looked up before masking: a party masked by --redact-name keeps her role
    sides: dict[int, str] = {}
    for item in case.store.iter_items(chronological=True):
        item = clock_flags.flagged(item, notes)
        if item.author and item.sent_at_utc and (item.details.get("clock_change") or not item.time_known):
            unsure_at.setdefault((item.author, item.sent_at_utc), item.id)
        hidden.update((item.id, n) for n, a in enumerate(item.attachments) if a.sha256 in matched)
        sides[item.id] = side_of.get(item.author or "", "")
        if redactor is not None:
            item = _redact_item(redactor, item, mappers, item.id in by_item)
        items.append(item)
    seen_items = {
        a.id: tuple(unsure_at.get((a.key, t)) if t else None for t in (a.first_seen_utc, a.last_seen_utc))
        for a in accounts
    }
    link_pairs = {f.id: pair for f in findings if (pair := _linked(f))}  # before the keys are masked
    if redactor is not None:
        findings = [_redact_finding(redactor, f, mappers.get(f.item_id or -1)) for f in findings]
        exhibits = [_redact_exhibit(redactor, e) for e in exhibits]
        accounts = [
            replace(
                a,
                key=redactor.field(a.key, "account"),
                native_id=redactor.field(a.native_id, "account"),
                names=tuple(redactor.field(n, "account name") for n in a.names),
                person=redactor.field(a.person, "account person") if a.person else None,
                basis=redactor.text(a.basis, "account basis") if a.basis else None,
            )
            for a in accounts
        ]
    copy_map = case.store.copy_refs()
    # one message, one set of findings: as `assess` counts them
    by_item, counted = count_once(findings, copy_map)
    whens = {i.id: clock_flags.when(i) for i in items}
    account_seen = {
        a.id: _seen_shown((a.first_seen_utc, a.last_seen_utc), seen_items[a.id], whens) for a in accounts
    }
    refs = {i.id: s.Ref(i.id, i.exhibit, i.locator, whens[i.id]) for i in items}
    rows = {i.id: ChronologyRow(whens[i.id], i, tuple(by_item.get(i.id, ())), sides[i.id]) for i in items}
    copied: list[ChronologyRow] = []
    for first, found in copy_map.items():
        rows[first] = replace(rows[first], copies=tuple(c.ref for c in found))
        first_ref = f"{rows[first].item.exhibit} {rows[first].item.locator}"
        copied.extend(replace(rows.pop(c.item_id), copy_of=first_ref) for c in found)
    chronology = tuple(rows.values())
    place = {i.id: n for n, i in enumerate(items)}
    copied.sort(key=lambda row: place[row.item.id])
    decision_rows = (
        advocate.decisions(queries.decisions(), findings, numbers, case.settings.actor)
        if not_hers
        else queries.decisions()
    )
    if redactor is not None:
        decision_rows = [
            replace(d, reason=redactor.text(d.reason, f"decision on {d.finding_id}", free=True))
            for d in decision_rows
        ]
    decisions: dict[int, tuple[DecisionRow, ...]] = defaultdict(tuple)
    for d in decision_rows:
        decisions[d.finding_id] += (d,)

    if redactor is not None:
        escalations = {
            k: redactor.slugs_masked(redactor.text(v, f"finding {k} now"), f"finding {k} now")
            for k, v in escalations.items()
        }

    def views(categories: Sequence[str]) -> tuple[s.FindingView, ...]:
        return tuple(
            s.finding_view(f, refs, decisions, escalations.get(f.id, ""))
            for f in findings
            if f.category in categories
        )

    flagged = _flagged(chronology, by_item, refs, decisions)
    entries = [] if not_hers else list(case.store.audit_entries())  # the log names every exhibit
    decided = link_decisions(entries)
    if redactor is not None:  # a reviewer's reason is a person's words: names nobody gave are read too
        decided = {
            k: replace(d, reason=redactor.text(d.reason, "link review", free=True))
            for k, d in decided.items()
        }
    links = tuple(
        replace(lk, review=said.words())
        if (said := decided.get(frozenset((lk.account_a, lk.account_b))))
        else lk
        for lk in s.link_views(advocate.links(case, queries.links()) if not_hers else queries.links())
    )
    orders = [] if not_hers else list_orders(case.store.engine)  # weighed with the whole case
    if redactor is not None:
        persons = [
            p
            if p.role in PARTY_ROLES and not redactor.masks_name(p.name)
            else replace(p, name=redactor.field(p.name, "person"))
            for p in persons
        ]
        role_of |= {p.name: p.role for p in persons}  # a masked name keeps its role (the suspects' accounts)
        links = tuple(
            replace(
                lk,
                account_a=redactor.field(lk.account_a, "link"),
                account_b=redactor.field(lk.account_b, "link"),
                reasons=tuple(redactor.text(x, "link reason") for x in lk.reasons),
                review=redactor.text(lk.review, "link review"),
            )
            for lk in links
        )
        orders = [
            replace(
                o,
                protects=redactor.field(o.protects, "court order protects"),
                against=redactor.field(o.against, "court order against"),
                conditions=tuple(redactor.text(c, "court order") for c in o.conditions),
            )
            for o in orders
        ]
    link_findings = tuple(
        _with_link_decision(v, decided.get(link_pairs.get(v.finding.id, frozenset())))
        for v in views(s.LINK_CATEGORIES)
    )
    conduct = mark_stale(views(s.CONDUCT_CATEGORIES), findings, decisions, entries, refs)
    breaches = mark_stale(views(("order_breach",)), findings, decisions, entries, refs)
    devices = tuple(  # strongest first, as `device check` lists them
        sorted(views(("device_indicator",)), key=lambda v: strength_rank(v.finding.details.get("strength")))
    )
    images = views(("image_match",))
    seq = entries[-1].seq if entries else 0
    assessed = () if not_hers else _assessments(case, runs, refs, by_item, redactor, seq)
    detect_total = sum(1 for f in counted if f.category in DETECT_CATEGORIES)
    earlier = s.earlier_runs(case.store.runs(latest_only=False), exhibits)
    statuses = {
        "detect": s.section_status("detect", runs, detect_total, earlier),
        "conduct": s.section_status("conduct", runs, len(conduct), earlier),
        "breaches": s.section_status("breaches", runs, len(breaches), earlier),
        "offences": (
            advocate.OFFENCES if not_hers else s.section_status("offences", runs, len(assessed), earlier)
        ),
        **dict(
            zip(("links", "link_findings"), s.link_statuses(runs, links, link_findings, earlier), strict=True)
        ),
        "devices": s.section_status("devices", runs, len(devices), earlier),
        "images": s.section_status("images", runs, len(images), earlier),
    }
    statuses = advocate.statuses(statuses) if not_hers else statuses
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for f in counted:
        tally[f.category]["total"] += 1
        if f.decision:
            tally[f.category][f.decision] += 1
    category_counts = tuple(
        CategoryCount(c, tally[c]["total"], tally[c]["confirmed"], tally[c]["dismissed"])
        for c in (*DETECT_CATEGORIES, *sorted(set(tally) - set(DETECT_CATEGORIES)))
    )
    suspects = {a.key for a in accounts if role_of.get(a.person or "") == "suspect"}
    models, rule_counts = models_and_rules(findings)
    item_counts = {e.id: sum(counts.get(e.id, {}).values()) for e in exhibits}
    # the served MG6C lists what the case's does: every disclosure copy and earlier report
    listed = _disclosures(case, entries, disclosure)
    if redactor is not None:  # the officer's words may name a third party
        listed = tuple(
            replace(
                d,
                recipient=redactor.text(d.recipient, "disclosure recipient"),
                justification=redactor.text(d.justification, "disclosure justification"),
            )
            for d in listed
        )
        if disclosure is not None:
            disclosure = Disclosure(listed[-1].recipient, listed[-1].justification)
    latest = case.store.latest_analysis()
    unfinished = latest.unfinished if latest is not None else ""
    return ReportModel(
        case_name=redactor.text(info.name, "case name") if redactor is not None else info.name,
        case_zone=info.zone,
        tool=TOOL_NAME,
        tool_version=__version__,
        schema_revision=info.schema_revision,
        persons=tuple(advocate.persons(persons, accounts, items) if not_hers else persons),
        accounts=tuple(accounts),
        exhibits=tuple(
            ExhibitRow(e, item_counts[e.id], counts.get(e.id, {}), warnings.get(e.id, 0)) for e in exhibits
        ),
        chronology=chronology,
        copies=tuple(copied),
        findings=tuple(findings),
        category_counts=category_counts,
        flagged=flagged,
        statuses=statuses,
        conduct=conduct,
        breaches=breaches,
        court_orders=s.order_views(orders),
        assessments=assessed,
        links=links,
        link_findings=link_findings,
        devices=devices,
        images=images,
        decisions=tuple(decision_rows),
        charts=_charts(chronology, suspects, links),
        runs=tuple(runs),
        parser_versions={p.name: p.version for p in sorted(parsers, key=lambda p: p.name)},
        rule_snapshots=rule_snapshots(),
        error_rates=error_rates(runs),
        store_name=(
            "case database (PostgreSQL)"
            if case.store.unscoped_engine.dialect.name == "postgresql"
            else "case database (case.db)"
        ),
        models=models,
        rule_counts=rule_counts,
        warning_total=sum(warnings.values()),
        audit_seq=entries[-1].seq if entries else advocate.audit_seq(case) if not_hers else 0,
        # an entry's hash would confirm a guess at what it records (a third party's number)
        audit_head=(
            HASH_WITHHELD
            if redactor is not None
            else advocate.HEAD
            if not_hers
            else entries[-1].hash
            if entries
            else ""
        ),
        limitations=limitations(
            runs,
            sum(1 for i in items if not i.sent_at_utc),
            [e.ref for e in exhibits if "zone" in e.settings],
            unfinished,
        ),
        unfinished=unfinished,
        redacted=redactor is not None,
        redaction_log=tuple(redactor.log) if redactor is not None else (),
        left_in_text=redactor.left_in_text() if redactor is not None else (),
        names_to_check=redactor.names_to_check() if redactor is not None else (),
        hidden_attachments=frozenset(hidden),
        device_notes=device_notes(findings, runs, exhibits, warnings, indicators),
        device_method=device_method(findings, runs, exhibits, indicators),
        continuity=continuity(exhibits, entries),
        disclosure=disclosure,
        disclosures=listed,
        earlier_reports=earlier_reports(entries),
        set_aside=tuple(
            masked_set_aside(x, redactor.text) if redactor is not None else x for x in set_aside(entries)
        ),
        item_sha256={}
        if redactor is not None
        else advocate.item_hashes(recorded, refs)
        if not_hers
        else recorded,
        validation=validation_statement(validation),
        row_notes=tuple(row_check.notes),
        restore_gaps=tuple(
            redactor.text(gap.line(hashes=False), "audit log gap", free=True) if redactor else gap.line()
            for gap in restore_gaps(entries)
        ),
        account_seen=account_seen,
        narrowed=advocate_label(not_hers) if not_hers else "",
    )


def _linked(finding: Finding) -> frozenset[str]:
    """The two accounts a link finding is about (``details["link"]`` as the link analyser writes it, or
    its ``accounts``), else an empty set."""
    link = finding.details.get("link")
    pair = [link.get("a"), link.get("b")] if isinstance(link, dict) else finding.details.get("accounts")
    if isinstance(pair, list) and len(pair) == 2 and all(isinstance(k, str) for k in pair):
        return frozenset(pair)
    return frozenset()


def _with_link_decision(view: s.FindingView, decided: LinkDecision | None) -> s.FindingView:
    """A link finding with the reviewer's decision on its link (`link-accept`, `link-reject`) among its
    review decisions: a rejected link is never shown as not yet reviewed."""
    if decided is None:
        return view
    row = DecisionRow(
        view.finding.id, decided.actor, f"link {decided.decision}", decided.reason, decided.at_utc
    )
    return replace(view, decisions=(*view.decisions, row))


def checked_rows(case: Case) -> RowCheck:
    """`verify`'s row checks on the case as read: any problem stops the report before it is built;
    the notes (rows written before digests were kept) are stated in its method appendix."""
    if case.store.withheld():  # an advocate's report: the checks she may make (report.advocate)
        return advocate.checked(case)
    found = check_case_rows(case)
    problems = found.problems
    if problems:
        raise VerificationError(
            [
                f"{p}; no report was written — run footprint verify on the case"
                for p in problems[:MAX_PROBLEMS]
            ]
            + (
                [f"and {len(problems) - MAX_PROBLEMS} more problem(s)"]
                if len(problems) > MAX_PROBLEMS
                else []
            )
        )
    return found


def _disclosures(
    case: Case, entries: Sequence[AuditEntry], disclosure: Disclosure | None
) -> tuple[DisclosureRecord, ...]:
    """The disclosures in the audit log, then the one written with this report (recorded after it)."""
    logged = disclosures(entries)
    if disclosure is None:
        return logged
    seq = entries[-1].seq if entries else 0
    mine = DisclosureRecord(
        None,
        "",
        case.settings.actor,
        case.settings.role,
        disclosure.recipient,
        disclosure.justification,
        described(seq),
    )
    return (*logged, mine)


def _flags(finding: Finding) -> bool:
    """Whether a finding flags its item: a detection category, or anything a person recorded on it."""
    return finding.category in DETECT_CATEGORIES or finding.analyser == RECORDED_ANALYSER


def _flagged(
    chronology: Sequence[ChronologyRow],
    by_item: dict[int, list[Finding]],
    refs: dict[int, s.Ref],
    decisions: dict[int, tuple[DecisionRow, ...]],
) -> tuple[s.FlaggedItem, ...]:
    """Each flagged item with up to CONTEXT messages either side in the same conversation."""
    threads: dict[tuple[str, str], list[int]] = defaultdict(list)
    place: dict[int, tuple[tuple[str, str], int]] = {}
    for n, row in enumerate(chronology):
        key = (row.item.exhibit, row.item.conversation or "")
        place[row.item.id] = (key, len(threads[key]))
        threads[key].append(n)
    out = []
    for row in chronology:
        flagged = [f for f in row.findings if _flags(f)]
        if not flagged:
            continue
        key, at = place[row.item.id]
        thread = threads[key]
        lines = []
        for n in thread[max(0, at - CONTEXT) : at + CONTEXT + 1]:
            other = chronology[n]
            spans = [sp for f in other.findings if _flags(f) for sp in f.spans]
            lines.append(
                s.ContextLine(
                    other.item, other.when, other.side, s.segments(other.item.text, spans), other is row
                )
            )
        views = tuple(s.finding_view(f, refs, decisions) for f in row.findings)
        out.append(s.FlaggedItem(row.item, row.when, views, tuple(lines)))
    return tuple(out)
