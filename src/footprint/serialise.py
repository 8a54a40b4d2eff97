"""The stable JSON shapes of an item and a finding (DESIGN.md), for `items --json`, `findings --json`
and the report's JSONL exports alike."""

from __future__ import annotations

import dataclasses
from typing import Any

from footprint.model import Finding, Item


def item_json(item: Item, parser: tuple[str, int]) -> dict[str, Any]:
    """The stable JSON shape of an item, with the parser and version that read it."""
    return {
        "id": item.id,
        "exhibit": item.exhibit,
        "parser": parser[0],
        "parser_version": parser[1],
        "locator": item.locator,
        "kind": item.kind,
        "author": item.author,
        "author_name": item.author_name,
        "recipients": list(item.recipients),
        "conversation": item.conversation,
        "sent_at_raw": item.sent_at_raw,
        "sent_at_utc": item.sent_at_utc,
        "tz_source": item.tz_source,
        "tz_name": item.tz_name,
        "text": item.text,
        "raw": item.raw,
        "deleted": item.deleted,
        "edited": item.edited,
        "system": item.system,
        "not_sent": item.not_sent,
        "attachments": [{**dataclasses.asdict(a), "in_export": a.in_export} for a in item.attachments],
        "details": item.details,
    }


def finding_json(f: Finding) -> dict[str, Any]:
    """The stable JSON shape of a finding: what it says and what produced it (rules, model, analyser)."""
    return {
        "id": f.id,
        "item_id": f.item_id,
        "exhibit": f.exhibit,
        "locator": f.locator,
        "category": f.category,
        "score": round(f.score, 4),
        "spans": [list(s) for s in f.spans],
        "rule_ids": list(f.rule_ids),
        "model_id": f.model_id,
        "analyser": f.analyser,
        "analyser_version": f.analyser_version,
        "explanation": f.explanation,
        "decision": f.decision,
        "noted": f.noted,
        "decided_on": f.decided_on,
        "earlier_decision": _earlier(f),
    }


def _earlier(f: Finding) -> dict[str, Any] | None:
    """The earlier finding's decision beside ``f`` (``Finding.earlier_decision``); of a case-level one,
    the parties both are about and the items each rests on too (``Finding.earlier_case``)."""
    if f.earlier_decision is None:
        return None
    said: dict[str, Any] = {"finding": f.earlier_decision[0], "decision": f.earlier_decision[1]}
    if f.earlier_case is not None:
        e = f.earlier_case
        said.update(about=e.about, items={"in_both": e.shared, "earlier": e.earlier, "this": e.this})
    return said
