"""`add` speaks to whoever adds the exhibit: no "examiner" for a victim's advocate or the victim."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result


def test_add_does_not_call_the_person_adding_the_examiner(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    case = tmp_path / "c"
    assert (
        run_cli("case", "init", str(case), "--name", "Jane's evidence", "--tz", "Europe/London").exit_code
        == 0
    )
    chat = tmp_path / "texts.txt"
    chat.write_text("[02/03/2024, 21:14:05] Alex Suspect: hello\n", encoding="utf-8")
    out = run_cli(
        "--role", "advocate", "add", str(case), str(chat), "--producer", "Jane Doe", "--date-order", "dmy"
    )
    lines = out.output.splitlines()
    assert "  zone: Europe/London (the case's zone)" in lines
    assert "  date_order: dmy (given with --date-order)" in lines
    assert "examiner" not in out.output
    again = tmp_path / "more.txt"
    again.write_text("[23/03/2024, 21:14:05] Alex Suspect: hello\n", encoding="utf-8")
    out = run_cli("add", str(case), str(again), "--producer", "Jane Doe", "--tz", "Europe/Paris")
    assert "  zone: Europe/Paris (given with --tz)" in out.output.splitlines()
