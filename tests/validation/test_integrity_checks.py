"""AC-09 and AC-10: tampering is named by verify; a refused add changes nothing; a check that misses fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.settings import Settings
from footprint.validation import integrity_checks


def test_every_tampering_is_named(tmp_path: Path, settings: Settings) -> None:
    result = integrity_checks.check_verify(tmp_path, settings)
    assert (result.id, result.failures) == ("AC-09", ())
    assert result.evidence["untouched"] == []
    assert result.evidence["changed audit entry"] == ["audit entry 2 (add) was changed after it was written"]
    assert (
        "database guard audit_no_delete is missing or disabled, so rows of table audit can be removed"
        " (changed outside Footprint)" in result.evidence["removed database guard"]
    )


def test_a_verify_that_misses_tampering_fails_the_criterion(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Blind:
        problems: list[str] = []

    monkeypatch.setattr(integrity_checks, "verify_case", lambda case: Blind())
    result = integrity_checks.check_verify(tmp_path, settings)
    assert result.failures == (
        "verify did not name the changed original: no problem found",
        "verify did not name the changed audit entry: no problem found",
        "verify did not name the removed audit entry: no problem found",
        "verify did not name the removed database guard: no problem found",
    )


def test_refused_adds_leave_the_case_as_it_was(tmp_path: Path, settings: Settings) -> None:
    result = integrity_checks.check_failed_add(tmp_path, settings)
    assert (result.id, result.failures) == ("AC-10", ())
    assert result.evidence["a CSV without its column map"] == (
        "sms.csv: no column for text, sent_at; the header has: when, body; pass --map text=COLUMN"
    )


def test_an_add_that_changes_the_case_fails_the_criterion(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    states = iter(range(100))
    monkeypatch.setattr(integrity_checks, "case_state", lambda case: next(states))
    result = integrity_checks.check_failed_add(tmp_path, settings)
    assert result.failures == (
        "an unrecognised file: the refused add changed the case",
        "a CSV without its column map: the refused add changed the case",
        "a WhatsApp export already added: the refused add changed the case",
    )
