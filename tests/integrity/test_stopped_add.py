"""An `add` killed part-way (SIGKILL, a power cut) leaves vault files no exhibit names: the next `add` sets
them aside in ``vault/.abandoned/<stamp>/``, recorded with their SHA-256, and `verify` passes with a NOTE."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import footprint
from footprint import audit_head, stopped_adds
from footprint.case import Case
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.stopped_adds import WHY, set_aside_stopped_adds
from footprint.vault_journal import start_journal
from tests.integrity.test_in_flight import _paused

PHOTO = b"\xff\xd8\xff\xe0 not really a photo"
CHAT = (
    "12/03/2024, 18:07 - Ann Example: IMG-0001.jpg (file attached)\n12/03/2024, 18:08 - Ann Example: hello\n"
)

#: run as a second process: add ``argv[2]`` to the case ``argv[1]``, and stop for good once the original and
#: its attachment are in the vault and the first rows are being written, after touching ``argv[3]``
ADD_AND_HANG = """
import multiprocessing, sys, time
from pathlib import Path
from footprint.case import Case
from footprint.integrity.digests import WrittenItems
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

def hang(*args, **kwargs):
    children = [str(child.pid) for child in multiprocessing.active_children()]  # the parse worker, if any
    Path(sys.argv[3]).write_text(" ".join(children))
    time.sleep(120)

