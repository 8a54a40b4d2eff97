"""The review app on the real analysers' output of the demo case (slow: builds the demo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case
from footprint.demo import build_demo
from footprint.settings import Settings
from footprint.web import create_app

from .conftest import finding_id, opened


@pytest.mark.slow
def test_offence_assessment_page_names_the_items_behind_each_element(
    tmp_path: Path, settings: Settings
) -> None:
    demo = build_demo(tmp_path / "demo", settings)
    case = Case.open(demo.case_dir, settings)
    try:
        assessment = finding_id(case, "offence_assessment")
        [course] = [f for f in case.store.findings() if f.category == "course_of_conduct"][:1]
        behind = case.store.items_by_id(course.details["item_ids"])
    finally:
        case.close()
    with opened(create_app(demo.case_dir, settings), follow_redirects=False) as client:
        page = client.get(f"/findings/{assessment}").text
        course_page = client.get(f"/findings/{course.id}").text
    # a course of conduct's page lists the items it rests on (it read `items`, which the analyser never writes)
    assert behind and all(f'{i.exhibit} <span class="mono">{i.locator}</span>' in course_page for i in behind)
    # breach of the non-molestation order: the three messages to Sarah Jones (SJ/1 lines 2-4)
    assert 'SJ/1 <span class="mono">line 2</span>' in page
    assert "out of time: the last date was 25/08/2024" in page
    # the demo's findings are unreviewed: the element says so, then what it needs itself
    assert "make it partly evidenced: his intention that she fear" in page
    assert "indicated — needs a person&#39;s review" in page
    assert "non-molestation order 1 (made 24/02/2024 16:00:00 GMT (+00:00))<br>" in page
