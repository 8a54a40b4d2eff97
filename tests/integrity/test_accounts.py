"""`verify` checks accounts' names and times seen, and conversation members, against the `add` entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from footprint.case import Case, Recorder
from footprint.integrity import verify_case
from footprint.validation.integrity_checks import tamper_sql
from tests.integrity.test_records import LATE, _fill, filled  # noqa: F401  (the fixture)

OLD = "recorded before Footprint kept digests of what it wrote"


def test_a_changed_display_name_is_named(filled: Case) -> None:  # noqa: F811
    tamper_sql(filled, "UPDATE account_name SET value = 'Craig Smith' WHERE value = 'Ben'")
    assert verify_case(filled).problems == [
        "account sms:+447700900123: display name differs from what `add` recorded at audit entry 5"
    ]


def test_a_changed_first_time_seen_is_named_against_the_latest_add_that_named_the_account(
    filled: Case,  # noqa: F811
) -> None:
    # JD/1 (entry 4) and JD/3 (entry 13) both name Ann's account: the later one recorded it last
    tamper_sql(filled, "UPDATE account SET first_seen_utc = '2024-03-01T00:00:00Z' WHERE id = 1")
    assert verify_case(filled).problems == [
        "account whatsapp:Ann Example: first or last time seen differs from what `add` recorded at audit"
        " entry 13"
    ]


def test_an_account_no_add_wrote_is_named(filled: Case) -> None:  # noqa: F811
    tamper_sql(
        filled,
        "INSERT INTO account (id, key, platform, native_id) VALUES (9, 'sms:+447700900999', 'sms',"
        " '+447700900999')",
    )
    assert verify_case(filled).problems == [
        "account sms:+447700900999: no `add` audit entry records it (written outside Footprint)"
    ]


def test_a_removed_and_a_replaced_conversation_member_are_named(filled: Case) -> None:  # noqa: F811
    tamper_sql(filled, "DELETE FROM conversation_member WHERE exhibit_id = 1 AND account_id = 2")
    tamper_sql(
        filled, "UPDATE conversation_member SET account_id = 3 WHERE exhibit_id = 3 AND account_id = 2"
    )
    assert verify_case(filled).problems == [
        "conversation members of JD/1: 1 now, 2 in what `add` recorded at audit entry 4",
        "conversation members of JD/3: who they are differs from what `add` recorded at audit entry 13",
    ]


#: what the entries record since this check, and the rows' ids they name
_NEW = (
    "account_digests",
    "member_digests",
    "copy_digests",
    "attribution_ids",
    "attribution_id",
    "supply_id",
    "service_id",
    "notice_id",
)


def test_a_case_made_before_these_were_recorded_verifies_with_notes(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = Recorder.__call__

    def as_before(self: Recorder, action: str, object: str, justification: str = "", **details: Any) -> None:
        for name in _NEW:
            details.pop(name, None)
        record(self, action, object, justification, **details)

    monkeypatch.setattr(Recorder, "__call__", as_before)
    _fill(case, tmp_path)
    report = verify_case(case)
    assert (report.problems, report.notes) == (
        [],
        [
            f"copies in JD/3 of items of JD/1 (audit entry 13): which items they repeat not recorded ({OLD})",
            "accounts: the display names and first and last times seen of 4 account(s) not checked; audit"
            f" entries 4, 5, 13 (`add`) did not record them ({OLD})",
            "conversation members of JD/1 (audit entry 4), JD/2 (audit entry 5), JD/3 (audit entry 13): no"
            f" digest recorded ({OLD})",
            LATE,
        ],
    )
    # rows still paired in order, as before: a change is named
    tamper_sql(case, "UPDATE order_service SET means = 'by post'")
    assert verify_case(case).problems == [
        "service record 1 of order 1: means differs from what `order served` recorded at audit entry 9"
    ]


def test_an_add_since_by_a_version_that_did_not_record_accounts_leaves_them_unchecked(
    filled: Case,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from footprint.pipeline import AddOptions, add_exhibit

    record = Recorder.__call__

    def as_before(self: Recorder, action: str, object: str, justification: str = "", **details: Any) -> None:
        details.pop("account_digests", None)
        record(self, action, object, justification, **details)

    monkeypatch.setattr(Recorder, "__call__", as_before)
    (tmp_path / "later.txt").write_text("15/03/2024, 10:00 - Ann Example: later\n", encoding="utf-8")
    add_exhibit(filled, tmp_path / "later.txt", AddOptions(producer="Jane Doe"))  # widens Ann's times
    report = verify_case(filled)
    assert (report.problems, report.notes) == (
        [],
        [
            "accounts: the display names and first and last times seen of 4 account(s) not checked; audit"
            f" entry 14 (`add`) did not record them ({OLD})",
            "JD/3 and JD/4 were added after link's run of 15/03/2024 00:00:00 GMT (+00:00): they have not been"
            " analysed: run `footprint analyse` again",
        ],
    )
