"""The database's own append-only guards (migrations 0005, 0007-0010, 0012, 0013, 0015, 0016) and which a case
has lost."""

from __future__ import annotations

from sqlalchemy import Engine, text

# tables whose rows are never changed or removed; PostgreSQL also refuses TRUNCATE (it skips row triggers)
GUARDED = (
    "audit",
    "decision",
    "order_service",
    "exhibit_supply",
    "item_copy",
    "order_notice",
    "exhibit_owner",
    "analysis",
    "access_log",
    "finding_number",
)
_EVENTS = {"update": "changed", "delete": "removed"}
_PG_EVENTS = {**_EVENTS, "truncate": "emptied"}


def missing_guards(engine: Engine) -> list[str]:
    """One plain-English problem per append-only trigger that is missing or disabled."""
    postgresql = engine.dialect.name == "postgresql"
    with engine.connect() as conn:
        if postgresql:
            rows = conn.execute(
                text(
                    "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND pg_table_is_visible(c.oid)"
                )
            )
        else:
            rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        present = {name for (name,) in rows}
    return [
        f"database guard {table}_no_{event} is missing or disabled, so rows of table {table} can be {done}"
        " (changed outside Footprint)"
        for table in GUARDED
        for event, done in (_PG_EVENTS if postgresql else _EVENTS).items()
        if f"{table}_no_{event}" not in present
    ]
