"""Which code is running: the release number and a digest of the package's own files.

The release number alone (`__version__`) did not change while the code did, so a report made by one
build and a case made by another could not be told apart. ``tool_version()`` adds the first 12 hex
digits of a SHA-256 over every file of the installed package (its code, rules, models and templates,
and any byte-code file outside Python's caches, which Python runs in place of a missing source; not the
caches in ``__pycache__``), in the form of a local version label: ``0.1.0+code.3f2a9c1b7d0e``. Any
change to any of those files changes it; the same files give the same digest on any machine, whichever
line endings a checkout gave the text files (``TEXT``: each line ending is read as LF).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from footprint import __version__

PACKAGE = Path(__file__).resolve().parent
SHOWN = 12  # hex digits of the digest kept in the version (48 bits)
#: the package's text files, whose CRLF line endings (a Windows checkout's) are read as LF
TEXT = frozenset({".py", ".txt", ".j2", ".yaml", ".json", ".md", ".typed", ".mako", ".csv", ".css"})


@cache
def code_digest() -> str:
    """SHA-256 over the package's files, each as its path (relative, '/'), its length and its bytes (a
    text file's with LF line endings), in the order of their paths: what ``footprint --version`` names."""
    digest = hashlib.sha256()
    files = sorted(
        (path.relative_to(PACKAGE).as_posix(), path)
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    for name, path in files:
        data = path.read_bytes()
        if path.suffix in TEXT:
            data = data.replace(b"\r\n", b"\n")
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def tool_version() -> str:
    """The release number with the code's digest: what every record and output names as its maker."""
    return f"{__version__}+code.{code_digest()[:SHOWN]}"
