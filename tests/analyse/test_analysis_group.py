"""One `analyse` is one group: a stop part-way is said by `findings`, `assess`, `report`, `verify` and the
app; each run records when it started (before the analyser read the case) and when its rows were in."""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from click.testing import CliRunner

from footprint.analyse.base import Analyser, FindingDraft, analysers, run_analysers
from footprint.case import Case
from footprint.cli import cli
from footprint.integrity import verify_case
from footprint.report import render_html
from footprint.report.build import build_report
from footprint.settings import Settings
from footprint.times import uk_display

REPO = Path(__file__).resolve().parents[2]


class First(Analyser):
    """A stand-in analyser: one finding on the case."""

    name = "test_first"
    version = 1
    description = "one finding"

    def run(self, case: Case) -> Iterator[FindingDraft]:
        yield FindingDraft(None, "distress", 0.5, "first")


class Stops(Analyser):
    """A stand-in analyser stopped part-way, as Ctrl-C (or SIGTERM, ``Terminated``) stops one."""

    name = "test_stops"
    version = 1
    description = "stopped"
    depends_on = ("test_first",)

    def run(self, case: Case) -> Iterator[FindingDraft]:
        raise KeyboardInterrupt


class Last(Analyser):
    name = "test_last"
    version = 1
    description = "after the stop"
    depends_on = ("test_stops",)

    def run(self, case: Case) -> Iterator[FindingDraft]:
        yield FindingDraft(None, "distress", 0.5, "last")


@pytest.fixture
def stand_ins() -> Iterator[None]:
    for cls in (First, Stops, Last):
        analysers.register(cls)
    try:
        yield
    finally:
        for cls in (First, Stops, Last):
            analysers._by_name.pop(cls.name, None)


UNFINISHED = (
    "the latest analysis (no. 1, started {at} by tester) did not finish: it stopped, or is still running."
    " Ran: test_first. Did not run: test_stops, test_last. The findings shown are the latest run of each"
    " analyser, so they may mix this analysis with an earlier one or lack those analysers' findings: run"
    " `footprint analyse` again before relying on them"
)


def test_an_analyse_stopped_part_way_is_said_by_findings_assess_verify_and_the_report(
    case: Case, stand_ins: None
) -> None:
    with pytest.raises(KeyboardInterrupt):
        run_analysers(case, ["test_last"])
    latest = case.store.latest_analysis()
    assert latest is not None
    assert (latest.analysers, latest.ran, latest.not_run) == (
        ("test_first", "test_stops", "test_last"),
        ("test_first",),
        ("test_stops", "test_last"),
    )
    said = UNFINISHED.format(at=uk_display(latest.started_utc))
    assert latest.unfinished == said
    assert [r.analysis_id for r in case.store.runs()] == [1]
    runner = CliRunner()
    for command in (["findings"], ["assess", "--as-of", "2026-11-30"]):
        result = runner.invoke(cli, ["--actor", "tester", *command, str(case.dir)])
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines()[0] == f"Warning: {said}"
    assert said in verify_case(case).notes
    model = build_report(case)
    assert model.limitations[0] == said[0].upper() + said[1:] + "."
    # and on the first page, not only in the last section (new-code review 2, defect 9)
    first_page = render_html(model).split("<nav>", 1)[0]
    assert f"<br><strong>Warning: {said}.</strong>" in html.unescape(first_page)


def test_a_finished_analyse_says_nothing_and_its_runs_are_one_group(case: Case, stand_ins: None) -> None:
    run_analysers(case, ["test_first"])
    run_analysers(case, ["test_first"])
    latest = case.store.latest_analysis()
    assert latest is not None and (latest.id, latest.ran, latest.unfinished) == (2, ("test_first",), "")
    assert [r.analysis_id for r in case.store.runs(latest_only=False)] == [1, 2]
    result = CliRunner().invoke(cli, ["--actor", "tester", "findings", str(case.dir)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert not any("did not finish" in n for n in verify_case(case).notes)


class Clocked(Analyser):
    """Reads the clock while it runs: the run's start must come before, its finish after."""

    name = "test_clocked"
    version = 1
    description = "reads the clock"
    seen = ""

    def run(self, case: Case) -> Iterator[FindingDraft]:
        from footprint.analyse import base

        Clocked.seen = base.now_utc()
        yield FindingDraft(None, "distress", 0.5, "timed")


def test_a_run_records_when_it_started_and_when_its_findings_were_stored(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = count(1)

    def clock() -> str:
        return f"2026-11-30T00:00:{next(ticks):02d}.000Z"

    for module in ("footprint.analyse.base", "footprint.store.case_store"):
        monkeypatch.setattr(f"{module}.now_utc", clock)
    analysers.register(Clocked)
    try:
        run_analysers(case, ["test_clocked"])
    finally:
        analysers._by_name.pop("test_clocked", None)
    [run] = case.store.runs()
    assert run.started_utc < Clocked.seen < run.finished_utc  # type: ignore[operator]
    assert (run.started_utc, Clocked.seen, run.finished_utc) == (
        "2026-11-30T00:00:02.000Z",  # 01: the analysis began
        "2026-11-30T00:00:03.000Z",
        "2026-11-30T00:00:05.000Z",  # 04: the row's first stamp, replaced once its findings were in
    )


SIGTERM_PROBE = textwrap.dedent(
    """
    import os, signal, sys, time
    import footprint.analyse.base as base

    def stopped(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10)  # SIGTERM ends it well before
        raise AssertionError("SIGTERM did not stop the command")

    base.run_analysers = stopped
    from footprint.cli import main
    sys.argv = ["footprint", "--actor", "tester", "analyse", sys.argv[1]]
    main()
    """
)


def test_sigterm_ends_a_command_with_one_line_and_exit_143(tmp_path: Path, settings: Settings) -> None:
    Case.init(tmp_path / "c", name="R v Term", tz="Europe/London", settings=settings).close()
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_PROBE, str(tmp_path / "c")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        128 + signal.SIGTERM,
        "",
        "stopped (SIGTERM); the change under way was rolled back (what the command had already saved"
        " stays): look at the case (`footprint ls DIR`) before running the command again\n",
    )


def test_an_analysis_row_cannot_be_changed_and_a_missing_guard_is_named(case: Case) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from footprint.store.guards import missing_guards

    with case.transaction() as (tx, _):
        tx.add_analysis(["detect"], "tester")
    engine = case.store.engine
    with pytest.raises(IntegrityError, match="table analysis is append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE analysis SET by_user = 'someone else'"))
    assert missing_guards(engine) == []
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER analysis_no_update"))
    assert missing_guards(engine) == [
        "database guard analysis_no_update is missing or disabled, so rows of table analysis can be changed"
        " (changed outside Footprint)"
    ]
