"""`findings` ends by naming the messages detection did not read, as the detect run named them (review of
other languages, defect 1: a Chinese threat to kill had been named nowhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from footprint.analyse import run_analysers
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit


def test_findings_names_what_detection_did_not_read(
    case: Case, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    chat = tmp_path / "WhatsApp Chat with John Smith.txt"
    chat.write_text(
        "14/03/2023, 09:15 - John Smith: I will kill you\n14/03/2023, 09:16 - John Smith: 我要杀了你，贱人\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", date_order="dmy"))
    run_analysers(case, ["detect"], strict=True)
    chinese = [i.id for i in case.store.iter_items(chronological=True)][1]
    result = run_cli("findings", str(case.dir))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"Not read by detection: JD/1: 1 of 2 messages looks wholly or partly in Han script (item id"
        f" {chinese}); detection reads English only — have them translated and record what they show"
        " (footprint record)"
    )
    english = run_cli("findings", str(case.dir), "--category", "threat_to_kill")
    assert english.output.splitlines()[-1].startswith("Not read by detection: JD/1: 1 of 2 messages")
