"""A zip holding only another zip (how victims often send exports), and a folder Footprint cannot read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import ParseError, UnsupportedFormatError
from footprint.pipeline import AddOptions, add_exhibit

CHAT = "[02/03/2024, 21:14:05] Alex Suspect: hello\n"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _inner(tmp_path: Path) -> bytes:
    return _zip(tmp_path / "inner.zip", {"_chat.txt": CHAT.encode()}).read_bytes()


@pytest.mark.parametrize("fmt", [None, "whatsapp"])
def test_a_zip_of_a_zip_names_the_inner_file_and_what_to_do(
    case: Case, tmp_path: Path, fmt: str | None
) -> None:
    outer = _zip(
        tmp_path / "stuff for police.zip",
        {"WhatsApp Chat - Alex Suspect.zip": _inner(tmp_path), "__MACOSX/._x": b"", ".DS_Store": b"x"},
    )
    with pytest.raises(UnsupportedFormatError) as err:
        add_exhibit(case, outer, AddOptions(producer="Jane Doe", format=fmt))
    assert str(err.value) == (
        "stuff for police.zip holds another zip, WhatsApp Chat - Alex Suspect.zip, and nothing else: Footprint"
        " reads the export inside, not a zip around it — take WhatsApp Chat - Alex Suspect.zip out of stuff"
        " for police.zip and add that file"
    )
    assert case.store.exhibits() == []


def test_several_zips_are_each_named(case: Case, tmp_path: Path) -> None:
    inner = _inner(tmp_path)
    outer = _zip(tmp_path / "all.zip", {"a.zip": inner, "b.zip": inner + b" "})
    with pytest.raises(UnsupportedFormatError) as err:
        add_exhibit(case, outer, AddOptions(producer="Jane Doe"))
    assert str(err.value) == (
        "all.zip holds 2 zips (a.zip, b.zip) and nothing else: Footprint reads each export on its own — take"
        " them out of all.zip and add each zip as its own exhibit"
    )


def test_a_folder_is_named_as_the_folder_not_the_zip_made_of_it(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "Evidence"
    folder.mkdir()
    (folder / "a.bin").write_bytes(b"\x00\x01\x02")
    (folder / "b.bin").write_bytes(b"\x00\x03")
    with pytest.raises(UnsupportedFormatError) as err:
        add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert str(err.value) == (
        "the folder Evidence: none of its 2 file(s) (a.bin, b.bin) is in a format Footprint reads;"
        " `footprint parsers` lists the formats — if it is one of them, pass --format NAME"
    )
    assert "Evidence.zip" not in str(err.value)


def test_a_folder_of_separate_chats_says_to_add_each(case: Case, tmp_path: Path) -> None:
    # six WhatsApp chats in one folder had been "none of its 6 file(s) … is in a format Footprint reads",
    # though each adds on its own (an investigator's review, 2 December)
    folder = tmp_path / "Chats"
    folder.mkdir()
    (folder / "alex.txt").write_text("22/03/2024, 21:14 - Alex Suspect: hello\n", encoding="utf-8")
    (folder / "sam.txt").write_text("23/03/2024, 09:02 - Sam: hi\n", encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    with pytest.raises(UnsupportedFormatError) as err:
        add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert str(err.value) == (
        "the folder Chats: its 3 file(s) are not one export, but 2 of them read as exports on their own"
        " (alex.txt (whatsapp), sam.txt (whatsapp)): add each file as its own exhibit"
    )
    assert case.store.exhibits() == []


def test_whatsapp_forced_on_a_zip_without_a_chat_does_not_say_pass_format(case: Case, tmp_path: Path) -> None:
    other = _zip(tmp_path / "bits.zip", {"notes.txt": b"hello", "more.txt": b"there"})
    with pytest.raises(ParseError) as err:
        add_exhibit(case, other, AddOptions(producer="Jane Doe", format="whatsapp"))
    assert "--format" not in str(err.value)
    assert "add the chat's .txt itself, or the zip WhatsApp's Export chat made" in str(err.value)
