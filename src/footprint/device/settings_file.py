"""Which indicators a case uses: ``--indicators``, ``FOOTPRINT_INDICATORS``, the case's record, else built-in.

``<case>/device-indicators.json`` remembers what `device check` used (a folder's path, or the built-in
snapshot) and its snapshot hash, so `analyse` repeats the check with the same data (the record wins over
``FOOTPRINT_INDICATORS``) and refuses, rather than silently changing findings, when that data changed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from footprint.device.indicators import IndicatorIndex, load_indicators
from footprint.device.snapshot_file import load_snapshot
from footprint.errors import InputError

CASE_FILE = "device-indicators.json"
ENV = "FOOTPRINT_INDICATORS"


@dataclass(frozen=True)
class Recorded:
    """What a case's last device check used: a folder (``path``), or the built-in snapshot (``None``)."""

    path: Path | None
    snapshot: str
    label: str
    commits: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()  # empty in records made before 2026-11-29


def record(case_dir: Path, index: IndicatorIndex, path: Path | None) -> None:
    """Remember the indicators used for this case: the folder or the built-in snapshot (no data copied)."""
    entry = {
        "path": str(path.resolve()) if path is not None else None,
        "builtin": index.builtin is not None,
        "snapshot": index.snapshot,
        "indicators": index.label(),
        "commits": list(index.commits()),
        "attribution": list(index.attributions),
    }
    (case_dir / CASE_FILE).write_text(json.dumps(entry, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def recorded(case_dir: Path) -> Recorded | None:
    """The case's record of its last device check, if any."""
    file = case_dir / CASE_FILE
    if not file.is_file():
        return None
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
        path = None if stored.get("builtin") else Path(str(stored["path"]))
        label = stored.get("indicators") or f"the indicator files in {path}"  # records before 2026-11
        return Recorded(
            path,
            str(stored["snapshot"]),
            str(label),
            tuple(str(c) for c in stored.get("commits") or ()),
            tuple(str(a) for a in stored.get("attribution") or ()),
        )
    except (json.JSONDecodeError, KeyError, AttributeError) as exc:
        raise InputError(f"{file}: damaged; run `footprint device check` again") from exc


def given_path(given: Path | None) -> Path | None:
    """The folder named by ``--indicators``, else by ``FOOTPRINT_INDICATORS``; ``None`` if neither."""
    if given is not None:
        return given
    return Path(os.environ[ENV]) if os.environ.get(ENV) else None


def load(path: Path | None) -> IndicatorIndex:
    """The indicators in the folder ``path``, or the built-in snapshot when ``path`` is ``None``."""
    return load_indicators(path) if path is not None else load_snapshot()


def for_check(case_dir: Path, given: Path | None) -> tuple[IndicatorIndex, Path | None]:
    """The indicators a `device check` uses: given, else the environment, the case's record, or built-in."""
    path = given_path(given)
    if path is None and (last := recorded(case_dir)) is not None:
        path = last.path
    return load(path), path


def for_analyse(case_dir: Path, *, earlier_without_indicators: bool = False) -> IndicatorIndex:
    """The indicators `analyse` repeats the check with; refused when they differ from the recorded ones,
    or when the case's device findings were made with none (``earlier_without_indicators``)."""
    last = recorded(case_dir)
    path = last.path if last is not None else given_path(None)
    index = load(path)
    if last is None and earlier_without_indicators:
        raise InputError(
            f"{case_dir}: the device findings of this case were made with no indicators (Footprint's own"
            f" checks only), and the indicators now in use ({index.label()}) could change them; they are"
            " kept as they were. To check every device exhibit with these indicators, run"
            f" `footprint device check {case_dir}` (no inputs)"
        )
    if last is None:
        record(case_dir, index, path)
    elif last.snapshot != index.snapshot:
        raise InputError(
            f"{case_dir / CASE_FILE}: this case was checked with {last.label} (snapshot {last.snapshot}),"
            f" but the indicators now in use are {index.label()} (snapshot {index.snapshot}), which could"
            " change its device findings; they are kept as they were. To check every device exhibit"
            f" again with the indicators now in use, run `footprint device check {case_dir}` (no inputs);"
            " to keep the recorded ones, use them again (restore the folder's files, or use the Footprint"
            " version that shipped that built-in snapshot)"
        )
    return index
