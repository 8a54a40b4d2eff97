"""A detection run of a benchmark's own findings, stored and audited as `analyse` stores and audits one."""

from __future__ import annotations

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.integrity.digests import run_details


def plant_detect_run(case: Case, drafts: list[FindingDraft]) -> int:
    """Store ``drafts`` as one run of `detect` (version 1) in ``case``, audited with its digests; its id."""
    with case.transaction() as (tx, record):
        run = tx.add_run(
            analyser="detect",
            version=1,
            settings_hash="0" * 64,
            started_utc="2024-01-01T00:00:00Z",
            status="ok",
            error=None,
        )
        tx.add_findings(run, drafts)
        record("analyse", "detect", findings=len(drafts), **run_details(tx.conn, run))
    return run
