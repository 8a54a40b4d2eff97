"""Draft exhibit paragraphs for each producer's witness statement (MG11), one plain-text file each.

An MG11 produces the exhibits ("I produce … marked JD/1") and says how each capture was made; a
victim's own captures need the victim's statement (``peers-and-evidence-handling.md`` §6 and §10).
Footprint knows what it received and when, not how the witness made the export: the draft says so and
leaves that for the witness. It is not a statement and is never part of a disclosure copy.
"""

from __future__ import annotations

import textwrap
from itertools import groupby

from footprint.report.advocate import as_at
from footprint.report.bundle import safe_name
from footprint.report.report_model import ExhibitRow, ReportModel
from footprint.report.schedules import LABEL
from footprint.times import uk_display
from footprint.visible import on_one_line

WIDTH = 100
BLANK = "_" * 40


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_long_words=False)


def _series(row: ExhibitRow) -> str:
    return row.exhibit.ref.rsplit("/", 1)[0]


def _head(model: ReportModel, producer: str, count: int) -> list[str]:
    return [
        *([_wrap(model.narrowed + "."), ""] if model.narrowed else []),
        f"DRAFT: exhibit paragraphs for the witness statement (MG11) of {on_one_line(producer)}",
        "",
        _wrap(
            f"This is not a statement. {model.tool} {model.tool_version} wrote it from the case"
            f' "{on_one_line(model.case_name)}" as at {as_at(model.narrowed, model.audit_seq)} (chain head'
            f" {model.audit_head[:16]}). The witness checks every line, says in their own words how and"
            " when each file was made or obtained, and signs the statement on the MG11 form with its"
            ' declaration under section 9 of the Criminal Justice Act 1967. The lines "For checking" are what'
            " Footprint recorded; they are not the witness's words."
        ),
        "",
        f"I produce the following exhibit{'s' if count > 1 else ''}:",
    ]


def _paragraph(row: ExhibitRow) -> list[str]:
    e = row.exhibit
    owner = f", from the device or account of {on_one_line(e.owner)}" if e.owner else ""
    # the hash is Footprint's, computed on receipt: in the witness's own words it was hers to be
    # cross-examined on, and she never computed it
    checking = (
        f"For checking: received by Footprint {uk_display(e.received_utc)}, which computed its SHA-256 on"
        f" receipt: {e.sha256}; read by {e.parser} v{e.parser_version} as {row.items} item(s), with"
        f" {row.warnings} parse warning(s) (each described in the MG6C schedule: a record not read fully,"
        " or a note on the file such as attachments not in the export); the original is kept unchanged in"
        " the case's evidence store."
        + (f" Recorded as supplied by the {e.supplied_by}." if e.supplied_by else "")
    )
    lines = [
        "",
        _wrap(
            f'Exhibit {e.ref}: the file "{on_one_line(e.file_name)}" ({e.format} format, {e.size:,}'
            f" bytes){owner}."
        ),
        f"  How and when I made or obtained it: {BLANK}",
        _wrap(checking, "  "),
    ]
    if e.notes.strip():
        lines.append(_wrap(f"Notes recorded when it was added: {on_one_line(e.notes)}", "  "))
    lines.append(_wrap(f"Label: {on_one_line(LABEL.format(ref=e.ref, producer=e.producer))}", "  "))
    return lines


def mg11_drafts(model: ReportModel) -> dict[str, str]:
    """``schedules/mg11-draft-<series>.txt`` for each producer's series of exhibit references (CRLF)."""
    drafts: dict[str, str] = {}
    rows = sorted(model.exhibits, key=lambda r: (_series(r), r.exhibit.id))
    for series, group in groupby(rows, key=_series):
        produced = list(group)
        lines = _head(model, produced[0].exhibit.producer, len(produced))
        for row in produced:
            lines += _paragraph(row)
        text = "\n".join(lines) + "\n"
        drafts[f"schedules/mg11-draft-{safe_name(series)}.txt"] = text.replace("\n", "\r\n")
    return drafts
