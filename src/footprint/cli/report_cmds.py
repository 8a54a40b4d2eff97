"""`report`: the case report (HTML first cut)."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, open_case
from footprint.report import write_report


@click.command("report")
@CASE_DIR
@click.pass_context
def report(ctx: click.Context, case_dir: Path) -> None:
    """Write the case report into the case's reports/ folder and print its path."""
    path = write_report(open_case(ctx, case_dir))
    click.echo(str(path))


COMMANDS = [report]
