"""The chain head file: written atomically, never moved back to an older entry."""

from __future__ import annotations

from pathlib import Path

from footprint.audit import HEAD_FILE, read_head, write_head


def test_an_older_head_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    write_head(tmp_path, 7, "b" * 64)
    write_head(tmp_path, 6, "a" * 64)  # a writer that finished late
    assert read_head(tmp_path) == (7, "b" * 64)
    write_head(tmp_path, 8, "c" * 64)
    assert read_head(tmp_path) == (8, "c" * 64)
    assert sorted(p.name for p in tmp_path.iterdir()) == [HEAD_FILE]  # no temporary file is left


def test_an_unreadable_head_is_replaced(tmp_path: Path) -> None:
    (tmp_path / HEAD_FILE).write_text("garbage\n", encoding="ascii")
    write_head(tmp_path, 3, "d" * 64)
    assert read_head(tmp_path) == (3, "d" * 64)
