"""`exhibit supplied --withdraw`: a mark made in error is withdrawn by a newer row, and the advocate no
longer sees the exhibit, on SQLite and on PostgreSQL (data protection review, defect 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from footprint.case import Case
from footprint.errors import AccessDeniedError, InputError
from footprint.integrity import verify_case
from footprint.report import build_report
from footprint.review.supplied import mark_supplied
from footprint.store import schema as t
from footprint.store.links import visible_links
from tests.scopecase import VISIBLE_ACCOUNTS, ScopeCase, scoped_on_each_store


@pytest.fixture(params=["sqlite", "postgresql"])
def scoped(request: pytest.FixtureRequest, tmp_path: Path) -> ScopeCase:
    return scoped_on_each_store(request, tmp_path)


def test_a_withdrawn_mark_takes_the_exhibit_from_the_advocate_again(scoped: ScopeCase) -> None:
    case = scoped.case
    mark_supplied(case, "PC/1", "typo: meant JD/2")
    advocate = case.acting_as("Ann Advocate", "advocate").store
    assert [e.ref for e in advocate.exhibits()] == ["JD/1", "PC/1"]
    assert advocate.withheld() == 0
    mark_supplied(case, "PC/1", "marked in error: PC/1 is police material", withdraw=True)
    advocate = case.acting_as("Ann Advocate", "advocate").store
    assert [(e.ref, e.supplied_by) for e in advocate.exhibits()] == [("JD/1", "complainant")]
    assert [i.id for i in advocate.iter_items()] == list(scoped.hers)
    assert advocate.search("police-only") == [] and advocate.search_count("police-only") == 0
    assert tuple(f.id for f in advocate.findings()) == scoped.visible_findings
    assert [advocate.finding_visible(f) for f in scoped.hidden_findings] == [False] * 4
    assert [a.key for a in advocate.accounts()] == VISIBLE_ACCOUNTS
    assert [x.id for x in visible_links(advocate)] == [scoped.visible_link]
    assert advocate.withheld() == 1
    assert [(e.ref, e.supplied_by) for e in case.store.exhibits()] == [("JD/1", "complainant"), ("PC/1", "")]
    with case.store.engine.connect() as conn:
        rows = conn.execute(select(t.exhibit_supply.c.supplied_by, t.exhibit_supply.c.reason)).all()
    assert [tuple(r) for r in rows][-2:] == [
        ("complainant", "typo: meant JD/2"),
        ("withdrawn", "marked in error: PC/1 is police material"),
    ]
    entry = list(case.store.audit_entries())[-1]
    assert (entry.action, entry.object, entry.justification) == (
        "exhibit supplied",
        "PC/1",
        "marked in error: PC/1 is police material",
    )
    assert json.loads(entry.details)["supplied_by"] == "withdrawn"
    assert verify_case(case).problems == []  # the row matches its entry
    continuity = [(c.ref, c.event) for c in build_report(case).continuity if c.ref == "PC/1"]
    assert continuity[-2:] == [
        ("PC/1", "marked as supplied by the complainant: typo: meant JD/2"),
        ("PC/1", "mark as supplied by the complainant withdrawn: marked in error: PC/1 is police material"),
    ]
    mark_supplied(case, "PC/1", "she did hand it over after all")  # marked again: the newest row decides
    assert [e.ref for e in case.acting_as("Ann Advocate", "advocate").store.exhibits()] == ["JD/1", "PC/1"]


def test_only_a_mark_can_be_withdrawn_and_only_by_a_manager(scoped: ScopeCase) -> None:
    case: Case = scoped.case
    with pytest.raises(
        InputError, match=r"^exhibit PC/1 is not marked as supplied by the complainant: there"
    ):
        mark_supplied(case, "PC/1", "wrong", withdraw=True)
    with pytest.raises(AccessDeniedError, match="which may not mark who supplied an exhibit"):
        mark_supplied(case.acting_as("Vic Viewer", "viewer"), "JD/1", "wrong", withdraw=True)
    assert [e.supplied_by for e in case.store.exhibits()] == ["complainant", ""]


def test_cli_withdraws_a_mark(
    scoped: ScopeCase,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    if scoped.case.settings.database_url is not None:
        pytest.skip("the command line opens the SQLite case; the store is checked on PostgreSQL above")
    directory = str(scoped.case.dir)
    result = run_cli("exhibit", "supplied", directory, "JD/1", "--withdraw", "--reason", "her sister's")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Exhibit JD/1 is no longer marked as supplied by the complainant: an advocate no longer sees it\n"
    )
    assert [e.supplied_by for e in scoped.case.store.exhibits()] == ["", ""]
