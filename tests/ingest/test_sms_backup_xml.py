"""SMS Backup & Restore parser: counts, exact warnings, complete records and the shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.ingest import Source
from footprint.ingest.sniff import choose_parser
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from tests.conftest import DATA, parse

FIXTURE = DATA / "sms_backup_xml" / "surrogates_and_group.xml"
OWNER = AccountRef("sms", "owner", "phone owner (not named in the export)")
BEN = AccountRef("sms", "+447700900123", "Ben Example")
PNG_SHA = "6b7fa434f92a8b80aab02d9bf1a12e49ffcae424e4013a1c4f68b67e3d2bbcd0"

# the 1x1 PNG the fixtures carry (base64 in the XML, an attachment in the e-mail): kept as bytes
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
    "78da6364f8cf500f0003860180"
    "5a347d6b0000000049454e44ae426082"
)


def test_counts_warnings_and_decisions() -> None:
    result = parse("sms_backup_xml", FIXTURE)
    assert len(result.items) == 5
    assert [(w.locator, w.message, w.raw[:19]) for w in result.warnings] == [
        (
            "/smses/sms[3]",
            "date 'yesterday' is not epoch milliseconds; record kept without a time",
            '<sms protocol="0" a',
        ),
        ("/smses/sms[4]", "unknown message type '9'; read as received", '<sms protocol="0" a'),
        ("/smses/sms[4]", "no address; the other party is unknown", '<sms protocol="0" a'),
        (
            "file",
            "1 character reference(s) name no valid character (lone surrogates or control codes);"
            " shown as U+FFFD",
            "&#xD83D;",
        ),
    ]
    assert result.ctx.decisions == {
        "declared_count": "5",
        "surrogate_pairs": "1 surrogate-pair reference(s) repaired",
    }


def test_surrogate_pair_sms_is_complete() -> None:
    item = parse("sms_backup_xml", FIXTURE).items[0]
    assert item._replace(raw="") == ParsedItem(
        locator="/smses/sms[1]",
        kind="message",
        raw="",
        text="I know where you are \U0001f600",
        sent_at_raw="1710410100000",
        sent_at_utc="2024-03-14T09:55:00Z",
        tz_source="platform",
        tz_name="UTC",
        author=BEN,
        recipients=(OWNER,),
        conversation="sms:+447700900123",
        details={
            "box": "inbox",
            "contact_name": "Ben Example",
            "date_sent_utc": "2024-03-14T09:54:59Z",
            "locked": "0",
            "read": "1",
            "readable_date": "14 Mar 2024 10:15:00",
            "status": "-1",
            "sub_id": "1",
        },
    )
    assert item.raw.startswith('<sms protocol="0" address="07700 900123" date="1710410100000" type="1"')


def test_sent_and_group_mms() -> None:
    items = parse("sms_backup_xml", FIXTURE, owner="Jane Example").items
    jane = AccountRef("sms", "owner:Jane Example", "Jane Example")
    assert (items[1].author, items[1].recipients, items[1].text) == (jane, (BEN,), "Leave me alone \ufffd")
    mms = items[2]
    assert mms.author == BEN
    assert mms.recipients == (
        AccountRef("sms", "+447700900999", "+447700900999"),
        AccountRef("sms", "+447700900456", "Cara Example"),
    )
    assert mms.conversation == "sms:+447700900123~+447700900456"
    assert mms.text == "look at this"
    assert mms.attachments == (ParsedAttachment("pixel.png", None, "image/png", PIXEL_PNG),)
    assert mms.details is not None
    assert mms.details["parts"] == (
        f'[{{"mime":"image/png","name":"pixel.png","seq":"1","sha256":"{PNG_SHA}","size":70}}]'
    )
    assert "base64 characters not repeated here" in mms.raw
    assert items[4].author is None and items[4].conversation is None


def test_truncated_after_records_is_refused_naming_the_byte_and_what_was_not_read(tmp_path: Path) -> None:
    # it kept the 2 records with one warning and `add` succeeded, while a JSON export refused the
    # whole file for the same damage; now both refuse by default (ingest.damage)
    data = FIXTURE.read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.index(b"<mms ") + 40])
    assert data.index(b"<mms ") == 829
    with pytest.raises(ParseError) as err:
        parse("sms_backup_xml", cut)
    assert str(err.value) == (
        "cut.xml: XML error 'unclosed token' at byte 829 (line 6); cut.xml ends inside a record, at byte 869:"
        " it looks cut short (an incomplete copy), so how much of the export is missing cannot be told from"
        " it; its last 40 bytes, from byte 829, were not read; the case is unchanged — get a fresh copy of"
        " the backup from the"
        " original and add that, or add this copy again with --accept-partial to keep the 2 item(s) read"
        " before the damage and read on from the next whole record after it, where one can be found safely"
        " (the exhibit is then marked partial)"
    )


def test_accept_partial_keeps_the_records_before_the_damage_marked_partial(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.index(b"<mms ") + 40])
    result = parse("sms_backup_xml", cut, accept_partial=True)
    assert len(result.items) == 2
    said = (
        "reading stopped at byte 829 (line 6) of cut.xml: XML error 'unclosed token'; cut.xml ends inside a"
        " record, at byte 869: it looks cut short (an incomplete copy), so how much of the export is missing"
        " cannot be told from it; its last 40 bytes, from byte 829, were not read; --accept-partial keeps"
        " the 2 item(s) read before the damage —"
        " get a fresh copy of the backup from the original and add that"
    )
    damaged = result.warnings[-1]
    assert (damaged.locator, damaged.message) == ("byte 829, line 6", said)
    assert damaged.raw == "[bytes from 0; the damage is at byte 829]\n" + cut.read_text(encoding="utf-8")
    assert result.ctx.decisions["partial"] == said


def test_declared_count_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "short.xml"
    path.write_text(
        '<?xml version="1.0"?><smses count="3"><sms address="+447700900123" date="1710410100000"'
        ' type="1" body="only one" /></smses>',
        encoding="utf-8",
    )
    result = parse("sms_backup_xml", path)
    assert len(result.items) == 1
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "file",
            "the backup declares 3 record(s) but holds 1; records may be missing (an interrupted backup?)"
            " — compare with the phone",
            '<smses count="3">',
        )
    ]


def test_wrong_root_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?><other count="1"><sms /></other>', encoding="utf-8")
    with pytest.raises(ParseError) as err:
        parse("sms_backup_xml", path)
    assert str(err.value) == (
        "other.xml: root element is <other>, not <smses> or <calls>; this is not an SMS Backup &"
        " Restore file — pass --format to choose another reader"
    )


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE smses [<!ENTITY a "aaaa">]><smses count="1">'
        '<sms address="1" date="1" type="1" body="&a;" /></smses>',
        encoding="utf-8",
    )
    with pytest.raises(ParseError) as err:
        parse("sms_backup_xml", path)
    # it said "XML error 'EntitiesForbidden(name='a', …' somewhere …; the backup is damaged or truncated"
    assert str(err.value) == (
        "bomb.xml, line 1: the file declares XML entities (<!ENTITY …>), which Footprint refuses for safety:"
        " they can read other files or expand without end, and real exports do not contain them; refused —"
        " check where the file came from"
    )


def test_an_external_entity_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        '<!DOCTYPE smses [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<smses count="1">\n'
        '  <sms protocol="0" address="+447700900123" date="1710281640000" type="1" body="&xxe;" />\n</smses>\n',
        encoding="utf-8",
    )
    with pytest.raises(ParseError) as err:
        parse("sms_backup_xml", path)
    assert str(err.value).startswith("xxe.xml, line 2: the file declares XML entities (<!ENTITY …>)")


SHARED = {
    "minimal_sms.xml": (1, 0),
    "minimal_mms.xml": (1, 1),  # its sender (type 137) is not the thread's address
    "minimal_calls.xml": (1, 0),
    "mixed.xml": (4, 1),  # the same MMS
    "edge_cases.xml": (4, 1),
}


@pytest.mark.parametrize("name", sorted(SHARED))
def test_shared_fixtures(shared_data: Path, name: str) -> None:
    path = shared_data / "export-samples" / "sms-backup-restore" / "shruggietech" / name
    with Source(path) as source:
        assert choose_parser(source).name == "sms_backup_xml"
    result = parse("sms_backup_xml", path)
    assert (len(result.items), len(result.warnings)) == SHARED[name]


def test_shared_mms_sender_is_only_in_addrs(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "sms-backup-restore" / "shruggietech" / "minimal_mms.xml"
    item = parse("sms_backup_xml", path).items[0]
    assert item.author == AccountRef("sms", "+15559876543", "+15559876543")
    assert item.text == "Subject: Test MMS Subject\n\nHello from MMS!"
    assert item.attachments == (ParsedAttachment("image.jpg", None, "image/jpeg", PIXEL_PNG),)
    assert item.details is not None and item.details["subject"] == "Test MMS Subject"


def test_shared_mms_sender_not_in_the_thread_is_a_warning(shared_data: Path) -> None:
    # inbox MMS in Alice's thread (+15551234567) whose addrs say +15559876543 sent it to Alice
    base = shared_data / "export-samples" / "sms-backup-restore" / "shruggietech"
    for name, locator in (("minimal_mms.xml", "/smses/mms[1]"), ("mixed.xml", "/smses/mms[1]")):
        result = parse("sms_backup_xml", base / name)
        assert [(w.locator, w.message) for w in result.warnings] == [(locator, _ALICE_WARNING)]
        [mms] = [i for i in result.items if i.locator == locator]
        assert (mms.author, mms.recipients) == (
            AccountRef("sms", "+15559876543", "+15559876543"),
            (AccountRef("sms", "+15551234567", "Alice Smith"),),
        )


_ALICE_WARNING = (
    "inbox MMS: the sender in addrs (type 137) is +15559876543, who is not in the thread's address"
    " +15551234567; kept as sent by +15559876543 — check on the phone who sent it and whether the"
    " thread is the right one"
)


def test_shared_call_and_malformed(shared_data: Path) -> None:
    base = shared_data / "export-samples" / "sms-backup-restore" / "shruggietech"
    call = parse("sms_backup_xml", base / "minimal_calls.xml").items[0]
    assert (call.kind, call.text, call.sent_at_utc) == (
        "call",
        "incoming call, 125 s",
        "2021-01-03T00:00:00Z",
    )
    assert call.author == AccountRef("sms", "+15551234567", "Alice Smith")
    with pytest.raises(ParseError) as err:
        parse("sms_backup_xml", base / "malformed.xml")
    assert str(err.value) == (
        "malformed.xml: XML error 'not well-formed (invalid token)' at byte 142 (line 4); 41 of the 183"
        " bytes of malformed.xml (22.4%) from byte 142 on were not read; the case is unchanged — get a"
        " fresh copy of the backup from the original and add that"
    )  # line 4, column 3: nothing read before it, so no --accept-partial is offered
    with pytest.raises(ParseError) as err:
        parse("sms_backup_xml", base / "malformed.xml", accept_partial=True)
    assert str(err.value) == (  # one sentence: not "keeps the 0 item(s)" and then "nothing to keep"
        "malformed.xml: reading stopped at byte 142 (line 4) of malformed.xml: XML error 'not well-formed"
        " (invalid token)'; 41 of the 183 bytes of malformed.xml (22.4%) from byte 142 on were not read;"
        " no item could be read before the damage, so --accept-partial has nothing to keep: the case is"
        " unchanged — get a fresh copy of the backup from the original and add that"
    )


def test_records_after_an_xml_error_are_read_on_and_the_skipped_text_kept(tmp_path: Path) -> None:
    # Records after a mid-file XML error were counted as "not read" with empty raw text, so their
    # content was nowhere in the case (found by fuzzing); the warning then held the unread text. Now
    # the reading resumes at the next record, and the warning holds the text skipped.
    path = tmp_path / "sms.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<smses count="3">\n'
        '<sms address="+447700900123" date="1710410100000" type="1" body="first" />\n'
        '<sms address="+447700900123" date="1710410160000" type="1" body="broken" </sms>\n'
        '<sms address="+447700900123" date="1710410220000" type="1" body="I know where you are" />\n'
        "</smses>\n",
        encoding="utf-8",
    )
    result = parse("sms_backup_xml", path, accept_partial=True)
    assert [(i.locator, i.text) for i in result.items] == [
        ("/smses/sms[1]", "first"),
        ("/smses/sms[3]", "I know where you are"),
    ]
    [warning] = result.warnings
    data = path.read_bytes()
    at, end = data.index(b"</sms>"), data.rindex(b"<sms")
    assert warning.locator == f"byte {at}, line 4"
    assert warning.raw == f"[bytes from 0; the damage is at byte {at}]\n" + data[:end].decode()


def test_unknown_contact_name_is_not_taken_as_a_name(tmp_path: Path) -> None:
    # SMS Backup & Restore writes contact_name="(Unknown)" for a number not in the contacts
    path = tmp_path / "unknown.xml"
    path.write_text(
        '<?xml version="1.0"?><smses count="2">'
        '<sms address="+447700900123" date="1710410100000" type="1" body="hi"'
        ' contact_name="(Unknown)" />'
        '<mms date="1710410160000" msg_box="1" address="+447700900123~+447700900456"'
        ' contact_name="(Unknown)"><parts><part seq="0" ct="text/plain" text="group" /></parts>'
        '<addrs><addr address="+447700900123" type="137" /><addr address="+447700900456" type="151" />'
        "</addrs></mms></smses>",
        encoding="utf-8",
    )
    result = parse("sms_backup_xml", path)
    first, second = result.items
    assert first.author == AccountRef("sms", "+447700900123", "+447700900123")
    assert first.details is not None and first.details["contact_name"] == "(Unknown)"
    assert second.author == AccountRef("sms", "+447700900123", "+447700900123")
    assert second.recipients == (AccountRef("sms", "+447700900456", "+447700900456"),)
    assert result.warnings == []


def test_a_subject_is_in_the_text_marked_as_the_subject(tmp_path: Path) -> None:
    # an MMS or SMS subject was only in details, so nothing that reads the text saw it
    path = tmp_path / "sms.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<smses count="3">\n'
        '<sms address="+447700900123" date="1710410100000" type="1" subject="I know where you live"'
        ' body="answer me" contact_name="Ben Example" />\n'
        '<mms date="1710410160000" msg_box="1" address="+447700900123" sub="you will regret this">'
        '<parts><part seq="0" ct="image/png" name="a.png" /></parts>'
        '<addrs><addr address="+447700900123" type="137" /></addrs></mms>\n'
        '<mms date="1710410220000" msg_box="1" address="+447700900123" sub="null">'
        '<parts><part seq="0" ct="text/plain" text="no subject here" /></parts>'
        '<addrs><addr address="+447700900123" type="137" /></addrs></mms>\n'
        "</smses>\n",
        encoding="utf-8",
    )
    items = parse("sms_backup_xml", path).items
    assert [(i.text, (i.details or {}).get("subject")) for i in items] == [
        ("Subject: I know where you live\n\nanswer me", "I know where you live"),
        ("Subject: you will regret this", "you will regret this"),
        ("no subject here", None),
    ]


def test_drafts_and_messages_the_phone_did_not_send_are_marked_not_sent(tmp_path: Path) -> None:
    # SMS `type` 3 draft, 4 outbox, 5 failed, 6 queued; MMS `msg_box` 3 draft, 4 outbox, 5 failed:
    # words he wrote that never reached her
    path = tmp_path / "unsent.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><smses count="9">'
        '<sms address="+447700900123" date="1710410100000" type="1" body="stop" />'
        '<sms address="+447700900123" date="1710410160000" type="2" body="sent" />'
        '<sms address="+447700900123" date="1710410220000" type="3" body="you will regret ignoring me" />'
        '<sms address="+447700900123" date="1710410280000" type="4" body="outbox" />'
        '<sms address="+447700900123" date="1710410340000" type="5" body="answer me now" />'
        '<sms address="+447700900123" date="1710410400000" type="6" body="queued" />'
        '<mms date="1710410460000" msg_box="3" address="+447700900123">'
        '<parts><part seq="0" ct="text/plain" text="mms draft" /></parts></mms>'
        '<mms date="1710410520000" msg_box="4" address="+447700900123">'
        '<parts><part seq="0" ct="text/plain" text="mms outbox" /></parts></mms>'
        '<mms date="1710410580000" msg_box="5" address="+447700900123">'
        '<parts><part seq="0" ct="text/plain" text="mms failed" /></parts></mms>'
        "</smses>",
        encoding="utf-8",
    )
    result = parse("sms_backup_xml", path)
    assert result.warnings == []
    assert [
        (i.text, (i.details or {}).get("box"), (i.details or {}).get("not_sent")) for i in result.items
    ] == [
        ("stop", "inbox", None),
        ("sent", "sent", None),
        ("you will regret ignoring me", "draft", "draft"),
        ("outbox", "outbox", "outbox"),
        ("answer me now", "failed", "failed"),
        ("queued", "queued", "queued"),
        ("mms draft", "draft", "draft"),
        ("mms outbox", "outbox", "outbox"),
        ("mms failed", "failed", "failed"),
    ]
    assert result.items[2]._replace(raw="") == ParsedItem(
        locator="/smses/sms[3]",
        kind="message",
        raw="",
        text="you will regret ignoring me",
        sent_at_raw="1710410220000",
        sent_at_utc="2024-03-14T09:57:00Z",
        tz_source="platform",
        tz_name="UTC",
        author=OWNER,
        recipients=(AccountRef("sms", "+447700900123", "+447700900123"),),
        conversation="sms:+447700900123",
        details={"box": "draft", "not_sent": "draft"},
    )
    assert result.items[8].author == OWNER


_MMS_DATE_SENT = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="2">
  <mms date="1700000003000" msg_box="1" address="07700900123" m_id="x" ct_t="application/vnd.wap.multipart.related"
   text_only="1" read="1" date_sent="1700000001">
    <parts><part seq="0" ct="text/plain" name="null" chset="106" cl="txt000.txt" text="hello" /></parts>
    <addrs><addr address="07700900123" type="137" charset="106" /></addrs>
  </mms>
  <sms protocol="0" address="07700900123" date="1700000003000" type="1" body="far" read="1"
   date_sent="1500000000000" />
</smses>
"""


