"""HEIF/HEIC boxes: the main image's size, turn and mirror and its EXIF record, read without decoding, and
every damaged, looping or oversized box a warning naming it, never a crash nor a hang."""

from __future__ import annotations

import io
import re
import time
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, features

from footprint.ingest.heif_meta import MAX_BOXES, HeifDamaged, HeifMeta, read_heif
from footprint.ingest.screenshots import _heif_header
from tests.heif import Layout, box, exif_record, full, heic

EXIF = exif_record("2024:07:01 09:30:00", "+01:00", "Apple", "iPhone 15 Pro")
TIFF = EXIF.removeprefix(b"Exif\x00\x00")
GOOD = heic(EXIF)
META = GOOD.index(b"meta") - 4  # byte 28, after the 28-byte ftyp


@pytest.mark.parametrize(
    "layout",
    [
        Layout(),  # as an iPhone writes it: iloc version 1, 4-byte offsets and lengths
        Layout(iloc_version=0, sizes=(8, 8, 4)),  # version 0 (no construction method), 8-byte fields
        Layout(iloc_version=2, extents=3),  # version 2 (4-byte item ids), the Exif item in 3 pieces
        Layout(in_idat=True),  # the Exif item inside the meta box's idat (construction method 1)
        Layout(describes=False),  # no iref: the only Exif item is taken
        Layout(brand=b"mif1"),
    ],
)
def test_each_layout_gives_the_size_and_the_exif_tiff_record(layout: Layout) -> None:
    assert read_heif(heic(EXIF, layout)) == HeifMeta((4032, 3024), 0, "", TIFF, ())


def test_a_turn_swaps_the_size_shown_and_a_mirror_is_said() -> None:
    meta = read_heif(heic(EXIF, Layout(turn=3, mirror=0)))
    assert (meta.stored, meta.size, meta.turned, meta.mirrored) == (
        (4032, 3024),
        (3024, 4032),
        270,
        "left to right",
    )
    assert read_heif(heic(EXIF, Layout(turn=2, mirror=1))).size == (4032, 3024)


def test_no_exif_item_is_no_record_and_no_damage() -> None:
    assert read_heif(heic(None)) == HeifMeta((4032, 3024), 0, "", None, ())


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow cannot write AVIF (libavif)")
def test_a_file_another_writer_made_is_read_the_same() -> None:
    # libavif (through Pillow) writes the same HEIF boxes an iPhone does, with its own layout; EXIF
    # orientation 6 (turn 90 degrees clockwise) becomes irot 3 (270 anticlockwise)
    exif = Image.Exif()
    exif[271], exif[272], exif[274] = "Apple", "iPhone 15 Pro", 6
    out = io.BytesIO()
    Image.new("RGB", (30, 20)).save(out, "AVIF", exif=exif.tobytes())
    meta = read_heif(out.getvalue())
    assert (meta.stored, meta.size, meta.turned, meta.damage) == ((30, 20), (20, 30), 270, ())
    assert meta.exif is not None
    read = Image.Exif()
    read.load(meta.exif)
    assert (read[271], read[272]) == ("Apple", "iPhone 15 Pro")


def _at(offset: int, data: bytes, into: bytes = GOOD) -> bytes:
    return into[:offset] + data + into[offset:]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD[:10], "the ftyp box at byte 0 says it is 28 bytes, but only 10 remain at the top level"),
        (GOOD[:300], "the meta box at byte 28 says it is 277 bytes, but only 272 remain at the top level"),
        (GOOD[:META] + b"\x00\x00\x00\x00free", "no meta box, which lists the images and their EXIF record"),
        (GOOD[:META] + b"\x00\x00\x00", "3 stray byte(s) at byte 28 at the top level, too few for a box"),
        (_at(META, b"\x00\x00\x00\x04free"), "the free box at byte 28 says it is 4 bytes, less than its header"),
        (_at(META, b"\x00\x00\x00\x01free" + (2**63).to_bytes(8, "big")),
         "the free box at byte 28 says it is 9,223,372,036,854,775,808 bytes, but only 459 remain at the top level"),
        (_at(META, b"\x00\x00\x00\x01free"), "the free box at byte 28 says it is 1,191,541,306,465 bytes, but"
         " only 451 remain at the top level"),  # a 64-bit size cut short reads the next box's bytes as its size
        (GOOD[:META] + b"\x00\x00\x00\x08free" * (MAX_BOXES + 1),
         f"more than {MAX_BOXES:,} boxes (at byte 80,020): read no further"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64,  # a header and nothing more
         "no meta box, which lists the images and their EXIF record"),
        (_at(META, b"\xff\xff\xff\xffmeta"),  # a box typed as no printable text is named by its hex
         "the meta box at byte 28 says it is 4,294,967,295 bytes, but only 451 remain at the top level"),
        (_at(META, b"\x00\x00\x10\x00\x00\x01\x02\x03"),
         "the 0x00010203 box at byte 28 says it is 4,096 bytes, but only 451 remain at the top level"),
    ],
)  # fmt: skip
def test_a_damaged_top_level_says_which_box(data: bytes, message: str) -> None:
    with pytest.raises(HeifDamaged) as raised:
        read_heif(data)
    assert str(raised.value) == message


ILOC_MANY = full(b"iloc", b"\x00\x00" + b"\x00\x02" + (b"\x00\x01\x00\x00" + b"\x17\x70") * 2)  # 2 x 6,000
ILOC_HUGE = full(b"iloc", b"\x44\x00\xff\xff")  # 65,535 items claimed, none there
IPMA_BAD = box(
    b"iprp", box(b"ipco", full(b"ispe", b"\x00" * 8)) + full(b"ipma", b"\x00\x00\x00\x01\x00\x01\x01\x09")
)


