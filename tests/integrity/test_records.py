"""`verify` checks orders, supply records, attributions, links, suggestions, warnings and copies against their
entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from footprint.analyse.conduct.orders import add_order, record_awareness
from footprint.analyse.link.review import accept_link, reject_link
from footprint.case import Case, Recorder
from footprint.integrity import verify_case
from footprint.integrity.digests import run_details
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.review.suggest import suggest_attribution, suggest_link, suggest_new_person
from footprint.review.supplied import mark_supplied
from footprint.settings import Settings
from footprint.store.links import LinkRow, add_links
from footprint.store.orders import Awareness, insert_awareness
from footprint.validation.integrity_checks import tamper_sql
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

CHAT = (
    "14/03/2024, 09:15 - Ann Example: No. It's over\n"
    "14/03/2024, 09:16 - Ben Example: ok\n"
    "32/10/2024, 09:00 - Ann Example: impossible date\n"
)
SMS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<smses count="1">\n'
    '<sms address="+447700900123" date="1710410100000" type="1" body="again" readable_date="x"'
    ' contact_name="Ben" />\n</smses>\n'
)
SAME_CHAT = CHAT.replace("impossible date", "another line")
#: JD/3 is added after the linkage run (``_fill``): `verify` notes that no analyser read it
LATE = (
    "JD/3 was added after link's run of 15/03/2024 00:00:00 GMT (+00:00): it has not been analysed: run"
    " `footprint analyse` again"
)


def _fill(case: Case, folder: Path) -> Case:
    """Entries: 2-3 people; 4 add JD/1 (a warning); 5 add JD/2 (supplied by Ann, her own account
    attributed to her); 6 `exhibit supplied` JD/1; 7 account attribute; 8 order add, 9 served, 10 notice; 11 a
    linkage run of one link; 12 link accept; 13 add JD/3 (a copy of a JD/1 item)."""
    add_person(case, "Ann Example", "complainant")
    add_person(case, "Ben Example", "suspect")
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")
    add_exhibit(case, folder / "chat.txt", AddOptions(producer="Jane Doe"))
    (folder / "sms.xml").write_text(SMS, encoding="utf-8")
    options = AddOptions(producer="Jane Doe", owner="Ann Example", victim_supplied=True)
    add_exhibit(case, folder / "sms.xml", options)
    mark_supplied(case, "JD/1", "she handed over her phone")
    attribute_account(case, "whatsapp:Ben Example", "Ben Example", "his number in the chat")
    add_order(
        case,
        type="non_molestation",
        made="01/03/2024",
        expires="01/03/2025",
        protects="Ann Example",
        against="Ben Example",
        conditions=["not to contact Ann Example"],
        served="02/03/2024",
        served_how="in person",
        without_notice=True,
        notice_reason="urgent",
    )
    with case.transaction() as (tx, record):
        run_id = tx.add_run(
            analyser="link",
            version=1,
            settings_hash="s" * 64,
            started_utc="2024-03-15T00:00:00Z",
            status="ok",
            error=None,
        )
        add_links(tx.conn, run_id, [LinkRow("whatsapp:Ben Example", "sms:+447700900123", 0.9, 3.0, {})])
        record("analyse", "link", **run_details(tx.conn, run_id))
    accept_link(case, "whatsapp:Ben Example", "sms:+447700900123", "same man")
    (folder / "same.txt").write_text(SAME_CHAT, encoding="utf-8")
    add_exhibit(case, folder / "same.txt", AddOptions(producer="Jane Doe"))
    return case


@pytest.fixture
def filled(case: Case, tmp_path: Path) -> Case:
    return _fill(case, tmp_path)


def test_an_untouched_case_with_every_kind_of_record_verifies(filled: Case) -> None:
    assert (verify_case(filled).problems, verify_case(filled).notes) == ([], [LATE])


def test_a_changed_order_is_named_by_field(filled: Case) -> None:
    tamper_sql(filled, "UPDATE court_order SET expires_utc = NULL, conditions = '[]'")
    assert verify_case(filled).problems == [
        "order 1: expires_utc differs from what `order add` recorded at audit entry 8",
        "order 1: conditions differ from what `order add` recorded at audit entry 8",
    ]


def test_a_changed_service_and_notice_record_are_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE order_service SET aware_utc = '2024-06-01T00:00:00Z'")
    tamper_sql(filled, "UPDATE order_notice SET without_notice = false")
    assert verify_case(filled).problems == [
        "service record 1 of order 1: aware_utc differs from what `order served` recorded at audit entry 9",
        "notice record 1 of order 1: without_notice differs from what `order notice` recorded at audit entry 10",
    ]


def test_a_supply_record_changed_or_inserted_is_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE exhibit_supply SET reason = 'forged' WHERE id = 1")
    tamper_sql(
        filled,
        "INSERT INTO exhibit_supply (exhibit_id, supplied_by, reason, by_user, role, at_utc)"
        " VALUES (3, 'complainant', 'r', 'tester', 'investigator', '2024-03-01T00:00:00Z')",
    )
    assert verify_case(filled).problems == [
        "supply record 1 of exhibit JD/2: reason differs from what `add` recorded at audit entry 5",
        "supply record 3 of exhibit JD/3: no audit entry records it (written outside Footprint)",
    ]


def test_an_attribution_moved_to_another_person_is_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE attribution SET person_id = 2 WHERE id = 1")
    assert verify_case(filled).problems == [
        "attribution 1 (sms:owner:Ann Example): person differs from what `add` recorded at audit entry 5"
    ]


def test_a_withdrawn_attribution_is_expected_rejected(filled: Case) -> None:
    reject_link(filled, "whatsapp:Ben Example", "sms:+447700900123", "not him after all")
    assert verify_case(filled).problems == []
    tamper_sql(filled, "UPDATE attribution SET status = 'accepted' WHERE id = 3")
    assert verify_case(filled).problems == [
        "attribution 3 (sms:+447700900123): status differs from what `link accept` recorded at audit entry 12"
    ]


def test_a_link_changed_or_undecided_is_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE link SET log10_lr = 6.0, status = 'proposed'")
    assert verify_case(filled).problems == [
        "links of analyser run 1: log10_lr differs from what `analyse` recorded at audit entry 11",
        "link 1 (whatsapp:Ben Example ~ sms:+447700900123): proposed now, accepted by `link accept` at"
        " audit entry 12",
    ]


def test_a_changed_warning_is_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE warning SET raw = 'I know where you live' WHERE id = 1")
    assert verify_case(filled).problems == [
        "warnings of JD/1: raw differs from what `add` recorded at audit entry 4"
    ]


def test_a_removed_copy_record_is_counted(filled: Case) -> None:
    tamper_sql(filled, "DELETE FROM item_copy")
    assert verify_case(filled).problems == [
        "copies in JD/3 of items of JD/1: 0 recorded now, 2 in what audit entry 13 recorded"
    ]


def test_on_postgresql_a_changed_order_is_named(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = _fill(
        Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings), tmp_path
    )
    assert (verify_case(case).problems, verify_case(case).notes) == ([], [LATE])
    with case.store.unscoped_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))  # the triggers do not fire
        conn.execute(text("UPDATE order_notice SET reason = 'none given'"))
    assert verify_case(case).problems == [
        "notice record 1 of order 1: reason differs from what `order notice` recorded at audit entry 10"
    ]
    case.close()


def test_an_attribution_moved_to_another_account_is_named_by_its_id(filled: Case) -> None:
    tamper_sql(filled, "UPDATE attribution SET account_id = 1 WHERE id = 2")
    assert verify_case(filled).problems == [
        "attribution 2 (whatsapp:Ann Example): account differs from what `account attribute` recorded at"
        " audit entry 7"
    ]


def test_attributions_of_an_add_that_did_not_record_them_are_noted(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = Recorder.__call__

    def as_before(self: Recorder, action: str, object: str, justification: str = "", **details: Any) -> None:
        details.pop("attributed", None)  # what `add` recorded before it named the account it attributed
        record(self, action, object, justification, **details)

    monkeypatch.setattr(Recorder, "__call__", as_before)
    add_person(case, "Ann Example", "complainant")
    (tmp_path / "sms.xml").write_text(SMS, encoding="utf-8")
    add_exhibit(case, tmp_path / "sms.xml", AddOptions(producer="Jane Doe", owner="Ann Example"))
    assert verify_case(case).notes == [
        "attributions: not checked; audit entry 3 did not record whether `add --owner` attributed the export's"
        " own account (recorded before Footprint kept digests of what it wrote)"
    ]


def test_every_account_an_add_attributed_to_its_owner_is_checked(case: Case, tmp_path: Path) -> None:
    from tests.ingest.test_cellebrite_ufed import _two_owners

    add_person(case, "Jane Doe", "complainant")
    add_exhibit(case, _two_owners(tmp_path), AddOptions(producer="PC Patel", owner="Jane Doe"))
    assert (verify_case(case).problems, verify_case(case).notes) == ([], [])
    tamper_sql(case, "UPDATE attribution SET basis = 'she said so' WHERE id = 2")
    assert verify_case(case).problems == [
        "attribution 2 (whatsapp:+447700900789): basis differs from what `add` recorded at audit entry 3"
    ]


def test_a_copy_pointed_at_another_item_of_the_same_exhibit_is_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE item_copy SET of_item_id = 3 - of_item_id")  # the two copies swap originals
    assert verify_case(filled).problems == [
        "copies in JD/3 of items of JD/1: the items they repeat, or the rule, differ from what audit entry 13"
        " recorded"
    ]


def test_a_copy_rule_changed_is_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE item_copy SET rule = 'same_minute' WHERE item_id = 5")
    assert verify_case(filled).problems == [
        "copies in JD/3 of items of JD/1: the items they repeat, or the rule, differ from what audit entry 13"
        " recorded"
    ]


def _awareness(raw: str, means: str) -> Awareness:
    return Awareness(f"2024-03-{raw[:2]}T00:00:00Z", raw, False, means, "tester", "2024-03-20T00:00:00Z")


def test_service_records_whose_entries_came_in_another_order_pair_by_their_ids(filled: Case) -> None:
    # two writers at once (a PostgreSQL team case): rows 2 and 3 inserted in that order, their entries
    # appended the other way round
    with filled.transaction() as (tx, record):
        first = insert_awareness(tx, 1, _awareness("05/03/2024", "by post"))
        second = insert_awareness(tx, 1, _awareness("06/03/2024", "by email"))
        for row_id, aware in (
            (second, _awareness("06/03/2024", "by email")),
            (first, _awareness("05/03/2024", "by post")),
        ):
            record(
                "order served",
                "order 1",
                aware_utc=aware.aware_utc,
                aware_raw=aware.aware_raw,
                means=aware.means,
                service_id=row_id,
            )
    assert verify_case(filled).problems == []


def test_service_records_swapped_between_orders_are_named_by_their_ids(filled: Case) -> None:
    add_order(
        filled,
        type="restraining",
        made="01/04/2024",
        expires=None,
        protects="Ann Example",
        against="Ben Example",
        conditions=["not to go to her street"],
        served="03/04/2024",
        served_how="by post",
    )
    assert verify_case(filled).problems == []
    tamper_sql(filled, "UPDATE order_service SET order_id = 3 - order_id")
    assert verify_case(filled).problems == [
        "service record 2 of order 1: order differs from what `order served` recorded at audit entry 15",
        "service record 1 of order 2: order differs from what `order served` recorded at audit entry 9",
    ]


def test_on_postgresql_two_writers_at_once_are_paired_by_id(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = _fill(
        Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings), tmp_path
    )
    aware = _awareness("05/03/2024", "by post")
    with case.transaction() as (tx, record):
        row_id = insert_awareness(tx, 1, aware)  # service record 2
        record_awareness(case, 1, "06/03/2024", "by email")  # a colleague's: record 3, committed first
        record(
            "order served",
            "order 1",
            aware_utc=aware.aware_utc,
            aware_raw=aware.aware_raw,
            means=aware.means,
            service_id=row_id,
        )
    assert [e.action for e in case.store.audit_entries()][-2:] == ["order served", "order served"]
    assert (verify_case(case).problems, verify_case(case).notes) == ([], [LATE])
    case.close()


def _suggested(case: Case) -> int:
    """An advocate's suggested link and attribution (sms accounts: JD/3 names the WhatsApp ones, and it is
    withheld from her); the `link suggest` entry's number."""
    ann = case.acting_as("Ann", "advocate")
    suggest_link(ann, "sms:+447700900123", "sms:owner:Ann Example", "the same phone")
    suggest_attribution(ann, "sms:+447700900123", "Ben Example", "his number")
    return next(e.seq for e in case.store.audit_entries() if e.action == "link suggest")


