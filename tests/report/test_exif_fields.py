"""A device's owner named in an image's EXIF make and model: masked in the disclosure copy, logged why."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, write_outputs
from footprint.report.exif_fields import device_owners
from footprint.report.redact import DEVICE_OWNER, GIVEN_NAME, Redactor
from footprint.synth.writers import ChatLine, write_whatsapp_txt
from report.names_set import DEVICES, DEVICES_HELD_OUT_30NOV, Score, score_devices
from tests.heif import exif_record, heic

PARTIES = frozenset({"jane doe", "john smith"})


@pytest.mark.parametrize(
    ("device", "owners"),
    [
        ("Apple Priya Sharma's iPhone", ("Priya Sharma",)),
        ("Apple Priya’s iPhone 13", ("Priya",)),
        ("Xiaomi Tom O'Neill's Redmi Note", ("Tom O'Neill",)),
        ("Anne-Marie Smith-Jones's Galaxy", ("Anne-Marie Smith-Jones",)),
        ("HUAWEI PRIYA'S P30", ("PRIYA",)),
        # a maker, a model, a party's own phone, a word that is no name: nobody
        ("Apple iPhone 13", ()),
        ("Google Pixel 7", ()),
        ("samsung SM-G991B", ()),
        ("Apple Jane's iPad", ()),
        ("Apple Jane Doe's iPhone", ()),
        ("Samsung's Galaxy", ()),
        ("Mum's phone", ()),
        # named without a possessive (were not found)
        ("Apple iPhone Priya Sharma", ("Priya Sharma",)),
        ("Apple Priya Sharma iPhone", ("Priya Sharma",)),
        ("Apple Priya-Sharma-iPhone", ("Priya Sharma",)),
        ("samsung Galaxy S21 of Priya", ("Priya",)),
        ("Apple iPhone 13 Tom O'Neill", ("Tom O'Neill",)),
        ("Apple iPad of Jane Doe", ()),
        ("Essential Phone", ()),
        ("Canon Canon EOS 5D Mark IV", ()),
        ("Apple MacBook Air", ()),
    ],
)
def test_the_owner_a_device_is_named_after(device: str, owners: tuple[str, ...]) -> None:
    assert device_owners([device], PARTIES) == owners


def _jpeg(model: str) -> bytes:
    exif = Image.Exif()
    exif[271] = "Apple"
    exif[272] = model
    exif.get_ifd(0x8769)[36867] = "2024:03:01 21:14:00"
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_device_s_owner_is_masked_everywhere_in_the_disclosure_copy(case: Case, tmp_path: Path) -> None:
    # was: "Apple Priya Sharma's iPhone" readable in the disclosure copy's items.jsonl (details.device and
    # raw), and not in the redaction log; "Priya Sharma told me …" at a sentence's start only listed (L2)
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    chat = tmp_path / "WhatsApp Chat with John Smith.txt"
    write_whatsapp_txt(
        chat,
        [
            ChatLine(datetime(2024, 3, 1, 20, 0), "John Smith", "Priya Sharma told me where you work"),
            ChatLine(datetime(2024, 3, 1, 20, 1), "Jane Doe", "leave Priya out of it"),
        ],
    )
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", date_order="dmy"))
    folder = tmp_path / "shots"
    folder.mkdir()
    # an iPhone's HEIC (its EXIF read from its boxes since screenshots v3) as a JPEG
    (folder / "theirs.heic").write_bytes(
        heic(exif_record("2024:03:01 21:14:00", None, "Apple", "Priya Sharma's iPhone"))
    )
    (folder / "Screenshot_20240301-211500 from Priya.jpg").write_bytes(_jpeg("Priya's iPad"))
    (folder / "mine.jpg").write_bytes(_jpeg("Jane's iPhone"))
    add_exhibit(case, folder, AddOptions(producer="Jane Doe", exhibit_ref="JD/2"))
    write_outputs(case, ReportOptions(redact=True, disclosure_to="CPS", justification="advice"))
    copy = case.reports_dir / "disclosure"
    written = {p.relative_to(copy).as_posix(): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert {"items.jsonl", "timeline.jsonl", "report.html", "schedules/chronology.csv"} <= set(written)
    assert [n for n, data in written.items() if b"Priya" in data or b"Sharma" in data] == []
    items = (copy / "items.jsonl").read_text("utf-8")
    assert '"device": "Apple [NAME-1]\'s iPhone"' in items and '"device": "Apple [NAME-2]\'s iPad"' in items
    assert '"device": "Apple Jane\'s iPhone"' in items  # a party's own phone: her name is kept
    assert "[NAME-1] told me where you work" in items and "leave [NAME-2] out of it" in items
    log = list(csv.DictReader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text("utf-8-sig"))))
    owners = {(r["Mask"], r["Original value"], r["Where"]) for r in log if r["Why"] == DEVICE_OWNER}
    assert {
        ("[NAME-1]", "Priya Sharma", "JD/2 theirs.heic device"),
        ("[NAME-1]", "Priya Sharma", "JD/2 theirs.heic raw"),
        ("[NAME-1]", "Priya Sharma", "JD/1 line 1 text"),
        ("[NAME-2]", "Priya", "JD/2 Screenshot_20240301-211500 from Priya.jpg locator"),
        ("[NAME-2]", "Priya", "JD/2 Screenshot_20240301-211500 from Priya.jpg device"),
    } <= owners
    assert {r["Why"] for r in log if "Priya" in r["Original value"]} == {DEVICE_OWNER}
    mg6d = (case.reports_dir / "schedules" / "mg6d.csv").read_text("utf-8")
    assert (
        "Unredacted exhibit JD/2 (shots.zip) holding third-party personal data (name 7 occurrence(s))" in mg6d
    )


def test_a_given_name_keeps_its_own_reason_when_a_device_is_named_after_it_too() -> None:
    r = Redactor(PARTIES, ("Priya Sharma",), owners=("Priya Sharma", "Tom", "Jane Doe"))
    assert r.text("Priya Sharma and Tom, not Jane Doe", "X/1 text") == "[NAME-1] and [NAME-2], not Jane Doe"
    assert [(e.mask, e.value, e.why) for e in r.log] == [
        ("[NAME-1]", "Priya Sharma", GIVEN_NAME),
        ("[NAME-2]", "Tom", DEVICE_OWNER),
    ]


def test_a_device_named_without_a_possessive_is_masked_with_its_owners_name_however_joined() -> None:
    [owner] = device_owners(["Apple Priya-Sharma-iPhone"], PARTIES)
    r = Redactor(PARTIES, owners=(owner,))
    assert r.names_masked("Apple Priya-Sharma-iPhone", "X/1 device") == "Apple [NAME-1]-iPhone"
    assert r.text("Priya Sharma told me", "X/2 text", free=True) == "[NAME-1] told me"
    assert [(e.mask, e.value, e.why) for e in r.log] == [
        ("[NAME-1]", "Priya-Sharma", DEVICE_OWNER),
        ("[NAME-1]", "Priya Sharma", DEVICE_OWNER),
    ]


def test_device_owners_on_the_synthetic_set() -> None:
    # written with the rules; before them (a possessive only): Score(22, 0, 0, 7, 0)
    assert score_devices(DEVICES) == Score(22, 7, 0, 0, 0)
    # written after the rules, not tuned on; before them Score(8, 0, 0, 4, 0)
    assert score_devices(DEVICES_HELD_OUT_30NOV) == Score(8, 4, 0, 0, 0)
