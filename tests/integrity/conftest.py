"""A case on SQLite and on PostgreSQL, for the checks that differ between them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.settings import Settings
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Case]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    yield case
    case.close()
