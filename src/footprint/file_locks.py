"""Whether another process holds a file's ``flock`` (POSIX): the one test behind "is a command running
now" for the working folders of `report --out` and `add` (``staging_dirs``) and for `case upgrade`
(``upgrade_record``)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def held_elsewhere(path: Path) -> bool:
    """Whether another process holds an exclusive ``flock`` on ``path`` (a file or a folder). Tried
    shared and without waiting, so two such tests never stop each other, and let go at once; a path that
    cannot be opened is held by no one."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # lets go of the lock, if it was taken here
    return False