def test_a_suggestion_changed_removed_or_written_outside_footprint_is_named(filled: Case) -> None:
    linked = _suggested(filled)
    assert verify_case(filled).problems == []
    tamper_sql(
        filled, "UPDATE suggestion SET note = 'she never said so', person = 'Ann Example' WHERE id = 2"
    )
    tamper_sql(filled, "DELETE FROM suggestion WHERE id = 1")
    tamper_sql(
        filled,
        "INSERT INTO suggestion (kind, account_a, person, user, role, note, at_utc)"
        " VALUES ('attribution', 'sms:+447700900123', 'Ann Example', 'Ann', 'advocate', 'forged', 't')",
    )
    assert verify_case(filled).problems == [
        f"suggestion 2 (attribution): person differs from what `account suggest` recorded at audit entry"
        f" {linked + 1}",
        f"suggestion 2 (attribution): note differs from what `account suggest` recorded at audit entry"
        f" {linked + 1}",
        "suggestion 3 (attribution): no audit entry records it (written outside Footprint)",
        f"suggestion 1 (link): `link suggest` recorded it at audit entry {linked} but the case no longer holds it",
    ]


def test_a_suggested_new_person_is_checked_against_its_entry(filled: Case) -> None:
    ann = filled.acting_as("Ann", "advocate")
    suggest_new_person(ann, "sms:+447700900123", "Lee Brown", "his cousin's phone")
    made = list(filled.store.audit_entries())[-1].seq
    assert verify_case(filled).problems == []
    # the new name turned into a person in the case: an attribution she never suggested
    tamper_sql(filled, "UPDATE suggestion SET kind = 'attribution', person = 'Ben Example' WHERE id = 1")
    assert verify_case(filled).problems == [
        f"suggestion 1 (attribution): kind differs from what `account suggest` recorded at audit entry {made}",
        f"suggestion 1 (attribution): person differs from what `account suggest` recorded at audit entry {made}",
    ]
