"""Which indicator folder a case uses: ``FOOTPRINT_INDICATORS``, else the one `device check` recorded."""

from __future__ import annotations

import json
import os
from pathlib import Path

from footprint.errors import InputError

CASE_FILE = "device-indicators.json"
ENV = "FOOTPRINT_INDICATORS"


def record(case_dir: Path, path: Path, snapshot: str) -> None:
    """Remember the indicator folder and snapshot used for this case (no indicator data is copied)."""
    text = json.dumps({"path": str(path.resolve()), "snapshot": snapshot}, indent=2, sort_keys=True)
    (case_dir / CASE_FILE).write_text(text + "\n", encoding="utf-8")


def indicator_path(case_dir: Path | None, given: Path | None = None) -> Path | None:
    """The indicator folder to use: given, else the environment, else the case's record."""
    if given is not None:
        return given
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if case_dir is not None and (case_dir / CASE_FILE).is_file():
        try:
            stored = json.loads((case_dir / CASE_FILE).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{case_dir / CASE_FILE}: damaged; run `footprint device check` again") from exc
        return Path(str(stored["path"]))
    return None
