"""A read-only copy of a case (the defence's expert's, on write-protected media: the whole folder made
read-only) is fully usable by the commands that read it: they read, `verify` verifies and `report --out`
reports, each saying that it is not in the case's audit log and why, and nothing is written into the copy."""

from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.case import Case
from footprint.cli import cli
from footprint.read_only import write_refusal
from footprint.settings import Settings
from footprint.staging_dirs import held
from tests.cli.conftest import TWO_LINE_CHAT

Run = Callable[..., Result]
ROOT = os.geteuid() == 0
#: why the copy cannot be written, as the first write into it finds (root: the immutable attribute)
FOLDER = "Operation not permitted" if ROOT else "Permission denied"
DATABASE = "its database refuses writes: attempt to write a readonly database"
NOT_LOGGED = (
    "Warning: this read was not recorded in the case's access log (attempt to write a readonly database);"
    " the read itself went ahead\n"
)


def _files(case: Path) -> dict[str, str]:
    """Every file in the case folder with its SHA-256."""
    return {
        p.relative_to(case).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(case.rglob("*"))
        if p.is_file()
    }


@contextmanager
def _read_only(case: Path) -> Iterator[None]:
    """The case folder as a write-protected copy is: `chmod -R a-w`, or for root (who writes anyway)
    `chattr -R +i`. Nothing in it may change meanwhile."""
    gc.collect()  # a connection of this process still open would lend a new one its writable descriptor
    before = _files(case)
    if ROOT:
        if subprocess.run(["chattr", "-R", "+i", str(case)], capture_output=True).returncode != 0:
            pytest.skip("running as root without chattr +i: a read-only folder stays writable to root")
    else:
        subprocess.run(["chmod", "-R", "a-w", str(case)], check=True)
    try:
        yield
    finally:
        gc.collect()
        if ROOT:
            subprocess.run(["chattr", "-R", "-i", str(case)], check=True)
        else:
            subprocess.run(["chmod", "-R", "u+w", str(case)], check=True)
    assert _files(case) == before


