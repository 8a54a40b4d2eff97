"""E-mail parser (.eml and .mbox): counts, exact warnings, complete records and the shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.ingest import Source
from footprint.ingest.sniff import choose_parser
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from tests.conftest import DATA, parse

LYING = DATA / "email" / "lying_charset.eml"
MBOX = DATA / "email" / "mboxrd_defects.mbox"
BEN = AccountRef("email", "ben@example.org", "Ben Example")
ANN = AccountRef("email", "ann@example.org", "ann@example.org")

# the 1x1 PNG the fixtures carry (base64 in the XML, an attachment in the e-mail): kept as bytes
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
    "78da6364f8cf500f0003860180"
    "5a347d6b0000000049454e44ae426082"
)


def test_lying_charset_record_is_complete() -> None:
    result = parse("email", LYING)
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "message 1",
            "no Date header; kept without a time; see its Received chain (details.received) for when the"
            " mail servers passed it on",
        ),
        (
            "message 1",
            "Subject header holds Windows-1252 characters labelled ISO-8859-1; read as windows-1252",
        ),
        ("message 1", "body declared iso-8859-1 holds Windows-1252 bytes (0x80-0x9F); read as windows-1252"),
    ]
    item = result.items[0]
    assert item.raw.startswith('From: "Ben Example" <ben@example.org>\nTo: Ann Example')
    assert item._replace(raw="") == ParsedItem(
        locator="message 1",
        kind="email",
        raw="",
        text="Subject: \u201cyou will regret it\u201d\n\n\u201cI know where you are\u201d \u2013 you will regret it.\n",
        sent_at_raw=None,
        sent_at_utc=None,
        tz_source="none",
        tz_name=None,
        author=BEN,
        recipients=(
            AccountRef("email", "ann@example.org", "Ann Example"),
            AccountRef("email", "cara@example.org", "Cara Ex\u00e4mple"),
            AccountRef("email", "dan@example.org", "dan@example.org"),
        ),
        details={
            "to": "ann@example.org, cara@example.org",
            "cc": "dan@example.org",
            "subject": "\u201cyou will regret it\u201d",
            "received": '["from [198.51.100.7] by mx.example.org; Thu, 14 Mar 2024 10:15:03 +0000",'
            '"from laptop by relay.example.org; Thu, 14 Mar 2024 10:15:01 +0000"]',
            "message-id": "<lie-1@example.org>",
        },
    )


def test_mboxrd_messages_offsets_and_fallbacks() -> None:
    result = parse("email", MBOX)
    assert [(i.locator, i.author, i.recipients) for i in result.items] == [
        ("message 1 (byte 0)", BEN, (ANN,)),
        ("message 2 (byte 228)", BEN, (ANN,)),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("message 1 (byte 0)", "Date 'not a date' cannot be read with its offset; kept without a time"),
        ("message 1 (byte 0)", "body declared utf-8 does not decode as such; read as cp1252"),
        (
            "message 2 (byte 228)",
            "no Date header; kept without a time; its mbox From_ line is dated 'Thu Mar 14 10:16:00 2024':"
            " the mailbox's date (when it was filed there), not the sender's",
        ),
    ]
    first, second = result.items
    assert first.text == "Subject: one\n\nbad utf-8 \u00ff\u00fe here\nFrom the start\n>From quoted twice\n"
    assert first.sent_at_raw == "not a date" and first.sent_at_utc is None
    assert second.text == "Subject: two\n\nsecond message"
    assert result.ctx.decisions == {"mailbox": "mbox; '>From ' lines unescaped as mboxrd (one '>' removed)"}


def test_not_mail_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "note.eml"
    path.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        parse("email", path)
    assert str(err.value) == (
        "note.eml: no mail headers (From:, Date:, Subject: …) at the start; this is not an .eml"
        " message — pass --format to choose another reader"
    )


def test_shared_threat_eml(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "email" / "synthetic" / "threat_with_attachment.eml"
    result = parse("email", path)
    assert result.warnings == []
    (item,) = result.items
    assert item.author == AccountRef("email", "sender@example.invalid", "J\u00f6rg Sender")
    assert (
        item.text
        == "Subject: Re: you can\u2019t hide \U0001f621\n\nI know where you live \u2014 synthetic test text."
    )
    assert (item.sent_at_raw, item.sent_at_utc) == ("Tue, 14 Mar 2023 09:15:00 +0000", "2023-03-14T09:15:00Z")
    assert item.attachments == (ParsedAttachment("p\u00efxel.png", None, "image/png", PIXEL_PNG),)
    assert item.details is not None
    assert item.details["attachments"] == (
        '[{"mime":"image/png","name":"p\u00efxel.png",'
        '"sha256":"6b7fa434f92a8b80aab02d9bf1a12e49ffcae424e4013a1c4f68b67e3d2bbcd0","size":70}]'
    )
    assert item.details["received"].startswith('["from mx.example.invalid (mx.example.invalid [192.0.2.10])')
    assert item.details["in-reply-to"] == "<20230313200000.999@example.invalid>"


def test_shared_mbox_cross_midnight(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "email" / "synthetic" / "two_messages.mbox"
    items = parse("email", path).items
    assert [(i.sent_at_raw, i.sent_at_utc, i.tz_name) for i in items] == [
        ("Tue, 14 Mar 2023 09:15:00 +0000", "2023-03-14T09:15:00Z", "UTC+00:00"),
        ("Thu, 16 Mar 2023 00:59:59 +0100", "2023-03-15T23:59:59Z", "UTC+01:00"),
    ]
    assert items[0].text.endswith("Line one.\nFrom here on the body has an mboxrd-escaped From line.\n")
    assert items[1].text == "Subject: caf\u00e9\n\nCaf\u00e9 - latin-1 body (8bit).\n"


SHARED = {
    "cpython/mailbox_01.mbox": (1, 2),
    "cpython/msg_02.txt": (6, 0),
    "cpython/msg_10.txt": (1, 0),  # a mixed message: its five parts shown one after another
    "synthetic/threat_with_attachment.eml": (1, 0),
    "synthetic/two_messages.mbox": (2, 0),
}


@pytest.mark.parametrize("name", sorted(SHARED))
def test_shared_fixtures(shared_data: Path, name: str) -> None:
    path = shared_data / "export-samples" / "email" / name
    with Source(path) as source:
        assert choose_parser(source).name == "email"
    result = parse("email", path)
    assert (len(result.items), len(result.warnings)) == SHARED[name]


def test_unescaped_from_in_body_does_not_split(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "email" / "cpython" / "mailbox_01.mbox"
    (item,) = parse("email", path).items
    assert item.text.endswith("Hello\n\nFrom time to time\n")


def test_digest_messages_become_items(shared_data: Path) -> None:
    items = parse("email", shared_data / "export-samples" / "email" / "cpython" / "msg_02.txt").items
    assert [i.locator for i in items][:3] == [
        "message 1",
        "message 1 > forwarded 1",
        "message 1 > forwarded 2",
    ]
    assert items[1].details is not None and items[1].details["forwarded_in"] == "message 1"
    assert items[1].sent_at_utc == "2001-04-21T00:16:13Z"


@pytest.mark.parametrize("year", ["253402300800000", "99999999999999999999999"])
def test_a_date_year_beyond_any_calendar_is_a_warning(tmp_path: Path, year: str) -> None:
    # The stdlib's Date header raised OverflowError and failed the whole add (found by fuzzing).
    path = tmp_path / "threat.eml"
    path.write_bytes(
        b"From: Ben Example <ben@example.org>\r\nTo: ann@example.org\r\n"
        b"Date: Fri, 20 Apr "
        + year.encode()
        + b" 19:35:02 +0000\r\nSubject: you\r\n\r\nI know where you are\r\n"
    )
    result = parse("email", path)
    [item] = result.items
    assert "I know where you are" in item.text
    assert item.sent_at_utc is None
    assert item.sent_at_raw == f"Fri, 20 Apr {year} 19:35:02 +0000"
    assert [w.message for w in result.warnings] == [
        f"Date 'Fri, 20 Apr {year} 19:35:02 +0000' cannot be read with its offset; kept without a time"
    ]
    assert result.warnings[0].raw


def test_mime_nested_thousands_deep_is_kept_as_raw_text(tmp_path: Path) -> None:
    # The stdlib's MIME parser recurses once per level and raised RecursionError, failing the add
    # with "please report this" (found by fuzzing); the message is kept whole as raw text.
    depth = 3000
    parts = [
        "From: Ben Example <ben@example.org>\nTo: ann@example.org\nDate: Thu, 14 Mar 2024 10:15:00 +0000\n"
        'Subject: deep\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b0"\n\n'
    ]
    parts += [f'--b{i - 1}\nContent-Type: multipart/mixed; boundary="b{i}"\n\n' for i in range(1, depth)]
    parts.append(f"--b{depth - 1}\nContent-Type: text/plain\n\nI know where you live\n")
    parts += [f"--b{i}--\n" for i in range(depth - 1, -1, -1)]
    path = tmp_path / "deep.eml"
    path.write_text("".join(parts), encoding="utf-8")
    result = parse("email", path)
    [item] = result.items
    assert "I know where you live" in item.raw
    [warning] = result.warnings
    assert warning.message.startswith("message cannot be decoded (RecursionError")


@pytest.mark.parametrize(
    ("date", "utc", "tz_source", "tz_name", "warnings"),
    [
        # RFC 5322 3.3: -0000 is UTC, the sender's own zone unknown (was: kept without a time)
        ("Tue, 14 Mar 2023 09:15:00 -0000", "2023-03-14T09:15:00Z", "platform", "UTC-00:00", []),
        # no zone at all: read in the examiner's zone, said in a warning (was: no time, and the
        # warning and sent_at_raw showed the stdlib's rewrite "… -0000", not the header)
        (
            "14 Mar 2023 09:15",
            "2023-03-14T09:15:00Z",
            "examiner",
            "Europe/London",
            ["Date '14 Mar 2023 09:15' has no UTC offset; read in Europe/London (examiner)"],
        ),
        (
            "Sun, 29 Oct 2023 01:30:00",
            "2023-10-29T00:30:00Z",
            "examiner",
            "Europe/London",
            [
                "Date 'Sun, 29 Oct 2023 01:30:00' has no UTC offset; read in Europe/London (examiner)",
                "local time 2023-10-29 01:30 happened twice in Europe/London (clocks went back);"
                " the earlier one (+01:00) was used",
            ],
        ),
        # a zone RFC 822 names is kept by name, with the offset it stands for
        ("Sun, 25 Oct 2026 01:30:00 EST", "2026-10-25T06:30:00Z", "platform", "EST (UTC-05:00)", []),
        ("Sun, 25 Oct 2026 01:30:00 GMT", "2026-10-25T01:30:00Z", "platform", "GMT (UTC+00:00)", []),
        # a zone name that is not an offset is not guessed
        (
            "Tue, 14 Mar 2023 09:15:00 BST",
            None,
            "none",
            None,
            ["Date 'Tue, 14 Mar 2023 09:15:00 BST' cannot be read with its offset; kept without a time"],
        ),
    ],
)
def test_date_is_kept_as_written_and_read_without_guessing(
    tmp_path: Path, date: str, utc: str | None, tz_source: str, tz_name: str | None, warnings: list[str]
) -> None:
    path = tmp_path / "m.eml"
    path.write_text(f"From: a@example.org\nTo: b@example.org\nSubject: s\nDate: {date}\n\nbody\n")
    result = parse("email", path, tz_source="examiner")
    item = result.items[0]
    assert (item.sent_at_raw, item.sent_at_utc, item.tz_source, item.tz_name) == (
        date,
        utc,
        tz_source,
        tz_name,
    )
    assert [w.message for w in result.warnings] == warnings


def test_a_from_header_without_an_address_is_kept_as_written_as_the_sender(tmp_path: Path) -> None:
    # "From: foo" left the message with no author and no author name: the chronology's From was
    # blank although the header named a sender (only the warning kept the text)
    path = tmp_path / "local.mbox"
    path.write_bytes(
        b"From MAILER-DAEMON Sun Aug  7 11:40:37 2022\nFrom: Foo Bar\nTo: ann@example.org, Ben\n"
        b"Date: Sun, 07 Aug 2022 11:40:37 +0000\n\nI am outside\n"
    )
    result = parse("email", path)
    (item,) = result.items
    assert (item.author, item.recipients) == (
        AccountRef("email", "Foo Bar", "Foo Bar"),
        (ANN,),
    )
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "message 1 (byte 0)",
            "From 'Foo Bar' holds no e-mail address; kept as written as the account email:Foo Bar",
        ),
        ("message 1 (byte 0)", "To address 'Ben' is not an e-mail address"),
    ]


def test_the_cpython_mbox_sender_foo_is_kept(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "email" / "cpython" / "mailbox_01.mbox"
    (item,) = parse("email", path).items
    assert item.author == AccountRef("email", "foo", "foo")


def test_a_message_without_a_date_is_pointed_only_to_the_times_it_has(
    shared_data: Path, tmp_path: Path
) -> None:
    # the warning sent a reader to "the Received chain" of a message that has none; the cpython
    # mailbox's only time is its From_ line (review of 1 December, export samples 3)
    path = shared_data / "export-samples" / "email" / "cpython" / "mailbox_01.mbox"
    result = parse("email", path)
    assert (result.items[0].sent_at_raw, result.items[0].sent_at_utc) == (None, None)
    assert [w.message for w in result.warnings] == [
        "From 'foo' holds no e-mail address; kept as written as the account email:foo",
        "no Date header; kept without a time; its mbox From_ line is dated 'Sun Aug  7 11:40:37 2022':"
        " the mailbox's date (when it was filed there), not the sender's",
    ]
    both = tmp_path / "both.mbox"
    both.write_bytes(
        b"From ben@example.org Thu Mar 14 10:15:00 2024 remote from relay 12345\n"
        b"Received: from relay.example.org; Thu, 14 Mar 2024 10:15:01 +0000\n"
        b"From: ben@example.org\n\nhi\n"
    )
    assert [w.message for w in parse("email", both).warnings] == [
        "no Date header; kept without a time; see its Received chain (details.received) for when the mail"
        " servers passed it on; its mbox From_ line is dated 'Thu Mar 14 10:15:00 2024': the mailbox's"
        " date (when it was filed there), not the sender's"
    ]
    bare = tmp_path / "bare.eml"
    bare.write_bytes(b"From: ben@example.org\nTo: ann@example.org\nSubject: hi\n\nhi\n")
    assert [w.message for w in parse("email", bare).warnings] == [
        "no Date header; kept without a time; it has no Received header and no other time"
    ]


def test_a_from_without_an_address_in_raw_8_bit_bytes_is_text(tmp_path: Path) -> None:
    # the header as written can hold undeclared 8-bit bytes: UTF-8 is read, anything else is U+FFFD
    path = tmp_path / "local.eml"
    path.write_bytes(
        b"From: J\xc3\xb6rg \xff\nTo: ann@example.org\nDate: Sun, 07 Aug 2022 11:40:37 +0000\n\nhi\n"
    )
    (item,) = parse("email", path).items
    assert item.author == AccountRef("email", "Jörg \ufffd", "Jörg \ufffd")


_ALT = """From: Bob Smith <bob@example.com>
To: Jane Doe <jane@example.com>
Subject: hello
Date: Tue, 12 Mar 2024 21:14:00 +0000
Message-ID: <alt-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

