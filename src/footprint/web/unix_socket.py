"""``serve --socket PATH``: the review app on a Unix socket that only the account running it can open.

On a shared computer every account reaches 127.0.0.1; a socket file with mode 0600 is opened by its owner
only (and root). uvicorn can listen on a socket itself (``uds``) but makes it 0666, world-writable, so the
socket is made here: created while the umask allows its owner only (no moment when others may connect),
set to 0600, listening, and handed to uvicorn. A stale socket left by a server that stopped is replaced;
one a server still listens on, or any other file, is refused and left alone.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from dataclasses import dataclass
from pathlib import Path

from footprint.errors import InputError

OWNER_ONLY = 0o600
#: the longest path a Unix socket may have: sockaddr_un's 108 bytes (Linux), less the closing NUL
MAX_PATH_BYTES = 107


def _in_use(path: Path) -> bool:
    """Whether a server listens on the socket at ``path``."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


@dataclass(frozen=True)
class Listening:
    """The socket made at ``path`` (the file's inode: ``close`` removes that file only)."""

    path: Path
    server: socket.socket
    inode: int

    def close(self) -> None:
        """Stop listening and remove the socket file, unless another has replaced it since."""
        self.server.close()
        with contextlib.suppress(FileNotFoundError):
            if self.path.lstat().st_ino == self.inode:
                self.path.unlink()


def owner_only_socket(path: Path) -> Listening:
    """A listening socket at ``path`` that only this account can connect to (mode 0600)."""
    if not hasattr(socket, "AF_UNIX"):
        raise InputError("--socket needs Unix sockets, which this system lacks; use --host and --port")
    if not path.parent.is_dir():
        raise InputError(f"--socket {path}: there is no folder {path.parent}; make it (mode 0700) first")
    if (size := len(os.fsencode(path))) > MAX_PATH_BYTES:
        raise InputError(
            f"--socket {path}: the path is {size} bytes long, and a Unix socket's path may be at most"
            f" {MAX_PATH_BYTES}; choose a shorter path (a folder of your own nearer the root, such as"
            " /run/user/<your uid>)"
        )
    if path.is_symlink() or path.exists():
        if not stat.S_ISSOCK(path.lstat().st_mode):
            raise InputError(
                f"--socket {path} is a file, not a socket: it is left alone; choose another path"
            )
        if _in_use(path):
            raise InputError(
                f"--socket {path}: a server is listening on it already; stop it or choose another path"
            )
        path.unlink()  # a server that stopped without removing it
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)  # the file is made 0600: no moment when another account may connect
    try:
        server.bind(str(path))
    except OSError as exc:
        server.close()
        raise InputError(
            f"--socket {path}: cannot listen there ({exc.strerror or exc}); choose another path"
        ) from None
    finally:
        os.umask(old_mask)
    os.chmod(path, OWNER_ONLY)
    server.listen(128)
    return Listening(path, server, path.lstat().st_ino)
