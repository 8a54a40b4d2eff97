"""Fixtures for the report tests: the planted case."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case

from .planted import build_case


@pytest.fixture
def report_case(case: Case, tmp_path: Path) -> Case:
    return build_case(case, tmp_path / "inputs")
