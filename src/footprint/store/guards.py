"""The database's own append-only guards (migrations 0005, 0007-0010, 0012, 0013, 0015, 0016, 0019) and
which a case has lost."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

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
    "suggestion",
)
#: the end of the error a guard raises (after "table NAME ")
APPEND_ONLY = "is append-only: rows cannot be changed or removed (Footprint case database)"
_EVENTS = {"update": "changed", "delete": "removed"}
_PG_EVENTS = {**_EVENTS, "truncate": "emptied"}
#: the PostgreSQL guards' names
_NAMES = {f"{table}_no_{event}" for table in GUARDED for event in _PG_EVENTS}


#: pg_trigger.tgtype's bits: for each row, before the event, and each event's own
_ROW, _BEFORE = 1, 2
_PG_EVENT_BITS = {"delete": 8, "update": 16, "truncate": 32}
#: the function migration 0005 made, which every PostgreSQL guard calls, and its body (whitespace aside)
_PG_FUNCTION = "footprint_append_only"
_PG_BODY = f"BEGIN RAISE EXCEPTION 'table % {APPEND_ONLY}', TG_TABLE_NAME; END"
#: pg_trigger.tgenabled: the states in which a trigger fires for an ordinary session ("origin"): as made
#: (``O``) and ALWAYS (``A``); REPLICA (``R``) fires only under session_replication_role = replica, and
#: DISABLED (``D``) never
_PG_FIRES = ("O", "A")
_PG_ORIGIN = "O"
_PG_REPLICA = (
    "is enabled only for replication (ENABLE REPLICA TRIGGER: it fires only in a session whose"
    " session_replication_role is replica)"
)


#: a default of session_replication_role = replica kept for a database, a role, or a role in a database
#: (``ALTER DATABASE … SET``, ``ALTER ROLE … SET``, ``ALTER ROLE … IN DATABASE … SET``): those of this
#: database and of every database, with the names of each (``None``: all)
_PG_DEFAULTS = text(
    "SELECT d.datname, r.rolname, s.setconfig FROM pg_db_role_setting s"
    " LEFT JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles r ON r.oid = s.setrole"
    " WHERE s.setdatabase = 0 OR d.datname = current_database()"
    " ORDER BY d.datname NULLS FIRST, r.rolname NULLS FIRST"
)
#: where this session's value came from (``pg_settings.source``), when no kept default above explains it
_PG_SOURCES = {
    "configuration file": (
        "the server's configuration (postgresql.conf, or ALTER SYSTEM)",
        "ALTER SYSTEM RESET session_replication_role; SELECT pg_reload_conf() (or remove it from"
        " postgresql.conf and reload)",
    ),
    "client": (
        "the options Footprint's connection was made with (PGOPTIONS, or options in the database URL)",
        "remove it from those options",
    ),
}
_PG_KEPT_SOURCES = ("database", "user", "database user")
_PG_BYPASSED = (
    "so the append-only guards do not fire in the sessions it applies to (under it only triggers set ENABLE"
    " ALWAYS or ENABLE REPLICA fire, and the guards are made ENABLE) and rows of the guarded tables can be"
    " changed or removed there (changed outside Footprint)"
)


def missing_guards(engine: Engine) -> list[str]:
    """One plain-English problem per append-only trigger that is missing, disabled or no longer refuses
    what it was made to refuse (a trigger of the same name that lets rows go is no guard); on PostgreSQL,
    one per default that puts ordinary sessions in replication mode, where no guard fires."""
    postgresql = engine.dialect.name == "postgresql"
    replica: set[str] = set()  # guards that fire only for replication (PostgreSQL)
    problems: list[str] = []
    with engine.connect() as conn:
        if postgresql:
            rows = conn.execute(
                text(
                    "SELECT t.tgname, t.tgenabled, c.relname, t.tgtype, t.tgqual IS NULL AND t.tgnargs = 0,"
                    " p.proname, p.prosrc FROM pg_trigger t"
                    " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid"
                    " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND pg_table_is_visible(c.oid)"
                )
            ).all()
            present = {name: _pg_refuses(name, *rest) for name, _, *rest in rows}
            replica = {name for name, enabled, *_ in rows if enabled not in _PG_FIRES}
            if any(
                enabled == _PG_ORIGIN and name in _NAMES for name, enabled, *_ in rows
            ):  # off under replica
                problems.extend(_replica_defaults(conn))
        else:
            rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
            present = {name: sql == _sqlite_guard(name) for name, sql in rows}
    for table in GUARDED:
        for event, done in (_PG_EVENTS if postgresql else _EVENTS).items():
            name = f"{table}_no_{event}"
            if name not in present:
                problems.append(
                    f"database guard {name} is missing or disabled, so rows of table {table} can be {done}"
                    " (changed outside Footprint)"
                )
            elif name in replica:
                problems.append(
                    f"database guard {name} {_PG_REPLICA}, so in ordinary sessions rows of table {table} can"
                    f" be {done} (changed outside Footprint)"
                )
            elif not present[name]:
                problems.append(
                    f"database guard {name} was changed and no longer refuses, so rows of table {table} can"
                    f" be {done} (changed outside Footprint)"
                )
    return problems


def _replica_defaults(conn: Connection) -> list[str]:
    """A problem for each default of ``session_replication_role = replica`` that applies to sessions in this
    database (kept for it, for a role, or for a role in it), naming the statement that undoes it; and one
    for this session's own, when it is replica from elsewhere (the server's configuration, the connection's
    options)."""
    problems = []
    for database, role, settings in conn.execute(_PG_DEFAULTS):
        if not any(_is_replica(setting) for setting in settings or ()):
            continue
        if role is None:
            whom = f"the database {database}" if database else "every role in every database"
            undo = f"ALTER DATABASE {_ident(database)}" if database else "ALTER ROLE ALL"
        else:
            whom = f"the role {role}" + (f" in the database {database}" if database else " in every database")
            undo = f"ALTER ROLE {_ident(role)}" + (f" IN DATABASE {_ident(database)}" if database else "")
        problems.append(
            f"database guards: session_replication_role is set to replica by default for {whom},"
            f" {_PG_BYPASSED}; undo it with: {undo} RESET session_replication_role"
        )
    setting, source = conn.execute(
        text("SELECT setting, source FROM pg_settings WHERE name = 'session_replication_role'")
    ).one()
    if setting == "replica" and source not in _PG_KEPT_SOURCES:
        whence, undo = _PG_SOURCES.get(source, (f"this session ({source})", "set it back to origin"))
        problems.append(
            f"database guards: this session's session_replication_role is replica, set by {whence},"
            f" {_PG_BYPASSED}; undo it: {undo}"
        )
    return problems


def _is_replica(setting: str) -> bool:
    """Whether a ``pg_db_role_setting`` entry (``name=value``) sets session_replication_role to replica."""
    name, _, value = setting.partition("=")
    return (
        name.strip().lower() == "session_replication_role" and value.strip().strip("'\"").lower() == "replica"
    )


def _ident(name: str) -> str:
    """``name`` quoted as a PostgreSQL identifier (it is hostile text: quotes in it are doubled)."""
    return '"' + name.replace('"', '""') + '"'


def _sqlite_guard(name: str) -> str | None:
    """The statement ``append_only.guard`` (and migration 0005) made trigger ``name`` with."""
    table, _, event = name.rpartition("_no_")
    if table not in GUARDED or event not in _EVENTS:
        return None
    return (
        f"CREATE TRIGGER {name} BEFORE {event.upper()} ON {table}"
        f" BEGIN SELECT RAISE(ABORT, 'table {table} {APPEND_ONLY}'); END"
    )


def _pg_refuses(name: str, table: str, kind: int, plain: bool, function: str, source: str) -> bool:
    """Whether PostgreSQL trigger ``name`` on ``table`` is the one the migrations made: before its event,
    ``plain`` (no WHEN condition, no arguments), calling Footprint's function with the body migration 0005
    gave it (a condition, or a body changed to raise only sometimes, lets rows go)."""
    guarded, _, event = name.rpartition("_no_")
    bit = _PG_EVENT_BITS.get(event)
    if bit is None or guarded != table or not plain or function != _PG_FUNCTION:
        return False
    if " ".join(source.split()) != _PG_BODY:  # whitespace aside
        return False
    row = _ROW if event != "truncate" else 0
    return kind & (_ROW | _BEFORE | bit) == row | _BEFORE | bit
