"""Cellebrite UFED parser: counts, exact warnings, complete records, .ufdr members and shared fixtures."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import ParseError
from footprint.ingest import Source
from footprint.ingest.sniff import choose_parser
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from tests.conftest import DATA, parse

REPORT = DATA / "cellebrite_ufed" / "report.xml"
BEN = AccountRef("sms", "+447700900123", "Ben Example")
OWNER = AccountRef("sms", "+447700900456", "+447700900456")


def test_counts_warnings_and_decisions() -> None:
    result = parse("cellebrite_ufed", REPORT)
    assert [(i.locator, i.kind, i.deleted) for i in result.items] == [
        ("InstantMessage id=m-1", "message", False),
        ("InstantMessage id=m-2", "message", True),
        ("InstantMessage id=m-3", "message", False),
        ("InstantMessage id=m-4", "message", False),
        ("Call id=call-1", "call", True),
        ("Location id=loc-1", "location", False),
        ("UserAccount id=ua-1", "system", False),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("InstantMessage id=m-4", "timestamp 'yesterday' cannot be read; item kept without a time"),
        (
            "modelType WebBookmark",
            "2 model(s) of type WebBookmark are not read by this parser; they stay in the exhibit",
        ),
    ]
    assert result.warnings[1].raw.startswith('<model type="WebBookmark" id="wb-1"')
    assert result.ctx.decisions == {
        "case: Case number": "TEST/0009/24",
        "zone": "Europe/London (assumed) for timestamps without an offset",
        "account_owner": "sms:+447700900456 (the party the report marks IsPhoneOwner=True)",
    }


def test_deleted_outgoing_message_is_complete() -> None:
    item = parse("cellebrite_ufed", REPORT).items[1]
    assert item.raw.startswith('<model type="InstantMessage" id="m-2" deleted_state="Deleted"')
    assert item._replace(raw="") == ParsedItem(
        locator="InstantMessage id=m-2",
        kind="message",
        raw="",
        text="please stop",
        sent_at_raw="2024-03-14T11:16:00.000+01:00",
        sent_at_utc="2024-03-14T10:16:00Z",
        tz_source="platform",
        tz_name="UTC+01:00",
        author=OWNER,
        recipients=(BEN,),
        conversation="sms:+447700900123",
        deleted=True,
        details={
            "model_type": "InstantMessage",
            "id": "m-2",
            "deleted_state": "Deleted",
            "decoding_confidence": "Low",
            "source_index": "0",
            "extractionId": "0",
            "extraction": "Test Phone (TP-1)",
            "provenance": '[{"name":"sms.db","offset":"8192","path":"/private/var/mobile/Library/SMS/sms.db",'
            '"size":"64","tableName":"message"}]',
            "field Type": "Outgoing",
            "chat Id": "+447700900123",
            "chat Source": "Native Messages",
            "chat deleted_state": "Intact",
            "chat model id": "chat-9",
        },
    )


def test_offsets_kept_and_zone_only_when_missing() -> None:
    items = parse("cellebrite_ufed", REPORT).items
    assert [(i.sent_at_utc, i.tz_source, i.tz_name) for i in items[:5]] == [
        ("2024-03-14T10:15:00Z", "platform", "UTC+00:00"),
        ("2024-03-14T10:16:00Z", "platform", "UTC+01:00"),
        ("2024-07-01T11:00:00Z", "assumed", "Europe/London"),
        (None, "none", None),
        ("2024-03-16T04:30:00Z", "platform", "UTC-05:00"),
    ]
    assert items[0].author == BEN and items[0].text == "I saw you at the station <b>today</b>"
    assert items[4].text == "Missed call, 00:00:00"
    assert (items[4].author, items[4].recipients) == (
        AccountRef("sms", "+447700900123", "07700 900123"),
        (AccountRef("sms", "+447700900456", "+447700900456"),),
    )
    assert items[5].text == "51.5007, -0.1246 \u2014 Home"
    assert items[6].text == "User account: ben.example (ben@example.org)"


def test_ufdr_attachment_is_a_member(tmp_path: Path, shared_data: Path) -> None:
    ufdr = shared_data / "export-samples" / "cellebrite-ufed" / "synthetic" / "synthetic.ufdr"
    with Source(ufdr) as source:
        assert choose_parser(source).name == "cellebrite_ufed"
    items = parse("cellebrite_ufed", ufdr).items
    with zipfile.ZipFile(ufdr) as archive:  # read for its hash check: handed on, not read again
        photo = archive.read("files/Image/photo.jpg")
    assert items[1].attachments == (
        ParsedAttachment(
            "photo.jpg", "files/Image/photo.jpg", "image/jpeg", photo, hashlib.sha256(photo).hexdigest()
        ),
    )
    plain = parse("cellebrite_ufed", ufdr.with_name("report.xml")).items
    assert plain[1].attachments == (ParsedAttachment("photo.jpg", None, "image/jpeg"),)


def test_shared_report(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "cellebrite-ufed" / "synthetic" / "report.xml"
    with Source(path) as source:
        assert choose_parser(source).name == "cellebrite_ufed"
    result = parse("cellebrite_ufed", path)
    assert len(result.items) == 3 and result.warnings == []
    first, deleted, contact = result.items
    assert first.author == AccountRef("whatsapp", "+447700900123", "Alex Suspect")
    assert first.recipients == (AccountRef("whatsapp", "+447700900456", "447700900456@s.whatsapp.net"),)
    assert first.details is not None and '"tableName":"ZWAMESSAGE"' in first.details["provenance"]
    assert (deleted.deleted, deleted.sent_at_raw, deleted.sent_at_utc) == (
        True,
        "2023-03-14T10:16:01.000+01:00",
        "2023-03-14T09:16:01Z",
    )
    assert contact.text == "Contact: Alex (do not answer)"
    assert result.ctx.decisions["device_time_zone"] == "Europe/London"


def test_a_truncated_report_is_refused_or_kept_partial(tmp_path: Path) -> None:
    data = REPORT.read_bytes()
    cut = tmp_path / "report.xml"
    cut.write_bytes(data[: data.index(b'<model type="Call"')])
    assert len(cut.read_bytes()) == 3784
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", cut)
    assert str(err.value) == (
        "report.xml: XML error 'no element found' at byte 3,784 (line 43); report.xml ends there, at byte"
        " 3,784: it is cut short, and what should follow is not in it; the case is unchanged — get a fresh"
        " copy of the report from the original and add that, or add this copy again with --accept-partial"
        " to keep the 4 item(s) read before the damage (the exhibit is then marked partial)"
    )
    result = parse("cellebrite_ufed", cut, accept_partial=True)
    assert len(result.items) == 4
    assert result.ctx.decisions["partial"] == (
        "reading stopped at byte 3,784 (line 43) of report.xml: XML error 'no element found'; report.xml"
        " ends there, at byte 3,784: it is cut short, and what should follow is not in it; --accept-partial"
        " keeps the 4 item(s) read before the damage — get a fresh copy of the report from the original and"
        " add that"
    )


def test_a_report_declaring_entities_is_refused_naming_its_line(tmp_path: Path) -> None:
    # it said "XML error 'EntitiesForbidden(…' …; the report is damaged or truncated — export it again"
    data = REPORT.read_bytes()
    end = data.index(b"?>") + 2
    crafted = data[:end] + b'\n<!DOCTYPE project [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>' + data[end:]
    path = tmp_path / "x.ufdr"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.xml", crafted)
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", path)
    assert str(err.value) == (
        "x.ufdr, line 2: the file declares XML entities (<!ENTITY …>), which Footprint refuses for safety:"
        " they can read other files or expand without end, and real exports do not contain them; refused —"
        " check where the file came from"
    )


def test_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "x.ufdr"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("files/a.txt", "hello")
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", path)
    assert (
        str(err.value) == "x.ufdr: the .ufdr holds no report.xml; re-export the report from Physical Analyzer"
    )
    wrong = tmp_path / "wrong.xml"
    wrong.write_text('<?xml version="1.0"?><smses count="0"></smses>', encoding="utf-8")
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", wrong)
    assert str(err.value) == (
        "wrong.xml: root element is <smses>, not <project>; this is not a Cellebrite report —"
        " pass --format to choose another reader"
    )


def test_records_after_an_xml_error_are_kept_in_the_warning(tmp_path: Path) -> None:
    # Found by fuzzing: the warning for a mid-report XML error had empty raw text.
    data = REPORT.read_bytes()
    at = data.index(b'<model type="Call"')
    path = tmp_path / "r.ufdr"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.xml", data[:at] + b"<oops></model>\n" + data[at:])
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", path)
    assert str(err.value) == (
        "r.ufdr, report.xml: XML error 'mismatched tag' at byte 3,792 (line 43); 3,278 of the 7,070 bytes"
        " of report.xml of r.ufdr (46.4%) from byte 3,792 on were not read; the case is unchanged — get a"
        " fresh copy of the report from the original and add that, or add this copy again with"
        " --accept-partial to keep the 4 item(s) read before the damage and read on from the next whole"
        " record after it, where one can be found safely (the exhibit is then marked partial)"
    )  # expat places a mismatched tag at its name: "</" is at byte 3,790
    result = parse("cellebrite_ufed", path, accept_partial=True)
    # damage in the markup: where it is in the nesting is not known, so reading resumes at the next type
    assert [i.locator for i in result.items] == [
        *(f"InstantMessage id=m-{n}" for n in range(1, 5)),
        "Location id=loc-1",
        "UserAccount id=ua-1",
    ]
    warning = result.warnings[1]
    assert (warning.locator, warning.message) == (
        "report.xml, byte 3,792, line 43",
        "XML error 'mismatched tag' at byte 3,792 (line 43) of report.xml of r.ufdr: 1,193 byte(s) from byte"
        " 3,792 up to byte 4,985 not read, 1 record(s) with them; reading resumed at Location id=loc-1 (byte"
        " 4,985, line 56) — get a fresh copy of the report from the original and add that",
    )
    assert '<model type="Call"' in warning.raw


def _with_device_zone(tmp_path: Path, zone: str) -> Path:
    """The test report with the phone's own zone in its metadata, as Physical Analyzer writes it."""
    metadata = (
        '<metadata section="Device Info">'
        f'<item name="DeviceInfoTimeZone" sourceExtraction="0"><![CDATA[{zone}]]></item></metadata>'
    )
    path = tmp_path / "report.xml"
    path.write_text(
        REPORT.read_text(encoding="utf-8").replace("</caseInformation>", f"</caseInformation>\n  {metadata}"),
        encoding="utf-8",
    )
    return path


