"""Packing unpacked export folders: deterministic zips, refused links, and folders as exhibits."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import InputError
from footprint.ingest.folder import pack_folder
from footprint.pipeline import AddOptions, add_exhibit
from tests.conftest import DATA

ARCHIVE = DATA / "twitter_archive" / "archive-2024"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_folder_packs_to_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = pack_folder(ARCHIVE, tmp_path / "a")
    second = pack_folder(ARCHIVE, tmp_path / "b")
    assert first.name == "archive-2024.zip"
    assert _sha(first) == _sha(second)
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "data/tweets_media/1760000000000000002-GCarCar.jpg" in names


def test_links_outside_the_folder_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "ok.txt").write_text("ok")
    secret = tmp_path / "secret.txt"
    secret.write_text("not evidence")
    os.symlink(secret, folder / "leak.txt")
    with pytest.raises(InputError) as caught:
        pack_folder(folder, tmp_path)
    assert str(caught.value) == (
        "export: leak.txt links outside the folder; refused — copy the real file into the export folder"
        " and add it again"
    )


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        pack_folder(tmp_path / "empty", tmp_path)
    assert str(caught.value) == "empty: the folder holds no files; check the export finished"


def test_folder_becomes_a_zip_exhibit(case: Case, tmp_path: Path) -> None:
    result = add_exhibit(case, ARCHIVE, AddOptions(producer="DC Jo Davies"))
    assert result.parser == "twitter_archive"
    assert result.items_by_kind == {"message": 1, "post": 3, "system": 1}
    exhibit = case.store.exhibit_by_sha256(result.sha256)
    assert exhibit is not None
    assert exhibit.file_name == "archive-2024.zip"
    assert exhibit.notes.startswith("packed by Footprint from the folder ")
    assert exhibit.original_path == str(ARCHIVE.resolve())
    assert result.sha256 == _sha(pack_folder(ARCHIVE, tmp_path))
    items = list(case.store.iter_items())
    media = [a for i in items for a in i.attachments if a.sha256]
    assert len(media) == 2


def test_a_dangling_link_inside_the_folder_is_an_input_error(tmp_path: Path) -> None:
    # A link to a file that does not exist reached Path.stat() and failed with a FileNotFoundError
    # traceback (found by fuzzing folders through the CLI).
    folder = tmp_path / "export"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "tweets.js").write_text("window.YTD.tweets.part0 = []")
    os.symlink("missing.js", folder / "data" / "link.js")
    with pytest.raises(InputError) as caught:
        pack_folder(folder, tmp_path)
    assert str(caught.value) == (
        "export: data/link.js is a link to a file that does not exist; remove it from the folder"
        " or copy the real file in, and add it again"
    )


def test_a_link_loop_is_an_input_error(tmp_path: Path) -> None:
    # Path.resolve() raised RuntimeError("Symlink loop") as a traceback (found by fuzzing).
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "ok.txt").write_text("ok")
    os.symlink("b.js", folder / "a.js")
    os.symlink("a.js", folder / "b.js")
    with pytest.raises(InputError, match=r"^export: a\.js is a link that loops back on itself"):
        pack_folder(folder, tmp_path)


def test_a_file_name_that_is_not_utf8_is_packed_with_its_bytes_escaped(tmp_path: Path) -> None:
    # A name with undecodable bytes failed the zip with a UnicodeEncodeError traceback (found by
    # fuzzing); the file is kept, its name showing the bytes as \xNN.
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "ok.txt").write_text("ok")
    with open(os.fsencode(folder) + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"kept")
    packed = pack_folder(folder, tmp_path)
    with zipfile.ZipFile(packed) as archive:
        assert sorted(archive.namelist()) == ["bad\\xff.txt", "ok.txt"]
        assert archive.read("bad\\xff.txt") == b"kept"


def test_an_unreadable_sub_folder_is_an_input_error_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # os.walk skips folders it cannot list unless told otherwise, so their files were silently
    # left out of the exhibit (found by fuzzing).
    folder = tmp_path / "export"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text("ok")
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(InputError) as caught:
        pack_folder(folder, tmp_path)
    assert str(caught.value) == (
        "export: locked cannot be read (Permission denied); check you may read every file in the"
        " folder and add it again"
    )
