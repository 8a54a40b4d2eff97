"""One long hostile message is weighed in time proportional to its length, and what is not listed or not
weighed is counted in the finding."""

from __future__ import annotations

import re
from typing import Any

import pytest

from footprint.analyse.detect import Detector
from footprint.analyse.detect import detector as detector_module


class Counted:
    """A compiled pattern that counts the characters each search is given, and stops past a budget."""

    def __init__(self, pattern: re.Pattern[str], work: dict[str, int]) -> None:
        self.pattern = pattern
        self.work = work

    def _count(self, string: str, pos: int, endpos: int | None) -> None:
        self.work["chars"] += min(len(string), endpos or len(string)) - pos
        if self.work["chars"] > self.work["budget"]:
            raise AssertionError(f"more than {self.work['budget']:,} characters searched")

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        self._count(string, pos, endpos)
        return self.pattern.search(string, pos, endpos or len(string))

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        self._count(string, pos, endpos)
        return self.pattern.finditer(string, pos, endpos or len(string))


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


def _searched(detector: Detector, text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters that the context patterns and the clause and quotation marks searched for ``text``:
    at most a fixed amount for the weighed hits' clauses and ten times the text for whole-text scans."""
    work = {"chars": 0, "budget": 1_000_000 + 10 * len(text)}
    monkeypatch.setattr(detector, "ctx", {k: Counted(p, work) for k, p in detector.rules.context.items()})
    monkeypatch.setattr(detector_module, "_CLAUSE", Counted(detector_module._CLAUSE, work))
    monkeypatch.setattr(detector_module, "_QUOTED", Counted(detector_module._QUOTED, work))
    result = detector.classify(text)
    assert result.labels == ["threat_violence", "threat_to_kill"]
    return work["chars"]


@pytest.mark.parametrize(
    "times",
    [1_000, pytest.param(8_000, marks=pytest.mark.slow, id="200 KB")],
)
def test_a_long_threat_is_searched_in_proportion_to_its_length(
    detector: Detector, monkeypatch: pytest.MonkeyPatch, times: int
) -> None:
    # each hit's clause used to be searched again from the start: 'you are dead ' * 16,000 took minutes
    short = _searched(detector, "you are dead " * times, monkeypatch)
    long = _searched(detector, "you are dead " * 2 * times, monkeypatch)
    assert long <= 2.1 * short


def test_a_finding_counts_the_passages_it_does_not_list_and_the_matches_not_weighed(
    detector: Detector,
) -> None:
    result = detector.classify("you are dead " * 300)
    found = {d.category: d for d in result.detections}
    kill = found["threat_to_kill"]
    assert len(kill.spans) == 25
    assert kill.spans[:2] == ((0, 12), (13, 25))
    assert kill.details == {
        "label": "threat to kill",
        "threshold": 0.5,
        "passages_not_listed": 175,
        "matches_not_weighed": 100,
    }
    assert kill.explanation.endswith(
        "; who sent it is not known, so this reads the text alone; 175 more passage(s) like these are"
        " not listed; 100 more match(es) were not weighed (at most 200 matches of a rule in one message"
        " are, those no negator just before denies first)"
    )
    assert result.not_weighed == (("kill.you_are_dead", 100),)
    assert [(e.source, e.note, e.suppressed) for e in result.suppressed] == [
        (
            "kill.you_are_dead",
            "100 more match(es) of rule kill.you_are_dead not weighed",
            "not weighed: the rule matched more than 200 times in this message",
        )
    ] * 2


DENIAL = "I would never kill you. "
THREAT = "I will kill you."


@pytest.mark.parametrize("denials", [199, 200, 1_000])
def test_a_threat_after_200_denials_is_weighed_and_the_denials_left_are_counted(
    detector: Detector, denials: int
) -> None:
    # 200 denials before it left the threat unweighed: no finding and nothing said (new-code review 4,
    # defect 2); those no negator just before denies are weighed first, the rest in the message's order
    text = DENIAL * denials + THREAT
    result = detector.classify(text)
    assert result.labels == ["threat_violence", "threat_to_kill"]
    kill = result.detections[1]
    assert [text[a:b] for a, b in kill.spans] == ["kill you"]
    assert kill.spans == ((len(text) - 9, len(text) - 1),)
    left = denials + 1 - 200
    assert result.not_weighed == ((("kill.first_person", left),) if left > 0 else ())
    assert kill.details.get("matches_not_weighed") == (left if left > 0 else None)


def test_matches_not_weighed_are_counted_when_nothing_is_found(detector: Detector) -> None:
    result = detector.classify(DENIAL * 300)
    assert result.labels == []
    assert result.not_weighed == (("kill.first_person", 100),)
    assert {(e.source, e.note) for e in result.suppressed if e.suppressed == detector_module.NOT_WEIGHED} == {
        ("kill.first_person", "100 more match(es) of rule kill.first_person not weighed")
    }


def test_weighing_a_threat_among_denials_is_searched_in_proportion_to_its_length(
    detector: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = _searched(detector, DENIAL * 1_000 + THREAT, monkeypatch)
    long = _searched(detector, DENIAL * 2_000 + THREAT, monkeypatch)
    assert long <= 2.1 * short
