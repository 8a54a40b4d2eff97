"""AC-04 to AC-08: the demo case (R v Smith) built twice, measured against its answer key.

The second build runs as ``footprint demo`` in a new Python process with another hash seed, so AC-08
also shows that no output depends on the order in which Python happens to keep a set of strings.

The demo is the tool's own synthetic case: it shows that every stage works end to end on known
inputs. It is not an evaluation of detection on real abuse (``docs/evaluation.md`` has those figures).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from footprint.analyse.detect.taxonomy import CATEGORIES
from footprint.analyse.law.assess import assess_case
from footprint.analyse.link.analyser import FINDING_FROM
from footprint.analyse.link.review import clusters
from footprint.case import Case
from footprint.demo import build_demo
from footprint.errors import FootprintError
from footprint.model import Item
from footprint.report.method import run_times
from footprint.settings import Settings
from footprint.store.item_rows import raw_sha256
from footprint.times import parse_iso_utc, today, uk_display
from footprint.validation.criteria import MIN_PRECISION, MIN_RECALL, Outcome, outcome

DETECTOR = "detect"


@dataclass
class DemoRun:
    """One build of the demo: its case (open) and its answer key."""

    case: Case
    key: dict[str, Any]


def _opened(case_dir: Path, inputs: Path, settings: Settings) -> DemoRun:
    key = json.loads((inputs / "answer-key.json").read_text(encoding="utf-8"))
    return DemoRun(Case.open(case_dir, settings), key)


def build(folder: Path, settings: Settings) -> DemoRun:
    """Build, analyse and report the demo case under ``folder``, as `footprint demo` does."""
    result = build_demo(folder, settings)
    return _opened(result.case_dir, result.inputs, settings)


def other_hash_seed() -> int:
    """A hash seed other than this process's own (if it was fixed), for the second build."""
    return 2 if os.environ.get("PYTHONHASHSEED") == "1" else 1


