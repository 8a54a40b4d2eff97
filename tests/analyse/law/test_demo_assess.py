"""On the synthetic demo case, `assess` names the offences the answer key expects (slow: builds the demo)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from footprint.analyse.base import FindingDraft
from footprint.analyse.law.assess import assess_case
from footprint.case import Case
from footprint.demo import build_demo
from footprint.parties import attribute_account
from footprint.review import decide
from footprint.settings import Settings
from footprint.synth import script
from tests.conftest import store_findings


def _inject_answer_key(case: Case, key: dict[str, object]) -> int:
    """Add the answer key's labels the detector did not find, as reviewer-confirmed findings."""
    refs = {e.file_name: e.ref for e in case.store.exhibits()}
    ids = {(i.exhibit, i.locator): i.id for i in case.store.iter_items()}
    have = {(f.item_id, f.category) for f in case.store.findings() if f.decision != "dismissed"}
    drafts = []
    for entry in key["items"]:  # type: ignore[attr-defined]
        item_id = ids.get((refs[entry["file"]], entry["locator"]))
        for label in entry["labels"]:
            if item_id is not None and (item_id, label) not in have:
                drafts.append(FindingDraft(item_id, label, 1.0, f"answer key: {label}"))
    if drafts:
        store_findings(case, "answer_key", drafts, settings_hash="answer-key")
        for f in case.store.findings():
            if f.analyser == "answer_key":
                decide(case, f.id, "confirm", "label from the demo's answer key")
    return len(drafts)


@pytest.mark.slow
def test_demo_names_the_expected_offences(tmp_path: Path, settings: Settings) -> None:
    demo = build_demo(tmp_path / "demo", settings)
    case = Case.open(demo.case_dir, settings)
    key = json.loads((demo.inputs / "answer-key.json").read_text(encoding="utf-8"))
    attributed = {a.key: a.person for a in case.store.accounts()}
    for account in key["suspect_accounts"]:
        if account in attributed and attributed[account] is None:
            attribute_account(case, account, script.JOHN, "the answer key's attribution")
    _inject_answer_key(case, key)

    result = assess_case(case, date(2024, 6, 1))
    [pair] = result["assessments"]
    assert (pair["suspect"], pair["complainant"]) == (script.JOHN, script.JANE)
    named = {f"{o['statute']} {o['section']}": o for o in pair["offences"]}
    missing = [label for label in key["expected_offences"] if label not in named]
    assert missing == []
    # Each named offence rests on items: the core elements point at exhibits and locators.
    for label in key["expected_offences"]:
        core = [e for e in named[label]["elements"] if e["core"]]
        assert all(e["items"] or e.get("orders") for e in core), label
    threat = next(
        e
        for e in named["Offences against the Person Act 1861 s.16"]["elements"]
        if e["id"] == "threat_to_kill"
    )
    assert ("JD/1", "line 14") in {(i["exhibit"], i["locator"]) for i in threat["items"]}
    # The order made on 24 February 2024 is breached by his messages to Sarah about Jane the next day.
    breached = {(b["exhibit"], b["locator"]) for b in result["breaches"]}
    assert ("SJ/1", "line 2") in breached
    assert ("JD/2", "line 4") in breached  # the burner, once attributed to him
    assert result["statement"].startswith("This is not a finding of guilt.")
