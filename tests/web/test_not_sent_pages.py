"""The app marks a draft or a failed send on its page, in the list of messages, and on a finding's page:
recorded on his phone, never sent to her."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.settings import Settings
from footprint.web import create_app
from tests.conftest import store_findings
from tests.notsentcase import build
from tests.web.conftest import opened

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; you will regret ignoring me"


@pytest.fixture
def served(case: Case, tmp_path: Path, settings: Settings) -> Iterator[tuple[TestClient, list[int]]]:
    build(case, tmp_path)
    ids = [i.id for i in case.store.iter_items()]
    with opened(create_app(case.dir, settings), follow_redirects=False) as client:
        yield client, ids


def test_a_drafts_page_says_it_was_never_sent(served: tuple[TestClient, list[int]]) -> None:
    client, ids = served
    page = client.get(f"/items/{ids[1]}").text
    assert (
        "<dt>Never sent</dt><dd><strong>draft — never sent</strong>: recorded on the phone, never sent;"
        " not counted as conduct towards anyone</dd>"
    ) in page
    assert "<dt>Recorded</dt><dd>01/03/2024 12:00:00 GMT (+00:00)" in page
    assert f'<blockquote class="message text">{ESCAPED}</blockquote>' in page
    assert "<script>alert" not in page
    sent = client.get(f"/items/{ids[3]}").text
    assert "<dt>Sent</dt><dd>01/03/2024 14:00:00 GMT (+00:00)" in sent and "Never sent" not in sent


def test_the_list_of_messages_marks_them(served: tuple[TestClient, list[int]]) -> None:
    client, _ = served
    page = client.get("/items?exhibit=P/1").text
    assert f'{ESCAPED} <span class="small">[draft — never sent]</span></td>' in page
    assert 'answer me now <span class="small">[failed to send]</span></td>' in page


def test_a_finding_on_a_failed_send_says_so_on_its_page(
    served: tuple[TestClient, list[int]], case: Case
) -> None:
    client, ids = served
    store_findings(case, "labels", [FindingDraft(ids[2], "insult_harassment", 0.9, "test label")])
    [finding] = case.store.findings()
    page = client.get(f"/findings/{finding.id}").text
    assert "<dt>Never sent</dt><dd><strong>failed to send</strong>" in page
