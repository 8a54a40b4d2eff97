"""The review app's paged reads (``store.paged``) give, page by page, exactly what filtering every finding
in Python gave, on SQLite and on PostgreSQL (needs FOOTPRINT_TEST_PG_URL), for a role that sees the whole
case and for an advocate."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.model import Finding
from footprint.pipeline import AddOptions, add_exhibit
from footprint.review import decide
from footprint.review.counting import count_once
from footprint.settings import Settings
from footprint.store.case_store import CaseStore
from footprint.web.views import STATUSES
from tests.conftest import store_findings
from tests.scopecase import build

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest) -> str | None:
    """No URL for SQLite; a throwaway PostgreSQL database's URL (skips without a server)."""
    return None if request.param == "sqlite" else str(request.getfixturevalue("pg_url"))


def _chat(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / f"WhatsApp Chat with {name}.txt"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _case(tmp_path: Path, url: str | None) -> Case:
    """Two exhibits (the second repeats two of the first's messages), findings of two detect runs, a
    conduct finding on no item, decisions made on the first run and carried to the second (one of them
    to a finding that now says something else), and a recorded decision of the second run."""
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(tmp_path / "case", name="R v Paged", tz="Europe/London", settings=settings)
    lines = [f"14/03/2024, 09:{m:02d} - Craig Smith: message {m} you will regret it\n" for m in range(14)]
    add_exhibit(
        case, _chat(tmp_path, "Craig Smith", lines), AddOptions(producer="Jane Doe", exhibit_ref="JD/1")
    )
    add_exhibit(case, _chat(tmp_path, "Craig", lines[3:5]), AddOptions(producer="PC Ann", exhibit_ref="PC/1"))
    ids = [i.id for i in case.store.iter_items()]

    def drafts(explained: str) -> list[FindingDraft]:
        return [
            FindingDraft(
                i, category, score, f"{category} in {n}{explained if n == 2 else ''}", spans=((0, 4),)
            )
            for n, i in enumerate(ids)
            for category, score in (("threat_violence", 0.9), ("monitoring", 0.5))
            if (n + len(category)) % 3
        ] + [FindingDraft(None, "course_of_conduct", 1.0, "two or more", details={"item_ids": ids[:3]})]

    store_findings(case, "detect", drafts(""))
    first = case.store.findings()
    for f, decision in zip(first[1:6], ("confirm", "dismiss", "confirm", "note", "confirm"), strict=True):
        decide(case, f.id, decision, "checked")
    store_findings(case, "detect", drafts(" (now dated)"))
    decide(case, case.store.findings()[-1].id, "dismiss", "not a threat")
    return case


def _every_page(store: CaseStore, category: str | None, status: str, size: int) -> list[Finding]:
    found: list[Finding] = []
    while True:
        page = store.finding_slice(category, status, len(found), size)
        assert page.matched == len(expected := _filtered(store, category, status))
        found += page.findings
        if not page.findings:
            assert found == expected
            return found


def _filtered(store: CaseStore, category: str | None, status: str) -> list[Finding]:
    """What the findings list showed before it was paged: every finding filtered in Python."""
    return [
        f
        for f in store.findings()
        if (not category or f.category == category)
        and (status == "all" or (status == "unreviewed" and f.decision is None) or f.decision == status)
    ]


def _check_store(store: CaseStore, counts_of: Callable[[CaseStore], Counter[str]]) -> None:
    every = store.findings()
    for category in (None, *sorted({f.category for f in every})):
        for status in STATUSES:
            _every_page(store, category, status, 3)
    base, copied = store.finding_categories()
    assert base.total() + len(copied) == len(every)
    assert counts_of(store) == Counter(f.category for f in count_once(every, store.copy_refs())[1])
    items = list(store.iter_items("JD/1"))
    for start in (0, 3, 12, 13, 14):
        assert store.item_window("JD/1", start, 4) == items[start : start + 4]
    shown = [i.id for i in items[2:9]]
    assert store.finding_counts(shown) == dict(Counter(f.item_id for f in every if f.item_id in shown))


def _counted_once(store: CaseStore) -> Counter[str]:
    base, copied = store.finding_categories()
    base.update(f.category for f in count_once(copied, store.copy_refs())[1])
    return base


def test_each_page_of_the_findings_is_what_filtering_every_finding_gave(
    tmp_path: Path, database: str | None
) -> None:
    case = _case(tmp_path, database)
    every = case.store.findings()
    decided = Counter(f.decision for f in every)
    # the case exercises every status: decisions of its own, carried ones and one no longer carried
    assert decided == Counter({None: 17, "confirmed": 3, "dismissed": 2})
    assert sum(f.decided_on is not None for f in every) == 4 and any(f.earlier_decision for f in every)
    assert case.store.copies_of()  # PC/1 repeats two messages of JD/1
    _check_store(case.store, _counted_once)
    case.close()


def test_an_advocate_pages_only_what_she_may_see(tmp_path: Path, database: str | None) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=database)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    scoped = build(case, tmp_path / "inputs")
    hers = case.store.for_role("advocate")
    assert [f.id for f in hers.findings()] == list(scoped.visible_findings)
    for size in (1, 2, 5):
        assert [f.id for f in _every_page(hers, None, "all", size)] == list(scoped.visible_findings)
    assert hers.finding_slice(None, "all", 0, 2).matched == 3
    assert hers.finding_counts([*scoped.hers, *scoped.police]) == {scoped.hers[0]: 1, scoped.hers[1]: 1}
    assert hers.item_window("PC/1", 0, 10) == []  # her exhibits only
    assert [i.id for i in hers.item_window("JD/1", 1, 10)] == [scoped.hers[1]]
    _check_store(hers, _counted_once)
    case.close()


