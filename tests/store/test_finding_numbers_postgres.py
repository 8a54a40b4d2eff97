"""An advocate's finding numbers stay put on a team case's PostgreSQL database too (``store.finding_numbers``,
given inside the write that shows her a finding, under an advisory lock)."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import pytest
from click.testing import Result

from tests.cli import test_advocate_stable_numbers as stable
from tests.cli import test_her_numbers_kept as kept
from tests.cli.test_advocate_numbers import Numbered, _build, run

pytestmark = pytest.mark.postgres


def _run(numbered: Numbered, role: str, *args: str) -> Result:
    result = run(numbered, role, *args)
    _collected()
    return result


def _collected() -> None:
    """The engines of the commands run, never disposed (a command's process would end), go now (as in
    test_postgres)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def test_her_finding_numbers_stay_put_on_postgresql(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stable, "run", _run)
    numbered = _build(tmp_path, pg_url)
    _collected()
    stable.stays_put(numbered)
    _collected()


def test_a_claim_is_its_words_not_its_explanation_or_score_on_postgresql(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "run", _run)
    numbered = _build(tmp_path, pg_url)
    _collected()
    kept.claims_numbered(numbered)
    _collected()
