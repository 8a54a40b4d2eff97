"""`user add | password | disable | ls`: who may sign in to the case's review app, and in which role."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from footprint.cli.access import logged_read
from footprint.cli.common import CASE_DIR, JSON_OPTION, console, emit_document, open_case, safe
from footprint.model import ROLES
from footprint.users import add_user, change_password, disable_user, users

PASSWORD_FILE = click.option(
    "--password-file",
    type=click.Path(dir_okay=False, exists=True, allow_dash=True),
    help="Read the password from the first line of this file (- for standard input); asked for if omitted.",
)


@click.group("user")
def user() -> None:
    """People who sign in to `footprint serve` for this case."""


def _password(source: str | None) -> str:
    if source == "-":
        return sys.stdin.readline().rstrip("\n")
    if source is not None:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise click.UsageError(
            "give the password with --password-file FILE (or - for one line of standard input)"
        )
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@user.command("add")
@CASE_DIR
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the user may do in this case.")
@PASSWORD_FILE
@click.pass_context
def user_add(ctx: click.Context, case_dir: Path, name: str, role: str, password_file: str | None) -> None:
    """Let NAME sign in to the review app in ROLE (audited; the password is stored only as a hash).

    \b
    Asks for the password at a terminal; a script gives --password-file FILE (or - for standard input).

    \b
    Example:
      footprint user add cases/r-v-smith "DC Jane Patel" --role reviewer
      footprint user add cases/r-v-smith "DC Jane Patel" --role reviewer --password-file pw.txt
    """
    add_user(open_case(ctx, case_dir), name, role, _password(password_file))
    console().print(f"{safe(name)} may now sign in as {role}")


@user.command("password")
@CASE_DIR
@click.argument("name")
@PASSWORD_FILE
@click.pass_context
def user_password(ctx: click.Context, case_dir: Path, name: str, password_file: str | None) -> None:
    """Give NAME a new password (audited; the old one stops working, and open sessions end, at once).

    \b
    Example:
      footprint user password cases/r-v-smith "DC Jane Patel"
    """
    change_password(open_case(ctx, case_dir), name, _password(password_file))
    console().print(f"{safe(name)} has a new password")


@user.command("disable")
@CASE_DIR
@click.argument("name")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@click.pass_context
def user_disable(ctx: click.Context, case_dir: Path, name: str, reason: str) -> None:
    """Stop NAME signing in (their past actions keep their name in the audit log).

    \b
    Example:
      footprint user disable cases/r-v-smith "DC Jane Patel" --reason "left the team"
    """
    disable_user(open_case(ctx, case_dir), name, reason)
    console().print(f"{safe(name)} may no longer sign in")


@user.command("ls")
@CASE_DIR
@JSON_OPTION
@click.pass_context
@logged_read
def user_ls(ctx: click.Context, case_dir: Path, as_json: bool) -> None:
    """The case's users with their roles.

    \b
    Example:
      footprint user ls cases/r-v-smith --json
    """
    rows = users(open_case(ctx, case_dir))
    if as_json:
        emit_document(
            {
                "users": [
                    {"name": u.name, "role": u.role, "created_utc": u.created_utc, "disabled": u.disabled}
                    for u in rows
                ]
            }
        )
        return
    for u in rows:
        console().print(f"{safe(u.name)}  {u.role}{'  (disabled)' if u.disabled else ''}")


COMMANDS = [user]
