"""Where a photo was taken: shown in the full report, the chronology schedule and items.jsonl; masked
in every file of a disclosure copy and its bundle, one mask per place, each occurrence in the redaction
log with its reason."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import escape

from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, write_outputs
from footprint.report.coordinates import WHY, find_coordinates
from footprint.report.redact import Redactor
from footprint.synth.writers import ChatLine, write_whatsapp_txt
from tests.exif_gps import SOUND, SOUND_DETAILS, SOUND_WORDS, jpeg
from tests.heif import exif_record, heic

ELSEWHERE = {**SOUND, 1: "S", 3: "E"}  # the same numbers in the other hemispheres: another place
WHERE_TAKEN = "where taken (the image's EXIF GPS record): "


def _case(case: Case, tmp_path: Path) -> None:
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    chat = tmp_path / "WhatsApp Chat with John Smith.txt"
    write_whatsapp_txt(
        chat,
        [ChatLine(datetime(2026, 1, 2, 20, 0), "John Smith", "saw you at 52.1234560,-1.2345670 today")],
    )
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", date_order="dmy"))
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "outside.jpg").write_bytes(jpeg(exif_record("2026:01:02 13:04:00", "+00:00", gps=SOUND)))
    (folder / "IMG_0002.HEIC").write_bytes(heic(exif_record("2026:01:02 13:05:00", "+00:00", gps=ELSEWHERE)))
    add_exhibit(case, folder, AddOptions(producer="Jane Doe", exhibit_ref="JD/2"))


def _items(path: Path) -> dict[str, dict[str, Any]]:
    """items.jsonl's items by locator."""
    return {(i := json.loads(line))["locator"]: i for line in path.read_text("utf-8").splitlines()}


def _files(folder: Path, bundle: Path) -> dict[str, bytes]:
    """Every file of a disclosure copy and of its bundle, by name."""
    out = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(bundle) as z:
        out |= {f"bundle:{n}": z.read(n) for n in z.namelist()}
    return out


def test_coordinates_are_shown_in_full_and_masked_in_every_file_of_a_disclosure_copy(
    case: Case, tmp_path: Path
) -> None:
    _case(case, tmp_path)
    write_outputs(case, ReportOptions(bundle=True))  # the prosecution's own copy: coordinates kept
    reports = case.reports_dir
    full = _items(reports / "items.jsonl")
    assert {
        k: v for k, v in full["outside.jpg"]["details"].items() if k.startswith("location")
    } == SOUND_DETAILS
    assert full["IMG_0002.HEIC"]["details"]["location"] == "-52.123456, 1.234567"
    assert str(escape(f"{WHERE_TAKEN}{SOUND_WORDS}")) in (reports / "report.html").read_text("utf-8")
    chronology = list(
        csv.DictReader(io.StringIO((reports / "schedules" / "chronology.csv").read_text("utf-8")))
    )
    taken = {r["Locator"]: r["Reported by, place (incidents); where taken (images)"] for r in chronology}
    assert taken["outside.jpg"] == f"{WHERE_TAKEN}{SOUND_WORDS}"
    assert taken["line 1"] == ""

    write_outputs(
        case, ReportOptions(redact=True, bundle=True, disclosure_to="Defence", justification="CPIA")
    )
    written = _files(reports / "disclosure", reports / "disclosure-bundle.zip")
    assert {"items.jsonl", "report.html", "schedules/chronology.csv", "bundle:items.jsonl"} <= set(written)
    for place in (b"52.123456", b"1.234567", b"52.1234560", b"1.2345670"):
        assert [n for n, data in written.items() if place in data] == [], place
    assert "coordinates written as decimal degrees, such as where a photo says it was taken" in str(
        written["report.html"], "utf-8"
    )
    items = _items(reports / "disclosure" / "items.jsonl")
    assert items["outside.jpg"]["details"]["location"] == "[LOCATION-1]"
    assert items["IMG_0002.HEIC"]["details"]["location"] == "[LOCATION-2]"
    assert items["line 1"]["text"] == "saw you at [LOCATION-1] today"  # the same place: the same mask
    assert f"location [LOCATION-1] ({SOUND_WORDS.split(' (', 1)[1]}" in items["outside.jpg"]["raw"]
    log = list(csv.DictReader(io.StringIO((reports / "redaction-log.csv").read_text("utf-8"))))
    assert sorted(
        (r["Mask"], r["Kind"], r["Original value"], r["Where"]) for r in log if r["Why"] == WHY
    ) == [
        ("[LOCATION-1]", "LOCATION", "52.123456, -1.234567", "JD/2 outside.jpg location"),
        ("[LOCATION-1]", "LOCATION", "52.123456, -1.234567", "JD/2 outside.jpg raw"),
        ("[LOCATION-1]", "LOCATION", "52.1234560,-1.2345670", "JD/1 line 1 raw"),
        ("[LOCATION-1]", "LOCATION", "52.1234560,-1.2345670", "JD/1 line 1 text"),
        # a cell starting with "-" is quoted, so that a spreadsheet never reads it as a formula
        ("[LOCATION-2]", "LOCATION", "'-52.123456, 1.234567", "JD/2 IMG_0002.HEIC location"),
        ("[LOCATION-2]", "LOCATION", "'-52.123456, 1.234567", "JD/2 IMG_0002.HEIC raw"),
    ]
    mg6d = (reports / "schedules" / "mg6d.csv").read_text("utf-8")
    assert (
        "Unredacted exhibit JD/2 (photos.zip) holding third-party personal data (location 4 occurrence(s))"
        in mg6d
    )


