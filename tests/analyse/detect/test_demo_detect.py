"""The demo case's detect findings against the answer key written with the story (synth/script.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.demo import build_demo
from footprint.settings import Settings

# measured 2026-11-28: precision 0.94, recall 0.97 over (item, label) pairs (the one miss is a photo
# with no text); the floors leave a little room
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.90


@pytest.mark.slow
def test_demo_findings_match_the_answer_key(tmp_path: Path, settings: Settings) -> None:
    result = build_demo(tmp_path / "demo", settings)
    from footprint.case import Case

    case = Case.open(result.case_dir, settings)
    key = json.loads((result.inputs / "answer-key.json").read_text(encoding="utf-8"))
    files = {e.ref: e.file_name for e in case.store.exhibits()}
    items = {i.id: (files[i.exhibit], i.locator) for i in case.store.iter_items()}
    got = {
        (*items[f.item_id], f.category) for f in case.store.findings() if f.analyser == "detect" and f.item_id
    }
    want = {(row["file"], row["locator"], label) for row in key["items"] for label in row["labels"]}
    tp = len(got & want)
    precision = tp / len(got)
    recall = tp / len(want)
    report = f"precision {precision:.2f}, recall {recall:.2f}; missed {sorted(want - got)}; extra {sorted(got - want)}"
    assert precision >= PRECISION_FLOOR, report
    assert recall >= RECALL_FLOOR, report
    # the two threats the story turns on are found exactly
    assert ("jane-phone-sms.csv", "line 6", "threat_violence") in got
    assert ("WhatsApp Chat with John Smith.txt", "line 14", "threat_to_kill") in got
