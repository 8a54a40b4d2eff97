"""The chain head file: staged before a commit, recorded after it, never moved back to an older entry,
and never disagreeing with the log because a write failed."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint import audit_head
from footprint.audit_head import HEAD_FILE, promote_head, recorded_head, stage_head
from footprint.case import Case
from footprint.integrity import verify_case


def _write(case_dir: Path, seq: int, digest: str) -> None:
    promote_head(case_dir, stage_head(case_dir, seq, digest))


def test_an_older_head_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    _write(tmp_path, 7, "b" * 64)
    _write(tmp_path, 6, "a" * 64)  # a writer that finished late
    assert recorded_head(tmp_path, []) == ((7, "b" * 64), [])
    _write(tmp_path, 8, "c" * 64)
    assert recorded_head(tmp_path, []) == ((8, "c" * 64), [])
    assert sorted(p.name for p in tmp_path.iterdir()) == [HEAD_FILE]  # no staged file is left


def test_an_unreadable_head_is_replaced_and_named_until_then(tmp_path: Path) -> None:
    (tmp_path / HEAD_FILE).write_text("garbage\n", encoding="ascii")
    assert recorded_head(tmp_path, []) == (
        None,
        ["audit.head does not read 'SEQ SHA-256' (it reads 'garbage\\n'): changed outside Footprint, so"
         " entries removed at the end of the audit log cannot be detected"],
    )  # fmt: skip
    _write(tmp_path, 3, "d" * 64)
    assert recorded_head(tmp_path, []) == ((3, "d" * 64), [])


def test_a_garbled_head_is_a_problem_not_a_traceback(case: Case, run_cli: Callable[..., Result]) -> None:
    (case.dir / HEAD_FILE).write_text("garbage\n", encoding="ascii")
    result = run_cli("verify", str(case.dir))
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        "PROBLEM: audit.head does not read 'SEQ SHA-256' (it reads 'garbage\\n'): changed outside Footprint,"
        " so entries removed at the end of the audit log cannot be detected",
    )


def test_a_deleted_head_file_is_named(case: Case) -> None:
    # removing the newest rows and the head file had verified as intact
    case.record("search", "hello", hits=1)
    (case.dir / HEAD_FILE).unlink()
    assert verify_case(case).problems == [
        "audit.head is missing although the audit log has 2 entries: removed outside Footprint, so entries"
        " removed at the end of the audit log cannot be detected"
    ]


def test_a_head_that_cannot_be_staged_undoes_the_transaction(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list(case.store.audit_entries())

    def full(*_: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(audit_head, "stage_head", full)
    with pytest.raises(OSError, match="No space left"):
        case.record("search", "hello", hits=1)
    monkeypatch.undo()
    assert list(case.store.audit_entries()) == before
    assert verify_case(case).problems == []


def test_a_commit_whose_head_was_not_renamed_still_verifies(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the disk filled after the commit: `verify` then called Footprint's own entry "written outside Footprint"
    monkeypatch.setattr(audit_head, "promote_head", lambda *_: None)
    case.record("search", "hello", hits=1)
    monkeypatch.undo()
    [staged] = [p.name for p in case.dir.glob("audit.head.*.staged")]
    assert staged.startswith("audit.head.2.")
    assert verify_case(case).problems == []
    case.record("search", "again", hits=0)  # the next writer records its head and tidies the staged one
    assert sorted(p.name for p in case.dir.iterdir() if p.name.startswith(HEAD_FILE)) == [HEAD_FILE]
    assert verify_case(case).problems == []


def test_a_staged_head_naming_no_entry_is_ignored(case: Case) -> None:
    [entry] = list(case.store.audit_entries())
    stage_head(case.dir, 2, "e" * 64)  # its transaction never committed
    assert recorded_head(case.dir, [entry]) == ((1, entry.hash), [])
    assert verify_case(case).problems == []
    assert os.path.exists(case.dir / HEAD_FILE)
