"""Sniffing: the social parsers pick their own fixtures and leave every other format's files alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.ingest import Source, parsers
from footprint.ingest.folder import pack_folder
from footprint.ingest.sniff import MIN_CONFIDENCE, choose_parser
from tests.conftest import DATA

MINE = (
    "twitter_archive", "messenger_json", "instagram_json", "messenger_e2ee",
    "telegram_json", "discord_json", "discord_csv",
)  # fmt: skip
MY_SHARED = ("twitter-x", "facebook-instagram", "telegram", "discord")
MY_DATA = (
    "twitter_archive",
    "messenger_json",
    "messenger_e2ee",
    "telegram_json",
    "discord_json",
    "discord_csv",
)

EXPECTED = {
    "twitter-x/synthetic/archive-2023": "twitter_archive",
    "twitter-x/synthetic/archive-2019": "twitter_archive",
    "twitter-x/synthetic/archive-legacy": "twitter_archive",
    "twitter-x/synthetic/archive-2023/data/tweets.js": "twitter_archive",
    "twitter-x/synthetic/archive-2019/data/direct-message.js": "twitter_archive",
    "twitter-x/synthetic/archive-legacy/tweets.csv": "twitter_archive",
    "facebook-instagram/synthetic/messenger-dyi-2023": "messenger_json",
    "facebook-instagram/synthetic/instagram-dyi-2023": "instagram_json",
    "facebook-instagram/synthetic/messenger-e2ee-secure-storage/Alex Suspect_12.json": "messenger_e2ee",
    "facebook-instagram/chat-miner/instagram_test_export.json": "instagram_json",
    "telegram/synthetic/single-chat/result.json": "telegram_json",
    "telegram/synthetic/full-account/result.json": "telegram_json",
    "telegram/chat-miner/test_single_export.json": "telegram_json",
    "telegram/chat-miner/test_batch_export.json": "telegram_json",
    "discord/synthetic/dce_export.json": "discord_json",
    "discord/synthetic/dce_export.csv": "discord_csv",
    "discord/synthetic/dce_export_legacy_locale.csv": "discord_csv",
}


def _chosen(path: Path, tmp_path: Path) -> str:
    if path.is_dir():
        path = pack_folder(path, tmp_path)
    with Source(path) as source:
        return choose_parser(source).name


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_shared_fixture_picks_its_parser(relative: str, shared_data: Path, tmp_path: Path) -> None:
    assert _chosen(shared_data / "export-samples" / relative, tmp_path) == EXPECTED[relative]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("twitter_archive/archive-2024", "twitter_archive"),
        ("telegram_json/old-export", "telegram_json"),
        ("messenger_json/dyi", "messenger_json"),
        ("messenger_e2ee/Ann Example_3.json", "messenger_e2ee"),
        ("discord_json/channel.json", "discord_json"),
        ("discord_csv/ambiguous_dates.csv", "discord_csv"),
    ],
)
def test_own_fixture_picks_its_parser(folder: str, expected: str, tmp_path: Path) -> None:
    assert _chosen(DATA / folder, tmp_path) == expected


def _foreign_files(shared: Path | None) -> list[Path]:
    found = [p for p in DATA.rglob("*") if p.is_file() and p.relative_to(DATA).parts[0] not in MY_DATA]
    if shared is not None:
        root = shared / "export-samples"
        found += [p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] not in MY_SHARED]
    return sorted(p for p in found if p.name not in ("README.md", "SOURCE.md"))


def test_no_social_parser_steals_another_formats_file() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "data"
    files = _foreign_files(shared if shared.is_dir() else None)
    assert files
    mine = [parsers.get(name) for name in MINE]
    for path in files:
        with Source(path) as source:
            for cls in mine:
                try:
                    score = cls.sniff(source).confidence
                except Exception as exc:  # noqa: BLE001 - a sniff must never raise
                    pytest.fail(f"{cls.name} raised {exc!r} sniffing {path}")
                assert score < MIN_CONFIDENCE, f"{cls.name} claims {path} ({score})"
