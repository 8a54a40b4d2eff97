"""The disclosure log (DPA 2018 s.62-style): each disclosure copy, to whom, when, why, on whose authority."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from footprint.model import AuditEntry

COPY = "reports/disclosure/"
COPY_BUNDLE = "reports/disclosure-bundle.zip"
NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class Disclosure:
    """Who a disclosure copy is given to and why (asked for whenever one is written)."""

    recipient: str
    justification: str


@dataclass(frozen=True)
class DisclosureRecord:
    """One disclosure copy written: its audit entry (``None``: this report's own), who, to whom, why, what."""

    seq: int | None
    at_utc: str
    actor: str
    role: str
    recipient: str
    justification: str
    what: str


def disclosure_problem(redact: bool, recipient: str, justification: str) -> str | None:
    """What a disclosure copy lacks to be logged, in the command line's words; ``None`` if nothing."""
    to, why = bool(recipient.strip()), bool(justification.strip())
    if not redact:
        if to or why:
            return (
                "--disclosure-to and --justification need --redact: they say who receives the disclosure copy"
                " and why"
            )
        return None
    if not to and not why:
        return (
            "--redact needs --disclosure-to NAME and --justification TEXT: who receives the disclosure copy"
            " and why"
        )
    if not why:
        return "--disclosure-to needs --justification TEXT: why the disclosure copy is given to its recipient"
    if not to:
        return "--justification needs --disclosure-to NAME: who receives the disclosure copy"
    return None


def described(as_at: object, files: int | None = None, bundle: bool = False) -> str:
    """The disclosure copy in words: as at which audit entry, how many files, with its bundle or not."""
    out = "disclosure copy" + (f" as at audit entry {as_at}" if isinstance(as_at, int) else "")
    if files is not None:
        out += f" ({files} file{'' if files == 1 else 's'})"
    return out + (f" and {COPY_BUNDLE}" if bundle else "")


def disclosures(entries: Sequence[AuditEntry]) -> tuple[DisclosureRecord, ...]:
    """Every ``report`` entry that wrote a disclosure copy, in audit order."""
    out = []
    for entry in entries:
        if entry.action != "report":
            continue
        details = json.loads(entry.details or "{}")
        outputs = details.get("outputs", {})
        files = sum(1 for name in outputs if name.startswith(COPY))
        if not files:
            continue
        out.append(
            DisclosureRecord(
                seq=entry.seq,
                at_utc=entry.at_utc,
                actor=entry.actor,
                role=entry.role,
                recipient=str(details.get("disclosed_to") or NOT_RECORDED),
                justification=entry.justification or NOT_RECORDED,
                what=described(details.get("as_at_audit_entry"), files, COPY_BUNDLE in outputs),
            )
        )
    return tuple(out)
