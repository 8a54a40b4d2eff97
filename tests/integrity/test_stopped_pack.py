"""An `add` of a folder packs it inside the case folder (owner-only, locked), not in /tmp: a copy that a
killed add left there is removed by `case recover` or the next `add`, and said (data protection review 9)."""

from __future__ import annotations

import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint import pipeline
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.staging_dirs import LOCK, PACKING, locked_folder, stopped_packs

CHAT = "13/03/2024, 18:07 - Ann Example: hello\n13/03/2024, 18:08 - Ann Example: are you there\n"


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "her export"
    folder.mkdir()
    (folder / "WhatsApp Chat with Ann Example.txt").write_text(CHAT, encoding="utf-8")
    return folder


def _killed_pack(case: Case, name: str) -> Path:
    """What ``add`` of a folder leaves when killed mid-pack: its folder, its lock (no one holds it after
    the process dies) and part of her export's zip."""
    folder = case.dir / f"{PACKING}{name}"
    folder.mkdir(mode=0o700)
    (folder / LOCK).touch()
    (folder / "her export.zip").write_bytes(b"PK\x03\x04 part of her chat")
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
    assert workdir.parent == case.dir and workdir.name.startswith(PACKING) and mode == 0o700
    assert not workdir.exists()
    assert set(Path(tempfile.gettempdir()).glob("footprint-pack-*")) == before


def test_case_recover_removes_what_a_killed_add_had_begun_to_pack_and_says_so(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    left = _killed_pack(case, "k1ll3d00")
    result = run_cli("case", "recover", str(case.dir))
    assert (result.exit_code, result.output) == (
        0,
        f"Removed {left}: the partial copy of a folder that a stopped add had begun to pack (nothing"
        " recorded).\nNo add was stopped part-way: nothing to set aside\n",
    )
    assert not left.exists()


def test_the_next_add_removes_it_too(case: Case, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    left = _killed_pack(case, "k1ll3d01")
    result = run_cli("add", str(case.dir), str(_export(tmp_path)), "--producer", "Ann Example")
    assert result.exit_code == 0, result.output
    assert (
        f"Removed {left}: the partial copy of a folder that a stopped add had begun to pack (nothing"
        " recorded).\n"
    ) in result.output
    assert not left.exists() and not list(case.dir.glob(f"{PACKING}*"))


def test_a_colleagues_pack_in_progress_is_never_removed(case: Case) -> None:
    with locked_folder(case.dir, PACKING) as live:
        assert stopped_packs(case.dir) == []
        assert live.is_dir()
