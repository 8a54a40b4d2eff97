"""Tamper evidence: any changed original or audit row makes `verify` fail and say what changed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.validation.integrity_checks import flip_original, tamper_sql
from tests.test_folder_match import _advice, _older

CHAT = "14/03/2024, 09:15 - Ann Example: hello\n14/03/2024, 09:16 - Ben Example: hi\n"


@pytest.fixture
def filled(case: Case, tmp_path: Path) -> Case:
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    case.record("search", "hello", hits=1)
    return case


def test_clean_case_verifies(filled: Case) -> None:
    report = verify_case(filled)
    assert (report.exhibits, report.audit_entries, report.problems) == (1, 3, [])


def test_flipped_byte_in_vault_is_named(filled: Case) -> None:
    [exhibit] = filled.store.exhibits()
    flip_original(filled)
    [problem] = verify_case(filled).problems
    assert problem.startswith("exhibit JD/1 (chat.txt): vault copy has changed (SHA-256 now ")
    assert problem.endswith(f", recorded {exhibit.sha256[:12]}…)")


def test_missing_vault_file_is_named(filled: Case) -> None:
    [exhibit] = filled.store.exhibits()
    filled.vault.remove(exhibit.sha256)
    assert verify_case(filled).problems == [
        f"exhibit JD/1 (chat.txt): vault copy is missing ({exhibit.vault_path})"
    ]


def test_edited_audit_row_is_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE audit SET actor = 'someone else' WHERE seq = 2")
    assert verify_case(filled).problems == ["audit entry 2 (add) was changed after it was written"]


def test_deleted_audit_row_is_named(filled: Case) -> None:
    tamper_sql(filled, "DELETE FROM audit WHERE seq = 2")
    assert verify_case(filled).problems == [
        "audit entry 2 is missing or out of order (found 3 next)",
        "audit entry 3 (search) does not follow the entry before it (removed or reordered entries)",
        "exhibit JD/1: no `add` audit entry records it (written outside Footprint)",
        "account whatsapp:Ann Example: no `add` audit entry records it (written outside Footprint)",
        "account whatsapp:Ben Example: no `add` audit entry records it (written outside Footprint)",
    ]


def test_dropped_append_only_guard_is_named(filled: Case) -> None:
    filled.store.engine.dispose()
    with sqlite3.connect(filled.dir / "case.db") as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
    assert verify_case(filled).problems == [
        "database guard audit_no_delete is missing or disabled, so rows of table audit can be removed"
        " (changed outside Footprint)"
    ]


def test_reordered_audit_rows_are_named(filled: Case) -> None:
    head = (filled.dir / "audit.head").read_text(encoding="ascii").split()[1]
    tamper_sql(filled, "UPDATE audit SET seq = 99 WHERE seq = 2")
    tamper_sql(filled, "UPDATE audit SET seq = 2 WHERE seq = 3")
    tamper_sql(filled, "UPDATE audit SET seq = 3 WHERE seq = 99")
    problems = verify_case(filled).problems
    entries = list(filled.store.audit_entries())
    assert problems == [
        "audit entry 2 (search) does not follow the entry before it (removed or reordered entries)",
        "audit entry 2 (search) was changed after it was written",
        "audit entry 3 (add) does not follow the entry before it (removed or reordered entries)",
        "audit entry 3 (add) was changed after it was written",
        "audit entry 3 is not the entry recorded as the head (replaced)",
        f"the case's database (sqlite:///{filled.dir / 'case.db'}) does not hold the audit entry this case"
        f" folder recorded as its head: its entry 3 is another (SHA-256 {entries[2].hash[:12]}…, the"
        f" folder's {head[:12]}…); it is another case's database, or one restored from an older backup and"
        " written to since, or the folder's audit.head was changed (then put it back from a copy of the case"
        f" folder). {_advice(filled.dir, 3, older=False)}",
    ]


def test_removed_last_entry_is_caught_by_the_head_file(filled: Case) -> None:
    tamper_sql(filled, "DELETE FROM audit WHERE seq = 3")
    # removed, or a database restored from an older backup: which, the case cannot tell; both are said
    assert verify_case(filled).problems == [
        "audit log ends at entry 2 but the recorded head is entry 3 (entries removed at the end)",
        f"{_older(filled.dir, 2, 3)}. {_advice(filled.dir, 3)}",
    ]


def test_cli_verify_exit_codes(filled: Case, run_cli: Callable[..., Result]) -> None:
    ok = run_cli("verify", str(filled.dir))
    assert ok.exit_code == 0
    assert ok.output.startswith(
        "OK: 1 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain of 3 entries intact"
    )
    tamper_sql(filled, "UPDATE audit SET justification = 'x' WHERE seq = 1")
    bad = run_cli("verify", str(filled.dir))
    assert bad.exit_code == 1
    assert bad.output == (
        "PROBLEM: audit entry 1 (case init) was changed after it was written\n"
        "Error: verification failed (1 problem(s)): audit entry 1 (case init) was changed after it was written\n"
    )
