"""Reactions (an emoji someone put on a message) as items of their own, shared by the social parsers.

A reaction is conduct: a 😂 on her message about being afraid, a ❤️ from an account she blocked. Each is
an item of kind ``reaction``: the reacting account is its author, its text is the emoji as exported, and
``details`` name the item it reacts to (``REACTION_TO``). Its time is the export's own (X, Instagram);
where the export gives none (Messenger, Discord) it has no time -- never the message's -- with the
message's time as the earliest it can have been made, and one warning per exhibit lists them.

A reaction whose record is doubtful -- dated before the message it reacts to, aimed at a message the
export does not hold, or with a date that cannot be read -- is kept without a time (``set_aside``), with a
warning of its own giving the raw record, so that it is never counted as dated contact; one that repeats
another (same reactor, emoji, message and time) is kept once (``ReactionChecks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from footprint.ingest.base import ParseContext
from footprint.model import NO_ZONE, REACTED_AFTER, REACTION_TO, REACTION_TO_ID, AccountRef, ParsedItem
from footprint.times import parse_iso_utc

#: how many untimed reactions the exhibit's warning names by locator (the rest are counted)
NAMED = 10
#: the ``details`` key of a reaction kept without a time because its record is doubtful: why
REACTION_DOUBT = "reaction_doubt"
#: ... and the time (ISO UTC) the export gave it, if it gave one, for a person to read
REACTION_GIVEN = "reaction_time_given_utc"
#: what the warning on such a reaction says it does with it
SET_ASIDE = "kept without a time and not counted as dated contact"


def set_aside(item: ParsedItem, why: str) -> ParsedItem:
    """The reaction ``item`` kept without a time because ``why`` (its raw time stays in ``sent_at_raw``, the
    time it gave in ``details``), so that nothing dated counts it; the caller warns."""
    details = dict(item.details or {})
    details[REACTION_DOUBT] = why
    if item.sent_at_utc:
        details[REACTION_GIVEN] = item.sent_at_utc
    return item._replace(sent_at_utc=None, tz_source=NO_ZONE, tz_name=None, details=details)


@dataclass
class ReactionChecks:
    """The checks on each reaction of one exhibit against the message it reacts to and those read before."""

    seen: dict[tuple[str, str, str, str], str] = field(default_factory=dict)

    def check(
        self, ctx: ParseContext, found: ParsedItem, target: str, target_utc: str | None
    ) -> ParsedItem | None:
        """``found`` as it is kept: None (warned) when it repeats a reaction already read (same reactor,
        emoji, message and time); without a time (warned) when dated before the message it reacts to
        (``target``, its locator, sent at ``target_utc``)."""
        who = found.author.key if found.author is not None else "an unknown account"
        key = (who, found.text, target, found.sent_at_raw or "")
        first = self.seen.setdefault(key, found.locator)
        if first != found.locator:
            ctx.warn(
                found.locator,
                f"the reaction {found.text!r} by {who} on {target} at {found.sent_at_raw!r} repeats {first}"
                f" (same reactor, emoji, message and time); counted once, as {first}",
                found.raw,
            )
            return None
        if found.sent_at_utc and target_utc and parse_iso_utc(found.sent_at_utc) < parse_iso_utc(target_utc):
            why = (
                f"dated {found.sent_at_raw} ({found.sent_at_utc}), before the message it reacts to"
                f" ({target}, {target_utc})"
            )
            ctx.warn(found.locator, f"reaction {why}; {SET_ASIDE}", found.raw)
            return set_aside(found, why)
        return found


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
        if (
            item.kind == "reaction"
            and item.sent_at_utc is None
            and not (item.details or {}).get(REACTION_DOUBT)
        ):
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
