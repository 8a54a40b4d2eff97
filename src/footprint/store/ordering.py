"""How reads sort: text by code point, and stored UTC times by the time itself, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, func, literal_column
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


class bytewise(FunctionElement[Any]):  # noqa: N801 - reads as a function in queries
    """Sort or compare a text column by its bytes (code points), as SQLite does on every server.

    PostgreSQL otherwise uses the database's collation, which on a server set up for British English
    puts "alex" before "Bob"; the same case would then list people and accounts in another order.
    """

    name = "bytewise"
    inherit_cache = True


@compiles(bytewise)
def _bytewise(element: bytewise, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(bytewise, "postgresql")
def _bytewise_pg(element: bytewise, compiler: Any, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "C"'


def utc_order(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """A stored UTC time as the key ``footprint.times.utc_order_key`` makes, in SQL: time order.

    ``substr``, ``replace`` and ``||`` mean the same on SQLite and PostgreSQL, and the key is compared by
    code point on both (``bytewise``). A NULL time gives a NULL key. Its constants are written into the
    SQL, not bound, so the key of ``item.sent_at_utc`` is the expression ``ix_item_time`` indexes (migration
    0014, ``ITEM_TIME_KEY``): a database matches an index on an expression only to the same expression.
    """
    seconds = func.substr(column, _sql("1"), _sql("19"), type_=String)
    fraction = func.replace(
        func.substr(column, _sql("21"), type_=String), _sql("'Z'"), _sql("''"), type_=String
    )
    six = func.substr(fraction.concat(_sql("'000000'")), _sql("1"), _sql("6"), type_=String)
    return bytewise(seconds.concat(_sql("'.'")).concat(six))


def _sql(constant: str) -> ColumnElement[Any]:
    return literal_column(constant, String)


def utc_order_sql(column: ColumnElement[Any], dialect: Dialect) -> str:
    """``utc_order(column)`` as SQL text, for the queries written as text (search)."""
    return str(utc_order(column).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
