"""A very long message: each section shows its start and says where the whole text is."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report.write import artefacts
from footprint.synth.writers import ChatLine, write_whatsapp_txt
from report.planted import JOHN, _run

# one line of 1,000,000 characters with no space: the hardest text there is to lay out
BIG = "BIGSTART" + "y" * 999_992
NOTE = "… 996,000 more characters: the whole text is in items.jsonl and exhibit JD/1 line 2"


@pytest.fixture
def long_case(case: Case, tmp_path: Path) -> Case:
    chat = tmp_path / "chat.txt"
    lines = [(19, "Are you in?"), (20, BIG), (21, "I will kill you")]
    write_whatsapp_txt(chat, [ChatLine(datetime(2024, 2, 5, h, 0), JOHN, text) for h, text in lines])
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", date_order="dmy"))
    kill = next(i.id for i in case.store.iter_items() if i.text == "I will kill you")
    _run(case, "detect", 4, [FindingDraft(kill, "threat_to_kill", 0.9, "Threat.", ((0, 15),), ("kill",))])
    return case


def test_a_one_megabyte_message_is_cut_in_every_section_and_whole_in_items_jsonl(long_case: Case) -> None:
    started = time.monotonic()
    files = artefacts(build_report(long_case), pdf=True, redaction_log=None)
    elapsed = time.monotonic() - started
    html = files["report.html"].decode("utf-8")
    shown = "BIGSTART" + "y" * 3_992
    # the chronology and the flagged item's conversation, each cut after 4,000 characters
    assert html.count(f'{shown}</span> <span class="flag">{NOTE}</span>') == 2
    assert html.count("BIGSTART") == 2 and len(html) < 200_000
    assert f"{shown} {NOTE}" in "".join(files["schedules/chronology.csv"]())
    timeline = [json.loads(x) for x in "".join(files["timeline.jsonl"]()).splitlines()]
    assert [t["message"] for t in timeline if "BIGSTART" in t["message"]] == [f"{JOHN}: {shown} {NOTE}"]
    items = [json.loads(x) for x in "".join(files["items.jsonl"]()).splitlines()]
    assert [i["text"] for i in items if i["locator"] == "line 2"] == [
        BIG
    ]  # the evidence keeps every character
    assert files["report.pdf"].startswith(b"%PDF-")
    assert elapsed < 60, f"the report took {elapsed:.0f} s"  # it ran 23 minutes without finishing before
    if shutil.which("pdftotext") is not None:
        pdf = long_case.dir / "report.pdf"
        pdf.write_bytes(files["report.pdf"])
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert " ".join(text.split()).count("996,000 more characters: the whole text is in items.jsonl") == 2
