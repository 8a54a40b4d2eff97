"""`footprint classify`: input order, ids, every category's score, formats and errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from footprint.analyse.detect import CATEGORIES
from footprint.analyse.detect.analyser import DetectAnalyser
from footprint.cli import cli


def _run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["classify", *args], input=stdin, catch_exceptions=False)


def test_lines_from_stdin_in_order_with_line_numbers() -> None:
    result = _run("-", stdin="I'm going to kill you\nlovely weather\nPlease stop messaging me\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert rows[0]["labels"] == ["threat_violence", "threat_to_kill"]
    assert rows[1]["labels"] == []
    assert rows[2]["labels"] == ["request_to_stop"]
    assert all(list(r["scores"]) == list(CATEGORIES) for r in rows)
    assert {(r["analyser"], r["analyser_version"]) for r in rows} == {("detect", DetectAnalyser.version)}
    assert list(rows[0]) == ["id", "labels", "scores", "findings", "analyser", "analyser_version", "not_read"]
    assert [r["not_read"] for r in rows] == [None, None, None]  # read: English
    finding = rows[0]["findings"][1]
    assert finding["category"] == "threat_to_kill"
    assert finding["spans"] == [[13, 21]]
    assert finding["evidence"] == ["kill you"]
    assert finding["rule_ids"] == ["kill.first_person"]


def test_csv_with_ids_and_text_column(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('id,body\nm1,you stupid slag\nm2,"fine, thanks"\n', encoding="utf-8")
    result = _run(str(path), "--format", "csv", "--text-column", "body")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["labels"]) for r in rows] == [("m1", ["misogynistic_abuse"]), ("m2", [])]


def test_jsonl_and_a_bad_line_names_it() -> None:
    ok = _run("--format", "jsonl", "-", stdin='{"id": "x", "text": "kys"}\n')
    assert json.loads(ok.output)["labels"] == ["self_harm_encouragement"]
    bad = _run("--format", "jsonl", "-", stdin='{"text": "hi"}\nnot json\n')
    assert bad.exit_code == 1
    assert "standard input: line 2 is not JSON (Expecting value); fix it or use --format lines" in bad.output


def test_missing_column_is_an_input_error(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["classify", str(path), "--format", "csv"])
    assert result.exit_code == 1
    assert f"{path}: no column 'text' (columns: a, b); pass --text-column NAME" in result.output


def test_a_line_detection_does_not_read_says_so() -> None:
    # a Chinese or Spanish threat came back with empty labels and nothing to say it was not read (review of
    # other languages, defect 10)
    stdin = "".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
        for i, t in (
            ("zh", "我要杀了你"),
            ("es", "te voy a matar puta, sé donde vives"),
            ("cy", "Rwy'n mynd i dy ladd di"),
            ("hi", "मैं तुम्हें मार डालूँगा"),
            ("en", "I will kill you"),
        )
    )
    result = _run("--format", "jsonl", "-", stdin=stdin)
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["labels"], r["not_read"]) for r in rows] == [
        ("zh", [], "Han script"),
        ("es", [], "Spanish"),
        ("cy", [], "Welsh"),
        ("hi", [], "Devanagari script"),
        ("en", ["threat_violence", "threat_to_kill"], None),
    ]
