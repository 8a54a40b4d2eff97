"""On PostgreSQL (a team's server; needs FOOTPRINT_TEST_PG_URL): a colleague's `add` committed while an
analyser reads the case is not counted as read by its run, and one it read is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import footprint.analyse  # noqa: F401  (registers the analysers)
from footprint.analyse.base import FindingDraft, analysers, run_analysers
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

ONE = "14/03/2024, 09:15 - Ann Example: I will kill you\n14/03/2024, 09:16 - Ben Example: please stop\n"
TWO = "15/03/2024, 10:00 - Ann Example: I am going to kill you when I find you\n"


@pytest.mark.parametrize(("before_reading", "unread"), [(False, {"detect": ("BE/2",)}), (True, {})])
def test_an_add_committed_by_a_colleague_during_the_run(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before_reading: bool, unread: object
) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    mine = Case.init(
        tmp_path / "c",
        name="R v Team",
        tz="Europe/London",
        settings=Settings("alice", "investigator", pg_url),
    )
    add_exhibit(mine, tmp_path / "one.txt", AddOptions(producer="Ben Example"))
    colleague = Case.open(mine.dir, Settings("bob", "investigator", pg_url))

    def run(self: object, case: Case) -> Iterator[FindingDraft]:
        if before_reading:
            add_exhibit(colleague, tmp_path / "two.txt", AddOptions(producer="Ben Example"))
        read = list(case.store.iter_items())
        if not before_reading:
            add_exhibit(colleague, tmp_path / "two.txt", AddOptions(producer="Ben Example"))
        yield from (FindingDraft(i.id, "threat_to_kill", 0.9, "a threat", spans=((0, 4),)) for i in read)

    monkeypatch.setattr(analysers.get("detect"), "run", run)
    monkeypatch.setattr(analysers.get("detect"), "note", lambda self: None)
    assert [o.status for o in run_analysers(mine, ["detect"])] == ["ok"]
    assert mine.store.not_read() == unread
    colleague.close()
    mine.close()
