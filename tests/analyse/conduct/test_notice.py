"""Whether a non-molestation order was made without notice (`order add --without-notice|--on-notice`,
`order notice`): Family Law Act 1996 s.42A(2) limits the offence to conduct once he was aware of the
order only for an order made without notice (s.45(1)); an order made on notice is breached from when it
was made."""

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

from footprint.analyse.conduct.orders import add_order, record_notice  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.errors import InputError  # noqa: E402
from footprint.store.orders import list_orders  # noqa: E402

NO_CONTACT = "not to contact Jane Doe directly or indirectly"
AS_OF = date(2024, 6, 1)
AWARE = "aware from 05/03/2024 18:30:00 GMT (+00:00)"
NOT_AWARE = "date the suspect became aware of the order not recorded"
UNRECORDED = (
    "whether the order was made without notice is not recorded: conduct counted only from when he became"
    " aware of it"
)
WITHOUT = (
    "made without notice: conduct counted only from when he became aware of it (Family Law Act 1996 s.42A(2))"
)
# with no awareness recorded, nothing is assumed and the words say so (they had said "counted only from when
# he became aware of it" while every contravention was counted)
NO_AWARENESS = (
    "; when he became aware of it is not recorded either: every contravention from the making is listed, and"
    " s.42A(2) may exclude those before he knew of it (record when he became aware with `footprint order"
    " served`)"
)
ON = "made on notice: conduct counted from when it was made (s.42A(2) applies only to an order made without notice)"
LABEL = "non-molestation order 1 (made 01/03/2024 10:00:00 GMT (+00:00))"


def _order(
    case: Case,
    kind: str = "non_molestation",
    served: str | None = "2024-03-05 18:30",
    without_notice: bool | None = None,
) -> int:
    return add_order(
        case, type=kind, made="2024-03-01 10:00", expires=None, protects=HER, against=HIM,
        conditions=[NO_CONTACT], served=served, without_notice=without_notice,
    )  # fmt: skip


def test_an_order_made_on_notice_counts_conduct_from_its_making_and_shows_the_awareness_date(
    case: Case,
) -> None:
    s = served_pattern(case)
    _order(case, without_notice=False)
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(1), s.item(2), s.item(3)]
    assert [b.get("check") for b in result["breaches"]] == [None, None, None]
    breach = offences(result)["fla1996_s42a"]
    assert (element(breach, "order_in_force")["basis"]) == f"order 1: {AWARE}; {ON}"
    aware = element(breach, "aware_of_order")
    assert (aware["status"], aware["basis"]) == ("evidenced", f"order 1: {AWARE}; {ON}")
    assert [i["item_id"] for i in element(breach, "prohibited_act")["items"]] == [
        s.item(1),
        s.item(2),
        s.item(3),
    ]
    assert not [n for n in result["assessments"][0]["notes"] if "not counted" in n]


def test_an_order_made_without_notice_leaves_out_conduct_before_he_was_aware(case: Case) -> None:
    s = served_pattern(case)
    _order(case, without_notice=True)
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(3)]
    aware = element(offences(result)["fla1996_s42a"], "aware_of_order")
    assert (aware["status"], aware["basis"]) == ("evidenced", f"order 1: {AWARE}; {WITHOUT}")
    notes = [n for n in result["assessments"][0]["notes"] if "not counted" in n]
    assert notes == [
        f"{LABEL}: 2 contravening item(s) before he is recorded as aware of it ({AWARE}) are not counted as"
        f" breaches ({WITHOUT})"
    ]


def test_an_order_not_recorded_as_made_on_or_without_notice_is_read_cautiously_and_says_so(
    case: Case,
) -> None:
    s = served_pattern(case)
    _order(case)
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(3)]
    breach = offences(result)["fla1996_s42a"]
    aware = element(breach, "aware_of_order")
    assert (aware["status"], aware["basis"]) == ("evidenced", f"order 1: {AWARE}; {UNRECORDED}")
    assert element(breach, "order_in_force")["basis"] == f"order 1: {AWARE}; {UNRECORDED}"
    notes = [n for n in result["assessments"][0]["notes"] if "not counted" in n]
    assert notes == [
        f"{LABEL}: 2 contravening item(s) before he is recorded as aware of it ({AWARE}) are not counted as"
        f" breaches ({UNRECORDED}); if it was made on notice they count: record that with `footprint order"
        " notice`"
    ]


def test_an_order_made_on_notice_with_no_awareness_date_needs_none(case: Case) -> None:
    s = served_pattern(case)
    _order(case, served=None, without_notice=False)
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(1), s.item(2), s.item(3)]
    breach = offences(result)["fla1996_s42a"]
    aware = element(breach, "aware_of_order")
    assert (aware["status"], aware["basis"], "missing" in aware) == (
        "evidenced",
        f"order 1: {NOT_AWARE}; {ON}",
        False,
    )


