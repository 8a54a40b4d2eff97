"""Arguments holding bytes that are not UTF-8 (a Latin-1 terminal's "café"): refused before the command
does anything, except a path's, which is kept spelled out in the access log."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.cli import cli
from footprint.cli.text_arguments import spelled_out
from footprint.store.access_rows import access_entries
from footprint.store.engine import make_engine

Run = Callable[..., Result]
#: what Python makes of the byte 0xFF, and of Latin-1's "é", given where UTF-8 was expected
FF = "\udcff"
E_ACUTE = "\udce9"


def _refusal(name: str, shown: str) -> str:
    return (
        f"Error: {name} holds bytes that are not UTF-8 text ('{shown}'): the terminal or the shell sent"
        " another encoding; set a UTF-8 locale (e.g. LANG=en_GB.UTF-8) and run the command again; nothing"
        " was done\n"
    )


def _arguments(case: Path) -> list[tuple[str, dict[str, object]]]:
    engine = make_engine(f"sqlite:///{case / 'case.db'}")
    try:
        with engine.connect() as conn:
            return [(e.command, json.loads(e.arguments)) for e in access_entries(conn)]
    finally:
        engine.dispose()


def _audit_length(case: Path) -> int:
    result = CliRunner().invoke(cli, ["verify", str(case), "--json"])
    return int(json.loads(result.stdout)["audit_entries"])


def test_spelled_out_writes_each_byte_that_was_not_utf8_as_an_escape() -> None:
    assert spelled_out(f"caf{E_ACUTE} {FF}é") == "caf\\xe9 \\xffé"


@pytest.mark.parametrize(
    ("args", "name", "shown"),
    [
        (("--actor", f"PC {FF}", "ls", "{case}"), "--actor", "PC \\xff"),
        (("--purpose", f"inc {FF}", "ls", "{case}"), "--purpose", "inc \\xff"),
        (("search", "{case}", f"caf{E_ACUTE}"), "QUERY", "caf\\xe9"),
        (("review", "{case}", "1", "--note", "--reason", f"r {FF}"), "--reason", "r \\xff"),
        (("person", "add", "{case}", f"Ann {FF}", "--role", "witness"), "NAME", "Ann \\xff"),
    ],
)
def test_a_text_argument_that_is_not_utf8_is_refused_and_nothing_is_done(
    chat_case: Path, args: tuple[str, ...], name: str, shown: str
) -> None:
    before = _audit_length(chat_case)
    result = CliRunner().invoke(cli, [a.replace("{case}", str(chat_case)) for a in args])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", _refusal(name, shown))
    assert _arguments(chat_case) == [("verify", {"--json": True})]  # the count's own read only
    assert _audit_length(chat_case) == before + 1  # the first count's own verify entry


def test_an_environment_variable_is_named_as_where_the_bytes_came_from(chat_case: Path) -> None:
    result = CliRunner(env={"FOOTPRINT_PURPOSE": f"x{FF}"}).invoke(cli, ["ls", str(chat_case)])
    assert (result.exit_code, result.stderr) == (1, _refusal("--purpose (from FOOTPRINT_PURPOSE)", "x\\xff"))


def test_a_path_that_is_not_utf8_is_read_and_kept_spelled_out_in_the_access_log(
    chat_case: Path, tmp_path: Path, run_cli: Run
) -> None:
    hashes = tmp_path / f"h{E_ACUTE}.txt"
    hashes.write_bytes(b"sha256:" + b"0" * 64 + b"\n")
    result = run_cli("images", "match", str(chat_case), str(hashes))
    assert (result.exit_code, result.stderr) == (0, "")
    assert _arguments(chat_case) == [("images match", {"HASHLIST": spelled_out(str(hashes))})]
    assert spelled_out(str(hashes)).endswith("h\\xe9.txt")
