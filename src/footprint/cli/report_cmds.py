"""`report`: the prosecution file (HTML, PDF, schedules, JSONL, disclosure copy, export bundle)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from footprint.cli.access import logged_read
from footprint.cli.common import CASE_DIR, error_line, open_case, warn_unfinished
from footprint.errors import InputError
from footprint.read_only import not_recorded, write_refusal
from footprint.report import ReportOptions, write_outputs
from footprint.report.bundle_notes import held_warning
from footprint.report.disclosures import disclosure_problem
from footprint.report.method import ValidationRun
from footprint.report.print_fonts import missing_warnings

if TYPE_CHECKING:
    from footprint.case import Case


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
    help=(
        "A name, place, or party's phone number or e-mail address to mask in the disclosure copy"
        " (repeatable); parties' names and identifiers are otherwise kept."
    ),
)
@click.option(
    "--disclosure-to",
    default="",
    metavar="NAME",
    help="Who receives the disclosure copy (required with --redact), or without --redact the bundle"
    " (recorded in the audit log and the bundle's README).",
)
@click.option(
    "--justification",
    default="",
    metavar="TEXT",
    help="Why they receive it (required with --redact, and with --disclosure-to; recorded in the audit log).",
)
@click.option(
    "--validation",
    "validation_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PATH",
    help="A validation-report.json from `footprint validate`, named in the method appendix"
    " (refused unless made with the code running now).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="For a case that cannot be written (a read-only copy): write the report into DIR, a new or empty"
    " folder outside the case, unrecorded.",
)
@click.pass_context
@logged_read
def report(
    ctx: click.Context,
    case_dir: Path,
    pdf: bool,
    bundle: bool,
    redact: bool,
    hashes_only: bool,
    redact_names: tuple[str, ...],
    disclosure_to: str,
    justification: str,
    validation_path: Path | None,
    out: Path | None,
) -> None:
    """Write the case report, schedules and exports into the case's reports/ folder; print their paths.

    The earlier report's outputs are moved, unchanged, into reports/superseded/ENTRY/ (ENTRY: the audit
    entry that report was as at), so that nothing older sits beside the new report looking current.
    A --redact run writes the case report too, so an earlier bundle.zip moves aside as well: give
    --bundle again for a bundle as at the new entry. It is all or nothing: if any file cannot be written
    (a full disk), the case is left exactly as it was.

    A disclosure copy (--redact) needs --disclosure-to and --justification: who receives it and why are
    recorded in the audit log and on the copy's front page, and every disclosure so far is listed in the
    case report's method appendix.

    A case that cannot be written (a read-only copy on write-protected media, a database login without
    INSERT) is reported on with --out DIR: the report and schedules go into DIR, a new or empty folder
    outside the case, and say on their first page and in the method appendix that they are not in the
    case's audit log, and why. Nothing is written into the case; --bundle and --redact are refused.

    A full bundle (--bundle without --redact) carries every original and the MG6D: given with
    --disclosure-to and --justification, who receives it and why are recorded in its audit entries, on
    its README and in the disclosure log. Without them it is written for the case's own file, and the
    log lists it with its recipient "not recorded". The command warns which exhibits of a full bundle
    hold images marked or matched as intimate (--hashes-only leaves the originals out).

    \b
    Example:
      footprint report cases/r-v-smith --pdf --bundle --redact \\
        --disclosure-to "Defence solicitors, Hart & Co" \\
        --justification "CPIA s.7A: assists the defence on the timing of the calls"
    """
    if (hashes_only and not bundle) or (redact_names and not redact):
        raise click.UsageError("--hashes-only needs --bundle, and --redact-name needs --redact")
    problem = disclosure_problem(redact, disclosure_to, justification, bundle)
    if problem is not None:
        raise click.UsageError(problem)
    options = ReportOptions(
        pdf=pdf,
        bundle=bundle,
        redact=redact,
        hashes_only=hashes_only,
        redact_names=redact_names,
        disclosure_to=disclosure_to.strip(),
        justification=justification.strip(),
        validation=_validation(validation_path),
    )
    case = open_case(ctx, case_dir)
    for line in missing_warnings() if pdf else ():  # the method appendix of the printed copy says it too
        click.echo(f"Warning: {line}", err=True)
    refusal = write_refusal(case)
    if refusal is not None or out is not None:
        _unrecorded(case, options, out, refusal)
        return
    warn_unfinished(case)  # the report's limitations say it too
    if case.store.supplied_only:  # her report, in her numbers, even while nothing is withheld
        _narrowed(case, options)
        return
    written = write_outputs(case, options)
    _removed(written.leftovers)
    for path in written.paths:
        click.echo(str(path))
    if bundle and not redact and not options.disclosure_to:
        click.echo(
            "bundle.zip names no recipient (written for the case's own file): if it is given to anyone,"
            " write it with --disclosure-to NAME --justification TEXT so that the audit log records who"
            " and why",
            err=True,
        )
    if warning := held_warning(written.held):
        click.echo(warning, err=True)
    if written.superseded is not None:
        s = written.superseded
        whose = "" if s.as_at is None else "the earlier report's "
        at = "" if s.as_at is None else f" (as at audit entry {s.as_at})"
        click.echo(f"Moved {whose}{len(s.moved)} files{at} to {s.folder} — kept, not deleted.", err=True)
        if s.unrecorded:
            click.echo(
                f"{len(s.unrecorded)} of them recorded by no report (put there by hand, or by a run that did"
                f" not finish): {', '.join(s.unrecorded)}.",
                err=True,
            )
        if s.changed:
            click.echo(
                f"{len(s.changed)} of them not as the earlier report recorded it (its SHA-256 differs:"
                f" changed since): {', '.join(s.changed)}.",
                err=True,
            )


def _unrecorded(case: Case, options: ReportOptions, out: Path | None, refusal: str | None) -> None:
    """A report of a case that cannot be written: into --out DIR, with no audit entry, saying so."""
    from footprint.report.unrecorded_write import write_unrecorded

    if refusal is None:
        raise click.UsageError(
            "--out is for a case that cannot be written (a read-only copy); this case can be, so its report"
            " goes into its reports/ folder and is recorded in its audit log: leave out --out"
        )
    if out is None or options.bundle or options.redact:
        needs = (
            "give --out DIR, a new or empty folder outside the case, to write the report there unrecorded"
            if out is None
            else "a bundle and a disclosure copy are recorded in the case's audit log (what was handed over,"
            " to whom and why): make them from the case itself, or leave out --bundle and --redact"
        )
        raise InputError(f"{case.dir}: the case cannot be written ({refusal}); {needs}")
    warn_unfinished(case)  # the report's limitations say it too
    written = write_unrecorded(case, options, out, refusal)
    _removed(written.leftovers)
    click.echo(f"Warning: {error_line(not_recorded('this report', refusal))}")
    for path in written.paths:
        click.echo(str(path))


def _removed(leftovers: tuple[Path, ...]) -> None:
    for folder in leftovers:
        click.echo(
            f"Removed {folder}: what a stopped report run had begun to write (nothing recorded).", err=True
        )


def _narrowed(case: Case, options: ReportOptions) -> None:
    """An advocate's report: her material only, in her numbers, labelled (also while nothing is withheld
    from her, so that "finding 5" in it is the finding 5 her other commands name)."""
    from footprint.report.narrowed_write import refused_options, write_narrowed

    refused = refused_options(options)
    if refused is not None:
        raise click.UsageError(f"{refused}; run footprint report again without it")
    done = write_narrowed(case, options)
    _removed(done.written.leftovers)
    click.echo(done.label)
    for path in done.written.paths:
        click.echo(str(path))
    if done.aside is not None:
        click.echo(f"Moved the earlier advocate's report to {done.aside} — kept, not deleted.", err=True)


def _validation(path: Path | None) -> ValidationRun | None:
    """The supplied validation pack, checked against the running code (loaded only when given)."""
    if path is None:
        return None
    from footprint.validation.supplied import read_pack

    return read_pack(path)


COMMANDS = [report]
