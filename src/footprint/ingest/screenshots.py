"""Screenshots and photos: one PNG, JPEG, TIFF or HEIC image, or a folder or zip holding only images.

Each image becomes one ``image`` item carrying the image itself as its attachment (hashed and kept in the
vault, so `images match` can compare it). Its time is read, and labelled, from the image's EXIF record
(the time it was taken, with its offset when the phone wrote one) or else from a phone's file name
(``Screenshot_20240301-211400.png``); the camera or phone model from EXIF when present, and where it was
taken from its EXIF GPS record (``exif_gps``: each bad value a warning naming its tag). Nothing reads the
text in an image (no text recognition runs offline here): what a screenshot shows is described by a
person, with `footprint record`. Pillow reads only the header (size and EXIF), never decodes the pixels;
a HEIC image's size and EXIF record are read from its boxes (``heif_meta``), its EXIF record then read by
Pillow as a JPEG's is; its pixels cannot be decoded here.
"""

from __future__ import annotations

import re
import struct
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from pathlib import PurePosixPath

from PIL import Image, UnidentifiedImageError

from footprint.errors import ParseError
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.exif_gps import GPS_IFD, GpsRead, location_words, read_gps
from footprint.ingest.heif_meta import HeifDamaged, read_heif
from footprint.ingest.source import Source, system_file
from footprint.model import ParsedAttachment, ParsedItem
from footprint.times import iso_utc, local_to_utc, zone

KIND = "image"
MAX_PIXELS = 80_000_000  # as `images match`: larger is refused as a possible decompression bomb
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG", "image/png"),
    (b"\xff\xd8\xff", "JPEG", "image/jpeg"),
    (b"II*\x00", "TIFF", "image/tiff"),
    (b"MM\x00*", "TIFF", "image/tiff"),
)
_HEIC_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".heic", ".heif"})
# the EXIF tags read: the sub-IFD holding the times, the times and their offsets, the device
_EXIF_IFD = 0x8769
_TIMES = ((36867, 36881, "EXIF DateTimeOriginal (when it was taken)"),
          (36868, 36882, "EXIF DateTimeDigitized"))  # fmt: skip
_CHANGED = (306, 36880, "EXIF DateTime (when the file was last changed)")
_MAKE, _MODEL = 271, 272
_EXIF_TIME = re.compile(r"^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")
_MAX_OFFSET_HOURS = 14  # UTC+14:00 (Kiribati) is the furthest any zone is from UTC
#: an image time before this (UTC) is not used: older than JPEG and EXIF themselves, and where a camera
#: whose clock was never set starts (1970-01-01, 1980-01-01)
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
#: an image time later than the moment its exhibit is added by more than this is not used: a day for a
#: time with no offset read in the wrong zone (up to 26 hours), a day more for a phone's clock set wrong
LATER_BY = timedelta(days=2)
# a phone's or computer's own name for a screenshot or photo: Screenshot_20240301-211400.png,
# Screenshot_2024-03-01-21-14-00-123_com.whatsapp.jpg, Screenshot 2024-03-01 at 21.14.00.png,
# IMG_20240301_211400.jpg
_NAMED_TIME = re.compile(
    r"(?:screenshot|screen shot|img|pxl|photo)[ _-]*(20\d\d)-?(\d\d)-?(\d\d)[ _-](?:at )?"
    r"(\d\d)[.:-]?(\d\d)[.:-]?(\d\d)",
    re.IGNORECASE,
)
NOT_READ = (
    "not read (no text reader runs offline here): describe what each image shows with `footprint record`"
    " on its item (`footprint items --json` gives the ids)"
)


def image_type(head: bytes) -> tuple[str, str] | None:
    """The image format and MIME type the first bytes show (PNG, JPEG, TIFF, HEIC), or None."""
    for signature, name, mime in _SIGNATURES:
        if head.startswith(signature):
            return name, mime
    if head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS:
        return "HEIC", "image/heic"
    return None


