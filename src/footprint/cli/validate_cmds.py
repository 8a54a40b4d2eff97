"""`validate`: run the acceptance checks on synthetic inputs and write the validation pack."""

from __future__ import annotations

from pathlib import Path

import click

from footprint.cli.common import console, safe, settings
from footprint.errors import VerificationError
from footprint.validation.manifest import HTML_NAME, JSON_NAME
from footprint.validation.pack import failures, validate


@click.command("validate")
@click.argument("out_dir", metavar="OUT_DIR", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def validate_command(ctx: click.Context, out_dir: Path) -> None:
    """Run the acceptance checks offline and write the validation pack into OUT_DIR; exit 1 if any fails.

    The checks (docs/validation/acceptance-criteria.md) run on synthetic exports and the demo case in a
    scratch folder, never on a real case. OUT_DIR gets validation-report.json (with its pack ID and pinned
    versions) and validation-report.html; pass the JSON to `footprint report --validation`.

    \b
    Example:
      footprint validate validation/2026-11-29
    """
    out = console()
    document = validate(out_dir, settings(ctx), progress=lambda step: out.print(f"checking {step}"))
    out.print(f"Pack ID: {document['pack_id']}")
    out.print(f"Result: {document['result']} ({document['passed']} passed, {document['failed']} failed)")
    out.print(f"Report: {out_dir / JSON_NAME}, {out_dir / HTML_NAME}")
    problems = failures(document)
    if problems:
        for line in problems:
            out.print(f"FAILED {safe(line)}")
        raise VerificationError(problems)


COMMANDS = [validate_command]
