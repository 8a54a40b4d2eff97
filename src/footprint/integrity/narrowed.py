"""`verify` as an advocate runs it while exhibits are withheld from her: her exhibits' originals and
attachments re-hashed and named, the others re-hashed and said to match or not, and the audit chain checked
whole and said to be intact or not (its entries name every exhibit). The one count of what she may not see
is the number of exhibits withheld (the label's N): the withheld attachments, the audit chain's length and
its problems are not counted, since they tell how much the case holds beyond her material. What `verify`
checks beyond these (every row against the audit entry that wrote it, the report outputs, strays in the
vault) reads what she may not see, and is left to the officer in the case's `verify`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from footprint import audit as audit_rules
from footprint import audit_head
from footprint.case import Case
from footprint.integrity import check_blob, head_as_at
from footprint.integrity.restore_gaps import restore_gaps
from footprint.model import AuditEntry
from footprint.store import CaseStore

#: what is left to the officer in the case's own `verify`
NOT_CHECKED = (
    "not checked in this view: the rows, the report outputs and the vault's other files against the"
    " audit entries that wrote them (they name exhibits this role may not see); the officer in the case's"
    " footprint verify checks them"
)

#: what her view says of a gap in the audit log that a deciding user accepted (`case accept-restore`):
#: that there is one, and not how many entries it lost, when, who accepted it or why (the numbers count
#: what the case has recorded; the reason and the files kept may name what she may not see)
GAP = (
    "the audit log has a gap: audit entries were lost when the case's database was restored from an older"
    " state, and what they recorded (exhibits, decisions, findings) is not in the case; a deciding user"
    " accepted it. When, how much and why are not shown in the advocate's view (they count and name"
    " what the case holds); the officer in the case's footprint verify names each gap"
)


def gap_lines(entries: Iterable[AuditEntry]) -> tuple[str, ...]:
    """:data:`GAP` once if the audit log ``entries`` record any accepted gap (however many), else none."""
    return (GAP,) if restore_gaps(entries) else ()


@dataclass(frozen=True)
class NarrowedVerify:
    """What an advocate's `verify` checked: hers by name, the withheld only as the label's count."""

    exhibits: int  # hers, re-hashed
    attachments: int  # the attachments of her items, re-hashed
    withheld: (
        int  # exhibits she may not see, re-hashed and counted (their attachments re-hashed, not counted)
    )
    audit_head: str  # recorded in the audit log, never shown to her
    problems: list[str]
    gaps: tuple[str, ...] = ()  # GAP once if the audit log has an accepted gap

    def summary(self) -> str:
        """The line `verify` prints when nothing is wrong."""
        return (
            f"OK: {self.exhibits} exhibit(s) the complainant supplied and {self.attachments} attachment(s)"
            f" of theirs match their SHA-256; the {self.withheld} other exhibit(s), held by the police and"
            " not shown to this role, and their attachments also match theirs; audit chain intact"
            + ("; the audit log has an accepted gap, named in the GAP line above" if self.gaps else "")
        )


def verify_narrowed(case: Case) -> NarrowedVerify:
    """:func:`checked_narrowed` on the case read in one transaction (``Case.snapshot``)."""
    with case.snapshot() as frozen:
        return checked_narrowed(frozen)


def checked_narrowed(case: Case) -> NarrowedVerify:
    """Re-hash every original and vaulted attachment and check the audit chain, naming only what
    ``case``'s role may see; the rest is counted (``case``: read as at one moment, a snapshot)."""
    hers = case.store.exhibits()
    her_blobs = case.store.attachment_blobs()
    whole = CaseStore(case.store.unscoped_engine)  # only counted below: never named
    every = whole.exhibits()
    every_blob = whole.attachment_blobs()
    entries = list(whole.audit_entries())
    problems: list[str] = []
    for exhibit in hers:
        problems.extend(
            check_blob(case.vault, exhibit.sha256, f"exhibit {exhibit.ref} ({exhibit.file_name})")
        )
    mine = {sha256 for sha256, _ in her_blobs}
    for sha256, name in her_blobs:
        problems.extend(check_blob(case.vault, sha256, f"attachment {name}"))
    shown = {e.id for e in hers}
    others = [e.sha256 for e in every if e.id not in shown]
    other_blobs = sorted({sha256 for sha256, _ in every_blob} - mine)
    bad = sum(1 for sha256 in others if check_blob(case.vault, sha256, ""))
    bad_blobs = sum(1 for sha256 in other_blobs if check_blob(case.vault, sha256, ""))
    if bad or bad_blobs:
        problems.append(
            "exhibits or attachments not shown to this role are missing from the vault or no longer match"
            " their recorded SHA-256; the officer in the case must run footprint verify"
        )
    recorded, head_problems = audit_head.recorded_head(case.dir, entries)
    chain = [*head_problems, *audit_rules.verify_chain(entries, head_as_at(case, entries, recorded))]
    if chain:
        problems.append(
            "the audit chain has problems, not described or counted here (its entries name exhibits this"
            " role may not see); the officer in the case must run footprint verify"
        )
    return NarrowedVerify(
        exhibits=len(hers),
        attachments=len(her_blobs),
        withheld=len(others),
        audit_head=entries[-1].hash if entries else audit_rules.GENESIS,
        problems=problems,
        gaps=gap_lines(entries),
    )
