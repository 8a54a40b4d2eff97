"""The data model's own rules (model.py; not test_model.py, which tests/analyse/detect/ holds)."""

from __future__ import annotations

from footprint.cli.ingest_cmds import _KIND_WORDS
from footprint.model import ITEM_KINDS, Item
from footprint.report.export import TIMESTAMP_DESC


def _item(text: str, details: dict[str, str]) -> Item:
    return Item(
        id=1, exhibit="JD/1", locator="line 1", kind="message", author="whatsapp:Ana", author_name="Ana",
        recipients=(), conversation=None, sent_at_raw=None, sent_at_utc=None, tz_source="assumed",
        tz_name=None, text=text, raw=text, deleted=False, edited=False, system=False, details=details,
    )  # fmt: skip


def test_own_words_are_the_text_unless_the_platform_wrote_a_placeholder() -> None:
    assert _item("I know where you are", {}).own_words == "I know where you are"
    assert _item("This message was deleted", {"placeholder": "deleted"}).own_words == ""
    assert _item("waiting for this message", {"placeholder": "waiting_for_message"}).own_words == ""


def test_an_item_the_phone_never_sent_says_so_and_how() -> None:
    assert _item("hi", {}).not_sent is None
    assert _item("hi", {"box": "sent"}).not_sent is None
    assert _item("you will regret it", {"not_sent": "draft"}).not_sent == "draft"
    assert [_item("x", {"not_sent": r}).marks for r in ("draft", "failed", "outbox", "queued", "unsent")] == [
        ("draft — never sent",),
        ("failed to send",),
        ("in the outbox — not sent",),
        ("queued — not sent",),
        ("not sent (as the export says)",),
    ]


def test_a_not_sent_value_no_parser_writes_is_shown_as_stored() -> None:
    # parsers write only the reasons NOT_SENT_SHOWN names; any other stored value is shown as it is
    # (and escaped by whatever renders it)
    assert _item("x", {"not_sent": "<b>odd</b>"}).marks == ("not sent: <b>odd</b>",)
    assert _item("x", {"not_sent": "<b>odd</b>"}).not_sent == "<b>odd</b>"


def test_forwarded_and_retweeted_words_are_not_the_senders_own_and_are_marked() -> None:
    telegram = _item("I will hurt you", {"forwarded_from": "Bob Third"})
    assert (telegram.own_words, telegram.forwarded, telegram.marks) == (
        "",
        "forwarded from Bob Third",
        ("forwarded from Bob Third",),
    )
    # Discord: the forwarder's comment first, then the forwarded words from FORWARD_AT
    discord = _item("look at this\nI will kill you", {"forward_of": "99", "forward_at": "13"})
    assert (discord.own_words, discord.forwarded, discord.forwarded_words_at) == (
        "look at this",
        "forwarded",
        13,
    )
    retweet = _item("RT @bob_t: you deserve it", {"retweet": "true"})
    assert (retweet.own_words, retweet.forwarded) == ("", "retweet of @bob_t")
    assert _item("RT without a handle", {"retweet": "true"}).forwarded == "retweet"
    plain = _item("I will hurt you", {"reply_to": "3"})
    assert (plain.own_words, plain.forwarded, plain.forwarded_words_at, plain.marks) == (
        "I will hurt you",
        None,
        None,
        (),
    )


def test_every_item_kind_is_named_by_add_and_the_timeline_export() -> None:
    # each kind a parser writes is named where `add` counts items and in the timeline export (a reaction,
    # the newest kind, was exported as a generic "Event Time")
    assert set(_KIND_WORDS) == set(TIMESTAMP_DESC) == set(ITEM_KINDS)


def test_a_stickers_label_is_not_the_senders_words_but_detection_reads_its_emoji() -> None:
    # telegram_json v15 puts "[sticker 🔪]" in the text: the label is the parser's words, so it is not his
    # writing (own_words), but the emoji is what he sent, read as sent on its own at its own offset
    alone = _item("[sticker \U0001f52a]", {"sticker_at": "0"})
    assert (alone.own_words, alone.sticker_at, alone.sticker_read(alone.own_words)) == (
        "",
        0,
        "         \U0001f52a ",
    )
    captioned = _item("see you\n\n[sticker \U0001f52a]", {"sticker_at": "9"})
    assert captioned.own_words == "see you"
    assert captioned.sticker_read(captioned.own_words) == "see you" + " " * 11 + "\U0001f52a "
    assert len(captioned.sticker_read(captioned.own_words)) == len(captioned.text)
    bare = _item("[sticker]", {"sticker_at": "0"})
    assert (bare.own_words, bare.sticker_read("")) == ("", "")
    typed = _item("[sticker \U0001f52a]", {"sticker_at": "1"})  # no label where details say: typed words
    assert (typed.own_words, typed.sticker_at) == ("[sticker \U0001f52a]", None)
