"""Reactions (an emoji someone put on a message) as items of their own, shared by the social parsers.

A reaction is conduct: a 😂 on her message about being afraid, a ❤️ from an account she blocked. Each is
an item of kind ``reaction``: the reacting account is its author, its text is the emoji as exported, and
``details`` name the item it reacts to (``REACTION_TO``). Its time is the export's own (X, Instagram);
where the export gives none (Messenger, Discord) it has no time -- never the message's -- with the
message's time as the earliest it can have been made, and one warning per exhibit lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from footprint.ingest.base import ParseContext
from footprint.model import NO_ZONE, REACTED_AFTER, REACTION_TO, REACTION_TO_ID, AccountRef, ParsedItem

#: how many untimed reactions the exhibit's warning names by locator (the rest are counted)
NAMED = 10


def reaction_item(
    locator: str,
    raw: str,
    emoji: str,
    author: AccountRef | None,
    to: ParsedItem,
    when: tuple[str | None, str | None] = (None, None),
    recipients: tuple[AccountRef, ...] = (),
) -> ParsedItem:
    """The reaction ``emoji`` by ``author`` on the item ``to``, at ``when`` (raw text, ISO UTC) when the
    export records it. Its recipients are ``recipients``, or (none given) the conversation's members."""
    sent_raw, sent_utc = when
    details = {REACTION_TO: to.locator}
    if to.details and to.details.get("id"):
        details[REACTION_TO_ID] = to.details["id"]
    if sent_utc is None and to.sent_at_utc:
        details[REACTED_AFTER] = to.sent_at_utc
    timed = sent_utc is not None
    return ParsedItem(
        locator, "reaction", raw, emoji, sent_raw, sent_utc, "platform" if timed else NO_ZONE,
        "UTC" if timed else None, author, recipients, to.conversation, details=details,
    )  # fmt: skip


@dataclass
class UntimedReactions:
    """The reactions of one exhibit that have no time, warned of once when it is read (``warn``)."""

    why: str  # why there is no time ("Messenger exports give a reaction no time")
    locators: list[str] = field(default_factory=list)
    raw: str = ""  # the first one's raw record

    def note(self, item: ParsedItem) -> None:
        """Count ``item`` if it is a reaction without a time."""
        if item.kind == "reaction" and item.sent_at_utc is None:
            if not self.locators:
                self.raw = item.raw
            self.locators.append(item.locator)

    def warn(self, ctx: ParseContext) -> None:
        """One warning naming them (the first ``NAMED``), if there are any."""
        if not self.locators:
            return
        more = len(self.locators) - NAMED
        ctx.warn(
            self.locators[0],
            f"{len(self.locators)} reaction(s) have no time ({self.why}): each is kept without a time,"
            " after the message it reacts to (details.reaction_to), and is not counted where contact is"
            " dated (contact after her request, a breach of an order, a course of conduct):"
            f" {', '.join(self.locators[:NAMED])}"
            + (f" and {more} more (`footprint items --json`: kind reaction)" if more > 0 else ""),
            self.raw,
        )
