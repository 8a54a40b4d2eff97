"""`verify` checks the database's rows against what the audit entries that wrote them recorded."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import select, text

from footprint.analyse.base import FindingDraft, RunOutcome, RunRecord, _record_run
from footprint.case import Case
from footprint.ingest import parsers
from footprint.integrity import verify_case
from footprint.integrity.digests import ITEM_FIELDS, ItemDigester, WrittenItems, item_digests
from footprint.pipeline import AddOptions, add_exhibit
from footprint.review import decide
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store.decisions import insert_decision
from footprint.validation.integrity_checks import tamper_sql
from tests.scopecase import build
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

CHAT = "14/03/2024, 09:15 - Ann Example: No. It's over\n14/03/2024, 09:16 - Ben Example: ok\n"
OTHER = "15/03/2024, 10:00 - Ann Example: leave me alone\n"


def _fill(case: Case, folder: Path) -> Case:
    """Two exhibits (entries 2 and 3), a detect run of one finding (4) and a decision on it (5)."""
    for name, chat in (("chat.txt", CHAT), ("other.txt", OTHER)):
        path = folder / name
        path.write_text(chat, encoding="utf-8")
        add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    draft = FindingDraft(2, "insult_harassment", 0.5, "Dismissive.", ((0, 2),), ("insult.x",))
    _record_run(
        case, RunRecord(RunOutcome("detect", 8, "ok", 1), "s" * 64, None, "2026-11-30T00:00:00.000Z"), [draft]
    )
    decide(case, 1, "confirm", "clear")
    return case


@pytest.fixture
def filled(case: Case, tmp_path: Path) -> Case:
    return _fill(case, tmp_path)


def test_an_untouched_case_verifies_with_its_counts(filled: Case) -> None:
    report = verify_case(filled)
    assert (report.problems, report.notes) == ([], [])
    assert (report.exhibits, report.items, report.findings, report.decisions) == (2, 3, 1, 1)


READ_BY = f"the original read again by whatsapp version {parsers.get('whatsapp').version} gives"


def test_changed_item_text_is_named_with_the_add_entry(filled: Case) -> None:
    tamper_sql(filled, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 1")
    assert verify_case(filled).problems == [
        "item 1 (line 1) of JD/1: text differs from what `add` recorded at audit entry 2: the case holds"
        f' "I will kill you tonight", {READ_BY} "No. It\'s over"'
    ]


def test_changed_raw_text_is_named_by_item_and_by_the_add_entry(filled: Case) -> None:
    tamper_sql(filled, "UPDATE item SET raw = 'I will kill you tonight' WHERE id = 1")
    assert verify_case(filled).problems == [
        "item 1 (line 1) of JD/1: raw differs from what `add` recorded at audit entry 2: the case holds"
        f' "I will kill you tonight", {READ_BY} "14/03/2024, 09:15 - Ann Example: No. It\'…"',
        "item 1 (JD/1 line 1): its raw text no longer has the SHA-256 recorded when it was read",
    ]


def test_changed_author_times_and_flags_are_each_named(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("footprint.pipeline.read_settings", lambda ctx: None)  # no item named: the blocks
    filled = _fill(case, tmp_path)
    tamper_sql(
        filled,
        "UPDATE item SET author_name = 'Ben Example', sent_at_utc = '2024-03-14T20:00:00Z', deleted = 1"
        " WHERE id = 1",
    )
    assert verify_case(filled).problems == [
        "items of JD/1: author differs from what `add` recorded at audit entry 2",
        "items of JD/1: times differ from what `add` recorded at audit entry 2",
        "items of JD/1: flags differ from what `add` recorded at audit entry 2",
        "items 1–2 (line 1 to line 2) of JD/1: the items that differ are among these",
    ]


def test_a_removed_item_is_counted(filled: Case) -> None:
    tamper_sql(filled, "DELETE FROM item WHERE id = 2")
    assert verify_case(filled).problems == [
        "items of JD/1: 1 items now, 2 in what `add` recorded at audit entry 2",
        "items of JD/1: place differs from what `add` recorded at audit entry 2",
        "items of JD/1: kind differs from what `add` recorded at audit entry 2",
        "items of JD/1: author differs from what `add` recorded at audit entry 2",
        "items of JD/1: conversation differs from what `add` recorded at audit entry 2",
        "items of JD/1: times differ from what `add` recorded at audit entry 2",
        "items of JD/1: text differs from what `add` recorded at audit entry 2",
        "items of JD/1: raw differs from what `add` recorded at audit entry 2",
        "items of JD/1: flags differ from what `add` recorded at audit entry 2",
        "items of JD/1: details differ from what `add` recorded at audit entry 2",
    ]


def test_swapped_exhibit_hashes_are_named(filled: Case) -> None:
    first, second = (e.sha256 for e in filled.store.exhibits())
    tamper_sql(filled, "UPDATE exhibit SET sha256 = 'tmp' WHERE ref = 'JD/1'")
    tamper_sql(filled, f"UPDATE exhibit SET sha256 = '{first}' WHERE ref = 'JD/2'")
    tamper_sql(filled, f"UPDATE exhibit SET sha256 = '{second}' WHERE ref = 'JD/1'")
    assert verify_case(filled).problems == [
        "exhibit JD/1: sha256 differs from what `add` recorded at audit entry 2",
        "exhibit JD/2: sha256 differs from what `add` recorded at audit entry 3",
    ]


def test_an_exhibit_without_its_add_entry_and_an_entry_without_its_exhibit(filled: Case) -> None:
    tamper_sql(filled, "UPDATE exhibit SET ref = 'XX/1' WHERE ref = 'JD/2'")
    assert verify_case(filled).problems == [
        "exhibit XX/1: no `add` audit entry records it (written outside Footprint)",
        "exhibit JD/2: `add` recorded it at audit entry 3 but the case no longer holds it",
    ]


def test_changed_finding_is_named_by_field(filled: Case) -> None:
    tamper_sql(filled, "UPDATE finding SET category = 'threat_to_kill', score = 0.99 WHERE id = 1")
    assert verify_case(filled).problems == [
        "findings of analyser run 1 (detect): category differs from what `analyse` recorded at audit entry 4",
        "findings of analyser run 1 (detect): score differs from what `analyse` recorded at audit entry 4",
    ]


def test_a_finding_run_no_entry_records_is_named(filled: Case) -> None:
    tamper_sql(
        filled,
        "INSERT INTO analysis_run (analyser, version, settings_hash, started_utc, status)"
        " VALUES ('detect', 8, 'x', '2024-01-01T00:00:00Z', 'ok')",
    )
    assert verify_case(filled).problems == [
        "findings of analyser run 2 (detect): no audit entry records them (written outside Footprint)"
    ]


def test_changed_and_inserted_decisions_are_named(filled: Case) -> None:
    tamper_sql(filled, "UPDATE decision SET decision = 'dismissed', reason = 'not a threat' WHERE id = 1")
    tamper_sql(
        filled,
        "INSERT INTO decision (finding_id, user, decision, reason, at_utc)"
        " VALUES (1, 'tester', 'confirmed', 'forged', '2024-03-01T00:00:00Z')",
    )
    assert verify_case(filled).problems == [
        "decision 1: recorded confirmed, now dismissed (audit entry 5)",
        "decision 1: reason differs from what was recorded (audit entry 5)",
        "decision 2: no audit entry records it (written outside Footprint)",
    ]


def test_a_removed_decision_is_named(filled: Case) -> None:
    tamper_sql(filled, "DELETE FROM decision WHERE id = 1")
    assert verify_case(filled).problems == [
        "decision 1: audit entry 5 (review confirm) recorded it but the case no longer holds it"
    ]


def test_cli_names_the_changed_text_and_exits_1(filled: Case, run_cli: Callable[..., Result]) -> None:
    ok = run_cli("verify", str(filled.dir))
    assert ok.exit_code == 0
    assert ok.output.startswith("OK: 2 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain of 5")
    assert ok.output.endswith(
        "; 3 item(s), 1 finding(s), 1 decision(s) and 0 report output(s) match what their audit entries recorded;"
        f" access log of 0 read(s) intact (head {'0' * 64})\n"
    )
    tamper_sql(filled, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 1")
    bad = run_cli("verify", str(filled.dir))
    assert bad.exit_code == 1
    line = (
        "item 1 (line 1) of JD/1: text differs from what `add` recorded at audit entry 2: the case holds"
        f' "I will kill you tonight", {READ_BY} "No. It\'s over"'
    )
    assert bad.output == f"PROBLEM: {line}\nError: verification failed (1 problem(s)): {line}\n"


def test_entries_from_before_digests_give_notes_not_problems(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Result]
) -> None:
    monkeypatch.setattr("footprint.pipeline.WrittenItems.digests", lambda written: None)
    monkeypatch.setattr("footprint.analyse.base.run_details", lambda conn, run_id: {})
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Jane Doe"))
    _record_run(
        case,
        RunRecord(RunOutcome("detect", 8, "ok", 1), "s" * 64, None, "2026-11-30T00:00:00.000Z"),
        [FindingDraft(1, "distress", 0.5, "x")],
    )
    with case.transaction() as (tx, record):  # a decision audited without its id, as before
        insert_decision(
            tx, finding_id=1, user="tester", decision="noted", reason="r", at_utc="2024-01-01T00:00:00Z"
        )
        record("review note", "finding 1", "r", decision="noted")
    notes = [
        "items of JD/1: no digest recorded (audit entry 2, recorded before Footprint kept digests of what it wrote)",
        "findings of analyser run 1 (detect): no digest recorded (audit entry 3, recorded before Footprint kept"
        " digests of what it wrote)",
        "decision 1: no audit entry names it; audit entry 4 made decisions without naming them (recorded before"
        " Footprint kept digests of what it wrote)",
    ]
    report = verify_case(case)
    assert (report.problems, report.notes) == ([], notes)
    result = run_cli("verify", str(case.dir))
    assert result.exit_code == 0
    assert result.output.startswith("".join(f"NOTE: {n}\n" for n in notes) + "OK: 1 exhibit(s)")
    assert result.output.endswith(
        "; 2 item(s), 1 finding(s), 1 decision(s) and 0 report output(s) match what their audit entries"
        f" recorded, except what the 3 NOTE(s) above name; access log of 0 read(s) intact (head {'0' * 64})\n"
    )


def test_a_decision_changed_on_postgresql_with_its_guards_bypassed_is_named(
    pg_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = _fill(
        Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings), tmp_path
    )
    with case.store.unscoped_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))  # the triggers do not fire
        conn.execute(text("UPDATE decision SET decision = 'dismissed', reason = 'not a threat'"))
    assert verify_case(case).problems == [
        "decision 1: recorded confirmed, now dismissed (audit entry 5)",
        "decision 1: reason differs from what was recorded (audit entry 5)",
    ]
    case.close()


def test_items_written_from_a_parse_in_a_second_process_verify(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case.settings, "parallel_parse_min_bytes", 0)
    _fill(case, tmp_path)
    tamper_sql(case, "UPDATE item SET conversation = 'elsewhere' WHERE id = 3")
    assert verify_case(case).problems == [
        "item 1 (line 1) of JD/2: conversation differs from what `add` recorded at audit entry 3: the case"
        f' holds "elsewhere", {READ_BY} "whatsapp:other"'
    ]


# -- the digests `add` takes as it writes ----------------------------------------------------------

DATA = Path(__file__).parent.parent / "data"


# an MMS naming its recipients in the order opposite to their accounts' and one of them twice
_LATER_MMS = """<mms date="1710410500000" msg_box="2" address="+447700900777~+447700900456" m_type="128"
 readable_date="14 Mar 2024 10:21:40" contact_name="(Unknown)"><parts><part seq="0" ct="text/plain"
 text="to you both" /></parts><addrs><addr address="+447700900123" type="137" charset="106" />
