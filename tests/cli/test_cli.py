"""The command line: exit codes, exact messages and the stable JSON fields of DESIGN.md."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.ingest import parsers
from footprint.settings import Settings
from footprint.store.engine import head_revision
from tests.audited import said
from tests.conftest import DATA, store_findings

Run = Callable[..., Result]
CHAT = (
    "14/03/2024, 09:15 - Ann Example: I will kill you\n"
    "14/03/2024, 09:16 - Ben Example: please stop\n"
    "14/03/2024, 09:17 - Ann Example: <Media omitted>\n"
)


@pytest.fixture
def case_dir(tmp_path: Path, run_cli: Run) -> Path:
    case = tmp_path / "r-v-example"
    assert run_cli("case", "init", str(case), "--name", "R v Example", "--tz", "Europe/London").exit_code == 0
    assert run_cli("person", "add", str(case), "Ben Example", "--role", "complainant").exit_code == 0
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(CHAT, encoding="utf-8")
    added = run_cli("add", str(case), str(chat), "--producer", "Ben Example", "--exhibit", "BE/1")
    assert added.exit_code == 0, added.output
    return case


def test_case_init_message_and_refusal(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("case", "init", str(tmp_path / "c"), "--name", "R v Smith")
    assert result.exit_code == 0
    assert (
        result.output
        == f"Created case 'R v Smith' in {tmp_path / 'c'} (zone Europe/London, assumed; schema {head_revision()})\n"
    )
    again = run_cli("case", "init", str(tmp_path / "c"), "--name", "R v Smith")
    assert again.exit_code == 1
    assert again.output == f"Error: {tmp_path / 'c'}: a case already exists here; choose another folder\n"


def test_add_prints_ref_parser_counts_and_hash(tmp_path: Path, run_cli: Run, case_dir: Path) -> None:
    path = DATA / "incidents_csv" / "incidents.csv"
    result = run_cli(
        "add", str(case_dir), str(path), "--format", "incidents_csv", "--producer", "PC Amir Patel"
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("AP/1: incidents.csv (incidents_csv v4) — 3 incidents; 1 warning; SHA-256 ")
    assert lines[1:] == [
        "  date_order: dmy (inferred from the date '14/03/2024')",
        "  zone: Europe/London (the case's zone)",
    ]


def test_add_counts_read_as_words(tmp_path: Path, run_cli: Run, case_dir: Path) -> None:
    # It printed "1 call, 7 message, 2 system; 0 warning(s)".
    chat = tmp_path / "WhatsApp Chat with Cy Example.txt"
    chat.write_text(
        "14/03/2024, 09:15 - Messages and calls are end-to-end encrypted.\n"
        "14/03/2024, 09:16 - Cy Example: first\n"
        "14/03/2024, 09:17 - Ben Example: null\n"
        "14/03/2024, 09:18 - Cy Example: second\n",
        encoding="utf-8",
    )
    result = run_cli("add", str(case_dir), str(chat), "--producer", "Ben Example")
    assert result.exit_code == 0, result.output
    head = result.output.splitlines()[0]
    assert head.startswith(  # the warning: the view-once photo ("null") is not in the export
        "BE/2: WhatsApp Chat with Cy Example.txt (whatsapp v15) — 3 messages, 1 system message; 1 warning;"
    )


def test_add_shows_a_line_break_in_the_file_name_as_the_marker(
    tmp_path: Path, run_cli: Run, case_dir: Path
) -> None:
    # "new\nline.txt" printed its success line over two lines.
    chat = tmp_path / "new\nline.txt"
    chat.write_text("14/03/2024, 09:16 - Cy Example: first\n", encoding="utf-8")
    result = run_cli("add", str(case_dir), str(chat), "--producer", "Ben Example", "--format", "whatsapp")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert (
        first.startswith("BE/2: new\u23celine.txt (whatsapp v")
        and " — 1 message; 0 warnings; SHA-256 " in first
    )


def test_add_names_the_files_it_did_not_read(tmp_path: Path, run_cli: Run, case_dir: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "_chat.txt").write_text(CHAT, encoding="utf-8")
    for n in range(7):
        (folder / f"notes{n}.json").write_text('{"list": [1, 2', encoding="utf-8")
    result = run_cli("add", str(case_dir), str(folder), "--producer", "Ben Example")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # 7 files not read, and the omitted media of CHAT's line 3 not in the export
    assert lines[0].startswith("BE/2: export (whatsapp v15) — 3 messages; 8 warnings; SHA-256 ")
    assert lines[-1] == "  3 item(s) repeat items of BE/1; counted once"  # the chat BE/1 already holds
    assert (
        "  not read: notes0.json (14 bytes), notes1.json (14 bytes), notes2.json (14 bytes), notes3.json"
        " (14 bytes), notes4.json (14 bytes) and 2 more — kept in the exhibit; each is a warning"
        " (footprint items DIR --warnings)"
    ) in lines[
        1:-1
    ]  # after it, the accounts while none is the complainant's (tests/cli/test_her_accounts.py)


def test_ls_json_fields(case_dir: Path, run_cli: Run) -> None:
    result = run_cli("ls", str(case_dir), "--json")
    data = json.loads(result.output)
    assert data["case"] == "R v Example"
    [exhibit] = data["exhibits"]
    assert {
        k: exhibit[k]
        for k in ("ref", "file", "format", "parser", "parser_version", "items", "items_by_kind", "warnings")
    } == {
        "ref": "BE/1",
        "file": "WhatsApp Chat with Ann Example.txt",
        "format": "whatsapp",
        "parser": "whatsapp",
        "parser_version": 15,
        "items": 3,
        "items_by_kind": {"message": 3},
        "warnings": 1,  # the media CHAT's line 3 names is not in the export
    }
    assert len(exhibit["sha256"]) == 64


def test_items_json_lines(case_dir: Path, run_cli: Run) -> None:
    result = run_cli("items", str(case_dir), "--json", "--exhibit", "BE/1")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 3
    assert rows[0] == {
        "id": 1,
        "exhibit": "BE/1",
        "parser": "whatsapp",
        "parser_version": parsers.get("whatsapp").version,
        "locator": "line 1",
        "kind": "message",
        "author": "whatsapp:Ann Example",
        "author_name": "Ann Example",
        "recipients": ["whatsapp:Ben Example"],
        "conversation": "whatsapp:WhatsApp Chat with Ann Example",
        "sent_at_raw": "14/03/2024, 09:15",
        "sent_at_utc": "2024-03-14T09:15:00Z",
        "tz_source": "examiner",
        "tz_name": "Europe/London",
        "text": "I will kill you",
        "raw": "14/03/2024, 09:15 - Ann Example: I will kill you",
        "deleted": False,
        "edited": False,
        "system": False,
        "not_sent": None,
        "attachments": [],
        "details": {},
    }
    assert rows[2]["attachments"] == [
        {"name": "media omitted from export", "sha256": None, "size": None, "mime": "", "in_export": False}
    ]


def test_search_prints_exhibit_and_locator_and_is_audited(case_dir: Path, run_cli: Run) -> None:
    result = run_cli("search", str(case_dir), "kill")
    assert result.output == (
        "BE/1 line 1 14/03/2024 09:15:00 GMT (+00:00) whatsapp:Ann Example: I will «kill» you\n1 hit(s)\n"
    )
    other = case_dir.parent / "WhatsApp Chat with Cy Example.txt"
    other.write_text("14/03/2024, 10:00 - Cy Example: please call me\n", encoding="utf-8")
    assert run_cli("add", str(case_dir), str(other), "--producer", "Ben Example").exit_code == 0
    cut = run_cli("search", str(case_dir), "please", "--limit", "1", "--json")
    assert [json.loads(line)["locator"] for line in cut.stdout.splitlines()] == ["line 2"]
    assert cut.stderr == "2 hit(s); showing the first 1 (use --limit)\n"
    whole = run_cli("search", str(case_dir), "kill", "--json")
    assert (len(whole.stdout.splitlines()), whole.stderr) == (1, "")
    hostile = run_cli("search", str(case_dir), 'kill" OR NEAR(')
    assert hostile.exit_code == 0
    assert hostile.output == "0 hit(s)\n"


def test_search_narrowed_to_one_exhibit_finds_its_hits_alone_and_refuses_an_unknown_one(
    case_dir: Path, run_cli: Run, settings: Settings
) -> None:
    other = case_dir.parent / "WhatsApp Chat with Cy Example.txt"
    other.write_text("14/03/2024, 10:00 - Cy Example: I will kill it\n", encoding="utf-8")
    assert run_cli("add", str(case_dir), str(other), "--producer", "Ben Example").exit_code == 0
    assert run_cli("search", str(case_dir), "kill").output.endswith("2 hit(s)\n")
    one = run_cli("search", str(case_dir), "kill", "--exhibit", "BE/2")
    assert one.output == (
        "BE/2 line 1 14/03/2024 10:00:00 GMT (+00:00) whatsapp:Cy Example: I will «kill» it\n1 hit(s)\n"
    )
    cut = run_cli("search", str(case_dir), "kill", "--exhibit", "BE/1", "--limit", "1", "--json")
    assert [json.loads(line)["exhibit"] for line in cut.stdout.splitlines()] == ["BE/1"]
    assert cut.stderr == ""  # BE/1 holds one hit: nothing was cut
    case = Case.open(case_dir, settings)
    *_, entry = case.store.audit_entries()
    case.close()
    assert (entry.action, said(entry)) == ("search", {"hits": 1, "shown": 1, "exhibit": "BE/1"})
    unknown = run_cli("search", str(case_dir), "kill", "--exhibit", "XX/1")
    assert unknown.exit_code == 1
    assert unknown.output == (
        "Error: no exhibit 'XX/1' in this case (it has BE/1, BE/2); `footprint ls DIR` lists the exhibits\n"
    )


def test_attribute_account(case_dir: Path, run_cli: Run) -> None:
    ok = run_cli(
        "account",
        "attribute",
        str(case_dir),
        "whatsapp:Ben Example",
        "--person",
        "Ben Example",
        "--basis",
        "self-export owner",
        "--as-complainant",
    )
    assert (ok.exit_code, ok.output) == (
        0,
        "Attributed whatsapp:Ben Example to Ben Example (self-export owner)\n",
    )
    missing = run_cli("account", "attribute", str(case_dir), "whatsapp:Nobody", "--person", "Ben Example")
    assert missing.exit_code == 1
    assert missing.output == (
        "Error: no account 'whatsapp:Nobody' in this case; accounts: whatsapp:Ann Example, whatsapp:Ben Example\n"
    )
    typo = run_cli("account", "attribute", str(case_dir), "whatsapp:Ben Exmaple", "--person", "Ben Example")
    assert typo.output == (
        "Error: no account 'whatsapp:Ben Exmaple' in this case (did you mean whatsapp:Ben Example or"
        " whatsapp:Ann Example?); accounts: whatsapp:Ann Example, whatsapp:Ben Example\n"
    )


def test_exit_codes(tmp_path: Path, run_cli: Run) -> None:
    assert run_cli("ls", str(tmp_path / "nowhere")).exit_code == 1
    assert run_cli("ls", str(tmp_path / "nowhere")).output == (
        f"Error: {tmp_path / 'nowhere'}: no Footprint case here; create one with `footprint case init`\n"
    )
    usage = run_cli("person", "add", str(tmp_path), "X", "--role", "villain")
    assert usage.exit_code == 2


def test_hostile_text_is_inert_in_terminal_output(tmp_path: Path, run_cli: Run) -> None:
    case = tmp_path / "c"
    run_cli("case", "init", str(case), "--name", "R v X")
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "14/03/2024, 09:15 - [bold]Mallory[/bold]: \x1b[2J\u202egnp.exe [link=x]y[/link]\n", encoding="utf-8"
    )
    run_cli("add", str(case), str(chat), "--producer", "A B")
    out = run_cli("items", str(case)).output
    assert "\x1b" not in out and "\u202e" not in out
    assert "[bold]Mallory[/bold]: \\x1b[2J\\u202egnp.exe [link=x]y[/link]" in out


def test_parsers_json(run_cli: Run) -> None:
    names = {p["name"] for p in json.loads(run_cli("parsers", "--json").output)["parsers"]}
    assert {"whatsapp", "csv_generic", "jsonl_generic", "incidents_csv"} <= names


@pytest.mark.slow
def test_demo_end_to_end(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    case = tmp_path / "demo" / "case"
    assert (case / "reports" / "report.html").exists()
    ls = json.loads(run_cli("ls", str(case), "--json").output)
    assert [(e["ref"], e["parser"], e["items"], e["warnings"]) for e in ls["exhibits"]] == [
        ("JD/1", "whatsapp", 20, 0),
        ("JD/2", "csv_generic", 7, 0),
        ("SJ/1", "whatsapp", 5, 0),
        ("AP/1", "incidents_csv", 3, 0),
    ]
    assert run_cli("verify", str(case)).exit_code == 0


def _planted_findings(case_dir: Path, settings: Settings) -> None:
    """Two findings on BE/1 line 1, stored as a detect run (independent of the detector's behaviour)."""
    case = Case.open(case_dir, settings)
    try:
        [item_id] = [i.id for i in case.store.iter_items("BE/1") if i.locator == "line 1"]
        drafts = [
            FindingDraft(item_id, c, 0.9, f"planted {c}") for c in ("threat_to_kill", "threat_violence")
        ]
        store_findings(case, "detect", drafts, version=6)
    finally:
        case.close()


def test_findings_text_shows_the_id_review_needs_and_the_analyser(
    case_dir: Path, run_cli: Run, settings: Settings
) -> None:
    _planted_findings(case_dir, settings)
    listed = json.loads(run_cli("findings", str(case_dir), "--json").output.splitlines()[0])
    lines = run_cli("findings", str(case_dir)).output.splitlines()
    # the id is what `footprint review DIR ID` takes; "[detect]" was swallowed as rich markup
    assert lines[0].startswith(f"#{listed['id']} BE/1 line 1 {listed['category']} ")
    assert f"[detect v{listed['analyser_version']}]" in lines[0]
    assert "not yet reviewed" in lines[0]


def test_items_text_shows_deleted_and_edited_flags(tmp_path: Path, case_dir: Path, run_cli: Run) -> None:
    chat = tmp_path / "WhatsApp Chat with Cal Example.txt"
    chat.write_text(
        "14/03/2024, 09:16 - Cal Example: This message was deleted\n"
        "14/03/2024, 09:17 - Cal Example: fine <This message was edited>\n",
        encoding="utf-8",
    )
    assert run_cli("add", str(case_dir), str(chat), "--producer", "Ben Example").exit_code == 0
    lines = run_cli("items", str(case_dir), "--exhibit", "BE/2").output.splitlines()
    assert lines[0].endswith("Cal Example: This message was deleted [deleted]")  # was swallowed as markup
    assert lines[1].endswith("Cal Example: fine [edited]")


@pytest.mark.parametrize("extra", [(), ("--warnings",), ("--json",)])
def test_items_of_an_unknown_exhibit_is_an_error_not_an_empty_list(
    case_dir: Path, run_cli: Run, extra: tuple[str, ...]
) -> None:
    result = run_cli("items", str(case_dir), "--exhibit", "BE/9", *extra)
    assert result.exit_code == 1
    assert result.output == (
        "Error: no exhibit 'BE/9' in this case (it has BE/1); `footprint ls DIR` lists the exhibits\n"
    )


def test_findings_of_a_category_with_none_names_the_categories_there_are(
    case_dir: Path, run_cli: Run, settings: Settings
) -> None:
    _planted_findings(case_dir, settings)
    result = run_cli("findings", str(case_dir), "--category", "threat_kill")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        "0 finding(s) of category 'threat_kill'; this case has: threat_to_kill, threat_violence"
    )


