"""Run every acceptance check and write the validation pack: ``validation-report.json`` and ``.html``."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from footprint import TOOL_NAME
from footprint.case import Case
from footprint.code_identity import tool_version
from footprint.errors import InputError
from footprint.settings import Settings
from footprint.times import now_utc, uk_display
from footprint.validation import demo_checks, device_checks, formats, integrity_checks
from footprint.validation.criteria import Outcome, outcome
from footprint.validation.environment import machine, pinned_versions
from footprint.validation.manifest import FORMAT, HTML_NAME, JSON_NAME, pack_id


def _guarded(ids: tuple[str, ...], check: Callable[[], list[Outcome]]) -> list[Outcome]:
    """The check's outcomes; if it cannot run at all, each of its criteria fails, naming the error."""
    try:
        return check()
    except Exception as exc:  # a crash is a failed criterion with its evidence, never a lost pack
        error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return [outcome(i, {"error": error}, [f"the check could not run ({error})"]) for i in ids]


def _formats(work: Path, settings: Settings) -> list[Outcome]:
    case = Case.init(work / "case", name="Validation: formats", tz="Europe/London", settings=settings)
    inputs = work / "inputs"
    inputs.mkdir()
    try:
        return [
            *formats.check_exports(case, inputs),
            formats.check_zones(case, inputs),
            formats.check_no_drops(case, inputs),
        ]
    finally:
        case.close()


def _demo(work: Path, settings: Settings) -> list[Outcome]:
    first = demo_checks.build(work / "demo-1", settings)
    second = demo_checks.build_elsewhere(work / "demo-2", settings)
    try:
        outcomes = [check(first) for check in demo_checks.DEMO_CHECKS]
        return [*outcomes, demo_checks.check_determinism(first, second)]
    finally:
        first.case.close()
        second.case.close()


def run_checks(work: Path, settings: Settings, progress: Callable[[str], None]) -> list[Outcome]:
    """Every acceptance check, in order, on scratch cases under ``work``."""
    progress("synthetic exports in every format (AC-01 to AC-03)")
    outcomes = _guarded(("AC-01", "AC-02", "AC-03"), lambda: _formats(work / "formats", settings))
    progress("the demo case, built twice, against its answer key (AC-04 to AC-08)")
    outcomes += _guarded(("AC-04", "AC-05", "AC-06", "AC-07", "AC-08"), lambda: _demo(work, settings))
    progress("tampering and failed adds (AC-09, AC-10)")
    outcomes += _guarded(("AC-09",), lambda: [integrity_checks.check_verify(work / "verify", settings)])
    outcomes += _guarded(
        ("AC-10",), lambda: [integrity_checks.check_failed_add(work / "failed-add", settings)]
    )
    progress("the phone check against the built-in indicators (AC-11)")
    outcomes += _guarded(("AC-11",), lambda: [device_checks.check_phone(work / "phone", settings)])
    return outcomes


def validate(
    out_dir: Path, settings: Settings, progress: Callable[[str], None] = lambda _: None
) -> dict[str, Any]:
    """Run the checks, write the pack into ``out_dir`` and return its document."""
    if (out_dir / JSON_NAME).exists():
        raise InputError(f"{out_dir / JSON_NAME}: a validation pack is already there; choose another folder")
    started = now_utc()
    scratch = Settings(actor=settings.actor or "validation", role="investigator", database_url=None)
    with tempfile.TemporaryDirectory(prefix="footprint-validation-") as work:
        outcomes = run_checks(Path(work), scratch, progress)
    document: dict[str, Any] = {
        "format": FORMAT,
        "tool": TOOL_NAME,
        "tool_version": tool_version(),
        "started_utc": started,
        "finished_utc": now_utc(),
        "machine": machine(),
        "versions": pinned_versions(),
        "result": "pass" if all(o.passed for o in outcomes) else "fail",
        "passed": sum(o.passed for o in outcomes),
        "failed": sum(not o.passed for o in outcomes),
        "criteria": [{**asdict(o), "requirement": o.requirement} for o in outcomes],
    }
    document["pack_id"] = pack_id(json.loads(json.dumps(document)))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / JSON_NAME).write_text(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out_dir / HTML_NAME).write_text(render_html(document), encoding="utf-8")
    return document


def render_html(document: dict[str, Any]) -> str:
    """The pack as one readable, self-contained HTML page (every value escaped)."""
    env = Environment(
        loader=PackageLoader("footprint.validation", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    env.filters["uk"] = uk_display
    env.filters["pretty"] = lambda value: json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True)
    return env.get_template("validation-report.html.j2").render(d=document)


def failures(document: dict[str, Any]) -> list[str]:
    """One line per failure: the criterion and what failed."""
    return [f"{c['id']}: {line}" for c in document["criteria"] for line in c["failures"]]
