"""`verify` reads everything it compares in one transaction: a colleague's commit between two of its reads
is wholly out of what it compares (before, the rows read after it met the audit entries read before it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from footprint import integrity
from footprint.case import Case
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit

CHAT = "14/03/2024, 09:15 - Ann Example: hello\n14/03/2024, 09:16 - Ben Example: hi\n"


def test_a_commit_between_verifys_reads_is_not_half_in_what_it_compares(
    any_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.txt").write_text(CHAT, encoding="utf-8")
    (tmp_path / "two.txt").write_text(CHAT.replace("hello", "hello again"), encoding="utf-8")
    add_exhibit(any_case, tmp_path / "one.txt", AddOptions(producer="Jane Doe"))
    colleague = Case.open(any_case.dir, any_case.settings)
    real = integrity.missing_guards
    committed: list[str] = []

    def colleague_commits(engine: Any) -> list[str]:  # after the audit log is read, before the rows are
        committed.append(add_exhibit(colleague, tmp_path / "two.txt", AddOptions(producer="Jane Doe")).ref)
        return real(engine)

    monkeypatch.setattr(integrity, "missing_guards", colleague_commits)
    try:
        report = verify_case(any_case)
    finally:
        colleague.close()
    assert committed == ["JD/2"]
    assert (report.problems, report.notes) == ([], [])
    assert (report.exhibits, report.items, report.audit_entries) == (1, 2, 2)
    monkeypatch.undo()
    report = verify_case(any_case)
    assert (report.exhibits, report.items, report.audit_entries, report.problems) == (2, 4, 3, [])
