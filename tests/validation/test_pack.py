"""The pack: its ID, its readable page (escaped), failures one per line, and the documents that describe it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from footprint.errors import InputError
from footprint.settings import Settings
from footprint.validation.criteria import CRITERIA
from footprint.validation.manifest import pack_id
from footprint.validation.pack import failures, render_html, validate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "validation"

DOCUMENT = {
    "format": "footprint-validation-pack/1",
    "tool": "footprint",
    "tool_version": "0.1.0",
    "started_utc": "2026-11-29T08:00:00Z",
    "finished_utc": "2026-11-29T08:01:00Z",
    "machine": {"os": "<script>alert(1)</script>", "cpu_count": 2},
    "versions": {"python": "3.11.2"},
    "result": "fail",
    "passed": 1,
    "failed": 1,
    "criteria": [
        {
            "id": "AC-03",
            "passed": True,
            "evidence": {"items": 2},
            "failures": [],
            "requirement": CRITERIA["AC-03"],
        },
        {
            "id": "AC-04",
            "passed": False,
            "evidence": {"text": "<img src=x onerror=alert(1)>"},
            "failures": ["chat.txt line 2: text '<b>x</b>', answer key 'y'"],
            "requirement": CRITERIA["AC-04"],
        },
    ],
}


def test_the_id_changes_with_any_content() -> None:
    ident = pack_id(DOCUMENT)
    assert ident == pack_id({**DOCUMENT, "pack_id": "anything"})
    assert ident != pack_id({**DOCUMENT, "passed": 2})


def test_failures_are_one_line_each() -> None:
    assert failures(DOCUMENT) == ["AC-04: chat.txt line 2: text '<b>x</b>', answer key 'y'"]


def test_the_page_escapes_everything() -> None:
    html = render_html({**DOCUMENT, "pack_id": "f" * 64})
    assert "<script>" not in html and "<img" not in html and "<b>x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "FAIL: 1 criteria passed, 1 failed" in html


def test_an_existing_pack_is_not_overwritten(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "validation-report.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError) as err:
        validate(tmp_path, settings)
    assert str(err.value) == (
        f"{tmp_path / 'validation-report.json'}: a validation pack is already there; choose another folder"
    )


def test_every_criterion_is_described_in_the_acceptance_criteria() -> None:
    text = (DOCS / "acceptance-criteria.md").read_text(encoding="utf-8")
    described = set(re.findall(r"^\| (AC-\d\d) \|", text, re.M))
    assert described == set(CRITERIA)
