"""Writers for phone, e-mail and forensic formats: SMS Backup & Restore, iMessage, e-mail, UFED, AXIOM.

Each writer takes plain ``PhoneMessage`` records and writes the real format, streaming where the
real files get large (SMS XML and UFED reports are written record by record, so the benchmarks can
make gigabyte inputs without holding them in memory).
"""

from __future__ import annotations

import base64
import csv
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
UFED_NS = "http://pa.cellebrite.com/report/2.0"


@dataclass(frozen=True)
class PhoneMessage:
    """One message as the phone saw it: UTC time, the other party, direction, text, optional image."""

    at: datetime
    other: str
    incoming: bool
    text: str
    contact: str = ""
    image: bytes | None = None
    deleted: bool = False


def _ms(at: datetime) -> int:
    return int(at.replace(tzinfo=at.tzinfo or UTC).timestamp() * 1000)


def sms_xml_record(msg: PhoneMessage) -> str:
    """One ``<sms>`` (or ``<mms>`` when the message has an image) element of an SMS Backup & Restore file."""
    date = _ms(msg.at)
    readable = msg.at.strftime("%d %b %Y %H:%M:%S")
    contact = msg.contact or "(Unknown)"
    box = 1 if msg.incoming else 2
    if msg.image is None:
        return (
            f'  <sms protocol="0" address={quoteattr(msg.other)} date="{date}" type="{box}"'
            f' subject="null" body={quoteattr(msg.text)} toa="null" sc_toa="null" service_center="null"'
            f' read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="{readable}"'
            f" contact_name={quoteattr(contact)} />\n"
        )
    data = base64.b64encode(msg.image).decode("ascii")
    sender, to = (msg.other, "insert-address-token") if msg.incoming else ("insert-address-token", msg.other)
    return (
        f'  <mms date="{date}" ct_t="application/vnd.wap.multipart.related" msg_box="{box}"'
        f' sub="null" address={quoteattr(msg.other)} m_id="null" read="1" text_only="0" date_sent="0"'
        f' locked="0" readable_date="{readable}" contact_name={quoteattr(contact)}>\n'
        "    <parts>\n"
        '      <part seq="-1" ct="application/smil" name="null" chset="null" cl="smil.xml" text="null" />\n'
        '      <part seq="0" ct="text/plain" name="null" chset="106" cl="text_0.txt"'
        f" text={quoteattr(msg.text)} />\n"
        '      <part seq="1" ct="image/jpeg" name="null" chset="null" cl="image.jpg" text="null"'
        f' data="{data}" />\n'
        "    </parts>\n    <addrs>\n"
        f'      <addr address={quoteattr(sender)} type="137" charset="106" />\n'
        f'      <addr address={quoteattr(to)} type="151" charset="106" />\n'
        "    </addrs>\n  </mms>\n"
    )


def write_sms_backup_xml(path: Path, messages: Iterable[PhoneMessage], count: int | None = None) -> None:
    """Write an SMS Backup & Restore messages file, one record at a time."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        out.write("<!--File Created By SMS Backup & Restore v10.18.302 on 14/03/2024 10:00:00-->\n")
        out.write(
            f'<smses count="{count if count is not None else -1}" backup_set="synthetic" type="full">\n'
        )
        for msg in messages:
            out.write(sms_xml_record(msg))
        out.write("</smses>\n")


def _ufed_field(name: str, value: str, kind: str = "String") -> str:
    return f'<field name="{name}" type="{kind}"><value type="{kind}"><![CDATA[{value}]]></value></field>'


def ufed_message(number: int, msg: PhoneMessage, owner: str) -> str:
    """One ``InstantMessage`` model of a UFED report."""
    state = "Deleted" if msg.deleted else "Intact"
    sender = msg.other if msg.incoming else owner
    stamp = msg.at.astimezone(UTC).isoformat(timespec="milliseconds")
    return (
        f'<model type="InstantMessage" id="im-{number}" deleted_state="{state}" decoding_confidence="High"'
        ' isrelated="False" source_index="0" extractionId="0">'
        + _ufed_field("Source", "Native Messages")
        + _ufed_field("Body", msg.text.replace("]]>", "]]]]><![CDATA[>"))
        + _ufed_field("TimeStamp", stamp, "TimeStamp")
        + _ufed_field("Type", "Incoming" if msg.incoming else "Outgoing", "MessageType")
        + '<modelField name="From" type="Party"><model type="Party" id="from-'
        + str(number)
        + '">'
        + _ufed_field("Identifier", sender)
        + "</model></modelField></model>\n"
    )


def write_ufed_report(path: Path, messages: Iterable[PhoneMessage], owner: str, other: str) -> None:
    """Write a UFED ``report.xml`` with one chat holding every message, streamed."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n')
        out.write(
            f'<project id="synthetic" name="Synthetic" reportVersion="7.60.0.0" containsGarbage="False"'
            f' extractionType="Logical" xmlns="{UFED_NS}">\n'
            '<sourceExtractions><extractionInfo id="0" name="Logical" fullName="Synthetic phone" />'
            "</sourceExtractions>\n"
            '<decodedData><modelType type="Chat">\n'
            '<model type="Chat" id="chat-1" deleted_state="Intact" decoding_confidence="High"'
            ' extractionId="0">'
            + _ufed_field("Source", "Native Messages")
            + _ufed_field("Id", other)
            + '<multiModelField name="Participants" type="Party">'
            + f'<model type="Party" id="pa-1">{_ufed_field("Identifier", other)}</model>'
            + f'<model type="Party" id="pa-2">{_ufed_field("Identifier", owner)}'
            + _ufed_field("IsPhoneOwner", "True", "Boolean")
            + "</model></multiModelField>\n"
            '<multiModelField name="Messages" type="InstantMessage">\n'
        )
        for number, msg in enumerate(messages, start=1):
            out.write(ufed_message(number, msg, owner))
        out.write("</multiModelField></model>\n</modelType></decodedData>\n<extraInfos>\n")
        out.write(
            '<extraInfo type="model" id="im-1"><sourceInfo><nodeInfos><nodeInfo name="sms.db"'
            ' path="/private/var/mobile/Library/SMS/sms.db" tableName="message" offset="4096" size="96" />'
            "</nodeInfos></sourceInfo></extraInfo>\n</extraInfos>\n</project>\n"
        )


