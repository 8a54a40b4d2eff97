"""`findings`, `assess` and `report` say on stderr when the case was never analysed, and when something an
analysis reads (an attribution, a link decision, an order) was recorded after the latest `analyse` began
(an investigator's review, 2 December: results went stale after `account attribute` with no word)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.analysis_gaps import NEVER


def test_a_case_never_analysed_says_so(chat_case: Path, run_cli: Callable[..., Result]) -> None:
    for command in ("findings", "assess"):
        assert run_cli(command, str(chat_case)).stderr == f"Warning: {NEVER}\n"


@pytest.mark.slow
def test_an_attribution_after_the_analysis_is_named_until_it_runs_again(
    chat_case: Path, run_cli: Callable[..., Result]
) -> None:
    assert run_cli("person", "add", str(chat_case), "Ann Example", "--role", "complainant").exit_code == 0
    assert run_cli("analyse", str(chat_case)).exit_code == 0
    assert run_cli("findings", str(chat_case)).stderr == ""
    attributed = run_cli(
        "account", "attribute", str(chat_case), "whatsapp:Ann Example", "--person", "Ann Example",
        "--as-complainant", "--basis", "she confirms it",
    )  # fmt: skip
    assert attributed.exit_code == 0
    warned = run_cli("findings", str(chat_case)).stderr
    assert warned.startswith("Warning: 1 account attribute recorded after analysis no. 1 (from ")
    assert warned.endswith(
        "): its findings and the offence assessment do not reflect them: run `footprint analyse` again\n"
    )
    assert run_cli("analyse", str(chat_case)).exit_code == 0
    assert run_cli("findings", str(chat_case)).stderr == ""
