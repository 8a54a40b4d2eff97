"""The command line: thin click commands over the services; the one place errors become exit codes.

Start-up stays cheap: a command's module (and the analysers, models and store it imports) is loaded only
when that command, or its ``--help``, is run. ``COMMANDS`` below names every command and its module.
"""

from __future__ import annotations

import sys

from footprint.startup import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    INTERRUPTED,
    Terminated,
    end_loading,
    exit_code,
    guard_loading,
    ignore_stops_when_done,
    raise_on_sigterm,
    stopped_line,
)

# Ctrl-C while the command line loads (about 0.1 s): one line, exit 130. Under `python -m footprint`
# the package guarded it already and `main` ends the guard; otherwise it ends once this module has loaded.
_GUARDED_HERE = guard_loading()

import errno  # noqa: E402
import importlib  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import click  # noqa: E402

from footprint.errors import DiskFullError, FootprintError  # noqa: E402
from footprint.model import ROLES  # noqa: E402

#: every command: its name, the module in this package that defines it (in that module's ``COMMANDS``)
#: and the short help `footprint --help` shows, so that listing them imports none of them. A new
#: command is one line here; tests/cli/test_lazy.py checks that this matches the modules.
COMMANDS: dict[str, tuple[str, str]] = {
    "access-log": ("access_cmds", "Who read the case at the command line, when, with which command and arguments, and why."),  # noqa: E501
    "account": ("case_cmds", "Accounts and who they belong to."),
    "add": ("ingest_cmds", "Add export files to the case as exhibits (each all or nothing)."),
    "analyse": ("analyse_cmds", "Run the analysers in dependency order; failures are recorded and the rest still run."),  # noqa: E501
    "analysers": ("analyse_cmds", "List the installed analysers with their versions."),
    "assess": ("law_cmds", "Candidate offences per suspect and complainant, computed from the store (not a finding of guilt)."),  # noqa: E501
    "case": ("case_cmds", "Create and maintain case folders."),
    "classify": ("classify_cmds", "Detect abuse in texts: one JSON line per input, in input order, with every category's score."),  # noqa: E501
    "demo": ("demo_cmd", "Build the synthetic demo case (R v Smith), analyse it and write its report."),
    "device": ("device_cmds", "Stalkerware, monitoring apps and trackers."),
    "exhibit": ("exhibit_cmds", "Exhibits: who supplied them (what a victim's advocate may see) and whose they are."),  # noqa: E501
    "findings": ("list_cmds", "Findings of the latest analyser runs (opinions until a person reviews them)."),
    "images": ("images_cmds", "Intimate-image matching (hashes only; images are never shown without an audited reveal)."),  # noqa: E501
    "items": ("list_cmds", "Items in file order (JSON Lines with --json)."),
    "link": ("link_cmds", "Candidate persons: accounts clustered by their links, each link with its reasons."),  # noqa: E501
    "link-accept": ("link_cmds", "Accept a link: the accounts are attributed to one person as an accepted linkage hypothesis."),  # noqa: E501
    "link-reject": ("link_cmds", "Reject a link; attributions resting on it are withdrawn."),
    "link-score": ("link_cmds", "Batch: JSONL pairs of accounts in, one JSONL score per pair out, in input order."),  # noqa: E501
    "link-suggest": ("link_cmds", "Suggest that two accounts are one person's (an advocate): a deciding user accepts or rejects it."),  # noqa: E501
    "ls": ("list_cmds", "Exhibits with their hashes, parsers, item counts and warnings."),
    "order": ("law_cmds", "Court orders protecting a complainant (restraining, non-molestation, stalking protection, domestic abuse protection)."),  # noqa: E501
    "parsers": ("ingest_cmds", "List the installed parsers with their versions."),
    "person": ("case_cmds", "People in the case."),
    "record": ("review_cmds", "Record a finding on ITEM_ID that no analyser reads, confirmed by the acting user (--actor)."),  # noqa: E501
    "relationship": ("law_cmds", "How a suspect and complainant are connected (needed for controlling or coercive behaviour)."),  # noqa: E501
    "report": ("report_cmds", "Write the case report, schedules and exports into the case's reports/ folder; print their paths."),  # noqa: E501
    "review": ("review_cmds", "Record a decision on FINDING_ID by the acting user (--actor)."),
    "search": ("list_cmds", "Full-text search; every hit with its exhibit reference and locator."),
    "serve": ("serve_cmd", "Review findings in a browser; every view and decision is audited."),
    "suggestions": ("suggestion_cmds", "What advocates noted and suggested that no deciding user has decided on since."),  # noqa: E501
    "user": ("user_cmds", "People who sign in to `footprint serve` for this case."),
    "validate": ("validate_cmds", "Run the acceptance checks offline and write the validation pack into OUT_DIR; exit 1 if any fails."),  # noqa: E501
    "verify": ("verify_cmds", "Re-hash originals and outputs, check the audit chain and every row; exit 1 on any problem."),  # noqa: E501
}  # fmt: skip

