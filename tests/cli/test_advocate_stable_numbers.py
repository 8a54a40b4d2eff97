"""An advocate's finding numbers stay put (``store.finding_numbers``): across a new analysis, when an
exhibit is marked hers and when a mark is withdrawn; a number she was given never names another finding.

The case is ``test_advocate_numbers``'s: her findings are numbered 1 (the threat), 2 (her request to stop),
3 (he knows where she is), 4 (the course of conduct) and 5 (contact after her request).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.settings import Settings
from tests.cli.test_advocate_numbers import Numbered, _build, _lines, conduct_findings, run
from tests.conftest import store_findings

AGAIN = "run `footprint findings` to see the current numbers"
STALE = (
    "Error: finding 3 in your view was from an earlier analysis and is no longer current: its claim"
    f' monitoring on JD/2 line 1 by detect ("he knows where she is"); {AGAIN}\n'
)
GONE = f"Error: finding 1 in your view is no longer shown to you: what it rests on is no longer in your view; {AGAIN}\n"


def _hers(numbered: Numbered) -> list[tuple[int, int | None, str]]:
    """Her findings: (her number, her item's number, explanation), by number."""
    found = _lines(run(numbered, "advocate", "findings", "--json"))
    return sorted((x["id"], x["item_id"], x["explanation"]) for x in found)


def _items(numbered: Numbered) -> list[tuple[int, str, str]]:
    return sorted(
        (x["id"], x["exhibit"], x["locator"]) for x in _lines(run(numbered, "advocate", "items", "--json"))
    )


def _analyse_again(numbered: Numbered) -> None:
    """The analysers run again: the detector finds something new in the middle of the case (on her first
    message), rewords and rescores her request to stop (the same claim: it keeps its number) and rests its
    monitoring finding on other words (another claim); the conduct analyser finds what it found."""
    case = Case.open(numbered.case.dir, Settings(actor="DC Ivy", role="investigator", database_url=None))
    items = numbered.items
    store_findings(
        case,
        "detect",
        [
            FindingDraft(items["police-only first"], "threat_violence", 0.7, "police-only finding"),
            FindingDraft(items["you will regret leaving me"], "threat_violence", 0.9, "a threat in her chat"),
            FindingDraft(
                items["you will regret leaving me"], "coercive_control", 0.6, "he says she will regret"
            ),
            FindingDraft(
                items["please stop contacting me"], "request_to_stop", 0.75, "she asks him, addressed to her"
            ),
            FindingDraft(items["police-only third"], "monitoring", 0.6, "police-only monitoring"),
            FindingDraft(
                items["I know where you are tonight"],
                "monitoring",
                0.85,
                "he knows where she is tonight",
                spans=((7, 12),),
            ),
        ],
    )
    store_findings(
        case,
        "conduct",
        conduct_findings(items),
    )
    case.close()


def _officer(numbered: Numbered, *args: str) -> None:
    done = run(numbered, "investigator", *args)
    assert done.exit_code == 0, done.output


BEFORE = [
    (1, 1, "a threat in her chat"),
    (2, 2, "she asks him to stop"),
    (3, 3, "he knows where she is"),
    (4, None, "her chats"),
    (5, None, "he wrote again after her request"),
]
AFTER = [
    (1, 1, "a threat in her chat"),
    (2, 2, "she asks him, addressed to her"),
    (4, None, "her chats"),
    (5, None, "he wrote again after her request"),
    (6, 1, "he says she will regret"),
    (7, 3, "he knows where she is tonight"),
]
MARKED = [*AFTER, (8, 4, "police-only monitoring")]


def stays_put(numbered: Numbered) -> None:
    """The whole story, on the case's database (SQLite or PostgreSQL)."""
    assert _hers(numbered) == BEFORE
    _analyse_again(numbered)
    # the same claims keep their numbers; the new ones come after every number given (3 is never reused)
    assert _hers(numbered) == AFTER
    stale = run(numbered, "advocate", "review", "3", "--note", "--reason", "the one I noted")
    assert (stale.exit_code, stale.output) == (1, STALE)
    noted = run(numbered, "advocate", "review", "1", "--note", "--reason", "finding 1 is the threat")
    assert (noted.exit_code, noted.output) == (0, "finding 1: noted by Ann\n")
    case = Case.open(numbered.case.dir, Settings(actor="t", database_url=None))
    [on] = [f for f in case.store.findings() if f.noted]  # a note sets no state
    assert (on.explanation, on.category, on.id) == ("a threat in her chat", "threat_violence", 10)
    case.close()
    # a police exhibit marked hers: what it shows is numbered after hers, and none of hers moves
    _officer(numbered, "exhibit supplied", "PC/2", "--reason", "her own phone's chat after all")
    assert _hers(numbered) == MARKED
    assert _items(numbered) == [
        (1, "JD/1", "line 1"),
        (2, "JD/1", "line 2"),
        (3, "JD/2", "line 1"),
        (4, "PC/2", "line 1"),
    ]
    # a mark withdrawn: what rested on it leaves gaps, the rest keep theirs
    _officer(numbered, "exhibit supplied", "JD/1", "--withdraw", "--reason", "the police's copy, not hers")
    assert _hers(numbered) == [
        (7, 3, "he knows where she is tonight"),
        (8, 4, "police-only monitoring"),
    ]
    assert _items(numbered) == [(3, "JD/2", "line 1"), (4, "PC/2", "line 1")]
    gone = run(numbered, "advocate", "review", "1", "--note", "--reason", "the threat")
    assert (gone.exit_code, gone.output) == (1, GONE)
    # marked hers again, it has its numbers back
    _officer(numbered, "exhibit supplied", "JD/1", "--reason", "her own phone after all")
    assert _hers(numbered) == MARKED
    assert [n for n, _, _ in _items(numbered)] == [1, 2, 3, 4]


def test_her_finding_numbers_stay_put(tmp_path: Path) -> None:
    stays_put(_build(tmp_path))


def test_two_findings_asserting_the_same_thing_have_two_numbers_and_keep_them(tmp_path: Path) -> None:
    numbered = _build(tmp_path)
    tonight = numbered.items["I know where you are tonight"]
    twice = [FindingDraft(tonight, "distress", 0.5, "the same twice")] * 2
    for _ in range(2):  # the analyser runs again and finds the same two
        case = Case.open(numbered.case.dir, Settings(actor="DC Ivy", role="investigator", database_url=None))
        store_findings(case, "incidents", twice)
        case.close()
        assert _hers(numbered) == [*BEFORE, (6, 3, "the same twice"), (7, 3, "the same twice")]


def test_an_upgraded_case_keeps_the_numbers_she_had(tmp_path: Path) -> None:
    """A case made before schema 0016: its upgrade numbers what she sees as her view numbered it."""
    numbered = _build(tmp_path)
    with closing(sqlite3.connect(numbered.case.dir / "case.db")) as db, db:
        db.execute("DROP TABLE finding_number")  # as a case at schema 0015 was (0016 and 0019 add these)
        db.execute("DROP TABLE suggestion")
        db.execute("UPDATE alembic_version SET version_num = '0015'")
    _officer(numbered, "case upgrade")
    assert _hers(numbered) == BEFORE


def test_decisions_carried_from_an_earlier_analysis_name_her_numbers(tmp_path: Path) -> None:
    """A decision carried to the same claim names her number for it; one on an earlier finding that said
    something else names the number she was shown that finding by."""
    numbered = _build(tmp_path)
    threat, tonight = numbered.findings["a threat in her chat"], numbered.findings["he knows where she is"]
    _officer(numbered, "review", str(threat), "--confirm", "--reason", "explicit")
    _officer(numbered, "review", str(tonight), "--dismiss", "--reason", "a song lyric")
    _analyse_again(numbered)
    found = _lines(run(numbered, "advocate", "findings", "--json"))
    decided = {x["id"]: (x["decision"], x["decided_on"], x["earlier_decision"]) for x in found}
    assert decided[1] == ("confirmed", 1, None)
    assert decided[7] == (None, None, {"finding": 3, "decision": "dismissed"})
    text = run(numbered, "advocate", "findings", "--category", "monitoring").output.splitlines()
    assert text[0].endswith(
        "— not yet reviewed (finding #3 of an earlier run, about this item, was dismissed, but it said"
        " something different: that decision does not apply to this one, which needs its own review)"
    )
