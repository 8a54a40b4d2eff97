"""One fact pattern that should, and one that should not, make each offence a candidate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from lawscenario import Scenario, offences

from footprint.analyse.law.assess import assess_case
from footprint.analyse.law.kb import load_kb
from footprint.case import Case

Pattern = Callable[[Scenario], None]


def stalking(s: Scenario) -> None:
    s.say("2024-03-01 12:00", "leave me alone", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 08:00", "nice coat today", categories=("monitoring",))
    s.say("2024-03-02 09:00", "I'm scared", by="her", categories=("distress",))
    s.say("2024-03-06 08:00", "saw you at the gym", categories=("monitoring",))
    s.say("2024-03-06 09:00", "I'm terrified", by="her", categories=("distress",))


def stalking_once(s: Scenario) -> None:
    s.say("2024-03-01 12:00", "leave me alone", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 08:00", "nice coat today", categories=("monitoring",))


def menacing(s: Scenario) -> None:
    s.say("2024-03-02 08:00", "you'll regret this, I'll hurt you", categories=("threat_violence",))


def polite(s: Scenario) -> None:
    s.say("2024-03-02 08:00", "hope you're well")


def persistent(s: Scenario) -> None:
    s.say("2024-03-01 12:00", "stop calling", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 03:00", "", kind="call")
    s.say("2024-03-03 03:00", "", kind="call")


def self_harm(s: Scenario) -> None:
    s.say("2024-03-02 01:44", "kill yourself", categories=("self_harm_encouragement",))


def interception(s: Scenario) -> None:
    s.say(
        "2024-03-01 09:00",
        "message mirroring app",
        by="none",
        to=None,
        kind="device_finding",
        categories=("interception",),
        confirmed=("interception",),  # recorded by a person, so confirmed
    )


CASES: list[tuple[str, Pattern, Pattern]] = [
    ("pha1997_s2a", stalking, stalking_once),
    ("pha1997_s4a", stalking, stalking_once),
    ("ca2003_s127_1", menacing, polite),
    ("ca2003_s127_2c", persistent, polite),
    ("osa2023_s184", self_harm, menacing),
    ("ipa2016_s3", interception, stalking),
    (
        "oapa1861_s16",
        lambda s: s.say("2024-03-02 08:00", "I'll kill you", categories=("threat_to_kill",)),
        menacing,
    ),
    (
        "ta1968_s21",
        lambda s: s.say("2024-03-02 08:00", "pay me or else", categories=("blackmail", "money_demand")),
        menacing,
    ),
]


@pytest.mark.parametrize(("offence_id", "should", "should_not"), CASES, ids=[c[0] for c in CASES])
def test_should_and_should_not(case: Case, offence_id: str, should: Pattern, should_not: Pattern) -> None:
    s = Scenario(case)
    should_not(s)
    s.build()
    load_kb().offence(offence_id)  # the id is real
    assert offence_id not in offences(assess_case(case, date(2024, 6, 1)))


@pytest.mark.parametrize(("offence_id", "should", "should_not"), CASES, ids=[c[0] for c in CASES])
def test_should(case: Case, offence_id: str, should: Pattern, should_not: Pattern) -> None:
    s = Scenario(case)
    should(s)
    s.build()
    assert offence_id in offences(assess_case(case, date(2024, 6, 1)))
