"""`verify` names the one item and field that changed, reading the original again from the vault."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from PIL import Image
from sqlalchemy import text

from footprint.case import Case
from footprint.ingest import ParseContext, Source, parsers
from footprint.integrity import verify_case
from footprint.model import ParsedItem
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.validation.integrity_checks import tamper_sql
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

LONG_CHAT = "".join(f"14/03/2024, 10:{m:02d} - Ann Example: message {m}\n" for m in range(40))
WHATSAPP = parsers.get("whatsapp")
READ_BY = f"the original read again by whatsapp version {WHATSAPP.version} gives"
AT = "from what `add` recorded at audit entry 2"
DATA = Path(__file__).parent.parent / "data"


def _long(case: Case, folder: Path, **options: Any) -> Case:
    (folder / "long.txt").write_text(LONG_CHAT, encoding="utf-8")
    add_exhibit(case, folder / "long.txt", AddOptions(producer="Jane Doe", **options))
    return case


def test_a_changed_text_is_named_by_its_item_and_field(case: Case, tmp_path: Path) -> None:
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 20")
    report = verify_case(case)
    assert (report.problems, report.notes) == (
        [
            f'item 20 (line 20) of JD/1: text differs {AT}: the case holds "I will kill you tonight", {READ_BY} "message 19"'
        ],
        [],
    )


def test_a_changed_time_is_named_by_its_item_and_field(case: Case, tmp_path: Path) -> None:
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET sent_at_utc = '2024-03-14T23:59:00Z' WHERE id = 5")
    assert verify_case(case).problems == [
        f'item 5 (line 5) of JD/1: times differ {AT}: the case holds "2024-03-14T23:59:00Z", {READ_BY}'
        ' "2024-03-14T10:04:00Z"'
    ]


def test_several_fields_of_one_item_and_two_items_are_each_named(case: Case, tmp_path: Path) -> None:
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET author_name = 'Ben Example', deleted = 1 WHERE id = 3")
    tamper_sql(case, "UPDATE item SET text = 'and you' WHERE id = 40")
    assert verify_case(case).problems == [
        f'item 3 (line 3) of JD/1: author differs {AT}: the case holds "Ben Example", {READ_BY} "Ann Example"',
        f'item 3 (line 3) of JD/1: flags differ {AT}: the case holds "true", {READ_BY} "false"',
        f'item 40 (line 40) of JD/1: text differs {AT}: the case holds "and you", {READ_BY} "message 39"',
    ]


def test_a_hostile_text_is_shown_short_and_escaped(case: Case, tmp_path: Path) -> None:
    _long(case, tmp_path)
    hostile = "\x1b[2J\u202egone\n" + "x" * 100
    tamper_sql(case, f"UPDATE item SET text = '{hostile}' WHERE id = 7")
    (problem,) = verify_case(case).problems
    assert problem == (
        f'item 7 (line 7) of JD/1: text differs {AT}: the case holds "\\x1b[2J\\u202egone⏎{"x" * 30}…",'
        f' {READ_BY} "message 6"'
    )


def test_the_settings_recorded_are_those_the_export_is_read_again_with(case: Case, tmp_path: Path) -> None:
    _long(case, tmp_path, tz="America/New_York", date_order="dmy")
    (entry,) = [e for e in case.store.audit_entries() if e.action == "add"]
    assert json.loads(entry.details)["read_with"] == {
        "zone": "America/New_York",
        "tz_source": "examiner",
        "zone_given": True,
        "date_order": "dmy",
        "column_map": {},
        "owner": None,
        "platform": None,
        "accept_partial": False,
    }
    tamper_sql(case, "UPDATE item SET text = 'changed' WHERE id = 2")
    assert verify_case(case).problems == [
        f'item 2 (line 2) of JD/1: text differs {AT}: the case holds "changed", {READ_BY} "message 1"'
    ]


def test_only_an_exhibit_whose_items_changed_is_read_again(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _long(case, tmp_path)
    (tmp_path / "other.txt").write_text("15/03/2024, 10:00 - Ann Example: leave me alone\n", encoding="utf-8")
    add_exhibit(case, tmp_path / "other.txt", AddOptions(producer="Jane Doe"))
    read: list[str] = []
    items = WHATSAPP.items

    def counted(self: Any, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        read.append(source.name)
        return items(self, source, ctx)

    monkeypatch.setattr(WHATSAPP, "items", counted)
    assert (verify_case(case).problems, read) == ([], [])
    tamper_sql(case, "UPDATE item SET text = 'changed' WHERE id = 41")
    assert len(verify_case(case).problems) == 1
    assert read == ["other.txt"]


def test_another_parser_version_keeps_the_block_and_says_why(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _long(case, tmp_path)
    version = WHATSAPP.version
    monkeypatch.setattr(WHATSAPP, "version", version + 1)
    tamper_sql(case, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 20")
    report = verify_case(case)
    assert (report.problems, report.notes) == (
        [f"items 17–32 (line 17 to line 32) of JD/1: text differs {AT}"],
        [
            "items 17–32 (line 17 to line 32) of JD/1: the items that changed are not named, only their"
            f" blocks: it was read by whatsapp version {version} and this Footprint has whatsapp version"
            f" {version + 1}, which may read it differently"
        ],
    )


def test_an_entry_without_the_settings_keeps_the_block_and_says_why(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("footprint.pipeline.read_settings", lambda ctx: None)
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 20")
    report = verify_case(case)
    assert (report.problems, report.notes) == (
        [f"items 17–32 (line 17 to line 32) of JD/1: text differs {AT}"],
        [
            "items 17–32 (line 17 to line 32) of JD/1: the items that changed are not named, only their"
            " blocks: its `add` entry did not record the settings the export was read with (recorded"
            " before Footprint kept them)"
        ],
    )


def test_a_reading_that_does_not_repeat_keeps_the_block_and_says_why(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _long(case, tmp_path)
    parse = WHATSAPP.parse

    def other(self: Any, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        for item in parse(self, source, ctx):
            yield item._replace(text=item.text.upper())

    monkeypatch.setattr(WHATSAPP, "parse", other)
    tamper_sql(case, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 20")
    report = verify_case(case)
    assert (report.problems, report.notes) == (
        [f"items 17–32 (line 17 to line 32) of JD/1: text differs {AT}"],
        [
            "items 17–32 (line 17 to line 32) of JD/1: the items that changed are not named, only their"
            f" blocks: read again with whatsapp version {WHATSAPP.version} and the settings recorded, the"
            " original does not give the items `add` stored (the reading is not repeatable, or the vault"
            " copy has changed)"
        ],
    )


def test_reading_again_writes_nothing_to_the_case(case: Case, tmp_path: Path) -> None:
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET text = 'changed' WHERE id = 20")
    before = sorted(
        (p.relative_to(case.dir), p.stat().st_mtime_ns) for p in case.dir.rglob("*") if p.is_file()
    )
    (problem,) = verify_case(case).problems
    assert problem.startswith("item 20 (line 20) of JD/1: text differs")
    after = sorted(
        (p.relative_to(case.dir), p.stat().st_mtime_ns) for p in case.dir.rglob("*") if p.is_file()
    )
    assert [p for p in after if p not in before and p[0].name != "case.db"] == []


def test_cli_prints_the_item_escaped(case: Case, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET text = 'pwned\x1b[31m' WHERE id = 20")
    bad = run_cli("verify", str(case.dir))
    line = f'item 20 (line 20) of JD/1: text differs {AT}: the case holds "pwned\\x1b[31m", {READ_BY} "message 19"'
    assert (bad.exit_code, bad.output) == (
        1,
        f"PROBLEM: {line}\nError: verification failed (1 problem(s)): {line}\n",
    )


def test_screenshots_read_the_clock_so_their_block_is_named(case: Case, tmp_path: Path) -> None:
    image = io.BytesIO()
    Image.new("RGB", (10, 20), "white").save(image, format="PNG")
    (tmp_path / "Screenshot_20240314-101500.png").write_bytes(image.getvalue())
    add_exhibit(case, tmp_path / "Screenshot_20240314-101500.png", AddOptions(producer="Jane Doe"))
    tamper_sql(case, "UPDATE item SET text = 'changed' WHERE id = 1")
    report = verify_case(case)
    assert (report.problems, report.notes) == (
        [f"item 1 (Screenshot_20240314-101500.png) of JD/1: text differs {AT}"],
        [
            "item 1 (Screenshot_20240314-101500.png) of JD/1: the items that changed are not named, only"
            " their blocks: screenshots reads the clock as it reads (an image dated after the add is not"
            " used), so a second reading may not give the items `add` stored"
        ],
    )


def test_more_changed_blocks_than_are_read_item_by_item_keep_the_blocks(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("footprint.integrity.reread.MOST_BLOCKS_READ", 1)
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET text = 'changed' WHERE id IN (2, 20)")
    report = verify_case(case)
    where = "items 1–16 (line 1 to line 16) and 17–32 (line 17 to line 32) of JD/1"
    assert (report.problems, report.notes) == (
        [f"{where}: text differs {AT}"],
        [
            f"{where}: the items that changed are not named, only their blocks: 2 blocks changed, and the"
            " items are compared one by one in at most 1"
        ],
    )


def test_a_changed_text_is_named_on_postgresql_too(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = _long(
        Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings), tmp_path
    )
    with case.store.unscoped_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))  # the triggers do not fire
        conn.execute(text("UPDATE item SET text = 'changed' WHERE seq = 19"))
    assert verify_case(case).problems == [
        f'item 20 (line 20) of JD/1: text differs {AT}: the case holds "changed", {READ_BY} "message 19"'
    ]
    case.close()


def test_an_export_kept_in_part_is_read_again_in_part(case: Case, tmp_path: Path) -> None:
    data = (DATA / "telegram_json" / "old-export" / "result.json").read_bytes()
    at = data.index(b"unreadable date")
    (tmp_path / "result.json").write_bytes(data[:at] + b"\xff" + data[at:])
    options = AddOptions(producer="Jane Doe", format="telegram_json", accept_partial=True)
    add_exhibit(case, tmp_path / "result.json", options)
    tamper_sql(case, "UPDATE item SET text = 'changed' WHERE id = 3")
    version = parsers.get("telegram_json").version
    (problem,) = verify_case(case).problems
    assert problem.startswith(
        f'item 3 (messages[3]) of JD/1: text differs {AT}: the case holds "changed", the original read'
        f" again by telegram_json version {version} gives"
    )