{plain}
--XX
Content-Type: text/html; charset=utf-8

{html}
--XX--
"""


def test_a_harmless_plain_part_beside_a_threatening_html_part_keeps_both_with_a_warning(
    tmp_path: Path,
) -> None:
    mail = tmp_path / "alt.eml"
    mail.write_text(
        _ALT.format(
            plain="Hope you are well.",
            html='<html><body><p>I know where you live. I will kill you.</p><img src="http://127.0.0.1:9999/'
            'pixel.gif"><div style="display:none">hidden text the victim never saw</div></body></html>',
        )
    )
    result = parse("email", mail)
    assert [w.message for w in result.warnings] == [
        "HTML part holds 1 piece(s) of text a mail client does not show (title, hidden elements); left out"
        " of the message text and listed in details html_hidden_text",
        "the plain-text and HTML parts of this message say different things; the text shows the HTML part"
        " (what a mail client shows), then the plain-text part after a line '[plain-text part of this"
        " e-mail, which differs from the HTML part:]' — read both",
    ]
    item = result.items[0]
    assert item.text == (
        "Subject: hello\n\nI know where you live. I will kill you.\n\n"
        "[plain-text part of this e-mail, which differs from the HTML part:]\nHope you are well."
    )
    assert item.details["html_alternative"] == "yes"
    assert item.details["remote_images"] == '["http://127.0.0.1:9999/pixel.gif"]'
    assert item.details["html_hidden_text"] == '["hidden text the victim never saw"]'


def test_plain_and_html_parts_that_say_the_same_give_the_html_text_alone(tmp_path: Path) -> None:
    mail = tmp_path / "same.eml"
    mail.write_text(
        _ALT.format(
            plain="Hello Jane,\nsee the list <https://example.org/x>.",
            html='<p>Hello <b>Jane</b>,</p><p>see <a href="https://example.org/x">the list</a>.</p>',
        )
    )
    result = parse("email", mail)
    assert result.warnings == []
    assert result.items[0].text == "Subject: hello\n\nHello Jane,\n\nsee the list."


def test_html_only_mail_leaves_out_its_title_and_hidden_text_and_lists_the_tracking_pixel(
    tmp_path: Path,
) -> None:
    mail = tmp_path / "hidden.eml"
    mail.write_text(
        "From: Bob Smith <bob@example.com>\nTo: Jane Doe <jane@example.com>\nSubject: invoice\n"
        "Date: Tue, 12 Mar 2024 22:14:00 +0000\nMessage-ID: <hid-1@example.com>\nMIME-Version: 1.0\n"
        "Content-Type: text/html; charset=utf-8\n\n"
        "<html><head><title>I will kill you</title><body><p>Please find the invoice attached.</p>"
        '<div style="display:none">I will <b>kill</b> you</div><span hidden>x</span><br>'
        '<img src="http://127.0.0.1:9999/track.gif?victim=jane"><img src="cid:logo"></body></html>\n'
    )
    result = parse("email", mail)
    assert [w.message for w in result.warnings] == [
        "HTML part holds 3 piece(s) of text a mail client does not show (title, hidden elements); left out"
        " of the message text and listed in details html_hidden_text",
    ]
    item = result.items[0]
    assert item.text == "Subject: invoice\n\nPlease find the invoice attached."
    assert item.details["html_hidden_text"] == '["I will kill you","I will kill you","x"]'
    assert item.details["remote_images"] == '["http://127.0.0.1:9999/track.gif?victim=jane"]'
    assert "html_alternative" not in item.details


def test_a_multipart_body_its_boundary_does_not_start_is_kept_whole_as_text_with_a_warning(
    tmp_path: Path,
) -> None:
    mail = tmp_path / "boundary.eml"
    mail.write_bytes(
        b"From: Alex <alex@example.invalid>\nTo: victim@example.invalid\nSubject: hi\n"
        b"Date: Tue, 14 Mar 2023 09:15:00 +0000\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="BBB"\n\n'
        b"--AAA\nContent-Type: text/plain\n\nI know where you live.\n--AAA--\n"
    )
    result = parse("email", mail)
    assert [i.text for i in result.items] == [
        "Subject: hi\n\n--AAA\nContent-Type: text/plain\n\nI know where you live.\n--AAA--\n"
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "message 1",
            "multipart/mixed body has no part that starts with its boundary 'BBB': kept whole, as its text,"
            " not split into parts or attachments",
            result.items[0].raw,
        )
    ]
    assert result.items[0].attachments == ()  # not kept as an unreadable "unnamed.mixed" file


def test_an_mbox_with_old_mac_line_ends_keeps_its_messages(tmp_path: Path) -> None:
    path = tmp_path / "cr.mbox"
    path.write_bytes(MBOX.read_bytes().replace(b"\n", b"\r"))
    result = parse("email", path)
    assert [(i.locator, i.text) for i in result.items] == [
        (
            "message 1 (byte 0)",
            "Subject: one\n\nbad utf-8 \u00ff\u00fe here\nFrom the start\n>From quoted twice\n",
        ),
        ("message 2 (byte 228)", "Subject: two\n\nsecond message"),
    ]
    assert len(result.warnings) == 3
    assert result.ctx.decisions["line_ends"] == "CR alone (old Mac OS); each CR read as a line end"
    assert choose_parser(Source(path)).name == "email"  # before: "a file in no format Footprint reads"


def test_an_mbox_with_a_byte_order_mark_is_still_a_mailbox(tmp_path: Path) -> None:
    path = tmp_path / "bom.mbox"
    path.write_bytes(b"\xef\xbb\xbf" + MBOX.read_bytes())
    assert choose_parser(Source(path)).name == "email"
    result = parse("email", path)
    assert [(i.locator, i.author) for i in result.items] == [
        ("message 1 (byte 3)", BEN),
        ("message 2 (byte 231)", BEN),
    ]
    assert [i.text for i in result.items] == [i.text for i in parse("email", MBOX).items]


def test_an_eml_with_a_byte_order_mark_keeps_its_sender(tmp_path: Path) -> None:
    path = tmp_path / "bom.eml"
    path.write_bytes(b"\xef\xbb\xbf" + LYING.read_bytes())
    (item,) = parse("email", path).items
    assert item.author == BEN


def test_an_mbox_with_no_message_after_its_from_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "only.mbox"
    path.write_bytes(MBOX.read_bytes().split(b"\n")[0])
    with pytest.raises(ParseError) as err:
        parse("email", path)
    assert str(err.value) == (
        "only.mbox: an mbox From_ line but no message after it; check that this is the mailbox"
        " exactly as exported"
    )
