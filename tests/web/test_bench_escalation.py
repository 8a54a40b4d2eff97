"""bench/web_escalation_page.py runs: its case has an escalation finding (the demo's own messages no longer
make one, and the bench stopped at StopIteration), and the page recomputes it once a threat is dismissed."""

from __future__ import annotations

import re
import sys

import pytest
from bench import web_escalation_page


@pytest.mark.slow
def test_the_escalation_page_bench_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["web_escalation_page.py", "--runs", "1"])
    web_escalation_page.main()
    timed = r"median \d+\.\d{3} s \(\d+\.\d{3}–\d+\.\d{3} s over 1 runs\)"
    assert re.fullmatch(
        f"nothing dismissed: {timed}\nrecomputed: True\nthreat_to_kill dismissed: {timed}\n",
        capsys.readouterr().out,
    )
