"""Parsing in a second process: the same case as parsing in-process, errors intact, nothing left."""

from __future__ import annotations

import gc
import pickle
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.demo import SMS_MAP
from footprint.errors import ParseError
from footprint.parse_worker import fewer_collections
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store.item_rows import RowBatch
from footprint.synth.bulk import write_bulk_whatsapp
from footprint.synth.scenario import write_demo_case
from footprint.synth.writers import ChatLine, write_whatsapp_zip
from tests.conftest import snapshot

# Tables whose rows must match exactly; exhibit and audit rows carry times and hashes of them.
COMPARED = ("item", "recipient", "attachment", "account", "account_name", "conversation_member", "warning")


def _case(tmp_path: Path, name: str, min_bytes: int) -> Case:
    settings = Settings(actor="tester", database_url=None, parallel_parse_min_bytes=min_bytes, batch_size=7)
    return Case.init(tmp_path / name, name="R v Test", tz="Europe/London", settings=settings)


def _add_demo(case: Case, folder: Path) -> None:
    demo = write_demo_case(folder)
    sms = AddOptions(producer="Jane Doe", format="csv_generic", column_map=SMS_MAP, platform="sms")
    add_exhibit(case, demo.whatsapp_jane, AddOptions(producer="Jane Doe"))
    add_exhibit(case, demo.sms_csv, sms)
    add_exhibit(case, demo.whatsapp_sarah, AddOptions(producer="Sarah Lee"))


def _tables(case: Case) -> dict[str, object]:
    tables = snapshot(case)["tables"]
    assert isinstance(tables, dict)
    return {name: tables[name] for name in COMPARED}


def test_worker_builds_exactly_the_rows_of_an_in_process_parse(tmp_path: Path) -> None:
    inline, worker = _case(tmp_path, "inline", 1 << 40), _case(tmp_path, "worker", 0)
    try:
        _add_demo(inline, tmp_path / "files")
        _add_demo(worker, tmp_path / "files")
        expected, got = _tables(inline), _tables(worker)
        assert got == expected
        assert len(expected["item"]) == 32  # type: ignore[arg-type]  # 5 batches of 7 at most
        assert expected["attachment"]  # the zip's photo went through the child's vault writes
        assert snapshot(worker)["vault"] == snapshot(inline)["vault"]
    finally:
        inline.close()
        worker.close()


def test_worker_matches_in_process_on_a_bulk_chat_with_default_batches(tmp_path: Path) -> None:
    chat = write_bulk_whatsapp(tmp_path / "WhatsApp Chat with John Smith.txt", 5_000)
    cases = []
    for name, min_bytes in (("inline", 1 << 40), ("worker", 0)):
        settings = Settings(actor="tester", database_url=None, parallel_parse_min_bytes=min_bytes)
        case = Case.init(tmp_path / name, name="R v Test", tz="Europe/London", settings=settings)
        result = add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
        cases.append((case, result))
    try:
        (inline, inline_result), (worker, worker_result) = cases
        assert worker_result.items_by_kind == inline_result.items_by_kind
        assert sum(inline_result.items_by_kind.values()) == 5_000
        assert (worker_result.warnings, worker_result.decisions) == (
            inline_result.warnings,
            inline_result.decisions,
        )
        assert _tables(worker) == _tables(inline)
    finally:
        for case, _ in cases:
            case.close()


def test_worker_on_a_request_thread_starts_a_clean_interpreter(tmp_path: Path) -> None:
    case = _case(tmp_path, "threaded", 0)
    chat = tmp_path / "WhatsApp Chat with Ben.txt"
    chat.write_text("14/03/2024, 09:15 - Ann: hello\n14/03/2024, 09:16 - Ben: hi\n", encoding="utf-8")
    results: list[object] = []
    thread = threading.Thread(
        target=lambda: results.append(add_exhibit(case, chat, AddOptions(producer="Jane Doe")))
    )
    thread.start()
    thread.join(timeout=120)
    try:
        [result] = results
        assert result.items_by_kind == {"message": 2}  # type: ignore[attr-defined]
        assert [i.recipients for i in case.store.iter_items()] == [
            ("whatsapp:Ben",),
            ("whatsapp:Ann",),
        ]
    finally:
        case.close()