@pytest.fixture(scope="module")
def used(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case holding a two-line chat, analysed, reported and searched once (its search index up to date),
    as a copy of a used case is; made once for the module."""
    folder = tmp_path_factory.mktemp("used")
    chat = folder / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(TWO_LINE_CHAT, encoding="utf-8")
    case = str(folder / "c")
    for command in (
        ("case", "init", case, "--name", "R v Example"),
        ("add", case, str(chat), "--producer", "Ben Example"),
        ("analyse", case),
        ("report", case),
        ("search", case, "hello"),
    ):
        assert CliRunner().invoke(cli, ["--actor", "tester", *command]).exit_code == 0
    gc.collect()
    return folder / "c"


@pytest.fixture
def copy(used: Path, tmp_path: Path) -> Path:
    """A copy of the used case, of its own for each test."""
    return Path(shutil.copytree(used, tmp_path / "c"))


@pytest.mark.parametrize(
    ("command", "lines"),
    [
        (("ls", "--json"), 1),
        (("items", "--json"), 2),
        (("findings", "--json"), 0),
        (("link", "--json"), 1),
        (("order", "list"), 1),
        (("user", "ls", "--json"), 1),
        (("access-log",), 3),  # the report and the search, and the count
    ],
)
def test_every_read_command_reads_a_read_only_copy(
    copy: Path, run_cli: Run, command: tuple[str, ...], lines: int
) -> None:
    name, *rest = command
    args = [name, rest[0], str(copy), *rest[1:]] if name in ("order", "user") else [name, str(copy), *rest]
    with _read_only(copy):
        result = run_cli(*args)
    assert (result.exit_code, result.stdout.count("\n"), result.stderr) == (0, lines, NOT_LOGGED)


def test_verify_of_a_read_only_copy_verifies_and_says_it_is_not_recorded(copy: Path, run_cli: Run) -> None:
    with _read_only(copy):
        shown = run_cli("verify", str(copy))
        as_json = run_cli("verify", str(copy), "--json")
    said = (
        "this verification was not recorded in the case's audit log: the case cannot be written (the case"
        f" folder {copy} cannot be written: {FOLDER}); nothing was written to it"
    )
    assert (shown.exit_code, shown.stderr) == (0, NOT_LOGGED)
    [ok, warning] = shown.stdout.splitlines()
    assert ok.startswith("OK: 1 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain of ")
    assert warning == f"Warning: {said}"
    document = json.loads(as_json.stdout)
    assert (as_json.exit_code, document["problems"], document["warnings"]) == (0, [], [said])


def test_assess_and_search_of_a_read_only_copy_say_they_are_not_in_the_audit_log(
    copy: Path, run_cli: Run
) -> None:
    with _read_only(copy):
        assessed = run_cli("assess", str(copy), "--json")
        searched = run_cli("search", str(copy), "hello")
    for result, action in ((assessed, "assess"), (searched, "search")):
        assert result.exit_code == 0
        assert result.stderr == (
            f"Warning: this {action} was not recorded in the case's audit log: the case cannot be written"
            f" ({DATABASE}); nothing was written to it\n" + NOT_LOGGED
        )
    assert searched.stdout.splitlines()[-1] == "1 hit(s)"


def test_a_search_whose_index_is_behind_is_refused_not_cut_short(chat_case: Path, run_cli: Run) -> None:
    with _read_only(chat_case):  # never searched: its two items are not in the search index
        result = run_cli("search", str(chat_case), "hello")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == NOT_LOGGED + (
        "Error: the case's search index lacks the 2 item(s) added since its last search, and the case cannot"
        f" be written to add them ({DATABASE}); nothing was searched, as the search would miss them. Copy"
        " the case folder to a disk you can write to and search the copy\n"
    )


def test_report_of_a_read_only_copy_goes_into_a_new_folder_outside_it_and_says_so(
    copy: Path, run_cli: Run, tmp_path: Path
) -> None:
    out = tmp_path / "defence-report"
    with _read_only(copy):
        result = run_cli("report", str(copy), "--out", str(out))
    assert (result.exit_code, result.stderr) == (0, NOT_LOGGED)
    why = f"the case folder {copy} cannot be written: {FOLDER}"
    assert result.stdout.splitlines() == [
        f"Warning: this report was not recorded in the case's audit log: the case cannot be written ({why});"
        " nothing was written to it",
        *(
            str(out / name)
            for name in (
                "items.jsonl", "report.html", "schedules/chronology.csv", "schedules/exhibits-mg12.csv",
                "schedules/mg11-draft-BE.txt", "schedules/mg6c.csv", "schedules/mg6d.csv", "timeline.jsonl",
            )
        ),
    ]  # fmt: skip
    page = (out / "report.html").read_text(encoding="utf-8")
    note = (
        "this report is not recorded in the case&#39;s audit log: it was made from a copy of the case that"
        f" cannot be written ({why}) and written outside the case folder, so the case&#39;s audit log holds"
        " no entry for it and footprint verify of the case does not check its files"
    )
    assert f"<br><strong>Warning: {note}.</strong>" in page  # on its first page
    assert f"<tr><th>This report's audit entry</th><td>none: {note}</td></tr>" in page  # method appendix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "defence-report"]  # nothing staged is left


def test_report_of_a_read_only_copy_never_overwrites_or_writes_into_the_case(
    copy: Path, run_cli: Run, tmp_path: Path
) -> None:
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "report.html").write_text("an earlier report", encoding="utf-8")
    with _read_only(copy):
        bare = run_cli("report", str(copy))
        inside = run_cli("report", str(copy), "--out", str(copy / "reports" / "new"))
        taken = run_cli("report", str(copy), "--out", str(earlier))
        bundle = run_cli("report", str(copy), "--out", str(tmp_path / "b"), "--bundle")
    why = f"the case folder {copy} cannot be written: {FOLDER}"
    assert [(r.exit_code, r.stdout, r.stderr.removeprefix(NOT_LOGGED)) for r in (bare, inside, taken, bundle)] == [
        (1, "", f"Error: {copy}: the case cannot be written ({why}); give --out DIR, a new or empty folder"
         " outside the case, to write the report there unrecorded\n"),
        (1, "", f"Error: --out {copy}/reports/new is inside the case folder {copy}, which cannot be written;"
         " give a folder outside it\n"),
        (1, "", f"Error: --out {earlier} is not a new or empty folder; nothing was written, so that nothing"
         " already there (an earlier report) is overwritten: give a new folder, or move the earlier one"
         " aside\n"),
        (1, "", f"Error: {copy}: the case cannot be written ({why}); a bundle and a disclosure copy are"
         " recorded in the case's audit log (what was handed over, to whom and why): make them from the case"
         " itself, or leave out --bundle and --redact\n"),
    ]  # fmt: skip
    assert (earlier / "report.html").read_text(encoding="utf-8") == "an earlier report"
    assert not (tmp_path / "b").exists()


def test_out_is_refused_for_a_case_that_can_be_written(chat_case: Path, run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("report", str(chat_case), "--out", str(tmp_path / "r"))
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        "Error: --out is for a case that cannot be written (a read-only copy); this case can be, so its report"
        " goes into its reports/ folder and is recorded in its audit log: leave out --out",
    )
    assert not (tmp_path / "r").exists()


def test_a_command_that_changes_a_read_only_copy_is_refused_in_one_line(copy: Path, run_cli: Run) -> None:
    with _read_only(copy):
        result = run_cli("person", "add", str(copy), "Ann Example", "--role", "complainant")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: the case cannot be written ({DATABASE}); the change under way was rolled back (what the"
        " command had already saved stays); it is a read-only copy, or the database user may not write:"
        " change the case itself, or a copy on a disk you can write to (the commands that only read a case,"
        " verify and report --out DIR, work on this one: docs/integrity.md, 'A read-only copy of a case')\n",
    )


def test_a_case_that_can_be_written_is_found_so_and_left_as_it_was(chat_case: Path) -> None:
    before = _files(chat_case)
    case = Case.open(chat_case, Settings(actor="tester", role="investigator"))
    try:
        assert write_refusal(case) is None
    finally:
        case.close()
    assert _files(chat_case) == before


def test_what_a_killed_report_out_left_beside_its_folder_is_removed_and_said(
    copy: Path, run_cli: Run, tmp_path: Path
) -> None:
    # before: a report killed while it wrote left `.defence-report.XXXX/` holding the report, for good
    out = tmp_path / "defence-report"
    left = tmp_path / ".defence-report.report-staging-k1ll3d"
    (left / "schedules").mkdir(parents=True)
    (left / "report.html").write_text("the case's material")
    (left / ".lock").touch()  # its lock, held by nobody: the run that made it is gone
    with _read_only(copy):
        result = run_cli("report", str(copy), "--out", str(out))
    assert (result.exit_code, result.stderr) == (
        0,
        f"Removed {left}: what a stopped report run had begun to write (nothing recorded).\n{NOT_LOGGED}",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "defence-report"]
    assert ".lock" not in {p.name for p in out.iterdir()}


def test_a_killed_report_out_leaves_a_visible_folder_the_next_report_beside_it_removes(
    copy: Path, run_cli: Run, tmp_path: Path
) -> None:
    # before: it was hidden (`.r1.report-staging-*`), and only a report into the same r1 removed it; a report
    # into r2, beside it, never mentioned it (integrity review 5, defect 11)
    left = tmp_path / "r1.unfinished-report-k1ll3d"
    left.mkdir()
    (left / "report.html").write_text("the case's material")
    (left / ".lock").write_text("someone (process 1), since 2026-11-30T09:00:00Z\n")  # held by nobody now
    with _read_only(copy):
        result = run_cli("report", str(copy), "--out", str(tmp_path / "r2"))
    assert (result.exit_code, result.stderr) == (
        0,
        f"Removed {left}: what a stopped report run had begun to write (nothing recorded).\n{NOT_LOGGED}",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "r2"]


def test_a_second_report_into_the_same_folder_is_refused_while_the_first_writes(
    copy: Path, run_cli: Run, tmp_path: Path
) -> None:
    # before: the second removed the first's live staging folder as "a stopped report run" once its lock
    # was gone, and the first then said "nothing was left in it" (integrity review 5, defect 10)
    running = tmp_path / "r3.unfinished-report-running"
    running.mkdir()
    (running / ".lock").write_text("dc.jones (process 4242), since 2026-11-30T19:00:00.000Z\n")
    lock = os.open(running / ".lock", os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)  # the first run, writing now
    try:
        with _read_only(copy):
            result = run_cli("report", str(copy), "--out", str(tmp_path / "r3"))
    finally:
        os.close(lock)
    assert (result.exit_code, result.stdout, result.stderr.removeprefix(NOT_LOGGED)) == (
        1,
        "",
        f"Error: --out {tmp_path / 'r3'}: another `footprint report` is writing into it now (its folder"
        f" {running} is locked by that run: dc.jones (process 4242), since 2026-11-30T19:00:00.000Z); nothing"
        " was written: let it finish, then give a new folder\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", running.name]


def test_a_report_keeps_its_lock_until_it_has_taken_its_folders_name(
    copy: Path, run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the lock was let go before the rename: a second run then took the folder for a stopped run's
    locked_at_rename: list[bool] = []
    rename = Path.rename

    def watched(self: Path, target: Path) -> Path:
        if "report-staging" in self.name or "unfinished-report" in self.name:
            locked_at_rename.append(held(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", watched)
    with _read_only(copy):
        result = run_cli("report", str(copy), "--out", str(tmp_path / "r4"))
    assert (result.exit_code, locked_at_rename) == (0, [True])
    assert ".lock" not in {p.name for p in (tmp_path / "r4").iterdir()}


def test_a_report_written_into_the_folder_meanwhile_is_named_not_called_nothing(
    copy: Path, run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r5"
    rename = Path.rename

    def beaten(self: Path, target: Path) -> Path:  # another report took the folder's name first
        if "report-staging" in self.name or "unfinished-report" in self.name:
            out.mkdir(exist_ok=True)
            (out / "report.html").write_text("the other report")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", beaten)
    with _read_only(copy):
        result = run_cli("report", str(copy), "--out", str(out))
    assert (result.exit_code, result.stderr.removeprefix(NOT_LOGGED)) == (
        1,
        f"Error: --out {out}: another report was written into it while this one was made; this one was not"
        " written, and nothing of it was left: give a new folder and run footprint report again\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "r5"]
    assert [p.name for p in out.iterdir()] == ["report.html"]
