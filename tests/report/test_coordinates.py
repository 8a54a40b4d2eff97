"""Coordinates written other than as a pair of decimals in text or a link: in degrees and minutes, and a
latitude and a longitude kept in fields of their own (a Telegram location share's), masked in a
disclosure copy as one place each; a temperature, an angle or a lone latitude left alone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report.coordinates import (
    WHY,
    WHY_COLONS,
    WHY_DEGREES,
    WHY_FIELDS,
    WHY_HEMISPHERES,
    WHY_XML,
    FieldsPlace,
    find_coordinates,
    place_in_fields,
)
from footprint.report.locations import find_locations
from footprint.report.redact import Redactor
from tests.report.disclosed import disclosure_copy

PLACE = "51.507222, -0.127500"  # 51°30'26"N 0°7'39"W


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        ("at 51°30'26\"N 0°7'39\"W now", "51°30'26\"N 0°7'39\"W", PLACE),
        ("at 51°30′26″N, 0°7′39″W now", "51°30′26″N, 0°7′39″W", PLACE),
        ("at 51°30’26”N 0°7’39”W", "51°30’26”N 0°7’39”W", PLACE),
        ("at 51°30'26''N 0°7'39''W", "51°30'26''N 0°7'39''W", PLACE),
        ("at N51°30'26\" W0°7'39\"", "N51°30'26\" W0°7'39\"", PLACE),
        ("at 0°7'39\"W 51°30'26\"N", "0°7'39\"W 51°30'26\"N", PLACE),  # longitude first
        ("at 51° 30.433' N, 0° 7.65' W", "51° 30.433' N, 0° 7.65' W", "51.507217, -0.127500"),
        ("at 33º51'S 151º12'E", "33º51'S 151º12'E", "-33.850000, 151.200000"),
        # as a CSV line doubles the mark of seconds, and as JSON escapes it
        ('"at 51°30\'26""N 0°7\'39""W"', '51°30\'26""N 0°7\'39""W', PLACE),
        ('{"text": "51°30\'26\\"N 0°7\'39\\"W"}', "51°30'26\\\"N 0°7'39\\\"W", PLACE),
    ],
)
def test_a_pair_in_degrees_and_minutes_is_one_place(text: str, masked: str, place: str) -> None:
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [
        (masked, place, WHY_DEGREES)
    ]


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        ("at 51.5072° N, 0.1275° W", "51.5072° N, 0.1275° W", "51.507200, -0.127500"),
        ("at 51.507222 N, 0.1275 W", "51.507222 N, 0.1275 W", PLACE),
    ],
)
def test_a_pair_in_decimal_degrees_with_hemispheres_is_logged_as_such(
    text: str, masked: str, place: str
) -> None:
    # the redaction log called it "degrees, minutes and seconds" (prosecutor's review, session 20)
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [
        (masked, place, WHY_HEMISPHERES)
    ]


def test_a_temperature_an_angle_a_time_or_a_lone_latitude_is_no_place() -> None:
    text = (
        "it was 21°C, then 70°F; turn 90° left at 10:30; 51°30'N alone; 51°N 0°W (whole degrees);"
        " 51°75'N 0°7'W (75 minutes); 95°10'N 0°7'W; 51°30'N 10°7'S (two latitudes); 45°30'60\"N 1°2'W;"
        " xN51°30' W0°7'"
    )
    assert find_coordinates(text) == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("at 51 30 26 N 0 7 39 W now", "at [LOCATION-1] now"),
        ("at 51 30 26N, 0 7 39W now", "at [LOCATION-1] now"),
        ("at N 51 30 26 W 0 7 39 now", "at [LOCATION-1] now"),
        ("at N51 30 26 / W0 7 39.", "at [LOCATION-1]."),
        ("at 0 7 39 W 51 30 26 N", "at [LOCATION-1]"),  # longitude first
        ("at 51 30.4333 N 0 7.65 W", "at [LOCATION-1]"),  # degrees and decimal minutes
        ("at 51.507222 N, 0.1275 W", "at [LOCATION-1]"),  # decimal degrees, no mark
        # with marks and no hemisphere: a latitude then a longitude, signed
        ("at 51°30'26\", -0°7'39\" now", "at [LOCATION-1] now"),
        ("at 51° 30′ 26″ −0° 7′ 39″", "at [LOCATION-1]"),
        ("at +51°30'26'' -0°7'39''", "at [LOCATION-1]"),
    ],
)
def test_a_pair_in_degrees_without_marks_or_without_hemispheres_is_masked_as_one_place(
    text: str, masked: str
) -> None:
    r = Redactor(frozenset())
    assert (r.text(text, "X/1 text"), [(e.mask, e.why) for e in r.log]) == (
        masked,
        [("[LOCATION-1]", WHY_HEMISPHERES if "51.507222 N" in text else WHY_DEGREES)],  # no minutes
    )
    assert r.masks == {("LOCATION", PLACE): "[LOCATION-1]"}


def test_what_only_looks_like_degrees_without_marks_is_left_alone() -> None:
    text = (
        "at 12 30 45 today; 12:30:45 N; score 3 2 N, 4 1 E; he is 5' 11\" tall, 6'2\" W; call 07700 900 123 N;"
        " on 12 05 2026 E; 51 30 26 N alone; 51 N 0 W (whole degrees); 51 75 1 N 0 7 1 W (75 minutes);"
        " 91 30 10 N 0 7 9 W; 51 30 1 N 10 7 2 S (two latitudes); 51 30 26 Norwich 0 7 39 West; 51 30 26 0 7 39;"
        " 51 30 N 0 7 W (whole minutes, without marks); 10 30 N 2 15 E; 51 30 26 N and 0 7 39 W;"
        " 1.5 N 2.5 E; v2 30 N 0 7 W; turn 45°30' then 12°15' left; 51°30'26\"N -0°7'39\""
    )
    assert find_locations(text) == []


@pytest.mark.parametrize(
    ("text", "masked", "value", "place"),
    [
        ("at 51:30:26N 0:07:39W now", "at [LOCATION-1] now", "51:30:26N 0:07:39W", PLACE),
        ("at N51:30:26 W000:07:39.", "at [LOCATION-1].", "N51:30:26 W000:07:39", PLACE),
        ("51:30:26 N, 0:07:39 W", "[LOCATION-1]", "51:30:26 N, 0:07:39 W", PLACE),
        ("0:07:39W 51:30:26N", "[LOCATION-1]", "0:07:39W 51:30:26N", PLACE),  # longitude first
        # degrees and decimal minutes, and seconds with decimals
        ("51:30.43N,0:07.65W", "[LOCATION-1]", "51:30.43N,0:07.65W", "51.507167, -0.127500"),
        ("S33:51:36.5 E151:12:40.1", "[LOCATION-1]", "S33:51:36.5 E151:12:40.1", "-33.860139, 151.211139"),
        ("51:30:26 north 0:07:39 west", "[LOCATION-1]", "51:30:26 north 0:07:39 west", PLACE),
    ],
)
def test_a_pair_in_degrees_minutes_and_seconds_written_with_colons_is_one_place(
    text: str, masked: str, value: str, place: str
) -> None:
    # as GPS units and some phones' apps write them: missed until session 22
    r = Redactor(frozenset())
    assert r.text(text, "X/1 text") == masked
    assert [(e.mask, e.value, e.why) for e in r.log] == [("[LOCATION-1]", value, WHY_COLONS)]
    assert r.masks == {("LOCATION", place): "[LOCATION-1]"}


@pytest.mark.parametrize(
    ("text", "masked", "logged"),
    [
        ("at 51.5072 north, 0.1275 west", "at [LOCATION-1]", [("51.5072 north, 0.1275 west", WHY_HEMISPHERES)]),
        ("51.5072 NORTH 0.1275 West", "[LOCATION-1]", [("51.5072 NORTH 0.1275 West", WHY_HEMISPHERES)]),
        ("North 51.5072, West 0.1275!", "[LOCATION-1]!", [("North 51.5072, West 0.1275", WHY_HEMISPHERES)]),
        ("0.1275 West 51.5072 North", "[LOCATION-1]", [("0.1275 West 51.5072 North", WHY_HEMISPHERES)]),
        ("51.5072 north 0.1275 W", "[LOCATION-1]", [("51.5072 north 0.1275 W", WHY_HEMISPHERES)]),  # and a letter
        ("51.5072north0.1275west", "[LOCATION-1]", [("51.5072north0.1275west", WHY_HEMISPHERES)]),
        ("51 30 25.92 north 0 7 39 west", "[LOCATION-1]", [("51 30 25.92 north 0 7 39 west", WHY_DEGREES)]),
        ("51°30'25.92\" North, 0°7'39\" West", "[LOCATION-1]", [("51°30'25.92\" North, 0°7'39\" West", WHY_DEGREES)]),
        (
            "Latitude 51.5072 north, longitude 0.1275 west",
            "Latitude [LOCATION-1], longitude [LOCATION-1]",
            [("51.5072 north", WHY), ("0.1275 west", WHY)],
        ),
    ],
)  # fmt: skip
def test_a_hemisphere_written_as_a_word_in_any_capitals_is_read_as_its_letter(
    text: str, masked: str, logged: list[tuple[str, str]]
) -> None:
    r = Redactor(frozenset())
    assert r.text(text, "X/1 text") == masked
    assert [(e.mask, e.value, e.why) for e in r.log] == [("[LOCATION-1]", *entry) for entry in logged]
    assert r.masks == {("LOCATION", "51.507200, -0.127500"): "[LOCATION-1]"}


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # times, with seconds, and a time zone's letters
        ("at 10:30:15", "at 10:30:15"),
        ("from 10:30:15 to 12:15:30 EST", "from 10:30:15 to 12:15:30 EST"),
        ("kick-off 15:00:00 West Ham 2:1", "kick-off 15:00:00 West Ham 2:1"),
        ("12:30:45 N", "12:30:45 N"),  # one alone
        ("at 10:30:15 north of the river", "at 10:30:15 north of the river"),
        ("10:30 N 12:15 E", "10:30 N 12:15 E"),  # whole minutes, as a time's
        # scores, dates, version strings, an address and port
        ("won 3:2 North, 2:1 East", "won 3:2 North, 2:1 East"),
        ("on 12:05:2026 N 01:02:2026 E", "on 12:05:2026 N 01:02:2026 E"),
        ("v1.2.345 north 2.3.456 east", "v1.2.345 north 2.3.456 east"),
        ("10.0.0.1:8080 N 10.0.0.2:8081 E", "10.0.0.1:8080 N 10.0.0.2:8081 E"),
        # phone numbers are masked as such, the words after them kept
        ("call 07700 900123 north, 020 7946 0018 west", "call [PHONE-1] north, [PHONE-2] west"),
        # not a latitude and a longitude
        ("51:30:26N alone", "51:30:26N alone"),
        ("51:75:26N 0:07:39W", "51:75:26N 0:07:39W"),  # 75 minutes
        ("91:30:26N 0:07:39W", "91:30:26N 0:07:39W"),
        ("51:30:26N 10:07:39S", "51:30:26N 10:07:39S"),  # two latitudes
        # words that are not a hemisphere, a distance before one, too few decimal places, small letters
        ("51.5072 northern 0.1275 western", "51.5072 northern 0.1275 western"),
        ("51.5072 Northwest 0.1275 Westminster", "51.5072 Northwest 0.1275 Westminster"),
        (
            "drove 12.345 miles north, then 1.234 miles west",
            "drove 12.345 miles north, then 1.234 miles west",
        ),
        ("1.5 north 2.5 east", "1.5 north 2.5 east"),
        ("51.5072 n 0.1275 w", "51.5072 n 0.1275 w"),  # a small "s" is a second, an "e" an exponent
    ],
)
def test_times_scores_dates_versions_and_phone_numbers_are_no_place(text: str, masked: str) -> None:
    r = Redactor(frozenset())
    assert r.text(text, "X/1 text") == masked
    assert [e.kind for e in r.log] == ["PHONE"] * masked.count("[PHONE-")


def test_the_same_place_in_degrees_shares_its_mask_when_written_to_the_same_six_places() -> None:
    r = Redactor(frozenset({"jane doe"}))
    assert r.text("51°30'N 0°7'12\"W or 51.500000,-0.120000 or 51°30'N 0°7'W", "X/1 text") == (
        "[LOCATION-1] or [LOCATION-1] or [LOCATION-2]"
    )
    assert [(e.mask, e.value, e.why) for e in r.log] == [
        ("[LOCATION-1]", "51°30'N 0°7'12\"W", WHY_DEGREES),
        ("[LOCATION-1]", "51.500000,-0.120000", WHY),
        ("[LOCATION-2]", "51°30'N 0°7'W", WHY_DEGREES),
    ]


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        (
            '"location_information": {"latitude": 51.500142, "longitude": -0.124626}}',
            '"latitude": 51.500142, "longitude": -0.124626',
            "51.500142, -0.124626",
        ),
        ('{"lat": 51.5, "lng": -0.12}', '"lat": 51.5, "lng": -0.12', "51.500000, -0.120000"),
        (
            '{"Longitude": "-0.12", "id": 3, "name": "a, b", "Latitude": "51.5"}',
            '"Longitude": "-0.12", "id": 3, "name": "a, b", "Latitude": "51.5"',
            "51.500000, -0.120000",
        ),
    ],
)
def test_a_raw_records_latitude_and_longitude_fields_are_one_place(
    text: str, masked: str, place: str
) -> None:
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [
        (masked, place, WHY_FIELDS)
    ]


def test_fields_that_are_not_a_latitude_and_a_longitude_are_no_place() -> None:
    text = (
        '{"flat": 51.5, "lon": 1.2} {"lat": 51, "lng": 0} {"latitude": 95.5, "longitude": 1.5}'
        ' {"latitude": 51.5, "a": 1, "b": 2, "c": 3, "d": 4, "longitude": 1.5} {"latitude": 51.5}'
    )
    assert find_coordinates(text) == []


def test_a_records_own_latitude_and_longitude_fields_name_one_place() -> None:
    assert place_in_fields({"id": "1", "latitude": "51.5", "longitude": "-0.12"}) == (
        FieldsPlace("latitude", "longitude", "51.500000, -0.120000")
    )
    assert place_in_fields({"lat": "51.5", "lng": "x"}) is None
    assert place_in_fields({"lat": "51.5", "latitude": "51.5", "lng": "1"}) is None  # which one?
    assert place_in_fields({"latitude": "51.5"}) is None
    assert place_in_fields({"latitude": "nan", "longitude": "1.5"}) is None


def _message(n: int, text: str, location: dict[str, float]) -> dict[str, object]:
    return {"id": n, "type": "message", "date": f"2023-03-14T09:1{n}:00", "date_unixtime": str(1678785300 + n),
            "from": "Ben Example", "from_id": "user777000111", "text": text,
            "location_information": location}  # fmt: skip


def test_a_telegram_location_share_is_masked_in_every_file_of_a_disclosure_copy(
    case: Case, tmp_path: Path
) -> None:
    # Telegram keeps a shared location in fields of its own: the text the parser writes for it is
    # masked as a pair in text, the details and the raw record as the fields they are
    add_person(case, "Jane Doe", "complainant")
    chat = {"name": "Ben Example", "type": "personal_chat", "id": 777000111, "messages": [
        _message(1, "", {"latitude": 51.500142, "longitude": -0.124626}),
        _message(2, "outside", {"latitude": 51.5, "longitude": -0.12}),
        _message(3, "", {"latitude": 51.5, "longitude": -0.12}),  # "location 51.5, -0.12": its place
    ]}  # fmt: skip
    export = tmp_path / "result.json"
    export.write_text(json.dumps(chat), encoding="utf-8")
    add_exhibit(case, export, AddOptions(producer="Jane Doe", exhibit_ref="JD/1"))
    folder, written = disclosure_copy(case)
    assert {"items.jsonl", "report.html", "bundle:items.jsonl"} <= set(written)
    for number in (b"51.5", b"-0.12"):  # (an SVG chart has "50.12025")
        assert [n for n, data in written.items() if number in data] == [], number
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    assert [(i["text"], i["details"]["latitude"], i["details"]["longitude"]) for i in items] == [
        ("location [LOCATION-1]", "[LOCATION-1]", "[LOCATION-1]"),
        ("outside", "[LOCATION-2]", "[LOCATION-2]"),
        ("location [LOCATION-2]", "[LOCATION-2]", "[LOCATION-2]"),
    ]
    assert [i["raw"].rsplit('"location_information": ', 1)[1] for i in items] == [
        "{[LOCATION-1]}}",
        "{[LOCATION-2]}}",
        "{[LOCATION-2]}}",
    ]
    # (a value starting "-" is written "'-" in a CSV file: no spreadsheet reads it as a formula)
    log = list(csv.DictReader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text("utf-8"))))
    assert sorted(
        (r["Mask"], r["Original value"], r["Where"], r["Why"]) for r in log if r["Kind"] == "LOCATION"
    ) == [
        ("[LOCATION-1]", '"latitude": 51.500142, "longitude": -0.124626', "JD/1 messages[0] raw", WHY_FIELDS),
        ("[LOCATION-1]", "'-0.124626", "JD/1 messages[0] longitude", WHY_FIELDS),
        ("[LOCATION-1]", "51.500142", "JD/1 messages[0] latitude", WHY_FIELDS),
        ("[LOCATION-1]", "51.500142, -0.124626", "JD/1 messages[0] text", WHY),
        ("[LOCATION-2]", '"latitude": 51.5, "longitude": -0.12', "JD/1 messages[1] raw", WHY_FIELDS),
        ("[LOCATION-2]", '"latitude": 51.5, "longitude": -0.12', "JD/1 messages[2] raw", WHY_FIELDS),
        ("[LOCATION-2]", "'-0.12", "JD/1 messages[1] longitude", WHY_FIELDS),
        ("[LOCATION-2]", "'-0.12", "JD/1 messages[2] longitude", WHY_FIELDS),
        ("[LOCATION-2]", "51.5", "JD/1 messages[1] latitude", WHY_FIELDS),
        ("[LOCATION-2]", "51.5", "JD/1 messages[2] latitude", WHY_FIELDS),
        # the text written for it has fewer than 4 decimal places: masked as the place its fields name
        ("[LOCATION-2]", "51.5, -0.12", "JD/1 messages[2] text", WHY),
    ]


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        # a GPX track's point, and a waypoint's attributes the other way round
        ('<trkpt lat="51.5" lon="-0.12"><ele>10</ele>', 'lat="51.5" lon="-0.12"', "51.500000, -0.120000"),
        ('<wpt lon="-0.12" id="w1" lat="51.5">', 'lon="-0.12" id="w1" lat="51.5"', "51.500000, -0.120000"),
        (r'"raw": "<trkpt lat=\"51.5\" lon=\"-0.12\">"', r'lat=\"51.5\" lon=\"-0.12\"', "51.500000, -0.120000"),
        # a UFED report's Position, CDATA or not, another field between
        (
            '<field name="Latitude" type="Double"><value type="Double"><![CDATA[51.5]]></value></field>'
            '<field name="Elevation"><value>3.5</value></field>'
            '<field name="Longitude" type="Double"><value type="Double">-0.12</value></field>',
            '<field name="Latitude" type="Double"><value type="Double"><![CDATA[51.5]]></value></field>'
            '<field name="Elevation"><value>3.5</value></field>'
            '<field name="Longitude" type="Double"><value type="Double">-0.12</value></field>',
            "51.500000, -0.120000",
        ),
        # elements: KML's LookAt (longitude first), a namespaced pair
        (
            "<LookAt><longitude>-0.12</longitude><latitude>51.5</latitude><range>9.5</range>",
            "<longitude>-0.12</longitude><latitude>51.5</latitude>",
            "51.500000, -0.120000",
        ),
        ("<geo:lat>51.5</geo:lat>\n<geo:long>-0.12</geo:long>", "<geo:lat>51.5</geo:lat>\n<geo:long>-0.12</geo:long>", "51.500000, -0.120000"),
        # KML's coordinates, longitude first, the altitude kept
        ("<Point><coordinates>-0.12,51.5,0</coordinates></Point>", "-0.12,51.5", "51.500000, -0.120000"),
    ],
)  # fmt: skip
def test_an_xml_records_latitude_and_longitude_are_one_place(text: str, masked: str, place: str) -> None:
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [
        (masked, place, WHY_XML)
    ]


def test_each_point_of_a_kml_line_is_a_place_and_longitude_first_is_not_read_as_a_pair_in_text() -> None:
    text = "<coordinates>\n -0.1234567,51.5012345,0 -0.13,51.6,10.5\n</coordinates> or 51.5012345,-0.1234567"
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [
        ("-0.1234567,51.5012345", "51.501235, -0.123457", WHY_XML),
        ("-0.13,51.6", "51.600000, -0.130000", WHY_XML),
        ("51.5012345,-0.1234567", "51.501235, -0.123457", WHY),
    ]


def test_xml_that_is_not_a_latitude_and_a_longitude_is_no_place() -> None:
    text = (
        '<x flat="51.5" lon="-0.12"/> <x lat="51.5"/> <x lat="51" lon="0"/> <x lat="95.5" lon="1.5"/>'
        ' <x lat="51.5" a="1" b="2" c="3" d="4" lon="1.5"/> <lat>51.5</lat> <lat>51.5</lat><name>x</name>'
        ' <x translation="1.5" long="2.5"/> <field name="Latitude"><value>x</value></field>'
        " coordinates: -0.12,51.5 <coordinates>1,2,3</coordinates> <coordinates>200.5,51.5</coordinates>"
    )
    assert find_coordinates(text) == []


UFED = """<?xml version="1.0" encoding="utf-8"?>
<project id="p-1" name="JD/2" reportVersion="7.60.0.0" extractionType="Logical"
 xmlns="http://pa.cellebrite.com/report/2.0">
  <sourceExtractions><extractionInfo id="0" name="Logical" type="Logical" deviceName="Test Phone"
   fullName="Test Phone (TP-1)" index="0" /></sourceExtractions>
  <decodedData>
    <modelType type="Location">
      <model type="Location" id="loc-1" deleted_state="Intact" decoding_confidence="High" source_index="0"
       extractionId="0">
        <field name="TimeStamp" type="TimeStamp"><value type="TimeStamp"><![CDATA[2024-03-16T08:00:00.000+00:00]]></value></field>
        <field name="Description" type="String"><value type="String"><![CDATA[Home]]></value></field>
        <modelField name="Position" type="Coordinate"><model type="Coordinate" id="co-1"><field name="Latitude" type="Double"><value type="Double"><![CDATA[51.5012345]]></value></field><field name="Longitude" type="Double"><value type="Double"><![CDATA[-0.1234567]]></value></field></model></modelField>
      </model>
      <model type="Location" id="loc-2" deleted_state="Intact" decoding_confidence="High" source_index="0"
       extractionId="0">
        <field name="TimeStamp" type="TimeStamp"><value type="TimeStamp"><![CDATA[2024-03-16T09:00:00.000+00:00]]></value></field>
        <modelField name="Position" type="Coordinate"><model type="Coordinate" id="co-2"><field name="Latitude" type="Double"><value type="Double"><![CDATA[51.5]]></value></field><field name="Longitude" type="Double"><value type="Double"><![CDATA[-0.12]]></value></field></model></modelField>
      </model>
    </modelType>
  </decodedData>
