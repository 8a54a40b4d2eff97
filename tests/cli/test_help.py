"""Every command's --help says what it does and shows an example of the command itself."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from footprint.cli import cli
from tests.conftest import every_command

COMMANDS = sorted(path for path, command in every_command() if not isinstance(command, click.Group))


def test_the_contract_commands_are_all_there() -> None:
    names = {" ".join(c) for c in COMMANDS}
    contract = {
        "demo", "case init", "add", "person add", "account attribute", "order add", "analyse", "ls",
        "items", "findings", "search", "link", "assess", "report", "verify", "serve", "classify",
        "link-score", "device check", "parsers", "analysers",
    }  # fmt: skip
    assert contract <= names, sorted(contract - names)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_has_an_example_of_the_command(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "Example:" in [line.strip() for line in lines], result.output
    after = lines[[line.strip() for line in lines].index("Example:") + 1 :]
    examples = [line.strip() for line in after if line.strip().startswith("footprint ")]
    assert examples and examples[0].startswith(f"footprint {' '.join(path)} "), result.output


def test_the_top_level_help_names_each_option_s_environment_variable() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    options = result.output.split("Options:")[1].split("Commands:")[0]
    named = [line.split("[env var: ")[1].rstrip("]") for line in options.splitlines() if "[env var: " in line]
    assert named == ["FOOTPRINT_ACTOR", "FOOTPRINT_ROLE", "FOOTPRINT_DATABASE_URL", "FOOTPRINT_PURPOSE"]
