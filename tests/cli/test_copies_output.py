"""`assess` and `findings` name a message held by two exhibits once, with its copy."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import HER, HIM, chat_held_twice  # noqa: E402

from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.case import Case  # noqa: E402
from footprint.cli import cli  # noqa: E402


def test_assess_lists_each_breach_once_naming_its_copy(case: Case, tmp_path: Path) -> None:
    chat_held_twice(case, tmp_path, "zip")
    add_order(
        case, type="restraining", made="2024-03-14 10:00", expires=None, protects=HER, against=HIM,
        conditions=["not to contact Jane Doe directly or indirectly"],
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["assess", str(case.dir), "--as-of", "2024-06-01"])
    assert result.exit_code == 0, result.output
    breaches = [line for line in result.output.splitlines() if line.startswith("  restraining order 1")]
    assert breaches == [
        "  restraining order 1 (made 14/03/2024 10:00:00 GMT (+00:00)): JD/1 line 3 (also JD/2 line 3) at"
        " 14/03/2024 13:00:00 GMT (+00:00) — 'not to contact Jane Doe directly or indirectly'",
        "  restraining order 1 (made 14/03/2024 10:00:00 GMT (+00:00)): JD/1 line 4 (also JD/2 line 4) at"
        " 14/03/2024 13:01:00 GMT (+00:00) — 'not to contact Jane Doe directly or indirectly'",
        "  restraining order 1 (made 14/03/2024 10:00:00 GMT (+00:00)): JD/1 line 5 (also JD/2 line 5) at"
        " 15/03/2024 20:00:00 GMT (+00:00) — 'not to contact Jane Doe directly or indirectly'",
    ]


def test_findings_marks_those_on_copies_and_says_how_many(case: Case, tmp_path: Path) -> None:
    chat_held_twice(case, tmp_path, "zip")
    result = CliRunner().invoke(cli, ["findings", str(case.dir), "--category", "request_to_stop"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(" request_to_stop")[0] for line in lines[:2]] == [
        "#2 JD/1 line 2",
        "#4 JD/2 line 2 (copy of JD/1 line 2)",
    ]
    assert lines[-1] == (
        "2 finding(s) — opinions until reviewed; a score is how strongly the rule or model matched, not a"
        " probability that the offence happened; 1 of them on copies of messages in earlier exhibits (each"
        " message counted once)"
    )


def test_items_marks_a_copy_with_the_item_it_repeats(case: Case, tmp_path: Path) -> None:
    chat_held_twice(case, tmp_path, "zip")
    text = CliRunner().invoke(cli, ["items", str(case.dir), "--exhibit", "JD/2"])
    assert text.output.splitlines()[1] == (
        "JD/2 line 2 14/03/2024 09:05:00 GMT (+00:00) Jane Doe: please stop messaging me [copy of JD/1 line 2]"
    )
    lines = CliRunner().invoke(cli, ["items", str(case.dir), "--json"]).output.splitlines()
    assert [json.loads(line).get("copy_of") for line in lines] == [None] * 5 + [
        f"JD/1 line {n}" for n in range(1, 6)
    ]