WrittenItems.observe = hang
case = Case.open(Path(sys.argv[1]), Settings(actor="tester", role="investigator", database_url=None))
add_exhibit(case, Path(sys.argv[2]), AddOptions(producer="Jane Doe", date_order="dmy"))
"""


def _export(folder: Path, lines: int = 0) -> Path:
    """A WhatsApp zip with a photo, and ``lines`` more messages after it."""
    path = folder / "chat.zip"
    more = "".join(f"12/03/2024, 18:09 - Ann Example: line {n}\n" for n in range(lines))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", CHAT + more)
        archive.writestr("IMG-0001.jpg", PHOTO)
    return path


def _kill_while_adding(case: Case, export: Path, tmp_path: Path, worker: bool) -> list[int]:
    """Run `add` in another process (parsing in a worker process of its own if ``worker``) and SIGKILL it
    once it has copied its files into the vault; return the pid of its worker."""
    reached = tmp_path / "reached"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(footprint.__file__).parents[1]), "."])}
    env["FOOTPRINT_PARALLEL_PARSE_MIN_BYTES"] = "0" if worker else str(1 << 30)
    env["FOOTPRINT_BATCH_SIZE"] = "1"  # the worker is still sending batches when the writer is killed
    child = subprocess.Popen(
        [sys.executable, "-c", ADD_AND_HANG, str(case.dir), str(export), str(reached)], env=env
    )
    try:
        deadline = time.monotonic() + 60
        while not reached.exists():
            assert child.poll() is None, "the add ended before it reached the rows"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    return [int(pid) for pid in reached.read_text().split()]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")  # a zombie has ended


def _blob(sha: str) -> str:
    return f"vault/sha256/{sha[:2]}/{sha}"


@pytest.mark.slow
@pytest.mark.parametrize("worker", [False, True], ids=["in-process", "parse-worker"])
def test_a_killed_add_is_set_aside_by_the_next_and_recorded_and_verify_passes_with_a_note(
    any_case: Case, tmp_path: Path, worker: bool
) -> None:
    export = _export(tmp_path, 20_000)
    zipped, photo = hashlib.sha256(export.read_bytes()).hexdigest(), hashlib.sha256(PHOTO).hexdigest()
    workers = _kill_while_adding(any_case, export, tmp_path, worker)
    assert len(workers) == worker
    deadline = time.monotonic() + 10
    try:
        while any(map(_running, workers)):  # the worker ends with the add that started it
            assert time.monotonic() < deadline, "the parse worker outlived the add"
            time.sleep(0.05)
    finally:
        for pid in filter(_running, workers):
            os.kill(pid, signal.SIGKILL)
    [journal] = (any_case.dir / "vault/.adding").iterdir()
    started = json.loads(journal.read_text(encoding="utf-8"))["started_utc"]
    stamp = journal.stem
    add = f"an add of chat.zip by tester (started {started})"
    left = [
        f"vault file {_blob(sha)}: no exhibit or attachment names it — left by {add}, which was stopped"
        " part-way; the next `footprint add`, or `footprint case recover DIR`, sets it aside in"
        " vault/.abandoned/ and records it in the audit log; do not remove it by hand"
        for sha in sorted([zipped, photo])
    ]
    report = verify_case(any_case)
    assert (report.problems, report.notes) == (left, [])

    other = tmp_path / "other.txt"  # the next exhibit (on main its files then stayed strays, a FAIL)
    other.write_text("12/03/2024, 19:00 - Ben Example: another\n", encoding="utf-8")
    result = add_exhibit(any_case, other, AddOptions(producer="Jane Doe", date_order="dmy"))

    assert result.ref == "JD/1"
    [entry] = [e for e in any_case.store.audit_entries() if e.action == "set aside"]
    assert (entry.seq, entry.object) == (2, f"vault/.abandoned/{stamp}")
    details = json.loads(entry.details)
    assert details["reason"] == WHY
    assert details["journal"] == f"vault/.adding/{stamp}.json"
    assert (details["add"]["file"], details["add"]["sha256"]) == ("chat.zip", zipped)
    assert sorted(details["files"], key=lambda f: f["sha256"]) == sorted(
        (
            {
                "file": f"vault/.abandoned/{stamp}/{sha}",
                "was": _blob(sha),
                "sha256": sha,
                "size": size,
            }
            for sha, size in ((zipped, export.stat().st_size), (photo, len(PHOTO)))
        ),
        key=lambda f: f["sha256"],
    )
    assert (any_case.dir / f"vault/.abandoned/{stamp}/{photo}").read_bytes() == PHOTO
    assert not (any_case.dir / "vault/.adding").exists()
    report = verify_case(any_case)
    assert (report.exhibits, report.attachments, report.problems) == (1, 0, [])
    assert report.notes == [
        f"vault/.abandoned/{stamp}: 2 file(s) left by {add}, which was stopped part-way, set aside at"
        " audit entry 2; not evidence in the case, kept for the record"
    ]


def _stopped(case: Case, tmp_path: Path, files: dict[str, bytes]) -> Path:
    """The vault as an add stopped part-way leaves it: its journal, and the files it had copied."""
    journal = start_journal(case.vault.root, file="chat.zip", actor="tester", started_utc="T")
    for name, data in files.items():
        (case.vault.root / "sha256" / name[:2]).mkdir(parents=True, exist_ok=True)
        (case.vault.root / "sha256" / name[:2] / name).write_bytes(data)
    return journal


def test_a_set_aside_that_fails_puts_the_files_back_and_keeps_the_journal(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = hashlib.sha256(PHOTO).hexdigest()
    journal = _stopped(case, tmp_path, {sha: PHOTO})

    def full(*_: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stopped_adds, "sha256_file", full)
    with pytest.raises(OSError, match="No space left"):
        set_aside_stopped_adds(case)
    assert (case.vault.root / "sha256" / sha[:2] / sha).read_bytes() == PHOTO
    assert journal.exists()
    assert not any(e.action == "set aside" for e in case.store.audit_entries())
    monkeypatch.undo()
    assert set_aside_stopped_adds(case) == [f"vault/.abandoned/{journal.stem}"]
    assert verify_case(case).problems == []


def test_files_a_stopped_set_aside_had_moved_are_recorded_by_the_next(case: Case, tmp_path: Path) -> None:
    sha = hashlib.sha256(PHOTO).hexdigest()
    journal = _stopped(case, tmp_path, {})
    (case.vault.root / ".abandoned" / journal.stem).mkdir(parents=True)
    (case.vault.root / ".abandoned" / journal.stem / sha).write_bytes(PHOTO)  # moved; then the power went
    assert verify_case(case).problems == [
        f"vault file vault/.abandoned/{journal.stem}/{sha}: set aside, but no `set aside` audit entry records"
        " it — moved there outside Footprint, or by a `footprint add` stopped before it recorded it (the next"
        " add records it); keep it, and verify again after the next add"
    ]
    assert set_aside_stopped_adds(case) == [f"vault/.abandoned/{journal.stem}"]
    [entry] = [e for e in case.store.audit_entries() if e.action == "set aside"]
    assert json.loads(entry.details)["files"] == [
        {"file": f"vault/.abandoned/{journal.stem}/{sha}", "was": "", "sha256": sha, "size": len(PHOTO)}
    ]
    assert set_aside_stopped_adds(case) == []  # the journal has gone: nothing is recorded twice
    assert verify_case(case).problems == []


def test_a_file_older_than_the_stopped_add_stays_a_stray_and_is_not_moved(case: Case, tmp_path: Path) -> None:
    old = hashlib.sha256(b"left last year").hexdigest()
    _stopped(case, tmp_path, {old: b"left last year"})
    os.utime(case.vault.root / "sha256" / old[:2] / old, (0, 1_700_000_000))  # November 2023
    assert set_aside_stopped_adds(case) == []
    assert (case.vault.root / "sha256" / old[:2] / old).exists()
    assert [p.split(":")[0] for p in verify_case(case).problems] == [f"vault file {_blob(old)}"]


def test_a_set_aside_or_changed_file_that_goes_missing_is_a_problem(case: Case, tmp_path: Path) -> None:
    one, two = (hashlib.sha256(data).hexdigest() for data in (b"one", b"two"))
    journal = _stopped(case, tmp_path, {one: b"one", two: b"two"})
    set_aside_stopped_adds(case)
    folder = case.vault.root / ".abandoned" / journal.stem
    (folder / one).unlink()
    (folder / two).chmod(0o644)
    (folder / two).write_bytes(b"changed")
    assert verify_case(case).problems == [
        f"vault file vault/.abandoned/{journal.stem}/{two}: changed since it was set aside (SHA-256 recorded at"
        " audit entry 2)",
        f"vault file vault/.abandoned/{journal.stem}/{one}: set aside at audit entry 2, now missing",
    ]


def test_the_files_of_a_live_add_are_never_set_aside(
    any_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = _export(tmp_path)
    reached, go_on = _paused(monkeypatch, "observe")
    options = AddOptions(producer="Jane Doe", date_order="dmy")
    adding = threading.Thread(target=add_exhibit, args=(any_case, export, options))
    adding.start()
    colleague = Case.open(any_case.dir, any_case.settings)  # another session: waits for the lock
    done: list[list[str]] = []
    setting_aside = threading.Thread(target=lambda: done.append(set_aside_stopped_adds(colleague)))
    try:
        assert reached.wait(30)
        setting_aside.start()
        setting_aside.join(0.5)
        assert setting_aside.is_alive()  # waiting for the add's lock, not moving its files
    finally:
        go_on.set()
        adding.join(30)
        if setting_aside.ident is not None:
            setting_aside.join(30)
        colleague.close()
    assert done == [[]]
    report = verify_case(any_case)
    assert (report.exhibits, report.attachments, report.problems, report.notes) == (1, 1, [], [])


def test_case_recover_sets_aside_what_a_stopped_add_left_and_says_so(
    case: Case, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    assert (
        run_cli("case", "recover", str(case.dir)).output
        == "No add was stopped part-way: nothing to set aside\n"
    )
    sha = hashlib.sha256(PHOTO).hexdigest()
    journal = _stopped(case, tmp_path, {sha: PHOTO})
    result = run_cli("case", "recover", str(case.dir))
    assert (result.exit_code, result.output) == (
        0,
        f"Set aside what a stopped add left in vault/.abandoned/{journal.stem} (recorded in the audit log);"
        " `footprint verify` names it\n",
    )
    verified = run_cli("verify", str(case.dir))
    assert verified.exit_code == 0
    assert verified.output.startswith(
        f"NOTE: vault/.abandoned/{journal.stem}: 1 file(s) left by an add of chat.zip by tester (started T),"
        " which was stopped part-way, set aside at audit entry 2; not evidence in the case, kept for the"
        " record\nOK: 0 exhibit(s)"
    )


def test_a_file_in_the_journals_folder_that_is_no_journal_is_a_stray(case: Case) -> None:
    (case.vault.root / ".adding").mkdir()
    (case.vault.root / ".adding" / "photo.jpg").write_bytes(PHOTO)
    assert [p.split(":")[0] for p in verify_case(case).problems] == ["vault file vault/.adding/photo.jpg"]


def test_a_set_aside_that_fails_after_its_commit_leaves_the_files_where_its_entry_says(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = hashlib.sha256(PHOTO).hexdigest()
    journal = _stopped(case, tmp_path, {sha: PHOTO})

    def lost(*_: Any) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(audit_head, "promote_head", lost)  # after the commit
    with pytest.raises(OSError, match="Input/output error"):
        set_aside_stopped_adds(case)
    monkeypatch.undo()
    assert (case.vault.root / ".abandoned" / journal.stem / sha).read_bytes() == PHOTO
    assert not (case.vault.root / "sha256" / sha[:2] / sha).exists()
    assert set_aside_stopped_adds(case) == []  # recorded already: the journal goes, nothing twice
    assert not journal.exists()
    report = verify_case(case)
    assert (report.problems, len(report.notes)) == ([], 1)
