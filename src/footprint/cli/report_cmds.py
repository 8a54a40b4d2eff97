"""`report`: the prosecution file (HTML, PDF, schedules, JSONL, disclosure copy, export bundle)."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import CASE_DIR, open_case
from footprint.report import ReportOptions, write_outputs


@click.command("report")
@CASE_DIR
@click.option("--pdf", is_flag=True, help="Also write report.pdf (WeasyPrint).")
@click.option(
    "--bundle", is_flag=True, help="Also write bundle.zip: report, schedules, JSONL, exhibits, audit."
)
@click.option("--redact", is_flag=True, help="Also write a disclosure copy with third-party data masked.")
@click.option(
    "--hashes-only", is_flag=True, help="Put exhibit hashes, not the original files, in the bundle."
)
@click.option(
    "--redact-name",
    "redact_names",
    multiple=True,
    metavar="NAME",
    help="A third party's name to mask in the disclosure copy (repeatable).",
)
@click.pass_context
def report(
    ctx: click.Context,
    case_dir: Path,
    pdf: bool,
    bundle: bool,
    redact: bool,
    hashes_only: bool,
    redact_names: tuple[str, ...],
) -> None:
    """Write the case report, schedules and exports into the case's reports/ folder; print their paths.

    \b
    Example:
      footprint report cases/r-v-smith --pdf --bundle --redact
    """
    if (hashes_only and not bundle) or (redact_names and not redact):
        raise click.UsageError("--hashes-only needs --bundle, and --redact-name needs --redact")
    options = ReportOptions(
        pdf=pdf, bundle=bundle, redact=redact, hashes_only=hashes_only, redact_names=redact_names
    )
    for path in write_outputs(open_case(ctx, case_dir), options):
        click.echo(str(path))


COMMANDS = [report]