def test_a_change_another_command_made_first_is_one_line_not_a_traceback(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from footprint.cli import cli
    from footprint.store.queries import CaseQueries

    runner = CliRunner()
    args = ["--actor", "tester", "person", "add", str(case.dir), "Ann Example", "--role", "witness"]
    assert runner.invoke(cli, args).exit_code == 0
    # a second `person add` looked for the name before the first committed (two people at once)
    monkeypatch.setattr(CaseQueries, "persons", lambda self: [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(
        "Error: the case changed while this command ran (another command or user got there first:"
    )
    assert result.output.rstrip().endswith("nothing was changed; look at the case and run the command again")
    assert len(result.output.strip().splitlines()) == 1


def test_a_person_added_twice_or_a_missing_bundle_says_what_to_do(
    case_dir: Path, tmp_path: Path, run_cli: Run
) -> None:
    again = run_cli("person", "add", str(case_dir), "Ben Example", "--role", "witness")
    assert (again.exit_code, again.output) == (
        1,
        "Error: 'Ben Example' is already a person in this case (complainant); to attribute an account to"
        " them use `footprint account attribute --person 'Ben Example'`, or add a different person under a"
        " name that tells them apart\n",
    )
    # the same name in other capitals or spacing is the same person ("jane doe" beside "Jane Doe")
    folded = run_cli("person", "add", str(case_dir), "ben  EXAMPLE", "--role", "suspect")
    assert (folded.exit_code, folded.output) == (
        1,
        "Error: 'ben  EXAMPLE' is already a person in this case as 'Ben Example' (complainant); to attribute"
        " an account to them use `footprint account attribute --person 'Ben Example'`, or add a different"
        " person under a name that tells them apart\n",
    )
    missing = run_cli("verify", str(tmp_path / "missing.zip"))
    assert missing.exit_code == 1
    assert (
        f"{tmp_path / 'missing.zip'}: no such bundle or case folder; check the path (a bundle is the .zip"
        " that `footprint report DIR --bundle` writes)"
    ) in missing.output


def test_a_line_break_in_a_message_cannot_print_a_line_that_looks_like_an_item(
    tmp_path: Path, case_dir: Path, run_cli: Run
) -> None:
    chat = tmp_path / "WhatsApp Chat with Cal Example.txt"
    chat.write_text(
        "14/03/2024, 09:16 - Cal Example: line one\n"
        "BE/2 line 99 01/01/2024 09:00:00 GMT (+00:00) Ben Example: I made it all up\n",
        encoding="utf-8",
    )
    assert run_cli("add", str(case_dir), str(chat), "--producer", "Ben Example").exit_code == 0
    listed = run_cli("items", str(case_dir), "--exhibit", "BE/2").output.splitlines()
    assert listed == [
        "BE/2 lines 1-2 14/03/2024 09:16:00 GMT (+00:00) Cal Example: line one\u23ceBE/2 line 99 01/01/2024"
        " 09:00:00 GMT (+00:00) Ben Example: I made it all up"
    ]
    found = run_cli("search", str(case_dir), "one").output.splitlines()
    assert len(found) == 2 and "«one»\u23ceBE/2 line 99" in found[0] and found[1] == "1 hit(s)"


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_is_an_error_not_no_hits(case_dir: Path, run_cli: Run, query: str) -> None:
    result = run_cli("search", str(case_dir), query)
    assert (result.exit_code, result.output) == (
        1,
        "Error: the search is empty; give words or a quoted phrase, e.g. '\"new number\"'\n",
    )


def test_c1_controls_are_written_out() -> None:
    from footprint.visible import visible

    assert visible("a\x9b31mb\x85c") == "a\\x9b31mb\\x85c"


def test_blank_characters_of_an_invisible_name_are_written_out_in_the_terminal() -> None:
    # "~ \u3164" and "~ \u2800" (HANGUL FILLER, BRAILLE PATTERN BLANK) both printed as a blank "~ "
    from footprint.visible import visible

    assert visible("whatsapp:~ \u3164, whatsapp:~ \u2800, \uffa0\u115f\u1160") == (
        "whatsapp:~ \\u3164, whatsapp:~ \\u2800, \\uffa0\\u115f\\u1160"
    )


def test_invisible_characters_that_split_a_word_are_written_out_in_the_terminal() -> None:
    from footprint.visible import visible

    assert visible("I will k\u200bill you \U0001f468\u200d\U0001f469") == (
        "I will k\\u200bill you \U0001f468\u200d\U0001f469"
    )
