"""An `add` packs a folder, and its parser spills what it must to disk, inside the case folder (owner-only,
locked), not in /tmp: what a killed add left there is removed by `case recover` or the next `add`, and
said (data protection review 9)."""

from __future__ import annotations

import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint import pipeline
from footprint.case import Case
from footprint.errors import ParseError
from footprint.ingest import cellebrite_ufed, unread
from footprint.ingest.base import ParseContext
from footprint.ingest.source import Source
from footprint.model import ParsedItem
from footprint.pipeline import AddOptions, add_exhibit
from footprint.staging_dirs import ADDING, LOCK, locked_folder, stopped_adds
from footprint.synth.social_writers import write_telegram_group
from tests.conftest import DATA

CHAT = "13/03/2024, 18:07 - Ann Example: hello\n13/03/2024, 18:08 - Ann Example: are you there\n"


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "her export"
    folder.mkdir()
    (folder / "WhatsApp Chat with Ann Example.txt").write_text(CHAT, encoding="utf-8")
    return folder


def _killed_pack(case: Case, name: str) -> Path:
    """What ``add`` of a folder leaves when killed mid-pack: its folder, its lock (no one holds it after
    the process dies) and part of her export's zip."""
    folder = case.dir / f"{ADDING}{name}"
    folder.mkdir(mode=0o700)
    (folder / LOCK).touch()
    (folder / "her export.zip").write_bytes(b"PK\x03\x04 part of her chat")
    (folder / "ufed-x1y2z3").mkdir(mode=0o700)  # what reading her phone's report had spilled
    (folder / "ufed-x1y2z3" / "provenance.sqlite").write_bytes(b"SQLite format 3\x00 her messages' sources")
    return folder


def test_a_folder_is_packed_in_an_owner_only_folder_inside_the_case_and_removed_after(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Path, int]] = []
    real = pipeline.pack_folder

    def watched(folder: Path, workdir: Path) -> Path:
        seen.append((workdir, stat.S_IMODE(workdir.stat().st_mode)))
        return real(folder, workdir)

    monkeypatch.setattr(pipeline, "pack_folder", watched)
    before = set(Path(tempfile.gettempdir()).glob("footprint-pack-*"))
    result = add_exhibit(case, _export(tmp_path), AddOptions(producer="Ann Example"))
    assert result.ref == "AE/1"
    [(workdir, mode)] = seen
    assert workdir.parent == case.dir and workdir.name.startswith(ADDING) and mode == 0o700
    assert not workdir.exists()
    assert set(Path(tempfile.gettempdir()).glob("footprint-pack-*")) == before


