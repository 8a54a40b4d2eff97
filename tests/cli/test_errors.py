"""Errors from the operating system (disk full, permission, read-only disk) are one line with exit 1."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.settings import Settings
from footprint.store.engine import head_revision
from footprint.vault import Vault
from tests.conftest import snapshot

Run = Callable[..., Result]
CHAT = "14/03/2024, 09:15 - Ann Example: hello\n"


@pytest.fixture
def case_dir(tmp_path: Path, run_cli: Run) -> Path:
    case = tmp_path / "c"
    assert run_cli("case", "init", str(case), "--name", "R v Example").exit_code == 0
    return case


@pytest.mark.parametrize(
    ("code", "filename", "expected"),
    [
        (  # the folder whose disk is full, named (it had said only "the disk is full")
            errno.ENOSPC,
            None,
            "Error: {vault}: the disk holding it is full (No space left on device); the case is unchanged"
            " (chat.txt was not added, and no copy of it is left in the vault) — free space on that disk and"
            " add the file again\n",
        ),
        (
            errno.EACCES,
            "/cases/c/vault",
            "Error: /cases/c/vault: Permission denied; check that you may read and write this file or"
            " folder, then run the command again\n",
        ),
        (
            errno.EROFS,
            "/cases/c/vault",
            "Error: /cases/c/vault: Read-only file system; copy the case to a disk you can write to,"
            " or work on it there with commands that only read\n",
        ),
    ],
)
def test_an_operating_system_error_is_one_line_and_the_case_is_unchanged(
    tmp_path: Path,
    case_dir: Path,
    run_cli: Run,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    filename: str | None,
    expected: str,
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    before = snapshot(Case.open(case_dir, settings))

    def fail(*args: object) -> bool:
        raise OSError(code, os.strerror(code), *([filename] if filename else []))

    monkeypatch.setattr(Vault, "_write", fail)
    result = run_cli("add", str(case_dir), str(chat), "--producer", "Ann Example")
    assert result.exit_code == 1
    assert result.output == expected.format(vault=case_dir / "vault")
    assert snapshot(Case.open(case_dir, settings)) == before


def test_a_missing_path_says_to_check_it(tmp_path: Path, run_cli: Run) -> None:
    # the folder that should hold the new case cannot be made (its parent is a file)
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = run_cli("case", "init", str(tmp_path / "afile" / "c"), "--name", "R v Example")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'afile' / 'c'}: ")
    assert result.output.endswith("; check the path and the spelling of the name\n")


def test_upgrading_a_folder_with_no_case_says_how_to_make_one(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("case", "upgrade", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'nowhere'}: no Footprint case here; create one with `footprint case init`\n"
    )


@pytest.mark.parametrize("limit", ["0", "-5"])
def test_a_search_limit_below_one_is_a_usage_error_not_every_hit(
    case_dir: Path, run_cli: Run, limit: str
) -> None:
    result = run_cli("search", str(case_dir), "hello", "--limit", limit)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for '--limit': {limit} is not in the range x>=1."
    )


def test_warnings_show_the_raw_line_as_it_is_with_control_characters_made_visible(
    tmp_path: Path, case_dir: Path, run_cli: Run
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT + "99/99/2024, 09:15 - Ann: [bold]x[/bold] \x1b[2J\n", encoding="utf-8")
    assert run_cli("add", str(case_dir), str(chat), "--producer", "Ann Example").exit_code == 0
    result = run_cli("items", str(case_dir), "--warnings")
    assert result.output == (
        "AE/1 line 2: impossible date '99/99/2024'; message kept without a time\n"
        "    99/99/2024, 09:15 - Ann: [bold]x[/bold] \\x1b[2J\n"
    )


def test_a_case_name_with_brackets_is_shown_as_given(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("case", "init", str(tmp_path / "c2"), "--name", "R v [b]Smith[/b]")
    assert result.output == (
        f"Created case 'R v [b]Smith[/b]' in {tmp_path / 'c2'} (zone Europe/London, assumed; schema {head_revision()})\n"
    )


def test_an_error_naming_hostile_text_cannot_drive_the_terminal(
    tmp_path: Path, case_dir: Path, run_cli: Run
) -> None:
    odd = tmp_path / "x\x1b[2J\u202egnp.exe"
    odd.write_text("nothing Footprint reads\n", encoding="utf-8")
    result = run_cli("add", str(case_dir), str(odd), "--producer", "Ann Example")
    assert result.exit_code == 1
    assert result.output == (
        "Error: x\\x1b[2J\\u202egnp.exe: a file in no format Footprint reads; `footprint parsers` lists the"
        " formats — if it is one of them, pass --format NAME\n"
    )


def test_an_error_of_several_lines_is_shown_on_one(
    case_dir: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footprint.errors import InputError

    def fail(*args: object, **kwargs: object) -> None:
        raise InputError("first line\n(second line)")

    monkeypatch.setattr(Case, "open", fail)
    result = run_cli("ls", str(case_dir))
    assert result.exit_code == 1
    assert result.output == "Error: first line (second line)\n"


def test_a_reader_that_stops_early_is_not_an_error_message(
    case_dir: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `footprint ls DIR --json | head -c 10`: the pipe closes; no words, and 141 (128 + SIGPIPE), not 1
    def closed(*args: object) -> None:
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    monkeypatch.setattr("footprint.cli.list_cmds.emit_document", closed)
    result = run_cli("ls", str(case_dir), "--json")
    assert (result.exit_code, result.output) == (141, "")


def test_an_empty_case_file_is_named_not_a_traceback(case_dir: Path, run_cli: Run) -> None:
    (case_dir / "case.json").write_text("", encoding="utf-8")
    result = run_cli("ls", str(case_dir))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {case_dir / 'case.json'}: not a Footprint case file (not JSON: Expecting value at line 1"
        " column 1); restore it from the case's backup\n",
    )


@pytest.mark.parametrize("command", [("ls",), ("case", "upgrade"), ("verify",)])
def test_a_lost_case_database_is_named_and_not_recreated_empty(
    case_dir: Path, run_cli: Run, command: tuple[str, ...]
) -> None:
    # `ls` said to run `case upgrade`, which made an empty database in its place
    (case_dir / "case.db").unlink()
    result = run_cli(*command, str(case_dir))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {case_dir / 'case.db'}: the case's database is missing (its items, findings and audit log);"
        " restore it from the case's backup — the originals in the vault are untouched (if a `case delete` by"
        f" an older Footprint was stopped part-way here, finish it instead: `footprint case delete {case_dir}"
        " --finish --confirm CASE_NAME --record FILE`, FILE the deletion record it wrote)\n",
    )
    assert not (case_dir / "case.db").exists()


def test_a_failed_file_of_several_says_which_were_added_and_which_not_tried(
    tmp_path: Path, case_dir: Path, run_cli: Run
) -> None:
    # the files before it stay (docs/cli.md); the error had not said so, nor that later files were not tried
    (tmp_path / "first.txt").write_text(CHAT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "third.txt").write_text(CHAT.replace("hello", "again"), encoding="utf-8")
    files = [str(tmp_path / n) for n in ("first.txt", "empty.txt", "third.txt")]
    result = run_cli("add", str(case_dir), *files, "--producer", "Ann Example")
    assert result.exit_code == 1
    assert result.output.splitlines()[-2:] == [
        "Of the 3 files: added: AE/1 (first.txt); not added: empty.txt; not tried: third.txt — add the files"
        " not added or not tried again when the error below is put right",
        "Error: empty.txt: the file is empty (0 bytes); check the export finished and add the complete file",
    ]
    assert [e["ref"] for e in json.loads(run_cli("ls", str(case_dir), "--json").output)["exhibits"]] == [
        "AE/1"
    ]


def test_a_full_disk_no_command_words_itself_names_the_folder_written_to() -> None:
    from footprint.cli import os_error_line

    full = OSError(errno.ENOSPC, "No space left on device", "/cases/c/out/timeline.jsonl")
    assert os_error_line(full) == (
        "/cases/c/out: the disk holding it is full (No space left on device); the case is unchanged (a file"
        " this command was writing may be incomplete) — free space on that disk, or give a folder on another"
        " disk (--out, where the command takes one), and run the command again"
    )
