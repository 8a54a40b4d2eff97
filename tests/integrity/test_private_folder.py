"""What Footprint writes in a case folder is readable by its owner alone: on a shared computer another
local account (his) could read every message, her address and the report (advocate review, defect 8)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.cli import cli

CHAT = "02/03/2024, 21:14 - Alex Suspect: I know where you are now\n"


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual default: files others may read, as the review found."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def fp(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--actor", "Sam", "--role", "advocate", *args])


def modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode) for p in [folder, *folder.rglob("*")]}


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_case_folder_and_what_is_written_in_it_are_the_owners_alone(
    open_umask: None, tmp_path: Path
) -> None:
    case = tmp_path / "jane"
    chat = tmp_path / "WhatsApp Chat with Alex Suspect.txt"
    chat.write_text(CHAT, encoding="utf-8")
    assert fp("case", "init", str(case), "--name", "Jane's evidence").exit_code == 0
    assert fp("add", str(case), str(chat), "--producer", "Jane Doe", "--date-order", "dmy").exit_code == 0
    found = modes(case)
    blobs = [name for name in found if name.startswith("vault/sha256/") and name.count("/") == 3]
    assert len(blobs) == 1 and found[blobs[0]] == 0o400  # her original: read-only, for her alone
    folders = {name for name in found if (case / name).is_dir()}
    assert {"audit.head", "case.db", "case.json"} <= set(found)  # the database's journal files too
    assert {name: found[name] for name in folders} == dict.fromkeys(folders, 0o700)
    files = set(found) - folders - set(blobs)
    assert {name: found[name] for name in files} == dict.fromkeys(files, 0o600)
    assert os.umask(0o022) == 0o022  # the command put the umask back


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_verify_warns_when_other_accounts_can_read_the_case_folder(tmp_path: Path) -> None:
    case = tmp_path / "jane"
    assert fp("case", "init", str(case), "--name", "Jane's evidence").exit_code == 0
    private = fp("verify", str(case), "--json")
    assert json.loads(private.output)["warnings"] == []
    case.chmod(0o755)
    shown = CliRunner().invoke(cli, ["--actor", "Sam", "verify", str(case)])
    assert shown.output.splitlines()[0] == (
        f"WARNING: {case}: the case folder can be read by other accounts on this computer (mode 0755); make"
        f" it readable by you alone with `chmod -R go-rwx {case}` (what Footprint writes now is owner-only,"
        " docs/integrity.md)"
    )
    assert shown.exit_code == 0
