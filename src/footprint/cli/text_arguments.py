"""Arguments the shell passed as bytes that are not UTF-8 text: refused before the command does anything.

Python hands such bytes on as lone surrogates (a Latin-1 terminal's "café" arrives as ``caf\\udce9``).
Written into the case (a reason, a note, an actor, a purpose, a search kept in the access log) they
failed half-way with a traceback, after a read had already printed what it read. A path may hold them
(a file's name is whatever bytes its file system holds), so ``click.Path`` parameters are left alone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import click
from click.core import ParameterSource

from footprint.errors import InputError

#: marks a command whose callback already checks its arguments
_CHECKED = "_footprint_text_checked"


def spelled_out(text: str) -> str:
    """``text`` with each byte that was not UTF-8 written as ``\\xNN`` (``caf\\xe9``)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 (lone surrogates)."""
    return any("\udc80" <= char <= "\udcff" for char in text)


def check_text(name: str, value: Any) -> None:
    """Refuse ``value`` (an argument's, or each of a multiple one's) if it holds bytes that are not UTF-8."""
    values: Iterable[Any] = value if isinstance(value, (tuple, list)) else (value,)
    for one in values:
        if isinstance(one, str) and undecodable(one):
            raise InputError(
                f"{name} holds bytes that are not UTF-8 text ('{spelled_out(one)}'): the terminal or the"
                " shell sent another encoding; set a UTF-8 locale (e.g. LANG=en_GB.UTF-8) and run the"
                " command again; nothing was done"
            )


def _shown(ctx: click.Context, param: click.Parameter) -> str:
    if not isinstance(param, click.Option):
        return (param.name or "").upper()
    shown = max(param.opts, key=len)
    from_env = param.name and ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT
    return f"{shown} (from {param.envvar})" if from_env and isinstance(param.envvar, str) else shown


def check_arguments(ctx: click.Context, given: Mapping[str, Any]) -> None:
    """Refuse any text argument of ``ctx``'s command in ``given`` (by parameter name) that holds bytes that
    are not UTF-8."""
    for param in ctx.command.params:
        if param.name in given and not isinstance(param.type, click.Path):
            check_text(_shown(ctx, param), given[param.name])


def refusing_undecodable(command: click.Command) -> click.Command:
    """``command`` (and, for a group, every command in it) checking its text arguments before it runs."""
    if getattr(command, _CHECKED, False):
        return command
    setattr(command, _CHECKED, True)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            refusing_undecodable(sub)
    callback = command.callback
    if callback is not None:
        command.callback = _checking(command, callback)
    return command


def _checking(command: click.Command, callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        check_arguments(click.get_current_context(), kwargs)
        return callback(*args, **kwargs)

    return run
