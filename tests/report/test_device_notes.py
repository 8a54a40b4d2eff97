"""Device findings carry the indicator attribution (CC-BY), the safety note and the limitations into the report."""

from __future__ import annotations

from typing import Any

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.report.build import build_report
from footprint.report.html import render_html
from tests.conftest import store_findings

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