def build_elsewhere(folder: Path, settings: Settings) -> DemoRun:
    """The demo built by ``footprint demo --out folder`` in a new Python process with another hash seed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTPRINT_")}
    env |= {"PYTHONHASHSEED": str(other_hash_seed()), "FOOTPRINT_ACTOR": settings.actor}
    env["FOOTPRINT_ROLE"] = settings.role
    command = [sys.executable, "-m", "footprint", "demo", "--out", str(folder)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise FootprintError(f"the second build of the demo (a new process) exited {done.returncode}: {last}")
    return _opened(folder / "case", folder / "inputs", settings)


def _author_matches(item: Item, author: str | None) -> bool:
    if author is None:
        return item.author is None
    return item.author_name == author or (item.author or "").split(":", 1)[-1] == author.replace(" ", "")


def check_records(run: DemoRun) -> Outcome:
    """AC-04: every answer-key item stored at its exhibit and locator, with its sender, time and text."""
    case, key = run.case, run.key
    refs = {e.file_name: e.ref for e in case.store.exhibits()}
    stored = {(i.exhibit, i.locator): i for i in case.store.iter_items()}
    local = ZoneInfo(key["zone"])
    problems: list[str] = []
    for entry in key["items"]:
        place = (refs.get(entry["file"], "?"), entry["locator"])
        item = stored.pop(place, None)
        where = f"{entry['file']} {entry['locator']}"
        if item is None:
            problems.append(f"{where}: not stored")
            continue
        attached = [a.name for a in item.attachments]
        if attached != entry.get("attachments", []):
            problems.append(f"{where}: attachments {attached}, answer key {entry.get('attachments', [])}")
        elif item.text != entry["text"] and not (attached and not entry["text"]):  # a file alone: its name
            problems.append(f"{where}: text {item.text[:60]!r}, answer key {entry['text'][:60]!r}")
        if not _author_matches(item, entry["author"]):
            problems.append(f"{where}: sender {item.author}, answer key {entry['author']}")
        shown = (
            parse_iso_utc(item.sent_at_utc).astimezone(local).replace(tzinfo=None).isoformat()
            if (item.sent_at_utc)
            else None
        )
        if shown != entry["sent_at_local"]:
            problems.append(f"{where}: UK time {shown}, answer key {entry['sent_at_local']}")
    incidents = [i for i in stored.values() if i.kind == "incident"]
    if len(incidents) != key["incidents"]:
        problems.append(f"{len(incidents)} offline incident(s) stored, answer key {key['incidents']}")
    extra = sorted(f"{e} {loc}" for (e, loc), i in stored.items() if i.kind != "incident")
    problems += [f"{place}: stored but not in the answer key" for place in extra]
    warnings = case.store.warnings()
    problems += [f"{w.exhibit} {w.locator}: unexpected warning: {w.message}" for w in warnings]
    first = next(iter(case.store.iter_items(chronological=True)))
    evidence = {
        "answer_key_items": len(key["items"]),
        "incidents": len(incidents),
        "warnings": len(warnings),
        "first_item_uk": uk_display(first.sent_at_utc),
    }
    return outcome("AC-04", evidence, problems)


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def check_findings(run: DemoRun) -> Outcome:
    """AC-05: the detector's findings against the answer key's labels, per category and overall."""
    case, key = run.case, run.key
    refs = {e.file_name: e.ref for e in case.store.exhibits()}
    truth = {(refs.get(e["file"], "?"), e["locator"], label) for e in key["items"] for label in e["labels"]}
    found = {
        (f.exhibit or "", f.locator or "", f.category)
        for f in case.store.findings()
        if f.analyser == DETECTOR and f.category in CATEGORIES  # not what may undermine: no detection label
    }
    per_category = {}
    for category in CATEGORIES:
        want = {t for t in truth if t[2] == category}
        got = {f for f in found if f[2] == category}
        per_category[category] = {
            "expected": len(want), "found": len(got), "correct": len(want & got),
            "precision": _ratio(len(want & got), len(got)), "recall": _ratio(len(want & got), len(want)),
            "missed": sorted(f"{e} {loc}" for e, loc, _ in want - got),
            "false": sorted(f"{e} {loc}" for e, loc, _ in got - want),
        }  # fmt: skip
    correct = len(truth & found)
    precision, recall = _ratio(correct, len(found)), _ratio(correct, len(truth))
    problems = []
    if precision is None or precision < MIN_PRECISION:
        problems.append(f"detection precision {precision} on the demo, below {MIN_PRECISION}")
    if recall is None or recall < MIN_RECALL:
        problems.append(f"detection recall {recall} on the demo, below {MIN_RECALL}")
    evidence = {
        "labels": len(truth),
        "findings": len(found),
        "correct": correct,
        "precision": precision,
        "recall": recall,
        "per_category": per_category,
    }
    return outcome("AC-05", evidence, problems)


def check_links(run: DemoRun) -> Outcome:
    """AC-06: the suspect's accounts are joined by links reported as findings; none of the complainant's
    accounts is joined to them. Joined at the finding threshold, not the candidate person's: the burner
    rests on one blocking episode, counted once (moderate support), and a person decides the rest."""
    case, key = run.case, run.key
    suspect = set(key["suspect_accounts"])
    complainant = {a.key for a in case.store.accounts() if a.person == key["complainant"]}
    found = [{"person": c.person, "accounts": sorted(c.accounts)} for c in clusters(case, FINDING_FROM)]
    holding = [c for c in found if suspect & set(c["accounts"])]
    problems = []
    if len(holding) != 1 or not suspect <= set(holding[0]["accounts"]):
        problems.append(
            f"the suspect's accounts {sorted(suspect)} are spread over {len(holding)} groups of accounts"
            f" joined by links reported as findings (log10 LR {FINDING_FROM:g} or more)"
        )
    for cluster in holding:
        mixed = sorted(complainant & set(cluster["accounts"]))
        if mixed:
            problems.append(f"the complainant's account(s) {mixed} are linked to the suspect's")
    return outcome("AC-06", {"clusters": found, "suspect_accounts": sorted(suspect)}, problems)


def check_offences(run: DemoRun) -> Outcome:
    """AC-07: every expected offence is named for the suspect against the complainant."""
    case, key = run.case, run.key
    result = assess_case(case, today(case.info.zone))
    named: list[str] = []
    for pair in result["assessments"]:
        if (pair["suspect"], pair["complainant"]) == (key["suspect"], key["complainant"]):
            named = [f"{o['statute']} {o['section']}" for o in pair["offences"]]
    expected = key["expected_offences"]
    missing = [o for o in expected if o not in named]
    evidence = {
        "expected": expected,
        "named": named,
        "also_named": [o for o in named if o not in expected],
        "recall": _ratio(len(expected) - len(missing), len(expected)),
        "precision": _ratio(len(expected) - len(missing), len(named)),
    }
    return outcome("AC-07", evidence, [f"expected offence not named: {o}" for o in missing])


def _masks(case: Case) -> list[str]:
    """What a report legitimately varies by between two runs: recorded wall-clock times (and how long each
    analyser run took, shown beside them) and audit hashes."""
    times = {e.at_utc for e in case.store.audit_entries()} | {e.received_utc for e in case.store.exhibits()}
    runs = case.store.runs()
    times |= {t for r in runs for t in (r.started_utc, r.finished_utc) if t}
    hashes = {e.hash for e in case.store.audit_entries()}
    shown = {uk_display(t) for t in times} | {t[:19] for t in times} | {run_times(r) for r in runs}
    return sorted(times | shown | hashes | {h[:16] for h in hashes}, key=len, reverse=True)


def _masked_sha256(data: bytes, masks: Iterable[str]) -> str:
    text = data.decode("utf-8", "surrogateescape")
    for mask in masks:
        text = text.replace(mask, "<recorded>")
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def fingerprint(case: Case) -> dict[str, Any]:
    """What must not change between two runs on the same inputs: items, findings and report files."""
    items = [f"{i.exhibit} {i.locator} {raw_sha256(i.raw)}" for i in case.store.iter_items()]
    findings = sorted(
        json.dumps([f.exhibit, f.locator, f.category, f.score, f.spans, f.rule_ids, f.model_id, f.analyser,
                    f.analyser_version, f.explanation], default=list)
        for f in case.store.findings()
    )  # fmt: skip
    masks = _masks(case)
    reports = {
        str(p.relative_to(case.reports_dir)): _masked_sha256(p.read_bytes(), masks)
        for p in sorted(case.reports_dir.rglob("*"))
        if p.is_file()
    }
    digest = hashlib.sha256
    return {
        "items": len(items),
        "items_sha256": digest("\n".join(items).encode()).hexdigest(),
        "findings": len(findings),
        "findings_sha256": digest("\n".join(findings).encode()).hexdigest(),
        "report_files_sha256": reports,
    }


def check_determinism(first: DemoRun, second: DemoRun) -> Outcome:
    """AC-08: two builds of the demo agree on every item hash, every finding and every report file (the
    second built in another process with another hash seed)."""
    a, b = fingerprint(first.case), fingerprint(second.case)
    problems = [
        f"{what} differ between two runs"
        for what in ("items_sha256", "findings_sha256")
        if a[what] != b[what]
    ]
    for name in sorted(set(a["report_files_sha256"]) | set(b["report_files_sha256"])):
        if a["report_files_sha256"].get(name) != b["report_files_sha256"].get(name):
            problems.append(f"reports/{name} differs between two runs")
    elsewhere = {**b, "process": f"a new Python process, PYTHONHASHSEED={other_hash_seed()}"}
    return outcome("AC-08", {"first": a, "second": elsewhere}, problems)


#: the checks made on one build of the demo, in order
DEMO_CHECKS = (check_records, check_findings, check_links, check_offences)
