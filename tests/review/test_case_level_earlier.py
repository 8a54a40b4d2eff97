"""A case-level finding (a course of conduct, an offence assessment) made again in other words is shown
beside the decision on the earlier finding about the same subject (``store.case_subjects``), never with it.

Before, it read plain "not yet reviewed" after the analysers ran again, with no pointer to the decision."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.analyse.conduct.course import CourseOfConduct
from footprint.analyse.law.analyser import LawAnalyser
from footprint.case import Case
from footprint.model import EarlierCase, Finding
from footprint.review import decide
from footprint.settings import Settings
from tests.analyse.law.lawscenario import HER, HIM, Scenario, run_only, stalking_pattern
from tests.conftest import store_findings
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
DOES_NOT_APPLY = (
    "but it said something different: that decision does not apply to this one, which needs its own review"
)


@pytest.fixture(params=BACKENDS)
def on(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Case]:
    """A new case on SQLite, and on a throwaway PostgreSQL database (skips without a server)."""
    url = None if request.param == "sqlite" else str(request.getfixturevalue("pg_url"))
    settings = Settings(actor="tester", role="investigator", database_url=url)
    opened = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    yield opened
    opened.close()


def _case_level(case: Case, category: str) -> Finding:
    [found] = case.store.findings(category)
    return found


def _course_confirmed_then_analysed_again(case: Case, monkeypatch: pytest.MonkeyPatch) -> tuple[int, Finding]:
    """Her request, two threats and her fear (``stalking_pattern``); the course of conduct confirmed; then
    another message of his, and the course analysed again by a newer version: the old id and the new."""
    s = stalking_pattern(case)
    run_only(case, "course_of_conduct")
    old = _case_level(case, "course_of_conduct").id
    decide(case, old, "confirm", "two occasions, one theme")
    s.say("2024-03-06 21:00", "answer me", categories=("insult_harassment",)).build()
    monkeypatch.setattr(CourseOfConduct, "version", CourseOfConduct.version + 1)
    run_only(case, "course_of_conduct")
    return old, _case_level(case, "course_of_conduct")


def test_a_confirmed_course_of_conduct_made_again_in_other_words_names_that_decision(
    on: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _course_confirmed_then_analysed_again(on, monkeypatch)
    assert new.id != old and new.analyser_version == CourseOfConduct.version
    assert (new.decision, new.decided_on, new.earlier_decision, new.earlier_case) == (
        None,
        None,
        (old, "confirmed"),
        EarlierCase(f"{HIM} → {HER}", shared=3, earlier=3, this=4),
    )
    assert new.earlier_words == (
        f"finding #{old} of an earlier run, about the same parties ({HIM} → {HER}; 3 of its 3 item(s) are in"
        f" this one, which rests on 4), was confirmed, {DOES_NOT_APPLY}"
    )


def test_the_pointer_is_in_findings_its_json_the_report_and_the_review_app(
    case: Case, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Result], settings: Settings
) -> None:
    from footprint.report import build_report
    from footprint.report.html import render_html
    from footprint.web import create_app
    from tests.web.conftest import opened

    old, new = _course_confirmed_then_analysed_again(case, monkeypatch)
    said = (
        f"finding #{old} of an earlier run, about the same parties ({HIM} → {HER}; 3 of its 3 item(s) are in"
        f" this one, which rests on 4), was confirmed, {DOES_NOT_APPLY}"
    )
    line = run_cli("findings", str(case.dir), "--category", "course_of_conduct").output.splitlines()[0]
    assert line.endswith(f"— not yet reviewed ({said})")
    [row] = run_cli(
        "findings", str(case.dir), "--category", "course_of_conduct", "--json"
    ).output.splitlines()
    assert (json.loads(row)["decision"], json.loads(row)["earlier_decision"]) == (
        None,
        {
            "finding": old,
            "decision": "confirmed",
            "about": f"{HIM} → {HER}",
            "items": {"in_both": 3, "earlier": 3, "this": 4},
        },
    )
    assert f"not yet reviewed: {said}</td>" in render_html(build_report(case))  # the conduct table's row
    with opened(create_app(case.dir, settings)) as browser:
        page = browser.get(f"/findings/{new.id}").text
    assert f'<dd class="decision unreviewed">not reviewed ({said})</dd>' in page


def test_a_dismissed_offence_assessment_made_again_in_other_words_names_that_decision(
    on: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = Scenario(on).say("2024-03-02 20:00", "I'll break your legs", categories=("threat_violence",)).build()
    run_only(on, "law")
    old = _case_level(on, "offence_assessment").id
    decide(on, old, "dismiss", "one message: no course of conduct")
    s.say("2024-03-04 09:00", "I'll stab you", categories=("threat_violence",)).build()
    monkeypatch.setattr(LawAnalyser, "version", LawAnalyser.version + 1)
    run_only(on, "law")
    new = _case_level(on, "offence_assessment")
    assert "Protection from Harassment Act 1997 s.4" in new.explanation  # a second occasion: other words
    assert (new.decision, new.earlier_decision, new.earlier_case) == (
        None,
        (old, "dismissed"),
        EarlierCase(f"{HIM} → {HER}", shared=1, earlier=1, this=2),
    )


def _course(suspect: str, items: list[int], said: str) -> FindingDraft:
    """A course of conduct as the analyser stores it: its pair and the items of its occasions."""
    details = {"suspect": suspect, "complainant": HER, "item_ids": items}
    return FindingDraft(None, "course_of_conduct", 0.6, said, details=details)


def test_two_courses_of_conduct_for_one_pair_each_name_their_own(on: Case) -> None:
    s = Scenario(on)
    for day in range(1, 9):
        s.say(f"2024-03-0{day} 20:00", f"message {day}")
    s.build()
    first, second = [s.item(n) for n in (1, 2, 3, 4)], [s.item(n) for n in (5, 6, 7, 8)]
    store_findings(
        on,
        "course_of_conduct",
        [
            _course(HIM, first, "the first"),
            _course(HIM, second, "the second"),
            _course("Lee Brown", first, "another suspect's"),
        ],
    )
    old = {f.explanation: f.id for f in on.store.findings("course_of_conduct")}
    decide(on, old["the first"], "confirm", "the first four")
    decide(on, old["the second"], "dismiss", "one day only")
    # made again in other words, the second now holding one item more, and in the other order
    store_findings(
        on,
        "course_of_conduct",
        [
            _course(HIM, [*second, s.item(4)], "the second, reworded"),
            _course(HIM, first[:3], "the first, reworded"),
            _course("Lee Brown", second, "another suspect's, reworded"),
        ],
        version=2,
    )
    shown = {
        f.explanation: (f.earlier_decision, f.earlier_case) for f in on.store.findings("course_of_conduct")
    }
    assert shown == {
        "the first, reworded": (
            (old["the first"], "confirmed"),
            EarlierCase(f"{HIM} → {HER}", shared=3, earlier=4, this=3),
        ),
        "the second, reworded": (
            (old["the second"], "dismissed"),
            EarlierCase(f"{HIM} → {HER}", shared=4, earlier=4, this=5),
        ),
        # another pair: no decision on its earlier finding, and none of this pair's is named beside it
        "another suspect's, reworded": (None, None),
    }


def test_her_view_names_the_earlier_finding_by_her_number_and_never_one_she_is_not_shown(
    tmp_path: Path,
) -> None:
    from tests.cli.test_advocate_numbers import _build, _lines, run

    numbered = _build(tmp_path)  # her course of conduct ("her chats") is her finding 4
    items, old = numbered.items, numbered.findings
    for finding, decision in (("her chats", "--confirm"), ("police-only escalation", "--dismiss")):
        done = run(numbered, "investigator", "review", str(old[finding]), decision, "--reason", "read it")
        assert done.exit_code == 0, done.output
    # the analyser runs again: the course holds one more of her items; the escalation, once on a police
    # item alone, now rests on one of hers (so she is shown it, but not the finding decided before)
    hers = [items["you will regret leaving me"], items["I know where you are tonight"]]
    case = Case.open(numbered.case.dir, Settings(actor="DC Ivy", role="investigator", database_url=None))
    store_findings(
        case,
        "conduct",
        [
            FindingDraft(
                None,
                "course_of_conduct",
                1.0,
                "her chats, and her request",
                details={"item_ids": [*hers, items["please stop contacting me"]]},
            ),
            FindingDraft(None, "escalation", 0.8, "an escalation in her chats", details={"item_ids": hers}),
        ],
    )
    case.close()
    officer = {
        x["explanation"]: x["earlier_decision"]
        for x in _lines(run(numbered, "investigator", "findings", "--json"))
    }
    assert officer["an escalation in her chats"] == {
        "finding": old["police-only escalation"],
        "decision": "dismissed",
        "about": "",
        "items": {"in_both": 0, "earlier": 1, "this": 2},
    }
    found = {x["explanation"]: x for x in _lines(run(numbered, "advocate", "findings", "--json"))}
    course = found["her chats, and her request"]
    assert (course["id"], course["earlier_decision"]) == (
        4,
        {
            "finding": 4,
            "decision": "confirmed",
            "about": "",
            "items": {"in_both": 2, "earlier": 2, "this": 3},
        },
    )
    assert found["an escalation in her chats"]["earlier_decision"] is None
    text = run(numbered, "advocate", "findings", "--category", "course_of_conduct").output.splitlines()[0]
    assert text.endswith(
        "— not yet reviewed (finding #4 of an earlier run, about the case (2 of its 2 item(s) are in this one,"
        f" which rests on 3), was confirmed, {DOES_NOT_APPLY})"
    )
    # the police exhibit the escalation decided on rested on is marked hers since: that finding is one she
    # may see now, but was never named to her nor given a number, so it is not named (reading
    # her findings would fail on it)
    done = run(numbered, "investigator", "exhibit supplied", "PC/2", "--reason", "her own phone after all")
    assert done.exit_code == 0, done.output
    found = {x["explanation"]: x for x in _lines(run(numbered, "advocate", "findings", "--json"))}
    assert found["an escalation in her chats"]["earlier_decision"] is None
    assert found["her chats, and her request"]["earlier_decision"]["finding"] == 4
