"""Whether an offline incident is the suspect's conduct: what its row says, or what a person decided.

A diary or police log names him in many rows he did nothing in (the order served on him, his arrest,
another man with his first name): naming him is not enough (docs/law.md, "Offline incidents").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from footprint.model import Item
from footprint.store.finding_marks import FindingMark
from footprint.store.queries import RECORDED_ANALYSER

# The incidents_csv field saying who did what the row describes (docs/formats.md).
DONE_BY = "done_by"
# Words right after his name that say what was done to him, or his state, not what he did ("Daniel Reid
# arrested at his mother's home", "Daniel Reid was served", "Daniel Reid in custody all day").
_DONE_TO_HIM = re.compile(
    r"\s*(?:was|were|is|are|has been|had been|got|gets|being|arrested|charged|cautioned|interviewed|"
    r"bailed|released|remanded|served|detained|taken|convicted|sentenced|summonsed|in custody|in hospital)\b",
    re.IGNORECASE,
)
# Words right after his name that say he spoke to or about the matter, not that he did anything to her ("Sam
# Suspect reported that she had been calling him", "Sam Suspect told officers he had not been near"). Telling
# or saying counts here only when the police, an officer, a court or his solicitor heard it: "told me he
# would burn my car" is a threat to her face, his conduct by its words like any other.
_OFFICIAL = (
    r"(?:the\s+)?(?:police|999|101|officers?|PCs?|DCs?|PSs?|DSs?|court|magistrates|judge|his\s+solicitor)\b"
)
_NOT_TOWARDS_HER = re.compile(
    r"\s*(?:(?:also\s+|later\s+)?(?:reported|reports|stated|states|denied|denies|"
    r"complained|complains|claimed|claims|alleged|alleges|admitted|admits|handed himself in|"
    r"made a (?:complaint|statement|counter-allegation))\b"
    rf"|(?:told|tells|said\s+to|says\s+to|explained\s+to)\s+{_OFFICIAL}"
    r"|(?:said|says|stated)\s+in\s+(?:interview|his\s+statement)\b"
    rf"|(?:called|rang|phoned|contacted|calls|rings|phones|contacts)\s+{_OFFICIAL})",
    re.IGNORECASE,
)
# Why a row counts as his when only its words say so: software read them, no person has (docs/law.md).
BY_WORDS = "his conduct by its words (not reviewed)"
_OPENING = " \t\"'“‘(-–—"


@dataclass(frozen=True)
class IncidentActor:
    """Whether the incident counts as his conduct, and why (or why not)."""

    his: bool
    basis: str
    # whether a person said so (a recorded or confirmed finding, the row's 'done by' column); False when
    # only its words do: an opinion of the software, for a person to review
    reviewed: bool = True


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shared_in_case(suspect: str, others: Sequence[str]) -> bool:
    """Whether his first name alone cannot name him in this case: another person in it has the same first
    name, or it is too short to be a name."""
    parts = suspect.split()
    if len(parts) < 2 or len(parts[0]) < 3:
        return True
    return any(o.split() and _norm(o.split()[0]) == _norm(parts[0]) for o in others)


def _other_in_text(suspect: str, text: str) -> bool:
    """Whether the text names someone else with his first name ("DC Daniel Hart")."""
    first, surname = suspect.split()[:2]
    return any(n != surname for n in re.findall(rf"\b{re.escape(first)}\s+([A-Z][\w'’-]*)", text))


def _first_name_shared(suspect: str, others: Sequence[str], text: str) -> bool:
    """Whether his first name alone cannot name him: another person in the case has it, or the text names
    someone else with it."""
    return _shared_in_case(suspect, others) or _other_in_text(suspect, text)


def _names_him(value: str, suspect: str, others: Sequence[str]) -> bool:
    """Whether a 'done by' value is him: his full name, or his first name alone when no one shares it."""
    value = _norm(value)
    if value == _norm(suspect):
        return True
    return value == _norm(suspect.split()[0]) and not _first_name_shared(suspect, others, value)


def _after_him(text: str, suspect: str, others: Sequence[str]) -> str | None:
    """The words after his name when the row opens with him: his full name, or his first name alone when no
    one shares it and no other surname follows it. None when it does not open with him."""
    t = text.lstrip(_OPENING)
    full = " ".join(suspect.split())
    if _norm(t[: len(full)]) == _norm(full):
        rest = t[len(full) :]
    else:
        first = full.split()[0] if full else ""
        if not first or _norm(t[: len(first)]) != _norm(first):
            return None
        if _first_name_shared(suspect, others, text):
            return None
        rest = t[len(first) :]
        if re.match(r"\s+[A-Z]", rest):  # another surname: "Daniel Hart took my statement"
            return None
    if rest[:1].isalnum() or re.match(r"['’]s\b", rest):  # "Danielle"; "Daniel Reid's mother called"
        return None
    return rest


def incident_actor(
    item: Item,
    suspect: str,
    others: Sequence[str],
    marks: Sequence[FindingMark],
    breach_dismissed: bool,
    mentions_her: bool,
) -> IncidentActor | None:
    """Whether an incident is his conduct, in this order: a finding on it that a person recorded or
    confirmed says he did it (``marks`` holds no dismissed finding); a person who dismissed the
    order-breach finding on it took it out; the row's ``done by`` column, when filled, decides; else its
    words must open with him acting (not reported, told, denied …), which is the software's reading, not
    reviewed. None when the incident names neither him nor (with a person's
    finding on it) her: it does not concern him. ``others``: the names of the other persons in the case."""
    done_by = str(item.details.get(DONE_BY, "")).strip()
    names_him = bool(done_by) and _names_him(done_by, suspect, others)
    named = _named(item.text, suspect, others)
    mentions_him = names_him or named in ("full", "first")
    by_person = [f for f in marks if f.decision == "confirmed" or f.analyser == RECORDED_ANALYSER]
    if by_person and (mentions_him or mentions_her):
        f = by_person[0]
        how = "recorded" if f.analyser == RECORDED_ANALYSER else "confirmed"
        return IncidentActor(True, f"a person {how} finding #{f.id} ({f.category}) on it")
    if not (mentions_him or named == "shared"):
        return None
    if breach_dismissed:
        return IncidentActor(False, "a person dismissed the order-breach finding on it")
    if done_by:
        if names_him:
            return IncidentActor(True, f"its 'done by' column names {suspect}")
        return IncidentActor(False, f"its 'done by' column names {done_by!r}")
    if named == "shared":
        first = suspect.split()[0]
        return IncidentActor(False, f"it names {first!r} alone, which another person in the case shares")
    rest = _after_him(item.text, suspect, others)
    if rest is not None and _NOT_TOWARDS_HER.match(rest):
        return IncidentActor(False, "its words say what he reported, told or denied, not what he did to her")
    if rest is not None and not _DONE_TO_HIM.match(rest):
        return IncidentActor(True, f"{BY_WORDS}: they open with {suspect} as the one acting", reviewed=False)
    return IncidentActor(False, "it names him but does not say he did it")


def _named(text: str, suspect: str, others: Sequence[str]) -> str:
    """How the text names him: "full" (his full name), "first" (his first name alone, which no one shares),
    "shared" (his first name alone, which another person in the case has), or "" (not at all, or only as
    part of someone else's name: "DC Daniel Hart")."""
    if re.search(rf"\b{re.escape(' '.join(suspect.split()))}\b", text, re.IGNORECASE):
        return "full"
    parts = suspect.split()
    if len(parts) < 2 or not re.search(rf"\b{re.escape(parts[0])}\b", text, re.IGNORECASE):
        return ""
    if _other_in_text(suspect, text):
        return ""
    return "shared" if _shared_in_case(suspect, others) else "first"
