"""On PostgreSQL (a team's server; needs FOOTPRINT_TEST_PG_URL): a colleague's `add` committed once an
analyser's read transaction has begun is not counted as read by its run (it is not in what the run read),
and one committed before that is, with or without a finding on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import footprint.analyse  # noqa: F401  (registers the analysers)
from footprint.analyse import base
from footprint.analyse.base import FindingDraft, analysers, run_analysers
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

ONE = "14/03/2024, 09:15 - Ann Example: I will kill you\n14/03/2024, 09:16 - Ben Example: please stop\n"
TWO = "15/03/2024, 10:00 - Ann Example: I am going to kill you when I find you\n"


@pytest.mark.parametrize(
    ("when", "read", "unread"),
    [
        ("after reading", ["BE/1"], {"detect": ("BE/2",)}),
        ("before reading", ["BE/1"], {"detect": ("BE/2",)}),  # its read transaction had begun
        ("before its first read", ["BE/1", "BE/2"], {}),
    ],
)
def test_an_add_committed_by_a_colleague_during_the_run(
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
    read: list[str],
    unread: object,
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
    seen: list[str] = []

    def colleague_adds(moment: str) -> None:
        if moment == when:
            add_exhibit(colleague, tmp_path / "two.txt", AddOptions(producer="Ben Example"))

    def run(self: object, case: Case) -> Iterator[FindingDraft]:
        colleague_adds("before reading")
        items = list(case.store.iter_items())
        seen.extend(sorted({i.exhibit for i in items}))
        colleague_adds("after reading")
        yield from ()  # no finding: what it read is told by its read position alone

    first_read = base._audit_top
    monkeypatch.setattr(
        base, "_audit_top", lambda frozen: colleague_adds("before its first read") or first_read(frozen)
    )
    monkeypatch.setattr(analysers.get("detect"), "run", run)
    monkeypatch.setattr(analysers.get("detect"), "note", lambda self: None)
    assert [o.status for o in run_analysers(mine, ["detect"])] == ["ok"]
    assert [e.ref for e in mine.store.exhibits()] == ["BE/1", "BE/2"]
    assert seen == read
    assert mine.store.not_read() == unread
    colleague.close()
    mine.close()
