"""One message held by two exhibits counts once in the course of conduct, the contact after a request to
stop, the breaches and the assessment; the first exhibit's item is cited and its copies named."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, chat_held_twice, run_only  # noqa: E402

from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402


@pytest.mark.parametrize("how", ["zip", "folder"])
def test_the_course_of_conduct_counts_each_message_once_and_names_its_copy(
    case: Case, tmp_path: Path, how: str
) -> None:
    chat_held_twice(case, tmp_path, how)
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert course.explanation.startswith(
        "John Smith → Jane Doe: 4 item(s) on 3 occasion(s) from 14/03/2024 09:00:00 GMT (+00:00) to"
        " 15/03/2024 20:00:00 GMT (+00:00); at least two occasions, so a course of conduct is possible."
        " Occasions (items less than 60 minutes apart are one occasion: a rule of this tool, not of law):"
        " 1. 14/03/2024: JD/1 line 1 (also JD/2 line 1); 2. 14/03/2024: JD/1 line 3 (also JD/2 line 3),"
        " JD/1 line 4 (also JD/2 line 4); 3. 15/03/2024: JD/1 line 5 (also JD/2 line 5)."
    )
    assert course.details["item_ids"] == [1, 3, 4, 5]


def test_contact_after_her_request_counts_one_request_and_each_message_once(
    case: Case, tmp_path: Path
) -> None:
    chat_held_twice(case, tmp_path, "zip")
    run_only(case, "contact_after_request")
    found = case.store.findings("contact_after_request")
    assert [f.item_id for f in found] == [3, 4, 5]
    assert found[0].explanation == (
        "Sent by John Smith to her 3.9 hours after she asked him to stop (JD/1 line 2 (also JD/2 line 2),"
        " 14/03/2024 09:05:00 GMT (+00:00), to whatsapp:John Smith); 1 request(s) to stop before it."
    )


def test_each_breach_is_listed_once_with_its_copies(case: Case, tmp_path: Path) -> None:
    chat_held_twice(case, tmp_path, "zip")
    add_order(
        case, type="restraining", made="2024-03-14 10:00", expires=None, protects=HER, against=HIM,
        conditions=["not to contact Jane Doe directly or indirectly"],
    )  # fmt: skip
    breaches = assess_case(case, date(2024, 6, 1))["breaches"]
    assert [(b["item_id"], b["exhibit"], b["locator"], b.get("copies")) for b in breaches] == [
        (3, "JD/1", "line 3", ["JD/2 line 3"]),
        (4, "JD/1", "line 4", ["JD/2 line 4"]),
        (5, "JD/1", "line 5", ["JD/2 line 5"]),
    ]
    run_only(case, "order_breach")
    assert [f.item_id for f in case.store.findings("order_breach")] == [3, 4, 5]


def test_a_dismissed_finding_on_the_first_item_is_not_brought_back_by_its_copy(
    case: Case, tmp_path: Path
) -> None:
    from footprint.review import decide

    chat_held_twice(case, tmp_path, "zip")
    [threat] = [f for f in case.store.findings("threat_violence") if f.item_id == 1]
    decide(case, threat.id, "dismiss", "a reviewer reads it as no threat")
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert course.details["item_ids"] == [3, 4, 5]