def test_without_notice_and_no_awareness_date_the_element_is_missing(case: Case) -> None:
    s = served_pattern(case)
    _order(case, served=None, without_notice=True)
    result = assess_case(case, AS_OF)
    assert [b["item_id"] for b in result["breaches"]] == [s.item(1), s.item(2), s.item(3)]
    breach = offences(result)["fla1996_s42a"]
    aware = element(breach, "aware_of_order")
    assert (aware["status"], aware["missing"]) == (
        "not_evidenced",
        "date the suspect became aware of the order not recorded: record when he was served, or present"
        " when it was made (footprint order served), or that the order was made on notice (footprint order"
        " notice --on)",
    )
    assert (
        element(breach, "order_in_force")["basis"]
        == f"order 1: {NOT_AWARE}; made without notice{NO_AWARENESS}"
    )


def test_notice_is_refused_for_a_restraining_order(case: Case) -> None:
    served_pattern(case)
    with pytest.raises(InputError) as err:
        _order(case, kind="restraining", without_notice=True)
    assert str(err.value) == (
        "--without-notice: only a non-molestation order or a domestic abuse protection order is recorded as"
        " made with or without notice (Family Law Act 1996 s.42A(2), Domestic Abuse Act 2021 s.39(2)); a"
        " restraining order is breached from when it was made, whatever he knew (his knowledge goes to"
        " reasonable excuse): leave out --without-notice"
    )
    assert list_orders(case.store.engine) == []
    order_id = _order(case, kind="restraining")
    with pytest.raises(InputError) as err:
        record_notice(case, order_id, without_notice=False)
    assert str(err.value) == (
        "--on: only a non-molestation order or a domestic abuse protection order is recorded as made with or"
        " without notice (Family Law Act 1996 s.42A(2), Domestic Abuse Act 2021 s.39(2)); order 1 is a"
        " restraining order, breached from when it was made, whatever he knew (his knowledge goes to"
        " reasonable excuse): there is nothing to record"
    )
    [order] = list_orders(case.store.engine)
    assert order.notice is None
    with pytest.raises(InputError, match=r"^there is no order 7; give the id"):
        record_notice(case, 7, without_notice=True)


def test_notice_recorded_later_is_appended_and_the_latest_is_read(case: Case) -> None:
    s = served_pattern(case)
    order_id = _order(case)
    record_notice(case, order_id, without_notice=True, reason="application made ex parte")
    record_notice(case, order_id, without_notice=False, reason="he attended the hearing (corrected)")
    [order] = list_orders(case.store.engine)
    assert order.notice is not None
    assert (order.notice.without, order.notice.reason, order.notice.recorded_by) == (
        False,
        "he attended the hearing (corrected)",
        "tester",
    )
    assert [b["item_id"] for b in assess_case(case, AS_OF)["breaches"]] == [s.item(1), s.item(2), s.item(3)]
    with case.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM order_notice")).scalar() == 2
    with pytest.raises(DBAPIError, match="table order_notice is append-only"):
        with case.store.engine.begin() as conn:
            conn.execute(text("UPDATE order_notice SET reason = 'x'"))
    entries = [json.loads(e.details) for e in case.store.audit_entries() if e.action == "order notice"]
    assert [(e["without_notice"], e["reason"]) for e in entries] == [
        (True, "application made ex parte"),
        (False, "he attended the hearing (corrected)"),
    ]


def test_cli_order_add_on_notice_order_notice_and_order_list(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    served_pattern(case)
    args = ("--type", "non_molestation", "--made", "2024-03-01 10:00", "--protects", HER, "--against", HIM)
    run_cli("order", "add", str(case.dir), *args, "--condition", NO_CONTACT, "--on-notice")
    listed = run_cli("order", "list", str(case.dir)).output.splitlines()
    assert listed == [
        f"{LABEL}: protects Jane Doe against John Smith",
        "  ends: no expiry recorded",
        f"  {NOT_AWARE}",
        f"  {ON}",
        "  condition: not to contact Jane Doe directly or indirectly",
    ]
    out = run_cli("order", "notice", str(case.dir), "1", "--without", "--reason", "ex parte, [b]urgent[/b]")
    assert out.output == f"order 1: made without notice (ex parte, [b]urgent[/b]){NO_AWARENESS}\n"
    [row] = json.loads(run_cli("order", "list", str(case.dir), "--json").output)["orders"]
    assert (row["notice"], row["notice_reason"]) == ("without", "ex parte, [b]urgent[/b]")
    run_cli("order", "served", str(case.dir), "1", "--on", "05/03/2024 18:30")
    assessed = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output.splitlines()
    basis = (
        f"      basis: order 1: {AWARE}; made without notice (ex parte, [b]urgent[/b]): conduct counted only"
        " from when he became aware of it (Family Law Act 1996 s.42A(2))"
    )
    assert assessed.count(basis) == 2  # order_in_force and aware_of_order


def test_cli_order_notice_needs_one_of_without_or_on(case: Case, run_cli: Callable[..., Result]) -> None:
    served_pattern(case)
    _order(case)
    result = run_cli("order", "notice", str(case.dir), "1")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: give --without (the order was made without notice) or --on (made on notice)"
    )
    [order] = list_orders(case.store.engine)
    assert order.notice is None


