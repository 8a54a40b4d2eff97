"""Pinned versions: what a pack records, and the words for what differs."""

from __future__ import annotations

from footprint.analyse import analysers
from footprint.code_identity import tool_version
from footprint.ingest import parsers
from footprint.validation.environment import machine, package_versions, pinned_versions, version_differences


def test_pinned_versions_name_every_parser_analyser_and_rule_file() -> None:
    versions = pinned_versions()
    assert versions["tool"] == f"footprint {tool_version()}"
    assert versions["parsers"] == {p.name: p.version for p in parsers}
    assert versions["analysers"] == {a.name: a.version for a in analysers}
    assert "offences/offences.yaml" in versions["rule_files"]
    assert all(len(h) == 64 for h in versions["rule_files"].values())
    assert set(versions["law_knowledge_base"]) == {"version", "sha256"}


def test_package_versions_leave_out_development_extras() -> None:
    packages = package_versions()
    assert "sqlalchemy" in packages and "click" in packages
    assert "pytest" not in packages and "hypothesis" not in packages


def test_machine_is_recorded() -> None:
    assert set(machine()) == {"os", "machine", "cpu_count", "python_implementation", "python_build"}


def test_differences_are_named_one_by_one() -> None:
    was = {"python": "3.11.2", "parsers": {"whatsapp": 2, "email": 2}, "rule_files": {"a.yaml": "1" * 64}}
    now = {
        "python": "3.12.1",
        "parsers": {"whatsapp": 3, "email": 2, "new": 1},
        "rule_files": {"a.yaml": "2" * 64},
    }
    assert version_differences(was, now) == [
        "parsers new: absent in the pack, 1 now",
        "parsers whatsapp: 2 in the pack, 3 now",
        "python: 3.11.2 in the pack, 3.12.1 now",
        "rule_files a.yaml: SHA-256 111111111111… in the pack, SHA-256 222222222222… now",
    ]
    assert version_differences(now, now) == []