#: set in ``ctx.meta`` once a command has opened a case to change it (``common.check_may_change``)
CHANGING = "footprint.changing"
INTERRUPTED_CHANGING = (
    "interrupted; the change under way was rolled back (what the command had already saved stays):"
    " look at the case (`footprint ls DIR`) before running the command again"
)


class Interrupted(click.ClickException):
    """Ctrl-C: one line saying what is true of the case, and exit 130 (click would say "Aborted!", exit 1)."""

    exit_code = EXIT_INTERRUPTED

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


class StoppedBySigterm(Interrupted):
    """SIGTERM: the same line beginning "stopped (SIGTERM)", and exit 143 (it used to end silently)."""

    exit_code = EXIT_TERMINATED


def interrupted(line: str, exc: BaseException) -> Interrupted:
    """Ctrl-C's one line, or SIGTERM's when ``exc`` is one."""
    return (StoppedBySigterm if isinstance(exc, Terminated) else Interrupted)(stopped_line(line, exc))


#: what to do after an error from the operating system, by errno (anything else: the default)
_OS_ADVICE = {
    errno.EROFS: "copy the case to a disk you can write to, or work on it there with commands that only read",
    **dict.fromkeys(
        (errno.ENOENT, errno.ENOTDIR, errno.EISDIR), "check the path and the spelling of the name"
    ),
}
_OS_DEFAULT = "check that you may read and write this file or folder, then run the command again"


def os_error_line(exc: OSError, ctx: click.Context | None = None) -> str:
    """One line for an error from the operating system: the file (when known), what, what to do; for a
    full disk, the folder whose disk is full (``disk_full``)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return str(disk_full(exc, ctx))
    where = f"{exc.filename}: " if exc.filename else ""
    what = exc.strerror or str(exc)
    return f"{where}{what}; {_OS_ADVICE.get(exc.errno or 0, _OS_DEFAULT)}"


def disk_full(exc: OSError, ctx: click.Context | None) -> DiskFullError:
    """A write that failed for want of space, which no command turned into its own words: the folder
    written to (of the file the system names, else the folder the command was given), what is unchanged
    and what to do."""
    named = Path(os.fsdecode(exc.filename)) if exc.filename else None
    given = [v for v in (ctx.params.values() if ctx else ()) if isinstance(v, Path)]
    folder = (named if named.is_dir() else named.parent) if named else (given[0] if given else Path.cwd())
    changing = ctx is not None and ctx.meta.get(CHANGING)
    unchanged = (
        "the change under way was rolled back (what the command had already saved stays)"
        if changing
        else "the case is unchanged (a file this command was writing may be incomplete)"
    )
    return DiskFullError(
        str(folder),
        exc.strerror or "no space left",
        unchanged,
        "free space on that disk, or give a folder on another disk (--out, where the command takes one),"
        " and run the command again",
    )


#: the exit code when the reader of standard output stopped early (`| head`): 128 + SIGPIPE, as a shell
#: reports a tool that signal ended, never 1 (a Footprint error, which always says what went wrong)
PIPE_CLOSED = 128 + 13


def _quiet_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush into the closed pipe
    is not reported as an error on the way out."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return  # not a file (a test runner's capture): nothing is flushed to a pipe
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


def _lost_line(ctx: click.Context, database: str, exc: Any) -> str:
    """One line for the case database lost mid-command (the server stopped, the network went)."""
    from footprint.cli.common import error_line

    reason = (str(exc.orig or exc).strip().splitlines() or [type(exc).__name__])[0]
    if ctx.meta.get(CHANGING):
        what = (
            "the change under way was rolled back (what the command had already saved stays): when the"
            " database is back, look at the case (`footprint ls DIR`) before running the command again"
        )
    else:
        what = "the case is unchanged; run the command again when the database is back"
    return error_line(f"lost the connection to the case database {database} ({reason}); {what}")


def _refused_line(ctx: click.Context, what: str, advice: str) -> str:
    """One line for a statement the server refused for a reason not Footprint's (``refused_statement``)."""
    from footprint.cli.common import error_line

    state = (
        "the change under way was rolled back (what the command had already saved stays)"
        if ctx.meta.get(CHANGING)
        else "the case is unchanged"
    )
    return error_line(f"{what}; {state}; {advice}")


class FootprintGroup(click.Group):
    """The root group: loads a command's module only when the command is run (``COMMANDS``), and turns a
    ``FootprintError``, an error from the disk or Ctrl-C into one line (exit 1; Ctrl-C exit 130)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMANDS:
            module = importlib.import_module(f"{__name__}.{COMMANDS[cmd_name][0]}")
            command = next(c for c in module.COMMANDS if c.name == cmd_name)
        if command is None:
            return None
        from footprint.cli.text_arguments import refusing_undecodable

        return refusing_undecodable(command)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # click offers close names from the loaded ones only
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list `footprint --help` shows, from ``COMMANDS`` (as click would, without loading them)."""
        # a stand-in command with the short help shortens it exactly as the real command would
        shown = {**{n: click.Command(n, help=short) for n, (_, short) in COMMANDS.items()}, **self.commands}
        names = [name for name in self.list_commands(ctx) if not shown[name].hidden]
        limit = formatter.width - 6 - max(map(len, names))
        rows = [(name, shown[name].get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt as exc:
            raise interrupted(INTERRUPTED, exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke(ctx)
        finally:  # the command has ended: what it did is said, or is about to be (its error's one line)
            ignore_stops_when_done()

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # the command, or loading it; an add in progress has rolled back
            raise interrupted(INTERRUPTED_CHANGING if ctx.meta.get(CHANGING) else INTERRUPTED, exc) from None
        except FootprintError as exc:
            from footprint.cli.common import error_line

            raise click.ClickException(error_line(str(exc))) from exc
        except OSError as exc:  # disk full, permission, read-only disk: the user's to fix, not a bug
            if exc.errno == errno.EPIPE:  # the reader stopped early (`| head`): quietly, as a shell tool
                _quiet_stdout()
                raise click.exceptions.Exit(PIPE_CLOSED) from None
            from footprint.cli.common import error_line

            raise click.ClickException(error_line(os_error_line(exc, ctx))) from exc
        except Exception as exc:
            # SQLAlchemy's errors; not loaded for this when the command never loaded SQLAlchemy
            # (`footprint parsers --help` ends with click's Exit)
            sa_exc = sys.modules.get("sqlalchemy.exc")
            if sa_exc is None:
                raise
            if isinstance(exc, sa_exc.DBAPIError):
                from footprint.store.engine import lost_database, refused_statement

                database = lost_database(exc)
                if database is not None:
                    raise click.ClickException(_lost_line(ctx, database, exc)) from exc
                if (refused := refused_statement(exc)) is not None:
                    raise click.ClickException(_refused_line(ctx, *refused)) from exc
                from footprint.read_only import READ_ONLY_ADVICE, cannot_write

                if (why := cannot_write(exc)) is not None:  # a read-only copy of a SQLite case
                    raise click.ClickException(
                        _refused_line(ctx, f"the case cannot be written ({why})", READ_ONLY_ADVICE)
                    ) from exc
            if not isinstance(exc, sa_exc.IntegrityError):
                raise
            # a check made before the transaction (no such name yet, ...) was overtaken by another command
            # or user committing first; the transaction rolled back. One line, never the statement's
            # parameters (they may hold a password hash).
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
            raise click.ClickException(
                "the case changed while this command ran (another command or user got there first:"
                f" {reason}); nothing was changed; look at the case and run the command again"
            ) from exc


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from footprint.code_identity import code_digest, tool_version

        click.echo(f"footprint, version {tool_version()}\ncode SHA-256 {code_digest()}")
        ctx.exit()


@click.group(cls=FootprintGroup)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version (the release and its code's digest) and exit.",
)
@click.option(
    "--actor", envvar="FOOTPRINT_ACTOR", show_envvar=True, help="Who is acting (recorded in the audit log)."
)
@click.option(
    "--role",
    envvar="FOOTPRINT_ROLE",
    show_envvar=True,
    type=click.Choice(ROLES),
    help="The actor's role (default: a user's own in the case, else investigator; viewer reads only).",
)
@click.option(
    "--db",
    "database_url",
    envvar="FOOTPRINT_DATABASE_URL",
    show_envvar=True,
    help="Database URL (default: the case's SQLite file).",
)
@click.option(
    "--purpose",
    envvar="FOOTPRINT_PURPOSE",
    show_envvar=True,
    help="Why the case is read (e.g. an incident number); kept in its access log with each read.",
)
@click.pass_context
def cli(
    ctx: click.Context, actor: str | None, role: str | None, database_url: str | None, purpose: str | None
) -> None:
    """Footprint: turn the online footprint of abuse into a prosecution-ready case."""
    from footprint.cli.text_arguments import check_arguments
    from footprint.privacy import owner_only
    from footprint.settings import Settings

    given = {"actor": actor, "role": role, "database_url": database_url, "purpose": purpose}
    check_arguments(ctx, given)
    ctx.obj = Settings().model_copy(update={k: v for k, v in given.items() if v})
    ctx.with_resource(owner_only())  # what the command writes is readable by its owner alone


if _GUARDED_HERE:
    end_loading()


def main() -> None:
    """Console entry point."""
    try:
        end_loading()
        raise_on_sigterm()
        cli.main(args=sys.argv[1:], prog_name="footprint")
    except KeyboardInterrupt as exc:  # before click's own handling begins (the command line has only loaded)
        print(stopped_line(INTERRUPTED, exc), file=sys.stderr)  # noqa: T201
        raise SystemExit(exit_code(exc)) from None
    finally:  # also where no command ran (`--help`, `--version`): the process only exits now
        ignore_stops_when_done()
