"""A user of the case acts at the command line in the role the case gives them: a `--role` naming another is
refused, and without `--role` their own is taken (a viewer no longer reset a reviewer's password, nor an
advocate widened her own view, with one flag). Anyone else acts in the role given: command-line roles are
not access control (docs/review.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.case import Case
from footprint.cli import cli
from footprint.settings import Settings
from footprint.users import active_user, add_user, password_matches
from tests.conftest import snapshot

MANAGE = "ask the officer in the case (an investigator), a reviewer or a prosecutor"


def _fp(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def team(chat_case: Path, settings: Settings) -> Path:
    case = Case.open(chat_case, settings)
    add_user(case, "DC Jane Patel", "reviewer", "pw-jane-12345678")
    add_user(case, "Defence expert", "viewer", "pw-def-12345678")
    add_user(case, "Adv Amy", "advocate", "pw-amy-12345678")
    case.close()
    return chat_case


def test_a_registered_viewer_may_not_take_a_reviewers_role_to_reset_a_password(
    team: Path, tmp_path: Path, settings: Settings
) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text("pw-evil-12345678\n", encoding="utf-8")
    before = snapshot(Case.open(team, settings))
    refused = _fp(
        "--actor", "Defence expert", "--role", "reviewer", "user", "password", str(team), "DC Jane Patel",
        "--password-file", str(evil),
    )  # fmt: skip
    assert refused.exit_code == 1
    assert refused.output == (
        "Error: Defence expert is a user of this case in the role 'viewer', not 'reviewer' (--role): a"
        f" command acts only in its user's role; leave out --role, or {MANAGE} to do what this role may not\n"
    )
    # without --role she acts as the case has her: a viewer, who may not change the case
    own = _fp(
        "--actor",
        "Defence expert",
        "user",
        "password",
        str(team),
        "DC Jane Patel",
        "--password-file",
        str(evil),
    )
    assert own.output == (
        "Error: Defence expert acts as 'viewer', which may read the case but not change it; `footprint user"
        f" password` changes it: {MANAGE} to do it\n"
    )
    case = Case.open(team, settings)
    assert snapshot(case) == before
    jane = active_user(case, "DC Jane Patel")
    assert jane is not None and password_matches("pw-jane-12345678", jane.password_hash)
    case.close()


def test_a_registered_advocate_may_not_take_an_investigators_role_to_widen_her_view(
    team: Path, settings: Settings
) -> None:
    before = snapshot(Case.open(team, settings))
    refused = _fp(
        "--actor",
        "Adv Amy",
        "--role",
        "investigator",
        "exhibit",
        "supplied",
        str(team),
        "BE/1",
        "--reason",
        "x",
    )
    assert refused.output == (
        "Error: Adv Amy is a user of this case in the role 'advocate', not 'investigator' (--role): a command"
        f" acts only in its user's role; leave out --role, or {MANAGE} to do what this role may not\n"
    )
    # a name typed in other letters (case, width, spacing) is the same user
    assert _fp("--actor", "adv  AMY", "--role", "reviewer", "ls", str(team)).output.startswith(
        "Error: adv  AMY is a user of this case in the role 'advocate', not 'reviewer' (--role)"
    )
    # without --role she acts as an advocate, who may not mark what she sees
    own = _fp("--actor", "Adv Amy", "exhibit", "supplied", str(team), "BE/1", "--reason", "x")
    assert own.exit_code == 1 and "Adv Amy acts as 'advocate'" in own.output
    assert snapshot(Case.open(team, settings)) == before


def test_a_user_acts_in_their_own_role_given_or_not_and_anyone_else_in_the_role_given(
    team: Path, run_cli: Callable[..., Result], settings: Settings
) -> None:
    assert _fp("--actor", "Defence expert", "--role", "viewer", "ls", str(team)).exit_code == 0
    assert (
        _fp(
            "--actor", "DC Jane Patel", "person", "add", str(team), "Cal Example", "--role", "witness"
        ).exit_code
        == 0
    )
    # a name the case's users do not hold: the command line cannot tell who types it (docs/review.md)
    assert (
        run_cli(
            "--role", "prosecutor", "person", "add", str(team), "Dee Example", "--role", "witness"
        ).exit_code
        == 0
    )
    case = Case.open(team, settings)
    assert [(e.actor, e.role) for e in case.store.audit_entries() if e.action == "person add"] == [
        ("DC Jane Patel", "reviewer"),
        ("tester", "prosecutor"),
    ]
    case.close()


def test_a_disabled_user_is_refused_at_the_command_line_naming_them_and_what_to_do(
    team: Path, settings: Settings
) -> None:
    disabled = _fp("--actor", "DC Test", "user", "disable", str(team), "Defence expert", "--reason", "done")
    assert disabled.exit_code == 0, disabled.output
    before = snapshot(Case.open(team, settings))
    refusal = (
        "is a user of this case who was disabled (`footprint user disable`), so may no longer act on it;"
        f" nothing was done. If you should still work on this case, {MANAGE} to add you again under a new"
        " name (`footprint user add`; a disabled user's name stays with what they did)\n"
    )
    # with her own role, another, or none; a name typed in other letters is the same user
    for args in (["--role", "viewer"], ["--role", "investigator"], []):
        refused = _fp("--actor", "Defence expert", *args, "ls", str(team))
        assert (refused.exit_code, refused.output) == (1, f"Error: Defence expert {refusal}"), args
    refused = _fp(
        "--actor", "defence  EXPERT", "person", "add", str(team), "Cal Example", "--role", "witness"
    )
    assert (refused.exit_code, refused.output) == (1, f"Error: defence  EXPERT {refusal}")
    assert snapshot(Case.open(team, settings)) == before
    # the users who were not disabled act as before
    assert _fp("--actor", "DC Jane Patel", "ls", str(team)).exit_code == 0