_IMESSAGE_SCHEMA = """
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT,
  service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT);
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER,
  state INTEGER, account_id TEXT, chat_identifier TEXT, service_name TEXT, room_name TEXT, display_name TEXT);
CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT,
  handle_id INTEGER DEFAULT 0, subject TEXT, attributedBody BLOB, service TEXT, date INTEGER,
  date_read INTEGER, date_delivered INTEGER, is_from_me INTEGER DEFAULT 0,
  cache_has_attachments INTEGER DEFAULT 0,
  associated_message_guid TEXT, associated_message_type INTEGER DEFAULT 0, date_edited INTEGER DEFAULT 0,
  date_retracted INTEGER DEFAULT 0, message_summary_info BLOB, thread_originator_guid TEXT,
  item_type INTEGER DEFAULT 0, group_action_type INTEGER DEFAULT 0);
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
  created_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT, transfer_name TEXT,
  total_bytes INTEGER DEFAULT 0);
CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER, message_date INTEGER DEFAULT 0,
  PRIMARY KEY (chat_id, message_id));
CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER, UNIQUE(chat_id, handle_id));
CREATE TABLE message_attachment_join (message_id INTEGER, attachment_id INTEGER,
  UNIQUE(message_id, attachment_id));
"""


def attributed_body(text: str) -> bytes:
    """An NSAttributedString typedstream holding ``text`` (as macOS Ventura writes ``attributedBody``)."""
    data = text.encode("utf-8")
    length = bytes([len(data)]) if len(data) < 128 else b"\x81" + len(data).to_bytes(2, "little")
    return (
        b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject"
        b"\x00\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+"
        + length
        + data
        + b"\x86\x84\x02iI\x01"
        + length
        + b"\x92\x84\x84\x84\x0cNSDictionary\x00\x94\x84\x01i\x00\x86\x86"
    )


def apple_ns(at: datetime) -> int:
    """Nanoseconds since 2001-01-01 UTC (the iMessage ``date`` since High Sierra / iOS 11)."""
    delta = at.replace(tzinfo=at.tzinfo or UTC) - APPLE_EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000


