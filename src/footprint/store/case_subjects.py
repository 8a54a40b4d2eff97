"""Which earlier decision a case-level finding is shown beside: the subject key of findings on no item.

An item-level finding made again in other words is shown beside the latest decision on an earlier finding
of the same analyser and category about the same item (``store.carried``). A case-level finding (a course
of conduct, an escalation, the law analyser's offence assessment: no item of its own, many behind it) has
no item to say what it is about, and a case holds one per suspect and complainant, so the same category is
not enough. Its **subject key**, computed on read from what the finding stores (no analyser writes it, no
column holds it):

- the analyser's name (not its version) and the category;
- the parties its details name: ``suspect`` and ``complainant`` (the conduct and law analysers name the
  pair they are about), ``account`` and ``person`` (an impersonation), a link's ``a`` and ``b`` (an account
  link on no item). A person renamed since is another subject.

Of the earlier findings (of runs no longer current) with the same key that a person decided on, the one
shown is the one whose items (every item its details name, ``scope.rests_on``) are most of all in this
one's, the one decided on last among those equal. It is named with the decision, never inherited, and
with how their items compare ("2 of its 3 item(s) are in this one, which rests on 4"): a person decides
again. An advocate (``scoped``) is shown only an earlier finding she may see."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import CompoundSelect, Connection, Select, select

from footprint.model import EarlierCase, Finding
from footprint.store import schema as t
from footprint.store.carried import Decided
from footprint.store.finding_details import read_details
from footprint.store.scope import rests_on

#: the keys of a case-level finding's details naming the parties it is about, in the order they are said
PARTIES = ("suspect", "complainant", "account", "person")
#: the keys of a link's details (``details.link``) naming the accounts it joins
LINKED = ("a", "b")

#: what a finding's subject is read from
_SUBJECTS = select(t.finding.c.id, t.finding.c.category, t.analysis_run.c.analyser, t.finding.c.details).join(
    t.analysis_run, t.analysis_run.c.id == t.finding.c.run_id
)


@dataclass(frozen=True)
class _Subject:
    """A case-level finding's subject key, and the items it rests on."""

    key: tuple[str, str, tuple[tuple[str, str], ...]]
    items: frozenset[int]

    @property
    def about(self) -> str:
        """Its parties in words: "John Smith → Jane Doe" for a suspect and complainant."""
        named = dict(self.key[2])
        if set(named) == {"suspect", "complainant"}:
            return f"{named['suspect']} → {named['complainant']}"
        return ", ".join(f"{k} {v}" for k, v in self.key[2])


def subject_of(analyser: str, category: str, details: dict[str, Any]) -> _Subject:
    """The subject key of a case-level finding of ``analyser`` in ``category`` with these ``details``."""
    parties = [(k, details[k]) for k in PARTIES if isinstance(details.get(k), str)]
    link = details.get("link")
    if isinstance(link, dict):
        parties += [(f"link {k}", link[k]) for k in LINKED if isinstance(link.get(k), str)]
    return _Subject((analyser, category, tuple(parties)), frozenset(rests_on(details)))


def earlier_case_pointers(
    conn: Connection,
    found: list[Finding],
    decided: Decided,
    current: CompoundSelect[tuple[int]],
    scoped: Callable[[Select[Any]], Select[Any]],
) -> list[Finding]:
    """``found`` (as ``store.carried.with_carried`` left them) with each case-level finding that shows no
    decision named beside the earlier one's about the same subject (:func:`earlier_case_decisions`)."""
    wanting = [
        (f.id, f.analyser, f.category, f.details) for f in found if f.item_id is None and f.decision is None
    ]
    if not wanting or not decided.by_case:
        return found
    earlier = earlier_case_decisions(conn, wanting, decided, current, scoped)
    return [
        replace(f, earlier_decision=earlier[f.id][:2], earlier_case=earlier[f.id][2])
        if f.id in earlier
        else f
        for f in found
    ]


def earlier_case_decisions(
    conn: Connection,
    wanting: Sequence[tuple[int, str, str, dict[str, Any]]],
    decided: Decided,
    current: CompoundSelect[tuple[int]],
    scoped: Callable[[Select[Any]], Select[Any]] = lambda query: query,
) -> dict[int, tuple[int, str, EarlierCase]]:
    """For each case-level finding ``wanting`` (its id, analyser, category and details, ``{}`` when not
    read: they are read here; none carries a decision),
    the earlier finding about the same subject a person decided on (module docstring), its decision and
    how it compares; ``current``: the runs whose findings are current (never an earlier one); ``scoped``
    narrows the earlier findings to those the reader may see."""
    kinds = {(analyser, category) for _, analyser, category, _ in wanting}
    latest = {i: d for kind in kinds for i, d in decided.by_case.get(kind, {}).items()}
    if not latest:
        return {}
    decided_on = _SUBJECTS.where(t.finding.c.id.in_(sorted(latest)), t.finding.c.run_id.not_in(current))
    earlier = [(int(r.id), _subject(r)) for r in conn.execute(scoped(decided_on))]
    if not earlier:
        return {}
    subjects = {i: subject_of(analyser, category, d) for i, analyser, category, d in wanting if d}
    unread = sorted(i for i, _, _, d in wanting if not d)
    subjects.update(
        (int(r.id), _subject(r)) for r in conn.execute(_SUBJECTS.where(t.finding.c.id.in_(unread)))
    )
    found: dict[int, tuple[int, str, EarlierCase]] = {}
    for finding_id, this in subjects.items():
        same = [(on, subject) for on, subject in earlier if subject.key == this.key]
        if not same:
            continue
        # most of its items in this one; among those equal, the one decided on last
        on, subject = max(same, key=lambda e: (len(e[1].items & this.items), latest[e[0]][1]))
        compared = EarlierCase(
            subject.about, len(subject.items & this.items), len(subject.items), len(this.items)
        )
        found[finding_id] = (on, latest[on][0], compared)
    return found


def _subject(row: Any) -> _Subject:
    return subject_of(row.analyser, row.category, read_details(row.details))
