"""``@logged_read``: a command that reads a case records the read in the case's access log
(``footprint.access_log``) when it ends: who, when, the command and the arguments given to it, how many
lines it wrote to standard output, how it ended, the purpose (``--purpose``/``FOOTPRINT_PURPOSE``) and
the tool's version. The read is never held up by its log: when the row cannot be written (a read-only
database or user, another writer holding the lock), one line on stderr says so and why."""

from __future__ import annotations

import errno
import functools
import sys
from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ParamSpec, TextIO, TypeVar, cast

import click
from click.core import ParameterSource

from footprint.access_record import record_access
from footprint.cli.common import OPENED, command_name, error_line
from footprint.cli.text_arguments import spelled_out

if TYPE_CHECKING:
    from footprint.case import Case

P = ParamSpec("P")
R = TypeVar("R")

#: the parameters that name the case folder: where the log is, not what was selected
FOLDER_PARAMETERS = frozenset({"case_dir", "target"})
#: how the arguments given are told from defaults (an environment variable counts as given)
GIVEN = (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)


class _Counting:
    """Standard output, counting the lines written through it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.lines = 0

    def write(self, text: Any) -> Any:
        if isinstance(text, str):
            self.lines += text.count("\n")
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def logged_read(command: Callable[P, R]) -> Callable[P, R]:
    """Record each run of ``command`` (a click callback that opens a case with ``open_case``) in the case's
    access log when it ends (with its output, an error, Ctrl-C or SIGTERM; a process killed outright writes
    nothing); a run that opened no case is not recorded."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        ctx = click.get_current_context()
        opened: list[Case] = ctx.meta.setdefault(OPENED, [])
        counting = _Counting(sys.stdout)
        sys.stdout = cast(TextIO, counting)
        outcome = "error"
        try:
            result = command(*args, **kwargs)
            outcome = "ok"
            return result
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (``startup.Terminated``)
            outcome = "stopped"
            raise
        except OSError as exc:  # the reader of the output stopped early (`| head`): what it read is logged
            outcome = "stopped" if exc.errno == errno.EPIPE else outcome
            raise
        finally:
            sys.stdout = counting.stream
            del ctx.meta[OPENED]  # the context may outlive the command (a test's traceback): not the case
            if opened:
                log_read(ctx, opened[0], counting.lines, outcome)
            opened.clear()

    return run


def given_arguments(ctx: click.Context) -> dict[str, Any]:
    """The arguments and options given to the command (not their defaults), by the names typed."""
    given: dict[str, Any] = {}
    for param in ctx.command.params:
        name = param.name
        if name is None or name in FOLDER_PARAMETERS or ctx.get_parameter_source(name) not in GIVEN:
            continue
        shown = max(param.opts, key=len) if isinstance(param, click.Option) else name.upper()
        value = ctx.params[name]
        # a path's name may hold bytes that are not UTF-8 (text arguments holding them were refused)
        given[shown] = [spelled_out(str(v)) for v in value] if isinstance(value, tuple) else _spelled(value)
    return given


def _spelled(value: Any) -> Any:
    return spelled_out(str(value)) if isinstance(value, (str, PurePath)) else value


def log_read(ctx: click.Context, case: Case, lines: int, outcome: str) -> None:
    """Append the read to the access log; if it cannot be, say so on stderr in one line and go on."""
    reason = record_access(
        case, command=command_name(ctx), arguments=given_arguments(ctx), lines_shown=lines, outcome=outcome
    )
    if reason:
        click.echo(
            error_line(
                f"Warning: this read was not recorded in the case's access log ({reason}); the read itself"
                " went ahead"
            ),
            err=True,
        )
