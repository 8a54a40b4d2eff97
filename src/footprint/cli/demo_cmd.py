"""`demo`: build a synthetic case in real export formats, analyse it and write the report."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import console, safe, settings
from footprint.demo import build_demo


@click.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-case"),
    show_default=True,
)
@click.pass_context
def demo(ctx: click.Context, out: Path) -> None:
    """Build the synthetic demo case (R v Smith), analyse it and write its report.

    \b
    Example:
      footprint demo --out /tmp/demo
    """
    result = build_demo(out, settings(ctx))
    con = console()
    for line in result.log:
        con.print(safe(line))
    con.print(f"Case: {result.case_dir}")
    con.print(f"Report: {result.report}")


COMMANDS = [demo]