def test_a_timestamp_without_an_offset_is_read_in_the_phones_own_zone(tmp_path: Path) -> None:
    # the report's DeviceInfoTimeZone was recorded but 2024-07-01T12:00:00 was read in the case's zone
    result = parse("cellebrite_ufed", _with_device_zone(tmp_path, "America/New_York"))
    no_offset = result.items[2]
    assert (no_offset.sent_at_raw, no_offset.sent_at_utc, no_offset.tz_source, no_offset.tz_name) == (
        "2024-07-01T12:00:00",
        "2024-07-01T16:00:00Z",
        "platform",
        "America/New_York",
    )
    assert no_offset.details is not None
    assert no_offset.details["zone_used"] == "America/New_York (the report's DeviceInfoTimeZone)"
    assert result.items[1].details is not None and "zone_used" not in result.items[1].details
    assert [(w.locator, w.message, w.raw) for w in result.warnings[:1]] == [
        (
            "metadata DeviceInfoTimeZone",
            "timestamps without an offset are read in the phone's own zone America/New_York (the"
            " report's DeviceInfoTimeZone), not Europe/London (assumed); pass --tz to read them in another",
            '<item name="DeviceInfoTimeZone" sourceExtraction="0">America/New_York</item>',
        )
    ]
    assert result.ctx.decisions["zone"] == (
        "America/New_York (the report's DeviceInfoTimeZone) for timestamps without an offset"
    )


