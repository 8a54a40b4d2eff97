"""`footprint classify`: input order, ids, every category's score, formats and errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    assert list(rows[0]) == [
        "id", "labels", "scores", "findings", "analyser", "analyser_version", "not_read", "not_weighed",
        "characters_not_read",
    ]  # fmt: skip
    assert [r["not_read"] for r in rows] == [None, None, None]  # read: English
    assert [r["not_weighed"] for r in rows] == [None, None, None]  # every match weighed
    assert [r["characters_not_read"] for r in rows] == [0, 0, 0]  # read whole
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


def _run_bytes(*args: str, stdin: bytes) -> Result:
    return CliRunner().invoke(cli, ["classify", *args], input=stdin, catch_exceptions=False)


def _ids_and_labels(result: Result) -> list[tuple[object, list[str]]]:
    return [(r["id"], r["labels"]) for r in map(json.loads, result.stdout.splitlines())]


def test_jsonl_and_a_bad_line_names_it_and_the_rest_go_on() -> None:
    ok = _run("--format", "jsonl", "-", stdin='{"id": "x", "text": "kys"}\n')
    assert json.loads(ok.output)["labels"] == ["self_harm_encouragement"]
    bad = _run("--format", "jsonl", "-", stdin='{"text": "hi"}\nnot json\n{"text": "kys"}\n')
    assert bad.exit_code == 1
    assert _ids_and_labels(bad) == [(1, []), (3, ["self_harm_encouragement"])]
    assert bad.stderr == (
        "standard input: line 2 is not JSON (Expecting value); fix it or use --format lines\n"
        "Error: standard input: 1 record(s) could not be read (named above); the others were classified\n"
    )


def test_bad_utf8_is_named_by_line_in_its_place_and_the_rest_are_classified() -> None:
    result = _run_bytes("-", stdin=b"I will kill you \xff\xfe\nx\xed\xa0\x80y\nI'm going to kill you\r\n")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "standard input: line 1 is not UTF-8 (byte 17 of the line); save it as UTF-8",
        "standard input: line 2 is not UTF-8 (byte 2 of the line); save it as UTF-8",
    ]
    assert _ids_and_labels(result) == [(3, ["threat_violence", "threat_to_kill"])]
    assert json.loads(result.stdout)["findings"][1]["evidence"] == ["kill you"]


def test_utf16_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("hello\n".encode("utf-16"))
    result = _run(str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {path}: UTF-16 text, not UTF-8; save it again as UTF-8\n"


def test_deep_json_and_a_long_number_are_named_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text(f'{deep}\n{{"id": 1{"0" * 5000}, "text": "a"}}\n{{"text": "kys"}}\n', encoding="utf-8")
    result = _run(str(path), "--format", "jsonl")
    assert result.exit_code == 1
    assert _ids_and_labels(result) == [(3, ["self_harm_encouragement"])]
    assert result.stderr.splitlines() == [
        f"{path}: line 1 is nested too deeply to read; fix it or use --format lines",
        f"{path}: line 2 has a number too long to read; fix it or use --format lines",
        f"Error: {path}: 2 record(s) could not be read (named above); the others were classified",
    ]


def test_csv_bad_byte_and_lone_cr_are_named_and_the_rest_classified() -> None:
    result = _run_bytes("-", "--format", "csv", stdin=b"id,text\n1,\xff\xfe bad\n2,a\rb\n3,kys\n")
    assert result.exit_code == 1
    assert _ids_and_labels(result) == [("3", ["self_harm_encouragement"])]
    assert result.stderr.splitlines() == [
        "standard input: line 2 is not UTF-8 (byte 3 of the line); save it as UTF-8",
        "standard input: line 3 is not a CSV record (a carriage return outside quotes); fix it",
        "Error: standard input: 2 record(s) could not be read (named above); the others were classified",
    ]


def test_a_lone_cr_is_not_a_line_break() -> None:
    result = _run_bytes("-", stdin=b"a\rb\rc\r\nkys\n")
    assert result.exit_code == 0
    assert _ids_and_labels(result) == [(1, []), (2, ["self_harm_encouragement"])]


def test_an_unclosed_csv_quote_is_warned_of_with_its_line() -> None:
    result = _run("-", "--format", "csv", stdin='id,text\n1,"never closed\n2,x\n')
    assert result.exit_code == 0
    assert _ids_and_labels(result) == [("1", [])]
    assert result.stderr == (
        "standard input: line 2: a quote is not closed; lines 2-3 were read as one record (close the quote)\n"
    )


def test_csv_multiline_quoted_field_and_blank_lines_keep_their_ids() -> None:
    result = _run("-", "--format", "csv", stdin='id,text\n\n,"you stupid\nslag"\n,fine\n')
    assert (result.exit_code, result.stderr) == (0, "")
    assert _ids_and_labels(result) == [(2, ["misogynistic_abuse"]), (3, [])]


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


def test_a_threat_after_200_denials_is_found_and_the_match_not_weighed_is_counted() -> None:
    # the reviewer's cap2.jsonl: the second line gave no label and nothing said a match was not weighed
    lines = [json.dumps({"text": "I would never kill you. " * k + "I will kill you."}) for k in (199, 200)]
    lines.append(json.dumps({"text": "I would never kill you. " * 300}))
    result = _run("--format", "jsonl", "-", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["labels"], r["not_weighed"]) for r in rows] == [
        (["threat_violence", "threat_to_kill"], None),
        (["threat_violence", "threat_to_kill"], {"kill.first_person": 1}),
        ([], {"kill.first_person": 100}),
    ]


def test_look_alike_letters_and_a_name_are_read_not_named_as_another_script() -> None:
    # the reviewer's mix2.jsonl: English in Cyrillic look-alikes and an English threat naming Ελένη were
    # "not_read" though detection found the threat (new-code review 4, defect 9)
    texts = ["І wіll kіll уоu", "I will kill you (name: Ελένη)", "Я тебя убью, сука"]
    result = _run("--format", "jsonl", "-", stdin="".join(json.dumps({"text": t}) + "\n" for t in texts))
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["labels"], r["not_read"]) for r in rows] == [
        (["threat_violence", "threat_to_kill"], None),
        (["threat_violence", "threat_to_kill"], None),
        ([], "Cyrillic script"),
    ]


def test_a_text_is_read_in_its_first_100000_characters_as_analyse_reads_a_message(monkeypatch: Any) -> None:
    # classify had no limit: a 10 MB hostile line took minutes; analyse reads a message's first
    # MAX_TEXT_CHARS characters, and classify now does the same, saying how many it left unread
    from footprint.analyse.base import MAX_TEXT_CHARS
    from footprint.analyse.detect import Detector

    read: list[int] = []
    classify_many = Detector.classify_many

    def recorded(self: Detector, texts: list[str]) -> Any:
        read.extend(len(t) for t in texts)
        return classify_many(self, texts)

    monkeypatch.setattr(Detector, "classify_many", recorded)
    long = "I will kill you. " + "x" * (MAX_TEXT_CHARS + 2_000)
    result = _run("-", stdin=f"{long}\nhello\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["characters_not_read"]) for r in rows] == [(1, len(long) - 100_000), (2, 0)]
    assert MAX_TEXT_CHARS == 100_000 and read == [100_000, 5]
    assert rows[0]["findings"][0]["evidence"] == ["kill you"]
