"""Report sections as plain data, and the builders that read analyser output by its category contract."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeGuard

from footprint.analyse.conduct.escalation import SEVERITY as SEVERITY  # one scale: the escalation analyser's
from footprint.analyse.conduct.orders import ends_utc, varied_by, varies_order
from footprint.analyse.detect.taxonomy import LABELS, UNDERMINING
from footprint.analyse.law.confirmation import confirmed_words, count_confirmed
from footprint.analyse.law.kb import VERIFICATION_TEXT  # the words `assess` prints beside a verification
from footprint.analyse.law.pending import pending_words
from footprint.analyse.law.timelimits import last_date_words
from footprint.analyse.link.analyser import FINDING_FROM, STORE_FROM
from footprint.analyse.link.joining import CLUSTER_FROM
from footprint.analyse.link.score import VERBAL
from footprint.analyse.link.wording import kind_tally
from footprint.analysis_gaps import not_analysed, possessive
from footprint.model import AnalysisRun, Exhibit, Finding, Item
from footprint.report.detail_words import detail_lines
from footprint.report.detail_words import text as text  # a detail value in words, as every section shows
from footprint.review.record import recorded_by
from footprint.store.orders import CourtOrder
from footprint.store.queries import RECORDED_ANALYSER
from footprint.store.report_queries import DecisionRow, LinkRow
from footprint.times import uk_display

# Shown once under the device section (build.device_notes), not under every device finding.
DEVICE_NOTE_KEYS = ("attribution", "safety", "limitations")
CONDUCT_CATEGORIES = ("course_of_conduct", "escalation", "contact_after_request")
LINK_CATEGORIES = ("account_link", "impersonation")
# Findings whose score is a fixed weight set by the rule that made them, not a measured probability.
RULE_WEIGHT_CATEGORIES = (*CONDUCT_CATEGORIES, "order_breach")
RULE_WEIGHTS = (
    "Scores in this section and the next are fixed rule weights, not probabilities: each rule gives"
    " every finding it makes one of a few set numbers, and their error rates are not yet measured."
    " Course of conduct: 1.00 for two or more occasions linked to each other and not all on one day,"
    " 0.60 for two or more occasions without that, 0.30 for fewer. Escalation: 0.80 always. Contact after"
    " a request to stop: 0.90 sent to her, 0.70 sent to someone else about her, 0.50 when a clock change"
    " leaves unsure whether her request came first. Order breach: 0.90, or 0.50 when whether it fell"
    " within the order's time needs a check, or when whether his message about her to someone else was"
    " meant to reach her is for a person to judge (not counted as a breach). A higher weight means only"
    " that the rule's stronger case applies. What a flagged message's score is, is said in section 3; the"
    " account-link score is explained in section 7."
)
# Said once where scores are first shown (the chronology, section 3) and in the glossary: a jury reads
# "0.95" beside a threat as "95 % sure he did it".
SCORES = (
    "A score is how strongly the rule or model matched, from 0 to 1: not a probability that the offence"
    " happened, nor that the finding is right. The detector's rule scores are weights the Footprint team"
    " set by hand for how specific each wording is, not fitted to data; when several rules match one"
    " message their weights are combined (1 − (1 − a) × (1 − b) …), which makes a number that looks like"
    " a probability and is not one. A finding is an opinion until a person confirms or dismisses it; a"
    " finding a person recorded has no score."
)
# beside each score shown (a finding of a rule that sets fixed weights says "rule weight" instead)
SCORE_LABEL = "strength of the match, not a probability"
RECORDED_SCORE = "none: a person's finding"
# Which analysers produce each section, by their registered names (a run of any of them means "it ran").
SECTION_ANALYSERS = {
    "detect": ("detect",),
    "undermining": ("detect", "retraction_after_threat"),
    "conduct": ("course_of_conduct", "escalation", "contact_after_request"),
    "breaches": ("order_breach",),
    "offences": ("law",),
    "links": ("link",),
    "devices": ("device",),
    "images": ("images",),
}


@dataclass(frozen=True)
class Ref:
    """A pointer to an item: exhibit reference and locator, with its UK time."""

    item_id: int
    exhibit: str
    locator: str
    when: str


@dataclass(frozen=True)
class SectionStatus:
    """Whether a section's analyser ran and found anything: found, none found, not run, did not complete."""

    state: str
    note: str


