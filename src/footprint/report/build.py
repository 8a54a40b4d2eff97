"""Build the report's data from the case: no rendering, no wall-clock, sorted and deterministic."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from footprint import TOOL_NAME, __version__
from footprint.case import Case
from footprint.ingest import parsers
from footprint.model import Account, AnalysisRun, Exhibit, Finding, Item, Person
from footprint.times import uk_display


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


@dataclass(frozen=True)
class ReportModel:
    """Everything a report shows, as plain data."""

    case_name: str
    case_zone: str
    tool: str
    tool_version: str
    schema_revision: str
    persons: list[Person]
    accounts: list[Account]
    exhibits: list[ExhibitRow]
    chronology: list[ChronologyRow]
    findings: list[Finding]
    runs: list[AnalysisRun]
    parser_versions: dict[str, int]
    warning_total: int
    audit_seq: int
    audit_head: str
    limitations: list[str] = field(default_factory=list)


def build_report(case: Case) -> ReportModel:
    """Collect the report's content from the case."""
    info = case.info
    counts = case.store.item_counts()
    warnings = case.store.warning_counts()
    exhibits = [
        ExhibitRow(e, sum(counts.get(e.id, {}).values()), counts.get(e.id, {}), warnings.get(e.id, 0))
        for e in case.store.exhibits()
    ]
    findings = case.store.findings()
    by_item: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.item_id is not None:
            by_item[f.item_id].append(f)
    chronology = [
        ChronologyRow(uk_display(item.sent_at_utc), item, tuple(by_item.get(item.id, ())))
        for item in case.store.iter_items(chronological=True)
    ]
    entries = list(case.store.audit_entries())
    runs = case.store.runs()
    limitations = [
        "Findings are opinions produced by software; none is evidence of an offence until a person"
        " has reviewed it.",
        "WhatsApp exports carry no time zone; their times were read in the zone stated per exhibit.",
    ]
    limitations += [f"Analyser {r.analyser} did not complete: {r.status}." for r in runs if r.status != "ok"]
    return ReportModel(
        case_name=info.name,
        case_zone=info.zone,
        tool=TOOL_NAME,
        tool_version=__version__,
        schema_revision=info.schema_revision,
        persons=case.store.persons(),
        accounts=case.store.accounts(),
        exhibits=exhibits,
        chronology=chronology,
        findings=findings,
        runs=runs,
        parser_versions={p.name: p.version for p in parsers},
        warning_total=sum(warnings.values()),
        audit_seq=entries[-1].seq if entries else 0,
        audit_head=entries[-1].hash if entries else "",
        limitations=limitations,
    )
