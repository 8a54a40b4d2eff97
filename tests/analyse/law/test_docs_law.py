"""docs/law.md lists every knowledge-base entry with its verification status."""

from __future__ import annotations

from pathlib import Path

from footprint.analyse.law.kb import load_kb

DOC = Path(__file__).resolve().parents[3] / "docs" / "law.md"


def test_every_entry_and_its_verification_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for offence in load_kb().offences:
        row = next((line for line in text.splitlines() if line.startswith(f"| `{offence.id}` |")), None)
        assert row is not None, offence.id
        assert f"**{offence.verification}**" in row, offence.id
        assert f"{offence.statute} {offence.section}" in row


def test_says_it_is_not_a_finding_of_guilt() -> None:
    assert "not a finding of guilt" in DOC.read_text(encoding="utf-8")


def test_every_category_only_a_person_can_record_is_documented_with_its_elements() -> None:
    from footprint.analyse.detect.taxonomy import CATEGORIES

    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Elements that need a recorded finding", 1)[1].split("\n## ", 1)[0]
    for category in sorted(load_kb().finding_categories() - set(CATEGORIES)):
        assert f"| `{category}` |" in section, category