@dataclass(frozen=True)
class FindingView:
    """A finding with the items it points at, its details flattened and its review history;
    ``recorded_by`` names the person (and role) who recorded it, "" for an analyser's finding; ``now``
    what stands now of an escalation whose change point counted a finding dismissed since
    (``escalation_now``), "" when nothing does."""

    finding: Finding
    refs: tuple[Ref, ...]
    details: tuple[tuple[str, str], ...]
    decisions: tuple[DecisionRow, ...]
    recorded_by: str = ""
    now: str = ""
    # "Rests on finding #N …, dismissed by … after this analysis; …" (report.stale), one per such finding
    stale: tuple[str, ...] = ()

    @property
    def rule_weight(self) -> bool:
        """Whether its score is a fixed rule weight (RULE_WEIGHTS), not a probability."""
        return self.finding.category in RULE_WEIGHT_CATEGORIES


@dataclass(frozen=True)
class UnderminingRow:
    """A finding that may undermine the prosecution case or assist the defence (``may_undermine``: detect's,
    retraction_after_threat's), as section 1 lists it: what it reads as, whose words, and the words."""

    view: FindingView
    reads_as: str  # "retraction", "request to stop contact" (a detection category's label)
    by: str  # "the suspect", "the complainant", "" when the finding does not say
    words: tuple[str, ...]


def reads_as(details: Mapping[str, object]) -> str:
    """What a ``may_undermine`` finding reads as, in words ("retraction", "insult or harassment", a
    detection category's label); "" when its details do not say (every other finding)."""
    value = text(details.get("reads_as") or "")
    return LABELS.get(value, value)


