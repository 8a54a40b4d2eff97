"""Disclosure copy: where the complainant lives and goes is masked (postcodes and street addresses in any
case, street names without a number, flats, schools, hospitals, workplaces, the places the case names);
towns are listed for a person to check, not masked; the MG6D says which is which."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PIL import Image

from footprint.analyse.conduct.orders import add_order
from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report import schedules as sch
from footprint.report.disclosure_rows import party_identifiers
from footprint.report.places import RULES, case_places, find_places
from footprint.report.redact import NameToCheck, Redactor
from footprint.synth.writers import write_csv
from report.names_set import ORDINARY
from report.places_set import HELD_OUT, NEW_KINDS, NEW_KINDS_HELD_OUT, SENTENCES, Score, score

KEEP = party_identifiers([], ["Jane Doe", "Alex Suspect"])


def _masked(text: str, places: tuple[str, ...] = ()) -> tuple[str, list[tuple[str, str, str]], Redactor]:
    r = Redactor(KEEP, places=places)
    out, _ = r.text_with_offsets(text, "JD/1 line 1 text", free=True)
    return out, [(e.mask, e.value, e.why) for e in r.log], r


A1 = "pattern, rule A1: a UK postcode in any case or spacing (LS6 2QT, ls62qt)"
A2 = (
    "pattern, rule A2: a house number and a street name ending in a street word, in any case"
    " (14 rosebank close, 14ROSEBANK CLOSE)"
)
A3 = (
    "pattern, rule A3: capitalised words ending in a street word, without a house number (Rosebank"
    " Close, Otley Rd)"
)
A7 = "pattern, rule A7: " + RULES["A7"]
A5 = "pattern, rule A5: a flat or apartment number (flat 3)"
A6 = (
    "pattern, rule A6: a named school, nursery, hospital, GP surgery or clinic (St Mary's Primary, Leeds"
    " General Infirmary), or a named workplace ('works at X')"
)


def test_a_lower_case_address_and_postcode_are_masked_with_their_rule() -> None:
    # the review's lower.txt: "14 rosebank close ls6 2qt" was left whole in the disclosure copy
    out, log, _ = _masked("saw you at 14 rosebank close ls6 2qt, nice curtains")
    assert out == "saw you at [ADDRESS-1] [ADDRESS-2], nice curtains"
    assert log == [("[ADDRESS-1]", "14 rosebank close", A2), ("[ADDRESS-2]", "ls6 2qt", A1)]


def test_a_postcode_keeps_one_mask_however_spaced_or_cased() -> None:
    out, _, _ = _masked("LS6 2QT or ls62qt or Ls6  2qT")
    assert out == "[ADDRESS-1] or [ADDRESS-1] or [ADDRESS-1]"


@pytest.mark.parametrize(
    "written",
    [
        "14 Rosebank\u00a0Close",  # a no-break space, as phones put in
        "14\u202fRosebank Close",  # a narrow no-break space
        "14 Rosebank\u200bClose",  # a zero-width space: draws nothing
        "14 ROSEBANK\u2009CLOSE",  # a thin space
    ],
)
def test_an_address_spaced_with_any_unicode_space_is_masked_as_the_same_address(written: str) -> None:
    # "14 Rosebank<NBSP>Close" stayed readable in the disclosure chronology, beside the same address
    # masked on the line before (new-code review 2, defect 4)
    out, log, _ = _masked(f"I'll be outside 14 Rosebank Close at 9, then {written} again")
    assert out == "I'll be outside [ADDRESS-1] at 9, then [ADDRESS-1] again"
    # the log keeps each way it was written, under the one mask
    assert log == [("[ADDRESS-1]", "14 Rosebank Close", A2), ("[ADDRESS-1]", written, A2)]


def test_a_hyphenated_postcode_and_a_flat_number_without_a_space_are_masked() -> None:
    out, log, _ = _masked("flat3, LS6 2QT (ls6-2qt on the form)")
    assert out == "[ADDRESS-1], [ADDRESS-2] ([ADDRESS-2] on the form)"
    assert log == [
        ("[ADDRESS-1]", "flat3", A5),
        ("[ADDRESS-2]", "LS6 2QT", A1),
        ("[ADDRESS-2]", "ls6-2qt", A1),
    ]


def test_a_random_folder_suffix_that_reads_like_a_postcode_is_not_one() -> None:
    # a stopped add's folder "vault/.abandoned/…-31475-db52db/" had "db52db" masked as the postcode
    # DB5 2DB now and then (its suffix is random), so the MG6C test failed intermittently
    out, log, _ = _masked("set aside in vault/.abandoned/20240501-31475-db52db/ and db5-2db/x")
    assert (out, log) == ("set aside in vault/.abandoned/20240501-31475-db52db/ and db5-2db/x", [])


def test_a_flat_number_and_street_are_masked_and_the_town_listed_not_masked() -> None:
    out, log, r = _masked("flat 3, 22 Mill Lane, Harrogate HG1 4AB. see you soon")
    assert out == "[ADDRESS-1], [ADDRESS-2], Harrogate [ADDRESS-3]. see you soon"
    assert [why for _, _, why in log] == [A5, A2, A1]
    assert [(c.words, c.rule, c.kind) for c in r.names_to_check()] == [("Harrogate", "P1", "place")]


def test_where_she_goes_is_masked_street_names_without_a_number_schools_hospitals() -> None:
    # the review's places.txt: each line was in the disclosure chronology verbatim
    texts = (
        "nice new flat on Rosebank Close. I watched you go in",
        "saw you leaving work at Leeds General Infirmary on Great George Street",
        "the kids go to St Mary's Primary on Otley Rd, I'll be at the gates",
    )
    r = Redactor(KEEP)
    out = [r.text_with_offsets(t, f"JD/1 line {n} text", free=True)[0] for n, t in enumerate(texts, 1)]
    assert out == [
        "nice new flat on [ADDRESS-1]. I watched you go in",
        "saw you leaving work at [PLACE-1] on [ADDRESS-2]",
        "the kids go to [PLACE-2] on [ADDRESS-3], I'll be at the gates",
    ]
    assert [(e.value, e.why) for e in r.log] == [
        ("Rosebank Close", A3),
        ("Leeds General Infirmary", A6),
        ("Great George Street", A3),
        ("St Mary's Primary", A6),
        ("Otley Rd", A3),
    ]


def test_a_named_workplace_is_masked() -> None:
    out, log, _ = _masked("she works at Tesco in Kirkstall")
    assert out == "she works at [PLACE-1] in Kirkstall"
    assert log == [("[PLACE-1]", "Tesco", A6)]


@pytest.mark.parametrize(
    "text",
    [
        "the St John Ambulance came quickly",
        "close the door behind you",
        "I'm on the way, 10 mins",
        "I waited 2 hours on the road",
        "he's at Leeds Crown Court on Friday",
        "see you b4 2nd week of march",
        "don't go down memory lane with me",
    ],
)
def test_ordinary_words_are_not_addresses(text: str) -> None:
    assert [p for p in find_places(text) if p.sure] == []
    _, log, _ = _masked(text)
    assert [m for m, _, _ in log if not m.startswith("[NAME-")] == []


def test_precision_and_recall_on_the_synthetic_set() -> None:
    # pinned: a change to the patterns that moves these must say so (docs/report.md)
    assert len(SENTENCES) >= 60
    assert sum(1 for _, places in SENTENCES if not places) >= 25  # hard negatives
    assert score(SENTENCES) == Score(sentences=68, masked_right=46, masked_wrong=0, missed=0)
    held = score(HELD_OUT)
    assert held == Score(sentences=16, masked_right=8, masked_wrong=0, missed=4)
    assert (round(held.precision, 2), round(held.recall, 2)) == (1.0, 0.67)
    # written with the rules for a number joined to its street and a school in lower case: before them
    # Score(17, 0, 0, 9)
    assert score(NEW_KINDS) == Score(sentences=17, masked_right=9, masked_wrong=0, missed=0)
    # written after those rules, not tuned on; before them Score(9, 1, 0, 5)
    assert score(NEW_KINDS_HELD_OUT) == Score(sentences=9, masked_right=5, masked_wrong=0, missed=1)
    assert [t for t in ORDINARY if any(p.sure for p in find_places(t))] == []


def test_a_house_number_joined_to_its_street_and_a_school_in_lower_case_are_masked() -> None:
    # were left whole: "14ROSEBANK CLOSE", "st mary's primary school", "rosebank academy"
    out, log, _ = _masked("14ROSEBANK CLOSE. kids at st mary's primary school or rosebank academy?")
    assert out == "[ADDRESS-1]. kids at [PLACE-1] or [PLACE-2]?"
    assert log == [
        ("[ADDRESS-1]", "14ROSEBANK CLOSE", A2),
        ("[PLACE-1]", "st mary's primary school", A7),
        ("[PLACE-2]", "rosebank academy", A7),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the primary reason is money",
        "my primary concern is the kids",
        "she is a primary school teacher",
        "he trains at a football academy",
        "the nursery rang",
        "I'm 5mins away",
        "his 4x4 Drive mode was on",
        "it was 2 close to call",
        "see you on 2nd Avenue",
    ],
)
def test_ordinary_words_beside_a_number_or_a_school_word_are_no_place(text: str) -> None:
    assert [p for p in find_places(text) if p.sure] == []


def test_a_town_is_listed_once_as_a_place_not_also_as_a_name() -> None:
    out, log, r = _masked("im staying at my sisters in Harrogate now so leave me alone")
    assert (out, log) == ("im staying at my sisters in Harrogate now so leave me alone", [])
    assert r.names_to_check() == (
        NameToCheck(
            "Harrogate",
            "JD/1 line 1 text",
            "P1",
            "a town or city (listed, not masked: a town is often needed to understand the evidence)",
        ),
    )


def test_the_case_s_own_places_are_masked_wherever_written_in_any_case() -> None:
    places = case_places(
        ["Kirkstall Retail Park", "Outside her flat", "Leeds"],
        ["not to go within 100 metres of Rosebank Close, Leeds"],
    )
    # a description ("Outside her flat") and a town are no place to mask everywhere
    assert places == ("Kirkstall Retail Park", "Rosebank Close")
    out, log, _ = _masked("rosebank close is yours. kirkstall retail park at 5, Leeds", places)
    assert out == "[ADDRESS-1] is yours. [ADDRESS-2] at 5, Leeds"
    given = "given place (an incident's place column, or found in a court order's conditions)"
    assert [(v, w) for _, v, w in log] == [("rosebank close", given), ("kirkstall retail park", given)]


def test_the_disclosure_copy_masks_the_places_the_case_names(case: Case, tmp_path: Path) -> None:
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "Alex Suspect", "suspect")
    add_order(
        case, type="non_molestation", made="2024-03-01 10:00", expires=None, protects="Jane Doe",
        against="Alex Suspect", conditions=["not to go within 100 metres of Rosebank Close, Leeds"],
    )  # fmt: skip
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "[02/03/2024, 21:14:05] Alex Suspect: rosebank close, nice curtains\n"
        "[02/03/2024, 21:15:05] Alex Suspect: see you at kirkstall retail park\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", date_order="dmy"))
    incidents = tmp_path / "incidents.csv"
    write_csv(
        incidents,
        ["date", "time", "place", "what happened", "reported_by"],
        [["04/03/2024", "09:00", "Kirkstall Retail Park", "He followed her", "PC Amir Patel"]],
    )
    add_exhibit(
        case,
        incidents,
        AddOptions(producer="PC Amir Patel", exhibit_ref="AP/1", format="incidents_csv", date_order="dmy"),
    )
    model = build_report(case, redact=True)
    texts = [row.item.text for row in model.chronology]
    places = [row.item.details.get("place") for row in model.chronology if row.item.kind == "incident"]
    assert "[ADDRESS-1], nice curtains" in texts
    assert "see you at [ADDRESS-2]" in texts
    assert places == ["[ADDRESS-2]"]


def test_the_mg6d_lists_a_town_as_a_place_to_check(report_case: Case) -> None:
    model = build_report(report_case)
    town = NameToCheck("Harrogate", "JD/1 line 2 text", "P1", "a town or city (listed, not masked: …)")
    rows = list(csv.DictReader(io.StringIO(sch.mg6d(model, [], check=[town]).removeprefix(sch.BOM))))
    assert rows[0]["Description"] == (
        "Possible place not masked, to check: 'Harrogate' in JD/1 line 2 text (rule P1: a town or city"
        " (listed, not masked: …))"
    )
    assert rows[0]["Disclosure officer's comment"] == "To check: mask it (give --redact-name) or leave it"
    log = list(csv.reader(io.StringIO(sch.redaction_log_csv(model, [], check=[town]).removeprefix(sch.BOM))))
    assert log[1][2:5] == ["POSSIBLE PLACE TO CHECK", "Harrogate", "JD/1 line 2 text"]


def test_an_address_in_a_screenshot_s_file_name_is_masked_in_its_locator(case: Case, tmp_path: Path) -> None:
    # was: "14 Rosebank Close" masked in the attachment's name and raw record but left in the locator, so
    # the disclosure chronology, items.jsonl and timeline.jsonl still showed it
    shot = tmp_path / "Screenshot_20240301-211400 at 14 Rosebank Close.png"
    Image.new("RGB", (10, 20)).save(shot, "PNG")
    add_exhibit(case, shot, AddOptions(producer="Jane Doe", exhibit_ref="JD/1"))
    model = build_report(case, redact=True)
    (row,) = model.chronology
    assert row.item.locator == "Screenshot_20240301-211400 at [ADDRESS-1].png"


def test_long_words_before_place_words_are_read_in_linear_time() -> None:
    # the words before each "academy" were found by a search from the text's start (a pattern ending in
    # "$"): every earlier character was tried again, so this 90 KB message took minutes to mask and a
    # 1 MB one hours, holding up the disclosure copy (security review, session 19)
    word = "q" * 30_000
    masked, log, _ = _masked(f"the {word} academy " * 3)
    assert masked == "the [PLACE-1] " * 3
    assert log == [("[PLACE-1]", f"{word} academy", A7)] * 3
