"""How reads sort: text by code point, and stored UTC times by the time itself, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, func
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
    code point on both (``bytewise``). A NULL time gives a NULL key. No index serves it: sorting by it
    costs a sort in the database (``docs/store.md``, "Time order").
    """
    seconds = func.substr(column, 1, 19, type_=String)
    fraction = func.replace(func.substr(column, 21, type_=String), "Z", "", type_=String).concat("000000")
    return bytewise(seconds.concat(".").concat(func.substr(fraction, 1, 6, type_=String)))


def utc_order_sql(column: ColumnElement[Any], dialect: Dialect) -> str:
    """``utc_order(column)`` as SQL text, for the queries written as text (search)."""
    return str(utc_order(column).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