@pytest.mark.parametrize(
    ("layout", "stored", "damage"),
    [
        (Layout(swap=((b"iloc", ILOC_MANY),)), (4032, 3024),
         "the meta/iloc box at byte 143 gives more than 10,000 extents, more than Footprint reads"),
        (Layout(swap=((b"iloc", ILOC_HUGE),)), (4032, 3024),
         "the meta/iloc box at byte 143 says it holds 65,535 items, more than Footprint reads (10,000)"),
        (Layout(swap=((b"iloc", full(b"iloc", b"\x34\x00\x00\x01")),)), (4032, 3024),
         "the meta/iloc box at byte 143 gives a field size of 3 bytes (only 0, 4 and 8 are allowed)"),
        (Layout(swap=((b"iloc", full(b"iloc", b"", version=3)),)), (4032, 3024),
         "the meta/iloc box at byte 143 is version 3, which Footprint does not know (0 to 2)"),
        (Layout(swap=((b"iloc", full(b"iloc", b"\x44\x00\x00\x02\x00\x01")),)), (4032, 3024),
         "the meta/iloc box at byte 143 ends early (at byte 161)"),
        (Layout(swap=((b"iprp", IPMA_BAD),)), None,
         "the ipma box gives the main image property 9, but ipco holds 1"),
        (Layout(swap=((b"pitm", b""),)), None, "no pitm box names the main image, so its size is not read"),
        (Layout(exif_method=2), (4032, 3024), "the iloc box builds item 2 (Exif) from another item"
         " (construction method 2), which is not read"),
        (Layout(exif_file=1), (4032, 3024), "the iloc box puts item 2 (Exif) in another file, which is not read"),
        (Layout(in_idat=True, swap=((b"idat", b""),)), (4032, 3024),
         "the iloc box puts item 2 (Exif) in an idat box, but there is none"),
    ],
)  # fmt: skip
def test_a_damaged_box_inside_meta_is_said_and_the_rest_kept(
    layout: Layout, stored: tuple[int, int] | None, damage: str
) -> None:
    meta = read_heif(heic(EXIF, layout))
    assert meta.stored == stored
    assert damage in meta.damage
    assert (meta.exif is None) == ("Exif" in damage or "iloc" in damage)


def test_the_exif_item_s_own_offset_and_extents_are_checked() -> None:
    beyond = read_heif(GOOD[:-30])
    assert (beyond.stored, beyond.exif) == ((4032, 3024), None)
    assert beyond.damage == (
        "the iloc box puts item 2 (Exif) at bytes 333 to 471, beyond the file's 441 bytes",
    )
    wrong = read_heif(heic(None, exif_payload=(500).to_bytes(4, "big") + EXIF))
    assert wrong.damage == ("the Exif item (item 2) has no TIFF header where it says (byte 504 of its 138)",)
    short = read_heif(heic(None, exif_payload=b"\x00\x00"))
    assert short.damage == ("the Exif item (item 2) is 2 byte(s), too short for its TIFF header's offset",)
    bare = read_heif(heic(None, exif_payload=b"\x00\x00\x00\x00" + TIFF))  # no "Exif\0\0": offset 0
    assert bare.exif == TIFF


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_damage_is_said_never_a_crash_nor_a_hang(data: st.DataObject) -> None:
    # through the screenshots parser's reading of a HEIC, so that Pillow's reading of a damaged EXIF
    # record is covered too
    base = data.draw(st.sampled_from([GOOD, heic(EXIF, Layout(iloc_version=2, extents=3, turn=1))]))
    damaged = bytearray(base)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(
            st.sampled_from([0x00, 0x01, 0x08, 0x7F, 0xFF, data.draw(st.integers(0, 255))])
        )
    damaged = damaged[: data.draw(st.integers(0, len(damaged)))]
    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Python warning escaping would be printed, not an exhibit warning
        opened = _heif_header(bytes(damaged))
    assert time.monotonic() - started < 1
    if isinstance(opened, str):
        assert opened
        with pytest.raises(HeifDamaged, match=re.escape(opened)):
            read_heif(bytes(damaged))
    else:
        assert all(opened.damage) and set(opened.exif) <= {"time", "label", "offset", "device"}


def test_an_ipma_box_naming_missing_properties_over_and_over_is_said_once_and_read_within_bounds() -> None:
    # 400 entries, each giving the main image 255 properties that are not there: 102,000 identical damage
    # lines (each a warning row in the case), and 53 s at 10,000 entries (newcode3 4)
    entries = b"".join(b"\x00\x01" + bytes([255]) + b"\x7f" * 255 for _ in range(400))
    ipma = full(b"ipma", (400).to_bytes(4, "big") + entries)
    iprp = box(b"iprp", box(b"ipco", full(b"ispe", (10).to_bytes(4, "big") * 2)) + ipma)
    meta = read_heif(heic(EXIF, Layout(swap=((b"iprp", iprp),))))
    assert meta.damage == (
        "the ipma box gives the main image 101,936 properties more than the 64 Footprint reads; those are"
        " not read",
        "the ipma box gives the main image property 127 (64 times), but ipco holds 1",
        "the main image (item 1) has no ispe property, so its size is not read",
    )
    assert meta.exif == TIFF  # the rest is still read
