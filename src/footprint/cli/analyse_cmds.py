"""`analyse` and `analysers`."""

from __future__ import annotations

from pathlib import Path

import click

import footprint.analyse  # noqa: F401  (registers the analysers)
from footprint.analyse.base import analysers as registry
from footprint.analyse.base import run_analysers
from footprint.analyse.reattributed import reattributed
from footprint.cli.common import CASE_DIR, JSON_OPTION, console, list_plugins, open_case, safe
from footprint.errors import AnalysisError


@click.command("analyse")
@CASE_DIR
@click.option("--only", multiple=True, help="Run only this analyser (and what it depends on).")
@click.option("--strict", is_flag=True, help="Stop at the first analyser failure.")
@click.pass_context
def analyse(ctx: click.Context, case_dir: Path, only: tuple[str, ...], strict: bool) -> None:
    """Run the analysers in dependency order; failures are recorded and the rest still run.

    \b
    Example:
      footprint analyse cases/r-v-smith --only detect
    """
    case = open_case(ctx, case_dir)
    out = console()
    outcomes = run_analysers(case, list(only) or None, strict=strict)
    for o in outcomes:
        line = f"{o.analyser} v{o.version}: {o.status}, {o.findings} finding(s)"
        first, *more = o.error.splitlines() if o.error else [""]
        if first:
            line += f" — {safe(first)}"
        out.print(line)
        for said in more if o.status == "ok" else ():  # a completed run's note, one line each
            out.print(f"  {safe(said)}")
    if not outcomes:
        out.print("No analysers are installed.")
    for change in reattributed(case):
        out.print(safe(change.words()))
    failed = [o.analyser for o in outcomes if o.status != "ok"]
    if failed:  # recorded, and the report says so; a script must see it too
        raise AnalysisError(
            f"{len(failed)} analyser(s) did not complete: {', '.join(failed)}; their findings are not"
            " up to date (the report's sections say so): see the lines above, then run `footprint analyse`"
            " again"
        )


@click.command("analysers")
@JSON_OPTION
def analysers_cmd(as_json: bool) -> None:
    """List the installed analysers with their versions.

    \b
    Example:
      footprint analysers --json
    """
    rows = [
        {
            "name": a.name,
            "version": a.version,
            "description": a.description,
            "depends_on": list(a.depends_on),
        }
        for a in registry
    ]
    list_plugins("analysers", rows, as_json)


COMMANDS = [analyse, analysers_cmd]
