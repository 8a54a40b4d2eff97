"""Who supplied an exhibit: ``exhibit_supply``, one row each time an exhibit is marked as supplied by the
complainant, so a victim's advocate sees only what she supplied.

Exhibits are evidence records and are never rewritten: marking one adds a row here (who marked it, in
which role, when and why), and the rows themselves are append-only like the audit log (migration 0005):
an UPDATE or DELETE (and a TRUNCATE on PostgreSQL) fails. Exhibits added before this schema have no row:
nobody recorded who supplied them, so an advocate sees them only once a deciding user marks them
(`footprint exhibit supplied`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLE = "exhibit_supply"
MESSAGE = "is append-only: rows cannot be changed or removed (Footprint case database)"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exhibit_id", sa.Integer, sa.ForeignKey("exhibit.id"), nullable=False),
        sa.Column("supplied_by", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by_user", sa.Text, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_exhibit_supply_exhibit", TABLE, ["exhibit_id"])
    if op.get_bind().dialect.name == "postgresql":  # footprint_append_only() comes with 0005
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {TABLE}_no_{event.lower()} BEFORE {event} ON {TABLE}"
                " FOR EACH ROW EXECUTE FUNCTION footprint_append_only()"
            )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}"
            " FOR EACH STATEMENT EXECUTE FUNCTION footprint_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_{event.lower()} BEFORE {event} ON {TABLE}"
            f" BEGIN SELECT RAISE(ABORT, 'table {TABLE} {MESSAGE}'); END"
        )


def downgrade() -> None:
    op.drop_table(TABLE)  # its triggers go with it
