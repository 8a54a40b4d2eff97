"""`footprint findings` shows an escalation whose change point counted a finding dismissed since the
analysis ran as the review decisions stand now, as the report and the app do."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import escalating_pattern, run_only  # noqa: E402

from footprint.case import Case  # noqa: E402
from footprint.cli import cli  # noqa: E402
from footprint.review.decisions import decide  # noqa: E402

NOW = (
    "Since this analysis ran, a person dismissed finding #{lyric} (threat_to_kill, JD/1 line 5), which it"
    " counted. Recomputed without it, as `footprint assess` computes it now: severity rose from 1.0 (mean"
    " over occasions 1-4) to 5.0 (occasions 5-7) from JD/1 line 6 (23/03/2024 12:00:00 GMT (+00:00));"
    " occasions per week rose from 1.0 (weeks 1-3) to 4.0 (week 4), weeks counted from 02/03/2024."
)


def test_findings_recomputes_an_escalation_resting_on_a_dismissed_threat(case: Case) -> None:
    escalating_pattern(case)
    run_only(case, "escalation")
    listed = CliRunner().invoke(cli, ["findings", str(case.dir), "--json", "--category", "escalation"])
    assert "now" not in json.loads(listed.output)
    lyric = case.store.findings("threat_to_kill")[0].id
    decide(case, lyric, "dismiss", "a song lyric he quoted, not a threat")
    listed = CliRunner().invoke(cli, ["findings", str(case.dir), "--json", "--category", "escalation"])
    assert json.loads(listed.output)["now"] == NOW.format(lyric=lyric)
    text = CliRunner(env={"COLUMNS": "1000"}).invoke(
        cli, ["findings", str(case.dir), "--category", "escalation"]
    )
    assert text.output.splitlines()[0].endswith(
        " — not yet reviewed — as the review decisions stand now: " + NOW.format(lyric=lyric)
    )
