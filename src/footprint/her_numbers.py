"""The numbers an advocate's view gives items and findings while the case holds material she may not see.

The case's ids count the whole case: the gaps between hers (item 3, then item 9) would tell her how much
she is not shown. So her view numbers her items from 1, exhibit by exhibit in the order each was first
marked as the complainant's, then as read (``store.scope.her_item_numbers``), and the findings she sees
from 1 in the order they were shown to her (with those her findings name: the earlier finding a decision
was made on, her requests to stop a course of conduct counts), each number given once, in the write that
showed her the finding, and kept (``store.finding_numbers``): a finding asserting what one she was shown
asserted keeps its number when the analysers run again. No number she was given moves or names another
item or finding; one whose item or finding she no longer sees is a gap (it tells her only what she was
shown before). Her report, ``items``, ``search``, ``findings``, ``link``, ``record`` and
``review`` give and take these numbers; the review app names the same items and findings by opaque codes
(``web.ids``).
Every other role sees the case's ids; hers sees her numbers even while nothing is withheld from her (the
case's ids and hers are never both "finding 5" to her), and her report is her narrowed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection

from footprint.case import Case
from footprint.errors import FootprintError, NotFoundError, reworded
from footprint.model import Finding, Item, SearchHit
from footprint.review.decisions import no_finding
from footprint.store import finding_scope, scope
from footprint.store.copies import CopyRef
from footprint.store.finding_numbers import KEPT_FROM, claim_said, first_given, numbers_of, renumbered_at
from footprint.store.queries import RECORDED_ANALYSER

#: the case's ids in a message ("item 41", "finding #97", "link 3", "add a note to #97": a bare number is a
#: finding's); the review app rewords them as its opaque ids (``web.ids``)
NAMED_IDS = re.compile(r"(?:\b(item|finding|link) (#?)|(?<![\w#])#)(\d+)\b")
#: what stands in a message for an id with no number in her view (never the case's id)
NO_NUMBER = "(not numbered in the advocate's view)"


@dataclass(frozen=True)
class HerNumbers:
    """Her number for each case id she may see (``items``, ``findings``), and back."""

    items: Mapping[int, int]
    findings: Mapping[int, int]
    #: her number of each finding she sees now, to its case id (an earlier finding named beside one has its
    #: number too, ``findings``, but her number names the current one)
    current: Mapping[int, int] = field(default_factory=dict)
    _item_ids: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_item_ids", {n: i for i, n in self.items.items()})

    def item_id(self, hers: int) -> int | None:
        """The case's id of her item ``hers``, if she has one of that number."""
        return self._item_ids.get(hers)

    def finding_id(self, hers: int) -> int | None:
        """The case's id of her finding ``hers``, if she has one of that number."""
        return self.current.get(hers)

    def item(self, item: Item) -> Item:
        """``item`` under her number."""
        return replace(item, id=self.items[item.id])

    def details(self, value: dict[str, Any]) -> dict[str, Any]:
        """A finding's details or a link's evidence with every item it names under her number."""
        mapped: dict[str, Any] = scope.items_mapped(value, self.items.__getitem__)
        return mapped

    def finding(self, f: Finding) -> Finding:
        """``f`` under her number, with every item and finding it names under hers."""
        details = self.details(f.details)
        # the earlier finding decided on, by her number: none when she has none for it (a case-level one she
        # may see only since an exhibit was marked hers, after the current one was numbered)
        earlier = self.findings.get(f.earlier_decision[0]) if f.earlier_decision else None
        if "request_finding_ids" in details:
            details["request_finding_ids"] = [self.findings[i] for i in _requests(f)]
        return replace(
            f,
            id=self.findings[f.id],
            # an analyser's words may name findings by the case's ids ("a person confirmed finding #12"); a
            # person's are left as written (hers may use her numbers)
            explanation=f.explanation
            if f.analyser == RECORDED_ANALYSER
            else self.reword(f.explanation, bare=False),
            item_id=None if f.item_id is None else self.items[f.item_id],
            decided_on=None if f.decided_on is None else self.findings[f.decided_on],
            earlier_decision=None
            if earlier is None or f.earlier_decision is None
            else (earlier, f.earlier_decision[1]),
            earlier_case=None if earlier is None else f.earlier_case,
            details=details,
        )

    def hit(self, hit: SearchHit) -> SearchHit:
        """A search hit under her number for its item."""
        return replace(hit, item_id=self.items[hit.item_id])

    def copy_refs(self, found: Mapping[int, tuple[CopyRef, ...]]) -> dict[int, tuple[CopyRef, ...]]:
        """``CaseQueries.copy_refs`` (each first item with its copies) under her numbers."""
        return {
            self.items[first]: tuple(replace(c, item_id=self.items[c.item_id]) for c in copies)
            for first, copies in found.items()
        }

    def reword(self, message: str, *, bare: bool = True) -> str:
        """``message`` with the case's ids it names ("item 41", "finding #97") given as her numbers; a bare
        "#97" too unless not ``bare`` (an analyser's explanation may quote a message's "#1")."""

        def named(m: re.Match[str]) -> str:
            if m.group(1) is None and not bare:
                return m.group(0)
            kind = m.group(1) or "finding"
            said = f"{m.group(1)} {m.group(2)}" if m.group(1) else "#"
            numbered = {"item": self.items, "finding": self.findings}.get(kind, {})
            number = numbered.get(int(m.group(3)))
            return said + str(number) if number is not None else f"{kind} {NO_NUMBER}"

        return NAMED_IDS.sub(named, message)

    def reworded(self, exc: FootprintError) -> FootprintError:
        """``exc`` with its message in her numbers."""
        return reworded(exc, self.reword(str(exc)))


