"""The law analyser stores its assessment with each item named once (``law.stored``), and loses nothing:
rebuilt from the stored finding, it is the assessment ``footprint assess`` gives (every element's items
with their references, the findings behind each and whether a person confirmed them, the attributions
of incidents, the reactions, the aggravating features). Before, every element of every offence named each
of its items whole: 30 MB of JSON on a case of 20,000 items (docs/benchmarks.md)."""

from __future__ import annotations

import json
from typing import Any

from lawscenario import HIM, Scenario, run_only

from footprint.analyse.law.assess import STATEMENT, assess_case
from footprint.analyse.law.kb import load_kb
from footprint.case import Case
from footprint.review import decide
from footprint.times import today


def _rebuilt(stored: dict[str, Any]) -> dict[str, Any]:
    """The assessment as ``assess`` gives it, from the stored one."""
    refs = {r["item_id"]: r for r in stored["item_refs"]}

    def ref(i: int) -> dict[str, Any]:
        return {k: v for k, v in refs[i].items() if k not in ("findings", "attribution_reviewed")}

    def support(i: int, kinds: list[str], confirmed: bool) -> dict[str, Any]:
        behind = [f for f in refs[i].get("findings", []) if f["category"] in kinds]
        entry = {"item_id": i, "kinds": kinds, "findings": behind, "confirmed": confirmed}
        if "attribution" in refs[i]:
            entry |= {
                "attribution": refs[i]["attribution"],
                "attribution_reviewed": refs[i]["attribution_reviewed"],
            }
        return entry

    def element(e: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in e.items() if k not in ("kinds", "confirmed_items")}
        out["items"] = [ref(i) for i in e["items"]]
        if "kinds" in e:
            kinds = {i: g["kinds"] for g in e["kinds"] for i in g["items"]}
            out["support"] = [support(i, kinds[i], i in e["confirmed_items"]) for i in e["items"]]
        return out

    offences = [{**o, "elements": [element(e) for e in o["elements"]]} for o in stored["offences"]]
    aggravating = [{**g, "items": [ref(i) for i in g["items"]]} for g in stored["aggravating"]]
    rest = {k: v for k, v in stored.items() if k != "item_refs"}
    return {**rest, "offences": offences, "aggravating": aggravating}


def _pattern(case: Case) -> Scenario:
    """Her request; threats (one confirmed), a hateful message, an insult with no time of day, a reaction,
    an incident his only by its words (not reviewed) and one whose 'done by' column names him."""
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop",))
    s.say(
        "2024-03-02 20:00",
        "I'll break your legs",
        categories=("threat_violence",),
        confirmed=("threat_violence",),
    )
    s.say("2024-03-02 20:10", "I'm frightened", by="her", categories=("distress",))
    s.say("2024-03-04 09:00", "I'll stab you", categories=("threat_violence", "insult_harassment"))
    s.say("2024-03-05 09:00", "go back home", categories=("identity_hate",))
    s.say("2024-03-06", "you stupid cow", categories=("misogynistic_abuse",))
    s.say("2024-03-07 10:00", "😂", kind="reaction")
    s.lines[-1].details.update({"reaction_to": "line 2", "reaction_action": "added"})
    s.incident("2024-03-08", "John Smith shouted at her in the street", categories=("threat_violence",))
    s.incident("2024-03-09 18:00", "followed her home", categories=("stalking_behaviour",), done_by=HIM)
    return s.build()


def test_the_stored_assessment_rebuilds_to_what_assess_gives(case: Case) -> None:
    _pattern(case)
    run_only(case, "contact_after_request")
    for f in case.store.findings("contact_after_request")[:1]:
        decide(case, f.id, "confirm", "a person agrees")
    run_only(case, "law")
    [finding] = case.store.findings("offence_assessment")
    [now] = assess_case(case, today(case.info.zone))["assessments"]
    kb = load_kb()
    extra = {
        "statement": STATEMENT,
        "knowledge_base": {"version": kb.version, "sha256": kb.sha256},
        "as_of": today(case.info.zone).isoformat(),
        "breach_count": 0,
    }
    assert _rebuilt(finding.details) == {**now, **extra}
    # what the pattern is there to cover: each is in the assessment rebuilt
    cited = [e for o in now["offences"] for e in o["elements"] if e["items"]]
    assert {r.get("attribution_reviewed") for e in cited for r in e.get("support", [])} == {None, True, False}
    assert any(r.get("reaction") for e in cited for r in e["items"])
    assert any(r.get("time_known") is False for e in cited for r in e["items"])
    assert {s["confirmed"] for e in cited for s in e["support"]} == {True, False}
    assert [g["id"] for g in now["aggravating"]] == [
        "hostility_protected_characteristic",
        "misogyny_not_protected",
    ]
    # each item is named once: its reference under ``item_refs``, by id wherever an element cites it
    text = json.dumps(finding.details)
    assert (
        text.count('"locator"')
        == len(finding.details["item_refs"])
        == len({r["item_id"] for e in cited for r in e["items"]})
    )
