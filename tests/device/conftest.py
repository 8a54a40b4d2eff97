"""Shared by the matching tests: the index a test module's own ``folder`` of indicators loads, and the
short form of a match its assertions compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.device.indicators import IndicatorIndex, load_indicators


@pytest.fixture
def index(folder: Path) -> IndicatorIndex:
    return load_indicators(folder)


def summary(found: list) -> list[tuple[str, str, str, str]]:
    return [(f.kind, f.strength, f.app, f.matched_by) for f in found]
