"""Facts an investigator records about a pair (the relationship, for coercive control), audited."""

from __future__ import annotations

import hashlib
import json

from footprint.analyse.base import FindingDraft
from footprint.analyse.conduct.evidence import FACT_CATEGORY
from footprint.analyse.law.assess import RELATIONSHIPS
from footprint.case import Case
from footprint.deciders import require_whole_view
from footprint.errors import InputError
from footprint.integrity.digests import run_details
from footprint.store.queries import FACTS_ANALYSER
from footprint.times import now_utc

FACTS_VERSION = 1


def record_relationship(
    case: Case, *, suspect: str, complainant: str, kind: str, living_together: bool | None, reason: str
) -> int:
    """Record how the two are (or were) connected; earlier facts are carried into the new record.
    Refused to a role that sees only part of the case (``require_whole_view``)."""
    require_whole_view(
        case,
        "the relationship between a suspect and a complainant",
        "she may tell the officer in the case what the complainant says of it, to record",
    )
    if kind not in RELATIONSHIPS:
        raise InputError(f"relationship {kind!r} is not known; use one of {', '.join(RELATIONSHIPS)}")
    if not reason.strip():
        raise InputError("give --reason: what the relationship is recorded from (e.g. her statement, JD/2)")
    names = {p.name: p.role for p in case.store.persons()}
    for name in (suspect, complainant):
        if name not in names:
            raise InputError(f"no person called {name!r} in this case; add them with `footprint person add`")
    kept = [
        f
        for f in case.store.findings(FACT_CATEGORY)
        if f.analyser == FACTS_ANALYSER
        and (f.details.get("suspect"), f.details.get("complainant")) != (suspect, complainant)
    ]
    details = {
        "suspect": suspect,
        "complainant": complainant,
        "kind": kind,
        "living_together": living_together,
        "reason": reason,
        "recorded_by": case.settings.actor,
    }
    drafts = [FindingDraft(None, FACT_CATEGORY, 1.0, f.explanation, details=dict(f.details)) for f in kept]
    living = {True: ", living together", False: ", not living together", None: ""}[living_together]
    drafts.append(
        FindingDraft(
            None,
            FACT_CATEGORY,
            1.0,
            f"{suspect} and {complainant}: {kind.replace('_', ' ')}{living} (recorded by"
            f" {case.settings.actor}: {reason})",
            details=details,
        )
    )
    settings_hash = hashlib.sha256(json.dumps(details, sort_keys=True).encode()).hexdigest()
    with case.transaction() as (tx, record):
        run_id = tx.add_run(
            analyser=FACTS_ANALYSER,
            version=FACTS_VERSION,
            settings_hash=settings_hash,
            started_utc=now_utc(),
            status="ok",
            error=None,
        )
        tx.add_findings(run_id, drafts)
        record(
            "relationship add",
            f"{suspect} -> {complainant}",
            reason,
            kind=kind,
            living_together=living_together,
            **run_details(tx.conn, run_id),
        )
    return run_id
