"""HEIC photos (an iPhone's): their size, EXIF time and device read as a JPEG's are, from their boxes; a
damaged one a warning naming the file and the box, the original kept untouched in the vault."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from tests.heif import Layout, exif_record, heic, jpeg_with

EXIF = exif_record("2024:07:01 09:30:00", "+01:00", "Apple", "iPhone 15 Pro")
TAKEN = "EXIF DateTimeOriginal (when it was taken)"


def test_an_iphone_heic_gives_its_time_device_and_size_as_a_jpeg_does(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "IMG_0001.HEIC").write_bytes(heic(EXIF, Layout(turn=3)))  # a portrait photo: turned
    (folder / "IMG_0002.jpg").write_bytes(jpeg_with(EXIF))  # the same EXIF record in a JPEG
    result = add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert (result.parser, result.parser_version, result.warnings) == ("screenshots", 7, 0)
    assert result.decisions["times"] == f"{TAKEN}: 2 image(s)"
    items = {i.locator: i for i in case.store.iter_items()}
    photo, jpeg = items["IMG_0001.HEIC"], items["IMG_0002.jpg"]
    assert (photo.sent_at_raw, photo.sent_at_utc, photo.tz_source) == (
        "2024:07:01 09:30:00 +01:00", "2024-07-01T08:30:00Z", "platform"
    )  # fmt: skip
    assert photo.details == {
        "device": "Apple iPhone 15 Pro",
        "image_format": "HEIC",
        "size": "3024x4032",
        "text": "not read",
        "time_source": TAKEN,
    }
    assert {k: v for k, v in photo.details.items() if k not in ("image_format", "size")} == {
        k: v for k, v in jpeg.details.items() if k not in ("image_format", "size")
    }
    assert (jpeg.sent_at_raw, jpeg.sent_at_utc) == (photo.sent_at_raw, photo.sent_at_utc)
    size = len(heic(EXIF, Layout(turn=3)))
    assert photo.raw == (
        f"IMG_0001.HEIC: HEIC image; {size:,} bytes; 3024x4032 pixels (stored 4032x3024, turned 90°"
        f" clockwise, as its boxes say); device Apple iPhone 15 Pro; time: {TAKEN}"
    )
    (attachment,) = photo.attachments
    assert (attachment.name, attachment.mime) == ("IMG_0001.HEIC", "image/heic")


def test_a_damaged_heic_is_a_warning_naming_the_file_and_box_and_kept_untouched(
    case: Case, tmp_path: Path
) -> None:
    good = heic(EXIF)
    cut = good[:300]  # the meta box cut short
    beyond = good[:-30]  # the Exif item runs past the end of the file
    packed = tmp_path / "photos.zip"
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("IMG_0003.HEIC", cut)
        z.writestr("IMG_0004.HEIC", beyond)
    result = add_exhibit(case, packed, AddOptions(producer="Jane Doe"))
    assert (result.items_by_kind, result.warnings) == ({"image": 2}, 2)
    assert sorted((w.locator, w.message) for w in case.store.warnings()) == [
        ("IMG_0003.HEIC", "not read as an image (the meta box at byte 28 says it is 277 bytes, but only 272 remain"
         " at the top level); it is kept and hashed"),
        ("IMG_0004.HEIC", "image metadata damaged (the iloc box puts item 2 (Exif) at bytes 333 to 471, beyond the"
         " file's 441 bytes); what could be read is kept"),
    ]  # fmt: skip
    items = {i.locator: i for i in case.store.iter_items()}
    assert "size" not in items["IMG_0003.HEIC"].details
    assert (items["IMG_0004.HEIC"].details["size"], items["IMG_0004.HEIC"].sent_at_utc) == ("4032x3024", None)
    for name, data in (("IMG_0003.HEIC", cut), ("IMG_0004.HEIC", beyond)):
        (attachment,) = items[name].attachments
        assert attachment.sha256 == hashlib.sha256(data).hexdigest()
        assert case.vault.path(attachment.sha256).read_bytes() == data
