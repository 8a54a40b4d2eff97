"""The method and integrity appendix: rule snapshot hashes, measured error rates, limitations."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable

from footprint.model import AnalysisRun, Finding
from footprint.times import parse_iso_utc, uk_display


@dataclass(frozen=True)
class RuleSnapshot:
    """One rule-data folder shipped with the tool and the SHA-256 over its files."""

    topic: str
    files: int
    sha256: str


@dataclass(frozen=True)
class ErrorRate:
    """Measured error rates of one analyser, or a statement that they are not yet measured."""

    analyser: str
    figures: tuple[tuple[str, str], ...]
    source: str
    later: str = ""  # why the figures still apply to later versions of the analyser (``later_versions``)
    later_to: int = 0  # the last version that reason covers (``later_versions_to``)


@dataclass(frozen=True)
class ValidationRun:
    """A local validation pack (`footprint validate`) supplied with the report, checked against this code."""

    pack_id: str
    finished_utc: str
    result: str  # "pass" or "fail"
    passed: int
    failed: int
    machine: str  # as the pack records it: the operating system and CPU count


NO_VALIDATION = (
    "No local validation run was supplied with this report. To make one, run `footprint validate OUT_DIR`"
    " on this computer with this installation and pass `--validation OUT_DIR/validation-report.json` to"
    " `footprint report`; docs/validation/ describes the checks and their limits."
)


def validation_statement(run: ValidationRun | None) -> str:
    """What the method appendix says about local validation of the installed version."""
    if run is None:
        return NO_VALIDATION
    outcome = (
        f"all {run.passed} acceptance criteria passed"
        if run.result == "pass"
        else f"FAILED: {run.failed} of {run.passed + run.failed} acceptance criteria failed"
    )
    return (
        f"Validation pack {run.pack_id}, supplied with this report: made on {run.machine}, finished"
        f" {uk_display(run.finished_utc)}: {outcome}. Its pinned versions match the code that wrote this"
        " report. The pack is not signed: its ID shows it is whole, not who ran it or where."
    )


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        name = f"{prefix}{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                found.extend(_walk(child, name + "/"))
        elif not child.name.endswith((".pyc", ".pyo")):
            found.append((name, child))
    return found


def _rules_root() -> Traversable | None:
    try:
        root = resources.files("footprint") / "rules"
    except ModuleNotFoundError:  # pragma: no cover - the package is always importable
        return None
    return root if root.is_dir() else None


def rule_files() -> list[tuple[str, Traversable]]:
    """Every rule-data and model file shipped with the tool, by its path under ``rules/``, sorted."""
    root = _rules_root()
    return [] if root is None else _walk(root)


def rule_snapshots() -> tuple[RuleSnapshot, ...]:
    """SHA-256 per rule topic over (path, file hash) pairs, sorted, so any change shows."""
    topics: dict[str, list[tuple[str, str]]] = {}
    for name, node in rule_files():
        topic = name.split("/", 1)[0] if "/" in name else "(top level)"
        topics.setdefault(topic, []).append((name, hashlib.sha256(node.read_bytes()).hexdigest()))
    return tuple(
        RuleSnapshot(topic, len(files), hashlib.sha256(json.dumps(sorted(files)).encode()).hexdigest())
        for topic, files in sorted(topics.items())
    )


def _read_metrics(name: str, node: Traversable) -> tuple[str, int, ErrorRate]:
    """One shipped ``metrics.json``: the analyser, the version measured and its figures, in order."""
    data = json.loads(node.read_text(encoding="utf-8"))
    figures = tuple((str(label), str(value)) for label, value in data["figures"])
    source = f"{data['source']} (rules/{name})"
    analyser = str(data["analyser"])
    later, later_to = str(data.get("later_versions", "")), int(data.get("later_versions_to", 0))
    return analyser, int(data["analyser_version"]), ErrorRate(analyser, figures, source, later, later_to)


def shipped_metrics() -> dict[str, tuple[int, ErrorRate]]:
    """Every ``rules/<topic>/metrics.json`` shipped with the tool, by analyser name."""
    found: dict[str, tuple[int, ErrorRate]] = {}
    for name, node in rule_files():
        if name.endswith("metrics.json"):
            analyser, version, rate = _read_metrics(name, node)
            found[analyser] = (version, rate)
    return found


def error_rates(runs: list[AnalysisRun]) -> tuple[ErrorRate, ...]:
    """Measured error rates of each analyser run on this case; "not yet measured" where none are shipped.

    Figures measured on another version of the analyser than the case's run say so first.
    """
    latest = {r.analyser: r.version for r in sorted(runs, key=lambda r: r.id)}
    measured = shipped_metrics()
    out = []
    for name in sorted(latest):
        if name not in measured:
            out.append(ErrorRate(name, (("error rates", "not yet measured"),), "no metrics file shipped"))
            continue
        version, rate = measured[name]
        if version != latest[name]:
            ran = latest[name]
            said = f"measured on version {version}; this case was analysed with version {ran}"
            if rate.later and version < ran <= rate.later_to:
                said += f" ({rate.later})"
            rate = replace(rate, figures=(("note", said), *rate.figures))
        out.append(rate)
    return tuple(out)


def models_and_rules(findings: list[Finding]) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """Model ids used, and how often each rule id fired, across the findings."""
    models = sorted({f.model_id for f in findings if f.model_id})
    counts: dict[str, int] = {}
    for f in findings:
        for r in f.rule_ids:
            counts[r] = counts.get(r, 0) + 1
    return tuple(models), tuple(sorted(counts.items()))


def run_times(run: AnalysisRun) -> str:
    """When an analyser run started and finished (its findings stored), in UK time as every time the report
    shows, and how long it took: "01/05/2024 11:00:00 BST (+01:00) to 01/05/2024 11:03:05 BST (+01:00),
    3 min 5.2 s"."""
    if not run.finished_utc:
        return f"{uk_display(run.started_utc)}, no finish recorded"
    took = (parse_iso_utc(run.finished_utc) - parse_iso_utc(run.started_utc)).total_seconds()
    minutes, seconds = divmod(took, 60)
    length = f"{int(minutes)} min {seconds:.1f} s" if minutes else f"{seconds:.1f} s"
    return f"{uk_display(run.started_utc)} to {uk_display(run.finished_utc)}, {length}"