@parsers.register
class ScreenshotsParser(Parser):
    """Screenshots and photos (PNG, JPEG, TIFF, HEIC): each image an item, hashed, with its EXIF time,
    device and GPS location."""

    name = "screenshots"
    version = 7  # 4: EXIF GPS read; TIFF images. 5: a HEIC box naming missing properties over and over is
    # one warning, read within bounds. 6: a GPS time's fraction of a second cut to milliseconds (59.9996 s
    # was written ".1000"). 7: an image that is not whole is warned of in words, not Pillow's (which named
    # its own buffer object)
    description = "screenshots or photos: a PNG, JPEG, TIFF or HEIC image, or a folder or zip of them"
    format_name = "images"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if not source.is_zip:
            found = image_type(source.head)
            return SniffResult(0.95, f"{found[0]} image") if found else NO
        members = _images(source)
        if members is None:
            return NO
        return SniffResult(0.9, f"zip or folder of {len(members)} image(s) and nothing else")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        sources: Counter[str] = Counter()
        added = datetime.now(UTC)  # an image's time after this (and LATER_BY) is not used
        if not source.is_zip:
            data = source.read_bytes()
            yield self._item(source.name, None, data, ctx, sources, added)
        else:
            members = _images(source) or []
            if not members:
                raise ParseError(
                    "holds no PNG, JPEG, TIFF or HEIC image; add the images themselves", source=source.name
                )
            for member in members:
                yield self._item(member, member, source.read_member(member), ctx, sources, added)
        ctx.decide("times", "; ".join(f"{how}: {n:,} image(s)" for how, n in sorted(sources.items())))
        ctx.decide("text", NOT_READ)

    def _item(
        self,
        name: str,
        member: str | None,
        data: bytes,
        ctx: ParseContext,
        sources: Counter[str],
        added: datetime,
    ) -> ParsedItem:
        found = image_type(data[:16])
        kind, mime = found if found else ("unknown", "application/octet-stream")
        details: dict[str, str] = {"image_format": kind, "text": "not read"}
        facts = [f"{kind} image", f"{len(data):,} bytes"]
        exif: dict[str, str] = {}
        gps: dict[str, str] = {}
        opened = _heif_header(data) if kind == "HEIC" else _header(data)
        if isinstance(opened, str):
            ctx.warn(name, f"not read as an image ({opened}); it is kept and hashed", name)
        else:
            exif = opened.exif
            for said in opened.damage:  # a damaged EXIF block or box: what could be read is used
                ctx.warn(name, f"image metadata damaged ({said}); what could be read is kept", name)
            gps = opened.gps.details
            for said in opened.gps.problems:  # a bad GPS value: what rests on it is not kept
                ctx.warn(name, said, name)
            if opened.size is not None:
                width, height = opened.size
                details["size"] = f"{width}x{height}"
                facts.append(f"{width}x{height} pixels{opened.shown}")
        sent_raw, sent_utc, tz_source, tz_name, how = _when(name, exif, ctx, added)
        details["time_source"] = how
        sources[how] += 1
        if exif.get("device"):
            details["device"] = exif["device"]
            facts.append(f"device {exif['device']}")
        details.update(gps)
        if words := location_words(gps):
            facts.append(f"location {words}")
        facts.append(f"time: {how}")
        return ParsedItem(
            locator=name,
            kind=KIND,
            raw=f"{name}: " + "; ".join(facts),
            text="",
            sent_at_raw=sent_raw,
            sent_at_utc=sent_utc,
            tz_source=tz_source,
            tz_name=tz_name,
            attachments=(ParsedAttachment(PurePosixPath(name).name, member, mime, None if member else data),),
            details=details,
        )


def _images(source: Source) -> list[str] | None:
    """An archive's images, sorted, when it holds images and nothing else but system files; else None."""
    kept = [m for m in source.members() if not system_file(m)]
    if not kept or any(PurePosixPath(m).suffix.lower() not in _SUFFIXES for m in kept):
        return None
    if any(image_type(source.member_head(m, 16)) is None for m in kept):
        return None
    return sorted(kept)


@dataclass(frozen=True)
class _Opened:
    """What an image's header gives: its size (None when its HEIC boxes do not say), EXIF facts, what its
    reader said was damaged, its GPS record's details and problems, and how a HEIC's boxes turn or mirror
    it ("" when they do not)."""

    size: tuple[int, int] | None
    exif: dict[str, str]
    damage: list[str]
    gps: GpsRead
    shown: str = ""


