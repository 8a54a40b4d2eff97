"""The numbers an advocate's view gives findings, kept: ``finding_number`` (``store.finding_numbers``).

Her finding numbers had been counted afresh by every read, from 1 over the findings she was shown, so they
moved when the analysers ran again or an exhibit was marked hers or its mark withdrawn: a number she noted
could name another finding in `review N --note`. They are now given once, in the write that shows her a
finding, and kept; a finding asserting the same thing as one she was shown keeps its number. The findings
she is shown now are numbered here from 1 in the order of their ids. That is not always how her view
numbered them before: a case made before 10:51 on 30 November showed her the case's ids, and an earlier
finding a decision carried from now shares the number of the finding it carried to, so later numbers
close up. `case upgrade` says so and records it (``finding_numbers.RENUMBERED``), and a number she no
longer has is refused naming this upgrade (``her_numbers.no_longer_current``).
Append-only, guarded as ``audit`` is (0005).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footprint.store.finding_numbers import give_numbers
from footprint.store.migrations.append_only import guard, unguard

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TABLE = "finding_number"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column(
            "finding_id", sa.Integer, sa.ForeignKey("finding.id"), primary_key=True, autoincrement=False
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("claim", sa.String(64), nullable=False),
    )
    op.create_index("ix_finding_number_number", TABLE, ["number"])
    op.create_index("ix_finding_number_claim", TABLE, ["claim"])
    guard(TABLE)
    give_numbers(op.get_bind())


def downgrade() -> None:
    unguard(TABLE)
    op.drop_table(TABLE)  # its indexes and triggers go with it
