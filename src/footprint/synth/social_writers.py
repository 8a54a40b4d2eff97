"""Writers for social-platform exports (X, Meta DYI, Telegram, Discord) and generic JSON Lines of any
size, streamed to disk."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from footprint.times import zone

START_MS = 1_700_000_000_000
PHRASES = (
    "where are you right now",
    "answer your phone",
    "I saw you at the station with him",
    "you can't ignore me forever",
    "I know where you live",
    "send me the pictures or everyone sees them",
    "sorry, I didn't mean it",
    "stop messaging me",
)
PEOPLE = (("1111111111", "Ben Example", "ben_example"), ("2222222222", "Zoë Example", "zoe_example"))


def message_text(index: int) -> str:
    """The text of message ``index`` in every social writer (their answer key)."""
    return f"{PHRASES[index % len(PHRASES)]} (#{index})"


def message_ms(index: int) -> int:
    """When message ``index`` was sent, in milliseconds since 1970 UTC, where a writer varies the time."""
    return START_MS + index * 37_000


def _write_array(out: IO[str], prefix: str, records: Iterator[Any], suffix: str = "") -> None:
    out.write(prefix + "[\n")
    for n, record in enumerate(records):
        out.write((",\n" if n else "") + json.dumps(record, ensure_ascii=False, indent=1))
    out.write("\n]" + suffix)


def _zip_text(archive: zipfile.ZipFile, name: str, write: Callable[[IO[str]], None]) -> None:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as raw, io.TextIOWrapper(raw, encoding="utf-8") as out:
        write(out)


def write_twitter_archive(path: Path, tweets: int, dms: int) -> None:
    """An X archive zip (2023+ layout): account.js, tweets.js and one DM conversation, newest first."""
    owner, victim = PEOPLE

    def tweet(i: int) -> dict[str, Any]:
        ident = str(1_750_000_000_000_000_000 + i)
        return {"tweet": {
            "id_str": ident, "id": ident, "created_at": "Mon Jan 15 20:00:00 +0000 2024",
            "full_text": f"@{victim[2]} {message_text(i)}", "in_reply_to_user_id_str": victim[0],
            "in_reply_to_screen_name": victim[2],
            "entities": {"user_mentions": [{"screen_name": victim[2], "id_str": victim[0], "id": victim[0]}]},
        }}  # fmt: skip

    def message(i: int) -> dict[str, Any]:
        return {"messageCreate": {
            "recipientId": victim[0], "reactions": [], "urls": [], "text": message_text(i), "mediaUrls": [],
            "senderId": owner[0], "id": str(1_770_000_000_000_000_000 + i),
            "createdAt": "2024-03-03T21:00:00.000Z",
        }}  # fmt: skip

    account = [{"account": {"username": owner[2], "accountId": owner[0], "accountDisplayName": owner[1]}}]
    with zipfile.ZipFile(path, "w") as archive:
        _zip_text(
            archive,
            "data/account.js",
            lambda o: _write_array(o, "window.YTD.account.part0 = ", iter(account)),
        )
        _zip_text(
            archive, "data/tweets.js",
            lambda o: _write_array(o, "window.YTD.tweets.part0 = ", (tweet(i) for i in range(tweets))),
        )  # fmt: skip

        def conversation(out: IO[str]) -> None:
            out.write('window.YTD.direct_messages.part0 = [ { "dmConversation": { "conversationId": ')
            out.write(json.dumps(f"{owner[0]}-{victim[0]}") + ', "messages": ')
            _write_array(out, "", (message(i) for i in range(dms - 1, -1, -1)), " } } ]")

        _zip_text(archive, "data/direct-messages.js", conversation)


def write_messenger_dyi(path: Path, messages: int, per_page: int = 10_000) -> None:
    """A Messenger DYI zip with one thread split into newest-first ``message_N.json`` pages, with mojibake."""
    names = [p[1].encode("utf-8").decode("latin-1") for p in PEOPLE]
    folder = "your_facebook_activity/messages/inbox/benexample_1"
    pages = max(1, -(-messages // per_page))
    with zipfile.ZipFile(path, "w") as archive:
        for page in range(pages):
            top = messages - page * per_page
            indexes = range(top - 1, max(0, top - per_page) - 1, -1)

            def write(out: IO[str], indexes: range = indexes) -> None:
                out.write(json.dumps({"participants": [{"name": n} for n in names]})[:-1] + ', "messages": ')
                records = (
                    {"sender_name": names[i % 2], "timestamp_ms": message_ms(i),
                     "content": message_text(i).encode("utf-8").decode("latin-1")}
                    for i in indexes
                )  # fmt: skip
                _write_array(
                    out, "", records, ', "title": "Ben Example", "thread_path": "inbox/benexample_1"}'
                )

            _zip_text(archive, f"{folder}/message_{page + 1}.json", write)


def write_instagram_dyi(path: Path, messages: int) -> None:
    """An Instagram DYI zip (2023 layout): one thread, newest first, handles as names, with mojibake, a
    reaction carrying its own ``timestamp`` (seconds) and ``is_geoblocked_for_viewer`` on every message."""
    handles = [p[2] for p in PEOPLE]
    folder = "your_instagram_activity/messages/inbox/benexample_17840000000000001"

    def record(i: int) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sender_name": handles[i % 2],
            "timestamp_ms": message_ms(i),
            "content": message_text(i).encode("utf-8").decode("latin-1"),
            "is_geoblocked_for_viewer": False,
        }
        if i == 0:
            reaction = "\u2764".encode().decode("latin-1")
            out["reactions"] = [
                {"reaction": reaction, "actor": handles[1], "timestamp": message_ms(i) // 1000 + 5}
            ]
        return out

    def write(out: IO[str]) -> None:
        out.write(json.dumps({"participants": [{"name": h} for h in handles]})[:-1] + ', "messages": ')
        _write_array(
            out,
            "",
            (record(i) for i in range(messages - 1, -1, -1)),
            f', "title": "{handles[0]}", "is_still_participant": true,'
            f' "thread_path": "inbox/benexample_17840000000000001", "magic_words": []}}',
        )

    with zipfile.ZipFile(path, "w") as archive:
        _zip_text(archive, f"{folder}/message_1.json", write)


def write_jsonl(path: Path, messages: int) -> None:
    """Generic JSON Lines, one message per line with the default keys (a UK time with its offset)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(messages):
            ident, name, _ = PEOPLE[i % 2]
            at = datetime.fromtimestamp(message_ms(i) / 1000, zone("Europe/London")).isoformat()
            record = {"id": f"m{i}", "sent_at": at, "author": ident, "author_name": name,
                      "recipient": PEOPLE[(i + 1) % 2][0], "text": message_text(i)}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_messenger_e2ee(path: Path, messages: int) -> None:
    """A Messenger E2EE thread export (proper UTF-8, camelCase)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"participants": [p[1] for p in PEOPLE], "threadName": "Ben Example_1"})[:-1])
        out.write(', "messages": ')
        records = (
            {"isUnsent": False, "media": [], "reactions": [], "senderName": PEOPLE[i % 2][1],
             "text": message_text(i), "timestamp": message_ms(i), "type": "text"}
            for i in range(messages)
        )  # fmt: skip
        _write_array(out, "", records, "}")


def _telegram_date(seconds: int) -> str:
    """Telegram Desktop's ``date``: the exporter's wall-clock time (here London), with no offset."""
    return datetime.fromtimestamp(seconds, zone("Europe/London")).replace(tzinfo=None).isoformat()


def write_telegram_json(path: Path, messages: int) -> None:
    """A Telegram Desktop single-chat ``result.json`` whose ``date`` and ``date_unixtime`` (UTC) are the
    same moment for every message."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Ben Example",\n "type": "personal_chat",\n "id": 1111111111,\n "messages": ')
        records = (
            {"id": i + 1, "type": "message", "date": _telegram_date(message_ms(i) // 1000),
             "date_unixtime": str(message_ms(i) // 1000), "from": PEOPLE[i % 2][1],
             "from_id": f"user{PEOPLE[i % 2][0]}",
             "text": message_text(i), "text_entities": [{"type": "plain", "text": message_text(i)}]}
            for i in range(messages)
        )  # fmt: skip
        _write_array(out, "", records, "\n}")


GROUP_PEOPLE = (
    *PEOPLE,
    ("3333333333", "Cat Example", "cat_example"),
    ("4444444444", "Dan Example", "dan_example"),
)
GROUP_STRANGER = "Eve Example"  # invited once, never writes: no account is known for the name


def _group_move(when: dict[str, Any], event: int) -> dict[str, Any]:
    """Join or leave ``event`` (1, 2, ...): Ben removes Cat, invites her back (and, the first time, Eve),
    Dan leaves by himself and rejoins by link, in turn; odd events are leaves."""
    ben, cat, dan = GROUP_PEOPLE[0], GROUP_PEOPLE[2], GROUP_PEOPLE[3]
    actor, action, members = {
        1: (ben, "remove_members", [cat[1]]),
        2: (ben, "invite_members", [cat[1], GROUP_STRANGER] if event == 2 else [cat[1]]),
        3: (dan, "remove_members", [dan[1]]),
        0: (dan, "join_group_by_link", None),
    }[event % 4]
    move = {**when, "type": "service", "actor": actor[1], "actor_id": f"user{actor[0]}", "action": action}
    if members is not None:
        move["members"] = members
    return {**move, "text": "", "text_entities": []}


def write_telegram_group(path: Path, messages: int, leaves: int) -> None:
    """A Telegram Desktop single-chat ``result.json`` of a private group: message 0 creates it (Ben, with
    Zoë and Cat), then ``2 * leaves`` join and leave service messages at even spacing (see
    :func:`_group_move`) among messages written by Ben, Zoë, Cat and Dan in turn."""
    period = max(2, messages // (2 * leaves + 1)) if leaves else messages + 1
    ben = GROUP_PEOPLE[0]

    def record(i: int) -> dict[str, Any]:
        seconds = message_ms(i) // 1000
        when = {"id": i + 1, "date": _telegram_date(seconds), "date_unixtime": str(seconds)}
        if i == 0:
            members = [GROUP_PEOPLE[1][1], GROUP_PEOPLE[2][1]]
            return {**when, "type": "service", "actor": ben[1], "actor_id": f"user{ben[0]}",
                    "action": "create_group", "title": "Example Group", "members": members,
                    "text": "", "text_entities": []}  # fmt: skip
        event = i // period
        if i % period == 0 and event <= 2 * leaves:
            return _group_move(when, event)
        ident, name, _ = GROUP_PEOPLE[i % 4]
        text = message_text(i)
        return {**when, "type": "message", "from": name, "from_id": f"user{ident}", "text": text,
                "text_entities": [{"type": "plain", "text": text}]}  # fmt: skip

    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Example Group",\n "type": "private_group",\n "id": 4000,\n "messages": ')
        _write_array(out, "", (record(i) for i in range(messages)), "\n}")


def _dce_author(i: int) -> dict[str, Any]:
    ident, name, handle = PEOPLE[i % 2]
    return {"id": ident, "name": handle, "discriminator": "0000", "nickname": name, "isBot": False}


def write_discord_json(path: Path, messages: int) -> None:
    """A DiscordChatExporter JSON export of one channel."""
    with path.open("w", encoding="utf-8") as out:
        head = {
            "guild": {"id": "5000", "name": "Example Guild"},
            "channel": {"id": "6000", "name": "general"},
        }
        out.write(json.dumps(head)[:-1] + ', "messages": ')
        records: Iterator[dict[str, Any]] = (
            {"id": str(1_085_100_000_000_000_000 + i), "type": "Default",
             "timestamp": "2023-03-14T09:15:00.123+00:00", "timestampEdited": None, "isPinned": False,
             "content": message_text(i), "author": _dce_author(i), "attachments": [], "reactions": [],
             "mentions": []}
            for i in range(messages)
        )  # fmt: skip
        _write_array(out, "", records, f', "messageCount": {messages}}}')


def write_discord_csv(path: Path, messages: int) -> None:
    """A DiscordChatExporter CSV export (current ISO dates)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(["AuthorID", "Author", "Date", "Content", "Attachments", "Reactions"])
        for i in range(messages):
            ident, _, handle = PEOPLE[i % 2]
            writer.writerow([ident, handle, "2023-03-14T09:15:00.1230000+00:00", message_text(i), "", ""])
