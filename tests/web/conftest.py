"""Fixtures for the review app: the report tests' planted case (hostile text included), served."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import insert

from footprint.case import Case
from footprint.model import AccountRef
from footprint.settings import Settings
from footprint.store import schema
from footprint.store.access_rows import access_entries
from footprint.store.links import latest_links
from footprint.web import create_app, sessions
from tests.report.planted import HOSTILE, build_case

WALL = 1_767_225_600.0  # 2026-01-01T00:00:00Z: the wall clock when ``session_clock`` reads 0
LOCAL = "http://127.0.0.1:8765"  # with no users the app answers only requests addressed to this computer


@pytest.fixture
def planted(case: Case, tmp_path: Path) -> Case:
    return build_case(case, tmp_path / "inputs")


@contextmanager
def opened(app: FastAPI, **options: Any) -> Iterator[TestClient]:
    """A browser that opened the address `footprint serve` prints for a case without users (its key
    begins the browser's session, audited as `web sign-in`); ``options``: the TestClient's."""
    with TestClient(app, **{"base_url": LOCAL, **options}) as browser:
        assert browser.get(f"/?key={app.state.launch_key}", follow_redirects=False).status_code == 303
        yield browser


@pytest.fixture
def client(planted: Case, settings: Settings) -> Iterator[TestClient]:
    with opened(create_app(planted.dir, settings), follow_redirects=False) as test_client:
        yield test_client


def finding_id(case: Case, category: str) -> int:
    return next(f.id for f in case.store.findings() if f.category == category)


def plant_link(case: Case, a: str, b: str, reason: str, item_ids: list[int], log10_lr: float = 1.4) -> int:
    """A link as the link analyser stores it (reasons with weights and items), in the latest link run."""
    run_id = max(r.id for r in case.store.runs() if r.analyser == "link" and r.status == "ok")
    evidence = {
        "verbal": "moderate support",
        "abstained": False,
        "kinds": {"identifiers": 1.0},
        "evidence": [
            {
                "kind": "identifiers",
                "reason": reason,
                "weight_log10": 1.0,
                "features": ["phone"],
                "items": [
                    {"account": a, "exhibit": "JD/1", "locator": f"line {i}", "item_id": i} for i in item_ids
                ],
            },
            {"kind": "style", "reason": "similar spelling", "weight_log10": 0.4, "features": [], "items": []},
        ],
    }
    accounts = {x.key: x.id for x in case.store.accounts()}
    with case.transaction() as (tx, record):
        tx.conn.execute(
            insert(schema.link).values(
                run_id=run_id,
                account_a_id=accounts[a],
                account_b_id=accounts[b],
                score=0.7,
                log10_lr=log10_lr,
                evidence=json.dumps(evidence),
                status="proposed",
            )
        )
        record("test", "planted link")
    return next(x.id for x in latest_links(case.store.engine) if (x.a, x.b) == (a, b))


def hostile_account(case: Case) -> str:
    """An account whose id is hostile markup with a right-to-left override; its key."""
    ref = AccountRef("x", HOSTILE)
    with case.transaction() as (tx, record):
        tx.ensure_account(ref)
        record("test", "hostile account")
    return ref.key


@pytest.fixture
def session_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The sessions' clocks (theirs, and the wall clock it keeps pace with), moved on by the test."""
    now = [1000.0]
    monkeypatch.setattr(sessions, "clock", lambda: now[0])
    monkeypatch.setattr(sessions.time, "time", lambda: WALL + now[0])
    return now


#: one page view as the case's access log holds it: who, in which role, the route, the arguments that chose
#: what it shows, how many records it shows
PageView = tuple[str, str, str, dict[str, Any], int]


def page_views(case: Case) -> list[PageView]:
    """The review app's page views in the case's access log, oldest first."""
    with case.store.unscoped_engine.connect() as conn:
        return [
            (e.actor, e.role, e.command.removeprefix("web "), json.loads(e.arguments), e.lines_shown)
            for e in access_entries(conn)
            if e.command.startswith("web ")
        ]
