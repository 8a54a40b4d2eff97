"""The report's court orders: each order's number and which order varies which."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import Scenario, run_only  # noqa: E402

from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.report import build_report, render_html  # noqa: E402


def _people(case: Case) -> None:
    with case.transaction() as (tx, _):
        tx.add_person("Jane Doe", "complainant", "2024-01-01T00:00:00Z")
        tx.add_person("John Smith", "suspect", "2024-01-01T00:00:00Z")


def _orders_section(case: Case) -> str:
    html = render_html(build_report(case))
    return html[html.index('<h2 id="orders">') : html.index('<h2 id="offences">')]


def test_a_varied_order_says_by_which_order_and_when_and_the_variation_says_what_it_varies(
    case: Case,
) -> None:
    # The report listed both orders as if both stayed in force, though the first ended when varied.
    _people(case)
    for made, varies in (("2024-03-01 10:00", None), ("2024-06-15 10:00", 1)):
        add_order(
            case, type="restraining", made=made, expires=None, protects="Jane Doe", against="John Smith",
            conditions=["not to contact Jane Doe directly"], varies=varies,
        )  # fmt: skip
    section = _orders_section(case)
    assert (
        '<tr><td>restraining<div class="small">order 1; varied by order 2 on 15/06/2024 10:00:00 BST'
        ' (+01:00), when this order ended</div></td><td>01/03/2024 10:00:00 GMT (+00:00)<div class="small">date'
        " the suspect became aware of the order not recorded</div></td>"
    ) in section
    assert (
        '<tr><td>restraining<div class="small">order 2; varies order 1</div></td>'
        '<td>15/06/2024 10:00:00 BST (+01:00)<div class="small">date the suspect became aware of the order not'
        " recorded</div></td>"
    ) in section


def test_an_order_nobody_varied_shows_only_its_number(case: Case) -> None:
    _people(case)
    add_order(
        case, type="non_molestation", made="2024-03-01 10:00", expires=None, protects="Jane Doe",
        against="John Smith", conditions=["not to contact Jane Doe"],
    )  # fmt: skip
    section = _orders_section(case)
    assert '<tr><td>non_<wbr>molestation<div class="small">order 1</div></td>' in section
    assert "vari" not in section


def _varied(case: Case, first_expires: str) -> None:
    """Order 1 made 01/03/2024, expiring ``first_expires``; order 2 varies it on 15/06/2024, no expiry."""
    _people(case)
    for made, expires, varies in (("2024-03-01 10:00", first_expires, None), ("2024-06-15 10:00", None, 1)):
        add_order(
            case, type="restraining", made=made, expires=expires, protects="Jane Doe", against="John Smith",
            conditions=["not to contact Jane Doe directly"], varies=varies,
        )  # fmt: skip


def test_the_expires_column_says_which_orders_end_date_applies_to_a_varied_order(case: Case) -> None:
    # order 1's row said "end of 01/03/2025" though it ended when order 2 varied it in June 2024, and
    # order 2's "no expiry recorded" left open whether order 1's end date carried over to it
    _varied(case, first_expires="2025-03-01")
    section = _orders_section(case)
    assert (
        "<td>ended 15/06/2024 10:00:00 BST (+01:00), when order 2"
        ' varied it<div class="small">its own end date, end of 01/03/2025 (UK time), no longer applies'
        "</div></td>"
    ) in section
    assert (
        "<td>no expiry recorded for this order<div"
        ' class="small">order 1\'s end date is not carried over: record one with the variation if it has'
        " one</div></td>"
    ) in section


def test_an_order_that_expired_before_its_variation_keeps_its_own_end_date(case: Case) -> None:
    _varied(case, first_expires="2024-05-01")
    section = _orders_section(case)
    assert (
        '<div class="small">order 1; varied by order 2 on 15/06/2024 10:00:00 BST (+01:00), after this order'
        ' expired</div></td><td>01/03/2024 10:00:00 GMT (+00:00)<div class="small">date the suspect became'
        " aware of the order not recorded</div></td><td>end of 01/05/2024 (UK time)</td>"
    ) in section


def test_each_order_says_when_he_became_aware_of_it_or_that_it_is_not_recorded(case: Case) -> None:
    _people(case)
    for kind, served in (("non_molestation", None), ("restraining", "2024-03-02 09:15")):
        add_order(
            case, type=kind, made="2024-03-01 10:00", expires=None, protects="Jane Doe", against="John Smith",
            conditions=["not to contact Jane Doe directly"], served=served, served_how="personal service",
        )  # fmt: skip
    section = _orders_section(case)
    assert (
        '<td>01/03/2024 10:00:00 GMT (+00:00)<div class="small">date the suspect became aware of the order'
        ' not recorded</div><div class="small">whether the order was made without notice is not recorded;'
        " when he became aware of it is not recorded either: every contravention from the making is listed,"
        " and s.42A(2) may exclude those before he knew of it (record when he became aware with `footprint"
        " order served`)</div></td>"
    ) in section
    assert (
        '<td>01/03/2024 10:00:00 GMT (+00:00)<div class="small">aware from 02/03/2024 09:15:00 GMT (+00:00)'
        " (personal service)</div></td>"
    ) in section


def test_a_non_molestation_order_says_whether_it_was_made_without_notice(case: Case) -> None:
    # s.42A(2) limits the offence to conduct once he knew of the order only when it was made without
    # notice; the table did not say which reading was applied
    _people(case)
    for without_notice in (None, False):
        add_order(
            case, type="non_molestation", made="2024-03-01 10:00", expires=None, protects="Jane Doe",
            against="John Smith", conditions=["not to contact Jane Doe"], without_notice=without_notice,
        )  # fmt: skip
    add_order(
        case, type="restraining", made="2024-03-01 10:00", expires=None, protects="Jane Doe",
        against="John Smith", conditions=["not to contact Jane Doe"],
    )  # fmt: skip
    section = _orders_section(case)
    made = (
        '<td>01/03/2024 10:00:00 GMT (+00:00)<div class="small">date the suspect became aware of the order not'
        ' recorded</div><div class="small">'
    )
    assert (
        f"{made}whether the order was made without notice is not recorded; when he became aware of it is not"
        " recorded either: every contravention from the making is listed, and s.42A(2) may exclude those"
        " before he knew of it (record when he became aware with `footprint order served`)</div></td>"
    ) in section
    assert (
        f"{made}made on notice: conduct counted from when it was made (s.42A(2) applies only to an order made"
        " without notice)</div></td>"
    ) in section
    assert section.count("notice") == 3  # the restraining order's row says nothing of it


def test_a_breach_gives_the_orders_expiry_in_the_words_of_the_order_table(case: Case) -> None:
    # The order table said "end of 23/02/2025 (UK time)" and each breach "Order expires: 24/02/2025
    # 00:00:00 GMT", which a reader may take for an order in force through 24/02/2025.
    Scenario(case).say("2024-03-05 10:00", "answer me").build()
    add_order(
        case, type="restraining", made="2024-03-01 10:00", expires="2025-02-23", protects="Jane Doe",
        against="John Smith", conditions=["not to contact Jane Doe directly"],
    )  # fmt: skip
    run_only(case, "order_breach")
    section = _orders_section(case)
    assert "<td>end of 23/02/2025 (UK time)</td>" in section  # the order table
    assert (
        '<br><span class="small">Order expires: end of 23/02/2025 (UK time)</span>' in section
    )  # the breach
    assert "24/02/2025" not in section
