"""Shared helpers for the social-platform parsers: safe JSON loading, epoch times, raw fragments, MIME."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from footprint.errors import ParseError
from footprint.ingest._jsonstream import has_surrogate_escape, without_lone_surrogates
from footprint.ingest.source import Source
from footprint.times import hms_table, iso_utc, utc_day

_MIME = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
    "webp": "image/webp", "heic": "image/heic", "mp4": "video/mp4", "mov": "video/quicktime",
    "webm": "video/webm", "opus": "audio/ogg", "ogg": "audio/ogg", "oga": "audio/ogg",
    "mp3": "audio/mpeg", "m4a": "audio/mp4", "aac": "audio/aac", "wav": "audio/wav",
    "pdf": "application/pdf", "vcf": "text/vcard", "txt": "text/plain", "tgs": "application/x-tgsticker",
}  # fmt: skip


def mime_for(name: str) -> str:
    """A MIME type from a file name's extension ('' when unknown)."""
    base = name.rsplit("/", 1)[-1]
    return _MIME.get(base.rsplit(".", 1)[-1].lower(), "") if "." in base else ""


def load_json(data: bytes, source: str, where: str | None = None, what: str = "the export") -> Any:
    """Parse JSON bytes (UTF-8, BOM allowed); a damaged file raises ``ParseError`` saying what to do."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"not UTF-8 JSON (byte {exc.start}); copy {what} again from the original download",
            source=source,
            locator=where,
        ) from exc
    try:
        value = json.loads(text)
        return without_lone_surrogates(value) if has_surrogate_escape(text) else value
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); the file may be"
            f" truncated or edited — copy {what} again from the original download",
            source=source,
            locator=where,
        ) from exc
    except RecursionError as exc:
        raise ParseError(
            "JSON nested too deeply to be an export; check where the file came from",
            source=source,
            locator=where,
        ) from exc


def read_json_source(source: Source, member: str | None = None, what: str = "the export") -> Any:
    """Load the whole file (or one archive member) as JSON."""
    data = source.read_member(member) if member is not None else source.read_bytes()
    return load_json(data, source.name, member, what)


def raw_json(value: Any) -> str:
    """The record as compact JSON text (the original fragment, re-serialised without escaping)."""
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def epoch_to_iso(value: object, scale: int = 1) -> str | None:
    """ISO UTC (``Z``) for an epoch number or digit string in seconds (scale 1) or ms (1000)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text.lstrip("-").isdigit():
            return None
        number = int(text)
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        return None
    seconds, rest = divmod(number, scale)
    if not 0 <= seconds < 253402300800:
        return None
    days, second = divmod(seconds, 86400)
    if rest:
        return f"{utc_day(days)}{hms_table()[second][:-1]}.{rest * 1000 // scale:03d}Z"
    return utc_day(days) + hms_table()[second]


def iso_with_offset_to_utc(value: str) -> str | None:
    """ISO UTC for an ISO 8601 time with an offset (``None`` if it has no offset or is unreadable)."""
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    head, dot, frac = text.partition(".")
    if dot:
        digits = len(frac) - len(frac.lstrip("0123456789"))
        tail = frac[digits:]
        frac = frac[:digits][:6]
        text = f"{head}.{frac}{tail}" if frac else f"{head}{tail}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return iso_utc(moment)


def as_text(value: object) -> str:
    """A JSON scalar as text (numbers exactly as parsed; ``None`` -> '')."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return raw_json(value)


def obj(value: object) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (exports are hostile: types vary)."""
    return value if isinstance(value, dict) else {}


def arr(value: object) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []
