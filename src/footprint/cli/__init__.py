"""The command line: thin click commands over the services; the one place errors become exit codes."""

from __future__ import annotations

import errno
import sys
from typing import Any

import click
from sqlalchemy.exc import IntegrityError

from footprint import __version__
from footprint.cli.common import error_line
from footprint.errors import FootprintError
from footprint.users import ROLES

#: what to do after an error from the operating system, by errno (anything else: the default)
_OS_ADVICE = {
    errno.ENOSPC: "the disk is full: free space on it and run the command again",
    errno.EDQUOT: "your disk quota is used up: free space and run the command again",
    errno.EROFS: "copy the case to a disk you can write to, or work on it there with commands that only read",
    **dict.fromkeys(
        (errno.ENOENT, errno.ENOTDIR, errno.EISDIR), "check the path and the spelling of the name"
    ),
}
_OS_DEFAULT = "check that you may read and write this file or folder, then run the command again"


def os_error_line(exc: OSError) -> str:
    """One line for an error from the operating system: the file (when known), what, what to do."""
    where = f"{exc.filename}: " if exc.filename else ""
    what = exc.strerror or str(exc)
    return f"{where}{what}; {_OS_ADVICE.get(exc.errno or 0, _OS_DEFAULT)}"


class FootprintGroup(click.Group):
    """A click group that turns a ``FootprintError``, or an error from the disk, into one line and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FootprintError as exc:
            raise click.ClickException(error_line(str(exc))) from exc
        except IntegrityError as exc:
            # a check made before the transaction (no such name yet, ...) was overtaken by another command
            # or user committing first; the transaction rolled back. One line, never the statement's
            # parameters (they may hold a password hash).
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
            raise click.ClickException(
                "the case changed while this command ran (another command or user got there first:"
                f" {reason}); nothing was changed; look at the case and run the command again"
            ) from exc
        except OSError as exc:  # disk full, permission, read-only disk: the user's to fix, not a bug
            if exc.errno == errno.EPIPE:  # the reader stopped early (`| head`): click ends quietly
                raise
            raise click.ClickException(error_line(os_error_line(exc))) from exc


@click.group(cls=FootprintGroup)
@click.version_option(__version__, prog_name="footprint")
@click.option("--actor", envvar="FOOTPRINT_ACTOR", help="Who is acting (recorded in the audit log).")
@click.option(
    "--role",
    envvar="FOOTPRINT_ROLE",
    type=click.Choice(ROLES),
    help="The actor's role in the case (default investigator; viewer reads only).",
)
@click.option(
    "--db",
    "database_url",
    envvar="FOOTPRINT_DATABASE_URL",
    help="Database URL (default: the case's SQLite file).",
)
@click.pass_context
def cli(ctx: click.Context, actor: str | None, role: str | None, database_url: str | None) -> None:
    """Footprint: turn the online footprint of abuse into a prosecution-ready case."""
    from footprint.settings import Settings

    given = {"actor": actor, "role": role, "database_url": database_url}
    ctx.obj = Settings().model_copy(update={k: v for k, v in given.items() if v})


def _register() -> None:
    """Add the commands of every module in this package (each lists its own in ``COMMANDS``)."""
    import footprint.cli as package
    from footprint.plugins import import_submodules

    for module in import_submodules(package, skip=frozenset({"common"})):
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register()


def main() -> None:
    """Console entry point."""
    cli.main(args=sys.argv[1:], prog_name="footprint")