</project>
"""  # fmt: skip


def _position(lat: str, lon: str) -> str:
    """A UFED location's Position fields as its raw record has them."""
    value = '<field name="{}" type="Double"><value type="Double">{}</value></field>'
    return value.format("Latitude", lat) + value.format("Longitude", lon)


def test_a_ufed_reports_location_is_masked_in_every_file_of_a_disclosure_copy(
    case: Case, tmp_path: Path
) -> None:
    add_person(case, "Jane Doe", "complainant")
    export = tmp_path / "report.xml"
    export.write_text(UFED, encoding="utf-8")
    add_exhibit(case, export, AddOptions(producer="PC Patel", exhibit_ref="JD/2"))
    folder, written = disclosure_copy(case)
    assert {"items.jsonl", "report.html", "bundle:items.jsonl"} <= set(written)
    for number in (b"51.501", b"0.1234", b"51.5,", b"-0.12"):
        assert [n for n, data in written.items() if number in data] == [], number
    item, other = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    # the text written for the second has fewer than 4 decimal places: masked as the place its record names
    assert (item["text"], other["text"]) == ("[LOCATION-1] — Home", "[LOCATION-2]")
    assert (
        '<modelField name="Position" type="Coordinate"><model type="Coordinate" id="co-1">[LOCATION-1]</model>'
        in (item["raw"])
    )
    log = list(csv.DictReader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text("utf-8"))))
    assert [
        (r["Mask"], r["Original value"], r["Where"], r["Why"]) for r in log if r["Kind"] == "LOCATION"
    ] == [
        ("[LOCATION-1]", "51.5012345, -0.1234567", "JD/2 Location id=loc-1 text", WHY),
        ("[LOCATION-1]", _position("51.5012345", "-0.1234567"), "JD/2 Location id=loc-1 raw", WHY_XML),
        ("[LOCATION-2]", "51.5, -0.12", "JD/2 Location id=loc-2 text", WHY),
        ("[LOCATION-2]", _position("51.5", "-0.12"), "JD/2 Location id=loc-2 raw", WHY_XML),
    ]


