"""Working folders inside the case folder: one another command is still setting up is never removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint import staging_dirs
from footprint.staging_dirs import locked_folder, remove_unheld

PREFIX = ".test-working-"


def test_a_folder_being_set_up_is_not_removed_by_a_concurrent_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the folder took its prefix before its lock was held: another add's `remove_unheld` in that moment
    # removed it as a killed run's (new-code review 11). Here the other command runs just before the lock.
    taken = staging_dirs.fcntl.flock
    removed: list[list[Path]] = []

    def other_command_first(fd: int, operation: int) -> None:
        removed.append(remove_unheld(tmp_path, PREFIX))
        taken(fd, operation)

    monkeypatch.setattr(staging_dirs.fcntl, "flock", other_command_first)
    with locked_folder(tmp_path, PREFIX) as folder:
        assert removed == [[]]
        assert folder.is_dir() and folder.name.startswith(PREFIX)
        assert (folder / staging_dirs.LOCK).exists()
        monkeypatch.setattr(staging_dirs.fcntl, "flock", taken)
        assert remove_unheld(tmp_path, PREFIX) == []  # held
    assert list(tmp_path.iterdir()) == []
