"""A place shared as a map link (Google, Apple, OpenStreetMap, Bing, geo: URIs, what3words) is masked
whole in a disclosure copy: every pair in the link, one mask per place, each occurrence in the redaction
log; ordinary numbers (prices, times, phone numbers) are left alone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report.coordinates import WHY, WHY_DEGREES, WHY_W3W, find_coordinates
from footprint.report.map_links import WHY_ID, WHY_LINK, WHY_SHORT, WHY_WORDS, find_map_places
from footprint.report.redact import Redactor
from tests.report.disclosed import disclosure_copy

#: the review's three messages (content review 5, defect 1): each kept the place in a disclosure copy
GOOGLE_PLACE = (
    "I know where you live https://www.google.com/maps/place/Home/@52.1234567%2C-1.2345678%2C17z/data="
    "!3m1!4b1!4m5!3m4!1s0x0:0x0!8m2!3d52.1234567!4d-1.2345678 I will kill you"
)
OSM = "https://www.openstreetmap.org/?mlat=52.12345&mlon=-1.23456#map=17/52.12345/-1.23456 see you there"
SPACED = "https://maps.google.com/?q=52.1234%2C%20-1.2345 and lon=-1.23456&lat=52.12345"


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        (
            "maps/place/x/data=!4m5!3d52.1234567!4d-1.2345678!16s",
            "!3d52.1234567!4d-1.2345678",
            "52.123457, -1.234568",
        ),
        (
            "maps/embed?pb=!1d2000!2d-1.2345678!3d52.1234567!2m3",
            "!2d-1.2345678!3d52.1234567",
            "52.123457, -1.234568",
        ),
        ("maps/@52.123,-1.234,15z", "52.123,-1.234", "52.123000, -1.234000"),
        ("maps?q=52.1234%2C%20-1.2345", "52.1234%2C%20-1.2345", "52.123400, -1.234500"),
        ("maps?q=52.1234,+-1.2345", "52.1234,+-1.2345", "52.123400, -1.234500"),
        ("maps?q=52.1234+-1.2345", "52.1234+-1.2345", "52.123400, -1.234500"),
        ("maps?q=loc:52.1234+-1.2345", "52.1234+-1.2345", "52.123400, -1.234500"),
        ("maps?ll=52.123,-1.234&z=16", "52.123,-1.234", "52.123000, -1.234000"),
        ("maps.apple.com/?sll=52.123%2C-1.234", "52.123%2C-1.234", "52.123000, -1.234000"),
        ("dir/?api=1&destination=52.123%2c-1.234", "52.123%2c-1.234", "52.123000, -1.234000"),
        ("?api=1&map_action=map&center=52.123,-1.234", "52.123,-1.234", "52.123000, -1.234000"),
        ("?mlat=52.12345&amp;mlon=-1.23456", "mlat=52.12345&amp;mlon=-1.23456", "52.123450, -1.234560"),
        ("#map=17/52.12345/-1.23456", "52.12345/-1.23456", "52.123450, -1.234560"),
        ("?lon=-1.23456&lat=52.12345", "lon=-1.23456&lat=52.12345", "52.123450, -1.234560"),
        ("?lat=52.123&zoom=5&lon=-1.234", "lat=52.123&zoom=5&lon=-1.234", "52.123000, -1.234000"),
        ("?latitude=52.123&longitude=-1.234", "latitude=52.123&longitude=-1.234", "52.123000, -1.234000"),
        ("bing.com/maps?cp=52.123~-1.234&lvl=16", "52.123~-1.234", "52.123000, -1.234000"),
        ("bing.com/maps?cp=52.123%7E-1.234", "52.123%7E-1.234", "52.123000, -1.234000"),
        ("geo:52.123,-1.234;u=35", "52.123,-1.234", "52.123000, -1.234000"),
        # a link inside a link (a redirect's ?u=): its punctuation percent-encoded
        (
            "l.php?u=https%3A%2F%2Fg.co%2Fmaps%2F%4052.1234%2C-1.2345%2C17z",
            "52.1234%2C-1.2345",
            "52.123400, -1.234500",
        ),
        (
            "%2Fdata%3D%218m2%213d52.1234567%214d-1.2345678",
            "%213d52.1234567%214d-1.2345678",
            "52.123457, -1.234568",
        ),
        ("%3Fmlat%3D52.12345%26mlon%3D-1.23456", "mlat%3D52.12345%26mlon%3D-1.23456", "52.123450, -1.234560"),
    ],
)
def test_each_common_shape_of_a_place_in_a_map_link_is_found(text: str, masked: str, place: str) -> None:
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [(masked, place, WHY)]


def test_ordinary_numbers_and_near_misses_are_not_taken_for_a_place() -> None:
    text = (
        "£1.50, £2.50 or 1.5, 2.5 at 10:30, 12.30, 13.45 call 07700 900123 or +44 7700 900123, v1.2345,2.3456"
        " shop?q=1.50,2.50 ?q=52.12,-1.23 ?lat=52.12&lon=-1.23 flat=51.5007&lon=-0.1246 ?mlat=95.123&mlon=1.234"
        " cp=52.1~-1.2 map=17/52.1/-1.2 !3d52.1!4d-1.2 file:///home.user.txt ///one.two 52.123, -1.234"
        " sqrt(2)=1.4142+1.7320 (an arithmetic '+' is no comma)"
    )
    assert find_coordinates(text) == []


def test_a_what3words_address_is_masked_as_a_place_of_its_own() -> None:
    text = (
        "meet at ///filled.count.soap. or https://w3w.co/Filled.Count.Soap or what3words.com/index.home.raft"
    )
    assert [(text[f.start : f.end], f.place, f.why) for f in find_coordinates(text)] == [
        ("filled.count.soap", "///filled.count.soap", WHY_W3W),
        ("Filled.Count.Soap", "///filled.count.soap", WHY_W3W),
        ("index.home.raft", "///index.home.raft", WHY_W3W),
    ]
    assert Redactor(frozenset({"jane doe"})).text(text, "X/1 text") == (
        "meet at ///[LOCATION-1]. or https://w3w.co/[LOCATION-1] or what3words.com/[LOCATION-2]"
    )


def test_the_reviews_links_are_masked_whole_one_mask_per_place() -> None:
    r = Redactor(frozenset({"jane doe"}))
    # the place's name ("Home") is a place of its own (map_links), before the pair
    assert r.text(GOOGLE_PLACE, "X/1 text") == (
        "I know where you live https://www.google.com/maps/place/[LOCATION-1]/@[LOCATION-2]%2C17z/data="
        "!3m1!4b1!4m5!3m4!1s0x0:0x0!8m2[LOCATION-2] I will kill you"
    )
    assert r.text(OSM, "X/2 text") == (
        "https://www.openstreetmap.org/?[LOCATION-3]#map=17/[LOCATION-3] see you there"
    )
    assert r.text(SPACED, "X/3 text") == "https://maps.google.com/?q=[LOCATION-4] and [LOCATION-3]"


def test_a_disclosure_copy_masks_every_pair_of_a_map_link_in_every_file_and_logs_each(
    case: Case, tmp_path: Path
) -> None:
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    export = tmp_path / "geo.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["sent_at", "sender", "text"])
        for minute, text in enumerate((GOOGLE_PLACE, OSM, SPACED)):
            w.writerow([f"2026-11-01T10:0{minute}:00Z", "John Smith", text])
    add_exhibit(
        case,
        export,
        AddOptions(producer="Jane Doe", exhibit_ref="JD/1", format="csv_generic", platform="sms"),
    )
    folder, written = disclosure_copy(case)
    assert {"items.jsonl", "report.html", "bundle:items.jsonl"} <= set(written)
    assert any(n.startswith("schedules/") for n in written)
    for number in (b"52.123", b"1.234", b"52%2E"):
        assert [n for n, data in written.items() if number in data] == [], number
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    texts = [i["text"] for i in items if i.get("text")]
    assert texts == [
        "I know where you live https://www.google.com/maps/place/[LOCATION-1]/@[LOCATION-2]%2C17z/data="
        "!3m1!4b1!4m5!3m4!1s0x0:0x0!8m2[LOCATION-2] I will kill you",
        "https://www.openstreetmap.org/?[LOCATION-3]#map=17/[LOCATION-3] see you there",
        "https://maps.google.com/?q=[LOCATION-4] and [LOCATION-3]",
    ]
    assert all("[LOCATION-" in i["raw"] for i in items if i.get("text"))
    assert (
        "coordinates written as decimal degrees, such as where a photo says it was taken or a place a map"
        " link shares, and what3words addresses," in str(written["report.html"], "utf-8")
    )
    log = list(csv.DictReader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text("utf-8"))))
    assert sorted((r["Mask"], r["Original value"], r["Where"]) for r in log if r["Why"] == WHY) == [
        ("[LOCATION-2]", "!3d52.1234567!4d-1.2345678", "JD/1 line 2 raw"),
        ("[LOCATION-2]", "!3d52.1234567!4d-1.2345678", "JD/1 line 2 text"),
        ("[LOCATION-2]", "52.1234567%2C-1.2345678", "JD/1 line 2 raw"),
        ("[LOCATION-2]", "52.1234567%2C-1.2345678", "JD/1 line 2 text"),
        ("[LOCATION-3]", "52.12345/-1.23456", "JD/1 line 3 raw"),
        ("[LOCATION-3]", "52.12345/-1.23456", "JD/1 line 3 text"),
        ("[LOCATION-3]", "lon=-1.23456&lat=52.12345", "JD/1 line 4 raw"),
        ("[LOCATION-3]", "lon=-1.23456&lat=52.12345", "JD/1 line 4 text"),
        ("[LOCATION-3]", "mlat=52.12345&mlon=-1.23456", "JD/1 line 3 raw"),
        ("[LOCATION-3]", "mlat=52.12345&mlon=-1.23456", "JD/1 line 3 text"),
        ("[LOCATION-4]", "52.1234%2C%20-1.2345", "JD/1 line 4 raw"),
        ("[LOCATION-4]", "52.1234%2C%20-1.2345", "JD/1 line 4 text"),
    ]


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        ("see https://maps.app.goo.gl/AbCd123xyz?g_st=iw.", "AbCd123xyz", "maps.app.goo.gl/AbCd123xyz"),
        ("https://goo.gl/maps/Xy12AbCd", "Xy12AbCd", "goo.gl/maps/Xy12AbCd"),
        ("https://osm.org/go/euu4g9E-?m", "euu4g9E-", "osm.org/go/euu4g9E-"),  # the place, encoded
        ("www.openstreetmap.org/go/0EEQjE~~", "0EEQjE~~", "openstreetmap.org/go/0EEQjE~~"),
        ("https://waze.com/ul/hgcpvjp4qx", "hgcpvjp4qx", "waze.com/ul/hgcpvjp4qx"),  # a geohash
        ("l.php?u=https%3A%2F%2Fmaps.app.goo.gl%2FAbCd123xyz", "AbCd123xyz", "maps.app.goo.gl/AbCd123xyz"),
    ],
)
def test_a_short_map_link_is_a_place_of_its_own(text: str, masked: str, place: str) -> None:
    assert [(text[f.start : f.end], f.place, f.why) for f in find_map_places(text)] == [
        (masked, place, WHY_SHORT)
    ]


def test_the_same_short_link_is_one_mask_and_another_link_another() -> None:
    r = Redactor(frozenset({"jane doe"}))
    text = "https://maps.app.goo.gl/AbCd123 then maps.app.goo.gl/abcd123 and again https://maps.app.goo.gl/AbCd123"
    assert r.text(text, "X/1 text") == (
        "https://maps.app.goo.gl/[LOCATION-1] then maps.app.goo.gl/[LOCATION-2] and again"
        " https://maps.app.goo.gl/[LOCATION-1]"
    )
    assert [(e.mask, e.value, e.why) for e in r.log] == [
        ("[LOCATION-1]", "AbCd123", WHY_SHORT),
        ("[LOCATION-2]", "abcd123", WHY_SHORT),
        ("[LOCATION-1]", "AbCd123", WHY_SHORT),
    ]


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        ("https://www.google.com/maps/search/14+Acacia+Avenue/", "14+Acacia+Avenue", "14 acacia avenue"),
        (
            "https://www.google.co.uk/maps/place/St+Mary's+School/data=!4m2",
            "St+Mary's+School",
            "st mary's school",
        ),
        (
            "maps.google.com/?q=14+Acacia+Avenue,+Leeds&z=16)",
            "14+Acacia+Avenue,+Leeds",
            "14 acacia avenue leeds",
        ),
        (
            "https://maps.google.com/maps?hl=en&q=%2714+acacia+avenue%27",
            "%2714+acacia+avenue%27",
            "14 acacia avenue",
        ),
        (
            "https://www.google.com/maps/dir/?api=1&destination=Acacia+Avenue",
            "Acacia+Avenue",
            "acacia avenue",
        ),
        ("https://maps.apple.com/?q=Acacia%20Avenue&sll=1,2", "Acacia%20Avenue", "acacia avenue"),
        ("https://maps.apple.com/?address=14%20Acacia%20Avenue", "14%20Acacia%20Avenue", "14 acacia avenue"),
        (
            "https://www.openstreetmap.org/search?query=Acacia%20Avenue#map=5/1/2",
            "Acacia%20Avenue",
            "acacia avenue",
        ),
        ("https://www.bing.com/maps?where1=Acacia+Avenue&lvl=16", "Acacia+Avenue", "acacia avenue"),
        ("https://waze.com/ul?q=Acacia%20Avenue&navigate=yes", "Acacia%20Avenue", "acacia avenue"),
        ("https://maps.apple.com/?q=pizza", "pizza", "pizza"),  # any search in a map link is a place
        (
            "https://maps.google.com/?q=52.12,-1.23",
            "52.12,-1.23",
            "52.12 -1.23",
        ),  # too few decimals for a pair
        # a link inside a link: its punctuation percent-encoded
        (
            "l.php?u=https%3A%2F%2Fwww.google.com%2Fmaps%2Fsearch%2F14%2BAcacia%2BAvenue%2F%3Fhl%3Den",
            "14%2BAcacia%2BAvenue",
            "14 acacia avenue",
        ),
    ],
)
def test_a_places_words_in_a_map_link_are_masked_and_the_rest_of_the_link_kept(
    text: str, masked: str, place: str
) -> None:
    assert [(text[f.start : f.end], f.place, f.why) for f in find_map_places(text)] == [
        (masked, place, WHY_WORDS)
    ]


def test_each_place_of_a_journey_is_masked() -> None:
    text = "https://www.google.com/maps/dir//Work+Place/14+Acacia+Ave/@52.1,-1.2,12z/data=!4m2"
    assert [(text[f.start : f.end], f.place) for f in find_map_places(text)] == [
        ("Work+Place", "work place"),
        ("14+Acacia+Ave", "14 acacia ave"),
    ]


def test_searches_outside_a_map_are_left_alone() -> None:
    text = (
        "https://www.google.com/search?q=pizza youtube.com/results?search_query=home https://www.google.com/maps/@52.1,-1.2,17z?q="
        " osm.org/copyright notgoogle.com/maps?q=home maps.google.com/?z=16&hl=en"
    )
    assert find_map_places(text) == []


def test_a_general_short_links_path_is_masked_as_a_link_not_followed_the_host_kept() -> None:
    r = Redactor(frozenset())
    texts = (
        "see https://bit.ly/3abcDEF, t.co/Xy12ab and https://g.co/kgs/AbCd12 or www.tinyurl.com/yc4abcd?x=1",
        "again bit.ly/3abcDEF. BIT.LY/3ABCdef is another; goo.gl/AbCd but goo.gl/maps/Xy12AbCd",
        "l.php?u=https%3A%2F%2Fbit.ly%2F3abcDEF&h=1 and apple.co/3xyz",
        '{"text": "https:\\/\\/t.co\\/Xy12ab"}',
    )
    assert [r.text(t, "X/1 text") for t in texts] == [
        "see https://bit.ly/[LINK-1], t.co/[LINK-2] and https://g.co/kgs/[LINK-3] or www.tinyurl.com/[LINK-4]?x=1",
        "again bit.ly/[LINK-1]. BIT.LY/[LINK-5] is another; goo.gl/[LINK-6] but goo.gl/maps/[LOCATION-1]",
        "l.php?u=https%3A%2F%2Fbit.ly%2F[LINK-1]&h=1 and apple.co/[LINK-7]",
        '{"text": "https:\\/\\/t.co\\/[LINK-2]"}',
    ]
    assert [(e.mask, e.kind, e.value, e.why) for e in r.log] == [
        ("[LINK-1]", "LINK", "3abcDEF", WHY_LINK),
        ("[LINK-2]", "LINK", "Xy12ab", WHY_LINK),
        ("[LINK-3]", "LINK", "AbCd12", WHY_LINK),
        ("[LINK-4]", "LINK", "yc4abcd", WHY_LINK),
        ("[LINK-1]", "LINK", "3abcDEF", WHY_LINK),
        ("[LINK-5]", "LINK", "3ABCdef", WHY_LINK),  # a short link's path is read in its own case
        ("[LINK-6]", "LINK", "AbCd", WHY_LINK),
        ("[LOCATION-1]", "LOCATION", "Xy12AbCd", WHY_SHORT),
        ("[LINK-1]", "LINK", "3abcDEF", WHY_LINK),
        ("[LINK-7]", "LINK", "3xyz", WHY_LINK),
        ("[LINK-2]", "LINK", "Xy12ab", WHY_LINK),
    ]


def test_what_only_looks_like_a_short_link_is_left_alone() -> None:
    text = (
        "reddit.com/r/x at.co/x https://t.co/ notbit.ly/abc bit.ly alone apple.com/uk g.com/x"
        " tinyurl.community/x https://microsoft.com/t.co goo.gl/maps https://t.co/abc~def"
    )
    assert find_map_places(text) == []


def test_the_same_words_however_written_are_one_mask_and_coordinates_searched_for_are_the_pairs() -> None:
    r = Redactor(frozenset({"jane doe"}))
    text = (
        "maps.google.com/?q=14+Acacia+Avenue and https://maps.apple.com/?address=14%20acacia%20avenue&z=3"
        " and google.com/maps/search/52.1234,+-1.2345 near 52.1234, -1.2345"
    )
    assert r.text(text, "X/1 text") == (
        "maps.google.com/?q=[LOCATION-1] and https://maps.apple.com/?address=[LOCATION-1]&z=3"
        " and google.com/maps/search/[LOCATION-2] near [LOCATION-2]"
    )
    assert [(e.mask, e.value, e.why) for e in r.log] == [
        ("[LOCATION-1]", "14+Acacia+Avenue", WHY_WORDS),
        ("[LOCATION-1]", "14%20acacia%20avenue", WHY_WORDS),
        ("[LOCATION-2]", "52.1234,+-1.2345", WHY),
        ("[LOCATION-2]", "52.1234, -1.2345", WHY),
    ]


def test_a_disclosure_copy_masks_short_links_searched_places_and_degrees_in_every_file(
    case: Case, tmp_path: Path
) -> None:
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    export = tmp_path / "places.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["sent_at", "sender", "text"])
        w.writerow(["2026-11-01T10:00:00Z", "John Smith", "I know https://maps.app.goo.gl/Qw3rTy9 is yours"])
        w.writerow(["2026-11-01T10:01:00Z", "John Smith", "https://maps.google.com/?q=14+Acacia+Avenue&z=16"])
        w.writerow(["2026-11-01T10:02:00Z", "John Smith", "at 51°30'26\"N 0°7'39\"W, it was 21°C"])
    add_exhibit(
        case,
        export,
        AddOptions(producer="Jane Doe", exhibit_ref="JD/1", format="csv_generic", platform="sms"),
    )
    folder, written = disclosure_copy(case)
    assert {"items.jsonl", "report.html", "bundle:items.jsonl"} <= set(written)
    assert any(n.startswith("schedules/") for n in written)
    for words in (b"Qw3rTy9", b"Acacia", b"51\xc2\xb030", b"0\xc2\xb07"):
        assert [n for n, data in written.items() if words in data] == [], words
    assert (
        "and what3words addresses, coordinates in degrees and minutes (with marks or without), short map links,"
        " the paths of general short links, which are not followed (bit.ly, t.co, …: [LINK-1]), the words and"
        " ids a map link names a place by and coordinates in an XML record, each also where a JSON writer escapes"
        " it," in str(written["report.html"], "utf-8")
    )
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    assert [i["text"] for i in items] == [
        "I know https://maps.app.goo.gl/[LOCATION-1] is yours",
        "https://maps.google.com/?q=[LOCATION-2]&z=16",
        "at [LOCATION-3], it was 21°C",
    ]
    log = list(csv.DictReader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text("utf-8"))))
    assert sorted((r["Mask"], r["Original value"], r["Where"], r["Why"]) for r in log) == [
        ("[LOCATION-1]", "Qw3rTy9", "JD/1 line 2 raw", WHY_SHORT),
        ("[LOCATION-1]", "Qw3rTy9", "JD/1 line 2 text", WHY_SHORT),
        ("[LOCATION-2]", "14+Acacia+Avenue", "JD/1 line 3 raw", WHY_WORDS),
        ("[LOCATION-2]", "14+Acacia+Avenue", "JD/1 line 3 text", WHY_WORDS),
        # the CSV line doubles the mark of seconds
        ("[LOCATION-3]", '51°30\'26""N 0°7\'39""W', "JD/1 line 4 raw", WHY_DEGREES),
        ("[LOCATION-3]", "51°30'26\"N 0°7'39\"W", "JD/1 line 4 text", WHY_DEGREES),
    ]


def test_a_disclosure_copy_masks_degrees_without_marks_and_a_short_links_path_and_counts_links_apart(
    case: Case, tmp_path: Path
) -> None:
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    export = tmp_path / "shapes.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["sent_at", "sender", "text"])
        w.writerow(["2026-11-01T10:00:00Z", "John Smith", "you were at 51 30 26 N 0 7 39 W at 12 30 45"])
        w.writerow(["2026-11-01T10:01:00Z", "John Smith", "look https://bit.ly/3abcDEF then t.co/Xy12ab"])
    add_exhibit(
        case,
        export,
        AddOptions(producer="Jane Doe", exhibit_ref="JD/1", format="csv_generic", platform="sms"),
    )
    folder, written = disclosure_copy(case)
    for words in (b"51 30 26", b"0 7 39", b"3abcDEF", b"Xy12ab"):
        assert [n for n, data in written.items() if words in data] == [], words
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    assert [i["text"] for i in items] == [
        "you were at [LOCATION-1] at 12 30 45",
        "look https://bit.ly/[LINK-1] then t.co/[LINK-2]",
    ]
    log = list(csv.DictReader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text("utf-8"))))
    assert sorted((r["Mask"], r["Kind"], r["Original value"], r["Where"], r["Why"]) for r in log) == [
        ("[LINK-1]", "LINK", "3abcDEF", "JD/1 line 3 raw", WHY_LINK),
        ("[LINK-1]", "LINK", "3abcDEF", "JD/1 line 3 text", WHY_LINK),
        ("[LINK-2]", "LINK", "Xy12ab", "JD/1 line 3 raw", WHY_LINK),
        ("[LINK-2]", "LINK", "Xy12ab", "JD/1 line 3 text", WHY_LINK),
        ("[LOCATION-1]", "LOCATION", "51 30 26 N 0 7 39 W", "JD/1 line 2 raw", WHY_DEGREES),
        ("[LOCATION-1]", "LOCATION", "51 30 26 N 0 7 39 W", "JD/1 line 2 text", WHY_DEGREES),
    ]
    mg6d = (case.reports_dir / "schedules" / "mg6d.csv").read_text("utf-8")
    assert (
        "Unredacted exhibit JD/1 (shapes.csv) holding third-party personal data (link 4, location 2"
        " occurrence(s))" in mg6d
    )


@pytest.mark.parametrize(
    ("text", "masked", "place"),
    [
        ("https://maps.google.com/?cid=10908", "10908", "google 10908"),
        ("https://www.google.com/maps?ludocid=10908&hl=en.", "10908", "google 10908"),
        ("https://www.google.com/maps?ftid=0x48761b%3A0x2a9c", "0x48761b%3A0x2a9c", "google 10908"),
        ("google.com/maps/place//data=!4m2!3m1!1s0x48761b:0x2a9c!8m2", "0x48761b:0x2a9c", "google 10908"),
        ("google.com/maps/@?api=1&map_action=map&query_place_id=ChIJdd4hrw", "ChIJdd4hrw", "google place id ChIJdd4hrw"),
        ("google.com/maps/dir/?api=1&destination_place_id=ChIJdd4hrw", "ChIJdd4hrw", "google place id ChIJdd4hrw"),
        ("google.com/maps/place/?q=place_id:ChIJdd4hrw", "place_id:ChIJdd4hrw", "google place id ChIJdd4hrw"),
        ("google.com/maps/place//data=!4m2!3m1!19sChIJdd4hrw!5m1", "ChIJdd4hrw", "google place id ChIJdd4hrw"),
        ("https://maps.apple.com/?auid=1234567890&lsp=9902", "1234567890", "apple auid 1234567890"),
        ("https://maps.apple.com/place?place-id=I5C2F8A7B1E&_provider=9902", "I5C2F8A7B1E", "apple place-id I5C2F8A7B1E"),
        ("https://www.openstreetmap.org/node/123456789#map=19/51.5/-0.1", "123456789", "openstreetmap node 123456789"),
    ],
)  # fmt: skip
def test_a_places_id_in_a_map_link_is_a_place(text: str, masked: str, place: str) -> None:
    assert [(text[c.start : c.end], c.place, c.why) for c in find_map_places(text)] == [
        (masked, place, WHY_ID)
    ]


def test_one_place_by_its_cid_feature_id_or_place_id_however_written_is_one_mask() -> None:
    r = Redactor(frozenset({"jane doe"}))
    assert r.text(
        "https://maps.google.com/?cid=10908 or https://www.google.com/maps/place/Home/data=!4m6!3m5"
        "!1s0x48761b:0x2a9c!8m2 or https:\\/\\/www.google.com\\/maps?ftid=0x48761b:0x2a9c",
        "X/1 text",
    ) == (
        "https://maps.google.com/?cid=[LOCATION-1] or https://www.google.com/maps/place/[LOCATION-2]/data="
        "!4m6!3m5!1s[LOCATION-1]!8m2 or https:\\/\\/www.google.com\\/maps?ftid=[LOCATION-1]"
    )
    assert r.text(
        "google.com/maps/place/?q=place_id:ChIJdd4hrw and google.com/maps/search/?api=1&query=x"
        "&query_place_id=ChIJdd4hrw; ChIJDD4hrw is another",
        "X/2 text",
    ) == (
        "google.com/maps/place/?q=[LOCATION-3] and google.com/maps/search/?api=1&query=[LOCATION-4]"
        "&query_place_id=[LOCATION-3]; ChIJDD4hrw is another"
    )
    assert [(e.mask, e.value) for e in r.log if e.why == WHY_ID] == [
        ("[LOCATION-1]", "10908"),
        ("[LOCATION-1]", "0x48761b:0x2a9c"),
        ("[LOCATION-1]", "0x48761b:0x2a9c"),
        ("[LOCATION-3]", "place_id:ChIJdd4hrw"),
        ("[LOCATION-3]", "ChIJdd4hrw"),
    ]


def test_an_id_outside_a_map_link_or_an_empty_feature_id_is_no_place() -> None:
    for text in (
        "https://example.org/?cid=10908",  # not a map's
        "https://mail.google.com/mail/?cid=10908",
        "https://www.google.com/search?q=pizza&ludocid=10908",  # a search outside a map
        "https://www.google.com/maps/place//data=!4m5!3m4!1s0x0:0x0!8m2",  # Google's empty feature id
        "https://www.google.com/maps?client=firefox&id=5&placeid=x",
        "https://www.openstreetmap.org/user/node/x https://www.openstreetmap.org/changeset/42",
    ):
        assert find_map_places(text) == [], text


def test_a_google_knowledge_graph_id_in_a_links_data_is_a_place_however_its_slashes_are_written() -> None:
    r = Redactor(frozenset())
    texts = (
        "https://www.google.com/maps/place/Home/data=!4m2!3m1!1s0x0:0x0!16s/g/11abc1def2",
        "https://www.google.com/maps/place/Gym/data=!4m6!3m5!8m2!3d51.5!4d-0.1!16s%2Fg%2F11abc1def2!5m1",
        "https://www.google.com/maps/place/Work/data=!4m2!3m1!16s%252Fm%252F0abc12",
        "https://example.org/x/data=!16s/g/11abc1def2",  # not a map link
    )
    assert [r.text(t, "X/1 text") for t in texts] == [
        "https://www.google.com/maps/place/[LOCATION-1]/data=!4m2!3m1!1s0x0:0x0!16s[LOCATION-2]",
        "https://www.google.com/maps/place/[LOCATION-3]/data=!4m6!3m5!8m2!3d51.5!4d-0.1!16s[LOCATION-2]!5m1",
        "https://www.google.com/maps/place/[LOCATION-4]/data=!4m2!3m1!16s[LOCATION-5]",
        "https://example.org/x/data=!16s/g/11abc1def2",
    ]
    assert [(e.mask, e.value, e.why) for e in r.log if e.why == WHY_ID] == [
        ("[LOCATION-2]", "/g/11abc1def2", WHY_ID),
        ("[LOCATION-2]", "%2Fg%2F11abc1def2", WHY_ID),
        ("[LOCATION-5]", "%252Fm%252F0abc12", WHY_ID),
    ]