def test_case_recover_removes_what_a_killed_add_had_begun_to_pack_and_says_so(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    left = _killed_pack(case, "k1ll3d00")
    result = run_cli("case", "recover", str(case.dir))
    assert (result.exit_code, result.output) == (
        0,
        f"Removed {left}: the working copy of an export that a stopped add had begun to pack or read"
        " (nothing recorded).\nNo add was stopped part-way: nothing to set aside\n",
    )
    assert not left.exists()


def test_the_next_add_removes_it_too(case: Case, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    left = _killed_pack(case, "k1ll3d01")
    result = run_cli("add", str(case.dir), str(_export(tmp_path)), "--producer", "Ann Example")
    assert result.exit_code == 0, result.output
    assert (
        f"Removed {left}: the working copy of an export that a stopped add had begun to pack or read"
        " (nothing recorded).\n"
    ) in result.output
    assert not left.exists() and not list(case.dir.glob(f"{ADDING}*"))


def test_a_colleagues_pack_in_progress_is_never_removed(case: Case) -> None:
    with locked_folder(case.dir, ADDING) as live:
        assert stopped_adds(case.dir) == []
        assert live.is_dir()


@pytest.fixture
def no_system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's temporary folder made unusable: anything an add writes there fails it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no system temporary folder"))


def _no_working_folder(case: Case) -> None:
    assert not list(case.dir.glob(f"{ADDING}*"))


@pytest.mark.usefixtures("no_system_temp")
def test_a_phone_reports_spill_is_in_the_adds_working_folder_and_goes_with_it(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Provenance and tagged files waited in /tmp/footprint-ufed-*, which a kill -9 left behind.
    seen: list[tuple[Path, int, int]] = []
    real = cellebrite_ufed.DiskMap

    def watched(folder: Path, name: str, *, first_wins: bool = False) -> cellebrite_ufed.DiskMap:
        mode = stat.S_IMODE(folder.stat().st_mode)
        seen.append((folder, mode, stat.S_IMODE(folder.parent.stat().st_mode)))
        return real(folder, name, first_wins=first_wins)

    monkeypatch.setattr(cellebrite_ufed, "DiskMap", watched)
    result = add_exhibit(case, DATA / "cellebrite_ufed" / "report.xml", AddOptions(producer="PC Patel"))
    assert (result.ref, result.parser) == ("P/1", "cellebrite_ufed")
    [folder] = {f for f, _, _ in seen}
    assert folder.parent.parent == case.dir and folder.parent.name.startswith(ADDING)
    assert {(m, p) for _, m, p in seen} == {(0o700, 0o700)}
    assert not folder.parent.exists()
    _no_working_folder(case)


@pytest.mark.usefixtures("no_system_temp")
def test_a_phone_report_that_fails_part_way_leaves_no_spill(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(
        self: cellebrite_ufed.CellebriteUfedParser,
        stream: object,
        stack: object,
        source: Source,
        ctx: ParseContext,
    ) -> list[ParsedItem]:
        assert ctx.workdir is not None and list(ctx.workdir.glob("ufed-*/provenance.sqlite"))
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(cellebrite_ufed.CellebriteUfedParser, "_second_pass", failing)
    with pytest.raises(ParseError, match="RuntimeError: the disk went away"):
        add_exhibit(case, DATA / "cellebrite_ufed" / "report.xml", AddOptions(producer="PC Patel"))
    _no_working_folder(case)


@pytest.mark.usefixtures("no_system_temp")
def test_a_file_left_unread_is_sniffed_in_the_adds_working_folder(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each unread member was copied to /tmp/footprint-unread-* to be sniffed on its own.
    sniffed: list[Path] = []
    real = unread.sniff_all

    def watched(source: Source) -> object:
        sniffed.append(source.path)
        return real(source)

    monkeypatch.setattr(unread, "sniff_all", watched)
    folder = _export(tmp_path)
    (folder / "her notes.txt").write_text("where he waited for her\n", encoding="utf-8")
    result = add_exhibit(case, folder, AddOptions(producer="Ann Example"))
    assert result.warnings == 1
    [path] = sniffed
    assert path.name == "her notes.txt" and path.parent.name.startswith("unread-")
    assert path.parent.parent.parent == case.dir and path.parent.parent.name.startswith(ADDING)
    assert not path.parent.parent.exists()


@pytest.mark.usefixtures("no_system_temp")
def test_a_telegram_groups_messages_wait_in_the_adds_working_folder(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A group's decoded messages waited in an unnamed file in /tmp (nothing left after a kill, but her
    # messages written to a disk that may not be the case's encrypted one).
    from footprint.ingest import telegram_json

    places: list[Path] = []
    real = tempfile.TemporaryFile

    def watched(*args: object, **kwargs: object) -> object:
        places.append(Path(str(kwargs["dir"])))
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(telegram_json.tempfile, "TemporaryFile", watched)
    path = tmp_path / "result.json"
    write_telegram_group(path, 30, 3)
    result = add_exhibit(case, path, AddOptions(producer="Ann Example"))
    assert result.parser == "telegram_json"
    [place] = places
    assert place.parent == case.dir and place.name.startswith(ADDING) and not place.exists()


@pytest.mark.usefixtures("no_system_temp")
def test_a_tracker_entry_is_written_in_the_case_folder(case: Case, run_cli: Callable[..., Result]) -> None:
    # Where she found a tracker was written to /tmp/footprint-tracker-*/ to be added.
    result = run_cli(
        "device",
        "tracker",
        str(case.dir),
        "--type",
        "AirTag",
        "--where",
        "her car",
        "--at",
        "2023-03-14 21:40",
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("T/1: tracker alert recorded (AirTag, her car, 2023-03-14T21:40:00Z)\n")
    _no_working_folder(case)
