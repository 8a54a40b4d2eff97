"""A read of findings that carries the details of only some of them.

A finding's details can be big: the law analyser's one offence assessment was 30 MB of JSON on a case of
20,000 items before it named each item once, 3.4 MB after (docs/benchmarks.md). A reader that never uses
some findings' details (the conduct analysers, ``finding_marks``; the report, which computes the offence
matrix afresh) reads them as NULL and gets ``{}``, rather than parsing them whole."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, case

from footprint.store import schema as t


def details_where(wanted: ColumnElement[bool]) -> ColumnElement[Any]:
    """The ``details`` column of the findings ``wanted`` picks out, NULL for the others."""
    return case((wanted, t.finding.c.details), else_=None).label("details")


def finding_columns(without_details: Collection[str]) -> list[ColumnElement[Any]]:
    """Every column of a finding, its details NULL for the categories ``without_details``."""
    wanted = t.finding.c.category.not_in(sorted(without_details))
    return [c for c in t.finding.c if c.name != "details"] + [details_where(wanted)]


def read_details(stored: str | None) -> dict[str, Any]:
    """A finding's details as read (``{}`` where they were not read)."""
    found: dict[str, Any] = json.loads(stored) if stored is not None else {}
    return found