def test_a_windows_zone_name_is_mapped_to_its_iana_zone_and_the_mapping_recorded(tmp_path: Path) -> None:
    # was: "'W. Europe Standard Time' is not a time zone name", and the case's zone used instead
    result = parse("cellebrite_ufed", _with_device_zone(tmp_path, "W. Europe Standard Time"))
    no_offset = result.items[2]
    assert (no_offset.sent_at_raw, no_offset.sent_at_utc, no_offset.tz_source, no_offset.tz_name) == (
        "2024-07-01T12:00:00",
        "2024-07-01T10:00:00Z",
        "platform",
        "Europe/Berlin",
    )
    phone = (
        "Europe/Berlin (the report's DeviceInfoTimeZone 'W. Europe Standard Time', a Windows zone name,"
        " mapped by the Unicode CLDR windowsZones table)"
    )
    assert no_offset.details is not None and no_offset.details["zone_used"] == phone
    assert [(w.locator, w.message) for w in result.warnings[:1]] == [
        (
            "metadata DeviceInfoTimeZone",
            f"timestamps without an offset are read in the phone's own zone {phone}, not Europe/London"
            " (assumed); pass --tz to read them in another",
        )
    ]
    assert result.ctx.decisions["zone"] == f"{phone} for timestamps without an offset"
    assert result.ctx.decisions["device_time_zone"] == (
        "W. Europe Standard Time (a Windows zone name; Europe/Berlin by the Unicode CLDR windowsZones table,"
        " typeVersion 2021a, territory 001)"
    )


