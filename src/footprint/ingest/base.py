"""What every parser is: a registered class that sniffs a source and yields items.

Three outcomes for bad input (as forensic parsers do): not this format -> a low ``sniff`` score;
right format but unreadable as a whole -> ``ParseError``; one bad record -> ``ctx.warn`` with its
raw text, and parsing goes on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from footprint.ingest.source import Source
from footprint.model import NO_ZONE, AccountRef, ParsedItem, ParseWarning
from footprint.registry import Registry


@dataclass(frozen=True)
class SniffResult:
    """How sure a parser is that a source is its format (0 = no, 1 = certain), and why."""

    confidence: float
    reason: str = ""


NO = SniffResult(0.0)


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
    # the export's own account (its owner's), when the export names it; `add --owner` attributes it
    owner_account: AccountRef | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    participants: dict[str, set[AccountRef]] = field(default_factory=dict)
    decisions: dict[str, str] = field(default_factory=dict)

    def warn(self, locator: str, message: str, raw: str) -> None:
        """Record a record-level problem; the record's raw text is kept."""
        self.warnings.append(ParseWarning(locator, message, raw))

    def add_participant(self, conversation: str, account: AccountRef) -> None:
        """Note that ``account`` is a member of ``conversation`` (recipients are derived)."""
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

    @classmethod
    @abstractmethod
    def sniff(cls, source: Source) -> SniffResult:
        """Cheaply judge whether ``source`` is this format (read at most a few KiB)."""

    @abstractmethod
    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        """Yield every item in the source; warn about bad records; raise ParseError if hopeless."""

    def items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        """``parse``'s items as the case keeps them: one without a time has no zone (``tz_source``
        ``none``, no ``tz_name``), whatever zone the parser had at hand. The pipeline reads this."""
        for item in self.parse(source, ctx):
            if item.sent_at_utc is None and item.tz_source != NO_ZONE:
                item = item._replace(tz_source=NO_ZONE, tz_name=None)
            yield item


parsers: Registry[Parser] = Registry("parser")
