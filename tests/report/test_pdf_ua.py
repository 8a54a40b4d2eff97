"""The report's PDF against what PDF/UA-1 asks and a checker would flag (``tests/report/pdfua.py``):
the case report, its disclosure copy and an advocate's view; languages of parts, header scope, link
descriptions and the page margins as artifacts; and the check itself, on what WeasyPrint alone writes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report.charts import render_charts
from footprint.report.disclosures import Disclosure
from footprint.report.pdf import render_pdf
from footprint.report.pdf_ua import margins_as_artifacts, tag_attributes
from footprint.report.report_model import ReportModel
from footprint.report.sections import Segment

from .pdfua import pdfua_problems

GREEK = "Θα σε βρω απόψε, το ξέρεις"


def _pdf(model: ReportModel) -> bytes:
    return render_pdf(model, render_charts(model.charts))


def _elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    found, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        element = todo.pop()
        if element.get("/S") == kind:
            found.append(element)
        kids = element.get("/K")
        for kid in kids.as_list() if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                todo.append(kid)
    return found


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_the_case_report_meets_the_pdfua_checks(report_case: Case, tmp_path: Path) -> None:
    model = build_report(report_case)
    flagged = model.flagged[0]
    line = replace(
        flagged.context[0],
        item=replace(flagged.context[0].item, text=GREEK),
        segments=(Segment(GREEK, False),),
    )
    model = replace(
        model, flagged=(replace(flagged, context=(line, *flagged.context[1:])), *model.flagged[1:])
    )
    html = render_html(model, charts=render_charts(model.charts), printed=True)
    assert html.count(' lang="el"') == 1 and html.count('<th scope="row">') == 7  # the heatmap's weekdays
    data = _pdf(model)
    assert pdfua_problems(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "R v Test — case report" == str(pdf.docinfo.Title)
        assert meta["pdfuaid:part"] == "1" and pdf.pdf_version == "1.7"
        # the Greek message's span is read as Greek (it was not), the rest as English from the catalog
        assert [str(e.Lang) for e in _elements(pdf, "/Span") if "/Lang" in e] == ["el"]
        assert str(pdf.Root.Lang) == "en-GB"
        scopes = [str(th.A.Scope) for th in _elements(pdf, "/TH")]  # none had a scope
        assert scopes.count("/Row") == 7 and set(scopes) == {"/Row", "/Column"}
        links = {
            str(a.Contents) for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"
        }
        # a link says its words (it had said its target, "item-12")
        assert {"JD/1 line 5", "Offence matrix"} <= links and not any(re.match(r"item-", x) for x in links)
        pages = len(pdf.pages)
        artifacts = [
            operands[1]
            for page in pdf.pages
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) == "BDC" and operands[0] == "/Artifact"
        ]
    # each page's case name, two protective markings, audit entry and page number: artifacts, still printed
    assert len(artifacts) >= 5 * pages and {str(a.Type) for a in artifacts} == {"/Pagination"}
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert f"page {pages} of {pages}" in text and "R v Test — case report" in text and GREEK in text


@pytest.mark.slow
def test_the_disclosure_copy_and_an_advocates_view_meet_the_pdfua_checks(report_case: Case) -> None:
    copy = build_report(report_case, redact=True, disclosure=Disclosure("CPS Wessex", "MG6C review"))
    view = replace(build_report(report_case), narrowed="Advocate's view: only what the complainant supplied")
    for model, title in ((copy, "disclosure copy (redacted)"), (view, "advocate's view")):
        data = _pdf(model)
        assert pdfua_problems(data) == [], title
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert str(pdf.docinfo.Title) == f"R v Test — {title}"


def test_the_check_flags_what_weasyprint_alone_leaves_out_and_the_report_adds() -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = (
        '<html lang="en-GB"><head><title>T</title><style>@page { @bottom-right { content: "page "'
        " counter(page) } }</style></head><body><h1>A</h1><h3>B</h3><table><thead><tr><th>x</th></tr>"
        '</thead><tbody><tr><td>1</td></tr></tbody></table><p lang="el">Θα σε βρω</p></body></html>'
    )
    alone = [
        "catalog: no XMP metadata",
        "structure: /H3 follows /H1 (a level skipped)",
        "structure: a /TH has no /Scope",
        "page 1: marked content /Span MCID 5 is in no structure element",  # the page number
    ]
    assert pdfua_problems(HTML(string=html).write_pdf(pdf_tags=True)) == alone
    assert pdfua_problems(HTML(string=html).write_pdf()) == [
        "catalog: /MarkInfo /Marked is not true",
        "catalog: /ViewerPreferences /DisplayDocTitle is not true",
        "catalog: no /StructTreeRoot",
    ]
    with tag_attributes():
        made = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", finisher=margins_as_artifacts)
    assert pdfua_problems(made) == ["structure: /H3 follows /H1 (a level skipped)"]  # the HTML's own
    with pikepdf.open(io.BytesIO(made)) as pdf:
        assert [str(e.Lang) for e in _elements(pdf, "/P") if "/Lang" in e] == ["el"]
    # another WeasyPrint document in the process is left as WeasyPrint writes it
    assert pdfua_problems(HTML(string=html).write_pdf(pdf_tags=True)) == alone