def test_only_a_pair_of_decimal_degrees_in_range_is_taken_for_coordinates() -> None:
    found = find_coordinates(
        "at 51.5007, -0.1246; 52.123456,-1.234567 maps?q=-33.8568,151.2153 not 1.5, 2.25 nor v2.1234, 3.4567"
        " nor 95.12345, 1.12345 nor 1.234567, 190.123456 nor 3.14159"
    )
    assert [f.place for f in found] == [
        "51.500700, -0.124600",
        "52.123456, -1.234567",
        "-33.856800, 151.215300",
    ]
    r = Redactor(frozenset({"jane doe"}))
    assert r.text("we met at 51.5007, -0.1246 and at 51.50070,-0.12460", "X/1 text") == (
        "we met at [LOCATION-1] and at [LOCATION-1]"
    )


def test_a_pair_in_a_link_with_its_comma_percent_encoded_or_as_lat_and_lon_fields_is_masked() -> None:
    # Google's documented map link encodes the comma; it was not found, so a disclosure copy kept it
    text = (
        "https://www.google.com/maps/search/?api=1&query=52.123456%2C-1.234567 and"
        " maps?query=52.123456%2c-1.234567, osm?lat=-33.8568&lon=151.2153 app?LAT=-33.85680&lng=151.21530"
        " not x?lat=95.12345&lon=1.12345 nor v=1.2345%2C nor flat=51.5007&lon=-0.1246 nor 12%2C345.6789"
    )
    assert [(text[f.start : f.end], f.place) for f in find_coordinates(text)] == [
        ("52.123456%2C-1.234567", "52.123456, -1.234567"),
        ("52.123456%2c-1.234567", "52.123456, -1.234567"),
        ("lat=-33.8568&lon=151.2153", "-33.856800, 151.215300"),
        ("LAT=-33.85680&lng=151.21530", "-33.856800, 151.215300"),
    ]
    r = Redactor(frozenset({"jane doe"}))
    assert r.text(text, "X/1 text") == (
        "https://www.google.com/maps/search/?api=1&query=[LOCATION-1] and maps?query=[LOCATION-1],"
        " osm?[LOCATION-2] app?[LOCATION-2] not x?lat=95.12345&lon=1.12345 nor v=1.2345%2C nor"
        " flat=51.5007&lon=-0.1246 nor 12%2C345.6789"
    )
