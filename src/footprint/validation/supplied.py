"""A validation pack supplied with a report: read, checked against its ID and against the running code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from footprint.errors import InputError
from footprint.report.method import ValidationRun
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
    return ValidationRun(
        pack_id=str(document["pack_id"]),
        finished_utc=str(document["finished_utc"]),
        result=str(document["result"]),
        passed=int(document["passed"]),
        failed=int(document["failed"]),
    )