<addr address="+447700900777" type="151" charset="106" /><addr address="+447700900456" type="151"
 charset="106" /><addr address="+447700900456" type="130" charset="106" /></addrs></mms>
"""


def _exports(folder: Path) -> list[Path]:
    """A WhatsApp zip (deleted, edited and system lines, details, an attached photo; its own ids start
    after none) and an SMS backup (recipients, an MMS picture, lone surrogates; ids after the chat's)."""
    chat = (DATA / "whatsapp" / "android_en-GB_24h.txt").read_text(encoding="utf-8")
    chat += "12/03/2024, 18:08 - Ann Example: IMG-20240312-WA0001.jpg (file attached)\n"
    archive = folder / "chat.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("_chat.txt", chat)
        zipped.writestr("IMG-20240312-WA0001.jpg", b"\xff\xd8\xff\xe0 not really a photo")
    backup = folder / "sms.xml"
    xml = (DATA / "sms_backup_xml" / "surrogates_and_group.xml").read_text(encoding="utf-8")
    backup.write_text(xml.replace("</smses>", _LATER_MMS + "</smses>"), encoding="utf-8")
    return [archive, backup]


def _recorded_and_read_back(case: Case, folder: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    for path in _exports(folder):
        add_exhibit(case, path, AddOptions(producer="Jane Doe", owner="Ann Example", date_order="dmy"))
    entries = [e for e in case.store.audit_entries() if e.action == "add"]
    with case.store.unscoped_engine.connect() as conn:
        ids = {r.ref: r.id for r in conn.execute(select(t.exhibit.c.ref, t.exhibit.c.id))}
        return [(json.loads(e.details)["item_digests"], item_digests(conn, ids[e.object])) for e in entries]


@pytest.mark.parametrize("in_worker", [False, True], ids=["in-process", "parse-worker"])
def test_digests_taken_while_writing_are_those_read_back_on_sqlite(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_worker: bool
) -> None:
    if in_worker:
        monkeypatch.setattr(case.settings, "parallel_parse_min_bytes", 0)
    with case.transaction() as (tx, _record):
        tx.add_person("Ann Example", "complainant", "2024-01-01T00:00:00Z")
    pairs = _recorded_and_read_back(case, tmp_path)
    assert [recorded["items"] for recorded, _ in pairs] == [13, 6]
    assert [recorded == read_back for recorded, read_back in pairs] == [True, True]
    assert (verify_case(case).problems, verify_case(case).notes) == ([], [])


@pytest.mark.parametrize("in_worker", [False, True], ids=["in-process", "parse-worker"])
def test_digests_taken_while_writing_are_those_read_back_on_postgresql(
    pg_url: str,  # noqa: F811
    tmp_path: Path,
    in_worker: bool,
) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    if in_worker:
        settings = settings.model_copy(update={"parallel_parse_min_bytes": 0})
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    with case.transaction() as (tx, _record):
        tx.add_person("Ann Example", "complainant", "2024-01-01T00:00:00Z")
    pairs = _recorded_and_read_back(case, tmp_path)
    assert [recorded["items"] for recorded, _ in pairs] == [13, 6]
    assert [recorded == read_back for recorded, read_back in pairs] == [True, True]
    assert (verify_case(case).problems, verify_case(case).notes) == ([], [])
    case.close()


def test_the_recorded_digest_is_the_documented_json_of_the_rows(filled: Case) -> None:
    [entry] = [e for e in filled.store.audit_entries() if e.object == "JD/1"]
    digests = json.loads(entry.details)["item_digests"]
    text_rows = '[[1,"No. It\'s over"],[2,"ok"]]'
    author_rows = '[[1,"whatsapp:Ann Example","Ann Example"],[2,"whatsapp:Ben Example","Ben Example"]]'
    assert digests["text"] == hashlib.sha256(text_rows.encode()).hexdigest()
    assert digests["author"] == hashlib.sha256(author_rows.encode()).hexdigest()
    assert digests["flags"] == hashlib.sha256(b"[[1,false,false,false],[2,false,false,false]]").hexdigest()


# -- naming the block of items that changed ------------------------------------------------------------

LONG_CHAT = "".join(f"14/03/2024, 10:{m:02d} - Ann Example: message {m}\n" for m in range(40))


def _long(case: Case, folder: Path) -> Case:
    (folder / "long.txt").write_text(LONG_CHAT, encoding="utf-8")
    add_exhibit(case, folder / "long.txt", AddOptions(producer="Jane Doe"))
    return case


def test_a_changed_item_is_named_by_its_block_of_sixteen(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("footprint.pipeline.read_settings", lambda ctx: None)  # not read again
    _long(case, tmp_path)
    tamper_sql(case, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 20")
    tamper_sql(case, "UPDATE item SET text = 'and you' WHERE id = 40")
    assert verify_case(case).problems == [
        "items 17–32 (line 17 to line 32) and 33–40 (line 33 to line 40) of JD/1: text differs from what"
        " `add` recorded at audit entry 2"
    ]


def test_an_entry_recorded_before_block_digests_names_the_exhibit_only(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digests = WrittenItems.digests
    monkeypatch.setattr(
        WrittenItems,
        "digests",
        lambda self: {k: v for k, v in digests(self).items() if k not in ("block_items", "blocks")},
    )
    _long(case, tmp_path)
    assert verify_case(case).problems == []
    tamper_sql(case, "UPDATE item SET text = 'I will kill you tonight' WHERE id = 20")
    assert verify_case(case).problems == [
        "items of JD/1: text differs from what `add` recorded at audit entry 2"
    ]


def test_blocks_double_until_there_are_at_most_most_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("footprint.integrity.digests.MOST_BLOCKS", 50)
    digester = ItemDigester()
    row = {name: ("x",) * len(group) for name, group in ITEM_FIELDS.items()}
    for first in (1, 1_001):
        digester.items({name: [(i, *row[name]) for i in range(first, first + 1_000)] for name in row})
    digests = digester.digests()
    assert (digests["items"], digests["block_items"], len(digests["blocks"])) == (2_000, 64, 32)
    assert {len(b) for b in digests["blocks"]} == {16}


def test_an_advocates_suggestion_verifies_as_the_noted_decision_it_recorded(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    # in a case holding police material her `record` is a suggestion: its decision is `noted`, as its
    # audit entry records (integrity review 5, defect 3: verify read every `record` as `confirmed`)
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    scoped = build(case, tmp_path / "inputs")
    case.close()
    suggested = run_cli(
        "--role", "advocate", "record", str(case.dir), str(scoped.hers[1]), "--category", "distress",
        "--reason", "she was crying",
    )  # fmt: skip
    assert "suggested by tester as finding 4, noted" in suggested.output
    result = run_cli("verify", str(case.dir))
    [head] = [e.hash for e in Case.open(case.dir, settings).store.audit_entries() if e.seq == 8]
    assert (result.exit_code, result.output) == (
        0,
        f"OK: 2 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain of 8 entries intact (head {head});"
        " 4 item(s), 8 finding(s), 1 decision(s) and 0 report output(s) match what their audit entries"
        f" recorded; access log of 0 read(s) intact (head {'0' * 64})\n",
    )
