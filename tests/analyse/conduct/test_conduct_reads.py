"""What the conduct analysers read, and how often: the items once per `analyse` run, shared, without their
raw records; the findings without their words (on a case of 103,000 items each conduct analyser read every
item again and every finding whole, the law analyser's 150 MB of details among them: 2.1 GB at the peak)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, Scenario  # noqa: E402

import footprint.analyse  # noqa: E402, F401  (registers the analysers)
from footprint.analyse.base import FindingDraft, run_analysers  # noqa: E402
from footprint.analyse.conduct.evidence import collect_pairs  # noqa: E402
from footprint.analyse.law.facts import record_relationship  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.model import Finding, Item  # noqa: E402
from footprint.review import decide  # noqa: E402
from footprint.store.case_store import CaseStore  # noqa: E402
from footprint.store.finding_marks import finding_marks  # noqa: E402
from footprint.store.queries import CaseQueries  # noqa: E402
from tests.conftest import store_findings  # noqa: E402

CONDUCT = ("contact_after_request", "course_of_conduct", "escalation", "order_breach")


def _scenario(case: Case) -> Scenario:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "please stop messaging me", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 21:00", "you can't ignore me", categories=("insult_harassment",))
    s.say("2024-03-09 22:00", "I know where you live", categories=("threat_violence",))
    return s.build()


def test_one_analyse_reads_the_items_once_for_all_the_conduct_analysers(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    _scenario(case)
    running: list[str] = []
    reads: Counter[str] = Counter()
    read = CaseStore.iter_items

    def counted(self: CaseStore, *args: Any, **kwargs: Any) -> Iterator[Item]:
        reads[running[-1] if running else "outside a run"] += 1
        return read(self, *args, **kwargs)

    # on the class: each run reads through its own snapshot of the case (``Case.snapshot``)
    monkeypatch.setattr(CaseStore, "iter_items", counted)
    outcomes = run_analysers(case, on_start=running.append)
    assert {o.analyser: o.status for o in outcomes if o.analyser in CONDUCT} == dict.fromkeys(CONDUCT, "ok")
    assert [o.findings for o in outcomes if o.analyser == "contact_after_request"] == [2]
    # the first analyser to ask reads them; the other conduct analysers (and the law's) share its read
    assert reads == {"detect": 1, "link": 1, "contact_after_request": 1}
    # outside a run (a report, `footprint assess`) nothing is kept: the items are read each time
    running.clear()
    collect_pairs(case)
    collect_pairs(case)
    assert reads["outside a run"] == 2


def test_a_pairs_items_are_the_stored_items_without_their_raw_records(case: Case) -> None:
    s = _scenario(case)
    stored = {i.id: i for i in case.store.iter_items()}
    [pair] = collect_pairs(case)
    assert [p.item.id for p in pair.items] == [s.item(1), s.item(2), s.item(3)]
    assert [stored[p.item.id].raw for p in pair.items] == [
        "please stop messaging me",
        "you can't ignore me",
        "I know where you live",
    ]
    assert [p.item.raw for p in pair.items] == ["", "", ""]
    assert [replace(p.item, raw=stored[p.item.id].raw) for p in pair.items] == [
        stored[s.item(n)] for n in (1, 2, 3)
    ]


def test_finding_marks_carry_the_decisions_the_findings_show_and_only_the_facts_details(case: Case) -> None:
    s = _scenario(case)
    threat = FindingDraft(s.item(3), "threat_to_kill", 0.9, "threat to kill", spans=((0, 5),))
    other = FindingDraft(s.item(2), "threat_to_kill", 0.9, "threat to kill", spans=((0, 3),))
    store_findings(case, "detect", [threat, other], version=7)
    on_two, on_three = (f.id for f in case.store.findings() if f.analyser == "detect")  # in time order
    decide(case, on_three, "dismiss", "a line from a film they both quote")
    decide(case, on_two, "confirm", "read with the messages before it")
    # the analysers run again: the same words on item 3 (its decision carries), other words on item 2
    store_findings(case, "detect", [threat, replace(other, spans=((0, 4),))], version=7)
    store_findings(
        case, "law", [FindingDraft(None, "offence_assessment", 1.0, "big", details={"x": [1] * 99})]
    )
    record_relationship(
        case,
        suspect=HIM,
        complainant=HER,
        kind="former_intimate",
        living_together=False,
        reason="her statement",
    )
    findings = case.store.findings()
    marks = finding_marks(case.store.engine, details_of=("relationship",))
    assert [(m.id, m.item_id, m.category, m.analyser, m.decision) for m in marks] == [
        (f.id, f.item_id, f.category, f.analyser, f.decision) for f in findings
    ]
    detected = [
        (f.item_id, f.decision, f.decided_on, f.earlier_decision) for f in findings if f.analyser == "detect"
    ]
    assert detected == [
        (s.item(2), None, None, (on_two, "confirmed")),
        (s.item(3), "dismissed", on_three, None),
    ]
    [fact] = [f for f in findings if f.category == "relationship"]
    assert [m.details for m in marks] == [fact.details if m.id == fact.id else {} for m in marks]
    assert fact.details["kind"] == "former_intimate"


def test_no_analyser_reads_every_finding_whole(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    # the law analyser's note of confirmed findings no offence counts (`note_left_out`) read every finding
    # whole (`CaseQueries.findings()`): 50 MB of words and details on 20,000 items, 36 MB more at the law
    # run's peak (docs/benchmarks.md, "What grew the peak between a356bf0d and e78fec7")
    _scenario(case)
    running: list[str] = []
    reads: list[tuple[str, str | None]] = []
    read = CaseQueries.findings

    def spied(self: CaseQueries, category: str | None = None, *args: Any, **kwargs: Any) -> list[Finding]:
        reads.append((running[-1], category))
        return read(self, category, *args, **kwargs)

    monkeypatch.setattr(CaseQueries, "findings", spied)
    outcomes = run_analysers(case, on_start=running.append)
    assert {o.analyser: o.status for o in outcomes if o.analyser == "law"} == {"law": "ok"}
    assert reads == []  # what each finding marks is read (`finding_marks`), not every finding whole
