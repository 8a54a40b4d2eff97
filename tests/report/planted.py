"""A small case with every report section planted: findings, decisions, links, an order, hostile text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update

from footprint.analyse.base import FindingDraft
from footprint.case import Case, Recorder
from footprint.integrity.digests import run_details
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.store import schema
from footprint.store.decisions import insert_decision
from footprint.synth.writers import ChatLine, write_csv, write_whatsapp_txt

JANE, JOHN, PRIYA, TOM = "Jane Doe", "John Smith", "Priya Shah", "Tom Other"
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> \u202egnp.exe\u202c <b>bold</b> & "quotes"'
# Who a disclosure copy goes to and why (required whenever one is written).
DISCLOSED = {"disclosure_to": "CPS reviewing lawyer", "justification": "pre-charge advice"}
DISCLOSED_ARGS = (
    "--disclosure-to",
    DISCLOSED["disclosure_to"],
    "--justification",
    DISCLOSED["justification"],
)
LONG = "LONGSTART" + "x" * 3000 + "LONGEND"
# Third-party identifiers planted in the messages; the redaction test checks every one is masked.
THIRD_PARTY = (
    "07700 900777",
    "+44 7700 900777",
    "priya.shah@example.org",
    "14 Elm Road",
    "SW1A 1AA",
    PRIYA,
    TOM,
)
LINES = [
    (datetime(2024, 2, 5, 19, 14), JOHN, "Can we talk? I miss you"),
    (datetime(2024, 2, 5, 19, 40), JANE, "No John. It's over. Please stop messaging me."),
    (
        datetime(2024, 2, 6, 7, 12),
        JOHN,
        "Where were you last night? I know you were at 14 Elm Road with Priya Shah",
    ),
    (datetime(2024, 2, 6, 7, 20), PRIYA, "Jane, call me on 07700 900777 or email priya.shah@example.org"),
    (datetime(2024, 2, 7, 23, 47), JOHN, "I will kill you if you go to the police"),
    (datetime(2024, 2, 7, 23, 50), JANE, "I'm scared. Leave me alone. Tom Other saw it all."),
    (datetime(2024, 4, 2, 21, 5), JOHN, HOSTILE),
    (datetime(2024, 4, 2, 21, 6), JOHN, LONG),
    (datetime(2024, 4, 2, 21, 7), JOHN, "Ring +44 7700 900777 and tell her, SW1A 1AA"),
    (datetime(2024, 4, 3, 9, 0), JANE, "My number is still 07700 900001"),
]
SMS_MAP = {"id": "Message ID", "sent_at": "Date", "author": "From", "recipient": "To", "text": "Body"}
FIXED = "2024-05-01T10:00:00Z"


def _ids(case: Case) -> dict[str, int]:
    return {i.text: i.id for i in case.store.iter_items()}


def _run(
    case: Case,
    analyser: str,
    version: int,
    drafts: list[FindingDraft],
    status: str = "ok",
    links: Sequence[dict[str, Any]] = (),
) -> int:
    with case.transaction() as (tx, record):
        run_id = tx.add_run(
            analyser=analyser,
            version=version,
            settings_hash="0" * 64,
            started_utc=FIXED,
            status=status,
            error="boom: test failure" if status == "error" else None,
        )
        tx.add_findings(run_id, drafts)
        for link in links:  # stored with the run, as the linkage analyser stores its links
            tx.conn.execute(insert(schema.link).values(run_id=run_id, **link))
        tx.conn.execute(
            update(schema.analysis_run).where(schema.analysis_run.c.id == run_id).values(finished_utc=FIXED)
        )
        # audited as `analyse` audits a run (its digests), so `verify` and `report` check its findings
        record(
            "analyse",
            analyser,
            version=version,
            status=status,
            findings=len(drafts),
            **run_details(tx.conn, run_id),
        )
    return run_id


def build_case(case: Case, tmp: Path) -> Case:
    """Plant every section's input in ``case``; fixed content so the report is the same every time."""
    tmp.mkdir(parents=True, exist_ok=True)
    for name, role in ((JANE, "complainant"), (JOHN, "suspect"), (TOM, "other")):
        add_person(case, name, role)
    chat = tmp / f"WhatsApp Chat with {JOHN}.txt"
    write_whatsapp_txt(chat, [ChatLine(at, who, text) for at, who, text in LINES])
    add_exhibit(case, chat, AddOptions(producer=JANE, owner=JANE, exhibit_ref="JD/1", date_order="dmy"))
    sms = tmp / "sms.csv"
    write_csv(
        sms,
        ["Message ID", "Date", "From", "To", "Body"],
        [
            ["1", "2024-02-08T08:00:00+00:00", "+447700900002", "+447700900001", "Answer your phone"],
            ["2", "2024-02-08T08:05:00+00:00", "+447700900001", "+447700900002", "Stop contacting me"],
        ],
    )
    add_exhibit(
        case,
        sms,
        AddOptions(
            producer=JANE,
            owner=JANE,
            exhibit_ref="JD/2",
            format="csv_generic",
            column_map=SMS_MAP,
            platform="sms",
        ),
    )
    incidents = tmp / "incidents.csv"
    write_csv(
        incidents,
        ["date", "time", "place", "what happened", "reported_by"],
        [["10/02/2024", "22:30", "Outside her flat", "He waited outside for an hour", "PC Amir Patel"]],
    )
    add_exhibit(
        case,
        incidents,
        AddOptions(producer="PC Amir Patel", exhibit_ref="AP/1", format="incidents_csv", date_order="dmy"),
    )
    attribute_account(case, f"whatsapp:{JOHN}", JOHN, "complainant identifies her contact")
    attribute_account(case, f"whatsapp:{JANE}", JANE, "self-export owner", as_complainant=True)
    attribute_account(case, "sms:+447700900001", JANE, "her own number", as_complainant=True)
    attribute_account(case, "sms:+447700900002", JOHN, "number in her contacts as John")
    ids = _ids(case)
    where, kill, stop, scared = LINES[2][2], LINES[4][2], LINES[1][2], LINES[5][2]
    detect = [
        FindingDraft(ids[stop], "request_to_stop", 0.88, "She asks him to stop.", ((19, 45),), ("stop.ask",)),
        FindingDraft(ids[where], "monitoring", 0.81, "Knows where she was.", ((0, 26),), ("monitor.where",)),
        FindingDraft(
            ids[kill], "threat_to_kill", 0.93, "Explicit threat to kill.", ((0, 15),), (), "detect-lr-1"
        ),
        FindingDraft(
            ids[kill], "blackmail", 0.70, "Threat tied to a demand.", ((16, 39),), ("blackmail.if",)
        ),
        FindingDraft(ids[scared], "distress", 0.9, "She says she is scared.", ((0, 11),), ("distress.fear",)),
        FindingDraft(ids[HOSTILE], "insult_harassment", 0.5, "Hostile markup.", ((0, 8),), ("insult.x",)),
    ]
    _run(case, "detect", 4, detect)
    chain = [ids[where], ids[kill], ids[HOSTILE]]
    _run(
        case,
        "course_of_conduct",
        1,
        [
            FindingDraft(
                None,
                "course_of_conduct",
                0.9,
                "Three occasions of unwanted contact.",
                details={"items": chain, "occasions": 3},
            )
        ],
    )
    _run(
        case,
        "escalation",
        1,
        [FindingDraft(None, "escalation", 0.75, "Severity rises over time.", details={"items": chain})],
    )
    offence = {
        "suspect": JOHN,
        "complainant": JANE,
        "offences": [
            {
                "statute": "Protection from Harassment Act 1997",
                "section": "s.2A",
                "title": "Stalking",
                "status": "partly",
                "elements": [
                    {
                        "id": "course",
                        "text": "A course of conduct",
                        "status": "evidenced",
                        "items": chain,
                        "support": [  # the monitoring is confirmed, the blackmail dismissed (below)
                            {"item_id": ids[where], "kinds": ["monitoring"]},
                            {"item_id": ids[kill], "kinds": ["blackmail", "threat_to_kill"]},
                            {"item_id": ids[HOSTILE], "kinds": ["insult_harassment"]},
                            {"item_id": ids["He waited outside for an hour"], "kinds": []},
                        ],
                    },
                    {
                        "id": "knew",
                        "text": "He knew or ought to have known",
                        "status": "partly",
                        "basis": "she asked him to stop on 14/03/2024 <b>in writing</b>",
                        "items": [ids[stop]],
                        "support": [{"item_id": ids[stop], "kinds": ["request_to_stop"]}],
                    },
                    {
                        "id": "stalking",
                        "text": "Acts associated with stalking",
                        "status": "missing",
                        "items": [],
                    },
                ],
                "time_limit": {"rule": "summary only: 6 months from the last act", "last_date": "2024-10-02"},
            }
        ],
        "aggravating": [
            {
                "id": "breach_of_order",
                "text": "Offending in breach of a court order is a factor at sentence.",
                "items": [{"item_id": ids[kill]}],
                "verification": "partial",
            }
        ],
        "public_interest": [
            {"id": "whole_picture", "text": "Look at the whole picture, online and offline."}
        ],
        # shown with the course of conduct; an order's condition is the officer's text, escaped
        "notes": [
            "1 item(s) between them were never sent and are not counted as conduct or as her requests:"
            " JD/1 line 2 (draft — never sent)",
            "order 1: condition 'not to <b>go</b> near her' is not checked automatically",
        ],
    }
    _run(case, "law", 1, [FindingDraft(None, "offence_assessment", 1.0, "Assessment.", details=offence)])
    accounts = {a.key: a.id for a in case.store.accounts()}
    _run(
        case,
        "link",
        2,
        [
            FindingDraft(
                None,
                "account_link",
                0.82,
                "Same writing style and phone number.",
                details={"accounts": [f"whatsapp:{JOHN}", "sms:+447700900002"]},
            )
        ],
        links=[
            {
                "account_a_id": accounts[f"whatsapp:{JOHN}"],
                "account_b_id": accounts["sms:+447700900002"],
                "score": 0.82,
                "log10_lr": 2.1,
                "evidence": json.dumps(
                    {
                        "verbal": "moderately strong support for the same person",
                        "evidence": [{"reason": "shared phone number in profile"}, "similar writing style"],
                    }
                ),
                "status": "proposed",
            }
        ],
    )
    _run(case, "device", 1, [])
    _run(case, "images", 1, [], status="error")
    with case.transaction() as (tx, record):
        persons = {p.name: p.id for p in case.store.persons()}
        made, expires = "2024-03-01T12:00:00Z", "2025-03-01T12:00:00Z"
        conditions = ["not to contact Jane Doe directly or indirectly"]
        order_id = tx.inserted_id(
            insert(schema.court_order).values(
                type="non_molestation",
                made_utc=made,
                expires_utc=expires,
                protects_person_id=persons[JANE],
                against_person_id=persons[JOHN],
                conditions=json.dumps(conditions),
                source="order.yaml",
            )
        )
        # audited as `order add` audits an order, so `verify` and `report` check it
        record(
            "order add",
            f"order {order_id}",
            type="non_molestation",
            made_utc=made,
            expires_utc=expires,
            protects=JANE,
            against=JOHN,
            conditions=conditions,
        )
        findings = {(f.item_id, f.category): f.id for f in case.store.findings()}
        for (item, category), decision, reason in (
            ((ids[where], "monitoring"), "confirmed", "Matches her statement"),
            ((ids[kill], "blackmail"), "dismissed", "No demand is made"),
        ):
            finding = findings[(item, category)]
            decision_id = insert_decision(
                tx, finding_id=finding, user="DC Reviewer", decision=decision, reason=reason, at_utc=FIXED
            )
            # audited as `review` audits a decision (its actor and reason are the row's), so `verify` ties them
            Recorder(tx, "DC Reviewer", "investigator")(
                {"confirmed": "review confirm", "dismissed": "review dismiss"}[decision],
                f"finding {finding}",
                reason,
                decision=decision,
                category=category,
                analyser="detect",
                decision_id=decision_id,
            )
    _run(
        case,
        "order_breach",
        1,
        [
            FindingDraft(
                ids[HOSTILE],
                "order_breach",
                0.95,
                "Contact after the order.",
                details={"order": 1, "condition": "not to contact"},
            )
        ],
    )
    return case
