"""A place written through a JSON writer's escapes (``https:\\/\\/…``, ``\\u0026``) is found as the
same place it is unescaped, and masked where written, escapes and all; other links are left alone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report.coordinates import WHY, WHY_DEGREES
from footprint.report.locations import find_locations
from footprint.report.map_links import WHY_SHORT, WHY_WORDS
from footprint.report.redact import Redactor
from tests.report.disclosed import disclosure_copy

PLACE = "https://www.google.com/maps/place/14+Acacia+Avenue,+Leeds/@51.5012345,-0.1234567,17z"
ESCAPED = PLACE.replace("/", "\\/")


@pytest.mark.parametrize(
    ("text", "written", "place", "why"),
    [
        (r"https:\/\/maps.app.goo.gl\/Qw3rTy9", ["Qw3rTy9"], ["maps.app.goo.gl/Qw3rTy9"], WHY_SHORT),
        (
            r"https:\/\/www.openstreetmap.org\/?mlat=52.12345\u0026mlon=-1.23456#map=17\/52.12345\/-1.23456",
            [r"mlat=52.12345\u0026mlon=-1.23456", r"52.12345\/-1.23456"],
            ["52.123450, -1.234560"] * 2,
            WHY,
        ),
        (r"https:\/\/maps.google.com\/?q=14+Acacia+Avenue\u0026z=16", ["14+Acacia+Avenue"], ["14 acacia avenue"], WHY_WORDS),
        (r"https:\/\/www.google.com\/maps\/search\/Caf\u00e9+Rouge", [r"Caf\u00e9+Rouge"], ["café rouge"], WHY_WORDS),
        (r'at 51\u00b030\u002726\"N 0\u00b07\u002739\"W', [r'51\u00b030\u002726\"N 0\u00b07\u002739\"W'], ["51.507222, -0.127500"], WHY_DEGREES),
    ],
)  # fmt: skip
def test_a_place_escaped_by_a_json_writer_is_found_where_written(
    text: str, written: list[str], place: list[str], why: str
) -> None:
    found = find_locations(text)
    assert [text[c.start : c.end] for c in found] == written
    assert [c.place for c in found] == place
    assert {c.why for c in found} == {why}


def test_an_escaped_link_is_the_same_place_with_the_same_mask_as_the_link_unescaped() -> None:
    r = Redactor(frozenset({"jane doe"}))
    assert r.text(PLACE, "X/1 text") == "https://www.google.com/maps/place/[LOCATION-1]/@[LOCATION-2],17z"
    assert r.text(f"see {ESCAPED} now", "X/1 raw") == (
        r"see https:\/\/www.google.com\/maps\/place\/[LOCATION-1]\/@[LOCATION-2],17z now"
    )
    assert [(e.mask, e.value, e.where) for e in r.log] == [
        ("[LOCATION-1]", "14+Acacia+Avenue,+Leeds", "X/1 text"),
        ("[LOCATION-2]", "51.5012345,-0.1234567", "X/1 text"),
        ("[LOCATION-1]", "14+Acacia+Avenue,+Leeds", "X/1 raw"),
        ("[LOCATION-2]", "51.5012345,-0.1234567", "X/1 raw"),
    ]


def test_escaped_slashes_outside_a_map_link_and_an_escaped_backslash_are_left_alone() -> None:
    for text in (
        r"https:\/\/www.google.com\/search?q=pizza",  # a search outside a map
        r"https:\/\/example.org\/place\/Home\/@x",  # not a map's host
        r"maps.app.goo.gl\\/Qw3rTy9",  # "\\" is an escaped backslash: the link's host ends there
    ):
        assert find_locations(text) == [], text


def test_a_messenger_exports_escaped_link_leaves_no_place_in_any_file_of_a_disclosure_copy(
    case: Case, tmp_path: Path
) -> None:
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    message = {"sender_name": "John Smith", "timestamp_ms": 1699999000000, "content": f"I know {PLACE}"}
    thread = {
        "participants": [{"name": "John Smith"}, {"name": "Jane Doe"}],
        "messages": [message],
        "title": "John Smith",
        "thread_path": "inbox/johnsmith_42",
    }
    export = tmp_path / "message_1.json"  # as PHP's json_encode and Meta write it: every "/" as "\/"
    export.write_text(json.dumps(thread, indent=1).replace("/", "\\/"), "utf-8")
    add_exhibit(case, export, AddOptions(producer="Jane Doe", exhibit_ref="JD/1"))
    folder, written = disclosure_copy(case)
    assert {"items.jsonl", "bundle:items.jsonl"} <= set(written)
    for words in (b"Acacia", b"51.50", b"0.1234"):
        assert [n for n, data in written.items() if words in data] == [], words
    (item,) = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines()]
    assert item["text"] == "I know https://www.google.com/maps/place/[LOCATION-1]/@[LOCATION-2],17z"
    raw = r'"content": "I know https:\/\/www.google.com\/maps\/place\/[LOCATION-1]\/@[LOCATION-2],17z"'
    assert raw in item["raw"]
    log = list(csv.DictReader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text("utf-8"))))
    assert [(r["Mask"], r["Original value"], r["Where"]) for r in log] == [
        ("[LOCATION-1]", "14+Acacia+Avenue,+Leeds", "JD/1 messages[0] text"),
        ("[LOCATION-2]", "51.5012345,-0.1234567", "JD/1 messages[0] text"),
        ("[LOCATION-1]", "14+Acacia+Avenue,+Leeds", "JD/1 messages[0] raw"),
        ("[LOCATION-2]", "51.5012345,-0.1234567", "JD/1 messages[0] raw"),
    ]


def test_a_map_link_escaped_by_an_html_writer_is_masked_where_written() -> None:
    r = Redactor(frozenset())
    texts = (
        '<a href="https://www.google.com/maps?z=16&amp;q=51.501234&#44;-0.123456">here</a>',
        "https:&#x2F;&#x2F;maps.app.goo.gl&#x2F;Qw3rTy9",
        "https:&#47;&#47;www.google.com&#47;maps&#47;place&#47;Caf&eacute;+Rouge",
        "https://www.google.com/maps/search/Caf%C3%A9+Rouge &amp; Tom &c; &#0; &nosuch;",
    )
    assert [r.text(t, "X/1 raw") for t in texts] == [
        '<a href="https://www.google.com/maps?z=16&amp;q=[LOCATION-1]">here</a>',
        "https:&#x2F;&#x2F;maps.app.goo.gl&#x2F;[LOCATION-2]",
        "https:&#47;&#47;www.google.com&#47;maps&#47;place&#47;[LOCATION-3]",
        "https://www.google.com/maps/search/[LOCATION-3] &amp; Tom &c; &#0; &nosuch;",
    ]
    assert [(e.mask, e.value) for e in r.log] == [
        ("[LOCATION-1]", "51.501234&#44;-0.123456"),
        ("[LOCATION-2]", "Qw3rTy9"),
        ("[LOCATION-3]", "Caf&eacute;+Rouge"),
        ("[LOCATION-3]", "Caf%C3%A9+Rouge"),
    ]
