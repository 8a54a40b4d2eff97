"""`serve`: the browser review app for one case, on this computer only."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, console, open_case, safe, settings

LOOPBACK_NAMES = frozenset({"localhost"})


def _loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@CASE_DIR
@click.option("--host", default="127.0.0.1", show_default=True, help="A loopback address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve(ctx: click.Context, case_dir: Path, host: str, port: int) -> None:
    """Review findings in a browser, as the acting user (--actor, --role); every view is audited."""
    if not _loopback(host):
        raise click.UsageError(
            f"--host {host} would let other computers act as {settings(ctx).actor}; the app has no"
            " logins yet, so it listens on this computer only (127.0.0.1, ::1 or localhost)"
        )
    import uvicorn

    from footprint.web import create_app

    open_case(ctx, case_dir).close()  # a missing case is reported here, before the server starts
    app = create_app(case_dir, settings(ctx))
    shown = f"[{host}]" if ":" in host else host
    console().print(f"Reviewing {safe(str(case_dir))} at http://{shown}:{port}/ (Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve]
