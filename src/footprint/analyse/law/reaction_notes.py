"""Reactions in the offence assessment: an element, an offence or a course of conduct that counts a reaction
(an emoji put on a message) says so, as the conduct findings do (``conduct.reactions``). A reaction
reaches her as a notice on a message, not as words he wrote: whether it is conduct towards her, or a
message sent, is for the lawyer (docs/law.md, "Reactions")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from footprint.analyse.conduct.evidence import PairItem, occasions
from footprint.analyse.conduct.reactions import only_reactions, reaction_words

#: what a reaction is, said once wherever one is counted
WHAT = "an emoji put on a message, which she is shown, not words he wrote"


def reaction_of(p: PairItem) -> str | None:
    """``a reaction '😂' to the message JD/1 line 1`` for a reaction, else None."""
    return reaction_words(p.item) if p.item.kind == "reaction" else None


def element_note(items: Sequence[PairItem], needed: int) -> str:
    """What an element's items hold of reactions ("" when none): how many are reactions, and, where the
    element counts occasions, how many of them are only reactions and what is found without them."""
    refs = [p.ref for p in items if p.item.kind == "reaction"]
    if not refs:
        return ""
    note = f"{len(refs)} of its {len(items)} item(s) are reactions ({WHAT}): {', '.join(refs)}"
    groups = occasions(list(items))
    only = only_reactions(groups)
    if needed < 2 or not only:
        return note
    left = len(groups) - len(only)
    return (
        f"{note}; {len(only)} of its {len(groups)} occasion(s) are only reactions, and without them it is"
        f" found on {left} occasion(s), "
        + (
            f"fewer than the {needed} needed: whether the reactions are conduct towards her is for the lawyer"
            if left < needed
            else f"still the {needed} needed"
        )
    )


def offences_counting(offences: Sequence[dict[str, Any]]) -> list[str]:
    """The candidate offences (``statute section``) a core element of which counts a reaction."""
    return [
        f"{o['statute']} {o['section']}"
        for o in offences
        if any(e["core"] and e.get("reactions") for e in o["elements"])
    ]


def explanation_note(offences: Sequence[dict[str, Any]]) -> str:
    """The sentence the assessment finding adds when a candidate offence counts a reaction ("" if none)."""
    named = offences_counting(offences)
    if not named:
        return ""
    return (
        f" Reactions ({WHAT}) are counted as his conduct for: {'; '.join(named)}; each element says which"
        " and whether it needs them."
    )
