"""The continuity record, MG11 draft, MG12 and the exhibit table say when the complainant supplied an exhibit."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report import schedules as sch
from footprint.report.statement import mg11_drafts
from footprint.review.supplied import mark_supplied
from tests.scopecase import build


def test_who_supplied_each_exhibit_is_in_its_continuity_and_the_exhibit_list(
    case: Case, tmp_path: Path
) -> None:
    build(case, tmp_path / "inputs")
    mark_supplied(case, "PC/1", "her own copy of the download")
    model = build_report(case)
    sha = {r.exhibit.ref: r.exhibit.sha256 for r in model.exhibits}
    assert [(c.ref, c.event) for c in model.continuity] == [
        ("JD/1", f"added to Footprint as received from Jane Doe (supplied by the complainant); hashed, SHA-256 {sha['JD/1']};"
         " original kept read-only"),
        ("PC/1", f"added to Footprint as received from PC Ann Officer; hashed, SHA-256 {sha['PC/1']}; original kept read-only"),
        ("PC/1", "marked as supplied by the complainant: her own copy of the download"),
    ]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(sch.mg12(model), newline="")))
    assert [r["Description"] for r in rows] == [
        "whatsapp export 'WhatsApp Chat with Craig Smith.txt': 2 item(s) (message 2); supplied by the complainant",
        "whatsapp export 'WhatsApp Chat with Lee Brown.txt': 2 item(s) (message 2); supplied by the complainant",
    ]
    assert "<td>Jane Doe (supplied by the complainant)</td>" in render_html(model)
    drafts = mg11_drafts(model)
    assert "store. Recorded as supplied by the complainant.\r\n" in drafts["schedules/mg11-draft-JD.txt"]
