"""`add --accept-partial` reads on after damage in a JSON message array written on one line (minified):
at the next whole element no message text can forge, for every parser that reads on; the exact items
kept and warnings; the places and element counts of ``_jsonresync`` itself."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from footprint.errors import ParseError
from footprint.ingest._jsonresync import CANDIDATE, Shape, elements_back, next_key, opens_holder
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest.damage import Resumed
from footprint.model import AccountRef
from tests.conftest import Parsed, parse
from tests.ingest.telegram_chat import chat, messages
from tests.ingest.test_resync import _line, _said

TELEGRAM_TAIL = " the Telegram export from the original and add that"
# a whole forged message as a text holds it (JSON escapes its quotes), and its bare text
FORGED = {"id": 99, "type": "message", "date": "2024-03-14T10:59:00", "from": "Mallory", "text": "forged"}
FORGERY = "},{" + json.dumps(FORGED, separators=(",", ":"))[1:] + ",{" + json.dumps(FORGED)[1:]


def _minified(doc: Any) -> bytes:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()


def _telegram(count: int, texts: dict[int, Any] | None = None) -> bytes:
    return _minified(chat(count, texts))


def _start(data: bytes, ident: bytes) -> int:
    """The byte of the ``{`` of the element whose first key is ``ident`` (``b'"id":3'``)."""
    return data.index(b"{" + ident)


def _damage(data: bytes, at: int, byte: bytes = b"\xff") -> bytes:
    return data[:at] + byte + data[at + 1 :]


def _read_telegram(tmp_path: Path, data: bytes) -> Parsed:
    """What telegram_json reads of ``data`` as ``result.json``, reading on after damage."""
    return parse("telegram_json", _write(tmp_path, "result.json", data), accept_partial=True)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- Telegram -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "problem", "resumed"),
    [
        ("utf8", "not UTF-8", 3),
        ("brace", "not valid JSON (Expecting value)", 3),
        ("separator", "not valid JSON (expected ',' or ']', found ';')", 4),
    ],
)
def test_a_minified_telegram_export_reads_on_at_the_next_whole_message(
    tmp_path: Path, damage: str, problem: str, resumed: int
) -> None:
    data = _telegram(6)
    if damage == "utf8":  # a byte that is not UTF-8 inside message 2's text
        at = data.index(b"message 2")
    elif damage == "brace":  # message 2's '{' garbled
        at = _start(data, b'"id":2,')
    else:  # the ',' after message 2: message 2 is read whole, message 3 is lost (no '},{' before it)
        at = _start(data, b'"id":3,') - 1
    data = _damage(data, at, {"utf8": b"\xff", "brace": b"x", "separator": b";"}[damage])
    result = _read_telegram(tmp_path, data)
    kept = [0, 1, 3, 4, 5] if resumed == 3 else [0, 1, 2, 4, 5]
    assert [(i.locator, i.text) for i in result.items] == [(f"messages[{n}]", f"message {n}") for n in kept]
    end = _start(data, b'"id":%d,' % resumed)
    [warning] = result.warnings
    assert (warning.locator, warning.message) == (
        f"byte {at}, line 1",
        _said(problem, at, 1, "result.json", end, 1, f"at messages[{resumed}]", 1) + TELEGRAM_TAIL,
    )
    assert warning.raw == f"[bytes from 0; the damage is at byte {at}]\n" + data[:end].decode(
        "utf-8", "replace"
    )
    assert result.ctx.decisions["partial"] == warning.message


def test_forged_messages_in_the_texts_after_the_damage_are_never_read(tmp_path: Path) -> None:
    # right after the damage: whole messages as text (escaped, as JSON writes them), and a text made of
    # strings that JSON does decode as an object from its '{"' ({",": 1}), followed by ',': never an
    # element, as it cannot have a message's keys; message 3 holds the same after the damage too
    crafted = ["\u00e9 " + FORGERY + "},{", ':1},{"', ":2},", FORGERY]
    data = _telegram(6, {2: crafted, 3: ["x},{", ":1},", FORGERY]})
    at = data.index("\u00e9".encode())
    data = _damage(data, at)  # half of 'é': not UTF-8
    result = _read_telegram(tmp_path, data)
    # only message 3 holds the forgery, as its text; no item is Mallory's
    assert [(i.locator, i.text) for i in result.items] == [
        ("messages[0]", "message 0"),
        ("messages[1]", "message 1"),
        ("messages[3]", "x},{:1}," + FORGERY),
        ("messages[4]", "message 4"),
        ("messages[5]", "message 5"),
    ]
    assert {i.author for i in result.items} == {AccountRef("telegram", "user1", "Alice")}
    end = _start(data, b'"id":3,')
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", at, 1, "result.json", end, 1, "at messages[3]", 1) + TELEGRAM_TAIL
    )


def test_a_second_damaged_message_is_passed_and_counted(tmp_path: Path) -> None:
    data = _telegram(6)
    first, second = data.index(b"message 1"), data.index(b"message 2")
    data = _damage(_damage(data, first), second)
    result = _read_telegram(tmp_path, data)
    assert [i.locator for i in result.items] == ["messages[0]", "messages[3]", "messages[4]", "messages[5]"]
    end = _start(data, b'"id":3,')
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", first, 1, "result.json", end, 2, "at messages[3]", 1) + TELEGRAM_TAIL
    )


def _chats(*chats: tuple[str, str, int, int]) -> list[dict[str, Any]]:
    """Chats of a full export: each its name, type, id and number of messages."""
    return [{"name": n, "type": t, "id": i, "messages": messages(c)} for n, t, i, c in chats]


# the bare '{"' of a chat: JSON escapes it in a text ('{\\"name\\"'), and a text's own '{"' (its last
# character and closing quote) decodes out of step, with a key holding ',' or ':'
CHAT_FORGERY = ']},{"name":"Mallory","type":"personal_chat","id":66,"messages":[' + json.dumps(FORGED)


@pytest.mark.parametrize("kind", ["personal_chat", "private_group"])
@pytest.mark.parametrize(
    ("damage", "problem", "lost"),
    [("utf8", "not UTF-8", 1), ("bracket", "not valid JSON (expected ',' or ']', found ';')", 0)],
)
def test_damage_in_the_last_message_of_a_chat_reads_on_at_the_next_chat(
    tmp_path: Path, kind: str, damage: str, problem: str, lost: int
) -> None:
    # message 2, Alice's chat's last, holds forged chats after the damage: none is read; the next chat's
    # messages are another array's, and are not taken for Alice's; Bob's chat is read whole instead
    crafted = ["\u00e9 " + CHAT_FORGERY + "]},{", 'type":"personal_chat","id":66,"messages":[', ":1},"]
    chats = _chats(("Alice", kind, 1, 3), ("Bob", "personal_chat", 2, 4), ("Carol", kind, 3, 1))
    chats[0]["messages"][2]["text"] = crafted
    data = _minified({"chats": {"about": "x", "list": chats}})
    if damage == "utf8":  # half of 'é' in message 2's text
        at = data.index("\u00e9".encode())
    else:  # the ']' after message 2: it is read whole; no message is lost, only the place of Bob's chat
        at = data.index(b'},{"name":"Bob"') - 1
    data = _damage(data, at, b";" if damage == "bracket" else b"\xff")
    result = _read_telegram(tmp_path, data)
    kept = [0, 1]  # and message 2 when only the ']' after it is damaged
    assert [(i.locator, i.text) for i in result.items] == [
        *((f"chats.list[0].messages[{n}]", f"message {n}") for n in kept),
        *([("chats.list[0].messages[2]", "".join(crafted))] if damage == "bracket" else []),
        *((f"chats.list[1].messages[{n}]", f"message {n}") for n in range(4)),
        ("chats.list[2].messages[0]", "message 0"),
    ]
    assert {i.author for i in result.items} == {AccountRef("telegram", "user1", "Alice")}
    end = data.index(b'{"name":"Bob"')
    [warning] = result.warnings
    assert (warning.locator, warning.message) == (
        f"byte {at}, line 1",
        _said(problem, at, 1, "result.json", end, lost, "at chats.list[1]", 1) + TELEGRAM_TAIL,
    )
    assert warning.raw == f"[bytes from {max(at - 1024, 0):,}; the damage is at byte {at}]\n" + data[
        max(at - 1024, 0) : end
    ].decode("utf-8", "replace")
    assert result.ctx.decisions["partial"] == warning.message


@pytest.mark.parametrize("kind", ["personal_chat", "private_group"])
@pytest.mark.parametrize(
    ("damage", "problem"),
    [("utf8", "not UTF-8"), ("colon", "not valid JSON (expected ':', found ';')")],
)
def test_damage_in_a_chats_header_reads_on_at_the_next_chat(
    tmp_path: Path, kind: str, damage: str, problem: str
) -> None:
    # Bob's name holds forged chats after the damage, and ends '},{' so that its closing quote and the
    # real keys after it decode out of step ('{",": ...'): none is read; Bob's three messages are lost
    chats = _chats(
        ("Alice", kind, 1, 2), ("B\u00e9 " + CHAT_FORGERY + "]},{", kind, 2, 3), ("Carol", kind, 3, 1)
    )
    data = _minified({"chats": {"about": "x", "list": chats}})
    if damage == "utf8":  # half of 'é' in Bob's name
        at = data.index("\u00e9".encode())
    else:  # the ':' after Bob's "type"
        at = data.index(b'"type":', data.index(b"Mallory")) + len(b'"type"')
    data = _damage(data, at, b";" if damage == "colon" else b"\xff")
    result = _read_telegram(tmp_path, data)
    assert [(i.locator, i.text) for i in result.items] == [
        ("chats.list[0].messages[0]", "message 0"),
        ("chats.list[0].messages[1]", "message 1"),
        ("chats.list[2].messages[0]", "message 0"),
    ]
    assert {i.author for i in result.items} == {AccountRef("telegram", "user1", "Alice")}
    end = data.index(b'{"name":"Carol"')
    [warning] = result.warnings
    assert (warning.locator, warning.message) == (
        f"byte {at}, line 1",
        _said(problem, at, 1, "result.json", end, 3, "at chats.list[2]", 1) + TELEGRAM_TAIL,
    )
    assert warning.raw == f"[bytes from 0; the damage is at byte {at}]\n" + data[:end].decode(
        "utf-8", "replace"
    )
    assert result.ctx.decisions["partial"] == warning.message


@pytest.mark.parametrize("carol", [1, 2])
@pytest.mark.parametrize(("damage", "lost"), [("message", 1), ("header", 2)])
def test_damage_in_the_last_chat_of_the_list_reads_on_at_left_chats(
    tmp_path: Path, carol: int, damage: str, lost: int
) -> None:
    # the chats after it are in another list (left_chats): its first chat follows a '[', not '},', and
    # the reading goes on at the key holding that list, after the ']' and '}' ending chats.list
    data = _minified(
        {
            "chats": {"about": "x", "list": _chats(("Alice", "personal_chat", 1, 2), ("B\u00e9", "x", 2, 2))},
            "left_chats": {
                "about": "y",
                "list": _chats(("Carol", "private_group", 3, carol), ("Dan", "x", 4, 2)),
            },
        }
    )
    at = (
        data.index(b"message 1", data.index(b'"id":2'))
        if damage == "message"
        else data.index("\u00e9".encode())
    )
    data = _damage(data, at)
    result = _read_telegram(tmp_path, data)
    assert [i.locator for i in result.items] == [
        "chats.list[0].messages[0]",
        "chats.list[0].messages[1]",
        *(["chats.list[1].messages[0]"] if damage == "message" else []),
        *(f"left_chats.list[0].messages[{n}]" for n in range(carol)),
        "left_chats.list[1].messages[0]",
        "left_chats.list[1].messages[1]",
    ]
    end = data.index(b'"left_chats"')
    [warning] = result.warnings
    where = "after the last chat of chats.list (chats.list[1]), at left_chats"
    assert (warning.locator, warning.message) == (
        f"byte {at}, line 1",
        _said("not UTF-8", at, 1, "result.json", end, lost, where, 1) + TELEGRAM_TAIL,
    )
    assert warning.raw == f"[bytes from 0; the damage is at byte {at}]\n" + data[:end].decode(
        "utf-8", "replace"
    )


# a chat's messages key and a forged message, as a chat's name can hold them (JSON escapes the quotes)
NAME_FORGERY = '","messages":[' + json.dumps(FORGED)


@pytest.mark.parametrize("indented", [False, True])
@pytest.mark.parametrize(
    ("damage", "keys"),
    [("name", ("type", "id")), ("id", ())],  # Dan's name: his type and id read; his id: neither
)
def test_damage_in_the_last_chats_header_reads_on_at_its_first_message(
    tmp_path: Path, indented: bool, damage: str, keys: tuple[str, ...]
) -> None:
    # the last chat of left_chats: no chat after it, so reading goes on in it, at its messages, with the
    # keys of its header after the damage that decode whole (none when the damage is in the last); the
    # forged messages in Dan's name (JSON escapes their quotes) are never read
    doc = {
        "chats": {"about": "x", "list": _chats(("Alice", "personal_chat", 1, 2))},
        "left_chats": {
            "about": "y",
            "list": _chats(("Carol", "x", 3, 1), ("D\u00e9n " + NAME_FORGERY, "personal_chat", 4, 3)),
        },
    }
    data = json.dumps(doc, indent=1, ensure_ascii=False).encode() if indented else _minified(doc)
    if damage == "name":
        at = data.index("\u00e9".encode())
        data = _damage(data, at)
    else:  # the id's digit made a letter: not valid JSON
        at = data.index(b"4", data.index(b'"id"', data.index("D\u00e9n".encode())))
        data = _damage(data, at, b"x")
    result = _read_telegram(tmp_path, data)
    assert [(i.locator, i.text, i.conversation) for i in result.items] == [
        ("chats.list[0].messages[0]", "message 0", "telegram:1"),
        ("chats.list[0].messages[1]", "message 1", "telegram:1"),
        ("left_chats.list[0].messages[0]", "message 0", "telegram:3"),
        *(
            (
                f"left_chats.list[1].messages[{n}]",
                f"message {n}",
                "telegram:4" if keys else "telegram:left_chats.list[1]",
            )
            for n in range(3)
        ),
    ]
    key = b'"messages"' if not keys else b'"type"'
    end = data.rindex(b",", 0, data.index(key, at))
    if keys:
        where = (
            'in the same chat (left_chats.list[1]), its header\'s keys before "type" not read, at that key'
        )
    else:
        where = (
            "in the same chat (left_chats.list[1]), its header not read (its id among them: its messages are"
            ' one conversation named by the chat\'s place), at its key "messages"'
        )
    problem = "not UTF-8" if damage == "name" else "not valid JSON (Expecting value)"
    [warning] = result.warnings
    assert (warning.locator, warning.message) == (
        f"byte {at:,}, line {_line(data, at)}",
        _said(problem, at, _line(data, at), "result.json", end, 0, where, _line(data, end)) + TELEGRAM_TAIL,
    )
    assert warning.raw.endswith(data[at + 2 : end].decode())
    assert result.ctx.decisions["partial"] == warning.message


@pytest.mark.parametrize(("size", "next_chat"), [(200_000, True), (300_000, False)])
def test_damage_in_a_chats_header_with_no_chat_within_256_kb_reads_on_at_its_first_message(
    tmp_path: Path, size: int, next_chat: bool
) -> None:
    # Bob's messages are long: Carol's chat is looked for within 256 KB of the damage; when it is not
    # there, reading goes on in Bob's chat, at its messages, and then on to Carol's
    chats = _chats(("Alice", "personal_chat", 1, 1), ("B\u00e9", "personal_chat", 2, 2), ("Carol", "x", 3, 1))
    chats[1]["messages"][0]["text"] = "x" * size
    data = _minified({"chats": {"about": "x", "list": chats}})
    at = data.index("\u00e9".encode())
    data = _damage(data, at)
    result = _read_telegram(tmp_path, data)
    bob = [] if next_chat else ["chats.list[1].messages[0]", "chats.list[1].messages[1]"]
    assert [i.locator for i in result.items] == [
        "chats.list[0].messages[0]",
        *bob,
        "chats.list[2].messages[0]",
    ]
    if next_chat:
        where, end, lost = "at chats.list[2]", data.index(b'{"name":"Carol"'), 2
    else:
        where = 'in the same chat (chats.list[1]), its header\'s keys before "type" not read, at that key'
        end, lost = data.index(b',"type"', at), 0
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", at, 1, "result.json", end, lost, where, 1) + TELEGRAM_TAIL
    )


def test_damage_in_the_last_chats_header_without_accept_partial_is_refused(tmp_path: Path) -> None:
    doc = {"chats": {"about": "x", "list": _chats(("Alice", "personal_chat", 1, 2), ("D\u00e9n", "x", 4, 3))}}
    data = _minified(doc)
    at = data.index("\u00e9".encode())
    data = _damage(data, at)
    with pytest.raises(ParseError) as err:
        parse("telegram_json", _write(tmp_path, "result.json", data))
    size = len(data)
    assert str(err.value) == (
        f"result.json: not UTF-8 at byte {at:,} (line 1); {size - at:,} of the {size:,} bytes of result.json"
        f" ({(size - at) / size * 100:.1f}%) from byte {at:,} on were not read; the case is unchanged — get a"
        " fresh copy of the Telegram export from the original and add that, or add this copy again with"
        " --accept-partial to keep the 2 item(s) read before the damage and read on from the next whole"
        " record after it, where one can be found safely (the exhibit is then marked partial)"
    )


def test_damage_in_the_last_chat_of_the_last_list_keeps_what_came_before(tmp_path: Path) -> None:
    data = _minified({"chats": {"about": "x", "list": _chats(("Alice", "personal_chat", 1, 2))}})
    at = data.index(b"message 1")
    data = _damage(data, at)
    result = _read_telegram(tmp_path, data)
    assert [i.locator for i in result.items] == ["chats.list[0].messages[0]"]
    [warning] = result.warnings
    assert warning.message.startswith(f"reading stopped at byte {at:,} (line 1) of result.json: not UTF-8; ")


def test_a_full_minified_export_reads_on_in_a_chat_and_reads_the_next(tmp_path: Path) -> None:
    chats = [
        {"name": "Alice", "type": "personal_chat", "id": 1, "messages": messages(3)},
        {"name": "Bob", "type": "personal_chat", "id": 2, "messages": messages(2)},
    ]
    data = _minified({"chats": {"about": "x", "list": chats}})
    at = data.index(b"message 1")
    data = _damage(data, at)
    result = _read_telegram(tmp_path, data)
    assert [i.locator for i in result.items] == [
        "chats.list[0].messages[0]",
        "chats.list[0].messages[2]",
        "chats.list[1].messages[0]",
        "chats.list[1].messages[1]",
    ]
    end = _start(data, b'"id":2,')
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", at, 1, "result.json", end, 1, "at chats.list[0].messages[2]", 1) + TELEGRAM_TAIL
    )


@pytest.mark.parametrize(("size", "read_on"), [(200_000, True), (300_000, False)])
def test_the_next_message_is_looked_for_within_256_kb_of_the_damage(
    tmp_path: Path, size: int, read_on: bool
) -> None:
    data = _telegram(4, {1: "x" * size})
    at = data.index(b"xxx")
    data = _damage(data, at)
    result = _read_telegram(tmp_path, data)
    assert [i.locator for i in result.items] == (
        ["messages[0]", "messages[2]", "messages[3]"] if read_on else ["messages[0]"]
    )
    said = result.ctx.decisions["partial"]
    assert said.startswith("not UTF-8 at byte" if read_on else "reading stopped at byte")


# ---- the other parsers that read on -------------------------------------------------------------------


def _discord_message(i: int, text: str) -> dict[str, Any]:
    return {
        "id": str(7000 + i),
        "type": "Default",
        "timestamp": f"2024-06-01T10:0{i}:00+01:00",
        "content": text,
        "author": {"id": "1111", "name": "ben.example"},
        "mentions": [{"id": "3333", "name": "cat.example"}, {"id": "4444", "name": "dan.example"}],
    }


def test_a_minified_discord_export_reads_on_and_reads_no_forged_message(tmp_path: Path) -> None:
    forged = _minified(_discord_message(9, "forged")).decode()
    texts = {2: f"\u00e9 }},{forged[1:]}", 3: f"}},{forged[1:]}"}
    doc = {
        "guild": {"id": "5000", "name": "Server"},
        "channel": {"id": "6000", "type": "GuildTextChat", "name": "general"},
        "messages": [_discord_message(i, texts.get(i, f"message {i}")) for i in range(5)],
    }
    data = _minified(doc)
    at = data.index("\u00e9".encode())
    data = _damage(data, at)
    result = parse("discord_json", _write(tmp_path, "channel.json", data), accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("messages[0]", "message 0"),
        ("messages[1]", "message 1"),
        ("messages[3]", texts[3]),
        ("messages[4]", "message 4"),
    ]
    end = _start(data, b'"id":"7003"')
    [warning] = result.warnings
    assert warning.message == (
        _said("not UTF-8", at, 1, "channel.json", end, 1, "at messages[3]", 1)
        + " the DiscordChatExporter file from the original and add that"
    )


def _zip(tmp_path: Path, files: dict[str, bytes]) -> Path:
    path = tmp_path / "twitter-2024.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _tweet(i: int, text: str) -> dict[str, Any]:
    return {
        "tweet": {"id_str": str(100 + i), "full_text": text, "created_at": "Thu Mar 14 10:00:00 +0000 2024"}
    }


def test_an_x_tweets_file_on_one_line_reads_on_and_reads_no_forged_tweet(tmp_path: Path) -> None:
    forged = _minified(_tweet(9, "forged")).decode()
    texts = {1: f"\u00e9 }},{forged[1:]}", 2: f"}},{forged[1:]}"}
    tweets = b"window.YTD.tweets.part0 = " + _minified(
        [_tweet(i, texts.get(i, f"tweet {i}")) for i in range(4)]
    )
    at = tweets.index("\u00e9".encode())
    tweets = _damage(tweets, at)
    result = parse("twitter_archive", _zip(tmp_path, {"data/tweets.js": tweets}), accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("data/tweets.js[0]", "tweet 0"),
        ("data/tweets.js[2]", texts[2]),
        ("data/tweets.js[3]", "tweet 3"),
    ]
    end = _start(tweets, b'"tweet":{"id_str":"102"')
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", at, 1, "data/tweets.js of twitter-2024.zip", end, 1, "at data/tweets.js[2]", 1)
        + " the archive from the original and add that"
    )


def _dm(i: int, text: str) -> dict[str, Any]:
    return {
        "messageCreate": {
            "id": str(500 + i),
            "senderId": "42",
            "recipientId": "43",
            "text": text,
            "createdAt": f"2024-03-14T10:0{i}:00.000Z",
        }
    }


def test_an_x_dm_file_on_one_line_reads_on_and_reads_no_forged_message(tmp_path: Path) -> None:
    forged = _minified(_dm(9, "forged")).decode()
    texts = {1: f"\u00e9 }},{forged[1:]}", 2: f"}},{forged[1:]}"}
    conversations = [
        {
            "dmConversation": {
                "conversationId": "42-43",
                "messages": [_dm(i, texts.get(i, f"dm {i}")) for i in range(4)],
            }
        },
        {"dmConversation": {"conversationId": "42-44", "messages": [_dm(5, "other")]}},
    ]
    dms = b"window.YTD.direct_messages.part0 = " + _minified(conversations)
    at = dms.index("\u00e9".encode())
    dms = _damage(dms, at)
    result = parse("twitter_archive", _zip(tmp_path, {"data/direct-messages.js": dms}), accept_partial=True)
    where = "data/direct-messages.js[0].messages"
    assert [(i.locator, i.text) for i in result.items] == [
        (f"{where}[0]", "dm 0"),
        (f"{where}[2]", texts[2]),
        (f"{where}[3]", "dm 3"),
        ("data/direct-messages.js[1].messages[0]", "other"),
    ]
    end = _start(dms, b'"messageCreate":{"id":"502"')
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", at, 1, "data/direct-messages.js of twitter-2024.zip", end, 1, f"at {where}[2]", 1)
        + " the archive from the original and add that"
    )


def _e2ee(i: int, text: str) -> dict[str, Any]:
    return {
        "isUnsent": False,
        "media": [],
        "reactions": [
            {"actor": "Ann Example", "reaction": "\u2764"},
            {"actor": "Ben Example", "reaction": "x"},
        ],
        "senderName": "Ben Example",
        "text": text,
        "timestamp": 1720000000000 + 60_000 * i,
        "type": "text",
    }


def test_a_minified_messenger_e2ee_thread_reads_on_and_reads_no_forged_message(tmp_path: Path) -> None:
    forged = _minified(_e2ee(9, "forged")).decode()
    texts = {1: f"\u00e9 }},{forged[1:]}", 2: f"}},{forged[1:]}"}
    doc = {
        "participants": ["Ann Example", "Ben Example"],
        "threadName": "Ann Example_3",
        "messages": [_e2ee(i, texts.get(i, f"message {i}")) for i in range(4)],
    }
    data = _minified(doc)
    at = data.index("\u00e9".encode())
    data = _damage(data, at)
    result = parse("messenger_e2ee", _write(tmp_path, "Ann Example_3.json", data), accept_partial=True)
    assert [(i.locator, i.text) for i in result.items if i.kind == "message"] == [
        ("messages[0]", "message 0"),
        ("messages[2]", texts[2]),
        ("messages[3]", "message 3"),
    ]
    end = data.index(b'{"isUnsent"', at)
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", at, 1, "Ann Example_3.json", end, 1, "at messages[2]", 1)
        + " the E2EE thread file from the original and add that"
    )


def _legacy(i: int, text: str) -> dict[str, Any]:
    return {"sender_name": "Ben Example", "timestamp_ms": 1720000000000 - 60_000 * i, "content": text}


@pytest.mark.parametrize("indent", [None, 2])
def test_a_legacy_messenger_page_reads_on_and_reads_no_forged_message(
    tmp_path: Path, indent: int | None
) -> None:
    # a message_N.json page, newest first: message 1 damaged, message 2's text forges a message
    forged = _minified(_legacy(9, "forged")).decode()
    texts = {1: f"\u00e9 }},{forged[1:]}", 2: f"}},{forged[1:]}"}
    doc = {
        "participants": [{"name": "Ann Example"}, {"name": "Ben Example"}],
        "messages": [_legacy(i, texts.get(i, f"message {i}")) for i in range(4)],
        "title": "Ann Example",
        "thread_path": "inbox/annexample_1",
    }
    data = json.dumps(
        doc, indent=indent, separators=None if indent else (",", ":"), ensure_ascii=False
    ).encode()
    at = data.index("\u00e9".encode())
    data = _damage(data, at)
    result = parse("messenger_json", _write(tmp_path, "message_1.json", data), accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("messages[3]", "message 3"),
        ("messages[2]", texts[2]),
        ("messages[0]", "message 0"),
    ]
    end = data.rindex(b"{", 0, data.index(b"%d" % _legacy(2, "")["timestamp_ms"]))
    line = data[:end].count(b"\n") + 1
    [warning] = result.warnings
    assert warning.message == (
        _said("not UTF-8", at, data[:at].count(b"\n") + 1, "message_1.json", end, 1, "at messages[2]", line)
        + " the thread's message_N.json from the original and add that"
    )
    assert result.ctx.decisions["partial"] == warning.message


# ---- the places and counts themselves -----------------------------------------------------------------


def test_a_text_that_decodes_as_an_object_has_only_keys_made_of_the_text_between_strings() -> None:
    # '["x},{",":1},"]': from the '{' inside the first string, JSON reads the ',' between the strings as
    # a key, and the second string's content as ': 1 }': an object, followed by ',' — but its one key
    # holds a ',', as every key read out of step with the strings does
    text = json.dumps(["x},{", ":1},"], separators=(",", ":"))
    place = CANDIDATE.search(text)
    assert place is not None
    value, end = json.JSONDecoder().raw_decode(text, place.start(1))
    assert (value, text[end]) == ({",": 1}, ",")
    assert not Shape(keys=("id",)).fits(value)


_QUOTED = json.dumps(
    [{"id": 0, "t": 'a\\"},{"id":7}'}, {"id": 1, "a": [{"b": 1}, {"c": "}"}]}], separators=(",", ":")
)[1:-1]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (_QUOTED + ",", 2),  # an escaped backslash and quote, a nested array, a '}' in a text
        ('ssage 1"},{"id":2},', 1),  # from inside a string (the damage)
        ('xt"}]},{"name":"Bob","messages":[{"id":0},', None),  # the element is in an array opened after
    ],
)
def test_elements_back_counts_the_elements_before_a_place(text: str, count: int | None) -> None:
    assert elements_back(text + '{"id":9}', 0, len(text)) == count


def test_elements_back_counts_the_messages_of_the_chats_read_back_over() -> None:
    text = 'ssage 1"},{"id":2,"t":[{"b":1}]}]},{"name":"B","messages":[{"id":0}]},'
    assert (elements_back(text + "{", 0, len(text)), elements_back(text + "{", 0, len(text), 2)) == (1, 2)


_CHAT = Shape(keys=("type", "id"))


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ('{ "name" : "B", "type":"t","id":2 , "messages": [', True),
        ('{"type":"t","id":2,"messages":[', True),
        ('{"name":"B","type":"t","messages":[', False),  # no id
        ('{"name":"B","type":"t","id":2,"messages":{', False),  # not an array
        ('{"type":"t","id":2,"n":{"a":"b"', False),  # not whole
        (json.dumps(["x},{", 'type":"t","id":2,"messages":['], separators=(",", ":")), False),  # out of step
    ],
)
def test_a_chat_is_known_by_its_keys_up_to_its_messages(text: str, opens: bool) -> None:
    place = text.index("{")
    assert opens_holder(text, place, _CHAT) == (len(text) - 1 if opens else None)  # at its "["


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('ssage 1"}]}]},"left_chats":{"about":"y","list":[', "left_chats"),
        ('e 1"}]}]} , "left_chats" : { "list" : [{"id":1},', "left_chats"),  # spaces, a later chat
        ('ssage 1","x":{"list":[', None),  # a key of the damaged message, not of the export
        ('ssage 1"}]}]},"left_chats":{"other":[', None),  # not the list of chats
        ('ssage 1"}]}]},"left_chats":[{"list":[', None),  # opened by more than the list and its object
        ('ssage 1"}]}],"left_chats":{"list":[', None),  # no object ends between the list and the key
    ],
)
def test_the_next_list_is_known_by_its_key_after_the_end_of_this_one(text: str, found: str | None) -> None:
    got = next_key(text + '{"name":"C"', 0, len(text), "list")
    if found is None:
        assert got is None
    else:
        assert got == (found, text.index('"left_chats"'), text.index(",", text.index("]}")))


def test_a_shape_refuses_keys_a_forged_place_could_hold() -> None:
    with pytest.raises(ValueError, match="cannot hold"):
        Shape(keys=("id", "a,b"))
    with pytest.raises(ValueError, match="at least one key"):
        Shape()


def test_the_stream_reads_on_at_the_same_element_whatever_the_chunk_size(monkeypatch: Any) -> None:
    from footprint.ingest import _jsonstream

    for chunk in (3, 16, 1 << 20):
        monkeypatch.setattr(_jsonstream, "CHUNK", chunk)
        data = _damage(_telegram(5), _telegram(5).index(b"message 1"))
        told: list[Resumed] = []
        js = JsonStream(io.BytesIO(data), "d.json", resume=told.append)
        found = []
        for key in js.keys():
            if key == "messages":
                found = [i for i, _, _ in js.elements("messages", Shape(keys=("id", "type")))]
            else:
                js.value()
        assert found == [0, 2, 3, 4]
        assert [(r.at, r.where, r.records) for r in told] == [(_start(data, b'"id":2,'), "at messages[2]", 1)]


@pytest.mark.parametrize("chunk", [3, 16, 1 << 20])
def test_reading_on_in_the_last_chat_finds_the_same_place_whatever_the_chunk_size(
    tmp_path: Path, chunk: int, monkeypatch: Any
) -> None:
    from footprint.ingest import _jsonstream

    monkeypatch.setattr(_jsonstream, "CHUNK", chunk)
    chats = _chats(("Alice", "private_group", 1, 1), ("B\u00e9", "private_group", 2, 2))
    data = _minified({"chats": {"about": "x", "list": chats}})
    at = data.index("\u00e9".encode())
    data = _damage(data, at)
    result = _read_telegram(tmp_path, data)
    assert [(i.locator, i.conversation) for i in result.items] == [
        ("chats.list[0].messages[0]", "telegram:1"),
        ("chats.list[1].messages[0]", "telegram:2"),
        ("chats.list[1].messages[1]", "telegram:2"),
    ]
    where = 'in the same chat (chats.list[1]), its header\'s keys before "type" not read, at that key'
    end = data.index(b',"type"', at)
    assert result.ctx.decisions["partial"] == (
        _said("not UTF-8", at, 1, "result.json", end, 0, where, 1) + TELEGRAM_TAIL
    )
