"""The JSONL exports name what produced each line, as `items --json` and `findings --json` do."""

from __future__ import annotations

import json

from footprint.case import Case
from footprint.code_identity import tool_version
from footprint.ingest import parsers
from footprint.report import build_report
from footprint.report.export import items_jsonl, timeline_jsonl
from footprint.serialise import finding_json, item_json


def test_items_jsonl_names_the_parser_tool_and_each_findings_rules(report_case: Case) -> None:
    # items.jsonl had no parser per item, no tool version, and findings without rule ids, model id,
    # explanation or analyser version (unlike `items --json` / `findings --json`).
    model = build_report(report_case)
    lines = [json.loads(line) for line in items_jsonl(model)]
    kill = next(x for x in lines if x["text"].startswith("I will kill you"))
    assert (kill["parser"], kill["parser_version"]) == ("whatsapp", parsers.get("whatsapp").version)
    assert (kill["tool"], kill["tool_version"]) == ("footprint", tool_version())
    by_category = {f["category"]: f for f in kill["findings"]}
    assert by_category["threat_to_kill"] == {
        "id": by_category["threat_to_kill"]["id"],
        "item_id": kill["id"],
        "exhibit": "JD/1",
        "locator": kill["locator"],
        "category": "threat_to_kill",
        "score": 0.93,
        "spans": [[0, 15]],
        "rule_ids": [],
        "model_id": "detect-lr-1",
        "analyser": "detect",
        "analyser_version": 4,
        "explanation": "Explicit threat to kill.",
        "decision": None,
        "noted": False,
        "decided_on": None,
        "earlier_decision": None,
    }
    assert by_category["blackmail"]["rule_ids"] == ["blackmail.if"]
    assert by_category["blackmail"]["decision"] == "dismissed"


def test_items_jsonl_is_the_items_json_shape_plus_the_reports_fields(report_case: Case) -> None:
    model = build_report(report_case)
    row = model.chronology[0]
    [line] = [json.loads(x) for x in items_jsonl(model) if json.loads(x)["id"] == row.item.id]
    expected = json.loads(json.dumps(item_json(row.item, ("whatsapp", parsers.get("whatsapp").version))))
    assert {k: line[k] for k in expected} == expected
    assert set(line) - set(expected) == {"sha256", "sent_at_uk", "tool", "tool_version", "findings"}
    assert line["findings"] == [json.loads(json.dumps(finding_json(f))) for f in row.findings]


def test_timeline_jsonl_names_the_parser_tool_and_findings(report_case: Case) -> None:
    model = build_report(report_case)
    lines = [json.loads(line) for line in timeline_jsonl(model)]
    kill = next(e for e in lines if "I will kill you" in e["message"])
    assert (kill["parser"], kill["parser_version"]) == ("whatsapp", parsers.get("whatsapp").version)
    assert (kill["tool"], kill["tool_version"]) == ("footprint", tool_version())
    assert sorted(
        (f["category"], f["analyser"], f["analyser_version"], f["model_id"], f["rule_ids"], f["explanation"])
        for f in kill["findings"]
    ) == [  # fmt: skip
        ("blackmail", "detect", 4, None, ["blackmail.if"], "Threat tied to a demand."),
        ("threat_to_kill", "detect", 4, "detect-lr-1", [], "Explicit threat to kill."),
    ]
