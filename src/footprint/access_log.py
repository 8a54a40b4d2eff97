"""The access log: one row for each command that read a case, for the logs of consultation and disclosure
that the Data Protection Act 2018 s.62 asks of law-enforcement processing (when, who, what was looked at
and why). The store writes the rows (``store.access_rows``); this module owns the rules.

It is not the audit log. A read must never fail where writes are refused (a read-only database user, a
case folder copy behind a team database), and reads would swamp the evidential chain, so a read that
cannot be logged goes ahead, saying so, and the access log's head in the case folder is best effort
(``footprint.access_head``). Its rows are hash-chained among themselves, as the audit log's are: changing,
removing or reordering one breaks the chain from there, which `verify` reports as tampering with the
access log. Removing the newest rows is not seen by the chain alone; `verify` records the log's length and
last hash in its own audit entry, and the next `verify` checks that the log still holds that entry, as it
does the row the folder's head names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from footprint.audit import GENESIS
from footprint.model import AuditEntry

#: what every problem found in the access log begins with: tampering, apart from the audit chain's
TAMPERED = "access log tampered with:"
#: the details of `verify`'s audit entry that anchor the access log (its length and last hash then)
ANCHOR_ENTRIES, ANCHOR_HEAD = "access_log_entries", "access_log_head"


@dataclass(frozen=True)
class AccessEntry:
    """One read of the case: when (UTC), who (the acting user, role and operating-system user), which
    command with the arguments given to it (JSON), how many lines it wrote to standard output, how it ended
    (``ok``, ``error``, ``stopped``), the purpose given, the tool's version, and the chain's hashes."""

    seq: int
    at_utc: str
    actor: str
    role: str
    os_user: str
    command: str
    arguments: str
    lines_shown: int
    outcome: str
    purpose: str
    tool_version: str
    prev_hash: str
    hash: str

    def as_json(self) -> dict[str, Any]:
        """The entry as `access-log --json` gives it (the arguments as an object)."""
        return {**asdict(self), "arguments": json.loads(self.arguments)}


def entry_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over a canonical JSON encoding of every field but ``hash`` (the previous hash included)."""
    body = [fields[name] for name in AccessEntry.__dataclass_fields__ if name != "hash"]
    encoded = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def next_entry(last: tuple[int, str] | None, *, arguments: dict[str, Any], **fields: Any) -> AccessEntry:
    """The entry that follows ``last`` (its number and hash; ``None`` for the first), hashed."""
    seq, prev_hash = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
    every = {
        "seq": seq,
        **fields,
        "arguments": json.dumps(arguments, sort_keys=True, ensure_ascii=False, default=str),
        "prev_hash": prev_hash,
    }
    return AccessEntry(**every, hash=entry_hash(every))


def chain_problems(entries: Iterable[AccessEntry]) -> list[str]:
    """One problem per break in the access log's chain (empty when it holds), each saying it is tampering."""
    problems: list[str] = []
    prev_hash, expected = GENESIS, 1
    for entry in entries:
        if entry.seq != expected:
            problems.append(
                f"{TAMPERED} entry {expected} is missing or out of order (found {entry.seq} next)"
            )
        if entry.prev_hash != prev_hash:
            problems.append(
                f"{TAMPERED} entry {entry.seq} ({entry.command}) does not follow the entry before it"
                " (removed or reordered entries)"
            )
        if entry_hash(asdict(entry)) != entry.hash:
            problems.append(
                f"{TAMPERED} entry {entry.seq} ({entry.command}) was changed after it was written"
            )
        prev_hash, expected = entry.hash, entry.seq + 1
    return problems


def anchor_problems(entries: Sequence[AccessEntry], audit: Sequence[AuditEntry]) -> list[str]:
    """The problem when the access log no longer holds the entry the latest `verify` that recorded one
    recorded as its last (entries removed at the end, which the chain alone cannot show); empty when it does
    or none was. A `verify` that recorded none (an advocate's, who is not shown the log) never hides one."""
    for entry in reversed(audit):
        if entry.action != "verify":
            continue
        details = json.loads(entry.details)
        if ANCHOR_HEAD not in details:
            continue
        seq, head = int(details[ANCHOR_ENTRIES]), str(details[ANCHOR_HEAD])
        if seq == 0 or any(e.seq == seq and e.hash == head for e in entries):
            return []
        return [
            f"{TAMPERED} it ends at entry {entries[-1].seq if entries else 0}, but verify at audit entry"
            f" {entry.seq} recorded entry {seq} as its last (hash {head}): entries removed or replaced"
        ]
    return []
