"""`add` and a damaged byte part-way through an export: refused with the case unchanged, or kept partial
with --accept-partial and marked so in `add`, `ls`, `verify` and the report; huge ids shortened on the
console."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from markupsafe import escape

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.settings import Settings
from tests.conftest import DATA
from tests.ingest.telegram_chat import messages

SMS = (
    '<?xml version="1.0"?>\n<smses count="2">\n'
    '<sms address="+447700900123" date="1710410100000" type="1" body="first" />\n'
    '<sms address="+447700900123" date="1710410160000" type="1" body="I know where you are" />\n'
    "</smses>\n"
)


def _damaged(tmp_path: Path) -> tuple[Path, int]:
    data = SMS.encode()
    at = data.index(b"I know")
    path = tmp_path / "sms.xml"
    path.write_bytes(data[:at] + b"\x00" + data[at:])
    return path, at


def _state(case: Path) -> dict[str, str]:
    """Every file of the case folder with its SHA-256 (the access log, written by reads, left out)."""
    return {
        str(p.relative_to(case)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(case.rglob("*"))
        if p.is_file() and "access" not in p.name
    }


def test_a_damaged_byte_refuses_the_add_and_leaves_the_case_as_it_was(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    case = tmp_path / "c"
    assert run_cli("case", "init", str(case), "--name", "R v X").exit_code == 0
    path, at = _damaged(tmp_path)
    before = _state(case)
    result = run_cli("add", str(case), str(path), "--producer", "Jo Bloggs")
    assert result.exit_code == 1
    size = path.stat().st_size
    assert result.output.splitlines()[-1] == (
        f"Error: sms.xml: XML error 'not well-formed (invalid token)' at byte {at} (line 4);"
        f" {size - at} of the {size} bytes of sms.xml ({(size - at) / size * 100:.1f}%) from byte {at} on"
        " were not read; the case is unchanged — get a fresh copy of the backup from the original and add"
        " that, or add this copy again with --accept-partial to keep the 1 item(s) read before the damage"
        " and read on from the next whole record after it, where one can be found safely (the exhibit is"
        " then marked partial)"
    )
    assert _state(case) == before


def test_damage_in_a_telegram_chats_header_is_refused_and_the_case_left_as_it_was(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    # a one-line full export; a byte that is not UTF-8 in the second chat's name: --accept-partial would
    # read on at the next chat, and the refusal says so
    chats = [
        {"name": name, "type": "personal_chat", "id": n, "messages": messages(2)}
        for n, name in enumerate(["Alice", "B\u00e9n", "Carol"], 1)
    ]
    data = json.dumps(
        {"chats": {"about": "x", "list": chats}}, separators=(",", ":"), ensure_ascii=False
    ).encode()
    at = data.index("\u00e9".encode())
    path = tmp_path / "result.json"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    case = tmp_path / "c"
    assert run_cli("case", "init", str(case), "--name", "R v X").exit_code == 0
    before = _state(case)
    result = run_cli("add", str(case), str(path), "--producer", "Jo Bloggs")
    assert result.exit_code == 1
    size = path.stat().st_size
    assert result.output.splitlines()[-1] == (
        f"Error: result.json: not UTF-8 at byte {at} (line 1); {size - at:,} of the {size:,} bytes of"
        " result.json"
        f" ({(size - at) / size * 100:.1f}%) from byte {at} on were not read; the case is unchanged — get a"
        " fresh copy of the Telegram export from the original and add that, or add this copy again with"
        " --accept-partial to keep the 2 item(s) read before the damage and read on from the next whole"
        " record after it, where one can be found safely (the exhibit is then marked partial)"
    )
    assert _state(case) == before


def test_accept_partial_keeps_what_was_read_and_says_so_everywhere(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    case = tmp_path / "c"
    assert run_cli("case", "init", str(case), "--name", "R v X").exit_code == 0
    path, at = _damaged(tmp_path)
    size = path.stat().st_size
    result = run_cli("add", str(case), str(path), "--producer", "Jo Bloggs", "--accept-partial")
    assert result.exit_code == 0, result.output
    said = (
        f"reading stopped at byte {at} (line 4) of sms.xml: XML error 'not well-formed (invalid token)';"
        f" {size - at} of the {size} bytes of sms.xml ({(size - at) / size * 100:.1f}%) from byte {at} on"
        " were not read; --accept-partial keeps the 1 item(s) read before the damage — get a fresh copy of the backup from"
        " the original and add that"
    )
    lines = result.output.splitlines()
    assert lines[0].startswith("JB/1: sms.xml (sms_backup_xml v9) — 1 message; 1 warning;")
    assert f"  PARTIAL EXHIBIT: {said}" in lines
    listed = json.loads(run_cli("ls", str(case), "--json").output)["exhibits"][0]
    assert (listed["items"], listed["settings"]["partial"]) == (1, said)
    assert "│ 1 (partial) │" in run_cli("ls", str(case)).output.replace("\n", "")
    verified = run_cli("verify", str(case))
    assert verified.exit_code == 0
    assert f"PARTIAL: JB/1: {said}" in verified.output.splitlines()
    assert json.loads(run_cli("verify", str(case), "--json").output)["partial_exhibits"] == {"JB/1": said}
    opened = Case.open(case, Settings(actor="tester", database_url=None))
    try:  # the report's exhibit list, under the parser
        assert f'<br><span class="small">partial: {escape(said)}</span>' in render_html(build_report(opened))
    finally:
        opened.close()


def test_a_huge_id_is_shortened_on_the_console_and_kept_whole(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    # a 200,000-character Telegram from_id printed a 200,116-character line (found by fuzzing)
    case = tmp_path / "c"
    assert run_cli("case", "init", str(case), "--name", "R v X").exit_code == 0
    export = tmp_path / "result.json"
    huge = "user" + "9" * 200_000
    text = (DATA / "telegram_json" / "old-export" / "result.json").read_text(encoding="utf-8")
    export.write_text(text.replace("user777000111", huge), encoding="utf-8")
    result = run_cli("add", str(case), str(export), "--producer", "Jo Bloggs", "--format", "telegram_json")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) < 1_200
    assert "more characters not shown; the case keeps them whole]" in result.output
    items = [json.loads(line) for line in run_cli("items", str(case), "--json").output.splitlines()]
    assert f"telegram:{huge}" in {i["author"] for i in items}
