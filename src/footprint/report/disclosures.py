"""The disclosure log (DPA 2018 s.62-style): each disclosure copy, to whom, when, why, on whose authority."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from footprint.model import AuditEntry

COPY = "reports/disclosure/"
COPY_BUNDLE = "reports/disclosure-bundle.zip"
FULL_BUNDLE = "reports/bundle.zip"
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
    full_bundle: bool = False  # a full bundle.zip (the case's own export), not a disclosure copy


@dataclass(frozen=True)
class BundleMade:
    """The full bundle written with a report: with the original files or only their hashes, and who
    receives it and why (named without ``--redact``; with it, they are the disclosure copy's)."""

    hashes_only: bool
    recipient: str = ""
    justification: str = ""


def disclosure_problem(redact: bool, recipient: str, justification: str, bundle: bool = False) -> str | None:
    """What a disclosure copy, or a full bundle given to someone, lacks to be logged, in the command
    line's words; ``None`` if nothing. A full bundle (``bundle`` without ``redact``) may name no one: it
    is then written for the case's own file, and the disclosure log says its recipient is not recorded."""
    to, why = bool(recipient.strip()), bool(justification.strip())
    if not redact and not bundle:
        if to or why:
            return (
                "--disclosure-to and --justification need --redact or --bundle: they say who receives the"
                " disclosure copy or the bundle, and why"
            )
        return None
    what = "the disclosure copy" if redact else "the bundle"
    if redact and not to and not why:
        return (
            "--redact needs --disclosure-to NAME and --justification TEXT: who receives the disclosure copy"
            " and why"
        )
    if to and not why:
        return f"--disclosure-to needs --justification TEXT: why {what} is given to its recipient"
    if why and not to:
        return f"--justification needs --disclosure-to NAME: who receives {what}"
    return None


def described(as_at: object, files: int | None = None, bundle: bool = False) -> str:
    """The disclosure copy in words: as at which audit entry, how many files, with its bundle or not."""
    out = "disclosure copy" + (f" as at audit entry {as_at}" if isinstance(as_at, int) else "")
    if files is not None:
        out += f" ({files} file{'' if files == 1 else 's'})"
    return out + (f" and {COPY_BUNDLE}" if bundle else "")


def bundle_described(as_at: object, hashes_only: bool | None) -> str:
    """A full bundle in words: as at which audit entry, with the original files or only their hashes
    (``None``: written before reports recorded which)."""
    if hashes_only is None:
        how = " (whether with the original files was not recorded)"
    else:
        how = " (exhibit hashes, not the originals)" if hashes_only else " (with the original files)"
    return FULL_BUNDLE + (f" as at audit entry {as_at}" if isinstance(as_at, int) else "") + how


def disclosures(entries: Sequence[AuditEntry]) -> tuple[DisclosureRecord, ...]:
    """Every ``report`` entry that wrote a disclosure copy or a full bundle (with the original files or
    their hashes), in audit order; a full bundle's recipient is recorded only when it was named without
    ``--redact`` (with it, the recipient is the disclosure copy's)."""
    out = []
    for entry in entries:
        if entry.action != "report":
            continue
        details = json.loads(entry.details or "{}")
        outputs = details.get("outputs", {})
        files = sum(1 for name in outputs if name.startswith(COPY))
        to, why = str(details.get("disclosed_to") or ""), entry.justification
        as_at = details.get("as_at_audit_entry")
        if files:
            out.append(_record(entry, to, why, described(as_at, files, COPY_BUNDLE in outputs)))
            to = why = ""
        if FULL_BUNDLE in outputs:
            options = details.get("options")  # not a dict: written before reports recorded their options
            hashes_only = bool(options.get("hashes_only")) if isinstance(options, dict) else None
            out.append(_record(entry, to, why, bundle_described(as_at, hashes_only), full_bundle=True))
    return tuple(out)


def _record(entry: AuditEntry, to: str, why: str, what: str, full_bundle: bool = False) -> DisclosureRecord:
    """One disclosure written at ``entry``, to ``to`` (recipient) for ``why``, each "not recorded" when
    not given."""
    return DisclosureRecord(
        seq=entry.seq,
        at_utc=entry.at_utc,
        actor=entry.actor,
        role=entry.role,
        recipient=to or NOT_RECORDED,
        justification=why or NOT_RECORDED,
        full_bundle=full_bundle,
        what=what,
    )
