"""The data model: what parsers produce and what the case store hands back.

``ParsedItem`` is a ``NamedTuple`` rather than a frozen dataclass because parsers create
millions of them on the ingest path and a tuple is built several times faster; it is just as
immutable and typed. Everything else is a frozen dataclass.

Times: ``sent_at_utc`` is always an ISO 8601 string in UTC ending in ``Z`` (``2023-03-14T09:15:00Z``)
or ``None`` when the source has no time; ``sent_at_raw`` is the text exactly as exported and
``tz_source`` says where the zone came from (``platform``, ``examiner`` or ``assumed``; ``none`` when
there is no time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from footprint.times import uk_display

ITEM_KINDS = (
    "message",
    "system",
    "call",
    "location",
    "post",
    "email",
    "incident",
    "court_order",
    "device_finding",
    "reaction",
    "image",  # a screenshot or photo added on its own (ingest/screenshots.py); its text is not read
)
#: the kinds a conversation's members receive (a group's, when each was sent): their recipients are derived
#: from the conversation's members. A reaction (an emoji on a message) is seen by them as a message is
RECEIVED_KINDS = frozenset({"message", "call", "location", "reaction"})
#: the ``details`` keys of a ``reaction`` item (an emoji the author put on another item: its text is the
#: emoji as exported): the locator of the item it reacts to, that item's own id on the platform when the
#: export gives one, and -- for a reaction the export gives no time (Messenger, Discord) -- the time of the
#: item it reacts to, the earliest it can have been made (its own time is never invented)
REACTION_TO = "reaction_to"
REACTION_TO_ID = "reaction_to_id"
REACTED_AFTER = "reacted_after_utc"
PERSON_ROLES = ("complainant", "suspect", "witness", "other")
#: what a user of the case may do (`footprint user add --role`, `footprint --role`); here, not in
#: ``footprint.users``, so the command line can offer them without loading the store
ROLES = ("investigator", "prosecutor", "reviewer", "advocate", "viewer")
#: where an item's zone came from; "none" for an item without a time (no time, so no zone was applied:
#: a departure from DESIGN.md's three, see docs/formats.md)
TZ_SOURCES = ("platform", "examiner", "assumed", "none")
NO_ZONE = TZ_SOURCES[3]
#: the ``details`` key a parser sets when an item's text is the platform's stand-in ("This message was
#: deleted", "waiting for this message", "<Media omitted>"), not words its author wrote; the value names it
PLACEHOLDER = "placeholder"
#: the ``details`` key a parser sets when the export says the phone never sent the message (a draft, a
#: message left in the outbox or queue, a send that failed): words its author wrote that reached no one.
#: The value is the reason, one of ``NOT_SENT_SHOWN``; read it through ``Item.not_sent``
NOT_SENT = "not_sent"
#: each reason, as shown beside the item wherever it is listed
NOT_SENT_SHOWN = {
    "draft": "draft — never sent",
    "failed": "failed to send",
    "outbox": "in the outbox — not sent",
    "queued": "queued — not sent",
    "unsent": "not sent (as the export says)",
}


#: the ``details`` keys that say an item passes on words someone else wrote: Telegram's ``forwarded_from``
#: (the original sender's name), Discord's ``forward_of`` (the forwarded message's id; ``FORWARD_AT`` is
#: where the forwarded words begin in the text, after any comment of the forwarder's) and X's ``retweet``
FORWARDED_FROM = "forwarded_from"
FORWARD_OF = "forward_of"
FORWARD_AT = "forward_at"
RETWEET = "retweet"
_RETWEET_OF = re.compile(r"RT (@\w+):")
#: where a sticker's label begins in the text (``[sticker 😡]``, after any caption; Telegram): the parser's
#: words for what was sent, not the sender's typing, read by detection as the emoji alone (``sticker_read``)
STICKER_AT = "sticker_at"
STICKER_LABEL = "[sticker"


def sticker_label(emoji: str) -> str:
    """A sticker as its item's text shows it: ``[sticker 😡]``, or ``[sticker]`` without an emoji."""
    return f"{STICKER_LABEL} {emoji}]" if emoji else f"{STICKER_LABEL}]"


def not_sent_shown(reason: str) -> str:
    """A ``NOT_SENT`` reason as shown ("draft — never sent"); a reason no parser writes, as stored."""
    return NOT_SENT_SHOWN.get(reason, f"not sent: {reason}")


