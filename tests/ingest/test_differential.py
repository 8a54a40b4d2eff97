"""Differential tests against chat-miner and whatstk on the shared WhatsApp, Telegram and Instagram fixtures.

Every difference between their output and ours is named here; anything else fails the test. The
peers are test-only extras: the module skips when they are not installed.
"""

from __future__ import annotations

import logging
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from footprint.model import ParsedItem
from tests.conftest import parse

LONDON = ZoneInfo("Europe/London")
Row = tuple[str, str | None, str]


def _local(item: ParsedItem) -> str:
    assert item.sent_at_utc is not None
    moment = datetime.fromisoformat(item.sent_at_utc.replace("Z", "+00:00"))
    return moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M:%S")


def _utc(item: ParsedItem) -> str:
    assert item.sent_at_utc is not None
    return item.sent_at_utc[:19].replace("T", " ")


def _chat_miner(kind: str, path: Path) -> list[Row]:
    parsers = pytest.importorskip("chatminer.chatparsers")
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parser = getattr(parsers, kind)(str(path))
            parser.parse_file()
            rows: list[dict[str, Any]] = parser.parsed_messages.get_df().to_dicts()
    finally:
        logging.disable(logging.NOTSET)
    return sorted((f"{r['timestamp']:%Y-%m-%d %H:%M:%S}", r["author"], r["message"]) for r in rows)


def _whatstk(path: Path) -> list[Row]:
    whatstk = pytest.importorskip("whatstk")
    chat = whatstk.WhatsAppChat.from_source(filepath=str(path))
    return sorted(
        (f"{r['date']:%Y-%m-%d %H:%M:%S}", r["username"], r["message"]) for r in chat.df.to_dict("records")
    )


def _whatsapp(path: Path) -> list[ParsedItem]:
    return parse("whatsapp", path, zone="Europe/London").items


def _edited_as_exported(item: ParsedItem) -> str:
    return item.text + (" <This message was edited>" if item.edited else "")


@pytest.fixture
def samples(shared_data: Path) -> Path:
    return shared_data / "export-samples"


NOTICE = "Messages and calls are end-to-end encrypted"


def _without_notice(
    theirs: list[tuple[str, str | None, str]], chat: str
) -> list[tuple[str, str | None, str]]:
    """A peer's rows less the one encryption notice it gives the chat's name as author."""
    notices = [row for row in theirs if row[2].startswith(NOTICE)]
    assert [author for _, author, _ in notices] == [chat]
    return [row for row in theirs if not row[2].startswith(NOTICE)]


def test_whatsapp_ios_against_chat_miner(samples: Path) -> None:
    path = samples / "whatsapp" / "synthetic" / "ios_en-GB_24h_chat.txt"
    theirs = _chat_miner("WhatsAppParser", path)
    ours = _whatsapp(path)
    # chat-miner drops system lines without an author ("Victim Person blocked this contact.") and takes the
    # chat's name as the encryption notice's author; we give the notice none (nobody wrote it).
    dropped = [i for i in ours if i.author is None]
    assert [i.text[:43] for i in dropped] == [NOTICE, "Victim Person blocked this contact."]
    theirs = _without_notice(theirs, "Victim Person")
    expected = sorted(
        (
            _local(i),
            i.author.display_name if i.author else None,
            # chat-miner joins a message's lines with spaces and keeps the "edited" marker in the
            # body; we keep the newlines and move the marker to the item's edited flag.
            " ".join(_edited_as_exported(i).split("\n")),
        )
        for i in ours
        if i.author is not None
    )
    assert theirs == expected


def test_whatsapp_ios_against_whatstk(samples: Path) -> None:
    path = samples / "whatsapp" / "synthetic" / "ios_en-GB_24h_chat.txt"
    theirs = _whatstk(path)
    ours = _whatsapp(path)
    # whatstk also drops author-less system lines, keeps the edited marker in the body, and keeps
    # the file's final newline on the last message; otherwise bodies (with newlines) agree.
    assert [i.text[:43] for i in ours if i.author is None] == [NOTICE, "Victim Person blocked this contact."]
    theirs = _without_notice(theirs, "Victim Person")
    expected = sorted(
        (_local(i), i.author.display_name if i.author else None, _edited_as_exported(i))
        for i in ours
        if i.author is not None
    )
    assert [(t, a, m.rstrip("\n")) for t, a, m in theirs] == expected
    assert sum(1 for _, _, m in theirs if m.endswith("\n")) == 1