def test_gmt_standard_time_is_uk_time_and_tz_still_wins(tmp_path: Path) -> None:
    path = _with_device_zone(tmp_path, "GMT Standard Time")
    phone = parse("cellebrite_ufed", path).items[2]
    assert (phone.sent_at_utc, phone.tz_source, phone.tz_name) == (
        "2024-07-01T11:00:00Z",
        "platform",
        "Europe/London",
    )
    given = parse("cellebrite_ufed", path, zone="America/New_York", tz_source="examiner", zone_given=True)
    assert (given.items[2].sent_at_utc, given.items[2].tz_source) == ("2024-07-01T16:00:00Z", "examiner")
    assert given.warnings[0].message == (
        "timestamps without an offset are read in America/New_York (examiner), as --tz says, not in the phone's"
        " own zone Europe/London (the report's DeviceInfoTimeZone 'GMT Standard Time', a Windows zone name,"
        " mapped by the Unicode CLDR windowsZones table)"
    )


def test_a_device_zone_that_is_not_a_zone_name_falls_back_with_a_warning(tmp_path: Path) -> None:
    result = parse("cellebrite_ufed", _with_device_zone(tmp_path, "Mars Standard Time"))
    no_offset = result.items[2]
    assert (no_offset.sent_at_utc, no_offset.tz_source, no_offset.tz_name) == (
        "2024-07-01T11:00:00Z",
        "assumed",
        "Europe/London",
    )
    assert no_offset.details is not None and no_offset.details["zone_used"] == "Europe/London (assumed)"
    assert [(w.locator, w.message) for w in result.warnings[:1]] == [
        (
            "metadata DeviceInfoTimeZone",
            "the report's DeviceInfoTimeZone 'Mars Standard Time' is not a time zone name (such as"
            " Europe/London); timestamps without an offset are read in Europe/London (assumed) instead;"
            " pass --tz to name the phone's zone",
        )
    ]


def test_a_zone_named_with_tz_wins_over_the_device_zone_and_the_difference_is_said(tmp_path: Path) -> None:
    path = _with_device_zone(tmp_path, "America/New_York")
    result = parse("cellebrite_ufed", path, tz_source="examiner", zone_given=True)
    no_offset = result.items[2]
    assert (no_offset.sent_at_utc, no_offset.tz_source, no_offset.tz_name) == (
        "2024-07-01T11:00:00Z",
        "examiner",
        "Europe/London",
    )
    assert no_offset.details is not None and no_offset.details["zone_used"] == "Europe/London (examiner)"
    assert [(w.locator, w.message) for w in result.warnings[:1]] == [
        (
            "metadata DeviceInfoTimeZone",
            "timestamps without an offset are read in Europe/London (examiner), as --tz says, not in the"
            " phone's own zone America/New_York (the report's DeviceInfoTimeZone)",
        )
    ]


