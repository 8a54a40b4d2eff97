"""`serve`: the browser review app for one case (this computer only, with a key, until the case has users;
or a Unix socket only this account can open)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from footprint.cli.common import CASE_DIR, console, open_case, safe, settings
from footprint.errors import InputError
from footprint.users import users

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI


def _proxies(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from footprint.web.peers import proxy_address

    try:
        return tuple(proxy_address(value) for value in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("serve")
@CASE_DIR
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on: this computer's (127.0.0.1, ::1, localhost) until the case has users;"
    " then any.",
)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--socket",
    "socket_path",
    metavar="PATH",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Listen on a Unix socket at PATH instead of --host/--port, which only this account can open"
    " (mode 0600): no other account on this computer reaches the app.",
)
@click.option(
    "--trusted-proxy",
    "trusted_proxies",
    metavar="ADDR",
    multiple=True,
    callback=_proxies,
    help="The address of the TLS reverse proxy in front (repeatable): its X-Forwarded-For names the client"
    " and session cookies are Secure. Needs users.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    case_dir: Path,
    host: str,
    port: int,
    socket_path: Path | None,
    trusted_proxies: tuple[str, ...],
) -> None:
    """Review findings in a browser; every view and decision is audited.

    With no users in the case, the app acts as --actor in --role, listens on this computer only and opens
    only from the address it prints, which holds a new key each time (other accounts on this computer
    can reach it too). Once the case has users (`footprint user add`), everyone signs in, and it may
    listen on a network, behind a TLS reverse proxy named with --trusted-proxy. With --socket it listens
    on a Unix socket only this account can open (reach it with `ssh -L 8765:PATH HOST`).

    \b
    Example:
      footprint serve cases/r-v-smith --port 8765
      footprint serve cases/r-v-smith --host 10.0.0.5 --trusted-proxy 10.0.0.2
      footprint serve cases/r-v-smith --socket ~/.footprint/r-v-smith.sock
    """
    if socket_path is not None:
        _socket_alone(ctx, trusted_proxies)
    case = open_case(ctx, case_dir)  # a missing case is reported here, before the server starts
    try:
        case.refuse_if_behind()  # as its sign-ins and decisions would be: they are writes
        signing_in = bool(users(case))
    finally:
        case.close()
    from footprint.web.peers import loopback

    actor = settings(ctx).actor
    if socket_path is None and not signing_in and not loopback(host):
        raise click.UsageError(
            f"--host {host} would let other computers act as {actor}; add the people who"
            " review this case with `footprint user add` (they then sign in), or listen on this computer"
            " only (127.0.0.1, ::1 or localhost)"
        )
    if not signing_in and trusted_proxies:
        raise click.UsageError(
            "--trusted-proxy is for a team's server behind a TLS reverse proxy, and this case has no users,"
            " so the app serves this computer only; add the people who review this case with"
            " `footprint user add` first"
        )
    import uvicorn

    from footprint.web.app import create_app

    if socket_path is not None:
        _serve_on_socket(create_app(case_dir, settings(ctx)), case_dir, socket_path, actor)
        return
    shown = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    port_free(host, port, shown)  # before the address is printed: a link to another program's port
    app = create_app(case_dir, settings(ctx), trusted_proxies)
    if signing_in:
        behind = f"; behind the TLS proxy at {', '.join(trusted_proxies)}" if trusted_proxies else ""
        console().print(f"Reviewing {safe(str(case_dir))} at {shown} (users sign in{behind}; Ctrl+C stops)")
    else:
        console().print(
            f"Reviewing {safe(str(case_dir))} acting as {safe(actor)} (Ctrl+C stops). Open this address in"
            " your browser; its key is new each time and lets in whoever has it, so keep it to yourself:"
        )
        click.echo(f"{shown}?key={app.state.launch_key}")  # plain: a terminal makes it a link
    if not loopback(host) and not trusted_proxies:
        click.echo(
            f"Warning: {shown} is plain HTTP: names, passwords, session cookies and every page cross the"
            " network unencrypted; put a TLS reverse proxy (nginx, Caddy) in front and name it with"
            " --trusted-proxy ADDR",
            err=True,
        )
    # the app reads the client from a named proxy only (``web.peers``): uvicorn's own reading would
    # believe X-Forwarded-For from any process on this computer; no access log (the key is in an address)
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", proxy_headers=False, access_log=False
    )
    _server(app, config).run()


def _server(app: FastAPI, config: uvicorn.Config) -> uvicorn.Server:
    """The server for ``app``, which the app stops once its case is deleted under it (``web.deleted``)."""
    import uvicorn

    server = uvicorn.Server(config)
    app.state.stop = lambda: setattr(server, "should_exit", True)
    return server


def port_free(host: str, port: int, shown: str) -> None:
    """Refuse a port another program listens on, before the address (and its key) is printed: the
    browser would send the key to that program."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        raise click.UsageError(
            f"{shown} cannot be listened on ({exc.strerror or exc}): another program may hold port {port};"
            " choose another with --port"
        ) from None


def _socket_alone(ctx: click.Context, trusted_proxies: tuple[str, ...]) -> None:
    """Refuse what --socket replaces or cannot use."""
    given = [
        f"--{name}"
        for name in ("host", "port")
        if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
    ]
    if given:
        raise click.UsageError(
            f"--socket replaces {' and '.join(given)}: give the socket or an address, not both"
        )
    if trusted_proxies:
        raise click.UsageError(
            "--trusted-proxy names a proxy by its network address, and a connection to --socket has none"
            " (only this account can open it); leave --trusted-proxy out"
        )


def _serve_on_socket(app: FastAPI, case_dir: Path, path: Path, actor: str) -> None:
    """Serve ``app`` on a socket at ``path`` only this account can open, and remove it when it stops."""
    import uvicorn

    from footprint.web.unix_socket import owner_only_socket

    try:
        listening = owner_only_socket(path)
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    where = f"on the socket {safe(str(path))}, which only this account can open"
    if app.state.launch_key is None:
        console().print(f"Reviewing {safe(str(case_dir))} {where} (users sign in; Ctrl+C stops)")
    else:
        console().print(
            f"Reviewing {safe(str(case_dir))} acting as {safe(actor)} {where} (Ctrl+C stops). Relay it to"
            f" your browser (`ssh -L 8765:{safe(str(path))} HOST` from your own computer) and open, at the"
            " relayed address (http://127.0.0.1:8765), this path; its key is new each time and lets in"
            " whoever has it, so keep it to yourself:"
        )
        click.echo(f"/?key={app.state.launch_key}")
    config = uvicorn.Config(app, log_level="warning", proxy_headers=False, access_log=False)
    try:
        _server(app, config).run(sockets=[listening.server])
    finally:
        listening.close()


COMMANDS = [serve]
