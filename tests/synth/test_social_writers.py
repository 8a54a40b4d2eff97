"""The social-platform writers produce exports our parsers (and sniffing) read back exactly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from footprint.ingest import Source
from footprint.ingest.sniff import choose_parser
from footprint.synth import social_writers as w
from footprint.times import iso_utc
from tests.conftest import parse

CASES: list[tuple[str, str, Callable[[Path], None], int]] = [
    ("twitter_archive", "archive.zip", lambda p: w.write_twitter_archive(p, 5, 4), 9),
    ("messenger_json", "dyi.zip", lambda p: w.write_messenger_dyi(p, 25, per_page=10), 25),
    ("messenger_e2ee", "Ben Example_1.json", lambda p: w.write_messenger_e2ee(p, 6), 6),
    ("telegram_json", "result.json", lambda p: w.write_telegram_json(p, 7), 7),
    ("discord_json", "channel.json", lambda p: w.write_discord_json(p, 3), 3),
    ("discord_csv", "channel.csv", lambda p: w.write_discord_csv(p, 4), 4),
    ("instagram_json", "instagram-dyi.zip", lambda p: w.write_instagram_dyi(p, 5), 6),  # and a reaction
    ("jsonl_generic", "messages.jsonl", lambda p: w.write_jsonl(p, 3), 3),
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


def test_telegram_date_is_the_local_time_of_date_unixtime_for_every_message(tmp_path: Path) -> None:
    # 'date' stayed at the first message's time while date_unixtime moved on 37 s a message.
    path = tmp_path / "result.json"
    w.write_telegram_json(path, 7)
    result = parse("telegram_json", path)
    assert [(i.sent_at_raw, i.sent_at_utc) for i in result.items] == [
        (f"2023-11-14T22:{m:02d}:{s:02d}", f"2023-11-14T22:{m:02d}:{s:02d}Z")
        for m, s in ((13, 20), (13, 57), (14, 34), (15, 11), (15, 48), (16, 25), (17, 2))
    ]
    assert [i.sent_at_utc for i in result.items] == [
        iso_utc(datetime.fromtimestamp(w.message_ms(n) // 1000, UTC)) for n in range(7)
    ]
    assert result.ctx.decisions["exporter_offset"].startswith("+00:00 ")  # London, in GMT


def test_instagram_reaction_and_names_read_back_repaired(tmp_path: Path) -> None:
    path = tmp_path / "instagram-dyi.zip"
    w.write_instagram_dyi(path, 3)
    items = parse("instagram_json", path).items
    assert [(i.author.native_id if i.author else None, i.text) for i in items] == [
        ("ben_example", w.message_text(0)), ("zoe_example", "\u2764"),  # her reaction on it (instagram_json v5)
        ("zoe_example", w.message_text(1)), ("ben_example", w.message_text(2)),
    ]  # fmt: skip
    assert (items[0].details or {}).get("reactions") == "\u2764 by zoe_example at 2023-11-14T22:13:25Z"
