"""The offence knowledge base: it loads, validates, and covers what issue 5 lists."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from footprint.analyse.law.kb import KB_PATH, load_kb, parse_kb
from footprint.errors import InputError

REQUIRED = [
    ("Protection from Harassment Act 1997", "s.2"),
    ("Protection from Harassment Act 1997", "s.2A"),
    ("Protection from Harassment Act 1997", "s.4"),
    ("Protection from Harassment Act 1997", "s.4A"),
    ("Serious Crime Act 2015", "s.76"),
    ("Online Safety Act 2023", "s.179"),
    ("Online Safety Act 2023", "s.181"),
    ("Online Safety Act 2023", "s.184"),
    ("Sexual Offences Act 2003", "s.66A"),
    ("Sexual Offences Act 2003", "s.66B(1)"),
    ("Sexual Offences Act 2003", "s.66B(2)"),
    ("Sexual Offences Act 2003", "s.66B(3)"),
    ("Sexual Offences Act 2003", "s.66B(4)"),
    ("Criminal Justice and Courts Act 2015", "s.33"),
    ("Malicious Communications Act 1988", "s.1"),
    ("Communications Act 2003", "s.127(1)"),
    ("Offences against the Person Act 1861", "s.16"),
    ("Theft Act 1968", "s.21"),
    ("Sentencing Act 2020", "s.363"),
    ("Family Law Act 1996", "s.42A"),
    ("Computer Misuse Act 1990", "s.1"),
    ("Investigatory Powers Act 2016", "s.3"),
]


def _text() -> str:
    return resources.files("footprint").joinpath(*KB_PATH).read_text(encoding="utf-8")


def test_loads_with_version_and_hash() -> None:
    kb = load_kb()
    assert kb.version
    assert re.fullmatch(r"[0-9a-f]{64}", kb.sha256)
    assert len(kb.offences) >= len(REQUIRED)


@pytest.mark.parametrize(("statute", "section"), REQUIRED)
def test_covers_the_offences_issue_5_lists(statute: str, section: str) -> None:
    assert any(o.statute == statute and o.section == section for o in load_kb().offences)


def test_every_entry_is_complete() -> None:
    kb = load_kb()
    for o in kb.offences:
        assert re.search(r" (19|20|18)\d\d$", o.statute), o.id
        assert o.verification in ("full", "partial", "none")
        assert o.sources and all(s in kb.sources for s in o.sources)
        assert all(e.missing for e in o.elements)
        summary_only = o.mode_of_trial == "summary_only"
        assert (o.time_limit.rule != "none") == summary_only, o.id


def test_date_windows_of_replaced_law() -> None:
    kb = load_kb()
    assert str(kb.offence("cjca2015_s33_disclose").in_force_until) == "2024-01-30"
    assert str(kb.offence("soa2003_s66b_1").in_force_from) == "2024-01-31"
    assert str(kb.offence("cjca2015_s33_threat").in_force_from) == "2021-06-29"
    # s.76 is one offence from 29 December 2015; the test of "personally connected" follows the date of
    # the behaviour (Domestic Abuse Act 2021 s.68; SI 2023/406 reg.3), not a second entry.
    ccb = kb.offence("sca2015_s76")
    assert (str(ccb.in_force_from), ccb.in_force_until) == ("2015-12-29", None)
    assert [o.id for o in kb.offences if o.section == "s.76"] == ["sca2015_s76"]


def test_a_bad_entry_is_named() -> None:
    broken = _text().replace("section: s.2A\n", "section: 2A\n", 1)
    with pytest.raises(InputError) as err:
        parse_kb(broken)
    assert str(err.value).startswith("offences.yaml: offence pha1997_s2a (section): ")
    assert "must be written as in the Act" in str(err.value)


def test_unknown_evidence_kind_is_refused() -> None:
    broken = _text().replace("evidence: [conduct:any]", "evidence: [conduct:everything]", 1)
    with pytest.raises(
        InputError, match="conduct evidence must be one of any, after_request, contact, breach"
    ):
        parse_kb(broken)


def test_not_yaml() -> None:
    with pytest.raises(InputError, match=r"^offences.yaml: not valid YAML"):
        parse_kb("offences: [")


def test_catalogue_for_the_method_appendix() -> None:
    from footprint.analyse.law.kb import catalogue

    cat = catalogue()
    assert cat["version"] == load_kb().version and cat["sha256"] == load_kb().sha256
    assert cat["file"] == "rules/offences/offences.yaml"
    assert {e["verification"] for e in cat["entries"]} == {"full", "partial", "none"}


def test_a_partly_evidenced_note_does_not_deny_what_was_found() -> None:
    # An element whose every kind of evidence is partial is shown "partly evidenced" with its `missing`
    # note even when that evidence was found (her words of fear, say); the note must stay true then.
    kb = load_kb()
    wrong = [
        f"{o.id}.{e.id}: {e.missing}"
        for o in kb.offences
        for e in o.elements
        if e.evidence
        and all(s.strength == "partial" for s in e.evidence)
        and e.missing.startswith("no record")
    ]
    assert wrong == []


def test_verification_says_which_parts_were_checked_per_entry() -> None:
    # Every partial entry printed one fixed sentence, "the penalty, commencement date or time limit rests
    # on secondary sources", even for s.4, whose penalty was read in primary text and whose elements were
    # not read at all (reference: "penalty [V]; elements [U]"; s.4A: "elements [S]; penalty [V]").
    kb = load_kb()
    fear, stalking = kb.offence("pha1997_s4"), kb.offence("pha1997_s4a")
    assert fear.verification_text == (
        "partly checked: penalty read in primary text or a verbatim copy; time limit from secondary sources"
        " only; elements and commencement date not checked against any stored source; check the entry's"
        " notes before relying on it"
    )
    assert stalking.verification_text == (
        "partly checked: penalty read in primary text or a verbatim copy; elements, commencement date and"
        " time limit from secondary sources only; check the entry's notes before relying on it"
    )
    assert kb.offence("pha1997_s2a").verification_text == (
        "elements, penalty and time limit read in primary text or a verbatim copy"
    )
    assert all(o.checked for o in kb.offences if o.verification != "full")


def test_an_entry_short_of_full_must_say_what_was_checked() -> None:
    broken = re.sub(r"(?m)^  checked: .*\n", "", _text(), count=1)
    with pytest.raises(InputError) as err:
        parse_kb(broken)
    assert str(err.value) == (
        "offences.yaml: offence pha1997_s4: Value error, verification partial needs `checked`: how far"
        " the elements, penalty, commencement date and time limit were each checked; fix the entry"
    )


def test_an_element_follows_only_an_earlier_element() -> None:
    broken = _text().replace("      follows: threat_to_kill\n", "      follows: intended_fear\n", 1)
    with pytest.raises(InputError) as err:
        parse_kb(broken)
    assert str(err.value) == (
        "offences.yaml: offence oapa1861_s16: Value error, element intended_fear follows 'intended_fear',"
        " not an earlier element; fix the entry"
    )


def test_a_full_entry_cannot_say_a_part_was_not_read_in_primary_text() -> None:
    broken = _text().replace(
        "  verification: full\n",
        "  verification: full\n  checked: {elements: primary, penalty: secondary, commencement: primary,"
        " time_limit: primary}\n",
        1,
    )
    with pytest.raises(InputError) as err:
        parse_kb(broken)
    assert str(err.value) == (
        "offences.yaml: offence pha1997_s2: Value error, verification full, but `checked` says a part was"
        " not read in primary text; fix the entry"
    )
