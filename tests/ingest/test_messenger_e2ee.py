"""Messenger E2EE secure-storage export: proper UTF-8, failed media, unsent, exact warnings."""

from __future__ import annotations

from pathlib import Path

from footprint.model import AccountRef, ParsedAttachment
from tests.conftest import DATA, parse

THREAD = DATA / "messenger_e2ee" / "Ann Example_3.json"


def test_counts_warnings_and_records() -> None:
    result = parse("messenger_e2ee", THREAD)
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("messages[1]", "unreadable timestamp 'later'; kept without a time")
    ]
    media, untimed, placeholder = result.items
    assert media.attachments == (ParsedAttachment("abc.jpeg", None, "image/jpeg"),)
    assert media.author == AccountRef("facebook", "Ben Example", "Ben Example")
    assert media.conversation == "facebook:Ann Example_3"
    assert untimed.sent_at_utc is None
    assert (placeholder.kind, placeholder.system) == ("system", True)


def test_shared_fixture(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "facebook-instagram" / "synthetic"
    result = parse("messenger_e2ee", path / "messenger-e2ee-secure-storage" / "Alex Suspect_12.json")
    assert [(w.locator, w.raw) for w in result.warnings] == [
        ("messages[1].reactions[0]", '{"actor": "Zoë Victim", "reaction": "😢"}')  # the untimed reaction
    ]
    assert [(i.text, i.deleted, i.attachments) for i in result.items] == [
        ("e2ee export is real UTF-8: you can’t block me 😡", False, ()),
        ("", False, (ParsedAttachment("0b6b1d3e-1c1a-4c0f-9a55-3b2a8e0d1f00.jpeg", None, "image/jpeg"),)),
        ("😢", False, ()),  # messenger_e2ee v3: her reaction on the photo, an item with no time
        ("", False, (ParsedAttachment("media (failed to download in the export)"),)),
        ("", True, ()),
    ]
    assert result.items[0].sent_at_utc == "2024-07-03T09:46:40Z"
    assert result.ctx.participants == {
        "facebook:Alex Suspect_12": {
            AccountRef("facebook", "Alex Suspect", "Alex Suspect"),
            AccountRef("facebook", "Zoë Victim", "Zoë Victim"),
        }
    }