def finding_numbers(conn: Connection, found: Iterable[Finding]) -> dict[int, int]:
    """Her number for each finding she sees and each finding those name, as given when each was first
    shown to her (``store.finding_numbers``): the finding an earlier decision was made on asserted the
    same thing, so it has the same number."""
    found = list(found)
    named = {f.id for f in found} | {f.decisions_on for f in found}
    named |= {f.earlier_decision[0] for f in found if f.earlier_decision}
    named |= {i for f in found for i in _requests(f)}
    numbers = numbers_of(conn, named)
    for f in found:
        if f.decided_on is not None and f.decided_on not in numbers and f.id in numbers:
            numbers[f.decided_on] = numbers[f.id]  # shown to her only since it was replaced
    return numbers


def her_numbers(
    case: Case, found: Iterable[Finding] | None = None, *, items_only: bool = False
) -> HerNumbers | None:
    """Her numbers in ``case`` (opened in her role; ``found``: its findings, if already read; with
    ``items_only``, her items' alone), or None for a role that sees the whole case and so the case's ids.
    An advocate is given hers while nothing is withheld from her too: were she shown the case's ids then,
    "finding 5" would name one finding today and another once an exhibit is marked or unmarked."""
    if not case.store.supplied_only:
        return None
    found = [] if items_only else list(case.store.findings() if found is None else found)
    with case.store.unscoped_engine.connect() as conn:
        items = scope.her_item_numbers(conn)
        findings = finding_numbers(conn, found)
    return HerNumbers(items, findings, {findings[f.id]: f.id for f in found if f.id in findings})


def no_longer_current(case: Case, numbers: HerNumbers, number: int) -> FootprintError:
    """What is said of her finding ``number`` when no finding she sees now has it (``numbers``): one she
    was shown before (replaced when the analysers ran again, or on an exhibit no longer hers) or one never
    given (in a case upgraded to 0016, which renumbered her findings, the upgrade is named: upgrade
    review 1)."""
    with case.store.unscoped_engine.connect() as conn:
        first = first_given(conn, number)
        if first is None:
            upgraded = renumbered_at(conn)
            if upgraded is None:
                return no_finding(number)
            return NotFoundError(
                f"no finding {number} in your view: your finding numbers changed at the upgrade to schema"
                f" {KEPT_FROM} on {upgraded[:10]} (a number noted before it may name another finding now);"
                " run `footprint findings` to see the current numbers"
            )
        said = claim_said(conn, first) if finding_scope.is_visible(conn, first) else None
    again = "run `footprint findings` to see the current numbers"
    if said is None:  # on an exhibit no longer hers: what it said is not shown again
        return NotFoundError(
            f"finding {number} in your view is no longer shown to you: what it rests on is no longer in"
            f" your view; {again}"
        )
    return NotFoundError(
        f"finding {number} in your view was from an earlier analysis and is no longer current: its claim"
        f" {numbers.reword(said, bare=False)}; {again}"
    )


def _requests(f: Finding) -> list[int]:
    """The findings a course of conduct counts her request to stop from (``request_finding_ids``)."""
    ids = f.details.get("request_finding_ids")
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []
