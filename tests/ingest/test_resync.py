"""`add --accept-partial` reads on after a damaged byte: at the next whole record of an SMS backup or of
a JSON export's message array, the skipped bytes told in a warning and the exhibit's partial note; a
record-like text inside a message is never taken for a record; without the option nothing changes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from footprint.errors import ParseError
from footprint.ingest import _jsonstream
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest.damage import DamagedInput, Resumed
from tests.conftest import parse
from tests.ingest.telegram_chat import chat

BACKUP = "the backup"


def _said(problem: str, at: int, line: int, name: str, end: int, lost: int, where: str, end_line: int) -> str:
    return (
        f"{problem} at byte {at:,} (line {line:,}) of {name}: {end - at:,} byte(s) from byte {at:,} up to"
        f" byte {end:,} not read, {lost:,} record(s) with them; reading resumed {where} (byte {end:,},"
        f" line {end_line:,}) — get a fresh copy of"
    )


def _line(data: bytes, at: int) -> int:
    return data[:at].count(b"\n") + 1


# ---- SMS Backup & Restore XML -------------------------------------------------------------------------


def _sms(body: str, i: int) -> str:
    return f'  <sms address="+447700900123" date="171041010{i}000" type="1" body="{body}" />'


def _backup(records: list[str], root: str = "smses") -> bytes:
    return (
        f'<?xml version="1.0"?>\n<{root} count="{len(records)}">\n' + "\n".join(records) + f"\n</{root}>\n"
    ).encode()


def test_an_sms_backup_reads_on_at_the_next_record_after_a_damaged_byte(tmp_path: Path) -> None:
    data = _backup([_sms(f"message {i}", i) for i in range(6)])
    at = data.index(b"message 1")
    data = data[:at] + b"\xff" + data[at + 1 :]
    path = tmp_path / "sms.xml"
    path.write_bytes(data)
    result = parse("sms_backup_xml", path, accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("/smses/sms[1]", "message 0"),
        ("/smses/sms[3]", "message 2"),
        ("/smses/sms[4]", "message 3"),
        ("/smses/sms[5]", "message 4"),
        ("/smses/sms[6]", "message 5"),
    ]
    end = data.index(b"<sms", at)
    said = _said(
        "XML error 'not well-formed (invalid token)'", at, 4, "sms.xml", end, 1, "at /smses/sms[3]", 5
    )
    [warning] = result.warnings
    assert (warning.locator, warning.message) == (
        f"byte {at}, line 4",
        said + " the backup from the original and add that",
    )
    # the skipped text is kept whole (1 KiB before the damage, up to where reading resumed)
    assert warning.raw == f"[bytes from 0; the damage is at byte {at}]\n" + data[:end].decode(
        "utf-8", "replace"
    )
    assert result.ctx.decisions["partial"] == warning.message


def test_without_accept_partial_an_sms_backup_is_still_refused(tmp_path: Path) -> None:
    data = _backup([_sms(f"message {i}", i) for i in range(3)])
    at = data.index(b"message 1")
    path = tmp_path / "sms.xml"
    path.write_bytes(data[:at] + b"\x00" + data[at + 1 :])
    with pytest.raises(ParseError, match=f"at byte {at} \\(line 4\\); .* the case is unchanged"):
        parse("sms_backup_xml", path)


def test_an_escaped_record_in_a_damaged_message_is_not_taken_for_a_record(tmp_path: Path) -> None:
    # '<' is always escaped in XML text, so '&lt;sms …' in a body (here after the damage, in the same
    # record, and in an MMS part) is text, never a record to read on at
    fake = "&lt;sms address=&quot;+447700900999&quot; date=&quot;1&quot; type=&quot;1&quot; body=&quot;fake&quot; /&gt;"
    mms = (
        '  <mms date="1710410104000" msg_box="1" address="+447700900123">\n'
        f'    <parts>\n      <part seq="0" ct="text/plain" text="X {fake}" />\n    </parts>\n  </mms>'
    )
    data = _backup([_sms("first", 1), _sms(f"X {fake}", 2), mms, _sms("last", 5)])
    first = data.index(b"X &lt;")
    second = data.index(b"X &lt;", first + 1)
    data = data[:first] + b"\x01" + data[first + 1 : second] + b"\x01" + data[second + 1 :]
    path = tmp_path / "sms.xml"
    path.write_bytes(data)
    result = parse("sms_backup_xml", path, accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("/smses/sms[1]", "first"),
        ("/smses/sms[3]", "last"),
    ]
    mms_at = data.index(b"<mms")
    last = data.index(b"<sms", second)
    tail = " the backup from the original and add that"
    problem = "XML error 'not well-formed (invalid token)'"
    assert [w.message for w in result.warnings] == [
        _said(problem, first, 4, "sms.xml", mms_at, 1, "at /smses/mms[1]", 5) + tail,
        _said(problem, second, 7, "sms.xml", last, 1, "at /smses/sms[3]", 10) + tail,
    ]


def test_a_calls_backup_reads_on_at_the_next_call(tmp_path: Path) -> None:
    calls = [
        f'  <call number="+447700900123" duration="{i}" date="171041010{i}000" type="1" />' for i in range(3)
    ]
    data = _backup(calls, "calls")
    at = data.index(b'duration="1"')
    data = data[:at] + b"<" + data[at + 1 :]
    path = tmp_path / "calls.xml"
    path.write_bytes(data)
    result = parse("sms_backup_xml", path, accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("/calls/call[1]", "incoming call"),
        ("/calls/call[3]", "incoming call, 2 s"),
    ]
    assert "reading resumed at /calls/call[3]" in result.ctx.decisions["partial"]


def test_damage_in_the_last_record_still_stops_the_reading(tmp_path: Path) -> None:
    data = _backup([_sms("first", 1), _sms("last", 2)])
    at = data.index(b"last")
    path = tmp_path / "sms.xml"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    result = parse("sms_backup_xml", path, accept_partial=True)
    assert [i.text for i in result.items] == ["first"]
    assert result.ctx.decisions["partial"].startswith(f"reading stopped at byte {at} (line 4) of sms.xml")


# ---- JSON message arrays ------------------------------------------------------------------------------


def _telegram(count: int, texts: dict[int, str] | None = None) -> bytes:
    return json.dumps(chat(count, texts), indent=1).encode()


def _element(data: bytes, ident: int) -> int:
    """The byte of message ``ident``'s opening brace."""
    return data.rindex(b"{", 0, data.index(b'"id": %d,' % ident))