def write_imessage_db(path: Path, messages: Iterable[PhoneMessage], *, body_only: bool = True) -> None:
    """Write a ``chat.db`` with one 1:1 chat per other party; text goes only in ``attributedBody``."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(_IMESSAGE_SCHEMA)
        handles: dict[str, int] = {}
        for number, msg in enumerate(messages, start=1):
            if msg.other not in handles:
                handle = conn.execute(
                    "INSERT INTO handle (id, country, service) VALUES (?, 'gb', 'iMessage')", (msg.other,)
                ).lastrowid
                assert handle is not None
                handles[msg.other] = handle
                conn.execute(
                    "INSERT INTO chat (ROWID, guid, style, chat_identifier, service_name, display_name)"
                    " VALUES (?, ?, 45, ?, 'iMessage', '')",
                    (handle, f"iMessage;-;{msg.other}", msg.other),
                )
                conn.execute("INSERT INTO chat_handle_join VALUES (?, ?)", (handle, handle))
            handle = handles[msg.other]
            text, body = (None, attributed_body(msg.text)) if body_only else (msg.text, None)
            conn.execute(
                "INSERT INTO message (ROWID, guid, text, handle_id, attributedBody, service, date,"
                " is_from_me, date_retracted) VALUES (?, ?, ?, ?, ?, 'iMessage', ?, ?, ?)",
                (
                    number,
                    f"SYN-{number}",
                    text,
                    handle,
                    body,
                    apple_ns(msg.at),
                    0 if msg.incoming else 1,
                    apple_ns(msg.at) + 60_000_000_000 if msg.deleted else 0,
                ),  # fmt: skip
            )
            conn.execute("INSERT INTO chat_message_join VALUES (?, ?, ?)", (handle, number, apple_ns(msg.at)))
        conn.commit()
    finally:
        conn.close()


def write_eml(path: Path, msg: PhoneMessage, owner: str, subject: str) -> None:
    """Write one message as an ``.eml`` (CRLF line ends, encoded headers when needed)."""
    mail = EmailMessage()
    sender, to = (msg.other, owner) if msg.incoming else (owner, msg.other)
    mail["From"] = f"{msg.contact} <{sender}>" if msg.contact and msg.incoming else sender
    mail["To"] = to
    mail["Date"] = format_datetime(msg.at.astimezone(UTC))
    mail["Subject"] = subject
    mail["Message-ID"] = f"<{_ms(msg.at)}@example.org>"
    mail.set_content(msg.text)
    if msg.image is not None:
        mail.add_attachment(msg.image, maintype="image", subtype="jpeg", filename="photo.jpg")
    path.write_bytes(bytes(mail).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def write_axiom_csv(
    path: Path, messages: Iterable[PhoneMessage], owner: str, *, zone_header: bool = False
) -> None:
    """Write an AXIOM-style per-artifact CSV: UI column names, UTC times as ``dd/MM/yyyy HH:mm:ss``.

    With ``zone_header`` the time column's header names its zone and format as AXIOM labels them
    (``Message Sent Date/Time - UTC+00:00 (dd/MM/yyyy)``); without it the zone must be given.
    """
    time_header = "Message Sent Date/Time" + (" - UTC+00:00 (dd/MM/yyyy)" if zone_header else "")
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Record", "Sender", "Receiver", "Message", time_header, "Direction", "Source"])
        for number, msg in enumerate(messages, start=1):
            stamp = msg.at.astimezone(UTC).strftime("%d/%m/%Y %H:%M:%S")
            sender, receiver = (msg.other, owner) if msg.incoming else (owner, msg.other)
            direction = "Incoming" if msg.incoming else "Outgoing"
            writer.writerow([number, sender, receiver, msg.text, stamp, direction, "SMS"])


def escape_text(text: str) -> str:
    """XML-escape text for hand-built fragments."""
    return escape(text)


def demo_sms_messages() -> list[PhoneMessage]:
    """The demo's burner-phone SMS thread (``script.SMS_BURNER``) as Jane's phone saw it.

    Times are local UK wall-clock in the script (February 2024, GMT), so UTC equals local here.
    """
    from footprint.synth import script

    start = datetime(2024, 2, 5, tzinfo=UTC)
    messages = []
    for day, clock, sender, text, _labels in script.SMS_BURNER:
        hour, minute = (int(x) for x in clock.split(":"))
        at = start + timedelta(days=day, hours=hour, minutes=minute)
        incoming = sender != script.JANE_PHONE
        messages.append(PhoneMessage(at, script.JOHN_BURNER.replace(" ", ""), incoming, text))
    return messages


def write_phone_case(folder: Path) -> dict[str, Path]:
    """Write the demo SMS thread in every phone/forensic format: SBR XML, chat.db, UFED, .eml, AXIOM CSV."""
    from footprint.synth import script

    folder.mkdir(parents=True, exist_ok=True)
    messages = demo_sms_messages()
    owner = script.JANE_PHONE.replace(" ", "")
    paths = {
        "sms_backup_xml": folder / "sms-20240301000000.xml",
        "imessage_db": folder / "chat.db",
        "cellebrite_ufed": folder / "report.xml",
        "email": folder / "message.eml",
        "tabular_forensic": folder / "axiom-sms.csv",
    }
    write_sms_backup_xml(paths["sms_backup_xml"], messages, count=len(messages))
    if paths["imessage_db"].exists():
        paths["imessage_db"].unlink()
    write_imessage_db(paths["imessage_db"], messages)
    write_ufed_report(paths["cellebrite_ufed"], messages, owner=owner, other=messages[0].other)
    first = messages[0]
    write_eml(
        paths["email"],
        PhoneMessage(first.at, "john.smith@example.org", True, first.text, contact=script.JOHN),
        owner="jane.doe@example.org",
        subject="you can't block me",
    )
    write_axiom_csv(paths["tabular_forensic"], messages, owner, zone_header=True)
    return paths
