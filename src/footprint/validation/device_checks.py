"""AC-11: the phone check against the built-in indicator snapshot, on a synthetic Android app list.

The packages are picked from the loaded snapshot at run time by their type (no real package name is
kept in Footprint's code), written into a ``pm list packages -f -i -U`` listing with two made-up apps,
added to a scratch case and checked through ``check_exhibits``, the path ``footprint device check`` takes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from footprint.case import Case
from footprint.device.case_check import NOTHING_MATCHED, check_exhibits, nothing_matched
from footprint.device.indicators import IndicatorIndex
from footprint.device.settings_file import load
from footprint.ingest._device import check_device_input
from footprint.model import Finding
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.validation.criteria import Outcome, outcome
from footprint.validation.formats import PRODUCER

ORDINARY = ("com.example.notes", "com.example.weather")
LISTING_PARSER = "device_pm_list"
_PACKAGE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


def listed_package(index: IndicatorIndex, kind: str) -> str | None:
    """The first package (sorted) the index lists only as ``kind`` for Android, or ``None``."""
    for package in sorted(index.packages):
        hits = index.packages[package]
        if (
            _PACKAGE.fullmatch(package)
            and package not in index.allow_packages
            and {h.type for h in hits} == {kind}
            and all(h.platform != "ios" for h in hits)
        ):
            return package
    return None


def write_pm_list(path: Path, packages: list[str]) -> None:
    """An ``adb shell pm list packages -f -i -U`` listing of ``packages``, each from the Play store."""
    lines = [
        f"package:/data/app/~~AbC==/{p}-XyZ==/base.apk={p}  installer=com.android.vending uid:{10100 + n}\n"
        for n, p in enumerate(packages)
    ]
    path.write_text("".join(lines), encoding="utf-8")


def _add(case: Case, path: Path) -> str:
    """Add ``path`` as `device check` does: refused first unless it is a phone input."""
    check_device_input(path, None)
    added = add_exhibit(case, path, AddOptions(producer=PRODUCER, notes="device check input"))
    return added.ref


def _shown(finding: Finding) -> dict[str, Any]:
    keys = ("package", "kind", "strength", "app", "matched_by", "indicator_source")
    return {k: finding.details.get(k) for k in keys}


def check_phone(folder: Path, settings: Settings) -> Outcome:
    """AC-11: a listed stalkerware package is a strong finding naming the app and its source; a monitoring
    (watchware or dual-use) app is not strong; ordinary apps give nothing, and nothing matched says so."""
    index = load(None)
    stalkerware = listed_package(index, "stalkerware")
    monitoring = listed_package(index, "watchware") or listed_package(index, "dual-use")
    evidence: dict[str, Any] = {
        "indicator_snapshot": index.snapshot,
        "indicators": index.label(),
        "attribution": list(index.attributions),
        "stalkerware_package": stalkerware,
        "monitoring_package": monitoring,
        "ordinary_packages": list(ORDINARY),
    }
    if stalkerware is None or monitoring is None:
        missing = "stalkerware" if stalkerware is None else "watchware or dual-use"
        return outcome(
            "AC-11",
            evidence,
            [f"the indicator snapshot lists no Android {missing} package; the phone check was not exercised"],
        )
    folder.mkdir(parents=True)
    case = Case.init(folder / "case", name="Validation: phone check", tz="Europe/London", settings=settings)
    try:
        mixed, plain = folder / "phone-packages.txt", folder / "other-phone-packages.txt"
        write_pm_list(mixed, [stalkerware, monitoring, *ORDINARY])
        write_pm_list(plain, list(ORDINARY)[::-1])
        refs = [_add(case, mixed), _add(case, plain)]
        parsers = sorted({e.parser for e in case.store.exhibits()})
        found = check_exhibits(case, index, None, refs[:1]).findings
        alone = check_exhibits(case, index, None, refs[1:])
        checked = [{"input": plain.name, "exhibit": refs[1], "parser": LISTING_PARSER}]
        result = None if alone.findings else str(nothing_matched(checked, alone.outcome, index)["result"])
    finally:
        case.close()
    evidence |= {
        "parsers": parsers,
        "findings": [_shown(f) for f in found],
        "ordinary_alone": result or [_shown(f) for f in alone.findings],
    }
    return outcome("AC-11", evidence, _problems(index, found, stalkerware, monitoring, result, parsers))


def _problems(
    index: IndicatorIndex,
    found: list[Finding],
    stalkerware: str,
    monitoring: str,
    alone: str | None,
    parsers: list[str],
) -> list[str]:
    problems: list[str] = []
    if parsers != [LISTING_PARSER]:
        problems.append(f"the app lists were read by {parsers}, not {LISTING_PARSER}")
    hits = index.packages[stalkerware]
    named = {(h.app, h.source) for h in hits}
    strong = [
        f
        for f in found
        if f.details.get("package") == stalkerware
        and f.details.get("strength") == "strong"
        and (f.details.get("app"), f.details.get("indicator_source")) in named
    ]
    if not strong:
        problems.append(
            f"the stalkerware package {stalkerware} gave no strong finding naming its app and source"
        )
    other = [f.details.get("strength") for f in found if f.details.get("package") == monitoring]
    if not other or "strong" in other:
        problems.append(
            f"the monitoring package {monitoring} gave {other or 'no finding'}, not a finding below strong"
        )
    ordinary = sorted({p for f in found if (p := f.details.get("package")) in ORDINARY})
    if ordinary:
        problems.append(f"ordinary apps gave findings: {ordinary}")
    if alone != NOTHING_MATCHED:
        problems.append(f"a list of ordinary apps alone did not give the result {NOTHING_MATCHED!r}")
    unrecorded = [
        f.id
        for f in found
        if f.details.get("indicator_snapshot") != index.snapshot
        or f.details.get("attribution") != list(index.attributions)
        or not index.attributions
    ]
    if unrecorded:
        problems.append(
            f"findings {unrecorded} do not record the snapshot hash {index.snapshot} and its attribution"
        )
    return problems
