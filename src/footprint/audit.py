"""The append-only, hash-chained audit log: how entries are hashed and how a chain is checked.

Each entry's hash covers its own fields and the previous entry's hash, so changing, removing or
reordering any row breaks the chain from that row on. The case also keeps the chain head in a
file beside the database (``audit.head``, ``footprint.audit_head``) so that removing the newest rows is
detected too. The store writes the rows; this module owns the rules.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from footprint.code_identity import tool_version
from footprint.model import AuditEntry

GENESIS = "0" * 64


def entry_hash(
    *,
    seq: int,
    at_utc: str,
    actor: str,
    role: str,
    action: str,
    object: str,
    justification: str,
    details: str,
    prev_hash: str,
) -> str:
    """SHA-256 over a canonical JSON encoding of the entry and its predecessor's hash."""
    body = json.dumps(
        [seq, at_utc, actor, role, action, object, justification, details, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def next_entry(
    last: tuple[int, str] | None,
    *,
    at_utc: str,
    actor: str,
    role: str,
    action: str,
    object: str,
    justification: str,
    details: dict[str, Any],
) -> AuditEntry:
    """The entry that follows ``last`` (its number and hash; ``None`` for the first), hashed: what the store
    appends, and what a writer that must know an entry before appending it (a bundle) computes. Its
    details name the code that writes it (``tool_version``), unless they name the code the entry is about
    (an upgrade recorded late names the code that upgraded)."""
    details = {"tool_version": tool_version(), **details}
    seq, prev_hash = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
    fields: dict[str, Any] = {
        "seq": seq,
        "at_utc": at_utc,
        "actor": actor,
        "role": role,
        "action": action,
        "object": object,
        "justification": justification,
        "details": json.dumps(details, sort_keys=True, ensure_ascii=False),
        "prev_hash": prev_hash,
    }
    return AuditEntry(**fields, hash=entry_hash(**fields))


def changed_problem(entry: AuditEntry) -> str | None:
    """The problem when an entry's hash is not the hash of its own fields (it was edited), else ``None``."""
    recomputed = entry_hash(
        seq=entry.seq,
        at_utc=entry.at_utc,
        actor=entry.actor,
        role=entry.role,
        action=entry.action,
        object=entry.object,
        justification=entry.justification,
        details=entry.details,
        prev_hash=entry.prev_hash,
    )
    if recomputed == entry.hash:
        return None
    return f"audit entry {entry.seq} ({entry.action}) was changed after it was written"


def past_head(entries: Sequence[AuditEntry], head: tuple[int, str] | None) -> AuditEntry | None:
    """The entry a case folder's recorded ``head`` names, when the log holds it with that hash and runs on
    past it with every later entry intact and following the one before: entries Footprint wrote through
    another copy of the case folder (on a shared database), which this folder has not seen. ``None`` when
    the log does not run past the head so (an entry changed or inserted by hand breaks it)."""
    if head is None or not entries or entries[-1].seq <= head[0]:
        return None
    at = next((i for i, entry in enumerate(entries) if entry.seq == head[0]), None)
    if at is None or entries[at].hash != head[1]:
        return None
    for before, entry in zip(entries[at:], entries[at + 1 :], strict=False):
        if entry.seq != before.seq + 1 or entry.prev_hash != before.hash or changed_problem(entry):
            return None
    return entries[at]


def ahead_problem(seen: int, last: int) -> str:
    """The problem of a case folder that has not seen the log's entries after ``seen`` up to ``last``,
    written through another copy of the folder (``past_head``): the words `add`'s refusal uses."""
    unseen = last - seen
    return (
        f"this case folder has not seen {'1 audit entry' if unseen == 1 else f'{unseen} audit entries'}"
        f" (its audit.head is at entry {seen}, the audit log at entry {last}); each is intact and follows"
        f" the one before, so {'it was' if unseen == 1 else 'they were'} written through another copy of"
        " the case folder, which holds their originals and audit head. Run verify through the one case"
        " folder the team shares (docs/store.md, 'One case folder for a team')"
    )


def verify_chain(
    entries: Sequence[AuditEntry],
    head: tuple[int, str] | None,
    *,
    contents: bool = True,
    folder: bool = False,
) -> list[str]:
    """Return one plain-English problem per break in the chain (empty when it verifies).

    With ``contents=False`` the entries carry only their sequence, action and hashes (a disclosure
    bundle's chain): their order and links are checked, not that each hash matches its content. With
    ``folder``, ``head`` is a case folder's: entries after it that ``past_head`` finds Footprint's are
    named as written through another copy of the folder, not outside Footprint.
    """
    problems: list[str] = []
    prev_hash = GENESIS
    expected_seq = 1
    last: AuditEntry | None = None
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(f"audit entry {expected_seq} is missing or out of order (found {entry.seq} next)")
        if entry.prev_hash != prev_hash:
            problems.append(
                f"audit entry {entry.seq} ({entry.action}) does not follow the entry before it "
                "(removed or reordered entries)"
            )
        if contents and (changed := changed_problem(entry)):
            problems.append(changed)
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
        last = entry
    if head is not None:
        head_seq, head_hash = head
        if last is None:
            problems.append(f"audit log is empty but the recorded head is entry {head_seq}")
        elif last.seq < head_seq:
            problems.append(
                f"audit log ends at entry {last.seq} but the recorded head is entry {head_seq}"
                " (entries removed at the end)"
            )
        elif last.seq > head_seq:
            if folder and past_head(entries, head):  # Footprint's own, through another copy of the folder
                problems.append(ahead_problem(head_seq, last.seq))
            else:
                problems.append(
                    f"audit log has entries after the recorded head, entry {head_seq}"
                    " (written outside Footprint)"
                )
        elif last.hash != head_hash:
            problems.append(f"audit entry {head_seq} is not the entry recorded as the head (replaced)")
    return problems