def test_the_party_marked_phone_owner_is_the_exports_own_account() -> None:
    # --owner said "not attributed: the export does not say which account is Jane Doe's" although
    # the report marks the owner's own party IsPhoneOwner=True
    result = parse("cellebrite_ufed", REPORT, owner="Jane Doe")
    assert result.ctx.owner_account == OWNER
    assert result.ctx.decisions["account_owner"] == (
        "sms:+447700900456 (the party the report marks IsPhoneOwner=True)"
    )


def test_the_shared_ufdrs_owner_is_attributed(case: Case, shared_data: Path) -> None:
    ufdr = shared_data / "export-samples" / "cellebrite-ufed" / "synthetic" / "synthetic.ufdr"
    add_person(case, "Jane Doe", "complainant")
    result = add_exhibit(case, ufdr, AddOptions(producer="PC Patel", owner="Jane Doe"))
    assert result.owner_account == (
        "whatsapp:+447700900456 attributed to Jane Doe: the export's own account, and Jane Doe was given"
        " as its owner"
    )
    # its report.xml gives the photo's SHA256 as 0000…0000; the photo in the .ufdr hashes d20f6ffd…
    assert (result.warnings, result.decisions["tagged_file_hashes"]) == (
        1,
        "1 tagged file(s) in the exhibit checked against the report's hashes; 1 did not match (a warning each)",
    )


PHOTO = b"\xff\xd8 a photo \xff\xd9"
TAGGED = (
    '<taggedFiles><file fs="File System" path="/private/var/Media/{name}" size="14" id="{id}"'
    ' extractionId="0" deleted="Intact"><metadata section="File">'
    '<item name="Local Path"><![CDATA[files\\Image\\{name}]]></item>{hashes}</metadata></file></taggedFiles>'
)
ATTACHED = (
    '<multiModelField name="Attachments" type="Attachment"><model type="Attachment" id="att-1"'
    ' deleted_state="Intact"><field name="Filename" type="String"><value type="String">'
    "<![CDATA[photo.jpg]]></value></field></model></multiModelField>"
)


def _ufdr(tmp_path: Path, hashes: dict[str, str]) -> Path:
    """The test report in a .ufdr with one tagged photo, attached to message m-1, and its hashes."""
    items = "".join(f'<item name="{k}"><![CDATA[{v}]]></item>' for k, v in hashes.items())
    report = REPORT.read_text(encoding="utf-8").replace(
        "<decodedData>", TAGGED.format(name="photo.jpg", id="file-1", hashes=items) + "\n  <decodedData>", 1
    )
    at = report.index("</modelField>", report.index('id="m-1"')) + len("</modelField>")  # after From
    report = report[:at] + ATTACHED + report[at:]
    path = tmp_path / "phone.ufdr"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.xml", report)
        archive.writestr("files/Image/photo.jpg", PHOTO)
    return path


