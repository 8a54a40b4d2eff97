"""The core of `footprint device check` once its inputs are exhibits: record the indicators, run the
``device`` analyser and collect its findings on those exhibits, strongest first.

The CLI command and ``footprint validate`` (AC-11) both call it, so validation exercises the same path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from footprint.analyse.base import RunOutcome, run_analysers
from footprint.analyse.device import CATEGORY
from footprint.case import Case
from footprint.device.attribution import LIMITATIONS, SAFETY_NOTE
from footprint.device.check import strength_rank
from footprint.device.indicators import IndicatorIndex
from footprint.device.settings_file import record
from footprint.errors import AnalysisError
from footprint.model import Finding, StoredWarning

NOTHING_MATCHED = "No indicator matched these inputs. That does not mean the phone is clean."


def nothing_matched_text(warnings: int, *, below: bool = False) -> str:
    """The no-match result; with warnings it says that some of the inputs could not be checked."""
    if not warnings:
        return NOTHING_MATCHED
    many = "warnings" if warnings > 1 else "warning"
    return (
        f"No indicator matched what could be read from these inputs, and {warnings} {many}"
        f"{' below' if below else ''} {'say' if warnings > 1 else 'says'} what could not be checked."
        " That does not mean the phone is clean."
    )


@dataclass(frozen=True)
class CheckResult:
    """One device check: the analyser's run and its findings on the checked exhibits, strongest first."""

    outcome: RunOutcome
    findings: list[Finding]
    warnings: list[StoredWarning]  # the checked exhibits' parse warnings: what could not be checked


def run_device(case: Case) -> RunOutcome:
    """Run the ``device`` analyser on ``case``; an error if it did not run."""
    outcome = run_analysers(case, ["device"])[-1]
    if outcome.status != "ok":
        raise AnalysisError(f"the device check did not run: {outcome.error}")
    return outcome


def check_exhibits(case: Case, index: IndicatorIndex, path: Path | None, refs: list[str]) -> CheckResult:
    """Check the device exhibits ``refs`` of ``case`` with ``index`` (loaded from ``path``, or built-in)."""
    record(case.dir, index, path)
    outcome = run_device(case)
    findings = [f for f in case.store.findings(CATEGORY) if f.exhibit in refs]
    findings.sort(key=lambda f: (strength_rank(f.details.get("strength")), refs.index(f.exhibit or ""), f.id))
    warnings = [w for ref in refs for w in case.store.warnings(ref)]
    return CheckResult(outcome, findings, warnings)


def warning_fields(warnings: list[StoredWarning]) -> list[dict[str, str]]:
    """Parse warnings as JSON objects (exhibit, locator, message, raw)."""
    return [
        {"exhibit": w.exhibit, "locator": w.locator, "message": w.message, "raw": w.raw} for w in warnings
    ]


def nothing_matched(
    checked: list[dict[str, str]],
    outcome: RunOutcome,
    index: IndicatorIndex,
    warnings: list[StoredWarning] | None = None,
) -> dict[str, object]:
    """The one JSON document of a check in which no indicator matched: what was checked, by what, and
    what in the inputs could not be checked (their warnings)."""
    warnings = warnings or []
    return {
        "checked": checked,
        "findings": [],
        "result": nothing_matched_text(len(warnings)),
        "warnings": warning_fields(warnings),
        "analyser": outcome.analyser,
        "analyser_version": outcome.version,
        "indicator_snapshot": index.snapshot,
        "indicators": index.label(),
        "indicator_commits": list(index.commits()),
        "attribution": list(index.attributions),
        "safety": SAFETY_NOTE,
        "limitations": list(LIMITATIONS),
    }
