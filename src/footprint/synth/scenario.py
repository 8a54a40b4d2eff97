"""Writes the demo case's files in real export formats, with an answer key of what each item is."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from footprint.synth import script
from footprint.synth.writers import ChatLine, write_csv, write_whatsapp_txt, write_whatsapp_zip

START = datetime(2024, 2, 5)
# A tiny valid JPEG (1x1 grey), made by hand: SOI, minimal headers, EOI.
PHOTO = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912"
    "130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b0800"
    "01000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002"
    "010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f0"
    "2433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768"
    "696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3"
    "c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fb"
    "d3ffd9"
)


@dataclass(frozen=True)
class DemoCase:
    """The files of a demo case and its answer key."""

    folder: Path
    whatsapp_jane: Path
    sms_csv: Path
    whatsapp_sarah: Path
    incidents: Path
    answer_key: Path


def _at(day: int, clock: str) -> datetime:
    hour, minute = (int(x) for x in clock.split(":"))
    return START + timedelta(days=day, hours=hour, minutes=minute)


def write_demo_case(folder: Path) -> DemoCase:
    """Write every demo file into ``folder`` and return where they are."""
    folder.mkdir(parents=True, exist_ok=True)
    key: list[dict[str, object]] = []

    jane_path = folder / f"WhatsApp Chat with {script.JOHN}.txt"
    jane_lines = [ChatLine(_at(d, t), a, text) for d, t, a, text, _ in script.WHATSAPP_JANE]
    write_whatsapp_txt(jane_path, jane_lines)
    for number, (d, t, author, text, labels) in enumerate(script.WHATSAPP_JANE, start=1):
        key.append(
            {
                "file": jane_path.name,
                "locator": f"line {number}",
                "sent_at_local": _at(d, t).isoformat(),
                "author": author,
                "text": text,
                "labels": list(labels),
            }
        )

    sms_path = folder / "jane-phone-sms.csv"
    rows = []
    for number, (d, t, sender, text, labels) in enumerate(script.SMS_BURNER, start=2):
        recipient = script.JANE_PHONE if sender != script.JANE_PHONE else script.JOHN_BURNER
        stamp = _at(d, t).strftime("%d/%m/%Y %H:%M")
        rows.append([f"sms-{number - 1}", stamp, sender, recipient, text])
        key.append(
            {
                "file": sms_path.name,
                "locator": f"line {number}",
                "sent_at_local": _at(d, t).isoformat(),
                "author": sender,
                "text": text,
                "labels": list(labels),
            }
        )
    write_csv(sms_path, ["Message ID", "Date", "From", "To", "Body"], rows)

    sarah_path = folder / f"WhatsApp Chat - {script.JOHN}.zip"
    sarah_lines = [ChatLine(_at(d, t), a, text, att) for d, t, a, text, _, att in script.WHATSAPP_SARAH]
    media = {att: PHOTO for *_, att in script.WHATSAPP_SARAH if att}
    write_whatsapp_zip(sarah_path, sarah_lines, media)
    for number, (d, t, author, text, labels, att) in enumerate(script.WHATSAPP_SARAH, start=1):
        key.append(
            {
                "file": sarah_path.name,
                "locator": f"line {number}",
                "sent_at_local": _at(d, t).isoformat(),
                "author": author,
                "text": text,
                "labels": list(labels),
                "attachments": [att] if att else [],
            }
        )

    incidents_path = folder / "incidents.csv"
    write_csv(
        incidents_path,
        ["date", "time", "place", "what happened", "reported_by"],
        [
            [_at(d, "00:00").strftime("%d/%m/%Y"), t, place, what, who]
            for d, t, place, what, who in script.INCIDENTS
        ],
    )
    answer_key = folder / "answer-key.json"
    answer_key.write_text(
        json.dumps(
            {
                "complainant": script.JANE,
                "suspect": script.JOHN,
                "suspect_accounts": [
                    f"whatsapp:{script.JOHN}",
                    f"sms:{script.JOHN_BURNER.replace(' ', '')}",
                ],
                "expected_offences": script.EXPECTED_OFFENCES,
                "zone": "Europe/London",
                "incidents": len(script.INCIDENTS),
                "items": key,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return DemoCase(folder, jane_path, sms_path, sarah_path, incidents_path, answer_key)
