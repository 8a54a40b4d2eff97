"""What every parser is: a registered class that sniffs a source and yields items.

Three outcomes for bad input (as forensic parsers do): not this format -> a low ``sniff`` score;
right format but unreadable as a whole -> ``ParseError``; one bad record -> ``ctx.warn`` with its
raw text, and parsing goes on; a damaged byte part-way -> ``damage.DamagedInput`` (one policy for all).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from footprint.ingest.damage import DamagedInput, keep_or_refuse, refuse_empty
from footprint.ingest.source import Source
from footprint.model import NO_ZONE, AccountRef, ParsedItem, ParseWarning
from footprint.registry import Registry


@dataclass(frozen=True)
class SniffResult:
    """How sure a parser is that a source is its format (0 = no, 1 = certain), and why."""

    confidence: float
    reason: str = ""


NO = SniffResult(0.0)

#: how a NUL character (U+0000) read from an export is kept: PostgreSQL's text cannot hold one, and the
#: case reads the same on SQLite; the original file in the vault keeps the character itself
NUL_SHOWN = "\u2400"  # ␀
_T = TypeVar("_T")


def nul_shown(value: _T) -> _T:
    """``value`` (text, or tuples and dicts of it, as items and accounts are) with each NUL as ␀; bytes
    (an attachment's data) are left alone."""

    def shown(v: Any) -> Any:
        if isinstance(v, str):
            return v.replace("\x00", NUL_SHOWN)
        if isinstance(v, tuple):
            parts = [shown(p) for p in v]
            return type(v)(*parts) if hasattr(v, "_fields") else tuple(parts)
        if isinstance(v, dict):
            return {shown(k): shown(x) for k, x in v.items()}
        return v

    return shown(value)  # type: ignore[no-any-return]


def _holds_nul(item: ParsedItem) -> bool:
    """Whether any text of ``item`` holds a NUL (quicker than ``nul_shown`` on every item)."""
    accounts = (item.author, *item.recipients) if item.author else item.recipients
    texts = (item.raw, item.text, item.sent_at_raw or "", item.conversation or "")
    return (
        any("\x00" in t for t in texts)
        or any("\x00" in a.native_id or "\x00" in a.display_name for a in accounts)
        or any("\x00" in a.name or "\x00" in (a.member or "") for a in item.attachments)
        or bool(item.details and any("\x00" in k or "\x00" in v for k, v in item.details.items()))
    )


@dataclass
class ParseContext:
    """What the user told us about the source, and what the parser reports back."""

    zone: str
    tz_source: str
    zone_given: bool = False  # True only when `add --tz` named the zone for this exhibit
    date_order: str | None = None
    column_map: dict[str, str] = field(default_factory=dict)
    owner: str | None = None
    platform: str | None = None
    # the export's own accounts (its owner's), when the export names them; `add --owner` attributes each
    owner_accounts: tuple[AccountRef, ...] = ()
    warnings: list[ParseWarning] = field(default_factory=list)
    participants: dict[str, set[AccountRef]] = field(default_factory=dict)
    decisions: dict[str, str] = field(default_factory=dict)
    #: where reading may spill her data to disk: the add's owner-only working folder inside the case
    #: (``staging_dirs.ADDING``); None only outside a case (tests), when the system's temporary folder is used
    workdir: Path | None = None
    #: `add --accept-partial`: keep the items read before a damaged byte, the exhibit marked partial
    #: (``ingest.damage``); refused by default
    accept_partial: bool = False
    read: int = 0  # items the parser has yielded so far (what a damaged byte would leave kept)

    @property
    def owner_account(self) -> AccountRef | None:
        """The export's own account, when it names one (the first, when it names several)."""
        return self.owner_accounts[0] if self.owner_accounts else None

    @owner_account.setter
    def owner_account(self, account: AccountRef | None) -> None:
        self.owner_accounts = (account,) if account is not None else ()

    def warn(self, locator: str, message: str, raw: str) -> None:
        """Record a record-level problem; the record's raw text is kept (NUL as ␀, as items keep it)."""
        self.warnings.append(nul_shown(ParseWarning(locator, message, raw)))

    def add_participant(self, conversation: str, account: AccountRef) -> None:
        """Note that ``account`` is a member of ``conversation`` (recipients are derived)."""
        conversation, account = nul_shown((conversation, account))
        self.participants.setdefault(conversation, set()).add(account)

    def decide(self, name: str, value: str) -> None:
        """Record a reading decision (date order, zone) so the exhibit states how it was read."""
        self.decisions[name] = value


class Parser(ABC):
    """A registered reader of one export format."""

    name: ClassVar[str]
    version: ClassVar[int]
    description: ClassVar[str]
    format_name: ClassVar[str] = ""
    #: whether ``ctx.platform`` (`add --platform`) names this format's accounts; `add` refuses it elsewhere
    takes_platform: ClassVar[bool] = False
    #: whether ``ctx.column_map`` (`add --map`) is read by this parser; recorded with the exhibit only then
    takes_column_map: ClassVar[bool] = False

    @classmethod
    @abstractmethod
    def sniff(cls, source: Source) -> SniffResult:
        """Cheaply judge whether ``source`` is this format (read at most a few KiB)."""

    @classmethod
    def own_part(cls, member: str) -> bool:
        """Whether an archive member this parser leaves unread is part of its own export (an X archive's
        ad data), not another export or a stray file: then `add` neither refuses nor warns of it."""
        return False

    @abstractmethod
    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        """Yield every item in the source; warn about bad records; raise ParseError if hopeless."""

    def items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        """``parse``'s items as the case keeps them: one without a time has no zone (``tz_source``
        ``none``, no ``tz_name``), whatever zone the parser had at hand; each NUL character as ␀, with a
        warning naming the record. A damaged byte part-way (``DamagedInput``) refuses the add, or with
        ``ctx.accept_partial`` keeps what was read before it (``ingest.damage``). The pipeline reads this."""
        try:
            for item in self.parse(source, ctx):
                ctx.read += 1
                yield self._kept(item, ctx)
        except DamagedInput as damage:
            keep_or_refuse(damage, source, ctx)
        refuse_empty(source, ctx)

    @staticmethod
    def _kept(item: ParsedItem, ctx: ParseContext) -> ParsedItem:
        if item.sent_at_utc is None and item.tz_source != NO_ZONE:
            item = item._replace(tz_source=NO_ZONE, tz_name=None)
        if _holds_nul(item):
            item = nul_shown(item)
            ctx.warn(
                item.locator,
                f"NUL characters (U+0000) in this record are kept as {NUL_SHOWN} (U+2400), on SQLite as"
                " on PostgreSQL (which cannot store them); the original file in the vault keeps them",
                item.raw,
            )
        return item


parsers: Registry[Parser] = Registry("parser")
