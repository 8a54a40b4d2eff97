"""`--role`: a known role only, and `--role viewer` reads the case but never changes it (docs/cli.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.settings import Settings
from tests.conftest import snapshot

Run = Callable[..., Result]
CHAT = "14/03/2024, 09:15 - Ann Example: hello\n"


@pytest.fixture
def case_dir(tmp_path: Path, run_cli: Run) -> Path:
    case = tmp_path / "c"
    assert run_cli("case", "init", str(case), "--name", "R v Example").exit_code == 0
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    assert run_cli("add", str(case), str(chat), "--producer", "Ben Example").exit_code == 0
    return case


def test_an_unknown_role_is_a_usage_error(case_dir: Path, run_cli: Run) -> None:
    result = run_cli("--role", "veiwer", "ls", str(case_dir))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--role': 'veiwer' is not one of 'investigator', 'prosecutor',"
        " 'reviewer', 'advocate', 'viewer'."
    )


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("person add", ("Cal Example", "--role", "witness")),
        ("add", ("chat2.txt", "--producer", "Ben Example")),
        ("analyse", ("--only", "link")),
        ("report", ()),
    ],
)
def test_a_viewer_may_not_change_the_case(
    tmp_path: Path, case_dir: Path, run_cli: Run, settings: Settings, command: str, args: tuple[str, ...]
) -> None:
    (tmp_path / "chat2.txt").write_text("14/03/2024, 09:16 - Cal Example: hi\n", encoding="utf-8")
    before = snapshot(Case.open(case_dir, settings))
    args = tuple(str(tmp_path / a) if a.endswith(".txt") else a for a in args)
    result = run_cli("--role", "viewer", *command.split(), str(case_dir), *args)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: tester acts as 'viewer', which may read the case but not change it; `footprint {command}`"
        " changes it: run it in another role (--role)\n"
    )
    assert snapshot(Case.open(case_dir, settings)) == before


@pytest.mark.parametrize("command", ["ls", "items", "findings", "link", "verify"])
def test_a_viewer_may_read_the_case(case_dir: Path, run_cli: Run, command: str) -> None:
    assert run_cli("--role", "viewer", command, str(case_dir)).exit_code == 0
