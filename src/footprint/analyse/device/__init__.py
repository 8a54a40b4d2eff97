"""The ``device`` analyser: device observations matched against stalkerware and monitoring indicators."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.case import Case
from footprint.device.attribution import LIMITATIONS, SAFETY_NOTE
from footprint.device.check import CHECK_VERSION, SCORES, check_observation
from footprint.device.domains import ASKED_OF_SERVER
from footprint.device.indicators import IndicatorIndex
from footprint.device.observe import KIND
from footprint.device.settings_file import for_analyse
from footprint.store.device import DeviceObservation, device_observations
from footprint.times import utc_order_key

CATEGORY = "device_indicator"


@analysers.register
class DeviceAnalyser(Analyser):
    """Stalkerware, monitoring apps, powerful access and risky settings on a phone."""

    name = "device"
    version = CHECK_VERSION
    description = "Device inputs matched against stalkerware and monitoring indicators (graded, explained)"

    def __init__(self, index: IndicatorIndex | None = None) -> None:
        self.index = index
        self._snapshot = index.snapshot if index else None

    def settings(self) -> dict[str, Any]:
        return {"check_version": CHECK_VERSION, "indicator_snapshot": self._snapshot}

    def run(self, case: Case) -> Iterator[FindingDraft]:
        items = list(device_observations(case.store.engine, KIND))
        if not items:
            return
        index = self.index
        if index is None:
            earlier = [f for f in case.store.findings(CATEGORY) if f.analyser == self.name]
            index = for_analyse(
                case.dir,
                earlier_without_indicators=any(not f.details.get("indicators_loaded") for f in earlier),
            )
        files = {e.ref: e.file_name for e in case.store.exhibits()}
        common = {
            "indicator_snapshot": index.snapshot if index.sources else None,
            "indicators_loaded": bool(index.sources),
            "indicators": index.label(),
            "indicator_commits": list(index.commits()),
            "attribution": list(index.attributions),
            "safety": SAFETY_NOTE,
            "limitations": list(LIMITATIONS),
        }
        grouped: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        order: list[tuple[str, str, str, str]] = []
        hosts = _names_asked(items)
        for item in items:
            observed = item.details
            if asked := hosts.get((item.exhibit, observed.get("client", ""), observed.get("address", ""))):
                observed = {
                    **observed,
                    "hosts": ",".join(name for name, _ in asked),
                    "hosts_protocols": ",".join(protocol for _, protocol in asked),
                }
            for found in check_observation(index, observed):
                domain = item.details.get("domain") or item.details.get("address", "")  # a name or an IP
                key = (item.exhibit, found.kind, found.matched_by, domain or f"#{item.item_id}")
                if key in grouped:
                    entry = grouped[key]
                    entry["count"] += 1
                    if item.sent_at_utc:
                        at = item.sent_at_utc
                        entry["first_seen"] = min(filter(None, (entry["first_seen"], at)), key=utc_order_key)
                        entry["last_seen"] = max(filter(None, (entry["last_seen"], at)), key=utc_order_key)
                    continue
                order.append(key)
                grouped[key] = {
                    "item_id": item.item_id,
                    "finding": found,
                    "fields": found.fields(files.get(item.exhibit, item.exhibit)),
                    "count": 1,
                    "first_seen": item.sent_at_utc,
                    "last_seen": item.sent_at_utc,
                    "domain": domain,
                }
        evidenced = {
            e["finding"].app.lower()
            for e in grouped.values()
            if e["finding"].strength == "strong" and e["finding"].corroborated is None
        }
        for key in order:
            entry = grouped[key]
            found = entry["finding"]
            if found.corroborated is not None and found.app.lower() in evidenced:
                found = found.corroborated  # a vendor site listed as a server, with other evidence of the app
                entry["fields"] = found.fields(entry["fields"]["input"])
            details = dict(entry["fields"], exhibit=key[0], count=entry["count"], **common)
            if entry["domain"]:
                details.update(
                    domain=entry["domain"], first_seen=entry["first_seen"], last_seen=entry["last_seen"]
                )
            yield FindingDraft(
                item_id=entry["item_id"],
                category=CATEGORY,
                score=SCORES[found.strength],
                explanation=found.explanation,
                rule_ids=tuple(f"device.{found.kind}.{m}" for m in found.matched_by.split(", ")),
                details=details,
            )


def _names_asked(items: list[DeviceObservation]) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """The names (TLS SNI, plain-HTTP ``Host``) each client sent to each server address, per exhibit (for
    connections), each with how it was sent (``TLS`` or ``HTTP``)."""
    asked: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for item in items:
        details = item.details
        how = ASKED_OF_SERVER.get(details.get("protocol", ""))
        if how and details.get("server") and details.get("domain"):
            names = asked.setdefault((item.exhibit, details.get("client", ""), details["server"]), [])
            if (details["domain"], how) not in names:
                names.append((details["domain"], how))
    return asked
