"""AC-01 to AC-03: synthetic exports read back against their answer keys, and a wrong key is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case
from footprint.synth import social_writers as social
from footprint.validation import formats
from footprint.validation.formats import Export, Record


def test_zones_and_kept_rows_pass(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Ben Example.txt"
    formats.write_whatsapp_txt(path, [formats.SUMMER, formats.WINTER])
    formats.add_exhibit(case, path, formats.AddOptions(producer=formats.PRODUCER))
    zones = formats.check_zones(case, tmp_path)
    assert (zones.id, zones.failures) == ("AC-02", ())
    assert zones.evidence["uk_shown"] == formats.UK_SHOWN
    drops = formats.check_no_drops(case, tmp_path)
    assert (drops.id, drops.failures) == ("AC-03", ())
    assert drops.evidence["warnings"] == [
        ("line 3", formats.BAD_ROW_WARNING, "not a date,+447700900123,+447700900001,kept without a time")
    ]


def test_a_record_read_otherwise_than_written_fails_naming_it(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = Export(
        "discord_csv",
        "channel.csv",
        lambda p: social.write_discord_csv(p, 2),
        (
            Record("discord:1111111111", "2023-03-14T09:15:00.123Z", social.message_text(0)),
            Record("discord:2222222222", "2023-03-14T10:15:00.123Z", social.message_text(1)),
        ),
    )
    monkeypatch.setattr(formats, "social_exports", lambda: [wrong])
    monkeypatch.setattr(formats, "phone_exports", lambda: [])
    monkeypatch.setattr(formats, "whatsapp_exports", lambda: [])
    discord, coverage = formats.check_exports(case, tmp_path)
    assert discord.id == "AC-01/discord_csv" and not discord.passed
    assert discord.failures == (
        "discord_csv (channel.csv, VC/1): not found as written: discord:2222222222 at"
        " 2023-03-14T10:15:00.123Z: 'answer your phone (#1)'",
        "discord_csv (channel.csv, VC/1): stored but not written: discord:2222222222 at"
        " 2023-03-14T09:15:00.123Z: 'answer your phone (#1)'",
    )
    assert coverage.passed and "whatsapp" in coverage.evidence["not_written_by_synth"]


def test_answer_keys_cover_every_format_with_a_writer() -> None:
    exports = [*formats.social_exports(), *formats.phone_exports(), *formats.whatsapp_exports()]
    assert sorted({e.format for e in exports}) == [
        "cellebrite_ufed", "discord_csv", "discord_json", "email", "imessage_db", "instagram_json",
        "jsonl_generic", "messenger_e2ee", "messenger_json", "sms_backup_xml", "tabular_forensic",
        "telegram_json", "twitter_archive", "whatsapp",
    ]  # fmt: skip
    assert all(e.records for e in exports)