def test_a_kml_tracks_gx_coord_is_one_place_longitude_first_its_altitude_kept() -> None:
    text = (
        "<gx:Track><when>2024-03-16T08:00:00Z</when><gx:coord>-0.1234567 51.5012345 12.5</gx:coord>"
        "<gx:coord>-0.13 51.6</gx:coord><gx:coord>1 2 3</gx:coord></gx:Track>"
    )
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [
        ("-0.1234567 51.5012345", "51.501235, -0.123457", WHY_XML),
        ("-0.13 51.6", "51.600000, -0.130000", WHY_XML),
    ]
    # the altitude's digits were masked as a phone number ("51.[PHONE-1]") and the place kept
    assert Redactor(frozenset()).text(text, "X/1 raw") == (
        "<gx:Track><when>2024-03-16T08:00:00Z</when><gx:coord>[LOCATION-1] 12.5</gx:coord>"
        "<gx:coord>[LOCATION-2]</gx:coord><gx:coord>1 2 3</gx:coord></gx:Track>"
    )


def test_a_labelled_latitude_and_longitude_in_text_are_one_place_to_two_decimal_places() -> None:
    r = Redactor(frozenset())
    texts = (
        "lat: 51.501234, lon: -0.123456",
        "Latitude 51.5012 (accuracy 20 m)\nLongitude -0.1234",
        "Longitude: 0.12° W, Latitude: 51.50° N",
        "LAT 51.50 LNG -0.12",
        "lat: 51, lon: -0",  # whole degrees: nothing closer than 100 km
        "lat 51.5 long -0.1",  # one decimal place: nothing closer than about 11 km
        "my flat: 51.50 and London 0.12",  # no label
    )
    assert [r.text(t, "X/1 text") for t in texts] == [
        "lat: [LOCATION-1], lon: [LOCATION-1]",
        "Latitude [LOCATION-2] (accuracy 20 m)\nLongitude [LOCATION-2]",
        "Longitude: [LOCATION-3], Latitude: [LOCATION-3]",
        "LAT [LOCATION-3] LNG [LOCATION-3]",
        "lat: 51, lon: -0",
        "lat 51.5 long -0.1",
        "my flat: 51.50 and London 0.12",
    ]
    assert [(e.mask, e.value) for e in r.log] == [
        ("[LOCATION-1]", "51.501234"),
        ("[LOCATION-1]", "-0.123456"),
        ("[LOCATION-2]", "51.5012"),
        ("[LOCATION-2]", "-0.1234"),
        ("[LOCATION-3]", "0.12° W"),
        ("[LOCATION-3]", "51.50° N"),
        ("[LOCATION-3]", "51.50"),
        ("[LOCATION-3]", "-0.12"),
    ]


