"""`verify` beside a colleague's `add`: the vault file it is writing is a NOTE, a file left behind is not."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from footprint import pipeline
from footprint.case import Case
from footprint.integrity import verify_case
from footprint.integrity.digests import WrittenItems
from footprint.pipeline import AddOptions, add_exhibit

CHAT = "14/03/2024, 09:15 - Ann Example: hello\n14/03/2024, 09:16 - Ben Example: hi\n"
SHA = hashlib.sha256(CHAT.encode()).hexdigest()
IN_FLIGHT = (
    f"vault file vault/sha256/{SHA[:2]}/{SHA}: no exhibit or attachment names it yet; being added by a"
    " write in progress; run verify again after it finishes"
)


def _stray(sha: str) -> str:
    return (
        f"vault file vault/sha256/{sha[:2]}/{sha}: no exhibit or attachment names it — left by an `add` that"
        " was stopped part-way, or put there outside Footprint; keep a copy aside for the record and remove"
        " it from the vault, then verify again"
    )


def _paused(monkeypatch: pytest.MonkeyPatch, where: str) -> tuple[threading.Event, threading.Event]:
    """Make the next `add` stop at ``where`` (choosing its parser, or storing its first rows) until told."""
    reached, go_on = threading.Event(), threading.Event()
    target: Any = pipeline if where == "choose_parser" else WrittenItems
    name = "choose_parser" if where == "choose_parser" else "observe"
    real: Callable[..., Any] = getattr(target, name)

    def wait(*args: Any, **kwargs: Any) -> Any:
        reached.set()
        assert go_on.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, wait)
    return reached, go_on


@pytest.mark.parametrize("where", ["choose_parser", "observe"])
def test_the_file_an_add_is_writing_is_a_note_and_verifies_once_it_commits(
    any_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    reached, go_on = _paused(monkeypatch, where)
    adding = threading.Thread(
        target=add_exhibit, args=(any_case, tmp_path / "chat.txt", AddOptions(producer="Jane Doe"))
    )
    adding.start()
    try:
        assert reached.wait(30)
        assert (any_case.dir / f"vault/sha256/{SHA[:2]}/{SHA}").exists()
        report = verify_case(any_case)
        assert (report.problems, report.notes) == ([], [IN_FLIGHT])
    finally:
        go_on.set()
        adding.join(30)
    report = verify_case(any_case)
    assert (report.exhibits, report.problems, report.notes) == (1, [], [])


def test_a_file_left_behind_is_a_problem_with_no_write_in_progress(any_case: Case) -> None:
    sha = hashlib.sha256(b"planted").hexdigest()
    (any_case.dir / "vault/sha256" / sha[:2]).mkdir(parents=True)
    (any_case.dir / "vault/sha256" / sha[:2] / sha).write_bytes(b"planted")
    assert verify_case(any_case).problems == [_stray(sha)]


def test_on_sqlite_only_a_file_newer_than_the_last_audit_entry_is_taken_for_a_write_in_progress(
    case: Case,
) -> None:
    old, new = (hashlib.sha256(text).hexdigest() for text in (b"left last year", b"just written"))
    for sha in (old, new):
        (case.dir / "vault/sha256" / sha[:2]).mkdir(parents=True, exist_ok=True)
        (case.dir / "vault/sha256" / sha[:2] / sha).write_bytes(b"x")
    os.utime(case.dir / "vault/sha256" / old[:2] / old, (0, 1_700_000_000))  # November 2023
    writer = sqlite3.connect(case.dir / "case.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another writer (the review app, an add) holds the lock
    try:
        report = verify_case(case)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert report.problems == [_stray(old)]
    assert report.notes == [
        f"vault file vault/sha256/{new[:2]}/{new}: no exhibit or attachment names it yet; being added by a"
        " write in progress; run verify again after it finishes"
    ]
