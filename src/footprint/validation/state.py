"""Everything that makes up a case, as plain data: to show that a failed change left it as it was."""

from __future__ import annotations

from sqlalchemy import select

from footprint.case import Case
from footprint.store import schema


def case_state(case: Case) -> dict[str, object]:
    """Every table's rows, the vault's files and the audit head of ``case``."""
    tables: dict[str, object] = {}
    with case.store.engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            tables[table.name] = [tuple(r) for r in conn.execute(select(table))]
    vault = sorted(str(p.relative_to(case.dir)) for p in (case.dir / "vault").rglob("*") if p.is_file())
    head = (case.dir / "audit.head").read_text() if (case.dir / "audit.head").exists() else None
    return {"tables": tables, "vault": vault, "head": head}