def test_cli_order_list_says_nothing_of_notice_for_a_restraining_order(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    served_pattern(case)
    _order(case, kind="restraining", served=None)
    assert run_cli("order", "list", str(case.dir)).output.splitlines() == [
        "restraining order 1 (made 01/03/2024 10:00:00 GMT (+00:00)): protects Jane Doe against John Smith",
        "  ends: no expiry recorded",
        f"  {NOT_AWARE}",
        "  condition: not to contact Jane Doe directly or indirectly",
    ]
    [row] = json.loads(run_cli("order", "list", str(case.dir), "--json").output)["orders"]
    assert (row["notice"], row["notice_reason"]) == (None, None)


def test_an_order_file_records_notice_and_refuses_it_for_another_type(
    case: Case, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    served_pattern(case)
    body = f"made: 2024-03-01 10:00\nprotects: {HER}\nagainst: {HIM}\nconditions:\n  - {NO_CONTACT}\n"
    order_file = tmp_path / "order.yaml"
    order_file.write_text(f"type: non_molestation\n{body}notice: on\n", encoding="utf-8")
    run_cli("order", "add", str(case.dir), str(order_file))
    [order] = list_orders(case.store.engine)
    assert order.notice is not None and (order.notice.without, order.notice.reason) == (False, "")
    order_file.write_text(f"type: stalking_protection\n{body}notice: without\n", encoding="utf-8")
    refused = run_cli("order", "add", str(case.dir), str(order_file))
    assert (refused.exit_code, refused.output) == (
        1,
        f"Error: {order_file}: order 1, notice: without: only a non-molestation order or a domestic abuse"
        " protection order is recorded as made with or without notice (Family Law Act 1996 s.42A(2),"
        " Domestic Abuse Act 2021 s.39(2)); a stalking protection order is breached from when it was made,"
        " whatever he knew (his knowledge goes to reasonable excuse): leave out notice: without\n",
    )
    order_file.write_text(f"type: non_molestation\n{body}notice: maybe\n", encoding="utf-8")
    bad = run_cli("order", "add", str(case.dir), str(order_file))
    assert (bad.exit_code, bad.output) == (
        1,
        f"Error: {order_file}: order 1, notice: Input should be 'without' or 'on'; fix the file\n",
    )
    assert len(list_orders(case.store.engine)) == 1


def test_a_notice_reason_without_saying_on_or_without_notice_is_refused(case: Case, tmp_path: Path) -> None:
    # the reason was dropped silently: nothing was recorded and nobody was told
    served_pattern(case)
    with pytest.raises(InputError) as err:
        add_order(
            case, type="non_molestation", made="2024-03-01 10:00", expires=None, protects=HER, against=HIM,
            conditions=[NO_CONTACT], notice_reason="recital 3",
        )  # fmt: skip
    assert str(err.value) == (
        "--notice-reason recital 3: say whether the order was made without notice (--without-notice or"
        " --on-notice); a reason alone is not recorded"
    )
    assert list_orders(case.store.engine) == []


def test_a_bad_date_in_an_order_file_names_the_file_the_order_and_the_key(
    case: Case, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    # it had blamed "--made", an option the user never gave, and named neither the file nor the order
    served_pattern(case)
    body = f"protects: {HER}\nagainst: {HIM}\nconditions:\n  - {NO_CONTACT}\n"
    order_file = tmp_path / "orders.yaml"
    order_file.write_text(
        "orders:\n"
        + "".join(
            f"  - type: restraining\n    made: {made}\n"
            + "".join(f"    {line}\n" for line in body.splitlines())
            for made in ("2024-03-01 10:00", "not a date")
        ),
        encoding="utf-8",
    )
    refused = run_cli("order", "add", str(case.dir), str(order_file))
    assert (refused.exit_code, refused.output.splitlines()[-1]) == (
        1,
        f"Error: {order_file}: order 2, made: 'not a date' not understood; give YYYY-MM-DD [HH:MM] or"
        " DD/MM/YYYY [HH:MM] (local time in the case's zone) (order 1 of the file was recorded)",
    )
    assert len(list_orders(case.store.engine)) == 1
