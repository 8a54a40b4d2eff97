"""The report's device lines: the notes under the device section, and the indicators the method
appendix names whenever the device check ran (matches or not)."""

from __future__ import annotations

from collections.abc import Sequence

from footprint.device.attribution import LIMITATIONS
from footprint.device.case_check import nothing_matched_text
from footprint.device.settings_file import CASE_FILE, Recorded
from footprint.model import AnalysisRun, Exhibit, Finding
from footprint.report.sections import DEVICE_NOTE_KEYS

NOT_RECORDED = f"not recorded ({CASE_FILE} is missing): run `footprint device check CASE` again"


def _checked(runs: Sequence[AnalysisRun], exhibits: Sequence[Exhibit]) -> list[Exhibit]:
    """The device exhibits, when the device check has run on this case (none when it has not)."""
    ran = any(r.analyser == "device" and r.status == "ok" for r in runs)
    return [e for e in exhibits if e.parser.startswith("device_")] if ran else []


def device_notes(
    findings: Sequence[Finding],
    runs: Sequence[AnalysisRun],
    exhibits: Sequence[Exhibit],
    warnings: dict[int, int],
    record: Recorded | None,
) -> tuple[str, ...]:
    """Indicator attributions (CC-BY and others), safety note and limitations of the device check.

    When the check ran and nothing matched, what was checked, against which indicators, and that no
    match does not mean the phone is clean come first."""
    notes: dict[str, None] = {}
    device = [f for f in findings if f.category == "device_indicator"]
    for f in device:
        for key in DEVICE_NOTE_KEYS:
            value = f.details.get(key)
            for line in value if isinstance(value, list) else [value] if value else []:
                notes[str(line)] = None
    checked = _checked(runs, exhibits)
    if device or not checked:
        return tuple(notes)
    inputs = ", ".join(f"{e.ref} {e.file_name} ({e.parser} v{e.parser_version})" for e in checked)
    against = record.label if record is not None else f"indicators {NOT_RECORDED}"
    unread = sum(warnings.get(e.id, 0) for e in checked)
    lines = [f"{nothing_matched_text(unread)} Checked: {inputs} against {against}."]
    lines += [*LIMITATIONS, *(record.attribution if record is not None else ())]
    return tuple(lines)


def device_method(
    findings: Sequence[Finding],
    runs: Sequence[AnalysisRun],
    exhibits: Sequence[Exhibit],
    record: Recorded | None,
) -> tuple[str, ...]:
    """The indicators the device check used (snapshot, commits, licences), for the method appendix."""
    if not _checked(runs, exhibits):
        return ()
    if record is None:
        return (f"Indicators: {NOT_RECORDED}",)
    lines = [
        f"Indicators: {record.label}, snapshot {record.snapshot} (recorded in {CASE_FILE})",
        f"Upstream commits: {', '.join(record.commits) or 'none recorded'}",
        f"Licences: {'; '.join(record.attribution) or 'not recorded (run footprint device check again)'}",
    ]
    other = sorted(
        {
            str(f.details["indicator_snapshot"])
            for f in findings
            if f.category == "device_indicator"
            and f.details.get("indicator_snapshot")
            and f.details["indicator_snapshot"] != record.snapshot
        }
    )
    if other:
        lines.append(f"Device findings made with another snapshot: {', '.join(other)}")
    return tuple(lines)
