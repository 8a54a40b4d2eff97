"""A pack given to `footprint report --validation` is refused unless whole and made with the running code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from footprint.errors import InputError
from footprint.report.method import NO_VALIDATION, ValidationRun, validation_statement
from footprint.validation.criteria import CRITERIA
from footprint.validation.environment import pinned_versions
from footprint.validation.manifest import FORMAT, pack_id
from footprint.validation.supplied import AGAIN, read_pack


def criteria(failing: int = 0) -> list[dict[str, Any]]:
    """22 criteria results, one of each kind at least, the first ``failing`` of them failed."""
    ids = [*CRITERIA] + [f"AC-01/format{n}" for n in range(22 - len(CRITERIA))]
    return [{"id": i, "passed": n >= failing, "failures": []} for n, i in enumerate(ids)]


def pack(**changes: Any) -> dict[str, Any]:
    """A pack document as `footprint validate` writes it (criteria without their evidence), with its ID."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "tool": "footprint",
        "finished_utc": "2026-07-14T08:15:00.000Z",
        "machine": {"os": "Linux-6.1-x86_64-with-glibc2.36", "cpu_count": 2},
        "versions": pinned_versions(),
        "result": "pass",
        "passed": 22,
        "failed": 0,
        "criteria": criteria(),
        **changes,
    }
    document["pack_id"] = pack_id(document)
    return document


def write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "validation-report.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_pack_made_with_this_code_is_read(tmp_path: Path) -> None:
    document = pack()
    run = read_pack(write(tmp_path, document))
    assert run == ValidationRun(
        document["pack_id"],
        "2026-07-14T08:15:00.000Z",
        "pass",
        22,
        0,
        "Linux-6.1-x86_64-with-glibc2.36 (2 CPUs)",
    )
    assert validation_statement(run) == (
        f"Validation pack {document['pack_id']}, supplied with this report: made on"
        " Linux-6.1-x86_64-with-glibc2.36 (2 CPUs), finished 14/07/2026 09:15:00 BST (+01:00):"
        " all 22 acceptance criteria passed. Its pinned versions match the code that wrote this report."
        " The pack is not signed: its ID shows it is whole, not who ran it or where."
    )


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        (
            {"criteria": criteria(failing=2)},
            "it says pass, 22 passed and 0 failed; its criteria: 20 passed, 2 failed",
        ),
        (
            {"criteria": criteria()[:20]},
            "it says pass, 22 passed and 0 failed; its criteria: 20 passed, 0 failed",
        ),
        ({"criteria": []}, "no result for AC-01, AC-02"),
    ],
)
def test_a_pack_whose_result_does_not_follow_from_its_criteria_is_refused(
    tmp_path: Path, changes: dict[str, Any], says: str
) -> None:
    # a pack edited to say "pass" and given a new pack ID was named in the report as passed
    path = write(tmp_path, pack(**changes))
    with pytest.raises(InputError) as err:
        read_pack(path)
    assert str(err.value).startswith(f"{path}: the pack's result does not follow from its criteria (")
    assert says in str(err.value)


def test_a_failed_pack_says_so() -> None:
    run = ValidationRun("ab" * 32, "2026-12-01T10:00:00Z", "fail", 20, 2, "Linux (2 CPUs)")
    assert "FAILED: 2 of 22 acceptance criteria failed." in validation_statement(run)
    assert validation_statement(None) == NO_VALIDATION


def test_a_pack_from_other_versions_is_refused_naming_what_differs(tmp_path: Path) -> None:
    versions = pinned_versions()
    versions["parsers"] = {**versions["parsers"], "whatsapp": 1}
    versions["law_knowledge_base"] = {**versions["law_knowledge_base"], "version": "2020.01.01"}
    path = write(tmp_path, pack(versions=versions))
    now = pinned_versions()
    kb = now["law_knowledge_base"]
    with pytest.raises(InputError) as err:
        read_pack(path)
    assert str(err.value) == (
        f"{path}: the validation pack was made with other versions than the code running now"
        f" (law_knowledge_base version: 2020.01.01 in the pack, {kb['version']} now;"
        f" parsers whatsapp: 1 in the pack, {now['parsers']['whatsapp']} now); {AGAIN}"
    )


def test_a_changed_rule_file_is_named_by_its_hash(tmp_path: Path) -> None:
    versions = pinned_versions()
    name = sorted(versions["rule_files"])[0]
    versions["rule_files"] = {**versions["rule_files"], name: "0" * 64}
    with pytest.raises(InputError, match=rf"rule_files {name}: SHA-256 000000000000… in the pack, SHA-256 "):
        read_pack(write(tmp_path, pack(versions=versions)))


def test_a_pack_changed_after_it_was_written_is_refused(tmp_path: Path) -> None:
    document = pack(result="fail")
    document["result"] = "pass"
    path = write(tmp_path, document)
    with pytest.raises(InputError) as err:
        read_pack(path)
    assert str(err.value) == (
        f"{path}: the pack no longer matches its pack ID (it was changed after it was written); {AGAIN}"
    )


def test_not_a_pack(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_pack(path)
    assert str(err.value) == (
        f"{path}: not a validation pack (no format 'footprint-validation-pack/1';"
        f" expected validation-report.json); {AGAIN}"
    )
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes.json: not a validation pack \(Expecting"):
        read_pack(path)
    with pytest.raises(InputError) as err:
        read_pack(tmp_path / "missing.json")
    assert str(err.value) == f"{tmp_path / 'missing.json'}: no such file; {AGAIN}"
