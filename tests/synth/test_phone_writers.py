"""Synthetic phone/e-mail/forensic writers: what they write parses back to what was written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from footprint.model import AccountRef
from footprint.synth.phone_writers import (
    PhoneMessage,
    write_axiom_csv,
    write_eml,
    write_imessage_db,
    write_sms_backup_xml,
    write_ufed_report,
)
from tests.conftest import parse

AT = datetime(2024, 3, 14, 10, 15, tzinfo=UTC)
PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg \xff\xd9"
MESSAGES = [
    PhoneMessage(AT, "+447700900123", True, "I know where you live & <more>", contact="Ben Example"),
    PhoneMessage(AT.replace(minute=16), "+447700900123", False, "leave me alone"),
    PhoneMessage(AT.replace(minute=17), "+447700900123", True, "look", image=PHOTO, deleted=True),
]
TEXTS = ["I know where you live & <more>", "leave me alone", "look"]


def test_sms_backup_xml_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sms.xml"
    write_sms_backup_xml(path, MESSAGES, count=3)
    result = parse("sms_backup_xml", path)
    assert [i.text for i in result.items] == TEXTS
    assert [i.sent_at_utc for i in result.items] == [
        "2024-03-14T10:15:00Z",
        "2024-03-14T10:16:00Z",
        "2024-03-14T10:17:00Z",
    ]
    assert result.items[2].author == AccountRef("sms", "+447700900123", "+447700900123")
    assert result.warnings == []


def test_ufed_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "report.xml"
    write_ufed_report(path, MESSAGES, owner="+447700900456", other="+447700900123")
    result = parse("cellebrite_ufed", path)
    assert [(i.text, i.deleted) for i in result.items] == [
        (TEXTS[0], False),
        (TEXTS[1], False),
        (TEXTS[2], True),
    ]
    assert result.items[1].author == AccountRef("sms", "+447700900456", "+447700900456")
    assert result.items[0].details is not None and "provenance" in result.items[0].details


def test_imessage_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "chat.db"
    write_imessage_db(path, MESSAGES)
    result = parse("imessage_db", path)
    assert [(i.text, i.deleted) for i in result.items] == [
        (TEXTS[0], False),
        (TEXTS[1], False),
        (TEXTS[2], True),
    ]
    assert result.warnings == []


def test_eml_and_axiom_round_trip(tmp_path: Path) -> None:
    eml = tmp_path / "m.eml"
    write_eml(eml, PhoneMessage(AT, "ben@example.org", True, "threat text", contact="Ben Example", image=PHOTO),
              owner="ann@example.org", subject="hello")  # fmt: skip
    (item,) = parse("email", eml).items
    assert (item.text, item.sent_at_utc) == ("Subject: hello\n\nthreat text\n", "2024-03-14T10:15:00Z")
    assert [a.name for a in item.attachments] == ["photo.jpg"]
    csv_path = tmp_path / "axiom.csv"
    write_axiom_csv(csv_path, MESSAGES, owner="+447700900456", zone_header=True)
    result = parse("tabular_forensic", csv_path)
    assert [i.text for i in result.items] == TEXTS
    assert result.items[0].sent_at_utc == "2024-03-14T10:15:00Z"


def test_demo_thread_in_every_phone_format(tmp_path: Path) -> None:
    from footprint.ingest import Source
    from footprint.ingest.sniff import choose_parser
    from footprint.synth.phone_writers import demo_sms_messages, write_phone_case

    expected = len(demo_sms_messages())
    for parser, path in write_phone_case(tmp_path).items():
        with Source(path) as source:
            assert choose_parser(source).name == parser
        result = parse(parser, path)
        assert result.warnings == []
        assert len(result.items) == (1 if parser == "email" else expected)
