"""A validation pack supplied with a report: read, checked against its ID and against the running code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from footprint.errors import InputError
from footprint.report.method import ValidationRun
from footprint.validation.criteria import CRITERIA
from footprint.validation.environment import pinned_versions, version_differences
from footprint.validation.manifest import FORMAT, JSON_NAME, pack_id

AGAIN = "run `footprint validate OUT_DIR` with this installation and pass its validation-report.json"
#: at most this many differences are named in the refusal
SHOWN = 5


def read_pack(path: Path) -> ValidationRun:
    """The pack at ``path``, refused unless it is whole and was made with the code now running."""
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; {AGAIN}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a validation pack ({exc}); {AGAIN}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(
            f"{path}: not a validation pack (no format {FORMAT!r}; expected {JSON_NAME}); {AGAIN}"
        )
    if document.get("pack_id") != pack_id(document):
        raise InputError(
            f"{path}: the pack no longer matches its pack ID (it was changed after it was written); {AGAIN}"
        )
    differences = version_differences(document.get("versions", {}), pinned_versions())
    if differences:
        more = f"; and {len(differences) - SHOWN} more" if len(differences) > SHOWN else ""
        raise InputError(
            f"{path}: the validation pack was made with other versions than the code running now"
            f" ({'; '.join(differences[:SHOWN])}{more}); {AGAIN}"
        )
    passed, failed = _outcome(path, document)
    recorded = document.get("machine")
    machine: dict[str, Any] = recorded if isinstance(recorded, dict) else {}
    return ValidationRun(
        pack_id=str(document["pack_id"]),
        finished_utc=str(document["finished_utc"]),
        result="pass" if failed == 0 else "fail",
        passed=passed,
        failed=failed,
        machine=f"{machine.get('os', 'an unrecorded machine')} ({machine.get('cpu_count', '?')} CPUs)",
    )


def _outcome(path: Path, document: dict[str, Any]) -> tuple[int, int]:
    """How many criteria passed and failed, counted from the criteria themselves, never taken from the
    pack's own summary: a summary that does not follow from them (an edited pack, its ID recomputed) is
    refused, and so is a pack without a result for every criterion this version defines."""
    results = [c for c in document.get("criteria", []) if isinstance(c, dict)]
    passed = sum(1 for c in results if c.get("passed") is True)
    failed = len(results) - passed
    covered = {str(c.get("id", "")).split("/", 1)[0] for c in results}
    missing = [name for name in CRITERIA if name not in covered]
    summary = (document.get("result"), document.get("passed"), document.get("failed"))
    if missing or summary != ("pass" if failed == 0 else "fail", passed, failed):
        found = (
            f"no result for {', '.join(missing)}"
            if missing
            else f"it says {summary[0]}, {summary[1]} passed and {summary[2]} failed;"
            f" its criteria: {passed} passed, {failed} failed"
        )
        raise InputError(
            f"{path}: the pack's result does not follow from its criteria ({found}); it was changed after"
            f" `footprint validate` wrote it; {AGAIN}"
        )
    return passed, failed