def test_mms_date_sent_in_seconds_is_read_by_magnitude_and_a_far_one_is_a_warning(tmp_path: Path) -> None:
    xml = tmp_path / "mms_ds.xml"
    xml.write_text(_MMS_DATE_SENT, encoding="utf-8")
    result = parse("sms_backup_xml", xml)
    assert [i.details["date_sent_utc"] for i in result.items] == [
        "2023-11-14T22:13:21Z",
        "2017-07-14T02:40:00Z",
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "/smses/sms[1]",
            "date_sent '1500000000000' (read as epoch milliseconds: 2017-07-14T02:40:00Z) is 2314 days from"
            " date (2023-11-14T22:13:23Z); check which is right on the phone",
        )
    ]


_MMS_SENDERS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="4">
  <mms date="1700000001000" msg_box="1" address="+447700900123" contact_name="Ben Example">
    <parts><part seq="0" ct="text/plain" text="not from Ben" /></parts>
    <addrs><addr address="+447700900999" type="137" /><addr address="+447700900123" type="151" /></addrs>
  </mms>
  <mms date="1700000002000" msg_box="2" address="+447700900123~+447700900456">
    <parts><part seq="0" ct="text/plain" text="sent by a member" /></parts>
    <addrs><addr address="+447700900456" type="137" /><addr address="+447700900123" type="151" /></addrs>
  </mms>
  <mms date="1700000003000" msg_box="1" address="+447700900123~+447700900456">
    <parts><part seq="0" ct="text/plain" text="group member" /></parts>
    <addrs><addr address="+447700900456" type="137" /><addr address="+447700900123" type="151" /></addrs>
  </mms>
  <mms date="1700000004000" msg_box="2" address="+447700900123">
    <parts><part seq="0" ct="text/plain" text="sent by the owner" /></parts>
    <addrs><addr address="+447700900777" type="137" /><addr address="+447700900123" type="151" /></addrs>
  </mms>
