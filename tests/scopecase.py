"""A team case with one exhibit the complainant supplied and one the police added (store.scope tests).

JD/1 is her WhatsApp chat with Craig Smith, added with ``victim_supplied``; PC/1 is a chat from the
suspect's phone download between two other people, added by the police. Findings, links and accounts
rest on one, the other or both, so each read path shows what an advocate may see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import insert

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.integrity.digests import run_details
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema
from tests.conftest import store_findings

HERS = (
    "14/03/2024, 09:15 - Craig Smith: you will regret leaving me\n"
    "14/03/2024, 09:16 - Jane Doe: please stop contacting me\n"
)
POLICE = (
    "15/03/2024, 10:00 - Mark Jones: police-only words about the plan\n"
    "15/03/2024, 10:01 - Lee Brown: police-only reply\n"
)
#: words only the police exhibit holds (its reference, text, people and file name)
POLICE_WORDS = ("PC/1", "police-only", "Mark Jones", "Lee Brown", "WhatsApp Chat with Lee Brown")
WITHHELD = (
    "{what} is not shown to a user acting as 'advocate': that role sees only the exhibits the complainant"
    " supplied, and 1 exhibit(s) in this case were not supplied by her. Ask the officer in the case (an"
    " investigator) to run it, or to mark an exhibit she supplied with"
    " `footprint exhibit supplied CASE REF --reason TEXT`"
)

VISIBLE_ACCOUNTS = ["whatsapp:Craig Smith", "whatsapp:Jane Doe"]
ALL_ACCOUNTS = ["whatsapp:Craig Smith", "whatsapp:Jane Doe", "whatsapp:Lee Brown", "whatsapp:Mark Jones"]


@dataclass(frozen=True)
class ScopeCase:
    """The case and the ids its tests name."""

    case: Case
    hers: tuple[int, int]  # her chat's items (JD/1)
    police: tuple[int, int]  # the police chat's items (PC/1)
    visible_findings: tuple[int, ...]  # what an advocate may see, in the order `findings` lists them
    hidden_findings: tuple[int, ...]
    visible_link: int
    hidden_links: tuple[int, ...]


def add_both_exhibits(case: Case, inputs: Path) -> None:
    """Write her chat and the police chat in ``inputs`` and add them: JD/1 (hers, supplied by her), PC/1."""
    inputs.mkdir(parents=True, exist_ok=True)
    hers, police = inputs / "WhatsApp Chat with Craig Smith.txt", inputs / "WhatsApp Chat with Lee Brown.txt"
    hers.write_text(HERS, encoding="utf-8")
    police.write_text(POLICE, encoding="utf-8")
    add_exhibit(case, hers, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", victim_supplied=True))
    add_exhibit(case, police, AddOptions(producer="PC Ann Officer", exhibit_ref="PC/1"))


def build(case: Case, inputs: Path) -> ScopeCase:
    """Add both exhibits, findings on each and links between their accounts (as an investigator)."""
    add_both_exhibits(case, inputs)
    ids = [i.id for i in case.store.iter_items()]
    h1, h2, p1, p2 = ids
    store_findings(
        case,
        "detect",
        [
            FindingDraft(h1, "threat_violence", 0.9, "a threat in her chat"),
            FindingDraft(h2, "request_to_stop", 0.8, "she asks him to stop"),
            FindingDraft(p1, "threat_violence", 0.7, "police-only finding"),
        ],
    )
    store_findings(
        case,
        "conduct",
        [
            FindingDraft(None, "course_of_conduct", 1.0, "her chat only", details={"item_ids": [h1, h2]}),
            FindingDraft(None, "escalation", 0.8, "both chats", details={"firsts": [{"item_id": p1}]}),
            FindingDraft(None, "course_of_conduct", 0.5, "names no item"),
        ],
    )
    store_findings(
        case, "law", [FindingDraft(None, "offence_assessment", 1.0, "weighed over all", details={})]
    )
    links = _link_run(
        case,
        [
            ("whatsapp:Craig Smith", "whatsapp:Jane Doe", [h1]),
            ("whatsapp:Craig Smith", "whatsapp:Mark Jones", [h1]),
            ("whatsapp:Lee Brown", "whatsapp:Jane Doe", [h2]),
        ],
    )
    findings = {f.explanation: f.id for f in case.store.findings()}
    return ScopeCase(
        case,
        (h1, h2),
        (p1, p2),
        (findings["her chat only"], findings["a threat in her chat"], findings["she asks him to stop"]),
        tuple(
            findings[x] for x in ("police-only finding", "both chats", "names no item", "weighed over all")
        ),
        links[0],
        (links[1], links[2]),
    )


def _link_run(case: Case, pairs: list[tuple[str, str, list[int]]]) -> list[int]:
    """A link run of one link per pair, each resting on its ``item_ids``, stored and audited as `analyse`
    stores one (its links with it); the links' ids."""
    accounts = {x.key: x.id for x in case.store.accounts()}
    with case.transaction() as (tx, record):
        run_id = tx.add_run(
            analyser="link",
            version=1,
            settings_hash="test",
            started_utc="2024-06-01T00:00:00Z",
            status="ok",
            error=None,
        )
        ids = [
            tx.inserted_id(
                insert(schema.link).values(
                    run_id=run_id,
                    account_a_id=accounts[a],
                    account_b_id=accounts[b],
                    score=0.7,
                    log10_lr=1.5,
                    evidence=json.dumps(_evidence(a, item_ids)),
                    status="proposed",
                )
            )
            for a, b, item_ids in pairs
        ]
        record("analyse", "link", version=1, status="ok", **run_details(tx.conn, run_id))
    return ids


def _evidence(a: str, item_ids: list[int]) -> dict[str, object]:
    return {
        "verbal": "moderate support",
        "evidence": [
            {
                "kind": "identifiers",
                "reason": "same phrasing",
                "weight_log10": 1.0,
                "features": [],
                "items": [
                    {"account": a, "exhibit": "JD/1", "locator": "line 1", "item_id": i} for i in item_ids
                ],
            }
        ],
    }


def scoped_on_each_store(request: pytest.FixtureRequest, tmp_path: Path) -> ScopeCase:
    """The scope case on SQLite or PostgreSQL, as ``request.param`` says (a fixture's body)."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    request.addfinalizer(case.close)
    return build(case, tmp_path / "inputs")
