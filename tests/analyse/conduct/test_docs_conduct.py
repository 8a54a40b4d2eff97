"""docs/law.md's audit of the conduct analysers names tests that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "law.md"


def test_every_test_the_audit_table_names_exists() -> None:
    section = DOC.read_text(encoding="utf-8").split("## The conduct analysers audited against the reference")[
        1
    ]
    rows = [
        line
        for line in section.split("\n## ", 1)[0].splitlines()
        if line.startswith("| ") and "---" not in line
    ]
    assert len(rows) > 20
    named = [
        ref for row in rows[1:] for ref in re.findall(r"`([\w/]+\.py)(?:::(\w+))?`", row.split(" | ")[3])
    ]
    assert len(named) >= 20
    for file, function in named:
        path = ROOT / file if "/" in file else ROOT / "tests" / "analyse" / "conduct" / file
        assert path.exists(), file
        if function:
            assert f"def {function}(" in path.read_text(encoding="utf-8"), f"{file}::{function}"
    statuses = [row.rstrip(" |").rsplit(" | ", 1)[1].split(" ")[0] for row in rows[1:]]
    assert set(statuses) == {"holds", "fixed", "left"}
