"""Reactions (an emoji he put on a message) in his conduct: contact of a kind, but never shown as a message.

A reaction reaches her as a notice on a message, not as words he wrote: every finding resting on one says
so (which emoji, on which message), and a course of conduct says how many of its occasions are only
reactions. A removed reaction (an iMessage tapback taken back) is not contact at all: the platform tells no
one of a removal, so it is left out of the pair and named in its note (docs/law.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from footprint.model import REACTION_TO, Item

if TYPE_CHECKING:  # evidence reads removed_reaction from here
    from footprint.analyse.conduct.evidence import PairItem


def removed_reaction(item: Item) -> bool:
    """Whether ``item`` records the removal of a reaction (an iMessage tapback taken back)."""
    return item.kind == "reaction" and (item.details or {}).get("reaction_action") == "removed"


def reaction_words(item: Item) -> str:
    """``a reaction '😂' to the message A/1 messages[1]`` (the message as the export names it)."""
    target = (item.details or {}).get(REACTION_TO)
    on = f"the message {item.exhibit} {target}" if target else "a message not in the export"
    return f"a reaction {item.text!r} to {on}"


def sent_by(p: PairItem, suspect: str) -> str:
    """How a contact finding opens: ``Sent by John Smith``, or for a reaction ``A reaction '😂' to the
    message A/1 messages[1] by John Smith, sent``."""
    if p.item.kind != "reaction":
        return f"Sent by {suspect}"
    words = reaction_words(p.item)
    return f"{words[0].upper()}{words[1:]} by {suspect}, sent"


def only_reactions(groups: Sequence[Sequence[PairItem]]) -> list[int]:
    """The numbers (from 1) of the occasions made only of reactions."""
    return [n for n, g in enumerate(groups, start=1) if g and all(p.item.kind == "reaction" for p in g)]
