"""`footprint items` flags a time in a clock change as the report does (it showed the resolved time alone)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from footprint.case import Case
from tests.report.test_clock_change import add_clock_change_chat


def test_items_show_the_exported_time_and_flag_a_clock_change(
    case: Case, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    add_clock_change_chat(case, tmp_path)
    assert run_cli("items", str(case.dir)).output.splitlines() == [
        "BE/1 line 1 31/03/2024 02:30:00 BST (+01:00) (exported as “31/03/2024, 01:30”; time skipped by the"
        " clock change) Ann Example: in the spring gap",
        "BE/1 line 2 27/10/2024 01:30:00 BST (+01:00) (exported as “27/10/2024, 01:30”; ambiguous: BST or"
        " GMT) Ann Example: in the autumn fold",
        "BE/1 line 3 28/10/2024 09:00:00 GMT (+00:00) Ann Example: an ordinary time",
    ]
    lines = [json.loads(x) for x in run_cli("items", str(case.dir), "--json").output.splitlines()]
    assert [x["details"].get("clock_change") for x in lines] == [
        "time skipped by the clock change",
        "ambiguous: BST or GMT",
        None,
    ]
