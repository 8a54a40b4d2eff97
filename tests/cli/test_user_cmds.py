"""`footprint user add | disable | ls`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.case import Case
from footprint.cli import cli
from footprint.users import add_user


def test_add_list_and_disable_users(run_cli: Callable[..., Result], case: Case, tmp_path: Path) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text("correct horse battery\n", encoding="utf-8")
    added = run_cli(
        "user", "add", str(case.dir), "DC Ann Reviewer", "--role", "reviewer", "--password-file", str(secret)
    )
    assert added.exit_code == 0
    assert added.output == "DC Ann Reviewer may now sign in as reviewer\n"
    secret.write_text("another long password\n", encoding="utf-8")
    changed = run_cli("user", "password", str(case.dir), "DC Ann Reviewer", "--password-file", str(secret))
    assert changed.output == "DC Ann Reviewer has a new password\n"
    assert run_cli("user", "disable", str(case.dir), "DC Ann Reviewer", "--reason", "moved on").exit_code == 0
    listed = json.loads(run_cli("user", "ls", str(case.dir), "--json").output)
    assert [(u["name"], u["role"], u["disabled"]) for u in listed["users"]] == [
        ("DC Ann Reviewer", "reviewer", True)
    ]


def test_the_password_can_come_from_standard_input(case: Case) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--actor",
            "tester",
            "user",
            "add",
            str(case.dir),
            "Ann",
            "--role",
            "viewer",
            "--password-file",
            "-",
        ],
        input="correct horse battery\n",
    )
    assert result.exit_code == 0, result.output


def test_a_short_password_is_refused(run_cli: Callable[..., Result], case: Case, tmp_path: Path) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text("short\n", encoding="utf-8")
    result = run_cli("user", "add", str(case.dir), "Ann", "--role", "viewer", "--password-file", str(secret))
    assert result.exit_code == 1
    assert "the password for Ann is shorter than 12 characters; choose a longer one" in result.output


def test_without_a_terminal_the_password_must_be_given(run_cli: Callable[..., Result], case: Case) -> None:
    result = run_cli("user", "add", str(case.dir), "Ann", "--role", "viewer")
    assert result.exit_code == 2
    assert (
        "give the password with --password-file FILE (or - for one line of standard input)" in result.output
    )


@pytest.mark.parametrize("reason", ["", "  "])
def test_disabling_a_user_needs_a_reason(run_cli: Callable[..., Result], case: Case, reason: str) -> None:
    add_user(case, "DC Ann Reviewer", "reviewer", "correct horse battery")
    refused = run_cli("user", "disable", str(case.dir), "DC Ann Reviewer", "--reason", reason)
    assert (refused.exit_code, refused.output) == (
        1,
        "Error: every disabling of a user needs a reason (it is kept in the audit log); give one and try again\n",
    )
