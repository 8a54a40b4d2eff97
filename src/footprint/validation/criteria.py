"""The acceptance criteria a validation run checks, and the outcome of checking one.

The identifiers are stable: ``docs/validation/acceptance-criteria.md`` describes each one, the risk it
controls and how it is measured, and a test checks that the two lists agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: every criterion: identifier -> what it requires (sub-checks share their criterion's identifier
#: before the slash, e.g. ``AC-01/whatsapp``)
CRITERIA: dict[str, str] = {
    "AC-01": "Every synthetic export in a supported format is read back exactly: every record, its sender,"
    " its UTC time and its text, with no warning",
    "AC-02": "Times are read in the right zone: BST and GMT converted to UTC, a repeated local hour warned"
    " about, an undecidable day/month order inferred and recorded, UK local time shown with its offset",
    "AC-03": "No record is silently dropped: a record that cannot be fully read is kept, with a stored"
    " warning holding its raw text",
    "AC-04": "The demo case is read exactly: every item of its answer key, with its sender, its UK local time"
    " and its text; no item is missing or extra",
    "AC-05": "Detection on the demo case: micro-averaged precision and recall of at least 0.90 against the"
    " answer key's labels (figures per category are stated)",
    "AC-06": "Account linkage on the demo case: the suspect's accounts are joined by links reported as"
    " findings (moderate support or more) and none of the complainant's accounts is joined to them",
    "AC-07": "Offence assessment on the demo case names every offence the answer key expects (any further"
    " candidate offences are stated)",
    "AC-08": "Determinism: the same inputs twice give identical item hashes, findings and report files"
    " (recorded wall-clock times and audit-chain hashes aside)",
    "AC-09": "Integrity: verify passes an untouched case and names a changed original, a changed audit"
    " entry, a removed audit entry and a removed append-only guard",
    "AC-10": "A failed add leaves the case exactly as it was (database, vault and audit head)",
    "AC-11": "Phone check against the built-in indicators: a listed stalkerware app is a strong finding"
    " naming the app and its indicator source, a monitoring app is not strong, ordinary apps give nothing"
    " (and alone say that no match does not mean the phone is clean), and findings record the snapshot"
    " hash and attribution",
}
MIN_PRECISION = 0.90
MIN_RECALL = 0.90


@dataclass(frozen=True)
class Outcome:
    """The result of checking one criterion (or one part of it): what was found, and what failed."""

    id: str
    passed: bool
    evidence: dict[str, Any]
    failures: tuple[str, ...] = field(default=())

    @property
    def requirement(self) -> str:
        """What the criterion requires (from ``CRITERIA``)."""
        return CRITERIA[self.id.split("/", 1)[0]]


def outcome(id: str, evidence: dict[str, Any], failures: list[str]) -> Outcome:
    """An outcome that passes exactly when nothing failed."""
    return Outcome(id, not failures, evidence, tuple(failures))
