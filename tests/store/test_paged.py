"""The review app's paged reads (``store.paged``) give, page by page, exactly what filtering every finding
in Python gave, on SQLite and on PostgreSQL (needs FOOTPRINT_TEST_PG_URL), for a role that sees the whole
case and for an advocate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import text

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.model import Finding
from footprint.pipeline import AddOptions, add_exhibit
from footprint.review import decide
from footprint.review.counting import count_once
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store import scope
from footprint.store.case_store import CaseStore
from footprint.store.paged import Seek
from footprint.store.queries import latest_findings, latest_run_ids
from footprint.web.views import STATUSES
from tests.audited import said
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
    for f, decision in zip(first[1:6], ("confirm", "dismiss", "confirm", "confirm", "confirm"), strict=True):
        decide(case, f.id, decision, "checked")
    decide(case, first[6].id, "note", "checked")  # a note sets no state: its finding stays unreviewed
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


def _sought(store: CaseStore, category: str | None, status: str, size: int) -> list[list[int]]:
    """Every page read from where the one before ended (``Seek``), as the list's links read them; then
    checked against reading backwards from the end, each page ending where the one after began."""
    pages = [[f.id for f in store.finding_slice(category, status, 0, size).findings]]
    while pages[-1]:
        pages.append(
            [f.id for f in store.finding_slice(category, status, 0, size, Seek(pages[-1][-1])).findings]
        )
    back = [[f.id for f in store.finding_slice(category, status, 0, size, Seek(None, True)).findings]]
    while back[0]:
        back.insert(
            0, [f.id for f in store.finding_slice(category, status, 0, size, Seek(back[0][0], True)).findings]
        )
    assert sum(back, []) == sum(pages, [])
    return pages[:-1]


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
            numbered = [store.finding_slice(category, status, n, 3).findings for n in range(0, len(every), 3)]
            assert _sought(store, category, status, 3) == [[f.id for f in p] for p in numbered if p]
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
    assert sum(f.decided_on is not None for f in every) == 5 and any(f.earlier_decision for f in every)
    assert case.store.copies_of()  # PC/1 repeats two messages of JD/1
    _check_store(case.store, _counted_once)
    case.close()


def test_pages_read_from_a_finding_on_take_items_with_no_time_in_their_place(
    tmp_path: Path, database: str | None
) -> None:
    case = _case(tmp_path, database)
    untimed = [i.id for i in case.store.iter_items()][5:8]
    with case.store.unscoped_engine.begin() as conn:  # as an export without times gives them
        conn.execute(t.item.update().where(t.item.c.id.in_(untimed)).values(sent_at_utc=None))
    every = case.store.findings()
    # the finding on no item, then those on the items with no time, then the rest in time order
    assert every[0].item_id is None and {f.item_id for f in every[1:5]} <= set(untimed)
    _check_store(case.store, _counted_once)
    # a finding of an earlier run (replaced since) still marks its place; one never made leads nowhere
    replaced = next(iter(sorted(set(range(1, every[-1].id)) - {f.id for f in every})))
    assert case.store.finding_slice(None, "all", 0, 2, Seek(replaced)).findings
    assert case.store.finding_slice(None, "all", 0, 2, Seek(every[-1].id + 1000)).findings == []
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
    # a page is never read from the place of a finding she may not see
    withheld = next(f.id for f in case.store.findings() if f.id not in scoped.visible_findings)
    assert hers.finding_slice(None, "all", 0, 2, Seek(withheld)).findings == []
    assert hers.finding_slice(None, "all", 0, 2, Seek(withheld, backwards=True)).findings == []
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
    audited = [said(e) for e in case.store.audit_entries() if e.action == "search"]
    assert audited == [{"hits": 1_002, "shown": 2}, {"hits": 1, "shown": 1}, {"hits": 1_002, "shown": 1_002}]
    case.close()


def test_the_first_page_of_findings_is_read_from_indexes_in_time_order(
    tmp_path: Path, database: str | None
) -> None:
    """The query a page of findings on items is read by walks ``ix_item_time`` and
    ``ix_finding_item_category`` in the list's order, with nothing left to sort but the findings of one
    item. A tiny case's planner on PostgreSQL would rather sort its few rows, so there scans and sorts
    are priced out: the test is that the indexes can give the order (the query repeats the indexed
    expression exactly), which on 100,000 findings the planner chooses (``docs/benchmarks.md``)."""
    case = _case(tmp_path, database)
    engine = case.store.unscoped_engine
    with engine.connect() as conn:
        runs = list(conn.execute(latest_run_ids()).scalars())
        query = latest_findings(t.finding.c.id, runs=runs, on_items=True).limit(200)
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "sqlite":
            plan = [str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
            assert "SCAN item USING INDEX ix_item_time" in plan
            assert "SEARCH finding USING INDEX ix_finding_item_category (item_id=?)" in plan
            assert not [step for step in plan if "ORDER BY" in step]
        else:
            conn.execute(text("SET LOCAL enable_seqscan = off"))  # in this transaction only
            conn.execute(text("SET LOCAL enable_sort = off"))
            plan = [str(r[0]).strip() for r in conn.execute(text(f"EXPLAIN {sql}"))]
            assert any(step.startswith("->  Index Scan using ix_item_time on item") for step in plan)
            assert any("Index Scan using ix_finding_item_category on finding" in step for step in plan)
            assert not [
                step for step in plan if step.startswith(("Sort  (", "->  Sort  ("))
            ]  # one item at a time: fine
    # and that order is the findings' own: every finding on an item, in `findings`' order
    assert [r for r in _every_page(case.store, None, "all", 200)] == case.store.findings()
    case.close()


def test_an_advocate_s_page_is_full_and_counted_in_the_database_when_most_findings_are_withheld(
    tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=database)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    scoped = build(case, tmp_path / "inputs")
    (h1, h2), (p1, p2) = scoped.hers, scoped.police
    on_hers = {  # explanation -> details: whether she sees it follows the rule of `scope.rests_on`
        "hers, naming her items": {"item_ids": [h1, h2], "request_item_id": h2},
        "hers, a count under an item key": {"items": 2, "item_count": p1, "ITEM_ID": p1},
        "hers, a number that is no id": {"item_id": float(p1), "item_ids": [True, str(p1)]},
        "hers, on JD/1 and PC/10": {},
    }
    hidden = {
        "hers, naming a police item deep down": {"a": [{"b": {"request_item_id": p1}}]},
        "hers, a police item in a list": {"her_items_since_request": [h2, p2]},
        "hers, but a copy also in PC/1 line 1": {},
        "hers, a link to a police account": {"link": {"a": "whatsapp:Jane Doe", "b": "whatsapp:Lee Brown"}},
    }
    store_findings(  # an analyser of its own, beside build's (the latest run of each is read)
        case,
        "extra",
        [
            FindingDraft(h1, "threat_violence", 0.9, text, details=d)
            for text, d in {**on_hers, **hidden}.items()
        ]
        + [FindingDraft(p, "monitoring", 0.5, f"police {n}") for n in range(30) for p in (p1, p2)],
    )
    store_findings(
        case, "extra_case", [FindingDraft(None, "escalation", 0.8, "police", details={"x": {"item_id": p2}})]
    )
    every = case.store.findings()
    mine = [f for f in every if f.explanation in on_hers or f.id in scoped.visible_findings]
    assert len(every) == len(mine) + len(hidden) + 60 + 1 + len(scoped.hidden_findings)
    hers = case.store.for_role("advocate")

    def no_python_filter(*_: object) -> None:
        raise AssertionError("her findings were checked in Python")

    monkeypatch.setattr(scope, "rests_on", no_python_filter)
    first = hers.finding_slice(None, "all", 0, 4)
    assert (len(first.findings), first.matched) == (4, len(mine))
    assert [f.id for f in _every_page(hers, None, "all", 4)] == [f.id for f in mine]
    assert [f.id for f in hers.findings()] == [f.id for f in mine]
    assert hers.finding_slice("monitoring", "all", 0, 4).matched == 0
    counts, copied = hers.finding_categories()
    assert (counts, copied) == (Counter(f.category for f in mine), [])
    assert hers.finding_counts([h1, h2, p1, p2]) == dict(Counter(f.item_id for f in mine if f.item_id))
    assert not {f.id for f in hers.findings()} & {f.id for f in every if f.explanation in hidden}
    assert [hers.finding_visible(f.id) for f in every] == [f in mine for f in every]
    case.close()
