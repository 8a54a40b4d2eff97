"""Fixtures for the report tests: the planted case."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case
from footprint.integrity.rows import RowCheck

from .planted import build_case


@pytest.fixture
def report_case(case: Case, tmp_path: Path) -> Case:
    return build_case(case, tmp_path / "inputs")


@pytest.fixture
def unchecked_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip `verify`'s row checks in `report`, for a test that plants a row's value straight into the
    database to make its case (which the checks would refuse: ``test_row_checks.py``)."""
    monkeypatch.setattr("footprint.report.build.check_case_rows", lambda case: RowCheck())
