"""`footprint verify`: re-hash every original and derived copy and check the audit chain."""

from __future__ import annotations

from dataclasses import dataclass

from footprint import audit as audit_rules
from footprint import audit_head
from footprint.case import Case
from footprint.store.guards import missing_guards
from footprint.vault import sha256_file


@dataclass(frozen=True)
class VerifyReport:
    """What verification checked and what it found."""

    exhibits: int
    attachments: int
    audit_entries: int
    audit_head: str
    problems: list[str]


def verify_case(case: Case) -> VerifyReport:
    """Check every vault file against its recorded hash, the whole audit chain and its database guards."""
    case.store.require_whole("verifying the case")  # the audit chain names every exhibit
    problems: list[str] = []
    exhibits = case.store.exhibits()
    for exhibit in exhibits:
        problems.extend(_check_blob(case, exhibit.sha256, f"exhibit {exhibit.ref} ({exhibit.file_name})"))
    blobs = case.store.attachment_blobs()
    for sha256, name in blobs:
        problems.extend(_check_blob(case, sha256, f"attachment {name}"))
    entries = list(case.store.audit_entries())
    recorded, head_problems = audit_head.recorded_head(case.dir, entries)
    problems.extend(head_problems)
    problems.extend(audit_rules.verify_chain(entries, recorded))
    problems.extend(missing_guards(case.store.engine))
    head = entries[-1].hash if entries else audit_rules.GENESIS
    return VerifyReport(len(exhibits), len(blobs), len(entries), head, problems)


def _check_blob(case: Case, sha256: str, what: str) -> list[str]:
    path = case.vault.path(sha256)
    if not path.exists():
        return [f"{what}: vault copy is missing ({case.vault.relative_path(sha256)})"]
    actual, _ = sha256_file(path)
    if actual != sha256:
        return [f"{what}: vault copy has changed (SHA-256 now {actual[:12]}…, recorded {sha256[:12]}…)"]
    return []
