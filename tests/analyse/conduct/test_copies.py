"""One message held by two exhibits counts once in the course of conduct, the contact after a request to
stop, the breaches and the assessment; the first exhibit's item is cited and its copies named."""

from __future__ import annotations

import shutil
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, run_only  # noqa: E402

from footprint.analyse.base import FindingDraft  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.analyse.law.assess import assess_case  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.parties import add_person, attribute_account  # noqa: E402
from footprint.pipeline import AddOptions, add_exhibit  # noqa: E402
from tests.conftest import store_findings  # noqa: E402

CHAT = """\
14/03/2024, 09:00 - John Smith: you will regret this
14/03/2024, 09:05 - Jane Doe: please stop messaging me
14/03/2024, 13:00 - John Smith: ok
14/03/2024, 13:01 - John Smith: ok
15/03/2024, 20:00 - John Smith: answer me
"""
# what a detector finds on each line of the chat, in every exhibit holding it
LABELS = {"you will regret this": "threat_violence", "please stop messaging me": "request_to_stop"}


def _chat_and_copy(case: Case, tmp_path: Path, how: str) -> None:
    """The chat as JD/1, then again as JD/2 (its zip, or a folder holding it), labelled and attributed."""
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    again = tmp_path / "WhatsApp Chat with John Smith.zip"
    if how == "zip":
        with zipfile.ZipFile(again, "w") as archive:
            archive.write(chat, "_chat.txt")
    else:
        again = tmp_path / "export"
        again.mkdir()
        shutil.copy(chat, again / "_chat.txt")
    for path in (chat, again):
        add_exhibit(case, path, AddOptions(producer=HER, owner=None))
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    attribute_account(case, f"whatsapp:{HIM}", HIM, "test")
    attribute_account(case, f"whatsapp:{HER}", HER, "test")
    drafts = [
        FindingDraft(i.id, LABELS[i.text], 0.9, "test label")
        for i in case.store.iter_items()
        if i.text in LABELS
    ]
    assert len(drafts) == 4  # each labelled line in both exhibits
    store_findings(case, "labels", drafts)


@pytest.mark.parametrize("how", ["zip", "folder"])
def test_the_course_of_conduct_counts_each_message_once_and_names_its_copy(
    case: Case, tmp_path: Path, how: str
) -> None:
    _chat_and_copy(case, tmp_path, how)
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
    _chat_and_copy(case, tmp_path, "zip")
    run_only(case, "contact_after_request")
    found = case.store.findings("contact_after_request")
    assert [f.item_id for f in found] == [3, 4, 5]
    assert found[0].explanation == (
        "Sent by John Smith to her 3.9 hours after she asked him to stop (JD/1 line 2 (also JD/2 line 2),"
        " 14/03/2024 09:05:00 GMT (+00:00), to whatsapp:John Smith); 1 request(s) to stop before it."
    )


def test_each_breach_is_listed_once_with_its_copies(case: Case, tmp_path: Path) -> None:
    _chat_and_copy(case, tmp_path, "zip")
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

    _chat_and_copy(case, tmp_path, "zip")
    [threat] = [f for f in case.store.findings("threat_violence") if f.item_id == 1]
    decide(case, threat.id, "dismiss", "a reviewer reads it as no threat")
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert course.details["item_ids"] == [3, 4, 5]
