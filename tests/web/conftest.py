"""Fixtures for the review app: the report tests' planted case (hostile text included), served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.settings import Settings
from footprint.web import create_app
from tests.report.planted import build_case


@pytest.fixture
def planted(case: Case, tmp_path: Path) -> Case:
    return build_case(case, tmp_path / "inputs")


@pytest.fixture
def client(planted: Case, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(planted.dir, settings), follow_redirects=False) as test_client:
        yield test_client


def finding_id(case: Case, category: str) -> int:
    return next(f.id for f in case.store.findings() if f.category == category)