# a HEIF irot box's turn (degrees anticlockwise), as a reader would say it
_TURNS = {90: "turned 90° anticlockwise", 180: "turned 180°", 270: "turned 90° clockwise"}
# what Pillow raises on a damaged image or EXIF record (anything else is a bug)
_DAMAGED = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError,
            KeyError, ZeroDivisionError, struct.error, Image.DecompressionBombError,
            Image.DecompressionBombWarning)  # fmt: skip


@contextmanager
def _warnings_kept(damage: list[str]) -> Iterator[None]:
    """Pillow's Python warnings (a damaged EXIF record) added to ``damage``, once each, not printed; a
    decompression bomb's warning raised."""
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        finally:
            damage.extend(m for m in dict.fromkeys(str(w.message)[:200] for w in said) if m not in damage)


def _header(data: bytes) -> _Opened | str:
    """The image's size, EXIF facts and what its reader said was damaged, from its header (pixels never
    decoded), or why it cannot be read."""
    damage: list[str] = []
    try:
        with _warnings_kept(damage), Image.open(BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return f"{image.width}x{image.height} pixels, more than Footprint opens"
            exif = image.getexif()
            facts = _exif(exif)
            gps = _gps(exif, damage)
            size = image.size
    except UnidentifiedImageError:  # Pillow names its own buffer: "cannot identify image file <_io.BytesIO…>"
        return f"its {len(data):,} bytes are not a complete image: get the original file"
    except _DAMAGED as exc:
        if isinstance(exc, OSError) and "truncated" in str(exc).lower():
            return f"the file ends before its image does, after {len(data):,} bytes: get the original file"
        return f"{type(exc).__name__}: {str(exc)[:100]}"
    return _Opened(size, facts, damage, gps)


def _heif_header(data: bytes) -> _Opened | str:
    """A HEIC image's size (as shown: its ``irot`` turn applied), EXIF facts and damage, from its boxes
    (pixels never decoded), or why its boxes cannot be read (naming the box)."""
    try:
        heif = read_heif(data)
    except HeifDamaged as exc:
        return str(exc)
    damage = list(heif.damage)
    facts: dict[str, str] = {}
    gps = _NO_GPS
    if heif.exif is not None:
        exif = Image.Exif()
        try:
            with _warnings_kept(damage):
                exif.load(heif.exif)  # the TIFF record a JPEG's APP1 segment holds
                facts = _exif(exif)
                gps = _gps(exif, damage)
        except _DAMAGED as exc:
            damage.append(f"its EXIF record: {type(exc).__name__}: {str(exc)[:100]}")
    shown = [f"stored {heif.stored[0]}x{heif.stored[1]}"] if heif.turned and heif.stored else []
    shown += [_TURNS[heif.turned]] if heif.turned else []
    shown += [f"mirrored {heif.mirrored}"] if heif.mirrored else []
    return _Opened(heif.size, facts, damage, gps, f" ({', '.join(shown)}, as its boxes say)" if shown else "")


def _exif(exif: Image.Exif) -> dict[str, str]:
    """The EXIF time (with its tag's label and offset) and device, when the record carries them."""
    tags = {**dict(exif), **dict(exif.get_ifd(_EXIF_IFD))}
    out: dict[str, str] = {}
    for when, offset, label in (*_TIMES, _CHANGED):
        value = tags.get(when)
        if isinstance(value, str) and _EXIF_TIME.match(value.strip()):
            out.update(time=value.strip(), label=label, offset=str(tags.get(offset) or "").strip())
            break
    device = " ".join(str(tags[t]).strip("\x00 ") for t in (_MAKE, _MODEL) if tags.get(t))
    if device.strip():
        out["device"] = device.strip()
    return out


_NO_GPS = GpsRead({}, ())


def _gps(exif: Image.Exif, damage: list[str]) -> GpsRead:
    """What the EXIF record's GPS record gives; a GPS record Pillow cannot read is added to ``damage``
    (the size, time and device read before it are kept)."""
    try:
        tags = exif.get_ifd(GPS_IFD)
    except _DAMAGED as exc:
        damage.append(f"its EXIF GPS record: {type(exc).__name__}: {str(exc)[:100]}")
        return _NO_GPS
    return read_gps(tags) if tags else _NO_GPS


def _when(
    name: str, exif: dict[str, str], ctx: ParseContext, added: datetime
) -> tuple[str | None, str | None, str, str | None, str]:
    """(raw time, UTC time, zone source, zone name, where the time came from) of one image (``name``: its
    file's or zip member's): its EXIF time, else its file name's; one before EARLIEST or after
    ``added`` (and LATER_BY) is not used, and a warning gives it."""
    refused: list[tuple[str, str, _Refused]] = []  # what was not used: its name, raw value and why
    m = _EXIF_TIME.match(exif.get("time", ""))
    local = _valid(m)
    if m is not None and local is not None:  # "0000:00:00 00:00:00" is a camera's "no time"
        o = _OFFSET.match(exif["offset"])
        if (
            o is not None
            and (int(o.group(2)), int(o.group(3))) <= (_MAX_OFFSET_HOURS, 0)
            and int(o.group(3)) < 60
        ):
            sign = 1 if o.group(1) == "+" else -1
            offset = timezone(sign * timedelta(hours=int(o.group(2)), minutes=int(o.group(3))))
            raw = f"{exif['time']} {exif['offset']}"
            utc = _checked(local, lambda t: iso_utc(t.replace(tzinfo=offset)), added)
            if not isinstance(utc, _Refused):
                return raw, utc, "platform", None, exif["label"]
        else:
            raw = exif["time"]
            utc = _checked(local, lambda t: local_to_utc(t, zone(ctx.zone))[0], added)
            if not isinstance(utc, _Refused):
                bad = f" (its offset {exif['offset']} is no real one)" if o is not None else ""
                return raw, utc, ctx.tz_source, ctx.zone, f"{exif['label']}, read in {ctx.zone}{bad}"
        refused.append((f"its {exif['label']}", raw, utc))
    n = _NAMED_TIME.search(PurePosixPath(name).name)
    named = _valid(n)
    if n is not None and named is not None:
        utc = _checked(named, lambda t: local_to_utc(t, zone(ctx.zone))[0], added)
        if not isinstance(utc, _Refused):
            how = f"the file's name, read in {ctx.zone}"
            if refused:
                _warn_refused(ctx, name, refused, f"the time in its file's name ({n.group(0)}) is used")
                how += f" ({_why_not(refused)})"
            return n.group(0), utc, ctx.tz_source, ctx.zone, how
        refused.append(("the time in its file's name", n.group(0), utc))
    if refused:
        _warn_refused(ctx, name, refused, "the image has no time")
        return None, None, ctx.tz_source, None, f"none ({_why_not(refused)})"
    return None, None, ctx.tz_source, None, "none (no EXIF time, no time in the file's name)"


@dataclass(frozen=True)
class _Refused:
    """Why an image's time is not used."""

    why: str


def _checked(local: datetime, to_utc: Callable[[datetime], str], added: datetime) -> str | _Refused:
    """The ISO UTC time ``to_utc`` gives ``local``, or why it is not used: before EARLIEST, or after
    ``added`` and LATER_BY. ``local`` is compared first, a day (more than any offset) wider, so that a
    year 1 or 9999 is never converted (it would overflow)."""
    latest = added + LATER_BY
    early = f"before {EARLIEST:%d/%m/%Y} (older than EXIF itself: a clock never set)"
    late = f"more than {LATER_BY.days} days after this exhibit was added (a clock or zone set wrong)"
    day = timedelta(days=1)
    if local < EARLIEST.replace(tzinfo=None) - day:
        return _Refused(early)
    if local > latest.replace(tzinfo=None) + day:
        return _Refused(late)
    utc = to_utc(local)
    at = datetime.fromisoformat(utc)
    if at < EARLIEST:
        return _Refused(early)
    if at > latest:
        return _Refused(late)
    return utc


def _warn_refused(
    ctx: ParseContext, name: str, refused: list[tuple[str, str, _Refused]], instead: str
) -> None:
    """The exhibit warning for an image whose times were not used, each with its raw value."""
    said = "; ".join(f"{what} {raw!r} is {r.why}" for what, raw, r in refused)
    ctx.warn(name, f"{said}: not used as the image's time; {instead}", name)


def _why_not(refused: list[tuple[str, str, _Refused]]) -> str:
    """Why an image's times were not used, without their values (an item's ``time_source``)."""
    return "; ".join(f"{what} is {r.why}, not used" for what, _raw, r in refused)


def _valid(m: re.Match[str] | None) -> datetime | None:
    """The naive time a match's six groups (year, month, day, hour, minute, second) give, if a real one."""
    if m is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
