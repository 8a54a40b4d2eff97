"""A WhatsApp group read through the real parser: a message sent after she left the group is not
contact with her (review formats defect 2: it made a contact_after_request finding)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import run_only  # noqa: E402

from footprint.analyse.base import FindingDraft  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.parties import add_person, attribute_account  # noqa: E402
from footprint.pipeline import AddOptions, add_exhibit  # noqa: E402
from tests.conftest import store_findings  # noqa: E402

HER, HIM = "Jane Doe", "John Smith"
REQUEST = "Please stop contacting me."


def test_a_message_after_she_left_the_group_is_not_contact_with_her(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "wag2.txt"
    path.write_text(
        f'14/03/2023, 09:01 - {HIM} created group "Pile on"\n'
        f"14/03/2023, 09:02 - {HIM} added {HER}\n"
        f"14/03/2023, 09:03 - {HER}: {REQUEST}\n"
        f"14/03/2023, 09:04 - {HIM}: you cannot hide\n"
        f"14/03/2023, 09:05 - {HER} left\n"
        f"14/03/2023, 09:06 - {HIM}: she is gone, now we can talk about her\n",
        encoding="utf-8",
    )
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    add_exhibit(case, path, AddOptions(producer=HER, owner=None, format="whatsapp"))
    attribute_account(case, f"whatsapp:{HIM}", HIM, "test")
    attribute_account(case, f"whatsapp:{HER}", HER, "test", as_complainant=True)
    items = {i.id: i for i in case.store.iter_items()}
    assert [(i.locator, i.recipients) for i in items.values() if i.kind == "message"] == [
        ("line 3", (f"whatsapp:{HIM}",)),
        ("line 4", (f"whatsapp:{HER}",)),
        ("line 6", ()),
    ]
    request = [
        FindingDraft(i, "request_to_stop", 0.9, "test label") for i, x in items.items() if x.text == REQUEST
    ]
    store_findings(case, "labels", request)
    run_only(case, "contact_after_request")
    assert [items[f.item_id or 0].locator for f in case.store.findings("contact_after_request")] == ["line 4"]
