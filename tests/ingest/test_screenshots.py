"""Screenshots and photos: each image an item, hashed, with its EXIF or file-name time labelled."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from footprint.case import Case
from footprint.ingest.screenshots import NOT_READ
from footprint.pipeline import AddOptions, add_exhibit
from tests.heif import exif_record, heic


def _png(width: int = 10, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


def _jpeg(when: str | None, offset: str | None = None, make: str = "", model: str = "") -> bytes:
    out = io.BytesIO()
    exif = exif_record(when, offset, make, model)
    Image.new("RGB", (30, 40), (10, 10, 200)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_folder_of_screenshots_is_one_exhibit_of_image_items(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "Screenshots"
    folder.mkdir()
    (folder / "Screenshot_20240301-211400.png").write_bytes(_png())
    (folder / "photo.jpg").write_bytes(_jpeg("2024:07:01 09:30:00", "+01:00", "Google", "Pixel 7"))
    (folder / "other.jpg").write_bytes(_jpeg("2024:01:05 10:00:00"))
    (folder / "IMG_0001.HEIC").write_bytes(heic(None))
    (folder / ".DS_Store").write_bytes(b"junk")
    result = add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert (result.parser, result.parser_version, result.items_by_kind) == ("screenshots", 7, {"image": 4})
    assert result.decisions["text"] == NOT_READ
    assert result.decisions["times"] == (
        "EXIF DateTimeOriginal (when it was taken): 1 image(s); EXIF DateTimeOriginal (when it was taken),"
        " read in Europe/London: 1 image(s); none (no EXIF time, no time in the file's name): 1 image(s);"
        " the file's name, read in Europe/London: 1 image(s)"
    )
    items = {i.locator: i for i in case.store.iter_items()}
    shot = items["Screenshot_20240301-211400.png"]
    assert (shot.kind, shot.text, shot.sent_at_raw, shot.sent_at_utc, shot.tz_source) == (
        "image", "", "Screenshot_20240301-211400", "2024-03-01T21:14:00Z", "examiner"
    )  # fmt: skip
    assert shot.details == {
        "image_format": "PNG",
        "size": "10x20",
        "text": "not read",
        "time_source": "the file's name, read in Europe/London",
    }
    (attachment,) = shot.attachments
    assert attachment.sha256 == hashlib.sha256(_png()).hexdigest()
    assert case.vault.path(attachment.sha256).read_bytes() == _png()
    photo = items["photo.jpg"]
    assert (photo.sent_at_raw, photo.sent_at_utc, photo.tz_source) == (
        "2024:07:01 09:30:00 +01:00", "2024-07-01T08:30:00Z", "platform"
    )  # fmt: skip
    assert photo.details["device"] == "Google Pixel 7"
    assert items["other.jpg"].sent_at_utc == "2024-01-05T10:00:00Z"
    photo_heic = items["IMG_0001.HEIC"]  # was: a warning that its size, time and device were not read
    assert (photo_heic.sent_at_utc, photo_heic.details["image_format"], photo_heic.details["size"]) == (
        None, "HEIC", "4032x3024"
    )  # fmt: skip
    assert [w.message for w in case.store.warnings()] == []


def test_one_image_alone_and_a_zip_of_images(case: Case, tmp_path: Path) -> None:
    one = tmp_path / "Screenshot_20240302-211410.png"
    one.write_bytes(_png(5, 5))
    result = add_exhibit(case, one, AddOptions(producer="Jane Doe"))
    assert (result.parser, result.items_by_kind) == ("screenshots", {"image": 1})
    packed = tmp_path / "shots.zip"
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("a/Screenshot_20240303-211420.png", _png(6, 6))
        z.writestr("b.jpeg", _jpeg(None))
    result = add_exhibit(case, packed, AddOptions(producer="Jane Doe"))
    assert (result.ref, result.parser, result.items_by_kind) == ("JD/2", "screenshots", {"image": 2})
    assert [i.locator for i in case.store.iter_items("JD/2")] == [
        "a/Screenshot_20240303-211420.png",
        "b.jpeg",
    ]


def test_a_zip_with_a_chat_and_photos_is_still_a_whatsapp_export(case: Case, tmp_path: Path) -> None:
    packed = tmp_path / "WhatsApp Chat - Alex.zip"
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("_chat.txt", "[22/03/2024, 21:14:05] Alex: hello <attached: 00000001-PHOTO.jpg>\n")
        z.writestr("00000001-PHOTO.jpg", _jpeg(None))
    assert add_exhibit(case, packed, AddOptions(producer="Jane Doe")).parser == "whatsapp"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "its 48 bytes are not a complete image: get the original file"),
        (
            b"\xff\xd8\xff\xe0broken",
            "the file ends before its image does, after 10 bytes: get the original file",
        ),
    ],
)
def test_a_damaged_image_is_kept_hashed_and_warned_of(
    case: Case, tmp_path: Path, data: bytes, why: str
) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(data)
    result = add_exhibit(case, bad, AddOptions(producer="Jane Doe"))
    assert (result.items_by_kind, result.warnings) == ({"image": 1}, 1)
    (warning,) = case.store.warnings()
    # Pillow's own words had been passed on: "(UnidentifiedImageError: cannot identify image file
    # <_io.BytesIO object at 0x7fd9…>)"
    assert warning.message == f"not read as an image ({why}); it is kept and hashed"


def test_a_camera_s_empty_exif_time_falls_back_to_the_file_name(case: Case, tmp_path: Path) -> None:
    shot = tmp_path / "Screenshot_20240304-101500.jpg"
    shot.write_bytes(_jpeg("0000:00:00 00:00:00"))
    add_exhibit(case, shot, AddOptions(producer="Jane Doe"))
    (item,) = case.store.iter_items()
    assert (item.sent_at_utc, item.details["time_source"]) == (
        "2024-03-04T10:15:00Z",
        "the file's name, read in Europe/London",
    )


LATE = "more than 2 days after this exhibit was added (a clock or zone set wrong)"
EARLY = "before 01/01/1990 (older than EXIF itself: a clock never set)"
TAKEN = "EXIF DateTimeOriginal (when it was taken)"
NAMED = "the file's name, read in Europe/London"
NAMED_USED = "the time in its file's name (Screenshot_20240304-101500) is used"


def _soon(days: float) -> str:
    """An EXIF time (UTC) ``days`` from now."""
    return f"{datetime.now(UTC) + timedelta(days=days):%Y:%m:%d %H:%M:%S}"


@pytest.mark.parametrize(
    ("when", "offset", "source", "warning"),
    [
        # was: "could not be read (ValueError: offset must be a timedelta strictly between …)" for the whole exhibit
        ("2024:03:04 10:15:00", "+99:00", f"{TAKEN}, read in Europe/London (its offset +99:00 is no real one)",
         None),
        # was: OverflowError: date value out of range; then used silently or dropped without a warning
        ("9999:12:31 23:59:59", "-10:00", f"{NAMED} (its {TAKEN} is {LATE}, not used)",
         f"its {TAKEN} '9999:12:31 23:59:59 -10:00' is {LATE}: not used as the image's time; {NAMED_USED}"),
        ("0001:01:01 00:00:00", "+10:00", f"{NAMED} (its {TAKEN} is {EARLY}, not used)",
         f"its {TAKEN} '0001:01:01 00:00:00 +10:00' is {EARLY}: not used as the image's time; {NAMED_USED}"),
        # new-code review 4: a time after the add, or before phones wrote EXIF, was used silently
        ("2099:01:01 12:00:00", "+00:00", f"{NAMED} (its {TAKEN} is {LATE}, not used)",
         f"its {TAKEN} '2099:01:01 12:00:00 +00:00' is {LATE}: not used as the image's time; {NAMED_USED}"),
        ("1989:12:31 23:00:00", "", f"{NAMED} (its {TAKEN} is {EARLY}, not used)",
         f"its {TAKEN} '1989:12:31 23:00:00' is {EARLY}: not used as the image's time; {NAMED_USED}"),
    ],
)  # fmt: skip
def test_an_exif_time_or_offset_out_of_range_is_not_used(
    case: Case, tmp_path: Path, when: str, offset: str, source: str, warning: str | None
) -> None:
    shot = tmp_path / "Screenshot_20240304-101500.jpg"
    shot.write_bytes(_jpeg(when, offset))
    add_exhibit(case, shot, AddOptions(producer="Jane Doe"))
    (item,) = case.store.iter_items()
    assert (item.sent_at_utc, item.details["time_source"]) == ("2024-03-04T10:15:00Z", source)
    said = [(w.locator, w.message) for w in case.store.warnings()]
    assert said == ([(shot.name, warning)] if warning else [])


def test_a_future_time_with_no_file_name_time_leaves_the_image_without_one(
    case: Case, tmp_path: Path
) -> None:
    packed = tmp_path / "shots.zip"
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("c/future.jpg", _jpeg("2099:01:01 12:00:00", "+00:00"))
        z.writestr("c/Screenshot_20990101-120000.jpg", _jpeg(None))
        z.writestr("c/good.jpg", _jpeg("2024:03:01 21:14:00", "+00:00"))
    add_exhibit(case, packed, AddOptions(producer="Jane Doe"))
    items = {i.locator: i for i in case.store.iter_items()}
    assert {k: (i.sent_at_raw, i.sent_at_utc, i.tz_source, i.details["time_source"]) for k, i in items.items()} == {
        "c/future.jpg": (None, None, "none", f"none (its {TAKEN} is {LATE}, not used)"),
        "c/Screenshot_20990101-120000.jpg": (
            None, None, "none", f"none (the time in its file's name is {LATE}, not used)"
        ),
        "c/good.jpg": ("2024:03:01 21:14:00 +00:00", "2024-03-01T21:14:00Z", "platform", TAKEN),
    }  # fmt: skip
    assert [(w.locator, w.message) for w in case.store.warnings()] == [
        ("c/Screenshot_20990101-120000.jpg", f"the time in its file's name 'Screenshot_20990101-120000' is {LATE}:"
         " not used as the image's time; the image has no time"),
        ("c/future.jpg", f"its {TAKEN} '2099:01:01 12:00:00 +00:00' is {LATE}: not used as the image's time;"
         " the image has no time"),
    ]  # fmt: skip


@pytest.mark.parametrize(("days", "used"), [(1.5, True), (2.5, False)])
def test_a_time_after_the_add_is_allowed_two_days_for_a_wrong_clock(
    case: Case, tmp_path: Path, days: float, used: bool
) -> None:
    shot = tmp_path / "photo.jpg"
    when = _soon(days)
    shot.write_bytes(_jpeg(when, "+00:00"))
    add_exhibit(case, shot, AddOptions(producer="Jane Doe"))
    (item,) = case.store.iter_items()
    assert (item.sent_at_raw is not None, len(case.store.warnings())) == (used, 0 if used else 1)


def test_damaged_exif_is_an_exhibit_warning_not_a_python_warning(
    case: Case, tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    # was: Pillow's "Corrupt EXIF data" went to stderr and the exhibit said "0 warnings"
    shot = tmp_path / "Screenshot_20240304-101500.jpg"
    truncated = (
        b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x05\x01\x0f\x00\x02\xff\xff\xff\xff\x00\x00\x00\x10"
    )
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "JPEG", exif=truncated)
    shot.write_bytes(out.getvalue())
    add_exhibit(case, shot, AddOptions(producer="Jane Doe"))
    said = [w.message for w in case.store.warnings()]
    assert said == [
        "image metadata damaged (Tag data larger than file. Skipping tag 271); what could be read is kept",
        "image metadata damaged (Corrupt EXIF data.  Expecting to read 12 bytes but only got 0. ); what could be"
        " read is kept",
    ]
    assert not [w for w in recwarn if "EXIF" in str(w.message)]
