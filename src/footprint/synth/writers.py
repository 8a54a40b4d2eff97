"""Writers for real export formats: the synthetic generator's output looks like the real thing."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LRM = "\u200e"
NNBSP = "\u202f"


@dataclass(frozen=True)
class ChatLine:
    """One line of a chat as the phone showed it: local time, author (None = system), text."""

    at: datetime
    author: str | None
    text: str
    attachment: str | None = None


def whatsapp_android_line(line: ChatLine, *, twelve_hour: bool = False, us_dates: bool = False) -> str:
    """An Android export line (``14/03/2023, 09:15 - Name: text``; US style with U+202F AM/PM)."""
    at = line.at
    date = f"{at.month}/{at.day}/{at:%y}" if us_dates else f"{at:%d/%m/%Y}"
    if twelve_hour:
        hour = at.hour % 12 or 12
        clock = f"{hour}:{at:%M}{NNBSP}{'AM' if at.hour < 12 else 'PM'}"
    else:
        clock = f"{at:%H:%M}"
    body = line.text
    if line.attachment:
        body = f"{line.attachment} (file attached)" + (f"\n{line.text}" if line.text else "")
    if line.author is None:
        return f"{date}, {clock} - {body}"
    return f"{date}, {clock} - {line.author}: {body}"


def whatsapp_ios_line(line: ChatLine) -> str:
    """An iOS export line (``[14/03/2023, 09:15:02] Name: text``, LRM before attachments)."""
    stamp = f"[{line.at:%d/%m/%Y, %H:%M:%S}]"
    if line.author is None:
        return f"{LRM}{stamp} {line.text}"
    if line.attachment:
        return f"{LRM}{stamp} {line.author}: {LRM}<attached: {line.attachment}>"
    return f"{stamp} {line.author}: {line.text}"


def write_whatsapp_txt(path: Path, lines: Iterable[ChatLine], *, ios: bool = False, **style: bool) -> None:
    """Write a WhatsApp .txt export."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write((whatsapp_ios_line(line) if ios else whatsapp_android_line(line, **style)) + "\n")


def write_whatsapp_zip(path: Path, lines: list[ChatLine], media: dict[str, bytes]) -> None:
    """Write an iOS-style export zip: ``_chat.txt`` plus the media it names."""
    text = "".join(whatsapp_ios_line(line) + "\n" for line in lines)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("_chat.txt", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(info, text.encode("utf-8"))
        for name in sorted(media):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), media[name])


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    """Write a CSV file with a header (RFC 4180 quoting, LF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
