"""Draft MG11 exhibit paragraphs: one per producer, what Footprint recorded, hostile text made visible."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report.build import build_report
from footprint.report.statement import mg11_drafts
from footprint.report.write import artefacts
from footprint.times import uk_display


def test_one_draft_per_producer_with_each_exhibit_paragraph(report_case: Case) -> None:
    model = build_report(report_case)
    drafts = mg11_drafts(model)
    assert sorted(drafts) == ["schedules/mg11-draft-AP.txt", "schedules/mg11-draft-JD.txt"]
    jd1 = model.exhibits[0].exhibit
    lines = drafts["schedules/mg11-draft-JD.txt"].split("\r\n")
    assert lines[0] == "DRAFT: exhibit paragraphs for the witness statement (MG11) of Jane Doe"
    assert lines[8:11] == [
        "I produce the following exhibits:",
        "",
        'Exhibit JD/1: the file "WhatsApp Chat with John Smith.txt" (whatsapp format,'
        f" {jd1.size:,} bytes), from the",
    ]
    # the SHA-256 is Footprint's, computed on receipt: the witness's "I produce … SHA-256 c0839b…" put in
    # her mouth a figure she never computed, to be cross-examined on
    paragraph = " ".join(line.strip() for line in lines[11:19])
    assert paragraph == (
        "device or account of Jane Doe. How and when I made or obtained it:"
        " ________________________________________ For checking: received by Footprint"
        f" {uk_display(jd1.received_utc)}, which computed its SHA-256 on receipt: {jd1.sha256}; read by"
        f" whatsapp v{jd1.parser_version} as 10 item(s), with 0 parse warning(s) (each described in the MG6C"
        " schedule: a record not read fully, or a note on the file such as attachments not in the export);"
        " the original is kept unchanged in the case's evidence store. Label: Exhibit JD/1 referred to in"
        " the statement of Jane Doe dated ____________"
    )
    assert "SHA-256" not in " ".join(lines[8:12])
    ap = drafts["schedules/mg11-draft-AP.txt"]
    assert "of PC Amir Patel\r\n" in ap and "I produce the following exhibit:\r\n" in ap
    assert "Exhibit JD/" not in ap


def test_hostile_names_are_written_out_not_obeyed(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "chat\u202egnp.txt"
    path.write_text("14/03/2024, 09:15 - Ben: hi\n", encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Eve \x1b[31mRed", notes="seized \u202eat home"))
    [text] = mg11_drafts(build_report(case)).values()
    assert "of Eve \\x1b[31mRed\r\n" in text
    assert 'the file "chat\\u202egnp.txt"' in text
    assert "Notes recorded when it was added: seized \\u202eat home" in text
    assert "\x1b" not in text and "\u202e" not in text


def test_a_line_break_in_a_file_name_is_shown_as_the_marker(case: Case, tmp_path: Path) -> None:
    # "new\nline.txt" was written as "new line.txt": textwrap folded the line break into a space.
    path = tmp_path / "new\nline.txt"
    path.write_text("14/03/2024, 09:15 - Ben: hi\n", encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Ben Example", format="whatsapp", notes="seized\nat home"))
    [text] = mg11_drafts(build_report(case)).values()
    assert 'the file "new\u23celine.txt"' in text
    assert "Notes recorded when it was added: seized\u23ceat home" in text


def test_the_drafts_are_written_but_never_in_a_disclosure_copy(report_case: Case) -> None:
    model = build_report(report_case)
    full = artefacts(model, pdf=False, redaction_log=None)
    disclosed = artefacts(dataclasses.replace(model, redacted=True), pdf=False, redaction_log=[])
    assert {n for n in full if "mg11" in n} == {"schedules/mg11-draft-AP.txt", "schedules/mg11-draft-JD.txt"}
    assert not [n for n in disclosed if "mg11" in n]
