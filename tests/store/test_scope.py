"""store.scope: an advocate reads only what the complainant supplied, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import WithheldError
from footprint.store.links import visible_links
from tests.scopecase import ALL_ACCOUNTS, VISIBLE_ACCOUNTS, WITHHELD, ScopeCase, scoped_on_each_store


@pytest.fixture(params=["sqlite", "postgresql"])
def scoped(request: pytest.FixtureRequest, tmp_path: Path) -> ScopeCase:
    return scoped_on_each_store(request, tmp_path)


def advocate(scoped: ScopeCase) -> Case:
    return scoped.case.acting_as("Ann Advocate", "advocate")


def test_the_investigator_reads_the_whole_case(scoped: ScopeCase) -> None:
    store = scoped.case.store
    assert [e.ref for e in store.exhibits()] == ["JD/1", "PC/1"]
    assert [e.supplied_by for e in store.exhibits()] == ["complainant", ""]
    assert [i.id for i in store.iter_items()] == [*scoped.hers, *scoped.police]
    assert [a.key for a in store.accounts()] == ALL_ACCOUNTS
    assert len(store.findings()) == 7
    assert len(visible_links(store)) == 3
    assert store.withheld() == 0
    assert [h.item_id for h in store.search("police-only")] == list(scoped.police)
    assert (store.search_count("police-only"), store.search_count("stop")) == (2, 1)


def test_an_advocate_reads_only_what_the_complainant_supplied(scoped: ScopeCase) -> None:
    store = advocate(scoped).store
    assert [(e.ref, e.supplied_by) for e in store.exhibits()] == [("JD/1", "complainant")]
    assert [i.text for i in store.iter_items()] == [
        "you will regret leaving me",
        "please stop contacting me",
    ]
    assert [i.id for i in store.iter_items(chronological=True)] == list(scoped.hers)
    assert [i.id for i in store.items_by_id([*scoped.police, *scoped.hers])] == list(scoped.hers)
    assert store.count_items() == 2
    assert list(store.item_counts()) == [store.exhibits()[0].id]
    assert store.search("police-only") == []
    assert (store.search_count("police-only"), store.search_count("police*")) == (0, 0)  # nor counted
    assert [h.item_id for h in store.search("stop")] == [scoped.hers[1]]
    assert [a.key for a in store.accounts()] == VISIBLE_ACCOUNTS
    assert tuple(f.id for f in store.findings()) == scoped.visible_findings
    assert [store.finding_visible(f) for f in scoped.hidden_findings] == [False] * 4
    assert [x.id for x in visible_links(store)] == [scoped.visible_link]
    assert store.withheld() == 1


def test_an_advocate_is_refused_what_cannot_be_narrowed(scoped: ScopeCase) -> None:
    store = advocate(scoped).store
    with pytest.raises(WithheldError) as audit:
        list(store.audit_entries())
    assert str(audit.value) == WITHHELD.format(what="the audit log")
    with pytest.raises(WithheldError) as engine:
        store.engine  # noqa: B018 - reading it is the refusal
    assert str(engine.value) == WITHHELD.format(what="this part of the case")


def test_an_advocate_sees_everything_once_every_exhibit_is_marked(scoped: ScopeCase) -> None:
    from footprint.review.supplied import mark_supplied

    mark_supplied(scoped.case, "PC/1", "her own copy of the download, handed over by her")
    store = advocate(scoped).store
    assert store.withheld() == 0
    assert [a.key for a in store.accounts()] == ALL_ACCOUNTS
    assert len(store.findings()) == 7
    assert len(list(store.audit_entries())) > 0


def test_a_finding_naming_a_withheld_item_or_exhibit_in_any_detail_or_its_words_is_withheld(
    scoped: ScopeCase,
) -> None:
    # contact_after_request names her request as request_item_id (and her messages since as
    # her_items_since_request); a copy in a withheld exhibit was named only in the words ("also PC/1 …")
    from footprint.analyse.base import FindingDraft
    from tests.conftest import store_findings

    mine, police = scoped.hers[1], scoped.police[0]
    store_findings(
        scoped.case,
        "probe",
        [
            FindingDraft(
                mine, "contact_after_request", 0.9, "after her request", details={"request_item_id": police}
            ),
            FindingDraft(
                mine, "contact_after_request", 0.9, "since", details={"her_items_since_request": [police]}
            ),
            FindingDraft(mine, "course_of_conduct", 0.9, "1. JD/1 line 2 (also PC/1 line 2)"),
            FindingDraft(mine, "course_of_conduct", 0.9, "1. JD/1 line 2 (also JD/12 line 2)"),
        ],
    )
    shown = [f.explanation for f in advocate(scoped).store.findings() if f.analyser == "probe"]
    assert shown == ["1. JD/1 line 2 (also JD/12 line 2)"]  # JD/12 is no exhibit: not PC/1 either
    assert len([f for f in scoped.case.store.findings() if f.analyser == "probe"]) == 4
