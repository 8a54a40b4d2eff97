"""What the review pages show, built from the store and the review service (no web framework here)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

from footprint.advocate_view import their_reason, without_their_reason
from footprint.analyse.conduct.escalation_now import escalation_now
from footprint.analyse.detect.analyser import language_line, read_words
from footprint.analyse.law.assess import assess_case
from footprint.case import Case
from footprint.clock_flags import clock_notes, flagged
from footprint.device.attribution import STRENGTH_HEADINGS
from footprint.errors import InputError, NotFoundError
from footprint.ingest.exif_gps import location_words
from footprint.language import Unread, unread_in
from footprint.model import Exhibit, Finding, Item, SearchHit
from footprint.report.sections import Assessment, Ref, Segment, assessment, item_ids_in, segments
from footprint.review import DECISIONS
from footprint.review.counting import count_once
from footprint.review.decisions import shown_history
from footprint.review.record import recordable_categories, recorded_by
from footprint.store.decisions import StoredDecision
from footprint.store.links import visible_links
from footprint.store.paged import FindingSlice, Seek
from footprint.store.scope import rests_on
from footprint.times import today, uk_display
from footprint.web.ids import Names

# the list's status filter: every finding, those nobody has decided on yet, a state (the latest confirm or
# dismiss), or those with a note (which sets no state)
STATUSES = ("all", "unreviewed", *DECISIONS.values())
#: findings on one page of the list of findings; messages on one page of the list of an exhibit's
#: messages, and of a search's hits
PAGE_SIZE = 200
#: the longest search of the messages taken (characters): a few words or a quoted phrase
MAX_QUERY = 500


class MatchedPages:
    """Where one page (``page``, from 1) stands among the ``matched`` records of a list paged
    ``PAGE_SIZE`` at a time."""

    page: int
    matched: int

    @property
    def first(self) -> int:
        """The position among the matching records of the first one on this page (from 1)."""
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def more(self) -> bool:
        """Whether a next page has records."""
        return self.page * PAGE_SIZE < self.matched

    @property
    def pages(self) -> int:
        """How many pages the matching records fill (at least one)."""
        return max(1, -(-self.matched // PAGE_SIZE))


@dataclass(frozen=True)
class FindingList(MatchedPages):
    """One page of the findings that match the list's filters, with how many match and the counts the
    filter offers."""

    findings: list[Finding]  # this page's
    categories: list[tuple[str, int]]  # every category with its count, each message once (for the filter)
    category: str | None
    status: str
    listed: int  # every finding of the latest runs, those on copies too
    total: int  # counted with each message once, as the report counts them
    matched: int  # the findings the filters match, on every page
    page: int = 1
    copies: dict[int, str] = field(
        default_factory=dict
    )  # item id -> the first item it repeats ("JD/1 line 2")

    @property
    def on_copies(self) -> int:
        """How many of the findings shown are on copies of messages in earlier exhibits."""
        return sum(1 for f in self.findings if f.item_id in self.copies)


@dataclass(frozen=True)
class FindingPage:
    finding: Finding
    item: Item | None
    segments: tuple[Segment, ...]
    decisions: list[StoredDecision]
    linked: list[Item]  # the items a case-level finding (course of conduct, escalation) rests on
    # an offence assessment, offence by offence and element by element, as `footprint assess` computes it now
    assessment: Assessment | None = None
    link_id: int | None = None  # an account-link finding's link in the latest link run, to review there
    recorded_by: str = ""  # "NAME (ROLE)" when a person recorded the finding (footprint record)
    copy_of: str = ""  # the earlier exhibit's item its message repeats ("JD/1 line 2"), where it counts
    # an escalation whose change point counted a finding dismissed since: what stands now (escalation_now)
    now: str = ""

    @property
    def device(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """A device finding's grading, indicators, licences, safety note and limitations, as `device
        check` and the report give them (label, lines); none for any other finding."""
        if self.finding.category != "device_indicator":
            return ()
        details = self.finding.details
        strength = str(details.get("strength", ""))
        indicators = str(details.get("indicators") or "none loaded (Footprint's own checks only)")
        snapshot = details.get("indicator_snapshot")
        rows = [
            ("Strength", (STRENGTH_HEADINGS.get(strength, strength or "not graded"),)),
            ("Indicator source", (str(details.get("indicator_source") or "Footprint's own checks"),)),
            ("Indicators", (indicators + (f", snapshot {snapshot}" if snapshot else ""),)),
            ("Commits", _lines(details.get("indicator_commits")) or ("none recorded",)),
            ("Attribution", _lines(details.get("attribution"))),
            ("Safety", (str(details.get("safety") or ""),)),
            ("Limitations", _lines(details.get("limitations"))),
        ]
        return tuple((label, lines) for label, lines in rows if any(lines))


def _lines(value: object) -> tuple[str, ...]:
    """A detail's list of lines (none when it holds no list)."""
    return tuple(str(x) for x in value) if isinstance(value, list) else ()


@dataclass(frozen=True)
class ItemPage:
    item: Item
    findings: list[Finding]  # on this item, of the latest runs, and those people recorded
    categories: tuple[str, ...]  # what a person may record on it (as `footprint record`)
    unread: Unread | None  # the language or script it looks partly written in, which detection does not read

    @property
    def location(self) -> str:
        """Where an image says it was taken (its EXIF GPS record), in words; "" when it says nothing."""
        return location_words(self.item.details)


def finding_list(
    case: Case, category: str | None, status: str, page: int = 1, seek: Seek | None = None
) -> FindingList:
    """Page ``page`` (from 1) of the findings of the latest runs, narrowed to one category and one review
    status: filtered, ordered and paged in the database (``store.paged``). With ``seek`` (the page's links
    give it) the page is read from the finding it names, so a late page costs what the first does:
    ``page`` then only numbers it (the last page, read back from the end, holds what the pages before it
    leave)."""
    if status not in STATUSES:
        raise InputError(f"status {status!r} is not known; use one of {', '.join(STATUSES)}")
    counts, copied = case.store.finding_categories()
    listed = counts.total() + len(copied)  # every finding, those on copies too
    _, once = count_once(copied, case.store.copy_refs())  # as the report counts them
    counts.update(f.category for f in once)
    if category and category not in counts:
        raise NotFoundError(f"no findings of category {category!r} in this case")
    shown = case.store.finding_slice(category or None, status, (page - 1) * PAGE_SIZE, PAGE_SIZE, seek)
    if seek is not None and seek.finding_id is None:  # the last page
        left = shown.matched - (page - 1) * PAGE_SIZE
        found = shown.findings[-left:] if 0 < left <= PAGE_SIZE else []
        shown = FindingSlice(found, shown.matched)
    if (page > 1 or seek is not None) and not shown.findings:
        raise NotFoundError(f"there is no page {page}; open the list of findings")
    return FindingList(
        _her_view(case, shown.findings),
        sorted(counts.items()),
        category or None,
        status,
        listed,
        counts.total(),
        shown.matched,
        page,
        case.store.copies_of(),
    )


def finding_page(case: Case, finding_id: int) -> FindingPage:
    """One finding with the message it is about, its evidence marked, and every decision on it."""
    found = case.store.findings(finding_id=finding_id)
    if not found:
        raise NotFoundError(
            f"no finding {finding_id} in the latest analyser runs of this case; open the list of findings"
        )
    finding = _her_view(case, found)[0]
    items = _flagged(case, [finding.item_id]) if finding.item_id is not None else []
    item = items[0] if items else None
    marked = segments(item.text or "", finding.spans) if item else ()
    ids = item_ids_in(finding.details)  # course_of_conduct writes `item_ids`, a recorded finding `items`
    linked = case.store.items_by_id(ids) if ids else []
    assessment = _assessment(case, finding) if finding.category == "offence_assessment" else None
    link_id = _link_id(case, finding) if finding.category == "account_link" else None
    # what stands now rests on the findings dismissed since (a few), not on every finding of the case
    dismissed = (
        case.store.finding_slice(None, "dismissed").findings if finding.category == "escalation" else []
    )
    now = escalation_now(case, [finding, *dismissed]).get(finding.id, "") if dismissed else ""
    return FindingPage(
        finding,
        item,
        marked,
        _her_history(case, shown_history(case, finding)),
        linked,
        assessment,
        link_id,
        recorded_by(finding),
        case.store.copies_of().get(finding.item_id, "") if finding.item_id is not None else "",
        now,
    )


def _her_view(case: Case, found: list[Finding]) -> list[Finding]:
    """The findings as the acting user sees them: to a role that sees part of the case (an advocate), a
    finding another person recorded says who did and not their reason, which may name what she may not
    see (``advocate_view``, as her report shows it)."""
    if not case.store.supplied_only:
        return found
    return [without_their_reason(f, case.settings.actor) for f in found]


def _her_history(case: Case, found: list[StoredDecision]) -> list[StoredDecision]:
    """The decisions on a finding as the acting user sees them: to an advocate, who decided and when, the
    reasons of those not hers not shown (``advocate_view``, as her report shows them)."""
    if not case.store.supplied_only:
        return found
    actor = case.settings.actor
    return [replace(d, reason=their_reason(d.user, d.reason, actor)) for d in found]


@dataclass(frozen=True)
class ItemList:
    """One page of one exhibit's items, in file order, with how many findings each has."""

    exhibits: list[Exhibit]  # every exhibit the user may see, to choose from
    exhibit: str  # the one listed ("" when there is none)
    items: list[Item]
    findings: dict[int, int]  # item id -> findings on it (latest runs and recorded)
    page: int
    more: bool  # whether a next page has items
    copies: dict[int, str]  # item id -> the first item it repeats ("JD/1 line 2")
    unread: dict[int, str]  # item id -> the language or script detection does not read in it ("Han script")
    language: str  # the latest detect run's line naming this exhibit's messages not in English, or ""

    @property
    def first(self) -> int:
        """The position in the exhibit of the first item on this page (from 1)."""
        return (self.page - 1) * PAGE_SIZE + 1


@dataclass(frozen=True)
class ItemSearch:
    """One page of the items a search finds in every exhibit the user may see (or in one of them), in
    time order, with how many it finds in all (as ``footprint search`` finds them)."""

    exhibits: list[Exhibit]  # every exhibit the user may see (to list one of them instead)
    query: str
    within: str  # the exhibit searched ("" for every exhibit the user may see)
    total: int  # every item the search finds
    hits: list[SearchHit]  # this page's, with the words found marked « »
    items: dict[int, Item]  # the hits' items, by id
    findings: dict[int, int]  # item id -> findings on it (latest runs and recorded)
    page: int
    copies: dict[int, str]  # item id -> the first item it repeats ("JD/1 line 2")

    @property
    def first(self) -> int:
        """The position among the hits of the first hit on this page (from 1)."""
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def more(self) -> bool:
        """Whether a next page has hits."""
        return self.page * PAGE_SIZE < self.total


def _check_query(query: str) -> None:
    """Refuse a search of the messages that is empty, too long or holds a control character (the
    refusal never echoes it)."""
    if not query.strip():
        raise InputError('the search is empty; type words or a quoted phrase, e.g. "new number"')
    if len(query) > MAX_QUERY:
        raise InputError(
            f"the search is {len(query)} characters long; search for at most {MAX_QUERY}"
            " (a few words or a phrase)"
        )
    control = next((c for c in query if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        raise InputError(f"the search holds a control character (U+{ord(control):04X}); search without it")


def item_search(case: Case, query: str, page: int, exhibit_ref: str = "") -> ItemSearch:
    """Page ``page`` (from 1) of the items ``query`` finds (in exhibit ``exhibit_ref`` alone unless it is
    empty), searched as ``footprint search`` does."""
    _check_query(query)
    exhibits = case.store.exhibits()
    _check_exhibit(exhibits, exhibit_ref)
    within = exhibit_ref or None
    total = case.store.search_count(query, within)
    hits = case.store.search(query, PAGE_SIZE, (page - 1) * PAGE_SIZE, within)
    if page > 1 and not hits:
        raise _past_the_end(page)
    items = {i.id: i for i in _flagged(case, [h.item_id for h in hits])}
    counts = case.store.finding_counts(list(items))
    return ItemSearch(exhibits, query, exhibit_ref, total, hits, items, counts, page, case.store.copies_of())


def _check_exhibit(exhibits: list[Exhibit], exhibit_ref: str) -> None:
    """Refuse an exhibit the user cannot see (none, or one withheld from them) in the same words."""
    if exhibit_ref and exhibit_ref not in {e.ref for e in exhibits}:
        raise NotFoundError(f"there is no exhibit {exhibit_ref!r}; open the list of messages")


def item_list(case: Case, exhibit_ref: str, page: int) -> ItemList:
    """Page ``page`` (from 1) of the items of ``exhibit_ref`` (the first exhibit when empty), with or
    without findings: a finding can be recorded on any of them."""
    exhibits = case.store.exhibits()
    refs = [e.ref for e in exhibits]
    ref = exhibit_ref or (refs[0] if refs else "")
    _check_exhibit(exhibits, exhibit_ref)
    window = case.store.item_window(ref, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1) if ref else []
    if page > 1 and not window:
        raise _past_the_end(page)
    shown = _flag(case, window[:PAGE_SIZE])
    counts = case.store.finding_counts([i.id for i in shown])
    unread = {i.id: u.name for i in shown if (u := unread_in(read_words(i)))}
    more, copies = len(window) > PAGE_SIZE, case.store.copies_of()
    return ItemList(exhibits, ref, shown, counts, page, more, copies, unread, _language_line(case, ref))


def _language_line(case: Case, ref: str) -> str:
    """The latest detect run's line naming exhibit ``ref``'s messages not in English ("" for none): not
    to a role that sees what the complainant supplied, whose item ids it does not use."""
    return "" if case.store.supplied_only else language_line(case, ref).removeprefix(f"{ref}: ")


def last_seen(decisions: list[StoredDecision], names: Names) -> str:
    """What a finding's decision form carries: the latest decision shown, as ``names`` names it ("" for
    none)."""
    return names("decision", decisions[-1].id) if decisions else ""


def _past_the_end(page: int) -> NotFoundError:
    """A page after the last, refused in the words of a page that is no number (``addresses.page_id``)."""
    return NotFoundError(f"there is no page {page}; open the list of messages")


def item_page(case: Case, item_id: int) -> ItemPage:
    """One item with the findings on it, and what a person may record on it."""
    found = _flagged(case, [item_id])
    if not found:
        raise NotFoundError(f"there is no item {item_id}; open the list of findings")
    listed = case.store.findings(items=[item_id])
    return ItemPage(found[0], listed, recordable_categories(), unread_in(read_words(found[0])))


def _flagged(case: Case, ids: list[int]) -> list[Item]:
    """The items, each flagged when its time fell in a clock change (as the report and `items` show)."""
    return _flag(case, case.store.items_by_id(ids))


def _flag(case: Case, found: list[Item]) -> list[Item]:
    """``found``, each flagged when its time fell in a clock change."""
    notes = {k: v for ref in {i.exhibit for i in found} for k, v in clock_notes(case, ref).items()}
    return [flagged(i, notes) for i in found]


def _link_id(case: Case, finding: Finding) -> int | None:
    """The link an ``account_link`` finding reports (its details hold the link analyser's record)."""
    record = finding.details.get("link")
    pair = {record.get("a"), record.get("b")} if isinstance(record, dict) else set()
    return next((x.id for x in visible_links(case.store) if {x.a, x.b} == pair), None)


def _assessment(case: Case, finding: Finding) -> Assessment | None:
    """The offences of an ``offence_assessment`` finding's suspect and complainant as ``footprint assess``
    computes them now, as the report's matrix does (``report.build``): the review decisions as they are
    now decide which evidence counts (a finding dismissed since the law analyser ran is not cited), and
    time limits count from today. None when the two are no longer a pair the case assesses."""
    result = assess_case(case, today(case.info.zone))
    pair = (finding.details.get("suspect"), finding.details.get("complainant"))
    found = next((p for p in result["assessments"] if (p["suspect"], p["complainant"]) == pair), None)
    if found is None:
        return None
    details = {**found, "as_of": result["as_of"]}
    ids = sorted(set(rests_on(details)))
    refs = {
        i.id: Ref(
            i.id, i.exhibit, i.locator, uk_display(i.sent_at_utc, time_known=i.time_known, fraction=True)
        )
        for i in (case.store.items_by_id(ids) if ids else [])
    }
    found = case.store.findings(items=ids) if ids else []
    findings_of = {i: [f for f in found if f.item_id == i] for i in ids}
    return assessment(details, "as footprint assess computes it now", refs, findings_of)
