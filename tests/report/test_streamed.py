"""The per-item exports are written to disk as they are made, never held whole in memory (items.jsonl of
a 293,000-item case was 304 MB of text, held twice: as text and encoded); the bundle carries them whole."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.report import ReportOptions, export, write, write_outputs
from footprint.report.build import ReportModel


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
