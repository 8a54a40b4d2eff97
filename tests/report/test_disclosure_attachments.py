"""A disclosure copy never carries an attachment's content, its SHA-256 or its unmasked name, in any
field of an item, for every parser that stores attachments (the disclosure officer's review, 1, 2, 8)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.model import Item
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report.redact import HASH_WITHHELD, Redactor
from footprint.report.withhold import withheld

PRIYA = "Priya Patel"
FILE = "Priya_Patel_payslip.pdf"
PDF = b"%PDF-1.4\n4 0 obj<</Author(Priya Patel)/Title(Payslip NI QQ123456C)>>endobj\n%%EOF\n" * 3
B64 = base64.b64encode(PDF).decode()
SHA = hashlib.sha256(PDF).hexdigest()


def _email(folder: Path) -> Path:
    body = base64.encodebytes(PDF).decode()
    eml = (
        "Message-ID: <m1@example.net>\nDate: Mon, 04 Mar 2024 21:10:00 +0000\n"
        "From: Daniel Reid <d.reid@example.net>\nTo: Emma Clarke <emma@example.org>\nSubject: photos\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="BB"\n\n--BB\n'
        'Content-Type: text/plain; charset="utf-8"\n\nI have her payslip.\n\n--BB\n'
        f'Content-Type: application/pdf; name="{FILE}"\n'
        f'Content-Disposition: attachment; filename="{FILE}"\nContent-Transfer-Encoding: base64\n\n'
        f"{body}\n--BB--\n"
    )
    path = folder / "threat.eml"
    path.write_text(eml.replace("\n", "\r\n"))
    return path


def _whatsapp(folder: Path) -> Path:
    chat = (
        "[01/03/2024, 08:00:00] Emma Clarke: hello\n"
        f"[02/03/2024, 09:04:00] Daniel Reid: \u200e<attached: {FILE}>\n"
    )
    path = folder / "WhatsApp Chat - Daniel Reid.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_chat.txt", chat)
        z.writestr(FILE, PDF)
    return path


def _mms(folder: Path) -> Path:
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"1\">\n"
        '<mms date="1710410220000" ct_t="application/vnd.wap.multipart.related" msg_box="1"'
        ' address="+447700900123" m_type="132" text_only="0" date_sent="0" read="1"'
        ' contact_name="Daniel Reid"><parts>'
        '<part seq="0" ct="text/plain" name="null" chset="106" cl="text_0.txt" text="her payslip" />'
        f'<part seq="1" ct="application/pdf" name="{FILE}" cl="{FILE}" text="null" data="{B64}" />'
        '</parts><addrs><addr address="+447700900123" type="137" charset="106" /></addrs></mms>\n'
        "</smses>\n"
    )
    path = folder / "sms.xml"
    path.write_text(xml)
    return path


def _messenger(folder: Path) -> Path:
    thread = "your_facebook_activity/messages/inbox/danielreid_7"
    messages = {
        "participants": [{"name": "Daniel Reid"}, {"name": "Emma Clarke"}],
        "messages": [
            {
                "sender_name": "Daniel Reid",
                "timestamp_ms": 1709543400000,
                "files": [{"uri": f"{thread}/files/{FILE}"}],
            }
        ],
    }
    path = folder / "messenger.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{thread}/message_1.json", json.dumps(messages))
        z.writestr(f"{thread}/files/{FILE}", PDF)
    return path


def _telegram(folder: Path) -> Path:
    chat = {
        "name": "Daniel Reid",
        "type": "personal_chat",
        "id": 777000111,
        "messages": [
            {
                "id": 1,
                "type": "message",
                "date": "2024-03-04T21:10:00",
                "date_unixtime": "1709586600",
                "from": "Daniel Reid",
                "from_id": "user777000111",
                "text": f"sent {FILE}",
                "file": f"files/{FILE}",
                "mime_type": "application/pdf",
            }
        ],
    }
    path = folder / "telegram.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("ChatExport_2024-03-05/result.json", json.dumps(chat))
        z.writestr(f"ChatExport_2024-03-05/files/{FILE}", PDF)
    return path


def _discord(folder: Path) -> Path:
    author = {"id": "1111", "name": "daniel.reid", "discriminator": "0000", "nickname": "Daniel Reid"}
    export = {
        "guild": {"id": "0", "name": "Direct Messages"},
        "channel": {"id": "1", "type": "DirectTextChat", "name": "daniel.reid"},
        "messages": [
            {
                "id": "9",
                "type": "Default",
                "timestamp": "2024-03-04T21:10:00+00:00",
                "content": f"look: {FILE}",
                "author": author,
                "attachments": [{"id": "3", "url": f"channel_Files/{FILE}", "fileName": FILE,
                                 "fileSizeBytes": len(PDF)}],
            }
        ],
    }  # fmt: skip
    path = folder / "discord.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("channel.json", json.dumps(export))
        z.writestr(f"channel_Files/{FILE}", PDF)
    return path


EXPORTS = {
    "email": _email,
    "whatsapp": _whatsapp,
    "mms": _mms,
    "messenger": _messenger,
    "telegram": _telegram,
    "discord": _discord,
}


def _strings(item: Item) -> list[str]:
    return [json.dumps(dataclasses.asdict(item), ensure_ascii=False)]


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_an_attachment_is_withheld_and_masked_in_every_field_of_its_item(
    case: Case, tmp_path: Path, export: str
) -> None:
    """Masked anywhere, masked everywhere: the file's name masked in the attachment list is masked in
    the text, the raw record and the details too; its SHA-256 is in none of them; its content (the
    e-mail's MIME part, the MMS part's base64) is not in the raw record."""
    add_person(case, "Emma Clarke", "complainant")
    add_person(case, "Daniel Reid", "suspect")
    add_person(case, PRIYA, "other")
    path = EXPORTS[export](tmp_path)
    add_exhibit(case, path, AddOptions(producer="Emma Clarke", owner="Emma Clarke", date_order="dmy"))
    stored = [i for i in case.store.iter_items() if i.attachments]
    assert [a.sha256 for i in stored for a in i.attachments] == [SHA]  # the file is in the case
    model = build_report(case, redact=True)
    shown = [r.item for r in (*model.chronology, *model.copies) if r.item.attachments]
    assert [a.sha256 for i in shown for a in i.attachments] == [HASH_WITHHELD]
    assert [a.name for i in shown for a in i.attachments if "payslip" in a.name] == [
        next(a.name for i in stored for a in i.attachments).replace("Priya_Patel", "[NAME-1]")
    ]
    text = json.dumps([dataclasses.asdict(i) for i in shown], ensure_ascii=False)
    left = [x for x in ("Priya_Patel", PRIYA, SHA, SHA[:16], B64[:40], "QQ123456C") if x in text]
    assert left == []
    assert "[NAME-1]_payslip.pdf" in text


def test_an_emails_attachment_parts_are_replaced_and_its_encoded_text_said_to_be_decoded() -> None:
    """Each MIME part that is a file, or base64, keeps its headers; its body is one line saying what
    was withheld. A part of plain text stays (it is masked as text)."""
    raw = (
        'Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\nhello there\n'
        "--B\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\naGVsbG8gdGhlcmU=\n"
        f'--B\nContent-Type: image/jpeg; name="a.jpg"\n\n{B64[:60]}\n{B64[60:120]}\n--B--\n'
    )
    assert withheld(raw, "") == (
        'Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\nhello there\n'
        "--B\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        "[encoded text withheld in a redacted copy: 16 characters; the item's text is this part decoded,"
        " and masked]\n"
        '--B\nContent-Type: image/jpeg; name="a.jpg"\n\n'
        "[attachment's content withheld in a redacted copy: 120 characters as encoded]\n--B--\n"
    )
    assert withheld(f'<part data="{B64}" /> {SHA}', "") == (
        f"<part data=\"[attachment's content withheld in a redacted copy: {len(B64)} characters as"
        f' encoded]" /> {HASH_WITHHELD}'
    )


def test_a_file_name_in_text_is_masked_as_in_the_attachment_list_and_offsets_follow() -> None:
    r = Redactor(frozenset(), (PRIYA,))
    text = f"\u200e<attached: {FILE}> ok"
    masked, mapper = r.text_with_offsets(text, "text", (FILE,))
    assert masked == "\u200e<attached: [NAME-1]_payslip.pdf> ok"
    assert r.file_name(FILE, "attachment") == "[NAME-1]_payslip.pdf"
    assert masked[mapper(text.index(" ok")) :] == " ok"
    assert r.text(text, "text") == text  # without the file's name, "Priya_Patel" is one word
