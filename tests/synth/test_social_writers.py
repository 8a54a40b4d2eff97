"""The social-platform writers produce exports our parsers (and sniffing) read back exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from footprint.ingest import Source
from footprint.ingest.sniff import choose_parser
from footprint.synth import social_writers as w
from tests.conftest import parse

CASES: list[tuple[str, str, Callable[[Path], None], int]] = [
    ("twitter_archive", "archive.zip", lambda p: w.write_twitter_archive(p, 5, 4), 9),
    ("messenger_json", "dyi.zip", lambda p: w.write_messenger_dyi(p, 25, per_page=10), 25),
    ("messenger_e2ee", "Ben Example_1.json", lambda p: w.write_messenger_e2ee(p, 6), 6),
    ("telegram_json", "result.json", lambda p: w.write_telegram_json(p, 7), 7),
    ("discord_json", "channel.json", lambda p: w.write_discord_json(p, 3), 3),
    ("discord_csv", "channel.csv", lambda p: w.write_discord_csv(p, 4), 4),
]


@pytest.mark.parametrize(("parser", "name", "write", "count"), CASES, ids=[c[0] for c in CASES])
def test_written_export_reads_back(
    parser: str, name: str, write: Callable[[Path], None], count: int, tmp_path: Path
) -> None:
    path = tmp_path / name
    write(path)
    with Source(path) as source:
        assert choose_parser(source).name == parser
    result = parse(parser, path)
    assert len(result.items) == count
    assert result.warnings == []
    texts = sorted(i.text for i in result.items if i.kind != "system")
    assert any("(#0)" in t for t in texts)


def test_messenger_pages_come_out_oldest_first_with_mojibake_repaired(tmp_path: Path) -> None:
    path = tmp_path / "dyi.zip"
    w.write_messenger_dyi(path, 25, per_page=10)
    items = parse("messenger_json", path).items
    assert [i.sent_at_utc for i in items] == sorted(i.sent_at_utc or "" for i in items)
    assert {i.author.display_name for i in items if i.author} == {"Ben Example", "Zoë Example"}
