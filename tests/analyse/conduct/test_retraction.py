"""His retraction or apology soon after a threat: a `may_undermine` finding for disclosure, and the words,
times and messages that are not one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import Scenario, run_only  # noqa: E402

from footprint.analyse.base import analysers  # noqa: E402
from footprint.analyse.conduct.retraction import families, read_families, retractions  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.errors import AnalysisError  # noqa: E402
from footprint.model import Finding  # noqa: E402
from footprint.review import decide  # noqa: E402

NAME = "retraction_after_threat"


def _found(case: Case) -> list[Finding]:
    run_only(case, NAME)
    return [f for f in case.store.findings("may_undermine") if f.analyser == NAME]


def _threat_then(case: Case, when: str, text: str, *, by: str = "him", between: int = 0) -> Scenario:
    """His threat to kill at 01/03/2024 12:00, ``between`` messages of hers, then ``text`` at ``when``."""
    s = Scenario(case)
    s.say("2024-03-01 12:00", "I will kill you", categories=("threat_to_kill", "threat_violence"))
    for n in range(between):
        s.say(f"2024-03-01 12:{10 + n:02d}", f"why {n}", by="her")
    s.say(when, text, by=by)
    return s.build()


def test_his_apology_two_hours_after_a_threat_to_kill_is_a_finding_for_disclosure(case: Case) -> None:
    s = _threat_then(case, "2024-03-01 14:00", "Sorry, I didn't mean it x", between=1)
    [finding] = _found(case)
    assert finding.item_id == s.item(3)
    assert finding.category == "may_undermine"
    assert finding.analyser_version == 1
    assert finding.explanation == (
        "John Smith wrote 'Sorry' and 'I didn't mean it' 2.0 hours after the threat to kill at JD/1 line 1;"
        " this may undermine the prosecution case or assist the defence and must be considered for"
        " disclosure."
    )
    assert finding.spans == ((0, 5), (7, 23))
    assert finding.rule_ids == ("retraction.apology", "retraction.did_not_mean")
    assert finding.score == 0.9
    assert finding.details == {
        "reads_as": "retraction",
        "speaker": "suspect",
        "suspect": "John Smith",
        "complainant": "Jane Doe",
        "direction": "to_her",
        "words": ["Sorry", "I didn't mean it"],
        "rule_ids": ["retraction.apology", "retraction.did_not_mean"],
        "after_item_id": s.item(1),
        "threat_exhibit": "JD/1",
        "threat_locator": "line 1",
        "threat_category": "threat_to_kill",
        "gap": "2.0 hours",
        "her_messages_between": 1,
    }
    assert finding.decision is None  # an opinion until a person confirms it


def test_the_gap_reads_as_contact_after_request_gives_it_and_the_latest_threat_is_named(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 09:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-01 12:00", "I'll rape you", categories=("threat_sexual",))
    s.say("2024-03-01 12:25", "ignore that, I was drunk")
    s.build()
    [finding] = _found(case)
    assert finding.explanation.startswith(
        "John Smith wrote 'ignore that' and 'I was drunk' 25 minute(s) after the threat of sexual violence"
        " at JD/1 line 2;"
    )
    assert (finding.details["after_item_id"], finding.details["threat_category"]) == (
        s.item(2),
        "threat_sexual",
    )
    assert finding.rule_ids == ("retraction.ignore_it", "retraction.drink")


def test_obfuscated_words_are_read_as_detection_reads_them(case: Case) -> None:
    _threat_then(case, "2024-03-01 13:00", "i was only j0king")
    [finding] = _found(case)
    assert finding.details["words"] == ["i was only j0king"]
    assert finding.rule_ids == ("retraction.joking",)


def test_no_i_didnt_mean_it_is_a_retraction_and_never_said_i_didnt_mean_it_is_not() -> None:
    assert [r.span for r in retractions("No I didn't mean it")] == [(3, 19)]
    assert retractions("I never said I didn't mean it") == []


@pytest.mark.parametrize(
    ("when", "text", "by", "between"),
    [
        ("2024-03-03 13:00", "Sorry I'm late with the money", "him", 0),  # an apology for something else
        ("2024-03-01 13:00", "Sorry I'm late with the money", "him", 0),  # ... even within the 48 hours
        ("2024-03-01 13:00", "I'm not sorry", "him", 0),  # negated
        ("2024-03-01 13:00", "you said 'I didn't mean it'", "him", 0),  # someone else's words
        ("2024-03-01 13:00", '"I didn\'t mean it" is what they all say', "him", 0),  # quoted
        ("2024-03-01 13:00", "'I didn't mean it' is what they all say", "him", 0),  # single-quoted
        ("2024-03-01 13:00", "Sorry, I didn't mean it", "her", 0),  # her apology
        ("2024-03-03 12:01", "I didn't mean it", "him", 0),  # beyond 48 hours
        ("2024-03-01 14:00", "I didn't mean it", "him", 11),  # beyond 10 of her messages
        ("2024-03-01 13:00", "ignore that guy", "him", 0),  # not about what he said
    ],
)
def test_what_is_not_his_retraction_after_a_threat(
    case: Case, when: str, text: str, by: str, between: int
) -> None:
    _threat_then(case, when, text, by=by, between=between)
    assert _found(case) == []


def test_exactly_48_hours_and_exactly_10_of_her_messages_still_count(case: Case) -> None:
    s = _threat_then(case, "2024-03-03 12:00", "I didn't mean it", between=10)
    [finding] = _found(case)
    assert finding.item_id == s.item(12)
    assert (finding.details["gap"], finding.details["her_messages_between"]) == ("48.0 hours", 10)


def test_no_threat_before_it_no_finding(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 11:00", "I didn't mean it")
    s.say("2024-03-01 12:00", "I will kill you", categories=("threat_to_kill",))
    s.say("2024-03-01 12:30", "I'm sorry, I will kill you", categories=("threat_to_kill",))  # a threat again
    s.build()
    assert _found(case) == []


def test_a_threat_a_person_dismissed_is_no_threat_to_take_back(case: Case) -> None:
    _threat_then(case, "2024-03-01 13:00", "I didn't mean it")
    for f in case.store.findings():
        if f.category.startswith("threat"):
            decide(case, f.id, "dismiss", "an idiom between friends")
    assert _found(case) == []


def test_the_analyser_is_registered_after_detect_and_every_family_has_a_source() -> None:
    cls = analysers.get(NAME)
    assert "detect" in cls.depends_on
    ids = [f.id for f in families()]
    assert ids == [
        "retraction.did_not_mean",
        "retraction.joking",
        "retraction.would_never",
        "retraction.ignore_it",
        "retraction.drink",
        "retraction.apology",
    ]
    sources = (Path(__file__).resolve().parents[3] / "src/footprint/rules/conduct/SOURCES.md").read_text()
    assert all(f"`{i}`" in sources for i in ids)


def test_a_bad_family_in_the_rule_file_is_an_error_naming_it() -> None:
    with pytest.raises(AnalysisError) as bad:
        read_families("families:\n  - id: retraction.x\n    patterns: ['(sorry']\n", "retraction.yaml")
    assert str(bad.value) == (
        "retraction.yaml: family retraction.x: bad regular expression (missing ), unterminated subpattern at"
        " position 0); fix the rule file"
    )
    with pytest.raises(AnalysisError) as empty:
        read_families("families:\n  - id: retraction.y\n", "retraction.yaml")
    assert (
        str(empty.value) == "retraction.yaml: family retraction.y needs an id and patterns; fix the rule file"
    )


def test_his_retraction_to_someone_else_about_her_says_so(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "I will kill you", categories=("threat_to_kill",))
    s.say("2024-03-01 12:05", "Tell Jane I didn't mean it", to="friend")
    s.build()
    [finding] = _found(case)
    assert finding.item_id == s.item(2)
    assert finding.explanation.startswith(
        "John Smith wrote 'I didn't mean it' (to someone else, about her) 5 minute(s) after the threat to kill"
    )
    assert finding.details["direction"] == "about_her"
