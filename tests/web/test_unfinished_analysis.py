"""Every page of the review app says when the latest `analyse` did not finish (what ran, what did not) and
which exhibits were added after the analysers ran."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from footprint.analysis_gaps import analysis_gaps
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.times import uk_display

ALERT = re.compile(r'<p class="warning" role="alert">(.*?)</p>', re.S)


def test_every_page_says_the_latest_analysis_did_not_finish(planted: Case, client: TestClient) -> None:
    assert ALERT.findall(client.get("/findings").text) == []
    with planted.transaction() as (tx, _):
        tx.add_analysis(["detect", "law"], "DC Stopped")  # begun; no run of either committed
    latest = planted.store.latest_analysis()
    assert latest is not None
    for url in ("/findings", "/items", "/links"):
        page = client.get(url)
        assert page.status_code == 200
        assert [html.unescape(a) for a in ALERT.findall(page.text)] == [f"Warning: {latest.unfinished}"]
    assert latest.unfinished.startswith(
        f"the latest analysis (no. {latest.id}, started {uk_display(latest.started_utc)} by DC Stopped) did not finish:"
        " it stopped, or is still running. Ran: none. Did not run: detect, law."
    )


def test_every_page_says_which_exhibit_was_added_after_the_analysers_ran(
    planted: Case, client: TestClient, tmp_path: Path
) -> None:
    chat = tmp_path / "later.txt"
    chat.write_text("22/05/2024, 10:00 - John Smith: you will regret this\n", encoding="utf-8")
    add_exhibit(planted, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/9"))
    [said] = analysis_gaps(planted.store)
    assert said.startswith("JD/9 was added after the latest runs of ")  # planted outside an analysis
    assert said.endswith(": it has not been analysed: run `footprint analyse` again")
    for url in ("/findings", "/items"):
        page = client.get(url)
        assert [html.unescape(a) for a in ALERT.findall(page.text)] == [f"Warning: {said}"]
