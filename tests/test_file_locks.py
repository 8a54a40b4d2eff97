"""``file_locks.held_elsewhere``: another process's exclusive ``flock`` on a file or folder, seen without
waiting and without taking it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from footprint.file_locks import held_elsewhere

HOLD = (
    "import fcntl, os, sys\n"
    "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('held', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_another_process_holding_the_lock_is_seen_and_its_end_too(tmp_path: Path) -> None:
    for path in (tmp_path / "lock", tmp_path / "folder"):
        path.touch() if path.name == "lock" else path.mkdir()
        assert held_elsewhere(path) is False
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert held_elsewhere(path) is True
        assert held_elsewhere(path) is True  # the test took nothing that would stop a second test
        holder.communicate("")
        assert held_elsewhere(path) is False


def test_a_path_that_cannot_be_opened_is_held_by_no_one(tmp_path: Path) -> None:
    assert held_elsewhere(tmp_path / "missing") is False