def limitations(
    runs: list[AnalysisRun],
    untimed: int,
    zoned: list[str],
    gaps: Sequence[str] = (),
    unread: Sequence[str] = (),
) -> tuple[str, ...]:
    """What a reader must know before relying on the report; ``zoned`` the refs of the exhibits whose times
    without a zone were read in a zone given or assumed (the ``zone`` in their settings); ``gaps`` what
    ``analysis_gaps`` says (first: the latest analysis unfinished, exhibits added after a run); ``unread``
    the exhibits listed that an analyser's latest run did not read."""
    out = [f"{gap[0].upper()}{gap[1:]}." for gap in gaps]
    examined = (
        f"Only the exhibits listed were examined, and {_refs(unread)} not by every analyser (said above)"
        if unread
        else "Only the exhibits listed were examined"
    )
    out += [
        "Findings, account links and offence assessments are opinions produced by software; none is"
        " evidence of an offence until a person has reviewed it, and reviewers' decisions are shown.",
        "Detection can miss abuse expressed in ways its rules and model have not seen (coded language,"
        " images, other languages) and can flag text that is not abusive; absence of a finding is not"
        " evidence that no abuse took place.",
        f"{examined}; messages deleted before export are absent unless the export marks them.",
    ]
    if zoned:
        out.append(
            f"Times written without a time zone in {_refs(zoned)} were read in the zone stated for each"
            " exhibit under Exhibit hashes; a different zone would move them."
        )
    if untimed:
        out.append(f"{untimed} item(s) carry no time; they are listed at the end of the chronology.")
    out += [
        f"Analyser {r.analyser} v{r.version} did not complete ({r.status})"
        + (f": {r.error.splitlines()[0]}" if r.error else "")
        + "; its sections say so."
        for r in runs
        if r.status != "ok"
    ]
    out += [
        f"Analyser {r.analyser} v{r.version}: {said}."
        for r in runs
        if r.status == "ok" and r.error
        for said in r.error.splitlines()
    ]
    return tuple(out)


def _refs(refs: Sequence[str]) -> str:
    """``JD/1``, ``JD/1 and JD/2``, ``JD/1, JD/2 and JD/3``."""
    return ", ".join(refs[:-1]) + " and " + refs[-1] if len(refs) > 1 else refs[0]
