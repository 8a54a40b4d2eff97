"""Which findings a supplied-only role (an advocate) sees, as conditions in SQL.

``store.scope`` states the rule: while any exhibit is withheld, a finding is shown only when every item
it rests on is on an exhibit the complainant supplied (its own item and every item its details name,
``scope.rests_on``), when it rests on at least one item, when it is not weighed over the whole case, when
an account link it records joins no account a withheld exhibit names, and when its words name no withheld
exhibit ("JD/1 line 6 (also PB/1 line 6)"). Each part is a condition on the ``finding`` row here, so the
database filters, counts and pages what she sees as it does for every other role: a page is never short
and "page N of M" is hers (they had been checked one by one in Python, after reading every finding).

The items a finding's details name are read with the database's JSON functions (``json_tree`` on SQLite,
a JSON path on PostgreSQL), by the rule ``scope.rests_on`` applies in Python: an integer under a key ending
``item_id``, at any depth, or in a list under a key holding ``item``. Only a reference to a withheld
exhibit is looked for in two steps: the database finds the findings whose words hold it at all, then
Python keeps those where it stands as a reference (not inside ``JD/10``), by ``scope.names_any``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Connection, Select, and_, literal_column, or_, select
from sqlalchemy.sql.elements import ColumnElement

from footprint.store import schema as t
from footprint.store import scope

# The item ids a finding's details name (``scope.rests_on``), for the ``finding`` row of the query around.
_NAMED_SQLITE = (
    "SELECT node.value AS named FROM json_tree(finding.details) AS node"
    " WHERE node.type = 'integer' AND typeof(node.key) = 'text' AND node.key GLOB '*item_id'"
    " UNION ALL SELECT element.value FROM json_tree(finding.details) AS node,"
    " json_each(node.value) AS element"
    " WHERE node.type = 'array' AND typeof(node.key) = 'text' AND node.key GLOB '*item*'"
    " AND element.type = 'integer'"
)
_MEMBERS_PG = (
    "jsonb_path_query(CAST(finding.details AS jsonb), 'strict $.** ? (@.type() == \"object\")')"
    " AS node(value)"
    " CROSS JOIN LATERAL jsonb_each(node.value) AS member"
)
_NAMED_PG = (
    f"SELECT CAST(member.value #>> '{{}}' AS numeric) AS named FROM {_MEMBERS_PG}"
    " WHERE right(member.key, 7) = 'item_id' AND jsonb_typeof(member.value) = 'number'"
    " AND member.value #>> '{}' ~ '^-?[0-9]+$'"
    f" UNION ALL SELECT CAST(element.value #>> '{{}}' AS numeric) FROM {_MEMBERS_PG}"
    " CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(member.value) = 'array'"
    " THEN member.value ELSE '[]' END) AS element(value)"
    " WHERE strpos(member.key, 'item') > 0 AND jsonb_typeof(element.value) = 'number'"
    " AND element.value #>> '{}' ~ '^-?[0-9]+$'"
)


def visible(conn: Connection, query: Select[Any]) -> Select[Any]:
    """``query`` (of the ``finding`` table, unaliased) narrowed to the findings a supplied-only role may
    see: every one while no exhibit is withheld."""
    withheld_refs = scope.withheld_refs(conn)
    if not withheld_refs:
        return query
    postgresql = conn.dialect.name == "postgresql"
    named = _NAMED_PG if postgresql else _NAMED_SQLITE
    seen = t.item.alias("seen")
    seen_ids = select(seen.c.id).where(seen.c.exhibit_id.in_(scope.supplied_exhibits()))
    seen_sql = f"SELECT seen.id FROM item AS seen WHERE seen.exhibit_id IN ({scope.SUPPLIED_SQL})"
    conditions: list[ColumnElement[bool]] = [
        t.finding.c.category.not_in(sorted(scope.WHOLE_CASE_CATEGORIES)),
        or_(t.finding.c.item_id.is_(None), t.finding.c.item_id.in_(seen_ids)),
        or_(t.finding.c.item_id.is_not(None), _sql(f"EXISTS ({named})")),
        _sql(f"NOT EXISTS (SELECT 1 FROM ({named}) AS rests WHERE rests.named NOT IN ({seen_sql}))"),
        *_joins_no_hidden_account(conn, postgresql),
        _names_no_withheld_exhibit(conn, query, withheld_refs),
    ]
    return query.where(and_(*conditions))


def _joins_no_hidden_account(conn: Connection, postgresql: bool) -> list[ColumnElement[bool]]:
    """An account link's accounts (``details.link.a`` and ``.b``), none named by a withheld exhibit."""
    ids = sorted(scope.withheld_accounts(conn))
    if not ids:
        return []
    hidden = sorted(conn.execute(select(t.account.c.key).where(t.account.c.id.in_(ids))).scalars())
    found = []
    for end in ("a", "b"):
        account: ColumnElement[Any] = literal_column(
            f"CAST(finding.details AS jsonb) -> 'link' ->> '{end}'"
            if postgresql
            else f"json_extract(finding.details, '$.link.{end}')"
        )
        found.append(or_(account.is_(None), account.not_in(hidden)))
    return found


def _names_no_withheld_exhibit(conn: Connection, query: Select[Any], refs: set[str]) -> ColumnElement[bool]:
    """The finding's words (explanation, details as stored) name no withheld exhibit: those that hold a
    reference's text at all are found in the database, and those among them where it stands as a reference
    are kept out (the others, ``JD/10`` when ``JD/1`` is withheld, are let through by id)."""
    holds = or_(
        *(
            column.contains(ref, autoescape=True)
            for ref in sorted(refs)
            for column in (t.finding.c.explanation, t.finding.c.details)
        )
    )
    rows = conn.execute(
        query.with_only_columns(t.finding.c.id, t.finding.c.explanation, t.finding.c.details)
        .where(holds)
        .group_by(None)
        .order_by(None)
    ).all()
    only_text = [r.id for r in rows if not scope.names_any(f"{r.explanation} {r.details}", refs)]
    return or_(~holds, t.finding.c.id.in_(only_text)) if only_text else ~holds


def _sql(condition: str) -> ColumnElement[bool]:
    """A condition written in SQL (it names the ``finding`` row of the query around it)."""
    return literal_column(condition, Boolean)


def is_visible(conn: Connection, finding_id: int) -> bool:
    """Whether a supplied-only role may see finding ``finding_id`` (of any run)."""
    query = select(t.finding.c.id).where(t.finding.c.id == finding_id)
    return conn.execute(visible(conn, query)).first() is not None