class AccountRef(NamedTuple):
    """An account as a parser saw it: platform, the platform's stable id and the shown name."""

    platform: str
    native_id: str
    display_name: str = ""

    @property
    def key(self) -> str:
        """The stable account key ``PLATFORM:ID``."""
        return f"{self.platform}:{self.native_id}"


class ParsedAttachment(NamedTuple):
    """A file a message carries.

    ``member`` names it inside the exhibit's archive; ``data`` carries bytes decoded from the
    exhibit itself (an MMS part, an e-mail attachment), or a member's bytes the parser already read.
    Either way the pipeline hashes and vaults it; with neither, the export only named the file.
    ``sha256`` is the SHA-256 of ``data`` when the parser computed it as it read them (to check a
    hash the export records), so the pipeline does not hash them again.
    """

    name: str
    member: str | None = None
    mime: str = ""
    data: bytes | None = None
    sha256: str | None = None


class ParsedItem(NamedTuple):
    """One message, post, call, incident... exactly as a parser read it."""

    locator: str
    kind: str
    raw: str
    text: str
    sent_at_raw: str | None
    sent_at_utc: str | None
    tz_source: str
    tz_name: str | None = None
    author: AccountRef | None = None
    recipients: tuple[AccountRef, ...] = ()
    conversation: str | None = None
    attachments: tuple[ParsedAttachment, ...] = ()
    deleted: bool = False
    edited: bool = False
    system: bool = False
    details: dict[str, str] | None = None


class ParseWarning(NamedTuple):
    """A record a parser could not read fully: kept with its raw text, never dropped."""

    locator: str
    message: str
    raw: str


@dataclass(frozen=True)
class CaseInfo:
    """The case's own row."""

    name: str
    zone: str
    zone_source: str
    created_utc: str
    schema_revision: str


@dataclass(frozen=True)
class Person:
    """A person in the case: complainant, suspect, witness or other."""

    id: int
    name: str
    role: str


@dataclass(frozen=True)
class Account:
    """An account on a platform, with the names it was seen under."""

    id: int
    key: str
    platform: str
    native_id: str
    names: tuple[str, ...]
    first_seen_utc: str | None
    last_seen_utc: str | None
    person: str | None = None
    basis: str | None = None


@dataclass(frozen=True)
class Exhibit:
    """One source file as received, with its continuity details."""

    id: int
    ref: str
    file_name: str
    original_path: str
    sha256: str
    size: int
    format: str
    parser: str
    parser_version: int
    producer: str
    owner: str | None
    received_utc: str
    notes: str
    vault_path: str
    settings: dict[str, str] = field(default_factory=dict)
    supplied_by: str = ""  # "complainant" once the exhibit is marked as supplied by her (exhibit_supply)


NOT_IN_EXPORT = "not in the export"  # the mark of an attachment the export names but does not hold


@dataclass(frozen=True)
class Attachment:
    """A stored attachment of an item; ``sha256`` is ``None`` when only named in the export."""

    name: str
    sha256: str | None
    size: int | None
    mime: str

    @property
    def in_export(self) -> bool:
        """Whether the export holds the file (only then is it stored and hashed)."""
        return self.sha256 is not None