def test_a_json_objects_latitude_and_longitude_far_apart_are_one_place() -> None:
    r = Redactor(frozenset())
    texts = (
        '{"lat": 51.501234, "accuracy": 12, "provider": "gps", "time": "2024", "speed": 0, "lng": -0.123456}',
        '{"location": {"latitude": "51.50", "meta": {"a": 1}, "longitude": "-0.12"}}',
        '{"lat": 51.5012, "a": {"lon": -0.1234}}',  # not in one object
        '{"lat": 51.5, "a": 1, "b": 2, "c": 3, "d": 4, "lon": -0.1}',  # one decimal place
    )
    assert [r.text(t, "X/1 raw") for t in texts] == [
        '{"lat": [LOCATION-1], "accuracy": 12, "provider": "gps", "time": "2024", "speed": 0, "lng": [LOCATION-1]}',
        '{"location": {"latitude": "[LOCATION-2]", "meta": {"a": 1}, "longitude": "[LOCATION-2]"}}',
        '{"lat": 51.5012, "a": {"lon": -0.1234}}',
        '{"lat": 51.5, "a": 1, "b": 2, "c": 3, "d": 4, "lon": -0.1}',
    ]
    assert {e.why for e in r.log} == {WHY_FIELDS}


def test_a_ufed_locations_place_word_is_no_name_and_a_name_there_is_still_masked(
    case: Case, tmp_path: Path
) -> None:
    add_person(case, "Jane Doe", "complainant")
    export = tmp_path / "report.xml"
    described = '<field name="Description" type="String"><value type="String"><![CDATA[{}]]></value></field>'
    second = '<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp"><![CDATA[2024-03-16T09:00:00.000+00:00]]></value></field>'
    xml = UFED.replace("[CDATA[Home]]", "[CDATA[Gym]]").replace(second, second + described.format("Sarah"))
    export.write_text(xml, encoding="utf-8")
    add_exhibit(case, export, AddOptions(producer="PC Patel", exhibit_ref="JD/2"))
    folder, _ = disclosure_copy(case)
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    # "Gym" ended the text like a sign-off ("- Priya") and was masked as a name; "Sarah" still is
    assert [i["text"] for i in items] == ["[LOCATION-1] — Gym", "[LOCATION-2] — [NAME-1]"]


