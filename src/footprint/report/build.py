"""Build the report's data from the case: no rendering, no wall-clock, sorted and deterministic."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from footprint import TOOL_NAME, clock_flags
from footprint.advocate_view import label as advocate_label
from footprint.advocate_view import persons_shown, without_bases
from footprint.analyse.conduct.escalation_now import escalation_now
from footprint.analyse.detect.taxonomy import CATEGORIES as DETECT_CATEGORIES
from footprint.analyse.detect.taxonomy import UNDERMINING
from footprint.analyse.law.assess import assess_case
from footprint.analysis_gaps import gaps_of
from footprint.case import Case
from footprint.code_identity import tool_version
from footprint.device.check import strength_rank
from footprint.device.settings_file import recorded as recorded_indicators
from footprint.errors import VerificationError
from footprint.her_numbers import her_numbers
from footprint.ingest import parsers
from footprint.integrity import check_case_rows
from footprint.integrity.restore_gaps import restore_gaps
from footprint.integrity.rows import RowCheck
from footprint.model import AnalysisRun, AuditEntry, Finding, Item
from footprint.report import advocate
from footprint.report import sections as s
from footprint.report.chronology import chart_data, flagged_items
from footprint.report.continuity import continuity
from footprint.report.device import device_method, device_notes
from footprint.report.disclosure_rows import (
    PARTY_ROLES,
    case_redactor,
    redact_exhibit,
    redact_finding,
    redact_item,
    redact_value,
)
from footprint.report.disclosures import (
    NOT_RECORDED,
    BundleMade,
    Disclosure,
    DisclosureRecord,
    bundle_described,
    described,
    disclosures,
)
from footprint.report.link_decisions import LinkDecision, link_decisions
from footprint.report.method import (
    ValidationRun,
    error_rates,
    limitations,
    models_and_rules,
    rule_snapshots,
    validation_statement,
)
from footprint.report.names import case_actors
from footprint.report.places import case_places
from footprint.report.redact import (
    HASH_WITHHELD,
    Redactor,
)
from footprint.report.report_model import CategoryCount, ChronologyRow, ExhibitRow, ReportModel

# what a report is made of, named here too: its callers have imported it from this module
from footprint.report.report_model import ChartData as ChartData
from footprint.report.set_aside import masked as masked_set_aside
from footprint.report.set_aside import set_aside
from footprint.report.stale import mark_stale
from footprint.report.supersede import earlier_reports
from footprint.review.counting import count_once
from footprint.store.links import visible_links
from footprint.store.media import hidden_attachments
from footprint.store.orders import list_orders
from footprint.store.queries import RECORDED_ANALYSER
from footprint.store.report_queries import DecisionRow, ReportQueries
from footprint.store.users import list_users
from footprint.times import today, uk_display

# at most this many problems are named in the error that stops a report
MAX_PROBLEMS = 20
# findings whose details the report never reads: the offence matrix is computed as `footprint assess`
# computes it now (``_assessments``), not read from the law analyser's finding
MATRIX_CATEGORIES = frozenset({"offence_assessment"})


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
            redacted = redact_value(redactor, details, "offence assessment")
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


def build_report(
    case: Case,
    *,
    redact: bool = False,
    redact_names: Sequence[str] = (),
    disclosure: Disclosure | None = None,
    validation: ValidationRun | None = None,
    row_check: RowCheck | None = None,
    bundle: BundleMade | None = None,
) -> ReportModel:
    """Collect the report's content from the case (a disclosure copy when ``redact``).

    ``disclosure`` names who a disclosure copy written with this report goes to, and why, and ``bundle``
    the full bundle written with it (each listed in the disclosure log as this report's); ``validation``
    the local validation pack checked against this code (``footprint.validation.supplied``); ``row_check``
    what `checked_rows` found on this same ``case`` (the report and its disclosure copy check once).
    """
    # an advocate: a report of what she sees (report.advocate), in her numbers, even while nothing is
    # withheld from her (the case's ids and hers would both be "finding 5": newcode4 review 6)
    not_hers = case.store.supplied_only
    row_check = checked_rows(case) if row_check is None else row_check
    info = case.info
    queries = ReportQueries(case.store.unscoped_engine)  # narrowed below for her
    persons = case.store.persons()
    accounts = without_bases(case.store.accounts()) if not_hers else case.store.accounts()
    role_of = {p.name: p.role for p in persons}
    side_of = {a.key: role_of.get(a.person or "", "") for a in accounts}
    redactor = None
    if redact:
        conditions = [c for o in list_orders(case.store.engine) for c in o.conditions]
        places = case_places(queries.incident_places(), conditions)
        # the people working the case: who the audit log records, and the review app's users
        actors = case_actors(
            [(e.actor, e.role) for e in ([] if not_hers else case.store.audit_entries())]
            + [(u.name, u.role) for u in list_users(case.store.engine)]
        )
        ties = visible_links(case.store)  # an advocate's: only those she may see
        redactor = case_redactor(
            persons, accounts, redact_names, places, queries.image_devices(), actors, ties
        )
    counts = case.store.item_counts()
    warnings = case.store.warning_counts()
    exhibits = case.store.exhibits()
    findings = case.store.findings(without_details=MATRIX_CATEGORIES)  # the matrix is built afresh
    # escalation change points that counted a finding dismissed since, recomputed (before redaction)
    escalations = escalation_now(case, findings)
    # in her view items and findings are numbered from 1 (footprint.her_numbers), as are the decisions
    numbers = her_numbers(case, findings)
    if numbers is not None:
        findings = advocate.findings(findings, case.settings.actor, numbers)
        escalations = {numbers.findings[k]: numbers.reword(v) for k, v in escalations.items()}
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
    hidden: set[tuple[int, int]] = set()
    # items at a time uk_display alone would misstate (in a clock change, or with no time of day), by
    # author and time: an account's first and last seen times are its items' times
    unsure_at: dict[tuple[str, str], int] = {}
    # each item's side, looked up before masking: a party masked by --redact-name keeps her role
    sides: dict[int, str] = {}
    for item in case.store.iter_items(chronological=True):
        item = clock_flags.flagged(item if numbers is None else numbers.item(item), notes)
        if item.author and item.sent_at_utc and (item.details.get("clock_change") or not item.time_known):
            unsure_at.setdefault((item.author, item.sent_at_utc), item.id)
        hidden.update((item.id, n) for n, a in enumerate(item.attachments) if a.sha256 in matched)
        sides[item.id] = side_of.get(item.author or "", "")
        if redactor is not None:
            item = redact_item(redactor, item, mappers, item.id in by_item)
        items.append(item)
    seen_items = {
        a.id: tuple(unsure_at.get((a.key, t)) if t else None for t in (a.first_seen_utc, a.last_seen_utc))
        for a in accounts
    }
    link_pairs = {f.id: pair for f in findings if (pair := _linked(f))}  # before the keys are masked
    if redactor is not None:
        findings = [redact_finding(redactor, f, mappers.get(f.item_id or -1)) for f in findings]
        exhibits = [redact_exhibit(redactor, e) for e in exhibits]
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
    copy_map = case.store.copy_refs() if numbers is None else numbers.copy_refs(case.store.copy_refs())
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
        if numbers is not None
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

    flagged = flagged_items(chronology, by_item, refs, decisions)
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
    undermining = s.undermining_rows(views((UNDERMINING,)), {i.id: i.text for i in items})
    seq = entries[-1].seq if entries else 0
    assessed = () if not_hers else _assessments(case, runs, refs, by_item, redactor, seq)
    detect_total = sum(1 for f in counted if f.category in DETECT_CATEGORIES)
    offences = sum(len(a.offences) for a in assessed)
    unread, every_run = case.store.not_read(), case.store.runs(latest_only=False)
    earlier = s.earlier_runs(every_run, exhibits, unread)
    statuses = {
        # section 3 lists flagged items, several findings to an item: say the count is of findings
        "detect": s.section_status(
            "detect", runs, detect_total, earlier, unread, f"{detect_total} finding(s)"
        ),
        "undermining": s.section_status("undermining", runs, len(undermining), earlier, unread),
        "conduct": s.section_status("conduct", runs, len(conduct), earlier, unread),
        "breaches": s.section_status("breaches", runs, len(breaches), earlier, unread),
        "offences": (
            advocate.OFFENCES
            if not_hers
            # one assessment to a suspect and complainant: it is its candidate offences that are counted
            else s.section_status(
                "offences", runs, offences, earlier, unread, f"{offences} candidate offence(s)"
            )
        ),
        **dict(
            zip(
                ("links", "link_findings"),
                s.link_statuses(runs, links, link_findings, earlier, unread),
                strict=True,
            )
        ),
        "devices": s.section_status("devices", runs, len(devices), earlier, unread),
        "images": s.section_status("images", runs, len(images), earlier, unread),
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
    listed = _disclosures(case, entries, disclosure, bundle)
    if redactor is not None:  # the officer's words may name a third party
        listed = tuple(
            replace(
                d,
                recipient=redactor.text(d.recipient, "disclosure recipient"),
                justification=redactor.text(d.justification, "disclosure justification"),
            )
            for d in listed
        )
        if disclosure is not None:  # this report's own disclosure copy, as masked
            mine = next(d for d in reversed(listed) if d.seq is None and not d.full_bundle)
            disclosure = Disclosure(mine.recipient, mine.justification)
    latest = case.store.latest_analysis()
    gaps = gaps_of(latest, every_run, unread)  # the latest analysis unfinished, exhibits added after a run
    return ReportModel(
        case_name=redactor.text(info.name, "case name") if redactor is not None else info.name,
        case_zone=info.zone,
        tool=TOOL_NAME,
        tool_version=tool_version(),
        schema_revision=info.schema_revision,
        persons=tuple(
            persons_shown(persons, accounts, (i.author_name for i in items if i.author_name))
            if not_hers
            else persons
        ),
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
        undermining=undermining,
        decisions=tuple(decision_rows),
        charts=chart_data(chronology, suspects, links),
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
            gaps,
            tuple(dict.fromkeys(ref for refs in unread.values() for ref in refs)),
        ),
        unfinished=". ".join(gaps),
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
        else advocate.item_hashes(recorded, numbers)
        if numbers is not None
        else recorded,
        validation=validation_statement(validation),
        row_notes=tuple(row_check.notes),
        restore_gaps=advocate.gaps(case)
        if not_hers
        else tuple(
            redactor.text(gap.line(hashes=False), "audit log gap", free=True) if redactor else gap.line()
            for gap in restore_gaps(entries)
        ),
        account_seen=account_seen,
        narrowed=advocate_label(case.store.withheld()) if not_hers else "",
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


def _disclosures(
    case: Case, entries: Sequence[AuditEntry], disclosure: Disclosure | None, bundle: BundleMade | None
) -> tuple[DisclosureRecord, ...]:
    """The disclosures in the audit log, then those written with this report (recorded after it, in the
    same order): its disclosure copy, then its full bundle, which the report inside it so lists (it
    cannot give the bundle's SHA-256: the bundle's own entry records that)."""
    seq = entries[-1].seq if entries else 0
    by = (case.settings.actor, case.settings.role)
    mine = []
    if disclosure is not None:
        mine.append(
            DisclosureRecord(None, "", *by, disclosure.recipient, disclosure.justification, described(seq))
        )
    if bundle is not None:
        to, why = bundle.recipient or NOT_RECORDED, bundle.justification or NOT_RECORDED
        what = bundle_described(seq, bundle.hashes_only)
        mine.append(DisclosureRecord(None, "", *by, to, why, what, full_bundle=True))
    return (*disclosures(entries), *mine)


def checked_rows(case: Case) -> RowCheck:
    """`verify`'s row checks on the case as read: any problem stops the report before it is built;
    the notes (rows written before digests were kept) are stated in its method appendix."""
    if case.store.supplied_only:  # an advocate's report: the checks she may make (report.advocate)
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