def test_a_tagged_files_hash_from_the_report_is_kept_and_checked(tmp_path: Path) -> None:
    # the report's SHA256 was dropped and a file that did not match it raised nothing
    ours = hashlib.sha256(PHOTO).hexdigest()
    md5 = hashlib.md5(PHOTO).hexdigest()  # noqa: S324 - the report's own algorithm, compared only
    result = parse("cellebrite_ufed", _ufdr(tmp_path, {"SHA256": "0" * 64, "MD5": md5}))
    warnings = [(w.locator, w.message) for w in result.warnings if w.locator.startswith("taggedFiles")]
    assert warnings == [
        (
            "taggedFiles file id=file-1",
            "tagged file /private/var/Media/photo.jpg (files/Image/photo.jpg in the exhibit): the report"
            f" records SHA256 {'0' * 64}, but the file hashes {ours}; it is not the file the extraction"
            " tool hashed, or the report is wrong — check the extraction's continuity",
        )
    ]
    assert result.ctx.decisions["tagged_file_hashes"] == (
        "1 tagged file(s) in the exhibit checked against the report's hashes; 1 did not match (a warning each)"
    )
    [message] = [i for i in result.items if i.locator == "InstantMessage id=m-1"]
    assert message.attachments == (ParsedAttachment("photo.jpg", "files/Image/photo.jpg", "", PHOTO, ours),)
    assert message.details is not None
    assert json.loads(message.details["attachments"]) == [
        {
            "name": "photo.jpg",
            "deleted_state": "Intact",
            "local_path": "files/Image/photo.jpg",
            "hashes_in_report": {"SHA256": "0" * 64, "MD5": md5},
            "sha256": ours,
        }
    ]


def test_a_tagged_file_matching_the_reports_hash_is_not_a_warning(tmp_path: Path) -> None:
    sha1 = hashlib.sha1(PHOTO).hexdigest()  # noqa: S324 - the report's own algorithm, compared only
    result = parse("cellebrite_ufed", _ufdr(tmp_path, {"SHA1": sha1.upper()}))
    assert not [w for w in result.warnings if w.locator.startswith("taggedFiles")]
    assert result.ctx.decisions["tagged_file_hashes"] == (
        "1 tagged file(s) in the exhibit checked against the report's hashes; 0 did not match (a warning each)"
    )


@pytest.mark.parametrize(
    ("field", "value", "not_sent"),
    [
        ("Folder", "Draft", "draft"),
        ("Folder", "Drafts", "draft"),
        ("Folder", "Outbox", "outbox"),
        ("Status", "Unsent", "unsent"),
        ("Status", "unsent", "unsent"),
        ("Status", "Sent", None),
        ("Folder", "Sent", None),
    ],
)
def test_a_draft_or_unsent_message_is_marked_not_sent(
    tmp_path: Path, field: str, value: str, not_sent: str | None
) -> None:
    # Physical Analyzer's message Folder (Inbox, Sent, Draft, Outbox) and Status (Read, Unread, Sent, Unsent)
    outgoing = "<![CDATA[Outgoing]]></value></field>"
    path = tmp_path / "report.xml"
    path.write_text(
        REPORT.read_text(encoding="utf-8").replace(
            outgoing,
            f'{outgoing}<field name="{field}" type="String"><value type="String"><![CDATA[{value}]]></value>'
            "</field>",
        ),
        encoding="utf-8",
    )
    item = next(i for i in parse("cellebrite_ufed", path).items if i.text == "please stop")
    assert item.details is not None
    assert (item.details.get("not_sent"), item.details[f"field {field}"]) == (not_sent, value)


