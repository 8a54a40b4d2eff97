"""The report reads no finding's details it does not show: the offence matrix is computed as `footprint
assess` computes it now, so the law analyser's stored assessment (30 MB of JSON on a case of 20,000
items under law v15) was parsed whole only to be left unread (docs/benchmarks.md)."""

from __future__ import annotations

from dataclasses import replace

from footprint.case import Case
from footprint.report.build import build_report


def test_the_stored_assessment_is_not_read_and_every_other_finding_is_whole(report_case: Case) -> None:
    whole = {f.id: f for f in report_case.store.findings()}
    [stored] = [f for f in whole.values() if f.category == "offence_assessment"]
    assert stored.details["offences"]  # planted whole
    model = build_report(report_case)
    [read] = [f for f in model.findings if f.category == "offence_assessment"]
    assert read == replace(stored, details={})  # its words, decision and run as they are
    assert [(f.id, f.details) for f in model.findings if f.id != stored.id] == [
        (f.id, f.details) for f in whole.values() if f.id != stored.id
    ]
    assert [a.suspect for a in model.assessments] == ["John Smith"]  # the matrix is there, computed
