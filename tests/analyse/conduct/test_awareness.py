"""When he became aware of an order (`order add --served`, `order served`): Family Law Act 1996 s.42A(2)
counts conduct only once he was aware of a non-molestation order made without notice (here not recorded
either way: the cautious reading; on and without notice: test_notice.py)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, element, offences, served_pattern  # noqa: E402

from footprint.analyse.conduct.orders import add_order, record_awareness  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.errors import InputError  # noqa: E402
from footprint.store.orders import list_orders  # noqa: E402

NO_CONTACT = "not to contact Jane Doe directly or indirectly"
AS_OF = date(2024, 6, 1)


def _order(case: Case, kind: str = "non_molestation", served: str | None = None, how: str = "") -> int:
    return add_order(
        case, type=kind, made="2024-03-01 10:00", expires=None, protects=HER, against=HIM,
        conditions=[NO_CONTACT], served=served, served_how=how,
    )  # fmt: skip


def test_no_conduct_before_he_was_aware_of_a_non_molestation_order_is_a_breach(case: Case) -> None:
    s = served_pattern(case)
    _order(case, served="2024-03-05 18:30", how="personal service by PC 4521")
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(3)]
    assert result["breaches"][0]["aware_utc"] == "2024-03-05T18:30:00Z"
    breach = offences(result)["fla1996_s42a"]
    aware = element(breach, "aware_of_order")
    assert (aware["status"], aware["basis"]) == (
        "evidenced",
        "order 1: aware from 05/03/2024 18:30:00 GMT (+00:00) (personal service by PC 4521); whether the order"
        " was made without notice is not recorded: conduct counted only from when he became aware of it",
    )
    assert [i["item_id"] for i in element(breach, "prohibited_act")["items"]] == [s.item(3)]
    assert (
        "non-molestation order 1 (made 01/03/2024 10:00:00 GMT (+00:00)): 2 contravening item(s) before he is"
        " recorded as aware of it (aware from 05/03/2024 18:30:00 GMT (+00:00) (personal service by PC 4521))"
        " are not counted as breaches (whether the order was made without notice is not recorded: conduct"
        " counted only from when he became aware of it); if it was made on notice they count: record that"
        " with `footprint order notice`"
    ) in result["assessments"][0]["notes"]


def test_a_served_date_without_a_time_keeps_that_days_items_to_check(case: Case) -> None:
    s = served_pattern(case)
    _order(case, served="05/03/2024")
    breaches = assess_case(case, AS_OF)["breaches"]
    assert [(b["item_id"], b.get("check")) for b in breaches] == [
        (
            s.item(2),
            "the item is dated the day he is recorded as aware of the order and one of the two has no time of"
            " day: check whether it came after he knew of it",
        ),
        (
            s.item(3),
            "the item is dated the day he is recorded as aware of the order and one of the two has no time of"
            " day: check whether it came after he knew of it",
        ),
    ]


def test_without_a_recorded_date_every_breach_is_kept_and_the_date_is_missing(case: Case) -> None:
    s = served_pattern(case)
    _order(case)
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(1), s.item(2), s.item(3)]
    breach = offences(result)["fla1996_s42a"]
    assert element(breach, "aware_of_order")["missing"].startswith(
        "date the suspect became aware of the order not recorded"
    )
    # every contravention is counted, and the words say so (they had said "counted only from when he became
    # aware of it")
    assert element(breach, "order_in_force")["basis"] == (
        "order 1: date the suspect became aware of the order not recorded; whether the order was made without"
        " notice is not recorded; when he became aware of it is not recorded either: every contravention from"
        " the making is listed, and s.42A(2) may exclude those before he knew of it (record when he became"
        " aware with `footprint order served`)"
    )


def test_a_restraining_order_counts_conduct_before_service_and_shows_the_date(case: Case) -> None:
    # knowledge of a restraining order goes to "without reasonable excuse" (s.363), not to the act
    s = served_pattern(case)
    _order(case, kind="restraining", served="2024-03-05 18:30")
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(1), s.item(2), s.item(3)]
    assert element(offences(result)["sa2020_s363"], "order_in_force")["basis"] == (
        "order 1: aware from 05/03/2024 18:30:00 GMT (+00:00)"
    )


def test_awareness_recorded_later_is_appended_and_the_latest_is_read(case: Case) -> None:
    served_pattern(case)
    order_id = _order(case)
    record_awareness(case, order_id, "2024-03-06", "by post")
    record_awareness(case, order_id, "2024-03-05 18:30", "personal service (corrected)")
    [order] = list_orders(case.store.engine)
    assert order.aware is not None
    assert (order.aware.aware_utc, order.aware.time_given, order.aware.means, order.aware.recorded_by) == (
        "2024-03-05T18:30:00Z",
        True,
        "personal service (corrected)",
        "tester",
    )
    with case.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM order_service")).scalar() == 2
    with pytest.raises(DBAPIError, match="table order_service is append-only"):
        with case.store.engine.begin() as conn:
            conn.execute(text("UPDATE order_service SET means = 'x'"))
    served = [e for e in case.store.audit_entries() if e.action == "order served"]
    assert [json.loads(e.details)["aware_raw"] for e in served] == ["2024-03-06", "2024-03-05 18:30"]


def test_awareness_before_the_order_was_made_is_refused(case: Case) -> None:
    served_pattern(case)
    with pytest.raises(InputError) as err:
        _order(case, served="2024-02-28")
    assert str(err.value) == (
        "--served 2024-02-28: he cannot have been aware of the order before it was made (2024-03-01 10:00);"
        " check the dates"
    )
    assert list_orders(case.store.engine) == []
    with pytest.raises(InputError, match=r"^there is no order 7; give the id"):
        record_awareness(case, 7, "2024-03-05")


def test_cli_order_served_and_order_list(case: Case, run_cli: Callable[..., Result]) -> None:
    served_pattern(case)
    args = ("--type", "non_molestation", "--made", "2024-03-01 10:00", "--protects", HER, "--against", HIM)
    run_cli("order", "add", str(case.dir), *args, "--condition", NO_CONTACT)
    listed = run_cli("order", "list", str(case.dir)).output.splitlines()
    assert listed == [
        "non-molestation order 1 (made 01/03/2024 10:00:00 GMT (+00:00)): protects Jane Doe against John Smith",
        "  ends: no expiry recorded",
        "  date the suspect became aware of the order not recorded",
        "  whether the order was made without notice is not recorded; when he became aware of it is not"
        " recorded either: every contravention from the making is listed, and s.42A(2) may exclude those"
        " before he knew of it (record when he became aware with `footprint order served`)",
        "  condition: not to contact Jane Doe directly or indirectly",
    ]
    out = run_cli("order", "served", str(case.dir), "1", "--on", "05/03/2024 18:30", "--how", "in person")
    assert out.output == "order 1: aware from 05/03/2024 18:30:00 GMT (+00:00) (in person)\n"
    [row] = json.loads(run_cli("order", "list", str(case.dir), "--json").output)["orders"]
    assert (row["aware_utc"], row["aware_time_given"], row["aware_means"]) == (
        "2024-03-05T18:30:00Z",
        True,
        "in person",
    )
    text_ = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output.splitlines()
    assert (
        "      basis: order 1: aware from 05/03/2024 18:30:00 GMT (+00:00) (in person); whether the order was made"
        " without notice is not recorded: conduct counted only from when he became aware of it"
    ) in text_


def test_cli_order_add_served(case: Case, run_cli: Callable[..., Result]) -> None:
    served_pattern(case)
    run_cli(
        "order", "add", str(case.dir), "--type", "restraining", "--made", "2024-03-01 10:00", "--protects", HER,
        "--against", HIM, "--condition", NO_CONTACT, "--served", "2024-03-01", "--served-how", "present in court",
    )  # fmt: skip
    [order] = list_orders(case.store.engine)
    assert order.aware is not None
    assert (order.aware.aware_raw, order.aware.time_given, order.aware.means) == (
        "2024-03-01",
        False,
        "present in court",
    )


def test_an_order_file_records_when_he_became_aware(
    case: Case, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    served_pattern(case)
    order_file = tmp_path / "order.yaml"
    order_file.write_text(
        f"type: non_molestation\nmade: 2024-03-01 10:00\nprotects: {HER}\nagainst: {HIM}\n"
        f"conditions:\n  - {NO_CONTACT}\nserved: 2024-03-05 18:30\nserved_how: personal service\n",
        encoding="utf-8",
    )
    run_cli("order", "add", str(case.dir), str(order_file))
    [order] = list_orders(case.store.engine)
    assert order.aware is not None
    assert (order.aware.aware_utc, order.aware.means) == ("2024-03-05T18:30:00Z", "personal service")


def test_order_served_refuses_a_day_after_today_or_before_the_order_naming_its_own_option(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    from footprint.times import today

    served_pattern(case)
    args = ("--type", "non_molestation", "--made", "2024-03-01 10:00", "--protects", HER, "--against", HIM)
    run_cli("order", "add", str(case.dir), *args, "--condition", NO_CONTACT)
    later = run_cli("order", "served", str(case.dir), "1", "--on", "2099-01-01")
    assert (later.exit_code, later.output) == (
        1,
        f"Error: --on 2099-01-01: that is after today ({today('Europe/London'):%d/%m/%Y}); record when he"
        " became aware once it has happened\n",
    )
    early = run_cli("order", "served", str(case.dir), "1", "--on", "2024-02-20 10:00")
    assert early.output == (
        "Error: --on 2024-02-20 10:00: he cannot have been aware of the order before it was made"
        " (01/03/2024 10:00:00 GMT (+00:00)); check the dates\n"
    )


def test_a_breach_gives_the_time_since_the_order_in_days_and_hours_and_his_recorded_service(
    case: Case,
) -> None:
    # "5656 minute(s) after non-molestation order 1 … was made … Proof that he knew of the order … for
    # the lawyer", with personal service recorded (court review 13)
    from lawscenario import Scenario, run_only

    s = Scenario(case)
    s.say("2024-03-05 08:15", "answer me")
    s.say("2024-03-01 10:25", "you can't stop me")
    s.build()
    _order(case, served="2024-03-01 10:00", how="personal service")
    run_only(case, "order_breach")
    found = {f.item_id: f.explanation for f in case.store.findings("order_breach")}
    assert found[s.item(1)] == (
        "Sent by John Smith at 05/03/2024 08:15:00 GMT (+00:00), 3 days 22 hours after non-molestation order 1"
        " (made 01/03/2024 10:00:00 GMT (+00:00)) was made, contrary to: 'not to contact Jane Doe directly or"
        " indirectly'. He is recorded as aware from 01/03/2024 10:00:00 GMT (+00:00) (personal service):"
        " proof of that, and any excuse, are for the lawyer."
    )
    assert found[s.item(2)].startswith(
        "Sent by John Smith at 01/03/2024 10:25:00 GMT (+00:00), 25 minutes after"
    )


def test_order_add_refuses_an_order_made_after_today_naming_its_option_and_records_nothing(
    case: Case, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A year mistyped (2030 for 2023) would hide every breach before it: refused, not recorded (review
    of 1 December, defect 7)."""
    from footprint.times import today

    served_pattern(case)
    args = ("--type", "non_molestation", "--made", "2030-04-01 10:00", "--protects", HER, "--against", HIM)
    later = run_cli("order", "add", str(case.dir), *args, "--condition", NO_CONTACT)
    assert (later.exit_code, later.output) == (
        1,
        f"Error: --made 2030-04-01 10:00: that is after today ({today('Europe/London'):%d/%m/%Y}); an order"
        " is recorded once it has been made: check the date (the year?)\n",
    )
    order_file = tmp_path / "orders.yaml"
    order_file.write_text(
        f"type: non_molestation\nmade: 2030-04-01\nprotects: {HER}\nagainst: {HIM}\n"
        f"conditions:\n  - {NO_CONTACT}\n",
        encoding="utf-8",
    )
    filed = run_cli("order", "add", str(case.dir), str(order_file))
    assert (filed.exit_code, filed.output) == (
        1,
        f"Error: {order_file}: order 1, made: 2030-04-01: that is after today"
        f" ({today('Europe/London'):%d/%m/%Y}); an order is recorded once it has been made: check the date"
        " (the year?)\n",
    )
    assert list_orders(case.store.engine) == []
