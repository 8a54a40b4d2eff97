"""`serve`: the browser review app for one case (this computer only, with a key, until the case has users)."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, console, open_case, safe, settings
from footprint.users import users


def _proxies(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from footprint.web.peers import proxy_address

    try:
        return tuple(proxy_address(value) for value in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("serve")
@CASE_DIR
@click.option("--host", default="127.0.0.1", show_default=True, help="A loopback address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
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
def serve(ctx: click.Context, case_dir: Path, host: str, port: int, trusted_proxies: tuple[str, ...]) -> None:
    """Review findings in a browser; every view and decision is audited.

    With no users in the case, the app acts as --actor in --role, listens on this computer only and opens
    only from the address it prints, which holds a new key each time (other accounts on this computer
    can reach it too). Once the case has users (`footprint user add`), everyone signs in, and it may
    listen on a network, behind a TLS reverse proxy named with --trusted-proxy.

    \b
    Example:
      footprint serve cases/r-v-smith --port 8765
      footprint serve cases/r-v-smith --host 10.0.0.5 --trusted-proxy 10.0.0.2
    """
    case = open_case(ctx, case_dir)  # a missing case is reported here, before the server starts
    try:
        case.refuse_if_behind()  # as its sign-ins and decisions would be: they are writes
        signing_in = bool(users(case))
    finally:
        case.close()
    from footprint.web.peers import loopback

    actor = settings(ctx).actor
    if not signing_in and not loopback(host):
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

    app = create_app(case_dir, settings(ctx), trusted_proxies)
    shown = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
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
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False, access_log=False)


COMMANDS = [serve]
