"""Device findings carry the indicator attribution (CC-BY), the safety note and the limitations into the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.device.attribution import LIMITATIONS
from footprint.device.indicators import load_indicators
from footprint.ingest import parsers
from footprint.report.build import build_report
from footprint.report.html import render_html
from tests.conftest import DATA, store_findings

ECHAP = "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0"
NOTES = {
    "attribution": [ECHAP],
    "safety": "Safety: do not remove the app yet.",
    "limitations": ["iOS coverage is limited."],
}


def _device_findings(case: Case, packages: tuple[str, ...], **extra: Any) -> None:
    """One device-check run with a stalkerware finding per package, each carrying the notes."""
    store_findings(
        case,
        "device",
        [
            FindingDraft(
                None,
                "device_indicator",
                0.9,
                f"Known stalkerware package {p}",
                details={**NOTES, **extra, "explanation": f"Known stalkerware package {p}"},
            )
            for p in packages
        ],
    )


def test_device_section_prints_attribution_safety_and_limitations(case: Case) -> None:
    _device_findings(case, ("com.example.spy",))
    model = build_report(case)
    assert model.device_notes == (ECHAP, "Safety: do not remove the app yet.", "iOS coverage is limited.")
    html = render_html(model)
    assert f"<li>{ECHAP}</li>" in html


def test_no_device_findings_no_notes(case: Case) -> None:
    assert build_report(case).device_notes == ()


def test_notes_are_printed_once_not_under_every_finding(case: Case) -> None:
    _device_findings(case, ("com.example.spy", "com.example.spy2"), app="Spy")
    model = build_report(case)
    assert [dict(v.details) for v in model.devices] == [{"app": "Spy"}, {"app": "Spy"}]
    html = render_html(model)
    assert (
        html.count("iOS coverage is limited.") == 1 and html.count("Safety: do not remove the app yet.") == 1
    )
    assert (
        html.count("Known stalkerware package com.example.spy<") == 1
    )  # the explanation, not again as a detail


def test_device_findings_are_listed_strongest_first(case: Case) -> None:
    # The report listed them in the order found (a sideloaded-app note before known stalkerware), though
    # the CLI and docs say strongest first.
    store_findings(
        case,
        "device",
        [
            FindingDraft(None, "device_indicator", score, what, details={"strength": strength})
            for what, strength, score in (
                ("No recorded installer.", "context", 0.3),
                ("Known watchware.", "check_consent", 0.6),
                ("Known stalkerware.", "strong", 0.9),
                ("A suspicious name.", "context", 0.3),
            )
        ],
    )
    model = build_report(case)
    assert [v.finding.explanation for v in model.devices] == [
        "Known stalkerware.",
        "Known watchware.",
        "No recorded installer.",
        "A suspicious name.",
    ]


def _checked(run_cli: Callable[..., Result], case: Case, tmp_path: Path, text: str) -> None:
    listing = tmp_path / "pm.txt"
    listing.write_text(text, encoding="utf-8")
    result = run_cli(
        "device", "check", str(case.dir), str(listing), "--indicators", str(DATA / "device_indicators")
    )
    assert result.exit_code == 0, result.output


def test_a_device_check_that_matched_nothing_says_what_was_checked_and_that_it_is_not_clean(
    run_cli: Callable[..., Result], case: Case, tmp_path: Path
) -> None:
    # The section had read only "none found (device v2 ran)": read as "clean", with no limits or indicators.
    _checked(
        run_cli,
        case,
        tmp_path,
        "package:/data/app/~~QQ==/org.example.notes-QQ==/base.apk=org.example.notes  installer=com.android.vending uid:10100\n",
    )
    model = build_report(case)
    label = f"the indicator files in {DATA / 'device_indicators'}"
    assert model.devices == ()
    assert model.device_notes[0] == (
        f"No indicator matched these inputs. That does not mean the phone is clean. Checked: T/1 pm.txt"
        f" (device_pm_list v{parsers.get('device_pm_list').version}) against {label}."
    )
    assert model.device_notes[1:] == (*LIMITATIONS, *load_indicators(DATA / "device_indicators").attributions)
    html = render_html(model)
    assert "That does not mean the phone is clean. Checked: T/1 pm.txt" in html


def test_the_method_appendix_names_the_indicator_snapshot_whenever_the_device_check_ran(
    run_cli: Callable[..., Result], case: Case, tmp_path: Path
) -> None:
    # The appendix had shown only "device v2: ok (settings ...)": no snapshot, commits or licences.
    assert build_report(case).device_method == ()
    _checked(
        run_cli,
        case,
        tmp_path,
        "package:/data/app/x/base.apk=org.example.notes  installer=com.android.vending uid:1\n",
    )
    index = load_indicators(DATA / "device_indicators")
    model = build_report(case)
    assert model.device_method == (
        f"Indicators: the indicator files in {DATA / 'device_indicators'}, snapshot {index.snapshot}"
        " (recorded in device-indicators.json)",
        f"Upstream commits: {', '.join(index.commits()) or 'none recorded'}",
        f"Licences: {'; '.join(index.attributions)}",
    )
    html = render_html(model)
    assert "<tr><th>Device indicators</th><td>Indicators: the indicator files in" in html
    assert f"snapshot {index.snapshot}" in html
