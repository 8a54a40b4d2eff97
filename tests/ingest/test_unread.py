"""What a parser leaves unread in a folder or archive: other exports refused, other files warned of."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import InputError
from footprint.ingest import unread
from footprint.pipeline import AddOptions, add_exhibit
from tests.conftest import DATA, snapshot

CHAT = "14/03/2024, 09:15 - Ann Example: hello\n14/03/2024, 09:16 - Ben Example: hi\n"
TELEGRAM = (
    '{"name": "Ann Example", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "type": "message",'
    ' "date": "2024-03-14T09:15:00", "date_unixtime": "1710407700", "from": "Ann Example",'
    ' "from_id": "user1", "text": "hello", "text_entities": []}]}'
)
MBOX = (
    "From ann@example.org Thu Mar 14 10:15:00 2024\nFrom: Ann Example <ann@example.org>\n"
    "To: ben@example.org\nDate: Thu, 14 Mar 2024 10:15:00 +0000\nSubject: one\n\nhello\n"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40)


def _folder(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "mix"
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def _cut_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_chat.txt", CHAT * 20)
    return buffer.getvalue()[:60]


def test_a_folder_holding_exports_for_other_parsers_is_refused(case: Case, tmp_path: Path) -> None:
    # Read as one WhatsApp chat: the Telegram chat and the two e-mails were dropped without a word.
    # The folder is named as given ("mix"), not as the zip it is packed into ("mix.zip").
    folder = _folder(
        tmp_path,
        {"WhatsApp Chat with Ann Example.txt": CHAT, "result.json": TELEGRAM, "mail.mbox": MBOX},
    )
    before = snapshot(case)
    with pytest.raises(InputError) as caught:
        add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert str(caught.value) == (
        "mix: the folder was read by whatsapp, but it also holds mail.mbox (email),"
        " result.json (telegram_json), which whatsapp does not read; add each file, or a folder per export"
    )
    assert snapshot(case) == before


def test_a_second_export_of_the_same_kind_is_refused(case: Case, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a/_chat.txt": CHAT, "b/chat.txt": CHAT.replace("hello", "again")})
    with pytest.raises(InputError) as caught:
        add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert str(caught.value) == (
        "mix: the folder was read by whatsapp, but it also holds b/chat.txt (whatsapp),"
        " which whatsapp does not read; add each file, or a folder per export"
    )


def test_files_no_parser_reads_are_warnings_and_media_are_not(case: Case, tmp_path: Path) -> None:
    # A cut-short zip and a cut-short JSON beside a chat were read as the chat alone, unmentioned.
    folder = _folder(
        tmp_path,
        {
            "_chat.txt": CHAT,
            "backup.zip": _cut_zip(),
            "notes.json": '{"list": [1, 2',
            "IMG-20240314-WA0001.jpg": JPEG,
            "contacts/contact_1.vcf": "BEGIN:VCARD\nFN:Cy Example\nEND:VCARD\n",
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
        },
    )
    result = add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert (result.items_by_kind, result.warnings, result.not_read) == (
        {"message": 2},
        2,
        ("backup.zip (60 bytes)", "notes.json (14 bytes)"),
    )
    warnings = [(w.locator, w.message, w.raw) for w in case.store.warnings(result.ref)]
    assert warnings == [
        (
            "backup.zip",
            "not read: backup.zip (60 bytes) cannot be opened (not a readable zip archive (File is not a"
            " zip file); the file may be truncated — copy or download it again); the exhibit keeps it —"
            " add it on its own once it can be read",
            "[backup.zip: 60 bytes, not text]",
        ),
        (
            "notes.json",
            "not read: notes.json (14 bytes) is in no format Footprint reads; the exhibit keeps it",
            '{"list": [1, 2',
        ),
    ]


def test_an_export_folder_with_its_own_media_has_nothing_unread(case: Case) -> None:
    telegram = add_exhibit(case, DATA / "telegram_json" / "old-export", AddOptions(producer="Jane Doe"))
    x = add_exhibit(case, DATA / "twitter_archive" / "archive-2024", AddOptions(producer="Jane Doe"))
    assert (telegram.not_read, x.not_read) == ((), ())
    assert not [w for w in case.store.warnings() if w.message.startswith("not read:")]


def test_a_zip_is_checked_as_a_folder_is(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "chats.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", CHAT)
        archive.writestr("result.json", TELEGRAM)
    with pytest.raises(InputError) as caught:
        add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    assert str(caught.value) == (
        "chats.zip: the archive was read by whatsapp, but it also holds result.json"
        " (telegram_json), which whatsapp does not read; add each file, or a folder per export"
    )


def test_an_x_archives_own_unread_parts_are_not_flagged(case: Case, tmp_path: Path) -> None:
    # Its other data files (here like.js) sniff as X archive files on their own: without the
    # parser naming them its own, the archive would be refused as holding a second export.
    folder = _folder(
        tmp_path,
        {
            "data/tweets.js": 'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1", "full_text": "hi",'
            ' "created_at": "Mon Jan 15 20:00:00 +0000 2024"}} ]',
            "data/like.js": 'window.YTD.like.part0 = [ {"like": {"tweetId": "2"}} ]',
            "data/README.txt": "Twitter archive\n",
            "assets/js/app.js": "void 0;\n",
            "Your archive.html": "<html></html>\n",
        },
    )
    result = add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert (result.items_by_kind, result.warnings, result.not_read) == ({"post": 1}, 0, ())
    assert result.decisions["not_read"] == "like"


def test_meta_files_beside_the_threads_are_not_flagged(case: Case, tmp_path: Path) -> None:
    inbox = DATA / "messenger_json" / "dyi" / "your_facebook_activity" / "messages" / "inbox"
    thread = (inbox / "alexexample_42" / "message_1.json").read_text("utf-8")
    folder = _folder(
        tmp_path,
        {
            "messages/inbox/alexexample_42/message_1.json": thread,
            "messages/autofill_information.json": '{"autofill_information_v2": {}}',
            "profile_information/profile_information.json": '{"profile_v2": {}}',
        },
    )
    result = add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert result.not_read == ("profile_information/profile_information.json (18 bytes)",)


def test_a_damaged_member_left_unread_is_a_warning_not_a_crash(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "chat.zip"
    with zipfile.ZipFile(path, "w") as archive:  # stored, so the member's bytes can be altered in place
        archive.writestr("_chat.txt", CHAT)
        archive.writestr("other.json", '{"list": [1, 2, 3]}')
    data = path.read_bytes()
    at = data.index(b'{"list"')
    path.write_bytes(data[:at] + b"X" + data[at + 1 :])  # its CRC no longer matches
    result = add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    assert result.not_read == ("other.json (19 bytes)",)
    assert [(w.message, w.raw) for w in case.store.warnings(result.ref)] == [
        (
            "not read: other.json (19 bytes) cannot be opened (cannot read it from the archive (Bad CRC-32"
            " for file 'other.json')); the exhibit keeps it — add it on its own once it can be read",
            "[other.json: 19 bytes, not text]",
        )
    ]


def test_unread_files_past_the_limit_are_one_warning_listing_every_one(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 5,000 stray files made 5,000 warnings (each with its text); past the limit they are one warning
    monkeypatch.setattr(unread, "UNREAD_WARNED", 2)
    files: dict[str, bytes | str] = {f"d/x{n}.dat": "hello" for n in range(9)}
    folder = _folder(tmp_path, {"WhatsApp Chat with Ann Example.txt": CHAT} | files)
    result = add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert (result.warnings, len(result.not_read)) == (3, 9)
    warnings = [(w.locator, w.message, w.raw) for w in case.store.warnings(result.ref)]
    assert warnings[:2] == [
        (
            f"d/x{n}.dat",
            f"not read: d/x{n}.dat (5 bytes) is in no format Footprint reads; the exhibit keeps it",
            "hello",
        )
        for n in (0, 1)
    ]
    assert warnings[2] == (
        "folder",
        "not read: 7 more files (35 bytes) past the first 2 warned of one by one, each in no format Footprint"
        " reads or unopenable; the exhibit keeps them — the first: d/x2.dat (5 bytes), d/x3.dat (5 bytes),"
        " d/x4.dat (5 bytes), d/x5.dat (5 bytes), d/x6.dat (5 bytes); this warning's raw text lists every one",
        "\n".join(
            f"d/x{n}.dat (5 bytes) is in no format Footprint reads; the exhibit keeps it" for n in range(2, 9)
        ),
    )
