"""Alembic environment: run migrations on the connection Footprint hands over."""

from __future__ import annotations

from alembic import context

from footprint.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - Footprint always passes a connection
    raise RuntimeError("footprint migrations run through footprint.store.engine.migrate()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
