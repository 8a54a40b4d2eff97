"""The app flags a time in a clock change as the report and `items` do (it showed the resolved time only)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from footprint.case import Case
from tests.report.test_clock_change import add_clock_change_chat


def test_the_message_page_flags_a_time_the_clocks_skipped(
    client: TestClient, planted: Case, tmp_path: Path
) -> None:
    add_clock_change_chat(planted, tmp_path)
    gap, fold, _ = (i.id for i in planted.store.iter_items("BE/1"))
    assert (
        '<dd>31/03/2024 02:30:00 BST (+01:00) <span class="small">(as recorded: 31/03/2024, 01:30;'
        " <strong>time skipped by the clock change</strong>)</span></dd>"
    ) in client.get(f"/items/{gap}").text
    assert "<strong>ambiguous: BST or GMT</strong>" in client.get(f"/items/{fold}").text
