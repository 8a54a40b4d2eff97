"""Which exhibits a role may see: the one rule every read of the case goes through.

A victim's advocate sees only what the complainant supplied (an exhibit whose newest ``exhibit_supply`` row
names her: a later row that withdraws the mark takes it away again);
every other role sees the whole case. What rests on evidence is visible only when all of it is: an item
when its exhibit is, a finding when every item it rests on is, an account when every exhibit naming it
is, a link when both its accounts and every item behind it are. A read that cannot be narrowed this way
refuses (:class:`~footprint.errors.WithheldError`) while any exhibit is withheld: deny by default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Select, func, select, union

from footprint.errors import WithheldError
from footprint.store import schema as t

#: roles that see only the exhibits the complainant supplied
SUPPLIED_ONLY_ROLES = frozenset({"advocate"})
#: who an ``exhibit_supply`` row says supplied the exhibit
SUPPLIER = "complainant"
#: an ``exhibit_supply`` row that withdraws the mark before it (`exhibit supplied --withdraw`)
WITHDRAWN = "withdrawn"
#: the ids of the exhibits whose newest ``exhibit_supply`` row names the complainant, as SQL
SUPPLIED_SQL = (
    f"SELECT exhibit_id FROM exhibit_supply WHERE supplied_by = '{SUPPLIER}'"
    " AND id IN (SELECT max(id) FROM exhibit_supply GROUP BY exhibit_id)"
)
#: case-level findings weighed over the whole case (an element "missing" may rest on what is withheld)
WHOLE_CASE_CATEGORIES = frozenset({"offence_assessment"})


def supplied_only(role: str) -> bool:
    """Whether a user acting in ``role`` sees only the exhibits the complainant supplied."""
    return role in SUPPLIED_ONLY_ROLES


def supplied_exhibits() -> Select[tuple[int]]:
    """The ids of the exhibits marked as supplied by the complainant (the newest mark of each decides)."""
    supply = t.exhibit_supply.c
    newest = select(func.max(supply.id)).group_by(supply.exhibit_id)
    return select(supply.exhibit_id).where(supply.id.in_(newest), supply.supplied_by == SUPPLIER)


def withheld_count(conn: Connection) -> int:
    """How many exhibits a supplied-only role may not see."""
    query = select(func.count()).select_from(t.exhibit).where(t.exhibit.c.id.not_in(supplied_exhibits()))
    return int(conn.execute(query).scalar_one())


def refuse(role: str, withheld: int, what: str, remedy: str = WithheldError.REMEDY) -> WithheldError:
    """The refusal of ``what`` to ``role`` while ``withheld`` exhibits are withheld (``remedy``: what she
    may do instead)."""
    return WithheldError(role, withheld, what, remedy)


def withheld_accounts(conn: Connection) -> set[int]:
    """Accounts named (as author, recipient or chat member) by an exhibit a supplied-only role may not see."""
    hidden = t.exhibit.c.id.not_in(supplied_exhibits())
    hidden_items = select(t.item.c.id).join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id).where(hidden)
    query = union(
        select(t.item.c.author_account_id.label("id"))
        .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .where(hidden, t.item.c.author_account_id.is_not(None)),
        select(t.recipient.c.account_id).where(t.recipient.c.item_id.in_(hidden_items)),
        select(t.conversation_member.c.account_id).where(
            t.conversation_member.c.exhibit_id.not_in(supplied_exhibits())
        ),
    )
    return {int(r[0]) for r in conn.execute(query)}


def visible_items(conn: Connection, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` whose exhibit the complainant supplied."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    query = select(t.item.c.id).where(t.item.c.id.in_(wanted), t.item.c.exhibit_id.in_(supplied_exhibits()))
    return {int(r[0]) for r in conn.execute(query)}


def rests_on(value: Any) -> Iterator[int]:
    """Every item id a finding's details or a link's evidence names: an integer under a key ending
    ``item_id`` (``item_id``, ``request_item_id``), integers in a list under a key naming items
    (``item_ids``, ``items``, ``her_items_since_request``). Deny by default: a new detail naming items
    this way is covered."""
    found: list[int] = []
    _collect(value, found)
    return iter(found)


def _collect(value: Any, found: list[int]) -> None:
    """The ids :func:`rests_on` finds in ``value``, appended to ``found`` in the order it names them (a
    call for containers alone: the law analyser's assessment holds some 400,000 values on 20,000 items)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            named = _names_items(key, inner)
            if named == "one":
                found.append(inner)
            elif named == "list":
                found.extend(i for i in inner if _is_id(i))
            if isinstance(inner, dict | list):
                _collect(inner, found)
    elif isinstance(value, list):
        for inner in value:
            if isinstance(inner, dict | list):
                _collect(inner, found)


def items_mapped(value: Any, to: Callable[[int], int]) -> Any:
    """``value`` (a finding's details, a link's evidence) with every item id :func:`rests_on` finds in it
    replaced by ``to(id)``: the numbers an advocate's view gives them (``footprint.her_numbers``)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            named = _names_items(key, inner)
            if named == "one":
                out[key] = to(inner)
            elif named == "list":
                out[key] = [to(i) if _is_id(i) else items_mapped(i, to) for i in inner]
            else:
                out[key] = items_mapped(inner, to)
        return out
    if isinstance(value, list):
        return [items_mapped(inner, to) for inner in value]
    return value


def _names_items(key: str, inner: Any) -> str:
    """How a detail's ``key`` names items: ``one`` id, a ``list`` of them, or not ("")."""
    if key.endswith("item_id") and _is_id(inner):
        return "one"
    if "item" in key and isinstance(inner, list):
        return "list"
    return ""


def her_item_numbers(conn: Connection) -> dict[int, int]:
    """The number a supplied-only role's view gives each item it sees now: exhibit by exhibit in the order
    they were first marked as the complainant's, then as read, counted over every exhibit ever so marked.
    An exhibit marked later is numbered after those she already had, and one whose mark is withdrawn leaves
    its numbers unused (marked again, it has them back), so no number she was given moves or names another
    item."""
    supply = t.exhibit_supply.c
    first = (
        select(supply.exhibit_id, func.min(supply.id).label("mark"))
        .where(supply.supplied_by == SUPPLIER)
        .group_by(supply.exhibit_id)
        .subquery()
    )
    query = (
        select(t.item.c.id, t.item.c.exhibit_id.in_(supplied_exhibits()).label("hers"))
        .join(first, first.c.exhibit_id == t.item.c.exhibit_id)
        .order_by(first.c.mark, t.item.c.id)
    )
    rows = conn.execute(query).all()
    return {int(r.id): n for n, r in enumerate(rows, start=1) if r.hers}


def withheld_refs(conn: Connection) -> set[str]:
    """The references of the exhibits a supplied-only role may not see."""
    query = select(t.exhibit.c.ref).where(t.exhibit.c.id.not_in(supplied_exhibits()))
    return set(conn.execute(query).scalars())


def names_any(text: str, refs: set[str]) -> bool:
    """Whether ``text`` names one of the exhibit references ``refs`` ("… (also PB/1 line 6)")."""
    return any(re.search(rf"(?<![\w/]){re.escape(ref)}(?![\w/])", text) for ref in refs)


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
