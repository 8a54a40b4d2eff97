"""The data model's own rules (model.py; not test_model.py, which tests/analyse/detect/ holds)."""

from __future__ import annotations

from footprint.model import Item


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