@pytest.mark.parametrize(
    ("damage", "problem", "lost", "resumed"),
    [
        ("utf8", "not UTF-8", 1, 3),
        ("brace", "not valid JSON (Expecting value)", 1, 3),
        ("separator", "not valid JSON (expected ',' or ']', found ';')", 1, 4),
    ],
)
def test_a_telegram_export_reads_on_at_the_next_whole_message(
    tmp_path: Path, damage: str, problem: str, lost: int, resumed: int
) -> None:
    data = _telegram(6)
    if damage == "utf8":  # a byte that is not UTF-8 inside message 2's text
        at = data.index(b"message 2")
        data = data[:at] + b"\xff" + data[at + 1 :]
    elif damage == "brace":  # message 2's '{' garbled
        at = _element(data, 2)
        data = data[:at] + b"x" + data[at + 1 :]
    else:  # the ',' after message 2 garbled: message 2 is read whole, message 3 is lost
        at = _element(data, 3)
        at = data.rindex(b",", 0, at)
        data = data[:at] + b";" + data[at + 1 :]
    path = tmp_path / "result.json"
    path.write_bytes(data)
    result = parse("telegram_json", path, accept_partial=True)
    kept = [0, 1, 3, 4, 5] if resumed == 3 else [0, 1, 2, 4, 5]
    assert [(i.locator, i.text) for i in result.items] == [(f"messages[{n}]", f"message {n}") for n in kept]
    end = _element(data, resumed)
    said = _said(
        problem, at, _line(data, at), "result.json", end, lost, f"at messages[{resumed}]", _line(data, end)
    )
    [warning] = result.warnings
    assert warning.message == said + " the Telegram export from the original and add that"
    assert warning.raw == f"[bytes from 0; the damage is at byte {at}]\n" + data[:end].decode(
        "utf-8", "replace"
    )
    assert result.ctx.decisions["partial"] == warning.message


@pytest.mark.parametrize("left", [False, True])
def test_an_indented_full_export_reads_on_after_damage_in_a_chats_header(tmp_path: Path, left: bool) -> None:
    # Ben's name damaged: on at Carol's chat, the next in chats.list or (left) the first of left_chats
    chats = [{**chat(2), "name": name, "id": n} for n, name in enumerate(["Alice", "B\u00e9n", "Carol"], 1)]
    doc: dict[str, Any] = {"chats": {"about": "x", "list": chats[:2] if left else chats}}
    if left:
        doc["left_chats"] = {"about": "y", "list": chats[2:]}
    data = json.dumps(doc, indent=1, ensure_ascii=False).encode()
    at = data.index("\u00e9".encode())
    data = data[:at] + b"\xff" + data[at + 1 :]
    path = tmp_path / "result.json"
    path.write_bytes(data)
    result = parse("telegram_json", path, accept_partial=True)
    carol = "left_chats.list[0]" if left else "chats.list[2]"
    assert [i.locator for i in result.items] == [
        "chats.list[0].messages[0]",
        "chats.list[0].messages[1]",
        f"{carol}.messages[0]",
        f"{carol}.messages[1]",
    ]
    end = data.index(b'"left_chats"') if left else data.rindex(b"{", 0, data.index(b'"name": "Carol"'))
    where = "after the last chat of chats.list (chats.list[1]), at left_chats" if left else f"at {carol}"
    [warning] = result.warnings
    assert warning.message == (
        _said("not UTF-8", at, _line(data, at), "result.json", end, 2, where, _line(data, end))
        + " the Telegram export from the original and add that"
    )


