"""Breach times as recorded: a message in the minute he became aware of the order is checked, and times
never recorded (an order's or an incident's time of day) or skipped by the clocks are not shown as exact."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, Scenario, run_only  # noqa: E402

from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.parties import add_person, attribute_account  # noqa: E402
from footprint.pipeline import AddOptions, add_exhibit  # noqa: E402

NO_CONTACT = "not to contact Jane Doe directly or indirectly"
AS_OF = date(2025, 6, 1)


def _nmo(case: Case, made: str = "2024-03-01 10:00", **kw: str) -> None:
    add_order(
        case,
        type="non_molestation",
        made=made,
        expires=None,
        protects=kw.get("protects", HER),
        against=kw.get("against", HIM),
        conditions=[kw.get("condition", NO_CONTACT)],
        without_notice=True,
        **({"served": kw["served"]} if "served" in kw else {}),
    )


def test_a_message_in_the_minute_he_became_aware_of_the_order_is_a_breach_to_check(case: Case) -> None:
    # The same one-minute closeness to the making of an order was flagged; to his awareness, which is what
    # s.42A(2) turns on, it was counted at 0.9 with no check.
    s = Scenario(case)
    s.say("2024-03-05 18:30", "you cannot stop me")
    s.say("2024-03-05 18:31", "x")
    s.build()
    _nmo(case, served="2024-03-05 18:30")
    check = (
        "the item is within a minute of when he is recorded as aware of the order and exports often give"
        " whole minutes: check which came first"
    )
    assert [(b["item_id"], b.get("check")) for b in assess_case(case, AS_OF)["breaches"]] == [
        (s.item(1), check),
        (s.item(2), None),
    ]
    run_only(case, "order_breach")
    first, second = case.store.findings("order_breach")
    assert (first.score, first.details["to_check"], second.score) == (0.5, True, 0.9)
    assert "The item is within a minute of when he is recorded as aware of the order" in first.explanation


def test_an_order_made_on_a_date_alone_and_a_date_only_breach_show_no_time(case: Case) -> None:
    s = Scenario(case)
    s.incident("2024-03-06", "John Smith walked past my flat", place="Orchard Street", reported_by=HER)
    s.build()
    _nmo(case, made="2024-03-01", condition="not to go within 100 metres of Orchard Street")
    result = assess_case(case, AS_OF)
    [row] = result["breaches"]
    assert row["order_label"] == "non-molestation order 1 (made 01/03/2024 (time not recorded))"
    assert (row["time_known"], row["minutes_after_made"]) == (False, None)


def test_a_breach_at_a_time_the_clocks_skipped_is_shown_as_exported(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        f"[29/03/2025, 12:00:00] {HER}: hello\n[30/03/2025, 01:30:00] {HIM}: Can't sleep. Thinking about you\n",
        encoding="utf-8",
    )
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    add_exhibit(case, path, AddOptions(producer=HER, owner=None, format="whatsapp"))
    attribute_account(case, f"whatsapp:{HIM}", HIM, "test")
    attribute_account(case, f"whatsapp:{HER}", HER, "test", as_complainant=True)
    _nmo(case, made="2025-03-01 10:00", served="2025-03-01 10:00")
    [row] = assess_case(case, AS_OF)["breaches"]
    assert (row["sent_at_raw"], row["clock_change"]) == (
        "30/03/2025, 01:30:00",
        "time skipped by the clock change",
    )
    run_only(case, "order_breach")
    [finding] = case.store.findings("order_breach")
    assert finding.explanation.startswith(
        f"Sent by {HIM} at 30/03/2025 02:30:00 BST (+01:00) (exported as “30/03/2025, 01:30:00”; time skipped"
        " by the clock change), "
    )
