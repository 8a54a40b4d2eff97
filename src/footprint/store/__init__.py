"""The case store: SQLAlchemy Core schema, migrations, and the one class that writes SQL."""

from __future__ import annotations

from footprint.store.case_store import CaseStore

__all__ = ["CaseStore"]
