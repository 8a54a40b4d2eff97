"""Where a photo was taken: its EXIF GPS record read from a JPEG, a TIFF and a HEIC alike; every hostile
value a warning naming the image, the tag and the value as read, never a crash."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL.TiffImagePlugin import IFDRational

from footprint.case import Case
from footprint.ingest.exif_gps import location_words, read_gps
from footprint.pipeline import AddOptions, add_exhibit
from tests.exif_gps import (
    DOUBLE,
    SOUND,
    SOUND_DETAILS,
    SOUND_WORDS,
    SRATIONAL,
    Entry,
    at,
    gps_record,
    jpeg,
    rationals,
    text,
    tiff,
)
from tests.heif import exif_record, heic

TAKEN = "EXIF DateTimeOriginal (when it was taken)"


def test_a_jpeg_a_tiff_and_a_heic_give_the_same_location(case: Case, tmp_path: Path) -> None:
    record = exif_record("2026:01:02 13:04:00", "+00:00", "Apple", "iPhone 15", gps=SOUND)
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "IMG_0001.jpg").write_bytes(jpeg(record))
    (folder / "IMG_0002.tif").write_bytes(tiff(record))
    (folder / "IMG_0003.HEIC").write_bytes(heic(record))
    result = add_exhibit(case, folder, AddOptions(producer="Jane Doe"))
    assert (result.parser, result.parser_version, result.warnings) == ("screenshots", 7, 0)
    items = {i.locator: i for i in case.store.iter_items()}
    for name, kind, size in (("IMG_0001.jpg", "JPEG", "30x40"), ("IMG_0002.tif", "TIFF", "30x40"),
                             ("IMG_0003.HEIC", "HEIC", "4032x3024")):  # fmt: skip
        item = items[name]
        assert item.details == {
            "device": "Apple iPhone 15",
            "image_format": kind,
            "size": size,
            "text": "not read",
            "time_source": TAKEN,
            **SOUND_DETAILS,
        }
        assert f"; device Apple iPhone 15; location {SOUND_WORDS}; time: {TAKEN}" in item.raw
    (attachment,) = items["IMG_0002.tif"].attachments
    assert attachment.mime == "image/tiff"


def test_a_datum_other_than_wgs84_and_a_time_without_its_date_are_said() -> None:
    undated = {k: v for k, v in SOUND.items() if k != 29} | {18: "TOKYO", 7: (9.0, 30.0, IFDRational(55, 10))}
    read = read_gps(undated)
    assert read.problems == ()
    assert read.details["location_time_utc"] == "09:30:05.500Z"
    assert location_words(read.details) == (
        "52.123456, -1.234567 (altitude 45.2 m, ±10 m, GPS time 09:30:05.500 UTC, no GPS date,"
        " datum TOKYO as the record names it, not WGS-84)"
    )
    assert location_words({"location_altitude_m": "-3"}) == "no latitude and longitude (altitude -3 m)"
    assert location_words({"location_datum": "WGS-84"}) == ""


def test_a_gps_time_just_under_a_second_is_cut_to_milliseconds_never_rounded_up() -> None:
    # 59.9996 s was rounded to 1000 ms and written "59.1000"
    undated = {k: v for k, v in SOUND.items() if k != 29} | {7: (23.0, 59.0, IFDRational(599996, 10000))}
    read = read_gps(undated)
    assert read.details["location_time_utc"] == "23:59:59.999Z"
    assert "GPS time 23:59:59.999 UTC" in location_words(read.details)
    whole = {k: v for k, v in SOUND.items() if k != 29} | {7: (0.0, 0.0, IFDRational(9999, 10000))}
    assert read_gps(whole).details["location_time_utc"] == "00:00:00.999Z"


LON = at(4, rationals((1, 1), (14, 1), (4, 1)))
GOOD = [text(1, "N"), at(2, rationals((52, 1), (7, 1), (24, 1))), text(3, "W"), LON]


def _with(*replaced: Entry) -> list[Entry]:
    tags = {e[0] for e in replaced}
    return [e for e in GOOD if e[0] not in tags] + list(replaced)


NO_LOCATION = "no location kept"


@pytest.mark.parametrize(
    ("entries", "warning", "kept"),
    [
        (_with(at(2, rationals((52, 0), (7, 1), (24, 1)))),
         f"its EXIF GPSLatitude (GPS tag 2) (52/0, 7/1, 24/1) has a zero denominator: {NO_LOCATION}", {}),
        (_with((2, DOUBLE, 3, struct.pack("<ddd", float("nan"), 7, 24))),
         f"its EXIF GPSLatitude (GPS tag 2) (nan, 7.0, 24.0) is not a number: {NO_LOCATION}", {}),
        (_with(at(2, rationals((91, 1), (0, 1), (0, 1)))),
         f"its EXIF GPSLatitude (GPS tag 2) (91/1, 0/1, 0/1) is more than 90 degrees: {NO_LOCATION}", {}),
        (_with(at(4, rationals((4294967295, 1), (0, 1), (0, 1)))),
         f"its EXIF GPSLongitude (GPS tag 4) (4294967295/1, 0/1, 0/1) is more than 180 degrees: {NO_LOCATION}",
         {}),
        (_with(text(2, "52.1234")),
         f"its EXIF GPSLatitude (GPS tag 2) '52.1234' is text, not 3 number(s): {NO_LOCATION}", {}),
        (_with(at(2, rationals((52, 1), (7, 1)))),
         f"its EXIF GPSLatitude (GPS tag 2) (52/1, 7/1) holds 2 value(s), not 3: {NO_LOCATION}", {}),
        (_with((2, SRATIONAL, 3, struct.pack("<iiiiii", -52, 1, 7, 1, 24, 1))),
         f"its EXIF GPSLatitude (GPS tag 2) (-52/1, 7/1, 24/1) is negative (the hemisphere gives the sign):"
         f" {NO_LOCATION}", {}),
        (_with(at(4, rationals((1, 1), (75, 1), (4, 1)))),
         f"its EXIF GPSLongitude (GPS tag 4) (1/1, 75/1, 4/1) has minutes or seconds of 60 or more: {NO_LOCATION}",
         {}),
        (_with(text(1, "X")), f"its EXIF GPSLatitudeRef (GPS tag 1) 'X' is no hemisphere (N or S): {NO_LOCATION}",
         {}),
        ([e for e in GOOD if e[0] != 4],
         f"its EXIF GPSLongitude (GPS tag 4) (absent) is missing (only its hemisphere is given): {NO_LOCATION}", {}),
        (_with(at(6, rationals((1, 0)))),
         "its EXIF GPSAltitude (GPS tag 6) 1/0 has a zero denominator: no altitude kept",
         {"location": "52.123333, -1.234444"}),
        (_with(at(31, rationals((4000000000, 1)))),
         "its EXIF GPSHPositioningError (GPS tag 31) 4000000000/1 is not between 0 and 100,000 metres: no"
         " horizontal error kept", {"location": "52.123333, -1.234444"}),
        (_with(at(7, rationals((25, 1), (0, 1), (0, 1))), text(29, "2026:01:02")),
         "its EXIF GPSTimeStamp (GPS tag 7) (25/1, 0/1, 0/1) is no time of day: no GPS time kept",
         {"location": "52.123333, -1.234444"}),
        (_with(at(7, rationals((13, 1), (4, 1), (5, 1))), text(29, "2026:13:40")),
         "its EXIF GPSDateStamp (GPS tag 29) '2026:13:40' is no date (YYYY:MM:DD): no GPS time kept",
         {"location": "52.123333, -1.234444"}),
    ],
)  # fmt: skip
def test_a_hostile_gps_value_is_a_warning_naming_the_image_the_tag_and_the_value(
    case: Case, tmp_path: Path, entries: list[Entry], warning: str, kept: dict[str, str]
) -> None:
    shot = tmp_path / "IMG_0009.jpg"
    shot.write_bytes(jpeg(gps_record(entries)))
    result = add_exhibit(case, shot, AddOptions(producer="Jane Doe"))
    assert (result.items_by_kind, result.warnings) == ({"image": 1}, 1)
    assert [(w.locator, w.message) for w in case.store.warnings()] == [("IMG_0009.jpg", warning)]
    (item,) = case.store.iter_items()
    assert {k: v for k, v in item.details.items() if k.startswith("location")} == kept


def test_a_gps_record_pointing_outside_the_exif_record_is_damage_and_the_rest_kept(
    case: Case, tmp_path: Path
) -> None:
    shot = tmp_path / "IMG_0010.jpg"
    shot.write_bytes(jpeg(gps_record(GOOD, pointer=999_999)))
    add_exhibit(case, shot, AddOptions(producer="Jane Doe"))
    assert [w.message for w in case.store.warnings()] == [
        "image metadata damaged (Corrupt EXIF data.  Expecting to read 2 bytes but only got 0. ); what could be"
        " read is kept"
    ]
    (item,) = case.store.iter_items()
    assert (item.details["size"], "location" in item.details) == ("30x40", False)


_VALUES = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.binary(max_size=4),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(IFDRational, st.integers(-(2**33), 2**33), st.integers(-(2**33), 2**33)),
    st.lists(
        st.builds(IFDRational, st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)) | st.floats(), max_size=5
    ).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 18, 29, 31]), _VALUES))
def test_any_gps_values_give_details_or_problems_never_an_exception(tags: dict[int, object]) -> None:
    read = read_gps(tags)
    assert set(read.details) <= {"location", "location_altitude_m", "location_error_m", "location_time_utc",
                                 "location_datum"}  # fmt: skip
    if "location" in read.details:
        lat, lon = (float(v) for v in read.details["location"].split(", "))
        assert abs(lat) <= 90 and abs(lon) <= 180
    assert all(len(p) < 400 for p in read.problems)
