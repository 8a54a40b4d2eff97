"""Every JSON document the CLI writes names the tool and version that produced it (DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.code_identity import tool_version
from footprint.ingest import parsers

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("command", "options"),
    [(("ls",), ()), (("verify",), ()), (("user", "ls"), ())],
)  # fmt: skip
def test_case_documents_name_the_tool_and_its_version(
    chat_case: Path, run_cli: Run, command: tuple[str, ...], options: tuple[str, ...]
) -> None:
    result = run_cli(*command, str(chat_case), *options, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert (document["tool"], document["tool_version"]) == ("footprint", tool_version())


@pytest.mark.parametrize("command", ["parsers", "analysers"])
def test_plugin_lists_name_the_tool_and_its_version(run_cli: Run, command: str) -> None:
    document = json.loads(run_cli(command, "--json").output)
    assert (document["tool"], document["tool_version"]) == ("footprint", tool_version())


def test_items_name_the_parser_and_version_that_read_them(chat_case: Path, run_cli: Run) -> None:
    lines = [json.loads(line) for line in run_cli("items", str(chat_case), "--json").output.splitlines()]
    version = parsers.get("whatsapp").version
    assert [(i["locator"], i["parser"], i["parser_version"]) for i in lines] == [
        ("line 1", "whatsapp", version),
        ("line 2", "whatsapp", version),
    ]


def test_link_scores_name_the_tool_and_the_analyser_that_scored_them(run_cli: Run, tmp_path: Path) -> None:
    from footprint.analyse.link.analyser import LinkAnalyser

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": 1, "a": {}, "b": {}}\nnot json\n', encoding="utf-8")
    lines = [json.loads(line) for line in run_cli("link-score", str(pairs)).output.splitlines()]
    version = LinkAnalyser.version
    scorer = {
        "tool": "footprint",
        "tool_version": tool_version(),
        "analyser": "link",
        "analyser_version": version,
    }
    assert [{k: line.get(k) for k in scorer} for line in lines] == [scorer, scorer]
