"""`exhibit owner`: whose phone an exhibit came from, recorded after `add` (append-only, audited), so
confirmed findings on a phone checked without --owner reach `assess`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from cli.test_her_accounts import TELEGRAM
from footprint.analyse.conduct.evidence import collect_pairs
from footprint.case import Case
from footprint.integrity import verify_case
from footprint.parties import add_person
from footprint.report.continuity import continuity
from footprint.settings import Settings
from footprint.validation.integrity_checks import tamper_sql


def _unowned_tracker(run_cli: Callable[..., Result], case: Case) -> int:
    """A tracker entry made while the case had no complainant (so no owner), then confirmed."""
    made = run_cli(
        "device",
        "tracker",
        str(case.dir),
        "--type",
        "AirTag",
        "--where",
        "her car",
        "--at",
        "2024-03-06 18:30",
    )
    assert made.exit_code == 0, made.output
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    [item] = list(case.store.iter_items())
    done = run_cli("record", str(case.dir), str(item.id), "--category", "tracker", "--reason", "seen")
    assert done.exit_code == 0, done.output
    return item.id


def test_an_owner_recorded_after_add_is_counted_by_assess(run_cli: Callable[..., Result], case: Case) -> None:
    # An exhibit's owner could only be given to `add`: a phone checked without --owner stayed out of
    # `assess` for good (`device check --owner` again found the exhibit already added and changed nothing).
    item_id = _unowned_tracker(run_cli, case)
    [pair] = collect_pairs(case)
    assert pair.items == ()
    recorded = run_cli(
        "exhibit",
        "owner",
        str(case.dir),
        "T/1",
        "--person",
        "Jane Doe",
        "--reason",
        "her car, per her statement",
    )
    assert recorded.output == (
        "Exhibit T/1 is recorded as Jane Doe's; run `footprint assess` again to count confirmed findings on it\n"
    )
    [pair] = collect_pairs(case)
    assert [(p.item.id, p.direction) for p in pair.items] == [(item_id, "device")]
    listed = json.loads(run_cli("ls", str(case.dir), "--json").output)
    assert [(e["ref"], e["owner"]) for e in listed["exhibits"]] == [("T/1", "Jane Doe")]
    with case.store.engine.connect() as conn:  # the exhibit's own row is never rewritten
        assert conn.exec_driver_sql("SELECT owner FROM exhibit").scalars().all() == [None]
    [entry] = [e for e in case.store.audit_entries() if e.action == "exhibit owner"]
    assert (entry.actor, entry.object, entry.justification) == ("tester", "T/1", "her car, per her statement")
    events = [c.event for c in continuity(case.store.exhibits(), list(case.store.audit_entries()))]
    assert events[-1] == "recorded as Jane Doe's: her car, per her statement"
    assert verify_case(case).problems == []


def test_a_different_owner_needs_a_correction_and_both_stay_on_the_record(
    run_cli: Callable[..., Result], case: Case
) -> None:
    _unowned_tracker(run_cli, case)
    add_person(case, "Ann Witness", "witness")
    base = ("exhibit", "owner", str(case.dir), "T/1", "--reason")
    assert run_cli(*base, "told so", "--person", "Ann Witness").exit_code == 0
    same = run_cli(*base, "again", "--person", "Ann Witness")
    assert same.output == "Error: exhibit T/1 is already recorded as Ann Witness's; nothing was changed\n"
    other = run_cli(*base, "her car", "--person", "Jane Doe")
    assert other.output == (
        "Error: exhibit T/1 is already recorded as Ann Witness's; nothing was changed. If that was wrong,"
        " record the right owner with --correction (both stay on the record)\n"
    )
    nobody = run_cli(*base, "her car", "--person", "Jane Dough", "--correction")
    assert nobody.output == (
        "Error: no person called 'Jane Dough' in this case; known: Ann Witness, Jane Doe, John Smith (add one"
        " with `footprint person add`)\n"
    )
    fixed = run_cli(*base, "the car is hers", "--person", "Jane Doe", "--correction")
    assert fixed.output == (
        "Exhibit T/1 is recorded as Jane Doe's (was Ann Witness); run `footprint assess` again to count"
        " confirmed findings on it\n"
    )
    assert [e.owner for e in case.store.exhibits()] == ["Jane Doe"]
    events = [c.event for c in continuity(case.store.exhibits(), list(case.store.audit_entries()))]
    assert events[-2:] == [
        "recorded as Ann Witness's: told so",
        "recorded as Jane Doe's (correcting Ann Witness): the car is hers",
    ]
    assert verify_case(case).problems == []
    tamper_sql(case, "INSERT INTO exhibit_owner (exhibit_id, owner, corrects, reason, by_user, role, at_utc)"
               " VALUES (1, 'John Smith', 'Jane Doe', 'r', 'x', 'investigator', '2024-03-01T00:00:00Z')")  # fmt: skip
    assert verify_case(case).problems == [
        "owner record 3 of exhibit T/1: no audit entry records it (written outside Footprint)"
    ]


def test_only_a_deciding_role_that_sees_the_whole_case_records_an_owner(
    run_cli: Callable[..., Result], case: Case
) -> None:
    _unowned_tracker(run_cli, case)
    base = ("exhibit", "owner", str(case.dir), "T/1", "--person", "Jane Doe", "--reason")
    refused = run_cli("--role", "advocate", *base, "mine")
    assert refused.output == (
        "Error: tester acts as 'advocate', which may not record whose an exhibit is; the officer in the"
        " case (an investigator), a reviewer or a prosecutor must record it\n"
    )
    viewer = run_cli("--role", "viewer", *base, "mine")
    assert viewer.output == (
        "Error: tester acts as 'viewer', which may read the case but not change it; `footprint exhibit owner`"
        " changes it: ask the officer in the case (an investigator), a reviewer or a prosecutor to do it\n"
    )
    no_reason = run_cli(*base, " ")
    assert no_reason.output == (
        "Error: every record of an exhibit's owner needs a reason (it is kept in the audit log); give one and"
        " try again\n"
    )
    assert [e.owner for e in case.store.exhibits()] == [None]


def test_an_owner_the_export_contradicts_is_recorded_with_a_warning(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    # `add --owner` warns when the export's own account is another person's; `exhibit owner` recorded
    # such an owner silently, and the MG11 draft then said it came from his phone (new-code review 2,
    # defect 7)
    case = tmp_path / "case"
    assert run_cli("case", "init", str(case), "--name", "R v Suspect").exit_code == 0
    assert run_cli("person", "add", str(case), "Jane Doe", "--role", "complainant").exit_code == 0
    assert run_cli("person", "add", str(case), "Alex Suspect", "--role", "suspect").exit_code == 0
    chat = tmp_path / "result.json"
    chat.write_text(json.dumps(TELEGRAM), encoding="utf-8")
    assert run_cli("add", str(case), str(chat), "--producer", "PC Patel").exit_code == 0
    owner = ("exhibit", "owner", str(case), "P/1", "--reason", "seized from him")
    said = run_cli(*owner, "--person", "Alex Suspect")
    assert said.exit_code == 0
    warning = (
        "warning: the export names telegram:user222 as its own account, and it is called Jane Doe, the name"
        " of the complainant in this case; check that P/1 is Alex Suspect's (if not, record the right owner"
        " with --correction)"
    )
    assert said.output.splitlines()[1:] == [warning]
    attributed = run_cli(
        *("account", "attribute", str(case), "telegram:user222", "--person", "Jane Doe"),
        *("--as-complainant", "--basis", "she confirms it"),
    )
    assert attributed.exit_code == 0
    said = run_cli(*owner, "--person", "Jane Doe", "--correction")
    assert said.output.splitlines()[1:] == []  # her own account: nothing against it
    said = run_cli(*owner, "--person", "Alex Suspect", "--correction")
    assert said.output.splitlines()[1:] == [
        "warning: the export names telegram:user222 as its own account, and it is attributed to Jane Doe;"
        " check that P/1 is Alex Suspect's (if not, record the right owner with --correction)"
    ]
    store = Case.open(case, Settings(actor="t", database_url=None)).store
    entries = [e for e in store.audit_entries() if e.action == "exhibit owner"]
    assert [json.loads(e.details).get("warnings") for e in entries] == [
        [warning.removeprefix("warning: ").split("; check")[0]],
        None,
        ["the export names telegram:user222 as its own account, and it is attributed to Jane Doe"],
    ]