</smses>
"""


def test_an_mms_sender_contradicting_the_thread_is_kept_with_a_warning(tmp_path: Path) -> None:
    # an inbox MMS from a number not in the thread, or a sent one from a member of it, was stored as
    # the addrs said with no warning (review of 1 December, export samples 1)
    xml = tmp_path / "senders.xml"
    xml.write_text(_MMS_SENDERS, encoding="utf-8")
    result = parse("sms_backup_xml", xml)
    stranger = AccountRef("sms", "+447700900999", "+447700900999")
    cara = AccountRef("sms", "+447700900456", "+447700900456")
    assert [(i.text, i.author, i.recipients) for i in result.items] == [
        ("not from Ben", stranger, (BEN,)),
        ("sent by a member", cara, (AccountRef("sms", "+447700900123", "+447700900123"),)),
        ("group member", cara, (AccountRef("sms", "+447700900123", "+447700900123"),)),
        (
            "sent by the owner",
            AccountRef("sms", "+447700900777", "+447700900777"),
            (AccountRef("sms", "+447700900123", "+447700900123"),),
        ),
    ]
    assert [(w.locator, w.message, w.raw[:24]) for w in result.warnings] == [
        (
            "/smses/mms[1]",
            "inbox MMS: the sender in addrs (type 137) is +447700900999, who is not in the thread's"
            " address +447700900123; kept as sent by +447700900999 — check on the phone who sent it and"
            " whether the thread is the right one",
            '<mms date="1700000001000',
        ),
        (
            "/smses/mms[2]",
            "sent MMS: the sender in addrs (type 137) is +447700900456, one of the thread's address"
            " +447700900123~+447700900456, not the phone's owner; kept as sent by +447700900456 — check"
            " on the phone whether the owner sent it or the message was filed in the wrong box",
            '<mms date="1700000002000',
        ),
    ]