@pytest.fixture
def closing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every case a command opens in this process, closed after the test (a command leaves it open for
    its process's end, which on PostgreSQL would leave connections to a database the test drops)."""
    opened: list[Case] = []
    for name in ("open", "init"):
        made = getattr(Case, name)

        def tracked(*args: Any, made: Any = made, **kwargs: Any) -> Case:
            opened.append(case := made(*args, **kwargs))
            return case

        monkeypatch.setattr(Case, name, tracked)
    yield
    for case in opened:
        case.close()


@pytest.mark.usefixtures("closing")
def test_search_prints_and_audits_how_many_messages_match_not_only_those_shown(
    tmp_path: Path, database: str | None, run_cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "case"
    db = ["--db", database] if database else []
    assert run_cli(*db, "case", "init", str(folder), "--name", "R v Count").exit_code == 0
    lines = [
        f"{14 + m // 600}/03/2024, {9 + m // 60 % 10:02d}:{m % 60:02d} - Craig Smith: stop number {m}\n"
        for m in range(1_002)
    ]
    chat = _chat(tmp_path, "Craig Smith", lines)
    assert run_cli("add", str(folder), str(chat), "--producer", "Jane Doe").exit_code == 0
    shown = run_cli("search", str(folder), "stop", "--limit", "2").output.splitlines()
    assert len(shown) == 3 and shown[-1] == "1,002 hit(s); showing the first 2 (use --limit)"
    assert run_cli("search", str(folder), '"number 7"').output.splitlines()[-1] == "1 hit(s)"
    every = run_cli("search", str(folder), "stop", "--limit", "1002").output.splitlines()
    assert len(every) == 1_003 and every[-1] == "1,002 hit(s)"
    case = Case.open(folder, Settings(actor="tester", role="investigator", database_url=None))
    audited = [json.loads(e.details) for e in case.store.audit_entries() if e.action == "search"]
    assert audited == [{"hits": 1_002, "shown": 2}, {"hits": 1, "shown": 1}, {"hits": 1_002, "shown": 1_002}]
    case.close()
