"""Epoch numbers as ISO UTC text (``epoch_to_iso``, made from tables since 29 Nov 2026): the same text
``datetime.strftime`` gave, at the edges of a day and of the range, with and without milliseconds."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from footprint.ingest._social import epoch_to_iso


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [
        (0, 1, "1970-01-01T00:00:00Z"),
        ("86399", 1, "1970-01-01T23:59:59Z"),
        (" 1700000000 ", 1, "2023-11-14T22:13:20Z"),
        (1709164800, 1, "2024-02-29T00:00:00Z"),
        (253402300799, 1, "9999-12-31T23:59:59Z"),
        (253402300800, 1, None),
        (-1, 1, None),
        (1700000000123, 1000, "2023-11-14T22:13:20.123Z"),
        ("1700000000007", 1000, "2023-11-14T22:13:20.007Z"),
        (1700000000000.0, 1000, "2023-11-14T22:13:20Z"),
        (1.5, 1, None),
        (True, 1, None),
        ("17e8", 1, None),
    ],
)
def test_epoch_edges(value: object, scale: int, expected: str | None) -> None:
    assert epoch_to_iso(value, scale) == expected


def test_epochs_read_as_strftime_reads_them() -> None:
    rng = random.Random(29)
    for seconds in [rng.randrange(0, 253402300800) for _ in range(2000)]:
        assert epoch_to_iso(seconds) == datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
