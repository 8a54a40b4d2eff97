"""`serve`: the browser review app for one case (this computer only until the case has users)."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, console, open_case, safe, settings
from footprint.users import users


@click.command("serve")
@CASE_DIR
@click.option("--host", default="127.0.0.1", show_default=True, help="A loopback address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve(ctx: click.Context, case_dir: Path, host: str, port: int) -> None:
    """Review findings in a browser; every view and decision is audited.

    With no users in the case, the app acts as --actor in --role and listens on this computer only.
    Once the case has users (`footprint user add`), everyone signs in, and it may listen on a network.

    \b
    Example:
      footprint serve cases/r-v-smith --port 8765
    """
    case = open_case(ctx, case_dir)  # a missing case is reported here, before the server starts
    signing_in = bool(users(case))
    case.close()
    from footprint.web.app import create_app, loopback

    if not signing_in and not loopback(host):
        raise click.UsageError(
            f"--host {host} would let other computers act as {settings(ctx).actor}; add the people who"
            " review this case with `footprint user add` (they then sign in), or listen on this computer"
            " only (127.0.0.1, ::1 or localhost)"
        )
    import uvicorn

    app = create_app(case_dir, settings(ctx))
    shown = f"[{host}]" if ":" in host else host
    who = "users sign in" if signing_in else f"acting as {safe(settings(ctx).actor)}"
    console().print(f"Reviewing {safe(str(case_dir))} at http://{shown}:{port}/ ({who}; Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve]
