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


def test_an_unknown_role_is_a_usage_error(chat_case: Path, run_cli: Run) -> None:
    result = run_cli("--role", "veiwer", "ls", str(chat_case))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--role' (env var: 'FOOTPRINT_ROLE'): 'veiwer' is not one of"
        " 'investigator', 'prosecutor', 'reviewer', 'advocate', 'viewer'."
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
    tmp_path: Path, chat_case: Path, run_cli: Run, settings: Settings, command: str, args: tuple[str, ...]
) -> None:
    (tmp_path / "chat2.txt").write_text("14/03/2024, 09:16 - Cal Example: hi\n", encoding="utf-8")
    before = snapshot(Case.open(chat_case, settings))
    args = tuple(str(tmp_path / a) if a.endswith(".txt") else a for a in args)
    result = run_cli("--role", "viewer", *command.split(), str(chat_case), *args)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: tester acts as 'viewer', which may read the case but not change it; `footprint {command}`"
        " changes it: ask the officer in the case (an investigator), a reviewer or a prosecutor to do it\n"
    )
    assert snapshot(Case.open(chat_case, settings)) == before


@pytest.mark.parametrize("command", ["ls", "items", "findings", "link", "verify"])
def test_a_viewer_may_read_the_case(chat_case: Path, run_cli: Run, command: str) -> None:
    assert run_cli("--role", "viewer", command, str(chat_case)).exit_code == 0
