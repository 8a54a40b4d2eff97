"""The offence assessment as the law analyser stores it: each item named once.

``assess_pair`` names an item wherever an element or aggravating feature relies on it: its reference
(exhibit, locator, time, categories, …) and, under each element's ``support``, the findings behind it. The
same few thousand items stand behind most elements of most offences, so stored that way the one finding
held 30 MB of JSON on a case of 20,000 items and 150 MB on one of 103,000 (docs/benchmarks.md, "The
offence assessment at case size"). Stored, the assessment names each item once, under ``item_refs`` (its
reference as ``assess`` gives it, with the findings on it behind any element and, for an incident his by
its words, whether a person reviewed that); an element or aggravating
feature lists its ``items`` by id, and an element replaces ``support`` by ``kinds`` (the items that each set
of finding categories made match, by id) and ``confirmed_items`` (those a person confirmed the findings
behind). Everything else is as ``footprint assess --json`` gives it; nothing is lost (a test rebuilds
``assess``'s assessment from the stored one)."""

from __future__ import annotations

from typing import Any


def stored_form(result: dict[str, Any]) -> dict[str, Any]:
    """``assess_pair``'s assessment of one pair as the finding stores it (``result`` is not changed)."""
    refs: dict[int, dict[str, Any]] = {}
    behind: dict[int, dict[str, Any]] = {}
    offences = []
    for offence in result["offences"]:
        elements = []
        for element in offence["elements"]:
            for ref in element["items"]:
                refs.setdefault(ref["item_id"], ref)
            elements.append(_element(element, behind))
        offences.append({**offence, "elements": elements})
    aggravating = []
    for feature in result["aggravating"]:
        for ref in feature["items"]:
            refs.setdefault(ref["item_id"], ref)
        aggravating.append({**feature, "items": [ref["item_id"] for ref in feature["items"]]})
    item_refs = [{**refs[i], **_behind(behind.get(i, {}))} for i in sorted(refs)]
    return {**result, "offences": offences, "aggravating": aggravating, "item_refs": item_refs}


def _behind(found: dict[str, Any]) -> dict[str, Any]:
    """What an item's ``support`` entries said of it, once: the findings behind it, in id order, and
    whether a person reviewed its attribution."""
    out: dict[str, Any] = {}
    if found.get("findings"):
        out["findings"] = [found["findings"][f] for f in sorted(found["findings"])]
    if "attribution_reviewed" in found:
        out["attribution_reviewed"] = found["attribution_reviewed"]
    return out


def _element(element: dict[str, Any], behind: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """One element with its items by id; what its ``support`` says of each item is added to ``behind``
    (by item id)."""
    out = {k: v for k, v in element.items() if k != "support"}
    out["items"] = [ref["item_id"] for ref in element["items"]]
    if "support" not in element:
        return out
    groups: dict[tuple[str, ...], list[int]] = {}
    for entry in element["support"]:
        groups.setdefault(tuple(entry["kinds"]), []).append(entry["item_id"])
        said = behind.setdefault(entry["item_id"], {"findings": {}})
        said["findings"].update((f["id"], f) for f in entry["findings"])
        if "attribution_reviewed" in entry:
            said["attribution_reviewed"] = entry["attribution_reviewed"]
    out["kinds"] = [{"kinds": list(kinds), "items": ids} for kinds, ids in groups.items()]
    out["confirmed_items"] = [entry["item_id"] for entry in element["support"] if entry["confirmed"]]
    return out