@dataclass(frozen=True)
class Item:
    """One stored item with its provenance."""

    id: int
    exhibit: str
    locator: str
    kind: str
    author: str | None
    author_name: str | None
    recipients: tuple[str, ...]
    conversation: str | None
    sent_at_raw: str | None
    sent_at_utc: str | None
    tz_source: str
    tz_name: str | None
    text: str
    raw: str
    deleted: bool
    edited: bool
    system: bool
    attachments: tuple[Attachment, ...] = ()
    details: dict[str, str] = field(default_factory=dict)

    @property
    def time_known(self) -> bool:
        """False when the record gave a date but no time (stored at local midnight)."""
        return self.details.get("time_known") != "no"

    @property
    def own_words(self) -> str:
        """The words the author wrote: the text, "" when the text is a platform's placeholder, and only
        the forwarder's own comment (a prefix of the text, often "") when the item forwards or retweets
        someone else's words.

        Anything that scores or compares what a person wrote reads this, not ``text``; the text itself
        is kept as exported and shown everywhere.
        """
        if PLACEHOLDER in self.details:
            return ""
        start = self.forwarded_words_at
        if STICKER_AT in self.details and (at := self.sticker_at) is not None:
            start = at if start is None else min(start, at)
        return self.text if start is None else self.text[:start].rstrip()

    @property
    def sticker_at(self) -> int | None:
        """Where a sticker's label (``[sticker 😡]``) begins in ``text``, or None when it shows none."""
        at = self.details.get(STICKER_AT)
        return int(at) if at and at.isdigit() and self.text.startswith(STICKER_LABEL, int(at)) else None

    def sticker_read(self, words: str) -> str:
        """``words`` (a prefix of ``text``) with a sticker's emoji after them where the text shows one, at its
        own offset, the label's other characters as spaces: the emoji is read as if sent on its own (a 🔪
        sticker as a 🔪), and offsets stay the text's. Without a sticker, ``words`` as they are."""
        if STICKER_AT not in self.details or (at := self.sticker_at) is None:
            return words
        start, end = at + len(STICKER_LABEL) + 1, len(self.text) - 1  # inside "[sticker " and "]"
        if start >= end:
            return words
        return words.ljust(start) + self.text[start:end] + " "

    @property
    def forwarded(self) -> str | None:
        """Whose words the item passes on, as shown beside it ("forwarded from Bob Third", "retweet of
        @bob"), or None when the text is the author's own."""
        details = self.details
        if name := details.get(FORWARDED_FROM):
            return f"forwarded from {name}"
        if FORWARD_OF in details:
            return "forwarded"
        if details.get(RETWEET) == "true":
            of = _RETWEET_OF.match(self.text)
            return f"retweet of {of.group(1)}" if of else "retweet"
        return None

    @property
    def forwarded_words_at(self) -> int | None:
        """Where the forwarded words begin in ``text`` (0: all of it), or None when nothing is forwarded."""
        if self.forwarded is None:
            return None
        at = self.details.get(FORWARD_AT, "0")
        return int(at) if at.isdigit() else 0

    @property
    def not_sent(self) -> str | None:
        """Why the phone never sent it (``draft``, ``failed``, ``outbox``, ``queued``...), or None for an
        item that was sent or received. An item never sent is not conduct towards anyone."""
        return self.details.get(NOT_SENT) or None

    @property
    def not_sent_shown(self) -> str | None:
        """Why it was never sent, as shown beside it ("draft — never sent"), or None when it was sent."""
        reason = self.not_sent
        return not_sent_shown(reason) if reason else None

    @property
    def marks(self) -> tuple[str, ...]:
        """What to flag beside the item wherever it is listed: never sent, deleted, edited, a platform's
        placeholder (other than "deleted", which the deleted flag already says), forwarded words."""
        placeholder = self.details.get(PLACEHOLDER)
        not_sent = self.not_sent_shown
        forwarded = self.forwarded
        return (
            *((not_sent,) if not_sent else ()),
            *((forwarded,) if forwarded else ()),
            *(("deleted",) if self.deleted else ()),
            *(("edited",) if self.edited else ()),
            *((f"placeholder: {placeholder}",) if placeholder and placeholder != "deleted" else ()),
        )


@dataclass(frozen=True)
class StoredWarning:
    """A parse warning as stored against its exhibit."""

    exhibit: str
    locator: str
    message: str
    raw: str


@dataclass(frozen=True)
class SearchHit:
    """A full-text search hit."""

    item_id: int
    exhibit: str
    locator: str
    sent_at_utc: str | None
    author: str | None
    snippet: str


@dataclass(frozen=True)
class AuditEntry:
    """One row of the hash-chained audit log."""

    seq: int
    at_utc: str
    actor: str
    role: str
    action: str
    object: str
    justification: str
    details: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class EarlierCase:
    """How the earlier case-level finding named beside one (``Finding.earlier_decision``) compares with it:
    the parties both are about, and the items each rests on (``store.case_subjects``)."""

    #: "John Smith → Jane Doe", or the other parties its details name; "" when they name none
    about: str
    #: of the items the earlier finding rests on, those this one rests on too
    shared: int
    earlier: int
    this: int

    @property
    def words(self) -> str:
        """ "about the same parties (John Smith → Jane Doe; 2 of its 3 item(s) are in this one, which rests
        on 4)"; "about the case as a whole (…)" when its details name no parties."""
        if self.shared == self.earlier == self.this:
            rests = f"resting on the same {self.this} item(s)" if self.this else "neither rests on an item"
        else:
            rests = f"{self.shared} of its {self.earlier} item(s) are in this one, which rests on {self.this}"
        return (
            f"about the same parties ({self.about}; {rests})" if self.about else f"about the case ({rests})"
        )