def _refusal(tmp_path: Path, chat_text: str) -> str:
    """Add a chat through the child; return the error message, checking the case is unchanged."""
    case = _case(tmp_path, "refused", 0)
    chat = tmp_path / "chat.txt"
    chat.write_text(chat_text, encoding="utf-8")
    before = snapshot(case)
    try:
        with pytest.raises(ParseError) as err:
            add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
        assert snapshot(case) == before
        return str(err.value)
    finally:
        case.close()


def test_an_error_in_the_child_reaches_the_user_unchanged_and_the_case_is_untouched(tmp_path: Path) -> None:
    assert _refusal(tmp_path, "03/04/2024, 09:15 - Ann: hello\n") == (
        "chat.txt: every date could be read day-first or month-first (e.g. 01/02/2023); a phone set up in the UK"
        " writes the day first: run again with --date-order dmy (--date-order mdy for a US phone)"
    )


def test_a_crash_in_the_child_becomes_a_parse_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from footprint.ingest import whatsapp

    def boom(*_: object, **__: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(whatsapp.WhatsAppParser, "_items", boom)  # inherited by the forked child
    assert _refusal(tmp_path, "14/03/2024, 09:15 - Ann: hello\n") == (
        "chat.txt: could not be read (ZeroDivisionError: division by zero); the case is unchanged"
        " — please report this with the file's SHA-256"
    )


def test_a_writer_failure_mid_way_removes_every_vault_file_the_child_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footprint.store.case_store import StoreTx

    case = _case(tmp_path, "writer-fails", 0)  # batches of 7: the child runs batches ahead
    start = datetime(2024, 3, 14, 9, 0)
    lines = [
        ChatLine(start + timedelta(minutes=i), "Ann", "", attachment=f"{i:08d}-PHOTO-2024-03-14.jpg")
        for i in range(60)
    ]
    chat = tmp_path / "WhatsApp Chat - Ann.zip"
    write_whatsapp_zip(chat, lines, {line.attachment: f"photo {i}".encode() for i, line in enumerate(lines)})
    real = StoreTx.write_rows

    def fail_after_one_batch(
        self: StoreTx, batches: Iterator[RowBatch], progress: object = None, observe: object = None
    ) -> None:
        real(self, [next(iter(batches))])
        raise OSError("disk full")

    monkeypatch.setattr(StoreTx, "write_rows", fail_after_one_batch)
    before = snapshot(case)
    try:
        with pytest.raises(ParseError, match=r"could not be read \(OSError: disk full\)"):
            add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
        assert snapshot(case) == before
    finally:
        case.close()


def test_fewer_collections_restores_the_collector_afterwards() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == 100_000
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_footprint_errors_survive_pickling_with_their_attributes() -> None:
    error = ParseError("line 3: no date", source="chat.txt", locator="line 3")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.source, copy.locator) == (
        ParseError,
        "chat.txt, line 3: line 3: no date",
        "chat.txt",
        "line 3",
    )


def test_the_child_reports_what_it_opened_so_unread_files_match_an_in_process_parse(tmp_path: Path) -> None:
    # The check for files a parser left unread needs the members the parser opened; in the child
    # they are opened in another process, so the outcome carries them back.
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "_chat.txt").write_text(
        "14/03/2024, 09:15 - Ann Example: IMG-1.jpg (file attached)\n"
        "14/03/2024, 09:16 - Ann Example: notes.txt (file attached)\n",
        encoding="utf-8",
    )
    (folder / "IMG-1.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    (folder / "notes.txt").write_text("a shared document", encoding="utf-8")
    (folder / "stray.txt").write_text("not in the chat", encoding="utf-8")
    results = []
    for name, min_bytes in (("in-process", 1 << 40), ("child", 1)):
        case = _case(tmp_path, name, min_bytes)
        results.append(add_exhibit(case, folder, AddOptions(producer="Jane Doe")).not_read)
        assert [(w.locator, w.message) for w in case.store.warnings()] == [
            (
                "stray.txt",
                "not read: stray.txt (15 bytes) is in no format Footprint reads; the exhibit keeps it",
            )
        ]
        case.close()
    assert results == [("stray.txt (15 bytes)",)] * 2