def test_a_record_inside_a_message_text_is_not_taken_for_a_message(tmp_path: Path) -> None:
    # JSON cannot hold a line break inside a string: the fake message below is written on message 2's
    # own line (as "\n" escapes), so no line after the damage starts with it
    fake = '},\n  {\n   "id": 99,\n   "type": "message",\n   "from": "Mallory",\n   "text": "fake"\n  }'
    data = _telegram(4, {2: "x " + fake})
    at = data.index(b'"x ')
    data = data[: at + 1] + b"\xff" + data[at + 2 :]
    path = tmp_path / "result.json"
    path.write_bytes(data)
    result = parse("telegram_json", path, accept_partial=True)
    assert [i.locator for i in result.items] == ["messages[0]", "messages[1]", "messages[3]"]
    assert "fake" not in {i.text for i in result.items}


def test_a_group_chat_reads_on_and_keeps_each_message_index(tmp_path: Path) -> None:
    data = _telegram(5).replace(b'"personal_chat"', b'"private_group"')
    at = data.index(b"message 1")
    path = tmp_path / "result.json"
    path.write_bytes(data[:at] + b"\xc3(" + data[at + 2 :])
    result = parse("telegram_json", path, accept_partial=True)
    assert [i.locator for i in result.items] == ["messages[0]", "messages[2]", "messages[3]", "messages[4]"]


def test_a_full_export_reads_the_next_chat_when_damage_ends_a_chat(tmp_path: Path) -> None:
    chats = [json.loads(_telegram(2)), json.loads(_telegram(2))]
    chats[1]["id"], chats[1]["name"] = 2, "Bob"
    data = json.dumps({"chats": {"about": "x", "list": chats}}, indent=1).encode()
    at = data.index(b"message 1")  # the first chat's last message
    data = data[:at] + b"\xff" + data[at + 1 :]
    path = tmp_path / "result.json"
    path.write_bytes(data)
    result = parse("telegram_json", path, accept_partial=True)
    assert [i.locator for i in result.items] == [
        "chats.list[0].messages[0]",
        "chats.list[1].messages[0]",
        "chats.list[1].messages[1]",
    ]
    end = data.index(b"]", at)
    assert (
        f"reading resumed at the end of chats.list[0].messages (byte {end:,}"
        in result.ctx.decisions["partial"]
    )
    assert "1 record(s) with them" in result.ctx.decisions["partial"]


def test_without_accept_partial_a_telegram_export_is_still_refused(tmp_path: Path) -> None:
    data = _telegram(4)
    at = data.index(b"message 1")
    path = tmp_path / "result.json"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    with pytest.raises(ParseError) as refused:
        parse("telegram_json", path)
    size = path.stat().st_size
    assert str(refused.value) == (
        f"result.json: not UTF-8 at byte {at} (line {_line(data, at)}); {size - at} of the {size} bytes of result.json"
        f" ({(size - at) / size * 100:.1f}%) from byte {at} on were not read; the case is unchanged — get a"
        " fresh copy of the Telegram export from the original and add that, or add this copy again with"
        " --accept-partial to keep the 1 item(s) read before the damage and read on from the next whole"
        " record after it, where one can be found safely (the exhibit is then marked partial)"
    )


def _archive(tmp_path: Path, files: dict[str, bytes]) -> Path:
    path = tmp_path / "twitter-2024.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _tweets(count: int, first: int = 0) -> bytes:
    tweets = [
        {
            "tweet": {
                "id_str": str(100 + i),
                "full_text": f"tweet {i}",
                "created_at": "Thu Mar 14 10:00:00 +0000 2024",
            }
        }
        for i in range(first, first + count)
    ]
    return b"window.YTD.tweets.part0 = " + json.dumps(tweets, indent=2).encode()


