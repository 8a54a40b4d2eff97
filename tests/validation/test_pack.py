"""The pack: its ID, its readable page (escaped), failures one per line, and the documents that describe it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from footprint.errors import InputError
from footprint.settings import Settings
from footprint.validation.criteria import CRITERIA, Outcome
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
    # UK time with its offset, as every other output shows times (it showed the raw UTC string)
    assert "<tr><th>Started</th><td>29/11/2026 08:00:00 GMT (+00:00)</td></tr>" in html
    assert "<tr><th>Finished</th><td>29/11/2026 08:01:00 GMT (+00:00)</td></tr>" in html


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


def test_a_check_that_cannot_run_fails_its_criteria_and_the_pack_is_still_written(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footprint.validation import demo_checks, device_checks, formats, integrity_checks

    def broken(*_: object) -> None:
        raise RuntimeError("demo could not be built\nsecond line")

    monkeypatch.setattr(demo_checks, "build", broken)
    monkeypatch.setattr(formats, "check_exports", lambda case, folder: [])
    monkeypatch.setattr(formats, "check_zones", lambda case, folder: _passed("AC-02"))
    monkeypatch.setattr(formats, "check_no_drops", lambda case, folder: _passed("AC-03"))
    monkeypatch.setattr(integrity_checks, "check_verify", lambda folder, s: _passed("AC-09"))
    monkeypatch.setattr(integrity_checks, "check_failed_add", lambda folder, s: _passed("AC-10"))
    monkeypatch.setattr(device_checks, "check_phone", lambda folder, s: _passed("AC-11"))
    document = validate(tmp_path / "out", settings)
    assert document["result"] == "fail"
    assert failures(document) == [
        f"{c}: the check could not run (RuntimeError: demo could not be built)"
        for c in ("AC-04", "AC-05", "AC-06", "AC-07", "AC-08")
    ]
    assert (tmp_path / "out" / "validation-report.html").is_file()


def _passed(ident: str) -> Outcome:
    return Outcome(ident, True, {})


def test_the_page_names_the_indicators_ac11_used_with_their_attribution_escaped() -> None:
    ac11 = {
        "id": "AC-11",
        "passed": True,
        "evidence": {
            "indicators": "built-in snapshot of <i>Echap</i>",
            "indicator_snapshot": "a" * 64,
            "attribution": ["Echap (CC-BY-4.0)", "ISDI <b>MIT</b>"],
        },
        "failures": [],
        "requirement": CRITERIA["AC-11"],
    }
    html = render_html({**DOCUMENT, "criteria": [ac11], "pack_id": "f" * 64})
    assert (
        f'<p>AC-11 used built-in snapshot of &lt;i&gt;Echap&lt;/i&gt; (indicator snapshot <span class="mono">'
        f"{'a' * 64}</span>). Indicators: Echap (CC-BY-4.0); ISDI &lt;b&gt;MIT&lt;/b&gt;</p>"
    ) in html
    assert "AC-03 used" not in render_html({**DOCUMENT, "pack_id": "f" * 64})
