"""An advocate's report while the case holds material she may not see: built, as the case report is, from
what her role reads (``store.scope``), and from nothing else. Where the report reads the case outside the
scoped queries, this narrows it: the reviewers' decisions on the findings she sees, the links she sees,
the hashes of her items. What rests on the whole case is left out and said to be (the offence matrix,
court orders, the audit log's continuity, disclosures and earlier reports); what would count it is not
given (the audit entry's number, the case's item and finding ids: hers are numbered from 1,
``footprint.her_numbers``); the row checks
are `verify`'s narrowed checks (``integrity.narrowed``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from footprint.advocate_view import NO_ASSESSMENT, their_reason, without_their_reason
from footprint.case import Case
from footprint.errors import VerificationError
from footprint.her_numbers import HerNumbers
from footprint.integrity.narrowed import NOT_CHECKED, gap_lines, verify_narrowed
from footprint.integrity.verdicts import RowCheck
from footprint.model import AnalysisRun, Finding
from footprint.report.sections import SectionStatus
from footprint.store import CaseStore, scope
from footprint.store.case_store import last_audit_entry
from footprint.store.report_queries import DecisionRow, LinkRow

#: the offence matrix's status line in her report
OFFENCES = SectionStatus(
    "not assessed", f"not assessed in the advocate's view: {NO_ASSESSMENT}, so none is made from her material"
)
#: the audit chain's head in her report: it covers entries on exhibits she may not see
HEAD = "not shown in the advocate's view (it covers entries on exhibits this role may not see)"
#: an analyser's error text may name what it was reading
RUN_ERROR = "its message is not shown in the advocate's view"
#: what her report is as at: the audit entry's number would count what the whole case has recorded
AS_AT = "an audit entry whose number is not shown in the advocate's view"
#: what a section with nothing of hers says: the case may hold findings on what she may not see
LEFT_OUT = "findings resting on material this role may not see are left out"


def checked(case: Case) -> RowCheck:
    """`verify`'s narrowed checks on ``case`` (the report's snapshot): any problem stops her report, as a
    row problem stops the officer's."""
    found = verify_narrowed(case)
    if found.problems:
        raise VerificationError(
            [f"{p}; no report was written — run footprint verify on the case" for p in found.problems]
        )
    return RowCheck(notes=[NOT_CHECKED])


def gaps(case: Case) -> tuple[str, ...]:
    """What her report says of gaps in the audit log that a deciding user accepted: that there is one
    (``integrity.narrowed.GAP``), nothing that counts or names."""
    return gap_lines(CaseStore(case.store.unscoped_engine).audit_entries())


def audit_seq(case: Case) -> int:
    """The number of the audit log's last entry: the moment her report is as at (recorded in its audit
    entry, never shown to her: ``as_at``)."""
    with case.store.unscoped_engine.connect() as conn:
        return (last_audit_entry(conn) or (0, ""))[0]


def as_at(narrowed: str, seq: int) -> str:
    """What a report is as at: ``audit entry 37``, or in her view (``narrowed``: its label) the entry
    unnumbered, since its number counts what the whole case has recorded."""
    return AS_AT if narrowed else f"audit entry {seq}"


def decisions(
    rows: Iterable[DecisionRow], findings: Sequence[Finding], numbers: HerNumbers, actor: str
) -> list[DecisionRow]:
    """The reviewers' decisions on the findings she sees (``findings``, from :func:`findings`), each on
    the finding's number in her view, the reasons of those not hers (``actor``'s) not shown."""
    shown = {f.decisions_on for f in findings} | {f.id for f in findings}
    return [
        replace(
            d,
            finding_id=numbers.findings[d.finding_id],
            reason=their_reason(d.user, d.reason, actor),
        )
        for d in rows
        if numbers.findings.get(d.finding_id) in shown
    ]


def findings(found: Iterable[Finding], actor: str, numbers: HerNumbers) -> list[Finding]:
    """The findings she sees under her numbers (``footprint.her_numbers``: a finding's or an item's id in
    the case counts what she may not see); the reason of one another person recorded not shown (who
    recorded it is)."""
    return [numbers.finding(without_their_reason(f, actor)) for f in found]


def statuses(found: Mapping[str, SectionStatus]) -> dict[str, SectionStatus]:
    """Each section's status, "none found" saying that what rests on what she may not see is left out."""
    return {
        k: SectionStatus(v.state, f"{v.note}; {LEFT_OUT}") if v.state == "none found" else v
        for k, v in found.items()
    }


def links(case: Case, rows: Sequence[LinkRow]) -> list[LinkRow]:
    """The links she sees: both accounts and every item behind the link (``store.links.visible_links``)."""
    with case.store.unscoped_engine.connect() as conn:
        hidden = case.store.withheld_account_keys(conn)
        seen = scope.visible_items(conn, (i for x in rows for i in scope.rests_on(list(x.evidence))))
    return [
        x
        for x in rows
        if not {x.account_a, x.account_b} & hidden and set(scope.rests_on(list(x.evidence))) <= seen
    ]


def item_hashes(recorded: Mapping[int, str], numbers: HerNumbers) -> dict[int, str]:
    """The recorded SHA-256 of her items only, by her numbers."""
    return {n: recorded[i] for i, n in numbers.items.items() if i in recorded}


def runs(found: Sequence[AnalysisRun]) -> list[AnalysisRun]:
    """The analyser runs without their error text."""
    return [replace(r, error=RUN_ERROR) if r.error else r for r in found]
