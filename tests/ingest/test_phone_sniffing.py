"""Sniffing for the phone, e-mail and forensic parsers: each fixture goes to its parser, no stealing."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.ingest import Source, parsers
from footprint.ingest.sniff import choose_parser
from tests.conftest import DATA

MINE = ("sms_backup_xml", "imessage_db", "email", "cellebrite_ufed", "tabular_forensic")
SHARED_FOLDERS = {
    "sms-backup-restore": "sms_backup_xml",
    "imessage/synthetic": "imessage_db",
    "email": "email",
    "cellebrite-ufed": "cellebrite_ufed",
}
OTHERS = ("whatsapp", "csv_generic", "jsonl_generic", "incidents_csv")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in ("SOURCE.md", "README.md"))


@pytest.mark.parametrize("folder", sorted(SHARED_FOLDERS))
def test_shared_fixtures_go_to_their_parser(shared_data: Path, folder: str) -> None:
    files = _files(shared_data / "export-samples" / folder)
    assert files
    for path in files:
        with Source(path) as source:
            assert choose_parser(source).name == SHARED_FOLDERS[folder], path


@pytest.mark.parametrize("name", MINE)
def test_own_fixtures_go_to_their_parser(name: str) -> None:
    for path in _files(DATA / name):
        if path.suffix in (".yaml",) or path.name == "renamed_columns.csv":
            continue
        with Source(path) as source:
            assert choose_parser(source).name == name, path


def test_never_steal_other_formats(shared_data: Path) -> None:
    paths = [p for other in OTHERS for p in _files(DATA / other)]
    mine_folders = {"sms-backup-restore", "imessage", "email", "cellebrite-ufed"}
    for folder in sorted((shared_data / "export-samples").iterdir()):
        if folder.is_dir() and folder.name not in mine_folders:
            paths += _files(folder)
    assert len(paths) > 20
    for path in paths:
        with Source(path) as source:
            for name in MINE:
                assert parsers.get(name).sniff(source).confidence == 0.0, (name, path)