def test_a_tagged_attachment_is_read_from_the_archive_once(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the hash check read each tagged file, and the vault read it again: 200 tagged files of 1 MiB
    # took 1.7-2.4 s to parse against 0.17 s before the check
    ufdr = _ufdr(tmp_path, {"MD5": hashlib.md5(PHOTO).hexdigest()})  # noqa: S324 - the report's own
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting_open(archive: zipfile.ZipFile, name: str | zipfile.ZipInfo, *args: object, **kw: object):  # type: ignore[no-untyped-def]
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(archive, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    add_exhibit(case, ufdr, AddOptions(producer="PC Patel"))
    assert opened.count("files/Image/photo.jpg") == 1
    ours = hashlib.sha256(PHOTO).hexdigest()
    [attachment] = [a for i in case.store.iter_items() for a in i.attachments]
    assert (attachment.name, attachment.sha256, attachment.size) == ("photo.jpg", ours, len(PHOTO))
    assert case.vault.path(ours).read_bytes() == PHOTO


def test_a_tagged_file_no_message_attaches_is_still_checked(tmp_path: Path) -> None:
    # a tagged file is checked when a message attaches it, and the rest after the last message
    ufdr = _ufdr(tmp_path, {"SHA256": "0" * 64})
    with zipfile.ZipFile(ufdr) as archive:
        report = archive.read("report.xml").decode("utf-8")
    other = TAGGED.format(
        name="other.jpg", id="file-2", hashes='<item name="SHA1"><![CDATA[' + "1" * 40 + "]]></item>"
    )
    report = report.replace("</taggedFiles>", other.removeprefix("<taggedFiles>"), 1)
    path = tmp_path / "two.ufdr"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.xml", report)
        archive.writestr("files/Image/photo.jpg", PHOTO)
        archive.writestr("files/Image/other.jpg", b"other")
    result = parse("cellebrite_ufed", path)
    sha1 = hashlib.sha1(b"other").hexdigest()  # noqa: S324 - the report's own algorithm, compared only
    assert [(w.locator, w.message) for w in result.warnings if w.locator.startswith("taggedFiles")] == [
        (
            "taggedFiles file id=file-1",
            "tagged file /private/var/Media/photo.jpg (files/Image/photo.jpg in the exhibit): the report"
            f" records SHA256 {'0' * 64}, but the file hashes {hashlib.sha256(PHOTO).hexdigest()}; it is"
            " not the file the extraction tool hashed, or the report is wrong — check the extraction's"
            " continuity",
        ),
        (
            "taggedFiles file id=file-2",
            "tagged file /private/var/Media/other.jpg (files/Image/other.jpg in the exhibit): the report"
            f" records SHA1 {'1' * 40}, but the file hashes {sha1}; it is not the file the extraction tool"
            " hashed, or the report is wrong — check the extraction's continuity",
        ),
    ]
    assert result.ctx.decisions["tagged_file_hashes"] == (
        "2 tagged file(s) in the exhibit checked against the report's hashes; 2 did not match (a warning each)"
    )
    [warning] = [w for w in result.warnings if w.locator == "taggedFiles file id=file-2"]
    assert warning.raw.startswith('<file fs="File System" path="/private/var/Media/other.jpg"')


SECOND_OWNER = (
    '<modelType type="Chat"><model type="Chat" id="chat-wa" deleted_state="Intact">'
    '<field name="Source" type="String"><value type="String"><![CDATA[WhatsApp]]></value></field>'
    '<multiModelField name="Participants" type="Party">'
    '<model type="Party" id="wa-1"><field name="Identifier" type="String"><value type="String">'
    "<![CDATA[447700900123@s.whatsapp.net]]></value></field></model>"
    '<model type="Party" id="wa-2"><field name="Identifier" type="String"><value type="String">'
    "<![CDATA[447700900789@s.whatsapp.net]]></value></field>"
    '<field name="IsPhoneOwner" type="Boolean"><value type="Boolean"><![CDATA[True]]></value></field></model>'
    '</multiModelField><multiModelField name="Messages" type="InstantMessage">'
    '<model type="InstantMessage" id="wa-m-1" deleted_state="Intact">'
    '<field name="Body" type="String"><value type="String"><![CDATA[leave me alone]]></value></field>'
    '<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp"><![CDATA[2024-03-14T12:00:00.000+00:00]]>'
    '</value></field><field name="Type" type="MessageType"><value type="MessageType"><![CDATA[Outgoing]]>'
    "</value></field></model></multiModelField></model></modelType>\n    "
)
WA_OWNER = AccountRef("whatsapp", "+447700900789", "447700900789@s.whatsapp.net")


def _two_owners(tmp_path: Path) -> Path:
    """The test report with a WhatsApp chat whose owner party is the phone's second number."""
    path = tmp_path / "report.xml"
    report = REPORT.read_text(encoding="utf-8")
    path.write_text(report.replace('<modelType type="Call">', SECOND_OWNER + '<modelType type="Call">', 1))
    return path


def test_every_party_marked_phone_owner_is_the_exports_own_account(tmp_path: Path) -> None:
    # a phone with two numbers (SMS on one SIM, WhatsApp on the other): --owner attributed only the first
    result = parse("cellebrite_ufed", _two_owners(tmp_path), owner="Jane Doe")
    assert result.ctx.owner_accounts == (OWNER, WA_OWNER)
    assert result.ctx.decisions["account_owner"] == (
        "sms:+447700900456, whatsapp:+447700900789 (the parties the report marks IsPhoneOwner=True: the"
        " phone owner's accounts, each attributed by --owner)"
    )


def test_add_owner_attributes_every_owner_account_and_names_them(case: Case, tmp_path: Path) -> None:
    add_person(case, "Jane Doe", "complainant")
    result = add_exhibit(case, _two_owners(tmp_path), AddOptions(producer="PC Patel", owner="Jane Doe"))
    assert result.owner_account == (
        "sms:+447700900456, whatsapp:+447700900789 attributed to Jane Doe: the export's own accounts, and"
        " Jane Doe was given as their owner"
    )
    people = {a.key: a.person for a in case.store.accounts()}
    assert (people["sms:+447700900456"], people["whatsapp:+447700900789"]) == ("Jane Doe", "Jane Doe")
    assert people["sms:+447700900123"] is None
    [add] = [e for e in case.store.audit_entries() if e.action == "add"]
    details = json.loads(add.details)
    assert (details["owner_account"], details["owner_accounts"]) == (
        "sms:+447700900456",
        ["sms:+447700900456", "whatsapp:+447700900789"],
    )


def test_an_owner_account_attributed_to_someone_else_is_left_and_named(case: Case, tmp_path: Path) -> None:
    from footprint.parties import attribute_account

    add_person(case, "Jane Doe", "complainant")
    add_person(case, "Alex Suspect", "suspect")
    add_exhibit(case, REPORT, AddOptions(producer="PC Patel"))
    attribute_account(case, "sms:+447700900456", "Alex Suspect", basis="investigator's decision")
    result = add_exhibit(case, _two_owners(tmp_path), AddOptions(producer="PC Patel", owner="Jane Doe"))
    assert result.owner_account == (
        "whatsapp:+447700900789 attributed to Jane Doe: the export's own account, and Jane Doe was given as"
        " its owner; not attributed: sms:+447700900456 is already attributed to another person; check which"
        " is right"
    )


def test_a_bare_reports_tagged_file_hashes_are_kept_without_a_check(tmp_path: Path) -> None:
    # a report.xml without its .ufdr names the tagged file and its hash, which stay in the details
    with zipfile.ZipFile(_ufdr(tmp_path, {"MD5": "a" * 32})) as archive:
        report = archive.read("report.xml")
    path = tmp_path / "report.xml"
    path.write_bytes(report)
    result = parse("cellebrite_ufed", path)
    [message] = [i for i in result.items if i.locator == "InstantMessage id=m-1"]
    assert message.attachments == (ParsedAttachment("photo.jpg", None, ""),)
    assert message.details is not None
    assert json.loads(message.details["attachments"]) == [
        {
            "name": "photo.jpg",
            "deleted_state": "Intact",
            "local_path": "files/Image/photo.jpg",
            "hashes_in_report": {"MD5": "a" * 32},
        }
    ]
    assert "tagged_file_hashes" not in result.ctx.decisions


def test_an_owner_account_no_item_names_is_said_not_attributed(case: Case, tmp_path: Path) -> None:
    # the WhatsApp chat lists the owner's party but holds no message: no item names that account
    path = _two_owners(tmp_path)
    report = path.read_text(encoding="utf-8")
    start = report.index('<model type="InstantMessage" id="wa-m-1"')
    end = report.index("</model></multiModelField></model></modelType>", start) + len("</model>")
    path.write_text(report[:start] + report[end:], encoding="utf-8")
    add_person(case, "Jane Doe", "complainant")
    result = add_exhibit(case, path, AddOptions(producer="PC Patel", owner="Jane Doe"))
    assert result.owner_account == (
        "sms:+447700900456 attributed to Jane Doe: the export's own account, and Jane Doe was given as"
        " its owner; not attributed: whatsapp:+447700900789 is named by no item of this export"
    )
