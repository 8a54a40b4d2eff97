"""The link analyser reads a message's first MAX_TEXT_CHARS characters, and its run names the longer ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.analyse import run_analysers
from footprint.analyse.link import analyser as link_analyser
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit


def test_the_link_analyser_reads_the_same_first_part_and_says_so(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the link analyser took 150 s and 7.2 GB on a 54 MB message
    monkeypatch.setattr(link_analyser, "MAX_TEXT_CHARS", 40)
    chat = tmp_path / "WhatsApp Chat with Rob Test.txt"
    chat.write_text(
        "12/03/2024, 21:14 - Rob Test: " + "la " * 20 + "\n12/03/2024, 21:15 - Amy Test: ok\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Amy Test", date_order="dmy"))
    [outcome] = run_analysers(case, ["link"], strict=True)
    [long] = [i.id for i in case.store.iter_items() if len(i.text) > 40]
    assert outcome.error == (
        f"1 message(s) longer than 40 characters were analysed in their first 40 characters only; read the"
        f" rest yourself (item ids {long})"
    )
