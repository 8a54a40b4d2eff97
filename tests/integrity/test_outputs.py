"""`verify DIR` re-hashes the report's recorded outputs where they are now, and names strays in the vault."""

from __future__ import annotations

import hashlib

from footprint.case import Case
from footprint.integrity import verify_case


def _report(case: Case, files: dict[str, str]) -> None:
    """Write ``files`` under the case and record them as `report` records its outputs."""
    for name, content in files.items():
        path = case.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    outputs = {name: hashlib.sha256(content.encode()).hexdigest() for name, content in files.items()}
    case.record("report", "reports/", as_at_audit_entry=1, outputs=outputs)


def test_unchanged_outputs_verify_and_are_counted(case: Case) -> None:
    _report(case, {"reports/report.html": "<p>kill</p>", "reports/schedules/mg6c.csv": "a,b\n"})
    report = verify_case(case)
    assert (report.problems, report.outputs) == ([], 2)


def test_an_edited_and_a_missing_output_are_named(case: Case) -> None:
    _report(case, {"reports/report.html": "<p>kill</p>", "reports/schedules/mg6c.csv": "a,b\n"})
    (case.dir / "reports/report.html").write_text("<p>kiss</p>", encoding="utf-8")
    (case.dir / "reports/schedules/mg6c.csv").unlink()
    assert verify_case(case).problems == [
        "report output reports/report.html: changed since it was written (SHA-256 recorded at audit entry 2)",
        "report output reports/schedules/mg6c.csv: missing (written at audit entry 2)",
    ]


def test_superseded_outputs_are_checked_where_they_were_moved(case: Case) -> None:
    _report(case, {"reports/report.html": "first"})
    moved = "reports/superseded/as-at-entry-1/report.html"
    (case.dir / moved).parent.mkdir(parents=True)
    (case.dir / "reports/report.html").replace(case.dir / moved)
    case.record("supersede report", "reports/superseded/as-at-entry-1/", moved={"reports/report.html": moved})
    _report(case, {"reports/report.html": "second"})
    assert verify_case(case).problems == []
    (case.dir / moved).write_text("first, edited", encoding="utf-8")
    assert verify_case(case).problems == [
        f"report output {moved}: changed since it was written (SHA-256 recorded at audit entry 2)"
    ]


def test_files_in_the_vault_no_exhibit_names_are_named(case: Case) -> None:
    stray = hashlib.sha256(b"planted").hexdigest()
    (case.dir / "vault/sha256" / stray[:2]).mkdir(parents=True)
    (case.dir / "vault/sha256" / stray[:2] / stray).write_bytes(b"planted")
    (case.dir / "vault/notes.txt").write_text("planted", encoding="utf-8")
    what = (
        ": no exhibit or attachment names it — left by an `add` that was stopped part-way, or put there"
        " outside Footprint; keep a copy aside for the record and remove it from the vault, then verify again"
    )
    assert verify_case(case).problems == [
        f"vault file vault/notes.txt{what}",
        f"vault file vault/sha256/{stray[:2]}/{stray}{what}",
    ]
