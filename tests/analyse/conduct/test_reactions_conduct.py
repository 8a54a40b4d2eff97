"""A reaction read through the real parser is conduct: a 😂 he put on her message after she asked him to
stop is contact after her request, and a breach of an order not to contact her (contact "by any
means", s.2A(3)(b)). One whose time the export does not give is not counted where contact is dated;
the pair says so. Before, a reaction was only a note in the message's details: no one's act."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import run_only  # noqa: E402

from footprint.analyse.base import FindingDraft  # noqa: E402
from footprint.analyse.conduct.evidence import collect_pairs  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.model import Item  # noqa: E402
from footprint.parties import add_person, attribute_account  # noqa: E402
from footprint.pipeline import AddOptions, add_exhibit  # noqa: E402
from tests.conftest import store_findings  # noqa: E402

HER, HIM = "Jane Doe", "John Smith"
REQUEST = "Please stop contacting me."
T0 = 1709290800  # 01/03/2024 11:00 GMT


def _thread(tmp_path: Path, timed: bool) -> Path:
    reaction: dict[str, object] = {"reaction": "\u00f0\u009f\u0098\u0082", "actor": "john.smith"}  # 😂
    if timed:
        reaction["timestamp"] = T0 + 7200  # two hours after her request (Instagram gives the time)
    thread = {
        "participants": [{"name": "john.smith"}, {"name": "jane.doe"}],
        "messages": [  # newest first, as Meta writes them
            {"sender_name": "jane.doe", "timestamp_ms": (T0 + 3600) * 1000, "content": "I am scared to go out",
             "reactions": [reaction]},
            {"sender_name": "jane.doe", "timestamp_ms": T0 * 1000, "content": REQUEST},
        ],
    }  # fmt: skip
    path = tmp_path / "thread" / "message_1.json"
    path.parent.mkdir()
    path.write_text(json.dumps(thread))
    return path


def _case(case: Case, tmp_path: Path, parser: str, platform: str, timed: bool) -> dict[int, Item]:
    path = _thread(tmp_path, timed)
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    add_exhibit(case, path, AddOptions(producer=HER, owner=None, format=parser))
    attribute_account(case, f"{platform}:john.smith", HIM, "test")
    attribute_account(case, f"{platform}:jane.doe", HER, "test", as_complainant=True)
    items = {i.id: i for i in case.store.iter_items()}
    request = [FindingDraft(i, "request_to_stop", 0.9, "test") for i, x in items.items() if x.text == REQUEST]
    store_findings(case, "labels", request)
    return items


def test_his_reaction_with_a_time_after_her_request_is_contact(case: Case, tmp_path: Path) -> None:
    items = _case(case, tmp_path, "instagram_json", "instagram", timed=True)
    [(reaction, item)] = [(i, x) for i, x in items.items() if x.kind == "reaction"]
    assert (item.author, item.recipients, item.text) == (
        "instagram:john.smith",
        ("instagram:jane.doe",),
        "😂",
    )
    run_only(case, "contact_after_request")
    assert [(f.item_id, f.explanation) for f in case.store.findings("contact_after_request")] == [
        (
            reaction,
            "A reaction '😂' to the message JD/1 messages[0] by John Smith, sent to her 2.0 hours after she"
            " asked him to stop (JD/1 messages[1],"
            " 01/03/2024 11:00:00 GMT (+00:00), to instagram:john.smith); 1 request(s) to stop before it."
            " She wrote to him 1 time(s) between her request and this item (context for the lawyer).",
        )
    ]
    add_order(
        case, type="restraining", made="2024-03-01 12:30", expires=None, protects=HER, against=HIM,
        conditions=["not to contact Jane Doe directly or indirectly"],
    )  # fmt: skip
    run_only(case, "order_breach")
    assert [f.item_id for f in case.store.findings("order_breach")] == [reaction]


def test_his_reaction_without_a_time_is_listed_not_counted(case: Case, tmp_path: Path) -> None:
    items = _case(case, tmp_path, "messenger_json", "facebook", timed=False)
    assert sorted(x.kind for x in items.values()) == ["message", "message", "reaction"]
    run_only(case, "contact_after_request")
    assert case.store.findings("contact_after_request") == []
    [pair] = collect_pairs(case)
    assert pair.notes == ("1 item(s) between them have no time and were left out of dates and occasions",)
    [warning] = case.store.warnings()
    assert (warning.locator, warning.message.split(":")[0]) == (
        "messages[0].reactions[0]",
        "1 reaction(s) have no time (Messenger's exports record none, Instagram's not always)",
    )
