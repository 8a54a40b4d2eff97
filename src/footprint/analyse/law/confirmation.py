"""Which of an element's items a person confirmed: the findings behind that element, not any finding on
the item (a confirmed insult says nothing about the threat to kill in the same message)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Protocol

# Each status in words (the report, the review app and `assess` alike). ``indicated``: the element, or a
# core element of the offence, rests on software findings no person has confirmed; confirmed, they would
# evidence it (or partly), but until then it is an opinion, not evidence.
STATUS_WORDS = {
    "supported": "supported",
    "partly_supported": "partly supported",
    "indicated": "indicated — needs a person's review",
    "out_of_time": "out of time (summary only): cannot be charged",
    "evidenced": "evidenced",
    "partly_evidenced": "partly evidenced",
    "not_evidenced": "not evidenced",
}


def status_words(status: str) -> str:
    """A status as it is shown (``indicated — needs a person's review``; an unknown one without its
    underscores)."""
    return STATUS_WORDS.get(status, status.replace("_", " "))


# A candidate offence's statuses, strongest first (the order offences are listed in). ``out_of_time``: a
# summary-only offence whose time limit has passed for every occasion, whatever the evidence shows
# (``status_in_time``), listed after those that can still be charged.
OFFENCE_GRADES = ("supported", "partly_supported", "indicated", "out_of_time", "not_supported")


class Decided(Protocol):
    """A finding with the latest decision on it (an ``ItemFinding`` or a stored ``Finding``)."""

    @property
    def category(self) -> str: ...

    @property
    def decision(self) -> str | None: ...


def confirmed_for(findings: Iterable[Decided], kinds: Collection[str]) -> bool:
    """Whether a person confirmed a finding of one of ``kinds`` (a dismissed one never counts)."""
    return any(f.category in kinds and f.decision == "confirmed" for f in findings)


def count_confirmed(
    support: Sequence[Mapping[str, object]], findings_of: Mapping[int, Sequence[Decided]]
) -> tuple[int, int, int]:
    """From an element's ``support`` entries (``item_id`` and the ``kinds`` of finding that made the item
    match) and each item's findings now: the items a person confirmed, the items resting on a software
    finding or reading (an incident his only by its words), and the items resting on the record alone (a
    message he sent, an incident whose 'done by' column names him)."""
    confirmed = of = without = 0
    for entry in support:
        kinds = entry.get("kinds")
        item_id = entry.get("item_id")
        if entry.get("attribution_reviewed") is False:  # his only by its words: for a person to review
            of += 1
            continue
        if not isinstance(kinds, list) or not kinds:
            without += 1
            continue
        of += 1
        if isinstance(item_id, int) and confirmed_for(findings_of.get(item_id, ()), kinds):
            confirmed += 1
    return confirmed, of, without


def confirmed_words(confirmed: int, of: int, without: int) -> str:
    """``1 of 2 confirmed by a person``, with the items no software finding stands behind."""
    if not of:
        return "no software finding to confirm"
    words = f"{confirmed} of {of} confirmed by a person"
    return words + (f"; {without} more with no software finding to confirm" if without else "")
