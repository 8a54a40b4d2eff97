"""A place shared as a map link (Google, Apple, OpenStreetMap, Bing, geo: URIs, what3words) is masked
whole in a disclosure copy: every pair in the link, one mask per place, each occurrence in the redaction
log; ordinary numbers (prices, times, phone numbers) are left alone."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, write_outputs
from footprint.report.coordinates import WHY, WHY_W3W, find_coordinates
from footprint.report.redact import Redactor

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
    assert r.text(GOOGLE_PLACE, "X/1 text") == (
        "I know where you live https://www.google.com/maps/place/Home/@[LOCATION-1]%2C17z/data="
        "!3m1!4b1!4m5!3m4!1s0x0:0x0!8m2[LOCATION-1] I will kill you"
    )
    assert r.text(OSM, "X/2 text") == (
        "https://www.openstreetmap.org/?[LOCATION-2]#map=17/[LOCATION-2] see you there"
    )
    assert r.text(SPACED, "X/3 text") == "https://maps.google.com/?q=[LOCATION-3] and [LOCATION-2]"


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
    write_outputs(
        case, ReportOptions(redact=True, bundle=True, disclosure_to="Defence", justification="CPIA")
    )
    reports = case.reports_dir
    folder, bundle = reports / "disclosure", reports / "disclosure-bundle.zip"
    written = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(bundle) as z:
        written |= {f"bundle:{n}": z.read(n) for n in z.namelist()}
    assert {"items.jsonl", "report.html", "bundle:items.jsonl"} <= set(written)
    assert any(n.startswith("schedules/") for n in written)
    for number in (b"52.123", b"1.234", b"52%2E"):
        assert [n for n, data in written.items() if number in data] == [], number
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    texts = [i["text"] for i in items if i.get("text")]
    assert texts == [
        "I know where you live https://www.google.com/maps/place/Home/@[LOCATION-1]%2C17z/data="
        "!3m1!4b1!4m5!3m4!1s0x0:0x0!8m2[LOCATION-1] I will kill you",
        "https://www.openstreetmap.org/?[LOCATION-2]#map=17/[LOCATION-2] see you there",
        "https://maps.google.com/?q=[LOCATION-3] and [LOCATION-2]",
    ]
    assert all("[LOCATION-" in i["raw"] for i in items if i.get("text"))
    assert (
        "coordinates written as decimal degrees, such as where a photo says it was taken or a place a map"
        " link shares, and what3words addresses," in str(written["report.html"], "utf-8")
    )
    log = list(csv.DictReader(io.StringIO((reports / "redaction-log.csv").read_text("utf-8"))))
    assert sorted((r["Mask"], r["Original value"], r["Where"]) for r in log if r["Why"] == WHY) == [
        ("[LOCATION-1]", "!3d52.1234567!4d-1.2345678", "JD/1 line 2 raw"),
        ("[LOCATION-1]", "!3d52.1234567!4d-1.2345678", "JD/1 line 2 text"),
        ("[LOCATION-1]", "52.1234567%2C-1.2345678", "JD/1 line 2 raw"),
        ("[LOCATION-1]", "52.1234567%2C-1.2345678", "JD/1 line 2 text"),
        ("[LOCATION-2]", "52.12345/-1.23456", "JD/1 line 3 raw"),
        ("[LOCATION-2]", "52.12345/-1.23456", "JD/1 line 3 text"),
        ("[LOCATION-2]", "lon=-1.23456&lat=52.12345", "JD/1 line 4 raw"),
        ("[LOCATION-2]", "lon=-1.23456&lat=52.12345", "JD/1 line 4 text"),
        ("[LOCATION-2]", "mlat=52.12345&mlon=-1.23456", "JD/1 line 3 raw"),
        ("[LOCATION-2]", "mlat=52.12345&mlon=-1.23456", "JD/1 line 3 text"),
        ("[LOCATION-3]", "52.1234%2C%20-1.2345", "JD/1 line 4 raw"),
        ("[LOCATION-3]", "52.1234%2C%20-1.2345", "JD/1 line 4 text"),
    ]
