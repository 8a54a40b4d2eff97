"""The export bundle: a reproducible zip with a SHA-256 manifest and audit extract, and its offline check."""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from footprint import audit as audit_rules
from footprint.model import AuditEntry
from footprint.vault import sha256_file

MANIFEST = "MANIFEST.sha256"
AUDIT = "audit/audit.jsonl"
AUDIT_HEAD = "audit/audit.head"
# A disclosure bundle's audit: each entry's number, hashes and action, not its unredacted content.
AUDIT_CHAIN = "audit/audit-chain.txt"
HASHES = "exhibits/HASHES.sha256"
COMMENT = b"footprint export bundle; check with: footprint verify BUNDLE"
_EPOCH = (1980, 1, 1, 0, 0, 0)
# What a damaged or hostile zip can make the standard library raise while it is read.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    KeyError,
    TypeError,
    EOFError,
    IndexError,
    OverflowError,
    RuntimeError,
    NotImplementedError,
    struct.error,
    zlib.error,
)
_SAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")


def safe_name(name: str) -> str:
    """A file name that is safe inside a zip on every system (no folders, no odd characters)."""
    cleaned = _SAFE.sub("_", name.replace("/", "_").replace("\\", "_")).strip(". ") or "file"
    return cleaned[:120]


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def audit_lines(entries: Iterable[AuditEntry]) -> str:
    """The audit log as JSON Lines, one entry per line, every field kept so the chain can be rechecked."""
    return "".join(
        json.dumps(
            {
                "seq": e.seq,
                "at_utc": e.at_utc,
                "actor": e.actor,
                "role": e.role,
                "action": e.action,
                "object": e.object,
                "justification": e.justification,
                "details": e.details,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        + "\n"
        for e in entries
    )


def audit_chain_lines(entries: Iterable[AuditEntry]) -> str:
    """``seq prev_hash hash action`` per entry: the chain can be checked without disclosing the entries."""
    return "".join(f"{e.seq} {e.prev_hash} {e.hash} {e.action}\n" for e in entries)


def _chain_entries(text: str) -> list[AuditEntry]:
    entries = []
    for line in text.splitlines():
        seq, prev_hash, digest, action = line.split(" ", 3)
        entries.append(AuditEntry(int(seq), "", "", "", action, "", "", "", prev_hash, digest))
    return entries


def _chunks(data: bytes | Path) -> Iterator[bytes]:
    """The content of a bundle file: the bytes themselves, or the file read 1 MiB at a time."""
    if isinstance(data, Path):
        with data.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk
    else:
        yield data


def manifest(files: dict[str, bytes | Path]) -> str:
    """``sha256  path`` lines (the ``sha256sum`` format), sorted by path."""
    lines = []
    for name in sorted(files):
        digest = hashlib.sha256()
        for chunk in _chunks(files[name]):
            digest.update(chunk)
        lines.append(f"{digest.hexdigest()}  {name}\n")
    return "".join(lines)


def write_zip(target: Path | io.IOBase, files: dict[str, bytes | Path]) -> None:
    """Write files (sorted, stored, fixed times and modes) then the manifest: same input, same bytes."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        archive.comment = COMMENT
        for name in sorted(files):
            data = files[name]
            info = _info(name)
            info.file_size = data.stat().st_size if isinstance(data, Path) else len(data)
            with archive.open(info, "w") as dst:
                for chunk in _chunks(data):
                    dst.write(chunk)
        archive.writestr(_info(MANIFEST), manifest(files).encode("utf-8"))


def write_bundle(path: Path, files: dict[str, bytes | Path]) -> Path:
    """Write the bundle and a detached ``.sha256`` beside it; return the bundle's path."""
    tmp = path.with_suffix(".zip.tmp")
    write_zip(tmp, files)
    tmp.replace(path)
    digest = sha256_file(path)[0]
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n", encoding="ascii")
    return path


@dataclass(frozen=True)
class BundleReport:
    """What verifying a bundle checked and found."""

    files: int
    exhibits: int
    audit_entries: int
    audit_head: str
    problems: list[str]


class _Reader:
    """The bundle's files, from a zip or a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.archive = zipfile.ZipFile(path) if path.is_file() else None

    def names(self) -> list[str]:
        if self.archive is not None:
            return [i.filename for i in self.archive.infolist() if not i.is_dir()]
        return sorted(str(p.relative_to(self.path).as_posix()) for p in self.path.rglob("*") if p.is_file())

    def chunks(self, name: str) -> Iterator[bytes]:
        if self.archive is not None:
            with self.archive.open(name) as handle:
                while chunk := handle.read(1 << 20):
                    yield chunk
        else:
            with (self.path / name).open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    yield chunk

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def sha256(self, name: str) -> str:
        digest = hashlib.sha256()
        for chunk in self.chunks(name):
            digest.update(chunk)
        return digest.hexdigest()


def _unsafe(name: str) -> bool:
    pure = PurePosixPath(name)
    return name.startswith(("/", "\\")) or ".." in pure.parts or ":" in name or "\\" in name


def _check_canonical(reader: _Reader, listed: list[str]) -> list[str]:
    """Rewrite the zip as footprint writes bundles and compare byte for byte (catches header edits)."""
    assert reader.archive is not None
    files: dict[str, bytes | Path] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, name in enumerate(listed):
            part = Path(tmp) / str(n)
            with part.open("wb") as out:
                for chunk in reader.chunks(name):
                    out.write(chunk)
            files[name] = part
        digest = hashlib.sha256()
        with tempfile.TemporaryFile() as rebuilt:
            write_zip(rebuilt, files)
            rebuilt.seek(0)
            while chunk := rebuilt.read(1 << 20):
                digest.update(chunk)
    actual = sha256_file(reader.path)[0]
    if digest.hexdigest() != actual:
        return ["the zip's own structure (headers, times, order or comment) differs from how it was written"]
    return []


def _check_manifest(reader: _Reader, names: list[str]) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    if MANIFEST not in names:
        return [f"{MANIFEST} is missing: this is not a complete footprint bundle"], []
    listed: list[str] = []
    for number, line in enumerate(reader.read(MANIFEST).decode("utf-8").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest):
            problems.append(f"{MANIFEST} line {number} is not 'sha256  path'")
            continue
        listed.append(name)
        if _unsafe(name):
            problems.append(f"{name}: unsafe path in the manifest")
        elif name not in names:
            problems.append(f"{name}: listed in the manifest but missing from the bundle")
        elif reader.sha256(name) != digest:
            problems.append(f"{name}: SHA-256 does not match the manifest (the file was changed)")
    for extra in sorted(set(names) - set(listed) - {MANIFEST}):
        problems.append(f"{extra}: in the bundle but not in the manifest (added after export)")
    if listed != sorted(listed):
        problems.append(f"{MANIFEST} is not in path order (edited by hand)")
    return problems, listed


def _check_audit(reader: _Reader, names: list[str]) -> tuple[list[str], int, str]:
    if AUDIT in names:
        text = reader.read(AUDIT).decode("utf-8")
        entries = [AuditEntry(**json.loads(line)) for line in text.splitlines()]
        contents, label = True, "audit extract"
    elif AUDIT_CHAIN in names:
        entries = _chain_entries(reader.read(AUDIT_CHAIN).decode("ascii"))
        contents, label = False, "audit chain"
    else:
        return [f"{AUDIT} is missing: the audit extract cannot be checked"], 0, ""
    head = None
    if AUDIT_HEAD in names:
        seq, digest = reader.read(AUDIT_HEAD).decode("ascii").split()
        head = (int(seq), digest)
    problems = [f"{label}: {p}" for p in audit_rules.verify_chain(entries, head, contents=contents)]
    return problems, len(entries), entries[-1].hash if entries else audit_rules.GENESIS


def _check_originals(reader: _Reader, names: list[str], recorded: list[str]) -> list[str]:
    """Each original in the bundle has its exhibit's recorded SHA-256 (a rebuilt manifest hides no change)."""
    problems = []
    for line in recorded:
        digest, _, rest = line.partition("  ")
        ref, _, file_name = rest.partition("  ")
        name = f"exhibits/{safe_name(ref)}/{safe_name(file_name)}"
        if name in names and reader.sha256(name) != digest:
            problems.append(f"{name}: SHA-256 does not match the recorded hash of exhibit {ref} in {HASHES}")
    return problems


def verify_bundle(path: Path) -> BundleReport:
    """Check a bundle (zip or unpacked folder) offline: manifest, every file's hash, audit chain, zip form."""
    if not path.exists():
        return BundleReport(
            0,
            0,
            0,
            "",
            [
                f"{path}: no such bundle or case folder; check the path (a bundle is the .zip that"
                " `footprint report DIR --bundle` writes)"
            ],
        )
    sidecar = path.with_name(path.name + ".sha256")
    problems: list[str] = []
    if path.is_file() and sidecar.exists():
        expected = sidecar.read_text(encoding="ascii", errors="replace").split(" ", 1)[0].strip()
        if sha256_file(path)[0] != expected:
            problems.append(f"{path.name}: SHA-256 does not match {sidecar.name} (the bundle was changed)")
    try:
        reader = _Reader(path)
        names = reader.names()
        bad = [n for n in names if _unsafe(n)]
        problems += [f"{n}: unsafe path in the bundle" for n in bad]
        found, listed = _check_manifest(reader, names)
        problems += found
        audit_problems, entries, head = _check_audit(reader, names)
        problems += audit_problems
        if reader.archive is not None and not found and not bad:
            problems += _check_canonical(reader, listed)
        exhibits = sum(1 for n in names if n.startswith("exhibits/") and n != HASHES)
        if HASHES in names:
            recorded = reader.read(HASHES).decode("utf-8").splitlines()
            exhibits = len(recorded)
            problems += _check_originals(reader, names, recorded)
    except _UNREADABLE as exc:
        problems.append(f"{path.name}: not a readable bundle ({type(exc).__name__}: {exc})")
        return BundleReport(0, 0, 0, "", problems)
    return BundleReport(len(names), exhibits, entries, head, problems)
