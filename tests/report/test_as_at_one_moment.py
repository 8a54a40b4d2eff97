"""A report is read as at one moment, even while a colleague adds an exhibit (a team on one case)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report.write import write_outputs
from footprint.store.queries import CaseQueries


def _chat(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"WhatsApp Chat with Ann Example {n}.txt"
    path.write_text(f"14/03/2024, 09:1{n} - Ann Example: message {n}\n", encoding="utf-8")
    return path


def test_an_exhibit_added_while_the_report_is_read_is_in_neither_its_content_nor_its_audit_point(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_as_at_one_moment(case, tmp_path, monkeypatch)


def check_as_at_one_moment(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Also run on PostgreSQL by ``tests/store/test_postgres.py``."""
    add_exhibit(case, _chat(tmp_path, 1), AddOptions(producer="Ben Example"))
    colleague = Case.open(case.dir, case.settings)
    read_audit = CaseQueries.audit_entries
    landed: list[str] = []

    def audit_entries(self: CaseQueries):  # type: ignore[no-untyped-def]
        entries = list(read_audit(self))
        if not landed:  # the colleague's add commits after the row checks read the log, before the rest
            landed.append(add_exhibit(colleague, _chat(tmp_path, 2), AddOptions(producer="Ben Example")).ref)
        return entries

    monkeypatch.setattr(CaseQueries, "audit_entries", audit_entries)
    write_outputs(case)
    monkeypatch.undo()
    assert landed == ["BE/2"]
    entries = list(case.store.audit_entries())
    added = next(e.seq for e in entries if e.action == "add" and e.object == "BE/2")
    report = next(e for e in entries if e.action == "report")
    assert json.loads(report.details)["as_at_audit_entry"] < added
    html = (case.reports_dir / "report.html").read_text(encoding="utf-8")
    assert "BE/1" in html and "BE/2" not in html
    colleague.close()