def undermining_rows(views: Iterable[FindingView], texts: Mapping[int, str]) -> tuple[UnderminingRow, ...]:
    """Section 1's rows of what may undermine, from the ``may_undermine`` findings' views; ``texts``: each
    item's text as the report shows it (masked in a disclosure copy, as the findings' spans are)."""
    rows = []
    for v in views:
        f = v.finding
        if f.category != UNDERMINING:
            continue
        speaker = f.details.get("speaker")
        said = texts.get(f.item_id, "") if f.item_id is not None else ""
        rows.append(
            UnderminingRow(
                v,
                reads_as(f.details),
                f"the {speaker}" if speaker in ("suspect", "complainant") else "",
                tuple(said[a:b] for a, b in f.spans if b > a),
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class Segment:
    """A run of message text, marked when it is inside an evidence span."""

    text: str
    mark: bool


@dataclass(frozen=True)
class ContextLine:
    """One message in a flagged item's conversation."""

    item: Item
    when: str
    side: str
    segments: tuple[Segment, ...]
    focus: bool


@dataclass(frozen=True)
class FlaggedItem:
    """A flagged item shown in its conversation, with every finding on it."""

    item: Item
    when: str
    findings: tuple[FindingView, ...]
    context: tuple[ContextLine, ...]


@dataclass(frozen=True)
class OffenceElement:
    """One element of an offence with its status and the items behind it."""

    id: str
    text: str
    status: str
    refs: tuple[Ref, ...]
    missing: str = ""
    orders: tuple[str, ...] = ()
    confirmed: str = ""  # "1 of 2 confirmed by a person", from the decisions when the report is built
    basis: str = ""  # the recorded fact the status rests on ("order 1: aware from …; made on notice: …")
    findings: tuple[int, ...] = ()  # the numbers of the findings behind it (none dismissed), as MG6C cites
    # beside each of ``refs``: why an incident is his conduct ("his conduct by its words (not reviewed): …"),
    # or that the item is a reaction ("a reaction '😂' to the message JD/1 line 1"), else ""
    attributions: tuple[str, ...] = ()
    # how many of its items are reactions and what it has without them ("" when none is)
    reactions: str = ""
    # the items a person must judge before they count, and the question ("may support, a person must
    # judge whether the harm threatened is serious …: JD/1 line 11"; "" when none)
    may_support: str = ""
    # conduct pending attribution: per account linked to his but attributed to no one, what it would add
    # were a person to attribute it, and what the element would then be (never counted; ``law.pending``)
    pending: tuple[str, ...] = ()


@dataclass(frozen=True)
class Offence:
    """A candidate offence with its elements and time limit."""

    statute: str
    section: str
    title: str
    status: str
    elements: tuple[OffenceElement, ...]
    time_limit_rule: str
    last_date: str
    time_limit_warning: str = ""
    time_limit_note: str = ""  # the caveat `footprint assess` prints ("the three-year long-stop; …")
    last_date_words: str = ""  # one date, or for one offence per message each message's own (timelimits)
    mode_of_trial: str = ""
    max_penalty: str = ""
    verification: str = ""
    verification_text: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Prompt:
    """A knowledge-base prompt for the prosecutor: an aggravating feature or a public-interest factor."""

    text: str
    verification: str = ""  # aggravating features: how far the knowledge-base entry was checked
    verification_text: str = ""
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """The offences assessed for one suspect against one complainant."""

    suspect: str
    complainant: str
    offences: tuple[Offence, ...]
    source: str
    as_of: str  # the day time limits were counted from (the law analyser's run), dd/mm/yyyy or ""
    excluded: tuple[tuple[str, str], ...] = ()  # (statute and section, why it is not a candidate)
    aggravating: tuple[Prompt, ...] = ()
    public_interest: tuple[Prompt, ...] = ()
    # what was left out of the pair and why (drafts never sent, undated items, unattributed accounts,
    # order conditions not checked), as ``assess`` gives them: shown with the course of conduct
    notes: tuple[str, ...] = ()
    # (statute and section, what would make it a candidate) for offences that are not candidates but would
    # be were a linked account attributed to him (never counted; ``law.pending``)
    pending: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LinkView:
    """A link between two accounts with its reasons in words."""

    account_a: str
    account_b: str
    score: float  # the likelihood ratio as a probability at even prior odds, never shown alone
    log10_lr: float
    status: str
    reasons: tuple[str, ...]
    source: str
    verbal: str  # the ENFSI verbal scale the link analyser recorded; empty when the analyser gave none
    tally: str = ""  # which kinds of evidence counted, were not counted, not compared or found nothing
    review: str = ""  # the reviewer's decision, who, when and why ("rejected by … at …: …"); "" if none


@dataclass(frozen=True)
class OrderView:
    """A court order with the order that varied it (it ended then) and the order it varies."""

    order: CourtOrder
    varied_by: CourtOrder | None
    varies: int | None
    ended_by_variation: bool = False  # the variation came before its own end date: it ended then


def order_views(orders: Sequence[CourtOrder]) -> tuple[OrderView, ...]:
    """Each order beside its variations, read as the breach analyser reads them."""
    views = []
    for o in orders:
        variation = varied_by(o, orders)
        ended = variation is not None and ends_utc(o, orders) == variation.made_utc
        views.append(OrderView(o, variation, varies_order(o), ended))
    return tuple(views)


def _day(iso: object) -> str:
    """An ISO date as the report shows dates (dd/mm/yyyy); empty when it was not recorded."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if isinstance(iso, str) and iso else ""


def link_statuses(
    runs: Sequence[AnalysisRun],
    links: Sequence[LinkView],
    findings: Sequence[FindingView],
    earlier: Mapping[str, str] | None = None,
    unread: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[SectionStatus, SectionStatus]:
    """The account-link section's status, counting links and findings apart, and its findings' own."""
    by = Counter(f.finding.category for f in findings)
    kinds = ", ".join(f"{by[c]} {c.replace('_', ' ')}" for c in LINK_CATEGORIES if by[c])
    found = f"{len(findings)} finding(s)" + (f" ({kinds})" if kinds else "")
    total = len(links) + len(findings)  # links and findings counted apart, whatever the runs' state
    both = f"{len(links)} link(s) between accounts and {found}"
    status = section_status("links", runs, total, earlier, unread, both)
    own = section_status("links", runs, total, earlier, unread, found)
    return status, (replace(own, note=found.capitalize()) if own.state == "found" else own)


def section_status(
    kind: str,
    runs: Sequence[AnalysisRun],
    found: int,
    earlier: Mapping[str, str] | None = None,
    unread: Mapping[str, tuple[str, ...]] | None = None,
    counted: str = "",
) -> SectionStatus:
    """Say honestly whether the analysers behind a section ran, failed, found nothing, or did not read
    every exhibit. ``runs``: the latest run of each analyser; ``earlier``: for one whose latest run failed,
    the earlier successful run its findings shown come from (``earlier_runs``); ``unread``: the exhibits
    each analyser's latest successful run did not read (``CaseStore.not_read``); ``counted``: ``found`` in
    words naming what it counts ("12 candidate offence(s)") where the section lists something other than
    one row per finding found (default "12 found")."""
    names = SECTION_ANALYSERS[kind]
    mine = [r for r in runs if r.analyser in names]
    broken = [r for r in mine if r.status != "ok"]
    missed = {n: refs for n, refs in (unread or {}).items() if n in names}
    words = counted or f"{found} found"
    if missed and not broken:  # what they found, or not, leaves out what was added after they began
        said = words if found else _none_found(mine)
        return SectionStatus("not all read", f"{said}; {'; '.join(not_analysed(mine, missed))}")
    if found and broken:  # the findings shown are an older run's: the latest did not read the case
        said = ", ".join(f"{r.analyser} v{r.version}: {r.status}" for r in broken)
        shown = [earlier[r.analyser] for r in broken if earlier and r.analyser in earlier]
        what = f"{counted} shown" if counted else words
        return SectionStatus(
            "did not complete",
            f"did not complete ({said}); the {what} are from an earlier run"
            + (f" ({'; '.join(shown)})" if shown else "")
            + ", so what was added since was not read: run `footprint analyse` again",
        )
    if found:
        return SectionStatus("found", words)
    if any(r.status == "ok" for r in mine):
        return SectionStatus("none found", _none_found(mine))
    if mine:
        failed = ", ".join(f"{r.analyser} v{r.version}: {r.status}" for r in mine)
        return SectionStatus("did not complete", f"did not complete ({failed})")
    return SectionStatus("not run", "not run: no analyser for this section has been run on this case")


def _none_found(mine: Sequence[AnalysisRun]) -> str:
    ran = ", ".join(f"{r.analyser} v{r.version}" for r in mine if r.status == "ok")
    return f"none found ({ran} ran)"


def earlier_runs(
    runs: Sequence[AnalysisRun], exhibits: Sequence[Exhibit], unread: Mapping[str, tuple[str, ...]]
) -> dict[str, str]:
    """For each analyser whose latest run (of ``runs``, every run in id order) failed after one that did
    not: that run, in words: when it began, and the exhibits it read and those it did not (``unread``:
    by analyser, those its latest successful run did not read, ``CaseStore.not_read``)."""
    latest: dict[str, AnalysisRun] = {}
    ok: dict[str, AnalysisRun] = {}
    for run in runs:
        latest[run.analyser] = run
        if run.status == "ok":
            ok[run.analyser] = run
    out: dict[str, str] = {}
    for name, last in latest.items():
        if last.status == "ok" or name not in ok:
            continue
        missed = unread.get(name, ())
        read = [e.ref for e in exhibits if e.ref not in missed]
        out[name] = (
            f"{possessive(name)} run of {uk_display(ok[name].started_utc)}, which read"
            f" {', '.join(read) or 'no exhibit'}" + (f" and not {', '.join(missed)}" if missed else "")
        )
    return out


def item_ids_in(details: Mapping[str, object]) -> list[int]:
    """Item ids a finding's details point at (``items``, ``item_ids`` or ``item_id``)."""
    ids: list[int] = []
    for key in ("items", "item_ids", "item_id"):
        value = details.get(key)
        values = value if isinstance(value, list | tuple) else [value]
        ids.extend(v for v in values if isinstance(v, int) and not isinstance(v, bool))
    return ids


def finding_view(
    finding: Finding,
    refs: Mapping[int, Ref],
    decisions: Mapping[int, tuple[DecisionRow, ...]],
    now: str = "",
) -> FindingView:
    """A finding ready to show (``now``: see :class:`FindingView`)."""
    ids = ([finding.item_id] if finding.item_id is not None else []) + item_ids_in(finding.details)
    seen: list[int] = []
    for i in ids:
        if i not in seen and i in refs:
            seen.append(i)
    recorded = finding.analyser == RECORDED_ANALYSER
    kept = {
        k: v
        for k, v in finding.details.items()
        if k not in ("items", "item_ids", "item_id", "offences", "link")
        and not (k == "explanation" and v == finding.explanation)
        and not (finding.category == "device_indicator" and k in DEVICE_NOTE_KEYS)
        and not recorded  # who, in which role and why: the explanation says it
    }
    shown = detail_lines(finding.category, kept)
    by = recorded_by(finding)
    return FindingView(
        finding, tuple(refs[i] for i in seen), shown, decisions.get(finding.decisions_on, ()), by, now
    )


def segments(text_: str, spans: Iterable[tuple[int, int]]) -> tuple[Segment, ...]:
    """Split text into marked and unmarked runs from (possibly overlapping) character spans."""
    marks = sorted((max(0, a), min(len(text_), b)) for a, b in spans if b > a and a < len(text_))
    merged: list[list[int]] = []
    for a, b in marks:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out: list[Segment] = []
    pos = 0
    for a, b in merged:
        if a > pos:
            out.append(Segment(text_[pos:a], False))
        out.append(Segment(text_[a:b], True))
        pos = b
    if pos < len(text_) or not out:
        out.append(Segment(text_[pos:], False))
    return tuple(out)


def element_item_ids(items: object) -> list[int]:
    """Item ids behind an element: bare ids, or the law analyser's ``{"item_id": ...}`` entries (each once,
    in order)."""
    ids: dict[int, None] = {}  # not a list searched for each: 0.1 s of CPU for 6,000 items, quadratic
    for entry in items if isinstance(items, list | tuple) else []:
        value = entry.get("item_id") if isinstance(entry, Mapping) else entry
        if isinstance(value, int) and not isinstance(value, bool):
            ids[value] = None
    return list(ids)


def _attributions(items: object, ids: Sequence[int]) -> tuple[str, ...]:
    """Beside each of ``ids``: why the law analyser took that incident as his conduct, or that the item is
    a reaction ("a reaction '😂' to the message JD/1 line 1"), else ""."""
    why = {
        e["item_id"]: str(e.get("attribution") or e["reaction"])
        for e in (items if isinstance(items, list | tuple) else [])
        if isinstance(e, Mapping) and (e.get("attribution") or e.get("reaction")) and "item_id" in e
    }
    return tuple(why.get(i, "") for i in ids)


def _behind(support: object) -> tuple[int, ...]:
    """The numbers of the findings an element's items matched by (``support``: none dismissed), in order."""
    ids = {
        f.get("id")
        for entry in _list(support)
        if isinstance(entry, Mapping)
        for f in _list(entry.get("findings"))
        if isinstance(f, Mapping)
    }
    return tuple(sorted(i for i in ids if isinstance(i, int)))


def _names(incidents: object, refs: Mapping[int, Ref]) -> dict[int, str]:
    """The items a time limit runs from, as the matrix names them (exhibit reference and locator)."""
    ids = [i.get("item_id") for i in _list(incidents) if isinstance(i, Mapping)]
    return {i: f"{refs[i].exhibit} {refs[i].locator}" for i in ids if isinstance(i, int) and i in refs}


def _list(value: object) -> list[object]:
    """A detail value that should be a list (anything else reads as empty)."""
    return value if isinstance(value, list) else []


def _confirmed(support: object, findings_of: Mapping[int, Sequence[Finding]] | None) -> str:
    """How many of an element's items a person has confirmed the finding behind the element for, read
    from the findings' decisions now (a decision made after the law analyser ran counts); empty when the
    findings are not given or the assessment recorded no support (a law analyser before version 3)."""
    entries = [e for e in _list(support) if isinstance(e, Mapping)]
    if findings_of is None or not entries:
        return ""
    return confirmed_words(*count_confirmed(entries, findings_of))


def assessment(
    d: Mapping[str, object],
    source: str,
    refs: Mapping[int, Ref],
    findings_of: Mapping[int, Sequence[Finding]] | None = None,
) -> Assessment:
    """One pair's assessment (an ``assess --json`` object) as the report and the browser show it;
    ``source`` says where it came from (an analyser run, or computed as the report was built)."""
    offences = []
    for o in _list(d.get("offences")):
        if not isinstance(o, dict):
            continue
        elements = tuple(
            OffenceElement(
                id=str(e.get("id", "")),
                text=str(e.get("text", "")),
                status=str(e.get("status", "")),
                refs=tuple(refs[i] for i in element_item_ids(e.get("items")) if i in refs),
                attributions=_attributions(
                    e.get("items"), [i for i in element_item_ids(e.get("items")) if i in refs]
                ),
                missing=str(e.get("missing") or ""),
                orders=tuple(str(o) for o in e.get("orders", []) if isinstance(o, str)),
                confirmed=_confirmed(e.get("support"), findings_of),
                basis=str(e.get("basis") or ""),
                findings=_behind(e.get("support")),
                reactions=text(e.get("reactions") or ""),
                may_support=text(e.get("may_support") or ""),
                pending=tuple(text(n) for n in pending_words(e)),
            )
            for e in o.get("elements", [])
            if isinstance(e, dict)
        )
        limit = o.get("time_limit") if isinstance(o.get("time_limit"), dict) else {}
        assert isinstance(limit, dict)
        offences.append(
            Offence(
                statute=str(o.get("statute", "")),
                section=str(o.get("section", "")),
                title=str(o.get("title", "")),
                status=str(o.get("status", "")),
                elements=elements,
                time_limit_rule=text(limit.get("text") or limit.get("rule", "")),
                last_date=text(limit.get("last_date") or ""),
                last_date_words=last_date_words(limit, _names(limit.get("incidents"), refs)),
                time_limit_warning=text(limit.get("warning") or ""),
                time_limit_note=text(limit.get("note") or ""),
                mode_of_trial=text(o.get("mode_of_trial") or "").replace("_", " "),
                max_penalty=text(o.get("max_penalty") or ""),
                verification=text(o.get("verification") or ""),
                verification_text=text(o.get("verification_text") or ""),
                notes=text(o.get("notes") or ""),
            )
        )
    return Assessment(
        suspect=text(d.get("suspect", "")),
        complainant=text(d.get("complainant", "")),
        offences=tuple(offences),
        source=source,
        as_of=_day(d.get("as_of")),
        excluded=tuple(
            (text(f"{x.get('statute', '')} {x.get('section', '')}"), text(x.get("reason", "")))
            for x in _list(d.get("excluded"))
            if isinstance(x, dict)
        ),
        pending=tuple(
            (text(f"{x.get('statute', '')} {x.get('section', '')}"), text(x["pending"]))
            for x in _list(d.get("excluded"))
            if isinstance(x, dict) and x.get("pending")
        ),
        aggravating=tuple(
            Prompt(
                text=text(g.get("text", "")),
                verification=text(g.get("verification") or ""),
                verification_text=VERIFICATION_TEXT.get(str(g.get("verification")), ""),
                refs=tuple(refs[i] for i in element_item_ids(g.get("items")) if i in refs),
            )
            for g in _list(d.get("aggravating"))
            if isinstance(g, dict)
        ),
        public_interest=tuple(
            Prompt(text(p.get("text", ""))) for p in _list(d.get("public_interest")) if isinstance(p, dict)
        ),
        notes=tuple(text(n) for n in _list(d.get("notes"))),
    )


def link_evidence(evidence: Sequence[object]) -> list[object]:
    """The reasons of a link: the link analyser stores its whole record, reasons under ``evidence``."""
    out: list[object] = []
    for e in evidence:
        inner = e.get("evidence") if isinstance(e, Mapping) else None
        out.extend(inner if isinstance(inner, list) else [e])
    return out


def _linker_reason(e: Mapping[str, object]) -> str:
    """One weighed reason, as ``footprint link`` prints it: weight, kind, reason, the items it rests on."""
    weight = e.get("weight_log10")
    head = f"{weight:+.2f} " if isinstance(weight, int | float) and not isinstance(weight, bool) else ""
    kind = f"{text(e['kind'])}: " if e.get("kind") else ""
    items = e.get("items")
    where = [
        f"{i.get('exhibit')} {i.get('locator')}"
        for i in (items if isinstance(items, list) else [])
        if isinstance(i, Mapping) and i.get("exhibit")
    ]
    return f"{head}{kind}{text(e['reason'])}" + (f" [{', '.join(where)}]" if where else "")


def weighed_reason(e: object) -> TypeGuard[Mapping[str, object]]:
    """Whether a link's reason is one the link analyser weighed (kind, reason, weight, items)."""
    return isinstance(e, Mapping) and "reason" in e and "weight_log10" in e


def other_reason(e: object) -> str:
    """A reason of a link that no weight comes with (another analyser's shape), in words."""
    if not isinstance(e, Mapping):
        return text(e)
    label = e.get("reason") or e.get("explanation") or e.get("kind") or e.get("feature")
    rest = {k: v for k, v in e.items() if k not in ("reason", "explanation", "kind", "feature")}
    return f"{text(label)}" + (f" ({text(rest)})" if rest and label else text(rest))


@dataclass(frozen=True)
class LinkScale:
    """The link analyser's thresholds, read from its code so the report states what the code does."""

    bands: tuple[str, ...]  # the verbal scale, weakest first: "1 to 2: moderate support"
    store_from: float  # log10 LR from which a link is kept
    finding_from: float  # ... reported as an account_link finding
    cluster_from: float  # ... joins two accounts into one candidate person (``footprint link``)

    def words(self, log10_lr: float) -> str:
        """The band a threshold falls in ("moderate support")."""
        return next(w for bound, w in VERBAL if log10_lr >= bound)


def link_scale() -> LinkScale:
    """The verbal bands and thresholds the link analyser and ``footprint link`` use."""
    bounds = [bound for bound, _ in VERBAL][::-1]
    bands = tuple(
        f"{bound:g} to {upper:g}: {words}" if upper is not None else f"{bound:g} or more: {words}"
        for (bound, words), upper in zip(VERBAL[::-1], [*bounds[1:], None], strict=True)
    )
    return LinkScale(bands, STORE_FROM, FINDING_FROM, CLUSTER_FROM)


def link_tally(record: object) -> str:
    """Which kinds of evidence a link analyser's link counted, did not count, did not compare or found
    nothing in; empty for a link in another shape (no ``kinds``)."""
    records = record if isinstance(record, list | tuple) else [record]
    for r in records:
        if isinstance(r, Mapping) and isinstance(r.get("kinds"), Mapping):
            return kind_tally(r["kinds"], link_evidence([r])).words()
    return ""


def link_verbal(evidence: Sequence[object]) -> str:
    """The verbal scale the link analyser recorded with a link (its whole record is the evidence)."""
    said = [e["verbal"] for e in evidence if isinstance(e, Mapping) and isinstance(e.get("verbal"), str)]
    return text(said[0]) if said else ""


def link_views(rows: Sequence[LinkRow]) -> tuple[LinkView, ...]:
    """Links with their evidence turned into reasons a reader can weigh."""
    views = []
    for r in rows:
        reasons = []
        for e in link_evidence(r.evidence):
            reasons.append(_linker_reason(e) if weighed_reason(e) else other_reason(e))
        views.append(
            LinkView(
                r.account_a,
                r.account_b,
                r.score,
                r.log10_lr,
                r.status,
                tuple(reasons),
                f"{r.analyser} v{r.analyser_version}",
                link_verbal(r.evidence),
                link_tally(r.evidence),
            )
        )
    return tuple(views)
