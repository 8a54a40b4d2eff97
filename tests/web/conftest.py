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

LOCAL = "http://127.0.0.1:8765"  # with no users the app answers only requests addressed to this computer


@pytest.fixture
def planted(case: Case, tmp_path: Path) -> Case:
    return build_case(case, tmp_path / "inputs")


@pytest.fixture
def client(planted: Case, settings: Settings) -> Iterator[TestClient]:
    app = create_app(planted.dir, settings)
    with TestClient(app, base_url=LOCAL, follow_redirects=False) as test_client:
        yield test_client


def finding_id(case: Case, category: str) -> int:
    return next(f.id for f in case.store.findings() if f.category == category)
