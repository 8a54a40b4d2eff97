"""Breach of a domestic abuse protection order (Domestic Abuse Act 2021 s.39): recorded as an order of
its own type, breached like a non-molestation order, and, made without his being given notice of the
proceedings, only by his behaviour once aware of it (s.39(2))."""

from __future__ import annotations

from datetime import date

from lawscenario import HER, HIM, Scenario, element, excluded, offences

from footprint.analyse.conduct.orders import add_order, order_words
from footprint.analyse.law.assess import assess_case
from footprint.case import Case
from footprint.store.orders import list_orders

AS_OF = date(2024, 12, 31)
NO_CONTACT = "not to contact Jane Doe directly or indirectly"


def _order(case: Case, without_notice: bool | None) -> int:
    return add_order(
        case, type="domestic_abuse_protection", made="2024-12-01 10:00", expires=None, protects=HER,
        against=HIM, conditions=[NO_CONTACT], served="2024-12-05 18:30", without_notice=without_notice,
    )  # fmt: skip


def _messages(case: Case) -> Scenario:
    """His message after the order was made and before he knew of it, and one after he knew."""
    s = Scenario(case)
    s.say("2024-12-02 10:05", "you can't stop me")
    s.say("2024-12-05 19:00", "answer me now")
    return s.build()


def test_a_dapo_made_without_notice_is_breached_only_once_he_knew_of_it(case: Case) -> None:
    s = _messages(case)
    _order(case, without_notice=True)
    [order] = list_orders(case.store.engine)
    assert order_words(order) == (
        "order 1: aware from 05/12/2024 18:30:00 GMT (+00:00); made without notice: conduct counted only from"
        " when he became aware of it (Domestic Abuse Act 2021 s.39(2))"
    )
    result = assess_case(case, AS_OF)
    breach = offences(result)["daa2021_s39"]
    assert (breach["statute"], breach["section"], breach["title"]) == (
        "Domestic Abuse Act 2021",
        "s.39",
        "Breach of a domestic abuse protection order",
    )
    assert [i["item_id"] for i in element(breach, "prohibited_act")["items"]] == [s.item(2)]
    assert "fla1996_s42a" not in offences(result) and "fla1996_s42a" not in excluded(result)


def test_a_dapo_made_on_notice_is_breached_from_its_making(case: Case) -> None:
    s = _messages(case)
    _order(case, without_notice=False)
    breach = offences(assess_case(case, AS_OF))["daa2021_s39"]
    assert [i["item_id"] for i in element(breach, "prohibited_act")["items"]] == [s.item(1), s.item(2)]
    assert element(breach, "aware_of_order")["basis"] == (
        "order 1: aware from 05/12/2024 18:30:00 GMT (+00:00); made on notice: conduct counted from when it was"
        " made (s.39(2) applies only to an order made without notice)"
    )
