"""`footprint serve`: refuses to listen beyond this computer, and names a missing case before starting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from footprint.case import Case


def test_serve_refuses_an_address_other_computers_can_reach(
    run_cli: Callable[..., Result], case: Case
) -> None:
    result = run_cli("serve", str(case.dir), "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert (
        "--host 0.0.0.0 would let other computers act as tester; add the people who review this case"
        " with `footprint user add` (they then sign in), or listen on this computer only (127.0.0.1,"
        " ::1 or localhost)"
    ) in result.output


def test_serve_names_a_missing_case(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli("serve", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no Footprint case here; create one with `footprint case init`" in result.output
