"""An exhibit added during or after an analyser's latest run was not read by it: `findings`, `assess`,
`report`, `verify` and the review app say so (the team review's first defect), and an unfinished analysis
does not count a failed run as having run (its seventh)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import footprint.analyse  # noqa: F401  (registers the analysers)
from footprint import pipeline
from footprint.analyse import base
from footprint.analyse.base import FindingDraft, analysers, run_analysers, shared_read
from footprint.analysis_gaps import analysis_gaps
from footprint.case import Case
from footprint.cli import cli
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report.sections import SectionStatus
from footprint.settings import Settings
from footprint.times import uk_display
from tests.report.test_failed_run import ONE, TWO, _detect_finds_one

Run = Callable[..., Result]
AGAIN = "it has not been analysed: run `footprint analyse` again"


def _detect_run(case: Case) -> str:
    """When detect's latest run began, as the messages show it."""
    [run] = [r for r in case.store.runs() if r.analyser == "detect"]
    return uk_display(run.started_utc)


def test_an_exhibit_added_after_analyse_is_said_by_findings_assess_verify_and_the_report(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    folder = tmp_path / "c"
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    assert run_cli("case", "init", str(folder), "--name", "R v Late").exit_code == 0
    assert run_cli("add", str(folder), str(tmp_path / "one.txt"), "--producer", "Ben Example").exit_code == 0
    _detect_finds_one(monkeypatch)
    assert run_cli("analyse", str(folder), "--only", "detect").exit_code == 0
    assert run_cli("add", str(folder), str(tmp_path / "two.txt"), "--producer", "Ben Example").exit_code == 0
    case = Case.open(folder, settings)
    said = f"BE/2 was added after detect's run of {_detect_run(case)}: {AGAIN}"
    runner = CliRunner()
    for command in ("findings", "assess"):
        result = runner.invoke(cli, ["--actor", "tester", command, str(folder)])
        assert result.exit_code == 0, result.output
        assert result.stderr == f"Warning: {said}\n"
    verified = runner.invoke(cli, ["--actor", "tester", "verify", str(folder)])
    assert verified.exit_code == 0
    assert f"NOTE: {said}" in verified.stdout.splitlines()
    model = build_report(case)
    assert model.unfinished == said  # the first page's warning
    assert model.statuses["detect"] == SectionStatus(
        "not all read", f"1 finding(s); BE/2 was added after detect's run of {_detect_run(case)}: {AGAIN}"
    )
    assert model.limitations[0] == f"{said[0].upper()}{said[1:]}."
    assert (
        "Only the exhibits listed were examined, and BE/2 not by every analyser (said above); messages"
        " deleted before export are absent unless the export marks them."
    ) in model.limitations
    case.close()
    # analysed again: nothing to say
    assert run_cli("analyse", str(folder), "--only", "detect").exit_code == 0
    assert runner.invoke(cli, ["--actor", "tester", "findings", str(folder)]).stderr == ""


def _colleague_adds(case: Case, path: Path) -> None:
    """A colleague's `add` of ``path``, committed through their own opening of the case."""
    colleague = Case.open(case.dir, case.settings)
    try:
        add_exhibit(colleague, path, AddOptions(producer="Ben Example"))
    finally:
        colleague.close()


def _adds_while_reading(
    monkeypatch: pytest.MonkeyPatch, path: Path, *, before_reading: bool, finds_on: int | None
) -> list[str]:
    """Detection stood in for by one that reads the items, with a colleague's `add` committed before or
    after its read (between the run's start and its end record), and one threat on item ``finds_on``;
    returns the exhibits of the items it read, once it has run."""
    seen: list[str] = []

    def run(self: object, case: Case) -> Iterator[FindingDraft]:
        if before_reading:
            _colleague_adds(case, path)
        read = list(case.store.iter_items())
        seen.extend(sorted({i.exhibit for i in read}))
        if not before_reading:
            _colleague_adds(case, path)
        yield from (
            FindingDraft(i.id, "threat_to_kill", 0.9, "a threat to kill", spans=((0, 4),))
            for i in read
            if i.id == finds_on
        )

    monkeypatch.setattr(analysers.get("detect"), "run", run)
    monkeypatch.setattr(analysers.get("detect"), "note", lambda self: None)
    return seen


def test_an_add_committed_while_a_run_reads_counts_as_not_read_though_received_before_the_run(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    add_exhibit(case, tmp_path / "one.txt", AddOptions(producer="Ben Example"))
    _adds_while_reading(monkeypatch, tmp_path / "two.txt", before_reading=False, finds_on=1)
    # a long `add` stamps its receipt when it copies the file, long before it commits: here, before the
    # run began; what counts is that it committed after the analysis began
    monkeypatch.setattr(pipeline, "now_utc", lambda: "2020-01-01T00:00:00Z")
    assert [o.status for o in run_analysers(case, ["detect"])] == ["ok"]
    assert case.store.not_read() == {"detect": ("BE/2",)}
    assert analysis_gaps(case.store) == [f"BE/2 was added after detect's run of {_detect_run(case)}: {AGAIN}"]


@pytest.mark.parametrize("before_reading", [True, False])
def test_what_a_run_read_is_never_said_not_read_and_what_it_did_not_is(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before_reading: bool
) -> None:
    # a run reads the case in one read transaction and records the last audit entry it sees: an add
    # committed once that began is not in what it read (whatever it reads after), one before it is, with
    # or without a finding on it. Before, an add committed after the run began was said not read unless
    # the run made a finding on it, though the run had read it ("run analyse again", a false alarm).
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    add_exhibit(case, tmp_path / "one.txt", AddOptions(producer="Ben Example"))
    seen = _adds_while_reading(monkeypatch, tmp_path / "two.txt", before_reading=before_reading, finds_on=1)
    assert [o.status for o in run_analysers(case, ["detect"])] == ["ok"]
    assert [e.ref for e in case.store.exhibits()] == ["BE/1", "BE/2"]
    assert seen == ["BE/1"]  # the add committed while the run was under way
    assert case.store.not_read() == {"detect": ("BE/2",)}
    assert analysis_gaps(case.store) == [f"BE/2 was added after detect's run of {_detect_run(case)}: {AGAIN}"]


def test_an_add_committed_after_the_run_began_but_before_it_read_is_read(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    add_exhibit(case, tmp_path / "one.txt", AddOptions(producer="Ben Example"))
    seen: list[str] = []
    first_read = base._audit_top

    def add_then_read(frozen: Case) -> int:  # a colleague's add commits just before the run's first read
        _colleague_adds(frozen, tmp_path / "two.txt")
        return first_read(frozen)

    def reads(self: object, frozen: Case) -> Iterator[FindingDraft]:
        seen.extend(sorted({i.exhibit for i in frozen.store.iter_items()}))
        yield from ()

    monkeypatch.setattr(base, "_audit_top", add_then_read)
    monkeypatch.setattr(analysers.get("detect"), "run", reads)
    monkeypatch.setattr(analysers.get("detect"), "note", lambda self: None)
    assert [o.status for o in run_analysers(case, ["detect"])] == ["ok"]
    assert seen == ["BE/1", "BE/2"]  # read, with no finding on it: not said
    assert case.store.not_read() == {}
    assert analysis_gaps(case.store) == []


def test_a_run_recorded_without_its_read_position_counts_an_add_it_found_on_as_read(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a run recorded before the read position was (judged from its analysis's `analyse begin`): an add
    # committed after that counts as read only when the run made a finding on it
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    add_exhibit(case, tmp_path / "one.txt", AddOptions(producer="Ben Example"))
    monkeypatch.setattr(base, "_audit_top", lambda frozen: 0)  # as such a run's record holds none

    def finds_on_the_add(self: object, frozen: Case) -> Iterator[FindingDraft]:
        _colleague_adds(frozen, tmp_path / "two.txt")
        yield FindingDraft(3, "threat_to_kill", 0.9, "a threat to kill", spans=((0, 4),))  # BE/2's item

    monkeypatch.setattr(analysers.get("detect"), "run", finds_on_the_add)
    monkeypatch.setattr(analysers.get("detect"), "note", lambda self: None)
    assert [o.status for o in run_analysers(case, ["detect"])] == ["ok"]
    [finding] = case.store.findings()
    assert finding.exhibit == "BE/2"
    assert case.store.not_read() == {}


@pytest.mark.parametrize(("shares", "unread"), [(False, ("detect",)), (True, ("detect", "images"))])
def test_a_later_run_of_the_analysis_reads_the_add_unless_it_shares_an_earlier_read(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shares: bool, unread: tuple[str, ...]
) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    add_exhibit(case, tmp_path / "one.txt", AddOptions(producer="Ben Example"))

    def items(case: Case) -> list[int]:
        read = lambda: [i.id for i in case.store.iter_items()]  # noqa: E731
        return shared_read("test items", read) if shares else read()

    def first(self: object, case: Case) -> Iterator[FindingDraft]:
        items(case)  # read, then a colleague's add commits while the run is under way
        _colleague_adds(case, tmp_path / "two.txt")
        yield from ()

    def later(self: object, case: Case) -> Iterator[FindingDraft]:
        items(case)  # begins after the add: reads it, unless it takes the first run's read
        yield from ()

    monkeypatch.setattr(analysers.get("detect"), "run", first)
    monkeypatch.setattr(analysers.get("detect"), "note", lambda self: None)
    monkeypatch.setattr(analysers.get("images"), "run", later)
    assert [o.status for o in run_analysers(case, ["detect", "images"])] == ["ok", "ok"]
    assert case.store.not_read() == {name: ("BE/2",) for name in unread}


def test_several_analysers_that_missed_an_exhibit_are_named_once_and_the_others_apart(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    add_exhibit(case, tmp_path / "one.txt", AddOptions(producer="Ben Example"))
    _detect_finds_one(monkeypatch)
    run_analysers(case, ["detect", "images"])
    add_exhibit(case, tmp_path / "two.txt", AddOptions(producer="Ben Example"))
    [detect] = [r for r in case.store.runs() if r.analyser == "detect"]
    assert case.store.not_read() == {"detect": ("BE/2",), "images": ("BE/2",)}
    assert analysis_gaps(case.store) == [
        f"BE/2 was added after the runs of analysis no. 1 (from {uk_display(detect.started_utc)}): {AGAIN}"
    ]
    run_analysers(case, ["images"])
    assert case.store.not_read() == {"detect": ("BE/2",)}
    assert analysis_gaps(case.store) == [
        f"BE/2 was added after detect's run of {uk_display(detect.started_utc)}: detect has not read it:"
        " run `footprint analyse` again"
    ]
    model = build_report(case)
    assert model.statuses["images"].state == "none found"  # images read both
    assert model.statuses["detect"].state == "not all read"


def test_an_unfinished_analysis_does_not_count_a_failed_run_as_ran(case: Case) -> None:
    with case.transaction() as (tx, _):
        analysis = tx.add_analysis(["detect", "law"], "DC Stopped")
        tx.add_run(
            analyser="detect",
            version=1,
            settings_hash="0" * 64,
            started_utc="2024-05-01T10:00:00Z",
            status="error",
            error="the case database failed while the analyser ran: terminating connection\nmore",
            analysis_id=analysis,
        )
    latest = case.store.latest_analysis()
    assert latest is not None
    assert latest.ran == ("detect",) and latest.not_run == ("law",)
    assert (
        " did not finish: it stopped, or is still running. Ran: none (detect failed: the case database failed"
        " while the analyser ran: terminating connection). Did not run: law. The findings"
    ) in latest.unfinished
    assert latest.unfinished in verify_case(case).notes


def test_a_fact_or_finding_a_person_recorded_before_an_add_is_no_run_that_missed_it(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    """`relationship add` and `record` store their entries as runs of their own; an exhibit added after
    them was not "not read" by them, and no `analyse` would clear a warning that said so (review of
    1 December, defect 1)."""
    folder = tmp_path / "c"
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    assert run_cli("case", "init", str(folder), "--name", "R v Facts").exit_code == 0
    assert run_cli("person", "add", str(folder), "Ann Example", "--role", "suspect").exit_code == 0
    assert run_cli("person", "add", str(folder), "Ben Example", "--role", "complainant").exit_code == 0
    assert run_cli("add", str(folder), str(tmp_path / "one.txt"), "--producer", "Ben Example").exit_code == 0
    relationship = ("relationship", "add", str(folder), "--suspect", "Ann Example", "--complainant")
    facts = (
        *relationship,
        "Ben Example",
        "--kind",
        "former_intimate",
        "--apart",
        "--reason",
        "her statement",
    )
    assert run_cli(*facts).exit_code == 0
    recorded = ("record", str(folder), "1", "--category", "money_demand", "--reason", "asked for £50 on JD/4")
    assert run_cli(*recorded).exit_code == 0
    _detect_finds_one(monkeypatch)
    assert run_cli("analyse", str(folder), "--only", "detect").exit_code == 0
    assert run_cli("add", str(folder), str(tmp_path / "two.txt"), "--producer", "Ben Example").exit_code == 0
    assert run_cli("analyse", str(folder), "--only", "detect").exit_code == 0
    case = Case.open(folder, settings)
    assert analysis_gaps(case.store) == []
    assert {r.analyser for r in case.store.runs()} >= {"investigator_facts", "reviewer", "detect"}
    case.close()
    runner = CliRunner()
    assert runner.invoke(cli, ["--actor", "tester", "findings", str(folder)]).stderr == ""
