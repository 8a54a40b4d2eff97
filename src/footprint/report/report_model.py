"""What a report shows, as plain data: the ReportModel and its rows (built by ``report.build``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from footprint.ingest.exif_gps import location_words
from footprint.model import Account, AnalysisRun, Exhibit, Finding, Item, Person
from footprint.report import advocate
from footprint.report import sections as s
from footprint.report.continuity import ContinuityEntry
from footprint.report.disclosures import Disclosure, DisclosureRecord
from footprint.report.method import (
    NO_VALIDATION,
    ErrorRate,
    RuleSnapshot,
)
from footprint.report.redact import (
    HASH_WITHHELD,
    LeftInText,
    NameToCheck,
    RedactionEntry,
)
from footprint.report.set_aside import SetAside
from footprint.report.supersede import EarlierReport
from footprint.store.report_queries import DecisionRow


@dataclass(frozen=True)
class ExhibitRow:
    """An exhibit with its counts, for the exhibit list and integrity appendix."""

    exhibit: Exhibit
    items: int
    items_by_kind: dict[str, int]
    warnings: int


#: what marks an offline incident wherever the chronology shows one: an entry a person wrote into the case
#: (her account of what happened, an officer's note of an event) is testimony, not evidence of what a
#: device or a platform recorded, and a reader of the bundle must be able to tell the two apart
INCIDENT_ACCOUNT = "(a person's account, not a record made by a device or platform)"


def account_mark(item: Item) -> str:
    """``INCIDENT_ACCOUNT`` for an offline incident, "" for an item a device or a platform recorded."""
    return INCIDENT_ACCOUNT if item.kind == "incident" else ""


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
    def account(self) -> str:
        """``INCIDENT_ACCOUNT`` on an offline incident's row (``account_mark``), "" on any other."""
        return account_mark(self.item)

    @property
    def reported(self) -> str:
        """For an offline incident, what its row says of where it came from: "reported by Emma Clarke;
        place: Orchard Street; done by (as the row says): Daniel Reid"; for an image, where its EXIF GPS
        record says it was taken ("" for other items)."""
        if self.item.kind != "incident":
            words = location_words(self.item.details)
            return f"where taken (the image's EXIF GPS record): {words}" if words else ""
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
class ChartDay:
    """One UK day of the activity chart. A finding a person dismissed counts for nothing here."""

    day: str  # ISO date
    items: int
    flagged: int  # items with a finding on the escalation analyser's scale that is not dismissed
    severity: int  # the highest level of those findings on that scale, 0 when none
    most_serious: tuple[str, ...] = ()  # the categories of the findings at that level, sorted


@dataclass(frozen=True)
class ChartData:
    """What the charts draw: daily activity with severity, hour x weekday contact, link graph."""

    days: tuple[ChartDay, ...]
    heatmap: tuple[tuple[int, ...], ...]  # 7 weekdays x 24 hours
    heatmap_of: str
    edges: tuple[tuple[str, str, float], ...]  # account, account, log10 LR
    untimed: int = 0  # items with no time, which the activity chart cannot place


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
    # what may undermine the prosecution case or assist the defence (section 1's table)
    undermining: tuple[s.UnderminingRow, ...] = ()
    # an advocate's narrowed view: the label every part of it carries ("" for the case report)
    narrowed: str = ""
    # why this report is not in the case's audit log (made from a copy that cannot be written); "" if it is
    unrecorded: str = ""

    @property
    def head_short(self) -> str:
        """The chain head's first 16 digits, as page feet and CSV rows give it ("withheld" in a copy)."""
        return "withheld" if self.audit_head in (HASH_WITHHELD, advocate.HEAD) else self.audit_head[:16]
