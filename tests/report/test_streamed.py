"""The per-item exports are written to disk as they are made, never held whole in memory (items.jsonl of
a 293,000-item case was 304 MB of text, held twice: as text and encoded); the bundle carries them whole."""

from __future__ import annotations

import gc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.errors import ReportError
from footprint.model import Item
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, build_report, export, write, write_outputs
from footprint.report.build import ReportModel
from tests.conftest import store_findings


def test_items_jsonl_is_on_disk_line_by_line_while_it_is_made(
    report_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = export.items_jsonl
    seen: list[tuple[int, int]] = []  # (lines made so far, lines already in the staged file)

    def watched(model: ReportModel) -> Iterator[str]:
        staged = next(report_case.dir.glob(".report-staging-*/items.jsonl"), None)
        for n, line in enumerate(made(model)):
            if staged is None:
                staged = next(report_case.dir.glob(".report-staging-*/items.jsonl"))
            seen.append((n, staged.read_text(encoding="utf-8").count("\n")))
            yield line

    monkeypatch.setattr(write, "items_jsonl", watched)
    written = write_outputs(report_case, ReportOptions(bundle=True))
    lines = (report_case.reports_dir / "items.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(seen) == len(lines) > 3
    # each line written out before the next is made (the file's buffer flushed at 8 KiB or the end)
    assert seen[0] == (0, 0) and all(on_disk <= n for n, on_disk in seen)
    with zipfile.ZipFile(next(p for p in written.paths if p.name == "bundle.zip")) as z:
        assert z.read("items.jsonl").decode("utf-8").splitlines() == lines


def test_a_disclosure_bundle_carries_its_own_streamed_exports(report_case: Case, tmp_path: Path) -> None:
    options = ReportOptions(
        bundle=True, redact=True, disclosure_to="Defence solicitor", justification="CPIA disclosure"
    )
    write_outputs(report_case, options)
    reports = report_case.reports_dir
    with zipfile.ZipFile(reports / "disclosure-bundle.zip") as z:
        assert z.read("timeline.jsonl") == (reports / "disclosure" / "timeline.jsonl").read_bytes()
        assert z.read("items.jsonl") == (reports / "disclosure" / "items.jsonl").read_bytes()
    assert (reports / "disclosure" / "items.jsonl").read_bytes() != (reports / "items.jsonl").read_bytes()


def test_every_per_item_export_is_written_as_lines_with_the_same_text(report_case: Case) -> None:
    from footprint.report import schedules
    from footprint.report.build import build_report

    model = build_report(report_case)
    files = write.artefacts(model, pdf=False, redaction_log=None)
    streamed = {name: data for name, data in files.items() if not isinstance(data, bytes)}
    assert sorted(streamed) == ["items.jsonl", "schedules/chronology.csv", "timeline.jsonl"]
    text = "".join(streamed["schedules/chronology.csv"]())  # type: ignore[operator]
    assert text == schedules.chronology(model) and text.count("\r\n") > len(model.chronology)
    assert "".join(streamed["items.jsonl"]()) == "".join(export.items_jsonl(model))  # type: ignore[operator]


def _chat_case(case: Case, tmp_path: Path, messages: int) -> list[int]:
    """``messages`` messages in one chat, a finding on the one a quarter of the way in: its items' ids."""
    lines = "".join(
        f"14/03/2024, {9 + n // 60:02d}:{n % 60:02d} - Craig Smith: message {n} where are you\n"
        for n in range(messages)
    )
    chat = tmp_path / "WhatsApp Chat with Craig Smith.txt"
    chat.write_text(lines, encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1"))
    ids = [i.id for i in case.store.iter_items()]
    store_findings(case, "detect", [FindingDraft(ids[messages // 4], "monitoring", 0.9, "asks where she is")])
    return ids


def _items_alive() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Item))


def test_the_report_model_holds_only_the_rows_it_shows_whole(case: Case, tmp_path: Path) -> None:
    ids = _chat_case(case, tmp_path, 120)
    alive = _items_alive()
    model = build_report(case)
    # the flagged item with three messages either side: not the chronology's 120 rows
    assert _items_alive() - alive <= 10
    assert [r.item.id for r in model.chronology] == ids and len(model.chronology) == 120
    assert [line.item.id for line in model.flagged[0].context] == ids[27:34]
    assert model.chronology[30].findings[0].category == "monitoring"


def test_a_chronology_read_again_is_as_the_report_was_built(case: Case, tmp_path: Path) -> None:
    ids = _chat_case(case, tmp_path, 10)
    model = build_report(case)
    later = tmp_path / "later" / "WhatsApp Chat with Craig Smith.txt"
    later.parent.mkdir()
    later.write_text("15/03/2024, 09:00 - Craig Smith: added after the report was built\n", encoding="utf-8")
    add_exhibit(case, later, AddOptions(producer="Jane Doe", exhibit_ref="JD/2"))
    assert [r.item.id for r in model.chronology] == ids  # the item added since is left out
    with case.store.unscoped_engine.begin() as conn:  # an item the report knew is gone
        conn.execute(text("DELETE FROM recipient WHERE item_id = :i"), {"i": ids[3]})
        conn.execute(text("DELETE FROM item WHERE id = :i"), {"i": ids[3]})
    with pytest.raises(ReportError) as raised:
        list(model.chronology)
    assert str(raised.value) == (
        "the case's items changed while its report was being written (9 chronology rows read, 10 when it"
        " began); nothing was recorded: run footprint report again"
    )