@pytest.mark.parametrize("peer", ["chat-miner", "whatstk"])
def test_whatsapp_group_chat_against_peers(samples: Path, peer: str) -> None:
    path = samples / "whatsapp" / "whatstk" / "pokemon.txt"
    theirs = _chat_miner("WhatsAppParser", path) if peer == "chat-miner" else _whatstk(path)
    ours = _whatsapp(path)
    # Both drop the author-less "Messages you send to this group are now secured…" system line, and take
    # the group's name as the author of the encryption notice, which has none here.
    assert len(ours) == len(theirs) + 1
    assert [i.text[:43] for i in ours if i.author is None] == [
        NOTICE,
        "Messages you send to this group are now sec",
    ]
    theirs = _without_notice(theirs, "Pokemon Chat")
    expected = sorted(
        (_local(i), i.author.display_name if i.author else None, i.text) for i in ours if i.author is not None
    )
    # whatstk keeps the newline that ends the first message's line.
    assert [(t, a, m.rstrip("\n")) for t, a, m in theirs] == expected


def test_telegram_against_chat_miner(samples: Path) -> None:
    path = samples / "telegram" / "synthetic" / "single-chat" / "result.json"
    theirs = _chat_miner("TelegramJsonParser", path)
    ours = parse("telegram_json", path).items
    # chat-miner ignores service messages (the missed call) and "unsupported" placeholders.
    assert [i.kind for i in ours if i.kind in ("call", "system")] == ["call", "system"]
    kept = [i for i in ours if i.kind not in ("call", "system")]
    assert len(theirs) == len(kept) == 7
    expected = []
    for item in kept:
        text = item.text
        if item.locator == "messages[1]":
            # chat-miner joins the entity array's parts with spaces ("mixed  array  with …");
            # we concatenate them as Telegram displays them.
            assert text == "mixed array with @victim_example and a link"
            text = "mixed  array  with  @victim_example  and  a link"
        if item.kind == "location":
            # A location share has empty text; we describe it, with a live location's period.
            assert text == "location 51.5007, -0.1246 (live location for 15 minutes)"
            text = ""
        if item.details and "sticker_at" in item.details:
            # A sticker has empty text; we show its emoji, marked as a sticker (telegram_json v15).
            assert text == "[sticker 😡]"
            text = ""
        # chat-miner gives no author for a deleted account (from: null); we keep its from_id.
        author = None if item.details and item.details.get("deleted_account") else item.author
        # chat-miner reads the naive local "date"; we read date_unixtime (the same here: UTC+0).
        expected.append((_utc(item), author.display_name if author else None, text))
    assert theirs == sorted(expected)


def test_instagram_against_chat_miner(samples: Path) -> None:
    folder = samples / "facebook-instagram" / "synthetic" / "instagram-dyi-2023"
    path = folder / "your_instagram_activity" / "messages" / "inbox" / "suspectexample_17840000000000000"
    theirs = _chat_miner("InstagramJsonParser", path / "message_1.json")
    ours = parse("instagram_json", path / "message_1.json").items
    # chat-miner drops messages without "content" (the photo and the shared reel); we keep them
    # with their attachment and share details.
    without_text = [i for i in ours if not i.text]
    assert [(bool(i.attachments), bool(i.details and "share_link" in i.details)) for i in without_text] == [
        (True, False),
        (False, True),
    ]
    # Both repair Meta's mojibake and read timestamp_ms as UTC; "Liked a message" is kept by
    # both (ours is a reaction by its sender, instagram_json v9). chat-miner has no other reactions;
    # ours are items of their own (instagram_json v5): Zoë's ❤ at its own time.
    reactions = [
        (_utc(i), i.author.display_name if i.author else None, i.text) for i in ours if i.kind == "reaction"
    ]
    assert reactions == [
        ("2023-03-14 23:08:30", "Zoë Victim", "❤"),
        ("2023-03-14 23:10:00", "suspect.example", "Liked a message"),
    ]
    expected = sorted(
        (_utc(i), i.author.display_name if i.author else None, i.text)
        for i in ours
        if i.text and (i.kind != "reaction" or i.text == "Liked a message")
    )
    assert theirs == expected
