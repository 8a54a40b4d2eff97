"""`report` runs `verify`'s row checks first: a row changed outside Footprint stops it; an old case notes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.analyse.base import FindingDraft, RunOutcome, RunRecord, _record_run
from footprint.case import Case
from footprint.errors import VerificationError
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report, render_html
from footprint.validation.integrity_checks import tamper_sql

REFUSED = "; no report was written — run footprint verify on the case"
ALL_CHECKED = (
    "every exhibit, item, finding and decision matched what the audit entries that wrote them recorded"
    " (the row checks of footprint verify, made as this report was built)"
)


def _add_entry(case: Case, ref: str) -> int:
    return next(e.seq for e in case.store.audit_entries() if e.action == "add" and e.object == ref)


def _forge(case: Case) -> int:
    """Change one of JD/1's messages in SQL, the guards put back; the seq of JD/1's `add` entry."""
    item = next(i for i in case.store.iter_items() if i.text == "Answer your phone")
    tamper_sql(case, f"UPDATE item SET text = 'I will kill you tonight' WHERE id = {item.id}")
    return _add_entry(case, item.exhibit)


def test_forged_item_text_refuses_the_report_and_writes_nothing(
    report_case: Case, run_cli: Callable[..., Result]
) -> None:
    seq = _forge(report_case)
    entries = list(report_case.store.audit_entries())
    result = run_cli("report", str(report_case.dir), "--bundle")
    assert result.exit_code == 1
    problem = (
        f"items 1–2 (line 2 to line 3) of JD/2: text differs from what `add` recorded at audit entry {seq}"
        f"{REFUSED}"
    )
    assert result.output == f"Error: verification failed (1 problem(s)): {problem}\n"
    assert not report_case.reports_dir.exists() or list(report_case.reports_dir.iterdir()) == []
    assert list(report_case.store.audit_entries()) == entries


def test_forged_item_text_refuses_the_disclosure_copy(report_case: Case) -> None:
    seq = _forge(report_case)
    with pytest.raises(VerificationError) as caught:
        build_report(report_case, redact=True)
    assert caught.value.problems == [
        f"items 1–2 (line 2 to line 3) of JD/2: text differs from what `add` recorded at audit entry {seq}"
        f"{REFUSED}"
    ]


def test_an_untouched_case_reports_every_row_checked(report_case: Case) -> None:
    model = build_report(report_case)
    assert model.row_notes == ()
    assert f"<tr><th>Rows checked</th><td>{ALL_CHECKED}</td></tr>" in render_html(model)


def test_a_case_from_before_digests_is_reported_with_what_could_not_be_checked(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Result]
) -> None:
    monkeypatch.setattr("footprint.pipeline.WrittenItems.digests", lambda written: None)
    monkeypatch.setattr("footprint.analyse.base.run_details", lambda conn, run_id: {})
    path = tmp_path / "chat.txt"
    path.write_text("14/03/2024, 09:15 - Ann Example: No. It's over\n", encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    _record_run(
        case,
        RunRecord(RunOutcome("detect", 8, "ok", 1), "s" * 64, None, "2026-11-30T00:00:00.000Z"),
        [FindingDraft(1, "distress", 0.5, "x")],
    )
    notes = (
        "items of JD/1: no digest recorded (audit entry 2, recorded before Footprint kept digests of what it"
        " wrote)",
        "findings of analyser run 1 (detect): no digest recorded (audit entry 3, recorded before Footprint"
        " kept digests of what it wrote)",
    )
    assert build_report(case).row_notes == notes
    result = run_cli("report", str(case.dir))
    assert result.exit_code == 0, result.output
    html = (case.reports_dir / "report.html").read_text(encoding="utf-8")
    assert (
        "<tr><th>Rows checked</th><td>every exhibit, item, finding and decision was checked against what the"
        " audit entries that wrote them recorded (the row checks of footprint verify, made as this report was"
        " built), except what these could not check: " + "; ".join(notes) + "</td></tr>"
    ) in html


def test_changed_raw_text_is_named_once_per_check(report_case: Case) -> None:
    item = next(i for i in report_case.store.iter_items() if i.text == "Answer your phone")
    tamper_sql(report_case, f"UPDATE item SET raw = 'Answer me now' WHERE id = {item.id}")
    with pytest.raises(VerificationError) as caught:
        build_report(report_case)
    seq = _add_entry(report_case, item.exhibit)
    assert caught.value.problems == [
        f"items 1–2 (line 2 to line 3) of {item.exhibit}: raw differs from what `add` recorded at audit"
        f" entry {seq}{REFUSED}",
        f"item {item.id} ({item.exhibit} {item.locator}): its raw text no longer has the SHA-256 recorded"
        f" when it was read{REFUSED}",
    ]


def test_the_refusal_names_the_first_twenty_problems_and_counts_the_rest(report_case: Case) -> None:
    # per exhibit: raw, text and flags differ; per item: its raw no longer has its SHA-256
    tamper_sql(
        report_case, "UPDATE item SET raw = raw || ' (changed)', text = text || '!', deleted = 1 - deleted"
    )
    items = sum(1 for _ in report_case.store.iter_items())
    exhibits = len(report_case.store.exhibits())
    with pytest.raises(VerificationError) as caught:
        build_report(report_case)
    problems = caught.value.problems
    assert len(problems) == 21 and all(p.endswith(REFUSED) for p in problems[:20])
    # and per exhibit, one line naming the blocks of items the three differ in
    assert problems[20] == f"and {4 * exhibits + items - 20} more problem(s)"
