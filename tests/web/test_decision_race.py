"""Two reviewers deciding on one finding at once (two servers on one case): the one whose decision is
written second is told "changed meanwhile", and nothing is recorded for her."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.review import decide, history
from tests.review.test_concurrent_decisions import REFUSED, _before_the_next_transaction

from .conftest import finding_id


def test_a_decision_written_while_hers_was_on_its_way_refuses_hers(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    fid = finding_id(planted, "threat_to_kill")
    opened = client.get(f"/findings/{fid}").text
    token = re.search(r'name="csrf" value="([^"]+)"', opened)
    seen = re.search(r'name="seen" value="([^"]*)"', opened)
    assert token is not None and seen is not None and seen.group(1) == ""
    before = history(planted, fid)
    # the other server's reviewer decides after this request checked nothing had changed (the check the
    # app made before its own transaction), before this request's decision is written
    ravi = planted.acting_as("DS Ravi", "reviewer")
    _before_the_next_transaction(monkeypatch, lambda: decide(ravi, fid, "dismiss", "a song lyric"))
    response = client.post(
        f"/findings/{fid}/decision",
        data={"action": "confirm", "reason": "a clear threat", "csrf": token.group(1), "seen": ""},
    )
    assert response.status_code == 409
    assert REFUSED in response.text
    assert [(d.user, d.decision) for d in history(planted, fid)[len(before) :]] == [("DS Ravi", "dismissed")]