def test_an_x_archive_reads_on_in_a_damaged_file_and_reads_the_others(tmp_path: Path) -> None:
    tweets = _tweets(4)
    at = tweets.index(b"tweet 1")
    tweets = tweets[:at] + b"\xff" + tweets[at + 1 :]
    # the other part is one line: reading on there too (tests/ingest/test_jsonresync.py)
    part1 = b"window.YTD.tweets.part1 = " + json.dumps(json.loads(_tweets(3, 10)[26:])).encode()
    cut = part1.index(b"tweet 11")
    part1 = part1[:cut] + b"\xff" + part1[cut + 1 :]
    account = b'window.YTD.account.part0 = [{"account": {"accountId": "1", "username": "alice"}}]'
    path = _archive(
        tmp_path, {"data/tweets.js": tweets, "data/tweets-part1.js": part1, "data/account.js": account}
    )
    result = parse("twitter_archive", path, accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("data/tweets.js[0]", "tweet 0"),
        ("data/tweets.js[2]", "tweet 2"),
        ("data/tweets.js[3]", "tweet 3"),
        ("data/tweets-part1.js[0]", "tweet 10"),
        ("data/tweets-part1.js[2]", "tweet 12"),
    ]
    partial = result.ctx.decisions["partial"]
    assert partial.startswith(
        f"not UTF-8 at byte {at} (line {_line(tweets, at)}) of data/tweets.js of twitter-2024.zip:"
    )
    end = part1.rindex(b'{"tweet"', 0, part1.index(b'"id_str": "112"'))
    assert partial.endswith(
        "; "
        + _said(
            "not UTF-8",
            cut,
            1,
            "data/tweets-part1.js of twitter-2024.zip",
            end,
            1,
            "at data/tweets-part1.js[2]",
            1,
        )
        + " the archive from the original and add that"
    )
    with pytest.raises(ParseError, match="not UTF-8 at byte"):
        parse("twitter_archive", path)


# ---- the stream itself --------------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", [3, 16, 1 << 20])
def test_reading_on_finds_the_same_elements_whatever_the_chunk_size(chunk: int, monkeypatch: Any) -> None:
    monkeypatch.setattr(_jsonstream, "CHUNK", chunk)
    doc = {"messages": [{"id": i, "text": "é€ " * (i % 3)} for i in range(8)]}
    data = json.dumps(doc, indent=1, ensure_ascii=False).encode()
    first, second = data.index(b'"id": 2'), data.index(b'"id": 5')
    data = data[:first] + b"\x80" + data[first + 1 : second] + b"\xff" + data[second + 1 :]
    told: list[Resumed] = []
    js = JsonStream(io.BytesIO(data), "d.json", resume=told.append)
    found = []
    for key in js.keys():
        assert key == "messages"
        found = [(index, value["id"]) for index, value, _ in js.elements("messages")]
    js.end()
    assert found == [(0, 0), (1, 1), (3, 3), (4, 4), (6, 6), (7, 7)]
    assert [(r.damage.offset, r.at, r.where, r.records) for r in told] == [
        (first, data.rindex(b"{", 0, data.index(b'"id": 3')), "at messages[3]", 1),
        (second, data.rindex(b"{", 0, data.index(b'"id": 6')), "at messages[6]", 1),
    ]


def test_a_byte_that_is_not_utf8_outside_an_array_still_stops_the_reading() -> None:
    data = b'{\n "name": "Al\xffce",\n "messages": []\n}'
    js = JsonStream(io.BytesIO(data), "d.json", resume=lambda _: None)
    with pytest.raises(DamagedInput) as caught:
        for _ in js.keys():
            js.value()
    assert (str(caught.value), caught.value.offset) == ("d.json: not UTF-8 at byte 14 (line 2)", 14)


def test_a_discord_group_dm_reads_on_and_tells_it_once(tmp_path: Path) -> None:
    # a group DM is read twice (members' moves first): the damage read past is told by the second only
    messages = [
        {
            "id": str(7000 + i),
            "type": "RecipientAdd" if i == 0 else "Default",
            "timestamp": f"2024-06-01T10:0{i}:00+01:00",
            "content": "Added cat.example to the group." if i == 0 else f"message {i}",
            "author": {"id": "1111", "name": "ben.example"},
            "mentions": [{"id": "3333", "name": "cat.example"}] if i == 0 else [],
        }
        for i in range(5)
    ]
    doc = {
        "guild": {"id": "0"},
        "channel": {"id": "6000", "type": "DirectGroupTextChat"},
        "messages": messages,
    }
    data = json.dumps(doc, indent=2).encode()
    at = data.index(b"message 2")
    path = tmp_path / "channel.json"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    result = parse("discord_json", path, accept_partial=True)
    assert [i.locator for i in result.items if i.kind == "message"] == [
        "messages[1]",
        "messages[3]",
        "messages[4]",
    ]
    assert [w.locator for w in result.warnings if "reading resumed" in w.message] == [
        f"byte {at}, line {_line(data, at)}"
    ]