#: as long as a message is read (an analyser reads a message's first 100,000 characters)
LONG = 100_000


def _long(unit: str) -> str:
    """``unit`` repeated to ``LONG`` characters, its copies whole, spaces after them."""
    return (unit * (LONG // len(unit))).ljust(LONG)


@pytest.mark.parametrize(
    "unit",
    ["1.1.", "1:1:", "1, ", "1° ", "1°1'", "1 1 N ", "1.123 N ", "1:11:11 N ", "N1:11:", "1:11.1", "north ",
     "1.123 north ", '{"lat": 1.11', 'lat="1.1" ', "<lat>1.1</lat>", "///a.b.", "\\u00b0",
     # a JSON object's latitudes and longitudes, many of each: no one place
     '"lat": 51.11, "a": 1, "b": 2, "c": 3, "d": 4, "lon": 1.11, "e": 5, "f": 6, "g": 7, "h": 8, '],
)  # fmt: skip
def test_a_long_text_of_digits_and_separators_holds_no_place(unit: str) -> None:
    # each is read once through, not once from each of its characters
    assert find_locations(_long(unit)) == []


@pytest.mark.parametrize(
    ("unit", "masked", "log"),
    [
        (
            "51°30'N 0°7'W 51.1234,1.1234 lat 51.11 lon 1.11 in Leeds ",
            "[LOCATION-1] [LOCATION-2] lat [LOCATION-3] lon [LOCATION-3] in Leeds ",
            4,
        ),
        (
            '{"lat": 51.11, "lon": 1.11} <wpt lat="51.5" lon="1.5"/> <coordinates>1.5,51.5</coordinates> ',
            "{[LOCATION-1]} <wpt [LOCATION-2]/> <coordinates>[LOCATION-2]</coordinates> ",
            3,
        ),
        (
            "51:30:26N 0:07:39W 51.5072 north, 0.1275 west 51 30 26 N 0 7 39 W ",
            "[LOCATION-1] [LOCATION-2] [LOCATION-1] ",
            3,
        ),
    ],
)
def test_a_long_text_of_thousands_of_places_of_each_kind_masks_each(unit: str, masked: str, log: int) -> None:
    # places of one kind were each tried against every place of another (and a town against every
    # mask): seconds for a text this long
    r = Redactor(frozenset())
    copies = LONG // len(unit)
    assert r.text(_long(unit), "X/1 text", free=True) == masked * copies + " " * (LONG - len(unit) * copies)
    assert len(r.log) == log * copies
    assert [n.words for n in r.names_to_check()] == (["Leeds"] if "Leeds" in unit else [])
