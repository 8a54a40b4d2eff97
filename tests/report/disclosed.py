"""A case's disclosure copy written as `report --redact --bundle` writes it, and every file in it: shared by
the tests that look for what a disclosure copy must not hold."""

from __future__ import annotations

import zipfile
from pathlib import Path

from footprint.case import Case
from footprint.report import ReportOptions, write_outputs


def disclosure_copy(case: Case) -> tuple[Path, dict[str, bytes]]:
    """Write ``case``'s disclosure copy and its bundle; the copy's folder, and each file written by its path
    in the folder (the bundle's as ``bundle:NAME``)."""
    write_outputs(
        case, ReportOptions(redact=True, bundle=True, disclosure_to="Defence", justification="CPIA")
    )
    folder = case.reports_dir / "disclosure"
    written = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(case.reports_dir / "disclosure-bundle.zip") as z:
        written |= {f"bundle:{n}": z.read(n) for n in z.namelist()}
    return folder, written
