"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

TWO_LINE_CHAT = "14/03/2024, 09:15 - Ann Example: hello\n14/03/2024, 09:16 - Ben Example: hi\n"


@pytest.fixture
def chat_case(tmp_path: Path, run_cli: Callable[..., Result]) -> Path:
    """A case made through the command line holding one two-line WhatsApp chat (exhibit BE/1)."""
    case = tmp_path / "c"
    assert run_cli("case", "init", str(case), "--name", "R v Example").exit_code == 0
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(TWO_LINE_CHAT, encoding="utf-8")
    assert run_cli("add", str(case), str(chat), "--producer", "Ben Example").exit_code == 0
    return case
