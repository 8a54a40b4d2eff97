"""Adding exhibits: all or nothing, clear one-line errors, the case unchanged on failure."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sqlite3
import zipfile
from pathlib import Path

import pytest
import sqlalchemy.exc

from footprint import audit_head, startup
from footprint.case import Case
from footprint.errors import (
    AmbiguousFormatError,
    DiskFullError,
    DuplicateExhibitError,
    FootprintError,
    InputError,
    ParseError,
    UnsafeArchiveError,
    UnsupportedFormatError,
)
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit, initials, next_ref
from footprint.serialise import item_json
from tests.conftest import DATA, snapshot

CHAT = "14/03/2024, 09:15 - Ann Example: hello\n14/03/2024, 09:16 - Ben Example: hi\n"


def _file(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _marked_utf8_not_utf8(path: Path) -> Path:
    """A zip whose member ``ab.txt`` is renamed ``a\\xa5.txt`` and marked as UTF-8 (flag 0x800), which it
    is not (found by the fuzz test: zipfile's UnicodeDecodeError stopped `add` with an internal error)."""
    data = bytearray(_zip(path, {"_chat.txt": CHAT.encode(), "ab.txt": b"x"}).read_bytes())
    central = data.rindex(b"PK\x01\x02")  # the last member's central header
    data[central + 8 : central + 10] = (
        int.from_bytes(data[central + 8 : central + 10], "little") | 0x800
    ).to_bytes(2, "little")
    path.write_bytes(bytes(data).replace(b"ab.txt", b"a\xa5.txt"))
    return path


def _local_name_not_utf8(path: Path) -> Path:
    """A zip whose chat's local header (not its central one) is marked as UTF-8 and holds a byte that is
    not (the fuzz test's dyi.zip: zipfile's UnicodeDecodeError on opening the member)."""
    data = bytearray(_zip(path, {"_chat.txt": CHAT.encode()}).read_bytes())
    data[6:8] = (int.from_bytes(data[6:8], "little") | 0x800).to_bytes(2, "little")
    data[30:31] = b"\xa5"  # the local name's first byte: "_chat.txt" -> "\xa5chat.txt"
    path.write_bytes(bytes(data))
    return path


def _nameless_member(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", CHAT)
        archive.writestr(zipfile.ZipInfo(""), b"x")
    return path


def test_add_records_exhibit_items_and_audit(case: Case, tmp_path: Path) -> None:
    path = _file(tmp_path, "WhatsApp Chat with Ben Example.txt", CHAT)
    result = add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    assert (result.ref, result.parser, result.items_by_kind, result.warnings) == (
        "JD/1",
        "whatsapp",
        {"message": 2},
        0,
    )
    [exhibit] = case.store.exhibits()
    assert exhibit.file_name == "WhatsApp Chat with Ben Example.txt"
    assert exhibit.vault_path == f"vault/sha256/{result.sha256[:2]}/{result.sha256}"
    assert (case.dir / exhibit.vault_path).read_bytes() == path.read_bytes()
    assert not (case.dir / exhibit.vault_path).stat().st_mode & 0o222  # read-only
    assert exhibit.settings == {
        "date_order": "dmy (inferred from the date '14/03/2024')",
        "zone": "Europe/London (examiner)",
    }
    actions = [(e.action, e.object, e.actor) for e in case.store.audit_entries()]
    assert actions == [("case init", "R v Test", "tester"), ("add", "JD/1", "tester")]
    items = list(case.store.iter_items())
    assert [(i.author, i.recipients) for i in items] == [
        ("whatsapp:Ann Example", ("whatsapp:Ben Example",)),
        ("whatsapp:Ben Example", ("whatsapp:Ann Example",)),
    ]


def test_refs_are_producer_initials_and_consecutive(case: Case, tmp_path: Path) -> None:
    first = add_exhibit(case, _file(tmp_path, "a.txt", CHAT), AddOptions(producer="PC Amir Patel"))
    second = add_exhibit(case, _file(tmp_path, "b.txt", CHAT + "\n"), AddOptions(producer="PC Amir Patel"))
    assert (first.ref, second.ref) == ("AP/1", "AP/2")
    assert initials("Dr. Mary-Jane O'Neil") == "MJO"
    jane = [("JD/1", "Jane Doe"), ("JD/7", "Jane Doe"), ("AP/2", "PC Amir Patel")]
    assert next_ref(jane, "Jane Doe") == "JD/8"


def test_a_second_producer_with_the_same_initials_gets_a_series_of_their_own(
    case: Case, tmp_path: Path
) -> None:
    # John Dee's first exhibit was JD/2, labelled "Exhibit JD/2 referred to in the statement of John Dee"
    refs = [
        add_exhibit(case, _file(tmp_path, f"{n}.txt", CHAT + "\n" * n), AddOptions(producer=who)).ref
        for n, who in enumerate(["Jane Doe", "John Dee", "jane  doe", "John Dee", "J. D. Edwards"])
    ]
    assert refs == ["JD/1", "JDE/1", "JD/2", "JDE/2", "JDED/1"]
    assert next_ref([("JD/1", "Jane Doe"), ("JDO/1", "Jim Doo"), ("JDOE/1", "Jo Doe")], "John Doe") == "JD2/1"


def test_duplicate_bytes_are_refused(case: Case, tmp_path: Path) -> None:
    path = _file(tmp_path, "chat.txt", CHAT)
    first = add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    before = snapshot(case)
    copy = _file(tmp_path, "copy.txt", CHAT)
    with pytest.raises(DuplicateExhibitError) as err:
        add_exhibit(case, copy, AddOptions(producer="Jane Doe"))
    assert str(err.value) == (
        f"copy.txt: already in the case as exhibit JD/1 (same SHA-256 {first.sha256[:12]}…,"
        " added from chat.txt); not added again"
    )
    assert snapshot(case) == before


BAD_INPUTS = {
    "empty": (
        lambda d: _file(d, "empty.txt", b""),
        InputError,
        "empty.txt: the file is empty (0 bytes); check the export finished and add the complete file",
    ),
    "binary": (
        lambda d: _file(d, "photo.bin", bytes(range(256)) * 4),
        UnsupportedFormatError,
        "photo.bin: a binary file in no format Footprint reads; `footprint parsers` lists the formats"
        " — if it is one of them, pass --format NAME",
    ),
    "unknown": (
        lambda d: _file(d, "notes.txt", "Dear diary, nothing here looks like an export.\n"),
        UnsupportedFormatError,
        "notes.txt: a file in no format Footprint reads; `footprint parsers` lists the formats"
        " — if it is one of them, pass --format NAME",
    ),
    "truncated zip": (
        lambda d: _file(
            d, "chat.zip", _zip(d / "full.zip", {"_chat.txt": CHAT.encode() * 50}).read_bytes()[:-40]
        ),
        ParseError,
        "chat.zip: not a readable zip archive (File is not a zip file); the file may be truncated"
        " — copy or download it again",
    ),
    "zip slip": (
        lambda d: _zip(d / "slip.zip", {"_chat.txt": CHAT.encode(), "../../etc/evil.jpg": b"x"}),
        UnsafeArchiveError,
        "slip.zip: member '../../etc/evil.jpg' points outside the archive (zip slip); refused"
        " — check where the file came from",
    ),
    "zip member name marked UTF-8 that is not": (
        lambda d: _marked_utf8_not_utf8(d / "marked.zip"),
        ParseError,
        "marked.zip: not a readable zip archive: a member's name is marked as UTF-8 but is not (byte 0xa5 at"
        " 1); the file may be damaged — copy or download it again",
    ),
    "zip member whose local name is marked UTF-8 and is not": (
        lambda d: _local_name_not_utf8(d / "local.zip"),
        ParseError,
        "local.zip: cannot read '_chat.txt' ('utf-8' codec can't decode byte 0xa5 in position 0: invalid start"
        " byte); the archive may be truncated or damaged — copy or download it again",
    ),
    "zip member with no name": (
        lambda d: _nameless_member(d / "nameless.zip"),
        ParseError,
        "nameless.zip: not a readable zip archive: a member has no name; the file may be damaged — copy or"
        " download it again",
    ),
    "zip bomb": (
        lambda d: _zip(d / "bomb.zip", {"_chat.txt": CHAT.encode(), "big.jpg": b"\0" * (64 * 1024**2)}),
        UnsafeArchiveError,
        "bomb.zip: member 'big.jpg' expands 67,108,864 bytes from 65,174 (a zip bomb?); refused"
        " — check where the file came from",
    ),
    "zip bomb of small members": (  # each member under the 10 MiB floor of the per-member check
        lambda d: _zip(
            d / "many.zip",
            {"_chat.txt": CHAT.encode()} | {f"{i}.jpg": b"\0" * (4 * 1024**2) for i in range(3)},
        ),
        UnsafeArchiveError,
        "many.zip: archive expands 12,582,987 bytes from 65,174 across 4 members, over 200 times (a zip"
        " bomb?); refused — check where the file came from, and if it is genuine, unpack it and add the folder",
    ),
    "undecidable dates": (
        lambda d: _file(d, "ambiguous.txt", "01/02/2023, 10:00 - A: x\n03/04/2023, 11:00 - B: y\n"),
        ParseError,
        "ambiguous.txt: every date could be read day-first or month-first (e.g. 01/02/2023); a phone set up in the UK"
        " writes the day first: run again with --date-order dmy (--date-order mdy for a US phone)",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_error_and_leaves_case_unchanged(
    case: Case, tmp_path: Path, name: str
) -> None:
    make, error, message = BAD_INPUTS[name]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = make(inputs)
    before = snapshot(case)
    with pytest.raises(error) as err:
        add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    # the compressed size of the bomb depends on the zlib build, so it is the one part matched loosely
    assert re.fullmatch(re.escape(message).replace("65,174", r"[\d,]+"), str(err.value))
    assert "\n" not in str(err.value)
    assert snapshot(case) == before


def test_a_zip_whose_chat_is_damaged_is_named_damaged_not_an_unknown_format(
    case: Case, tmp_path: Path
) -> None:
    # sniffing swallowed the member's read error, so the archive was "in no format Footprint reads"
    data = bytearray(_zip(tmp_path / "full.zip", {"_chat.txt": CHAT.encode() * 50}).read_bytes())
    data[30 + len("_chat.txt") + 5] ^= 0xFF  # inside the member's compressed bytes
    path = _file(tmp_path, "chat.zip", bytes(data))
    before = snapshot(case)
    with pytest.raises(ParseError) as err:
        add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    assert re.fullmatch(
        r"chat\.zip: cannot read '_chat\.txt' \(.+\); the archive may be truncated or damaged — copy or"
        r" download it again",
        str(err.value),
    ), str(err.value)
    assert snapshot(case) == before


def test_a_missing_file_says_what_to_do(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Jon.txt"
    before = snapshot(case)
    with pytest.raises(InputError) as err:
        add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    assert str(err.value) == f"{path}: no such file or folder; check the path and the spelling of the name"
    assert snapshot(case) == before


def test_parse_failure_after_vaulting_rolls_back_vault_and_database(case: Case, tmp_path: Path) -> None:
    path = _file(tmp_path, "chat.txt", CHAT)
    before = snapshot(case)
    with pytest.raises(ParseError, match="--map text=COLUMN"):
        add_exhibit(case, path, AddOptions(producer="Jane Doe", format="csv_generic"))
    assert snapshot(case) == before


def test_unexpected_parser_crash_becomes_parse_error(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footprint.ingest import whatsapp

    def boom(*_: object, **__: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(whatsapp.WhatsAppParser, "_items", boom)
    before = snapshot(case)
    with pytest.raises(ParseError) as err:
        add_exhibit(case, _file(tmp_path, "chat.txt", CHAT), AddOptions(producer="Jane Doe"))
    assert str(err.value) == (
        "chat.txt: could not be read (ZeroDivisionError: division by zero); the case is unchanged"
        " — please report this with the file's SHA-256"
    )
    assert snapshot(case) == before


def test_ambiguous_sniff_is_refused(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from footprint.ingest.base import SniffResult
    from footprint.ingest.tabular import CsvGenericParser, JsonlGenericParser

    monkeypatch.setattr(CsvGenericParser, "sniff", classmethod(lambda cls, s: SniffResult(0.7)))
    monkeypatch.setattr(JsonlGenericParser, "sniff", classmethod(lambda cls, s: SniffResult(0.7)))
    with pytest.raises(AmbiguousFormatError) as err:
        add_exhibit(case, _file(tmp_path, "x.data", "a,b\n"), AddOptions(producer="Jane Doe"))
    assert (
        str(err.value) == "x.data: could be any of csv_generic, jsonl_generic; pass --format NAME to choose"
    )


def test_options_are_checked_before_anything_is_written(case: Case, tmp_path: Path) -> None:
    path = _file(tmp_path, "chat.txt", CHAT)
    cases: list[tuple[AddOptions, str]] = [
        (
            AddOptions(producer="J", exhibit_ref="jd-1"),
            "exhibit reference 'jd-1' is not initials and a number, e.g. JD/1",
        ),
        (
            AddOptions(producer="J", tz="Mars/Olympus"),
            "unknown time zone 'Mars/Olympus'; give an IANA name such as Europe/London",
        ),
        (AddOptions(producer=" "), "--producer is required: who produced this exhibit"),
        (
            AddOptions(producer="J", owner="Nobody"),
            "no person called 'Nobody' in this case; known: none (add one with `footprint person add`)",
        ),
    ]
    before = snapshot(case)
    for options, message in cases:
        with pytest.raises(FootprintError) as err:
            add_exhibit(case, path, options)
        assert str(err.value) == message
    assert snapshot(case) == before


def test_shared_whatsapp_zip_vaults_its_media(case: Case, shared_data: Path) -> None:
    path = shared_data / "export-samples" / "whatsapp" / "synthetic" / "WhatsApp Chat - Alex Suspect.zip"
    add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    [photo] = [a for i in case.store.iter_items() for a in i.attachments if a.sha256]
    assert photo.name == "00000012-PHOTO-2023-03-14-09-17-00.jpg"
    assert case.vault.path(photo.sha256).exists()


def test_incidents_fixture_through_the_pipeline(case: Case) -> None:
    result = add_exhibit(case, DATA / "incidents_csv" / "incidents.csv", AddOptions(producer="PC Example"))
    assert (result.parser, result.items_by_kind, result.warnings) == ("incidents_csv", {"incident": 3}, 1)


def test_attachment_bytes_decoded_from_the_exhibit_are_vaulted(case: Case) -> None:
    result = add_exhibit(
        case, DATA / "sms_backup_xml" / "surrogates_and_group.xml", AddOptions(producer="Jane Doe")
    )
    stored = [a for i in case.store.iter_items() for a in i.attachments if a.sha256]
    assert result.parser == "sms_backup_xml"
    assert [(a.name, a.size, a.mime) for a in stored] == [("pixel.png", 70, "image/png")]
    assert case.vault.path(stored[0].sha256).read_bytes().startswith(b"\x89PNG")


def test_forensic_table_needs_tz_for_this_exhibit_even_when_the_case_has_a_zone(case: Case) -> None:
    path = DATA / "tabular_forensic" / "axiom_sms_no_zone.csv"
    before = snapshot(case)
    with pytest.raises(ParseError, match="--tz"):
        add_exhibit(case, path, AddOptions(producer="DC Example", format="tabular_forensic"))
    assert snapshot(case) == before
    result = add_exhibit(
        case, path, AddOptions(producer="DC Example", format="tabular_forensic", tz="Europe/London")
    )
    assert result.decisions["zone"] == "Europe/London (examiner)"


def test_a_failed_add_leaves_no_empty_vault_folders(case: Case, tmp_path: Path) -> None:
    # The blob was removed on roll-back but its vault/sha256/<aa>/ folder stayed behind, so the case
    # directory differed from before the add (found by fuzzing through the CLI).
    before = sorted(str(p.relative_to(case.dir)) for p in case.dir.rglob("*"))
    bad = _file(tmp_path, "chat.txt", "not a chat at all\n")
    with pytest.raises(ParseError):
        add_exhibit(case, bad, AddOptions(producer="PC Test", format="whatsapp"))
    assert sorted(str(p.relative_to(case.dir)) for p in case.dir.rglob("*")) == before


def test_a_file_name_that_is_not_utf8_is_kept_with_its_bytes_escaped(case: Case, tmp_path: Path) -> None:
    # The name went to the database as a lone surrogate and the add failed with "please report this"
    # (UnicodeEncodeError; found by fuzzing through the CLI).
    raw_name = os.fsencode(tmp_path) + b"/chat\xff.txt"
    with open(raw_name, "wb") as handle:
        handle.write(CHAT.encode())
    result = add_exhibit(case, Path(os.fsdecode(raw_name)), AddOptions(producer="PC Test"))
    [exhibit] = [e for e in case.store.exhibits() if e.ref == result.ref]
    assert exhibit.file_name == "chat\\xff.txt"


def test_a_zip_with_a_member_name_twice_is_refused(case: Case, tmp_path: Path) -> None:
    # zipfile opens the last of two same-named members, so the first (here the threat) was silently
    # never read (found by fuzzing zips with duplicate names).
    path = tmp_path / "chat.zip"
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", "14/03/2024, 09:15 - Ben Example: I know where you live\n")
        archive.writestr("_chat.txt", CHAT)
    before = snapshot(case)
    with pytest.raises(UnsafeArchiveError) as caught:
        add_exhibit(case, path, AddOptions(producer="PC Test"))
    assert str(caught.value) == (
        "chat.zip: member '_chat.txt' is in the archive 2 times, so only one copy could be read;"
        " refused — add the archive exactly as downloaded, or unpack it and add the files you need"
    )
    assert snapshot(case) == before


@pytest.mark.parametrize("parallel", [False, True])
def test_a_lone_surrogate_escape_in_json_is_kept_as_a_replacement_character(
    case: Case, tmp_path: Path, parallel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "\ud83d" (half an emoji, as platforms cut long posts) decodes to a lone surrogate that the
    # database cannot store, and the whole add failed with "please report this" (found by fuzzing).
    if parallel:
        monkeypatch.setattr(case.settings, "parallel_parse_min_bytes", 0)
    path = _file(
        tmp_path,
        "messages.jsonl",
        '{"text": "cut \\ud83d", "sent_at": "2024-03-14T10:15:00Z", "author": "ben\\udfff@example.org"}\n',
    )
    result = add_exhibit(case, path, AddOptions(producer="PC Test"))
    assert result.items_by_kind == {"message": 1}
    [item] = list(case.store.iter_items())
    assert item.text == "cut \ufffd"
    assert "\\ud83d" in item.raw


def _tree(case: Case) -> list[str]:
    return sorted(str(p.relative_to(case.dir)) for p in case.dir.rglob("*"))


def test_ctrl_c_during_an_add_leaves_the_case_as_it_was(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footprint.ingest import whatsapp

    def interrupted(*_: object, **__: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(whatsapp.WhatsAppParser, "_items", interrupted)
    before, files = snapshot(case), _tree(case)
    with pytest.raises(KeyboardInterrupt):
        add_exhibit(case, _file(tmp_path, "chat.txt", CHAT), AddOptions(producer="Jane Doe"))
    assert snapshot(case) == before
    assert _tree(case) == files  # the vault copy was left behind with no exhibit row


def test_a_full_disk_while_copying_into_the_vault_leaves_no_folder(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _tree(case)

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(
        DiskFullError, match=r"/vault: the disk holding it is full \(No space left on device\)"
    ):
        add_exhibit(case, _file(tmp_path, "chat.txt", CHAT), AddOptions(producer="Jane Doe"))
    assert _tree(case) == files  # vault/sha256/<aa>/ was left behind, empty


def test_a_full_disk_while_storing_says_so_not_please_report(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footprint.ingest import whatsapp

    def full(*_: object, **__: object) -> object:
        raise sqlalchemy.exc.OperationalError(
            "INSERT", {}, sqlite3.OperationalError("database or disk is full")
        )

    monkeypatch.setattr(whatsapp.WhatsAppParser, "_items", full)
    before, files = snapshot(case), _tree(case)
    with pytest.raises(DiskFullError) as err:
        add_exhibit(case, _file(tmp_path, "chat.txt", CHAT), AddOptions(producer="Jane Doe"))
    assert str(err.value) == (
        f"{case.dir / 'case.db'}: the disk holding it is full (database or disk is full); the case is"
        " unchanged (chat.txt was not added, and no copy of it is left in the vault) — free space on that"
        " disk and add the file again"
    )
    assert snapshot(case) == before
    assert _tree(case) == files


def test_the_export_owners_account_is_attributed_to_the_person_given_as_owner(
    case: Case, tmp_path: Path
) -> None:
    # `add --owner "Jane Doe"` left her account unattributed, so nothing knew which side was hers
    from footprint.parties import add_person

    add_person(case, "Jane Doe", "complainant")
    result = add_exhibit(
        case,
        DATA / "sms_backup_xml" / "surrogates_and_group.xml",
        AddOptions(producer="PC Amir Patel", owner="Jane Doe"),
    )
    [owner] = [a for a in case.store.accounts() if a.key == "sms:owner:Jane Doe"]
    assert owner.person == "Jane Doe"
    [add] = [e for e in case.store.audit_entries() if e.action == "add"]
    assert json.loads(add.details)["owner_account"] == "sms:owner:Jane Doe"
    assert result.owner_account == (
        "sms:owner:Jane Doe attributed to Jane Doe: the export's own account, and Jane Doe was given as its owner"
    )


def test_an_own_account_named_as_another_person_in_the_case_is_not_attributed_to_the_owner(
    case: Case, tmp_path: Path
) -> None:
    # `--owner "Victim Person"` on the suspect's own export made his posts hers, "(complainant)", unwarned
    from footprint.parties import add_person

    add_person(case, "Victim Person", "complainant")
    add_person(case, "Alex Suspect", "suspect")
    says = {"id": 1, "type": "message", "date": "2023-03-14T09:15:00", "date_unixtime": "1678785300",
            "from": "Alex Suspect", "from_id": "user777000222", "text": "you cannot hide"}  # fmt: skip
    chat = {"name": "Ben Example", "type": "personal_chat", "id": 777000111, "messages": [says]}
    export = {"personal_information": {"user_id": 777000222, "first_name": "Alex", "last_name": "Suspect"},
              "chats": {"list": [chat]}}  # fmt: skip
    result = add_exhibit(
        case,
        _file(tmp_path, "result.json", json.dumps(export)),
        AddOptions(producer="PC Amir Patel", owner="Victim Person"),
    )
    assert result.owner_account == (
        "not attributed: telegram:user777000222 is called Alex Suspect, the name of the suspect in this case,"
        " not Victim Person; check --owner, or attribute it with `footprint account attribute DIR"
        " telegram:user777000222 --person NAME`"
    )
    assert all(a.person is None for a in case.store.accounts())


def test_an_export_that_does_not_name_its_own_account_says_so(case: Case, tmp_path: Path) -> None:
    from footprint.parties import add_person

    add_person(case, "Ann Example", "complainant")
    result = add_exhibit(
        case, _file(tmp_path, "chat.txt", CHAT), AddOptions(producer="PC Amir Patel", owner="Ann Example")
    )
    assert all(a.person is None for a in case.store.accounts())
    assert result.owner_account == (
        "not attributed: the export does not say which account is Ann Example's (its accounts are listed"
        " below)"
    )


@pytest.mark.parametrize("in_a_worker", [False, True])
def test_an_item_without_a_time_has_no_zone_in_the_case_and_every_output(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_a_worker: bool
) -> None:
    # was tz_source "platform" (csv_generic's default) although no zone was applied to anything
    from footprint.report import build_report
    from footprint.report.export import items_jsonl
    from footprint.report.schedules import chronology, written_by
    from footprint.serialise import item_json

    if in_a_worker:
        monkeypatch.setattr(case.settings, "parallel_parse_min_bytes", 0)
    path = _file(tmp_path, "texts.csv", "when,who,what\n2024-03-14T09:15:00+00:00,Ben,hello\n,Ben,no time\n")
    mapping = {"sent_at": "when", "author": "who", "text": "what"}
    add_exhibit(case, path, AddOptions(producer="Jane Doe", format="csv_generic", column_map=mapping))
    items = list(case.store.iter_items())
    assert [(i.text, i.sent_at_raw, i.sent_at_utc, i.tz_source, i.tz_name) for i in items] == [
        ("hello", "2024-03-14T09:15:00+00:00", "2024-03-14T09:15:00Z", "platform", None),
        ("no time", None, None, "none", None),
    ]
    assert item_json(items[1], ("csv_generic", 2))["tz_source"] == "none"
    model = build_report(case)
    untimed = next(json.loads(line) for line in items_jsonl(model) if '"no time"' in line)
    assert (untimed["sent_at_utc"], untimed["tz_source"], untimed["tz_name"]) == (None, "none", None)
    row = next(line for line in chronology(model).splitlines() if "no time" in line)
    assert (
        row == f'2,2,time unknown,,,none,JD/1,line 3,message,Ben,csv:Ben,,,no time,,,,"{written_by(model)}"'
    )


def test_platform_is_refused_for_a_parser_that_names_its_own_accounts(case: Case) -> None:
    # `--platform whatsapp` on a Telegram export was recorded as "platform: whatsapp" while every
    # account was read as telegram:user…: the exhibit's settings said how it was not read.
    folder = DATA / "telegram_json" / "old-export"
    before = snapshot(case)
    with pytest.raises(InputError) as caught:
        add_exhibit(case, folder, AddOptions(producer="Jane Doe", platform="whatsapp"))
    assert str(caught.value) == (
        "old-export.zip: --platform is not used by telegram_json, which names its accounts itself;"
        " only csv_generic, jsonl_generic, tabular_forensic and whatsapp take --platform — add it"
        " again without --platform"
    )
    assert snapshot(case) == before


def test_platform_is_recorded_where_the_parser_uses_it(case: Case, tmp_path: Path) -> None:
    path = _file(tmp_path, "signal.txt", "[2019-12-24, 12:23] Ann Example: hello\n")
    result = add_exhibit(case, path, AddOptions(producer="Jane Doe", platform="signal"))
    assert result.decisions["platform"] == "signal"
    [item] = case.store.iter_items()
    assert item.author == "signal:Ann Example"


def test_a_column_map_is_recorded_only_by_a_parser_that_reads_it(case: Case, tmp_path: Path) -> None:
    # `--map text=Body` on a WhatsApp chat was stored as the exhibit's column_map, though unused. It is
    # not refused: `device check --map year=2024` gives one map to every input, and only a DNS log reads it.
    path = _file(tmp_path, "WhatsApp Chat with Ben Example.txt", CHAT)
    result = add_exhibit(case, path, AddOptions(producer="Jane Doe", column_map={"text": "Body"}))
    assert "column_map" not in result.decisions
    [exhibit] = case.store.exhibits()
    assert "column_map" not in exhibit.settings
    csv = _file(tmp_path, "sms.csv", "Body,sent_at\nhello,2024-03-14T09:15:00+00:00\n")
    mapped = add_exhibit(
        case, csv, AddOptions(producer="Jane Doe", format="csv_generic", column_map={"text": "Body"})
    )
    assert mapped.decisions["column_map"] == '{"text": "Body"}'


WHATSAPP_MEDIA = (
    "[14/03/2023, 09:17:00] Alex: \u200e<attached: 00000013-PHOTO-2023-03-14-09-17-00.jpg>\n"
    "[14/03/2023, 09:18:00] Alex: \u200e<attached: 00000014-PHOTO-2023-03-14-09-18-00.jpg>\n"
    "[14/03/2023, 09:19:00] Jane: ok\n"
)


def test_attachments_the_export_does_not_hold_are_one_warning_and_marked(case: Case, tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "wz.zip",
        {"_chat.txt": WHATSAPP_MEDIA.encode(), "00000013-PHOTO-2023-03-14-09-17-00.jpg": b"img1\n"},
    )
    result = add_exhibit(case, path, AddOptions(producer="Jane Doe", date_order="dmy"))
    assert result.warnings == 1
    [warning] = case.store.warnings()
    assert (warning.locator, warning.message, warning.raw) == (
        "file",
        "1 attachment(s) named by messages are not in the export, so not stored or hashed (each is marked"
        " 'not in the export'): line 2: 00000014-PHOTO-2023-03-14-09-18-00.jpg; ask for the media if they"
        " matter",
        "line 2\t00000014-PHOTO-2023-03-14-09-18-00.jpg",
    )
    attachments = [a for i in case.store.iter_items() for a in i.attachments]
    assert [(a.name, a.in_export) for a in attachments] == [
        ("00000013-PHOTO-2023-03-14-09-17-00.jpg", True),
        ("00000014-PHOTO-2023-03-14-09-18-00.jpg", False),
    ]
    line_2 = next(i for i in case.store.iter_items() if i.locator == "line 2")
    assert item_json(line_2, ("whatsapp", 0))["attachments"] == [
        {
            "name": "00000014-PHOTO-2023-03-14-09-18-00.jpg",
            "sha256": None,
            "size": None,
            "mime": "image/jpeg",
            "in_export": False,
        }
    ]


def test_a_telegram_folder_without_a_named_file_says_so(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "tgz"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "photo_1.jpg").write_bytes(b"jpg")
    (folder / "result.json").write_text(
        json.dumps(
            {
                "name": "Alex", "type": "personal_chat", "id": 1,
                "messages": [
                    {"id": 1, "type": "message", "date": "2023-03-14T09:18:00", "date_unixtime": "1678785480",
                     "from": "Alex", "from_id": "user1", "photo": "photos/photo_1.jpg", "text": ""},
                    {"id": 2, "type": "message", "date": "2023-03-14T09:19:00", "date_unixtime": "1678785540",
                     "from": "Alex", "from_id": "user1", "file": "files/missing.pdf", "text": "x"},
                ],
            }
        )
    )  # fmt: skip
    add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert [w.message for w in case.store.warnings()] == [
        "1 attachment(s) named by messages are not in the export, so not stored or hashed (each is marked"
        " 'not in the export'): messages[1]: files/missing.pdf; ask for the media if they matter"
    ]


def test_a_symbolic_link_member_is_a_warning_and_never_stored_as_the_file(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "symlink.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "WhatsApp Chat with Bob.txt", "12/03/2024, 21:14 - Bob: IMG-0001.jpg (file attached)\n"
        )
        link = zipfile.ZipInfo("IMG-0001.jpg")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    add_exhibit(case, path, AddOptions(producer="Jane Doe", date_order="dmy"))
    assert [(w.locator, w.message) for w in case.store.warnings()] == [
        (
            "IMG-0001.jpg",
            "a symbolic link to '/etc/passwd' in the archive, not a file: not followed, and not stored as an"
            " attachment — ask for the file itself",
        ),
        (
            "file",
            "1 attachment(s) named by messages are not in the export, so not stored or hashed (each is marked"
            " 'not in the export'): line 1: IMG-0001.jpg; ask for the media if they matter",
        ),
    ]
    [attachment] = [a for i in case.store.iter_items() for a in i.attachments]
    assert (attachment.name, attachment.sha256) == ("IMG-0001.jpg", None)


def test_an_own_account_whose_name_contradicts_the_owner_given_is_attributed_with_a_warning(
    case: Case, tmp_path: Path
) -> None:
    # `--owner "Victim Person"` on an export whose own account calls itself "Alex Suspect" (no person of
    # the case) was accepted silently, and his posts shown as hers
    from footprint.parties import add_person

    add_person(case, "Victim Person", "complainant")
    export = {"personal_information": {"user_id": 777000222, "first_name": "Alex", "last_name": "Suspect"},
              "chats": {"list": [{"name": "Ben Example", "type": "personal_chat", "id": 777000111,
                                  "messages": [{"id": 1, "type": "message", "date": "2023-03-14T09:15:00",
                                                "date_unixtime": "1678785300", "from": "Alex Suspect",
                                                "from_id": "user777000222", "text": "you cannot hide"}]}]}}  # fmt: skip
    result = add_exhibit(
        case,
        _file(tmp_path, "result.json", json.dumps(export)),
        AddOptions(producer="PC Amir Patel", owner="Victim Person"),
    )
    assert result.owner_account == (
        "telegram:user777000222 attributed to Victim Person: the export's own account, and Victim Person was"
        " given as its owner; warning: telegram:user777000222 calls itself 'Alex Suspect', which shares no"
        " word with Victim Person; check that --owner is right (if not, correct it with `footprint account"
        " attribute DIR telegram:user777000222 --person NAME`)"
    )


def test_a_sigterm_during_the_commit_waits_for_it_and_the_add_stands(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # was: a SIGTERM just after the commit skipped the audit head's promotion and the add's clean-up
    # removed the vault copy the committed exhibit names, so `verify` failed and blamed tampering
    chat = tmp_path / "chat.txt"
    chat.write_text("01/03/2024, 10:00 - John Smith: where are you\n", encoding="utf-8")
    promote = audit_head.promote_head

    def stopped_then_promoted(directory: Path, staged: Path) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives between the commit and the head's promotion
        promote(directory, staged)

    monkeypatch.setattr(audit_head, "promote_head", stopped_then_promoted)
    before = signal.signal(signal.SIGTERM, startup._terminate)
    try:
        with pytest.raises(startup.Terminated):
            add_exhibit(case, chat, AddOptions(producer="PC Ann Lee", date_order="dmy"))
    finally:
        signal.signal(signal.SIGTERM, before)
    (exhibit,) = case.store.exhibits()
    assert case.vault.path(exhibit.sha256).is_file()
    assert verify_case(case).problems == []


@pytest.mark.parametrize("parallel", [False, True])
def test_a_damaged_byte_in_json_is_refused_or_kept_partial_as_in_xml(
    case: Case, tmp_path: Path, parallel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Telegram export with one bad byte was refused whole while an XML export kept what it had read
    # and `add` succeeded: now both refuse by default, naming the byte, and keep the part on request.
    if parallel:
        monkeypatch.setattr(case.settings, "parallel_parse_min_bytes", 0)
    data = (DATA / "telegram_json" / "old-export" / "result.json").read_bytes()
    at = data.index(b"unreadable date")
    path = _file(tmp_path, "result.json", data[:at] + b"\xff" + data[at:])
    line = data[:at].count(b"\n") + 1
    unread = len(data) + 1 - at
    before = snapshot(case)
    with pytest.raises(ParseError) as err:
        add_exhibit(case, path, AddOptions(producer="PC Test", format="telegram_json"))
    assert str(err.value) == (
        f"result.json: not UTF-8 at byte {at} (line {line}); {unread} of the {len(data) + 1} bytes of"
        f" result.json ({unread / (len(data) + 1) * 100:.1f}%) from byte {at} on were not read; the case is"
        " unchanged — get a fresh copy of the Telegram export from the original and add that, or add this"
        " copy again with --accept-partial to keep the 2 item(s) read before the damage and read on from the"
        " next whole record after it, where one can be found safely (the exhibit is then marked partial)"
    )
    assert snapshot(case) == before
    added = add_exhibit(
        case, path, AddOptions(producer="PC Test", format="telegram_json", accept_partial=True)
    )
    assert sum(added.items_by_kind.values()) == 3  # the damaged message lost; the reading resumes after it
    [exhibit] = case.store.exhibits()
    end = data.index(b"{", at)  # message 3's, one byte on in the damaged copy
    resumed_line = data[:end].count(b"\n") + 1
    assert exhibit.settings["partial"] == (
        f"not UTF-8 at byte {at} (line {line}) of result.json: {end + 1 - at} byte(s) from byte {at} up to"
        f" byte {end + 1} not read, 1 record(s) with them; reading resumed at messages[3] (byte {end + 1},"
        f" line {resumed_line}) — get a fresh copy of the Telegram export from the original"
        " and add that"
    )
    assert not verify_case(case).problems