@dataclass(frozen=True)
class Finding:
    """A finding of the latest run of its analyser, with its state: the latest confirm or dismiss on it (or
    on an earlier finding that asserted the same thing); a note sets none, and is flagged beside it."""

    id: int
    item_id: int | None
    exhibit: str | None
    locator: str | None
    category: str
    score: float
    spans: tuple[tuple[int, int], ...]
    rule_ids: tuple[str, ...]
    model_id: str | None
    analyser: str
    analyser_version: int
    explanation: str
    details: dict[str, object]
    decision: str | None = None  # confirmed | dismissed | None (unreviewed); never "noted"
    noted: bool = False  # someone made a note on it (or on the earlier finding its decision is carried from)
    # the earlier run's finding the decision was made on, when it was made on the same words of the
    # same item by the same analyser (None when the decision is this finding's own, or there is none)
    decided_on: int | None = None
    # when no decision carries to it: the finding of an earlier run, on the same item by the same analyser
    # in the same category, on which a person last decided, and that decision, which does not apply here
    # because that finding asserted something different (other words, explanation or score)
    earlier_decision: tuple[int, str] | None = None
    # when that earlier finding is a case-level one (no item; matched by ``store.case_subjects``): its
    # parties and the items each rests on
    earlier_case: EarlierCase | None = None

    @property
    def decisions_on(self) -> int:
        """The finding whose decisions are shown for this one: an earlier one's, or its own."""
        return self.id if self.decided_on is None else self.decided_on

    @property
    def earlier_words(self) -> str:
        """What is said beside it of a decision on an earlier finding that asserted something else."""
        return self.earlier_said()

    def earlier_said(self, shown_id: str | None = None) -> str:
        """:attr:`earlier_words`, naming the earlier finding by ``shown_id`` (the review app's id for it)."""
        if self.earlier_decision is None:
            return ""
        on, decision = self.earlier_decision
        about = "about this item" if self.earlier_case is None else self.earlier_case.words
        return (
            f"finding #{shown_id or on} of an earlier run, {about}, was {decision}, but it said"
            " something different: that decision does not apply to this one, which needs its own review"
        )


def run_ended(status: str, error: str | None) -> str:
    """How a run that did not succeed ended, in words: "failed: why" (``error``), "skipped: why"."""
    said = "failed" if status == "error" else status
    return f"{said}: {error.splitlines()[0]}" if error and error.strip() else said


@dataclass(frozen=True)
class Analysis:
    """One `footprint analyse`: the analysers it set out to run, in order, and those that have a run."""

    id: int
    started_utc: str
    by_user: str
    analysers: tuple[str, ...]
    ran: tuple[str, ...]
    #: those of ``ran`` whose run did not succeed, each with how it ended ("failed: why", "skipped: why")
    failed: tuple[tuple[str, str], ...] = ()

    @property
    def not_run(self) -> tuple[str, ...]:
        """The analysers it named that have no run in it (it stopped first, or is still running)."""
        return tuple(a for a in self.analysers if a not in self.ran)

    @property
    def unfinished(self) -> str:
        """One plain sentence when it did not finish (what ran, what did not); "" when it finished."""
        if not self.not_run:
            return ""
        failed = dict(self.failed)
        ran = ", ".join(n for n in self.ran if n not in failed) or "none"
        if failed:
            ran += f" ({'; '.join(f'{n} {how}' for n, how in failed.items())})"
        missing = ", ".join(self.not_run)
        return (
            f"the latest analysis (no. {self.id}, started {uk_display(self.started_utc)} by {self.by_user})"
            f" did not finish: it stopped, or is still running. Ran: {ran}. Did not run: {missing}. The"
            " findings shown are the latest run of each analyser, so they may mix this analysis with an"
            " earlier one or lack those analysers' findings: run `footprint analyse` again before relying"
            " on them"
        )


@dataclass(frozen=True)
class AnalysisRun:
    """One run of one analyser."""

    id: int
    analyser: str
    version: int
    settings_hash: str
    started_utc: str
    finished_utc: str | None
    status: str
    error: str | None
    analysis_id: int | None = None  # the `analyse` it was part of (None before schema 0013)
