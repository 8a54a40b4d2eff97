"""The app flags a time in a clock change as the report and `items` do (it showed the resolved time only)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit


def test_the_message_page_flags_a_time_the_clocks_skipped(
    client: TestClient, planted: Case, tmp_path: Path
) -> None:
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        "31/03/2024, 01:30 - Ann Example: in the spring gap\n"
        "27/10/2024, 01:30 - Ann Example: in the autumn fold\n",
        encoding="utf-8",
    )
    add_exhibit(planted, chat, AddOptions(producer="Ben Example", exhibit_ref="BE/1", date_order="dmy"))
    gap, fold = (i.id for i in planted.store.iter_items("BE/1"))
    assert (
        '<dd>31/03/2024 02:30:00 BST (+01:00) <span class="small">(as recorded: 31/03/2024, 01:30;'
        " <strong>time skipped by the clock change</strong>)</span></dd>"
    ) in client.get(f"/items/{gap}").text
    assert "<strong>ambiguous: BST or GMT</strong>" in client.get(f"/items/{fold}").text
