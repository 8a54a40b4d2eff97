"""A WhatsApp chat with times in a clock change, read through the real parser: his contact is placed
after her request where the export's order puts it, and where the order cannot decide the finding says
to check which came first instead of stating an order."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import run_only  # noqa: E402

from footprint.analyse.base import FindingDraft  # noqa: E402
from footprint.analyse.conduct.breach import find_breaches  # noqa: E402
from footprint.analyse.conduct.evidence import collect_pairs  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.analyse.law.assess import breach_row  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.parties import add_person, attribute_account  # noqa: E402
from footprint.pipeline import AddOptions, add_exhibit  # noqa: E402
from footprint.report import build_report  # noqa: E402
from tests.conftest import store_findings  # noqa: E402

HER, HIM = "Victim Person", "Alex Suspect"
REQUEST = "Please stop contacting me."
BST_BY_ORDER = "happened twice: read as BST by the order of the export"
GMT_BY_ORDER = "happened twice: read as GMT by the order of the export"


def _chat(case: Case, tmp_path: Path, text: str) -> None:
    """The chat as VP/1, her request labelled, both accounts attributed."""
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    add_exhibit(case, path, AddOptions(producer=HER, owner=None, format="whatsapp"))
    attribute_account(case, f"whatsapp:{HIM}", HIM, "test")
    attribute_account(case, f"whatsapp:{HER}", HER, "test", as_complainant=True)
    drafts = [
        FindingDraft(i.id, "request_to_stop", 0.9, "test label")
        for i in case.store.iter_items()
        if i.text.startswith(REQUEST)
    ]
    store_findings(case, "labels", drafts)


def _after_request(case: Case) -> list[tuple[str, str, float, bool]]:
    run_only(case, "contact_after_request")
    items = {i.id: i.locator for i in case.store.iter_items()}
    return [
        (items[f.item_id or 0], f.explanation, f.score, bool(f.details["to_check"]))
        for f in case.store.findings("contact_after_request")
    ]


def test_his_messages_listed_after_her_request_in_the_repeated_hour_come_after_it(
    case: Case, tmp_path: Path
) -> None:
    _chat(
        case,
        tmp_path,
        f"[25/10/2026, 01:40:00] {HER}: {REQUEST}\n"
        f"[25/10/2026, 01:10:00] {HIM}: I know where you are, you cannot hide\n"
        f"[25/10/2026, 01:20:00] {HIM}: answer me\n",
    )
    request = (
        "VP/1 line 1, 25/10/2026 01:40:00 BST (+01:00) (exported as “25/10/2026, 01:40:00”;"
        f" {BST_BY_ORDER}), to whatsapp:Alex Suspect"
    )
    assert _after_request(case) == [
        (
            "line 2",
            f"Sent by {HIM} to her 30 minute(s) (VP/1 line 1: {BST_BY_ORDER}; VP/1 line 2: {GMT_BY_ORDER})"
            f" after she asked him to stop ({request}); 1 request(s) to stop before it.",
            0.9,
            False,
        ),
        (
            "line 3",
            f"Sent by {HIM} to her 40 minute(s) (VP/1 line 1: {BST_BY_ORDER}; VP/1 line 3: {GMT_BY_ORDER})"
            f" after she asked him to stop ({request}); 1 request(s) to stop before it.",
            0.9,
            False,
        ),
    ]


def test_his_message_listed_before_her_request_in_the_skipped_hour_does_not_come_after_it(
    case: Case, tmp_path: Path
) -> None:
    _chat(
        case,
        tmp_path,
        f"[28/03/2026, 23:58:00] {HIM}: answer me or I'll come round\n"
        f"[29/03/2026, 01:30:00] {HIM}: I will kill you if you go to the police\n"
        f"[29/03/2026, 02:15:00] {HER}: {REQUEST} I am scared.\n"
        f"[30/06/2026, 00:30:00] {HIM}: unblock me\n",
    )
    [(locator, explanation, _, _)] = _after_request(case)
    assert (locator, explanation.split(" (")[0]) == (
        "line 4",
        f"Sent by {HIM} to her 2230.2 hours after she asked him to stop",
    )


def test_a_repeated_hour_the_order_cannot_decide_is_a_check_not_an_order(case: Case, tmp_path: Path) -> None:
    _chat(
        case,
        tmp_path,
        f"[25/10/2026, 01:10:00] {HER}: {REQUEST}\n[25/10/2026, 01:20:00] {HIM}: answer me\n",
    )
    request = (
        "VP/1 line 1, 25/10/2026 01:10:00 BST (+01:00) (exported as “25/10/2026, 01:10:00”; ambiguous: BST or"
        " GMT), to whatsapp:Alex Suspect"
    )
    assert _after_request(case) == [
        (
            "line 2",
            # the interval carries the other figure the times allow (a figure below zero is the check's)
            f"Sent by {HIM} to her 10 minute(s) (or 70 minute(s); VP/1 line 1: ambiguous: BST or GMT; VP/1 line 2:"
            f" ambiguous: BST or GMT) after she asked him to stop ({request}); 1 request(s) to stop"
            " before it. Check which came first: VP/1 line 1 and VP/1 line 2 may have come in either order:"
            " a time fell in a clock change (VP/1 line 1: ambiguous: BST or GMT; VP/1 line 2: ambiguous: BST"
            " or GMT).",
            0.5,
            True,
        )
    ]


def test_a_time_in_the_repeated_hour_whose_readings_both_follow_her_request_needs_no_check(
    case: Case, tmp_path: Path
) -> None:
    _chat(
        case,
        tmp_path,
        f"[25/10/2026, 00:30:00] {HER}: {REQUEST}\n[25/10/2026, 01:10:00] {HIM}: answer me\n",
    )
    [(locator, _, score, to_check)] = _after_request(case)
    assert (locator, score, to_check) == ("line 2", 0.9, False)


def test_the_course_of_conduct_says_to_check_two_items_a_repeated_hour_leaves_unordered(
    case: Case, tmp_path: Path
) -> None:
    _chat(
        case,
        tmp_path,
        f"[24/10/2026, 20:00:00] {HER}: {REQUEST}\n"
        f"[25/10/2026, 01:10:00] {HIM}: answer me\n"
        f"[25/10/2026, 01:20:00] {HIM}: answer me now\n",
    )
    run_only(case, "contact_after_request")
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    check = (
        "Check which came first: VP/1 line 2 and VP/1 line 3 may have come in either order: a time fell in a"
        " clock change (VP/1 line 2: ambiguous: BST or GMT; VP/1 line 3: ambiguous: BST or GMT)."
    )
    assert course.details["order_check"] == check
    assert course.explanation.count(check) == 1


def test_a_breach_at_a_time_the_clocks_skipped_within_an_hour_of_the_order_is_kept_to_be_checked(
    case: Case, tmp_path: Path
) -> None:
    _chat(
        case,
        tmp_path,
        f"[28/03/2026, 12:00:00] {HER}: hello\n[29/03/2026, 01:30:00] {HIM}: you can't stop me\n",
    )
    add_order(
        case, type="restraining", made="2026-03-29 02:10", expires=None, protects=HER, against=HIM,
        conditions=[f"not to contact {HER} directly"],
    )  # fmt: skip
    [pair] = collect_pairs(case)
    assert [(b.minutes_after_made, b.check) for b in find_breaches(pair)] == [
        (
            20.0,
            "the item's time fell in a clock change (time skipped by the clock change), within an hour of"
            " the order: check which came first",
        )
    ]


def test_his_undecided_time_stored_just_before_her_request_is_a_finding_to_check(
    case: Case, tmp_path: Path
) -> None:
    # His message alone in its chat: nothing bounds it, so 01:10 stays undecided (stored as the BST reading,
    # 00:10Z; the GMT reading is 01:10Z). Her request, in another export with an offset, is at 00:40Z.
    chat, request = tmp_path / f"WhatsApp Chat with {HER}.txt", tmp_path / "her-phone.csv"
    chat.write_text(f"[25/10/2026, 01:10:00] {HIM}: answer me\n", encoding="utf-8")
    request.write_text(
        f"text,sent_at,author,recipient\n{REQUEST},2026-10-25T01:40:00+01:00,{HER},{HIM}\n", encoding="utf-8"
    )
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    add_exhibit(case, chat, AddOptions(producer=HER, format="whatsapp"))
    add_exhibit(case, request, AddOptions(producer=HER, format="csv_generic", platform="whatsapp"))
    attribute_account(case, f"whatsapp:{HIM}", HIM, "test")
    attribute_account(case, f"whatsapp:{HER}", HER, "test", as_complainant=True)
    [her] = [i for i in case.store.iter_items() if i.exhibit == "VP/2"]
    store_findings(case, "labels", [FindingDraft(her.id, "request_to_stop", 0.9, "test label")])
    assert _after_request(case) == [
        (
            "line 1",
            f"Sent by {HIM} to her (25/10/2026 01:10:00 BST (+01:00)), stored before she asked him to stop"
            " (VP/2 line 2, 25/10/2026 01:40:00 BST (+01:00), to whatsapp:Alex Suspect), but it may have come"
            " after (0.5 hours before or 0.5 hours after her request, as the readings of the two times"
            " allow): Check which came first: VP/2 line 2 and VP/1 line 1 may have come in either order: a"
            " time fell in a clock change (VP/1 line 1: ambiguous: BST or GMT). It is not counted as contact"
            " after her request.",
            0.5,
            True,
        )
    ]
    [finding] = case.store.findings("contact_after_request")
    assert (finding.details["hours_after"], finding.details["hours_after_readings"]) == (None, [-0.5, 0.5])
    [pair] = collect_pairs(case)
    assert pair.after_request() == ()  # a check, not contact after her request


def _dst_chat(case: Case, tmp_path: Path) -> None:
    """The defence review's chat: his item at a time the clocks skipped (placed by the export's order) and
    one in the repeated hour the order cannot decide."""
    _chat(
        case,
        tmp_path,
        f"[30/03/2024, 23:50:00] {HER}: {REQUEST}\n"
        f"[31/03/2024, 01:30:00] {HIM}: I know where you live\n"
        f"[31/03/2024, 02:10:00] {HIM}: I'm coming round\n"
        f"[27/10/2024, 01:30:00] {HIM}: You can't hide from me\n"
        f"[27/10/2024, 01:45:00] {HER}: Leave me alone\n",
    )


def test_intervals_and_first_and_last_times_from_a_clock_change_keep_its_flag(
    case: Case, tmp_path: Path
) -> None:
    # "0.7 hours" from a time that never existed on the clock, and "5040.7 hours" that could be 5041.7,
    # were stated as exact, and the course ran "from 31/03/2024 00:30:00 GMT (+00:00)" with no flag.
    _dst_chat(case, tmp_path)
    request = "VP/1 line 1, 30/03/2024 23:50:00 GMT (+00:00), to whatsapp:Alex Suspect"
    assert [e.split(" after she asked")[0] for _, e, _, _ in _after_request(case)] == [
        f"Sent by {HIM} to her 40 minute(s) (VP/1 line 2: time skipped by the clock change; placed by the"
        " order of the export)",
        f"Sent by {HIM} to her 1.3 hours",
        f"Sent by {HIM} to her 5040.7 hours (or 5041.7 hours; VP/1 line 4: ambiguous: BST or GMT)",
    ]
    assert request in _after_request(case)[0][1]
    # the details keep every reading too; hours_after stays the stored reading's
    assert [
        (f.details["hours_after"], f.details["hours_after_readings"])
        for f in case.store.findings("contact_after_request")
    ] == [(0.67, [0.67]), (1.33, [1.33]), (5040.67, [5040.67, 5041.67])]
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert (
        "on 2 occasion(s) from 31/03/2024 00:30:00 GMT (+00:00) (exported as “31/03/2024, 01:30:00”; time"
        " skipped by the clock change; placed by the order of the export) to 27/10/2024 01:30:00 BST (+01:00)"
        " (exported as “27/10/2024, 01:30:00”; ambiguous: BST or GMT);"
    ) in course.explanation


def test_minutes_after_an_order_from_a_time_in_the_repeated_hour_give_both_figures(
    case: Case, tmp_path: Path
) -> None:
    _dst_chat(case, tmp_path)
    add_order(
        case, type="restraining", made="2024-04-01 09:00", expires=None, protects=HER, against=HIM,
        conditions=[f"not to contact {HER} directly"],
    )  # fmt: skip
    run_only(case, "order_breach")
    [breach] = case.store.findings("order_breach")
    assert breach.explanation == (
        f"Sent by {HIM} at 27/10/2024 01:30:00 BST (+01:00) (exported as “27/10/2024, 01:30:00”; ambiguous:"
        " BST or GMT), 208 days 16 hours (or 208 days 17 hours; VP/1 line 4: ambiguous: BST or GMT) after"
        " restraining order 1 (made 01/04/2024 09:00:00 BST (+01:00)) was made, contrary to: 'not to contact"
        f" {HER} directly'. Proof that he knew of the order, and any excuse, are for the lawyer."
    )
    assert (breach.details["minutes_after_made"], breach.details["minutes_after_made_readings"]) == (
        300510.0,
        [300510.0, 300570.0],
    )
    [pair] = collect_pairs(case)
    [row] = [breach_row(b, pair) for b in find_breaches(pair)]
    assert (row["minutes_after_made"], row["minutes_after_made_readings"]) == (300510.0, [300510.0, 300570.0])


def test_the_time_of_her_request_in_linked_by_keeps_its_flag(case: Case, tmp_path: Path) -> None:
    # "Linked by: 2 item(s) after she asked him to stop (27/10/2024 01:30:00 BST (+01:00))" gave one
    # reading of a time the clocks repeated as if it were the only one
    _chat(
        case,
        tmp_path,
        f"[27/10/2024, 01:30:00] {HER}: {REQUEST}\n"
        f"[28/10/2024, 09:00:00] {HIM}: answer me\n"
        f"[04/11/2024, 09:00:00] {HIM}: answer me now\n",
    )
    run_only(case, "course_of_conduct")
    [course] = case.store.findings("course_of_conduct")
    assert (
        " Linked by: 2 item(s) after she asked him to stop (27/10/2024 01:30:00 BST (+01:00) (exported as"
        " “27/10/2024, 01:30:00”; ambiguous: BST or GMT))."
    ) in course.explanation


def test_the_time_of_her_request_in_a_contact_after_it_keeps_its_flag(case: Case, tmp_path: Path) -> None:
    # The interval carried her request's flag, but the request itself was shown as "27/10/2024 01:30:00
    # BST (+01:00)", one reading of a time the clocks repeated, and its details had no flag at all.
    _chat(
        case,
        tmp_path,
        f"[27/10/2024, 01:30:00] {HER}: {REQUEST}\n[28/10/2024, 09:00:00] {HIM}: answer me\n",
    )
    [(_, explanation, _, _)] = _after_request(case)
    assert explanation == (
        f"Sent by {HIM} to her 32.5 hours (or 31.5 hours; VP/1 line 1: ambiguous: BST or GMT) after she"
        " asked him to stop (VP/1 line 1, 27/10/2024 01:30:00 BST (+01:00) (exported as “27/10/2024,"
        f" 01:30:00”; ambiguous: BST or GMT), to whatsapp:{HIM}); 1 request(s) to stop before it."
    )
    [finding] = case.store.findings("contact_after_request")
    assert finding.details["request_clock_change"] == "ambiguous: BST or GMT"
    # the report shows the flag among the finding's details
    [view] = [v for v in build_report(case).conduct if v.finding.category == "contact_after_request"]
    assert ("Clock change at her request", "ambiguous: BST or GMT") in view.details


def test_a_request_outside_a_clock_change_has_no_flag(case: Case, tmp_path: Path) -> None:
    _chat(case, tmp_path, f"[13/03/2024, 12:00:00] {HER}: {REQUEST}\n[13/03/2024, 18:00:00] {HIM}: no\n")
    [(_, explanation, _, _)] = _after_request(case)
    assert f"(VP/1 line 1, 13/03/2024 12:00:00 GMT (+00:00), to whatsapp:{HIM});" in explanation
    [finding] = case.store.findings("contact_after_request")
    assert finding.details["request_clock_change"] is None
