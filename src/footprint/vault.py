"""Content-addressed, read-only evidence copies.

An original is copied once into ``<case>/vault/sha256/<aa>/<sha256>`` and made read-only; the
name it arrived with lives in the exhibit's continuity record, never in the vault. Attachments
found inside an exhibit are vaulted the same way as derived copies.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
ADDING = ".adding"  # in the vault: the journal of each add in progress (footprint.stopped_adds)
ABANDONED = ".abandoned"  # in the vault: the files stopped adds left, set aside (footprint.stopped_adds)


def sha256_file(path: Path) -> tuple[str, int]:
    """Hash a file in chunks; return its SHA-256 hex digest and size."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class Vault:
    """The case's evidence store."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def relative_path(self, sha256: str) -> str:
        """Where a blob with this hash lives, relative to the case directory."""
        return f"vault/sha256/{sha256[:2]}/{sha256}"

    def path(self, sha256: str) -> Path:
        """Absolute path of the blob with this hash."""
        return self.root / "sha256" / sha256[:2] / sha256

    def contains(self, sha256: str) -> bool:
        """Whether a blob with this hash is already stored."""
        return self.path(sha256).exists()

    def put_file(self, source: Path, sha256: str) -> bool:
        """Copy ``source`` in under ``sha256``; return True if this call created the blob."""
        with source.open("rb") as handle:
            return self.put_stream(handle, sha256)

    def put_bytes(self, data: bytes) -> tuple[str, bool]:
        """Store bytes; return their hash and whether this call created the blob."""
        sha256 = hashlib.sha256(data).hexdigest()
        if self.contains(sha256):
            return sha256, False
        return sha256, self._write(iter((data,)), sha256)

    def put_stream(self, handle: BinaryIO, sha256: str) -> bool:
        """Copy a stream in under its (already computed) hash, checking it on the way."""
        if self.contains(sha256):
            return False
        return self._write(iter(lambda: handle.read(CHUNK), b""), sha256)

    def _write(self, chunks: Iterator[bytes], sha256: str) -> bool:
        target = self.path(sha256)
        digest = hashlib.sha256()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        except FileNotFoundError:  # a concurrent roll-back removed the empty folder just made
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise OSError(f"content changed while copying into the vault ({sha256})")
            os.chmod(tmp_name, stat.S_IRUSR)  # read-only, and for the case folder's owner alone
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            _prune(target)
            raise
        return True

    def remove(self, sha256: str) -> None:
        """Remove a blob this process just created (used only to roll back a failed ingest)."""
        path = self.path(sha256)
        if path.exists():
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
            path.unlink()
        _prune(path)


def _prune(blob: Path) -> None:
    """Remove a blob's folders sha256/<aa>/ and sha256/ if they are now empty."""
    for folder in (blob.parent, blob.parent.parent):
        try:
            folder.rmdir()
        except OSError:  # not empty (other blobs) or already gone
            break
