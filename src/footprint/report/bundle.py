"""The export bundle: a reproducible zip with a SHA-256 manifest and audit extract, and its offline check.

The bundle's own audit entry (action ``bundle``, worked out before the zip is written and appended after
it, ``report.write``) records the SHA-256 of every member but the audit files and the manifest; the audit
extract ends at that entry. So a member
changed after export, even with the manifest recomputed, no longer matches the chain.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from footprint import audit as audit_rules
from footprint.ingest.source import expansion_refusal
from footprint.integrity.restore_gaps import RestoreGap, restore_gaps
from footprint.model import AuditEntry
from footprint.vault import sha256_file
from footprint.visible import visible

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

MANIFEST = "MANIFEST.sha256"
AUDIT = "audit/audit.jsonl"
AUDIT_HEAD = "audit/audit.head"
# A disclosure bundle's audit was once each entry's number, hashes and action (still read by verify);
# an entry's hash confirms a guess at its content (a third party's number in an `account attribute`),
# so a disclosure bundle now carries only its own entry in full (no case content: the time, who, and
# the hashes of its files; the entry before it is the case bundle's, which no guess can refill).
AUDIT_CHAIN = "audit/audit-chain.txt"
BUNDLE_ENTRY = "audit/bundle-entry.jsonl"
# The audit action of a bundle's own entry, and the members it cannot record (they hold that entry).
BUNDLE_ACTION = "bundle"
UNRECORDED = frozenset({MANIFEST, AUDIT, AUDIT_HEAD, AUDIT_CHAIN, BUNDLE_ENTRY})
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


# Each member's stored Unix mode: owner-only, so a copy unpacked under umask 022 is not readable by other
# accounts; each folder has an entry of its own, 0700, so the folders `unzip` makes are owner-only too. A
# bundle written before with 0644 members, or with no folder entries, still verifies (``_check_canonical``).
FILE_MODE, EARLIER_FILE_MODE, FOLDER_MODE = 0o100600, 0o100644, 0o040700
_MS_DOS_FOLDER = 0x10
#: the forms of zip footprint has written: each member's mode, and whether folders have entries (newest first)
FORMS = ((FILE_MODE, True), (FILE_MODE, False), (EARLIER_FILE_MODE, False))


def _info(name: str, mode: int = FILE_MODE) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = mode << 16
    if name.endswith("/"):  # a folder: empty (``ZipFile.mkdir`` leaves these to the caller)
        info.external_attr |= _MS_DOS_FOLDER
        info.CRC = info.compress_size = info.file_size = 0
    return info


def _folders(names: Iterable[str]) -> set[str]:
    """Every folder the members are in (``exhibits/``, ``exhibits/AB_1/``), each ending in ``/``."""
    return {f"{parent}/" for name in names for parent in PurePosixPath(name).parents if parent.name}


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


def audit_files(entries: list[AuditEntry], *, redacted: bool) -> dict[str, bytes]:
    """The ``audit/`` members: the log up to and including the bundle's own entry (the last), and its head.

    A disclosure copy's entries name third parties unmasked, and their hashes would confirm a guess at
    what they hold, so it carries only its own entry in full (that entry holds no case content)."""
    own = entries[-1]
    files = {AUDIT_HEAD: f"{own.seq} {own.hash}\n".encode("ascii")}
    if redacted:
        files[BUNDLE_ENTRY] = audit_lines([own]).encode("utf-8")
    else:
        files[AUDIT] = audit_lines(entries).encode("utf-8")
    return files


def _chain_entries(text: str) -> list[AuditEntry]:
    entries = []
    for line in text.splitlines():
        seq, prev_hash, digest, action = line.split(" ", 3)
        entries.append(AuditEntry(int(seq), "", "", "", action, "", "", "", prev_hash, digest))
    return entries


@dataclass(frozen=True)
class Streamed:
    """A bundle file read as it is written: its size and its content (a member of a bundle being checked)."""

    size: int
    chunks: Callable[[], Iterator[bytes]]


#: a bundle file's content: the bytes, a file to read, or a stream
Content = bytes | Path | Streamed


def _chunks(data: Content) -> Iterator[bytes]:
    """The content of a bundle file: the bytes themselves, or the file or stream read 1 MiB at a time."""
    if isinstance(data, Streamed):
        yield from data.chunks()
    elif isinstance(data, Path):
        with data.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk
    else:
        yield data


def _size(data: Content) -> int:
    if isinstance(data, Streamed):
        return data.size
    return data.stat().st_size if isinstance(data, Path) else len(data)


def file_hashes(files: dict[str, bytes | Path]) -> dict[str, str]:
    """Each file's SHA-256, by path, sorted by path."""
    hashes = {}
    for name in sorted(files):
        digest = hashlib.sha256()
        for chunk in _chunks(files[name]):
            digest.update(chunk)
        hashes[name] = digest.hexdigest()
    return hashes


def manifest(files: dict[str, bytes | Path]) -> str:
    """``sha256  path`` lines (the ``sha256sum`` format), sorted by path."""
    return "".join(f"{digest}  {name}\n" for name, digest in file_hashes(files).items())


def write_zip(target: Path | io.IOBase, files: dict[str, bytes | Path]) -> None:
    """Write each folder (0700) and file (0600), sorted, stored, at fixed times, then the manifest: the same
    input gives the same bytes."""
    _write_zip(target, dict(files), manifest(files), FORMS[0])


def _write_zip(
    target: Path | io.IOBase, files: dict[str, Content], listing: str, form: tuple[int, bool]
) -> None:
    """:func:`write_zip` in one of ``FORMS`` (0644 members, or no folder entries, as bundles were written
    before), with ``listing`` as its manifest."""
    mode, folders = form
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        archive.comment = COMMENT
        for name in sorted({*files, *(_folders(files) if folders else ())}):
            if name.endswith("/"):  # sorted before every member it holds
                archive.mkdir(_info(name, FOLDER_MODE))
                continue
            data = files[name]
            info = _info(name, mode)
            info.file_size = _size(data)
            with archive.open(info, "w") as dst:
                for chunk in _chunks(data):
                    dst.write(chunk)
        archive.writestr(_info(MANIFEST, mode), listing.encode("utf-8"))


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
    bundle_entry: int = 0  # the bundle's own audit entry, which records its files (0: none found)
    as_at: int = 0  # the audit entry the report in the bundle is as at
    gaps: tuple[RestoreGap, ...] = ()  # restores accepted in the audit extract (its entries' contents)


@dataclass(frozen=True)
class _Extract:
    """The bundle's audit extract, read and checked: its entries, its own entry in full, what is wrong."""

    entries: list[AuditEntry]
    own: AuditEntry | None
    contents: bool  # the entries' contents are in the bundle (not only their hashes)
    problems: list[str]

    def recorded(self) -> dict[str, object]:
        """What the bundle's own entry records (its details), or nothing when there is no such entry."""
        details = json.loads(self.own.details or "{}") if self.own is not None else {}
        return details if isinstance(details, dict) else {}


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


class _Compared(io.RawIOBase):
    """Where a zip is rewritten to be compared with ``original`` byte for byte, as it is written: nothing is
    kept. ``zipfile`` writes each member's header, its data, then the header again (with the CRC) in the
    same place, so a range that differed counts only until it is written again the same as the original."""

    def __init__(self, original: io.BufferedReader) -> None:
        self.original = original
        self.at = self.end = 0
        self.differing: dict[int, int] = {}  # start: end of each range written unlike the original

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.at

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.at = offset + {io.SEEK_SET: 0, io.SEEK_CUR: self.at, io.SEEK_END: self.end}[whence]
        return self.at

    def write(self, data: ReadableBuffer) -> int:
        written = bytes(data)
        start, stop = self.at, self.at + len(written)
        self.original.seek(start)
        if self.original.read(len(written)) == written:
            self.differing = {s: e for s, e in self.differing.items() if not start <= s < e <= stop}
        else:
            self.differing[start] = stop
        self.at, self.end = stop, max(self.end, stop)
        return len(written)

    def same(self) -> bool:
        """Whether what was written is the original, every byte and no more."""
        return not self.differing and self.end == self.original.seek(0, io.SEEK_END)


def _form(archive: zipfile.ZipFile) -> tuple[int, bool]:
    """The one of ``FORMS`` the zip says it is in (its first member's mode, whether it has folders)."""
    infos = archive.infolist()
    folders = any(i.is_dir() for i in infos)
    mode = next((i.external_attr >> 16 for i in infos if not i.is_dir()), FILE_MODE)
    return (mode, folders) if (mode, folders) in FORMS else FORMS[0]


def _check_canonical(reader: _Reader, listed: dict[str, str]) -> list[str]:
    """Rewrite the zip as footprint writes bundles and compare byte for byte (catches header edits). The
    members are streamed from the zip and the rewrite compared as it goes: nothing is unpacked to disk."""
    archive = reader.archive
    assert archive is not None
    files: dict[str, Content] = {
        name: Streamed(archive.getinfo(name).file_size, partial(reader.chunks, name)) for name in listed
    }
    listing = "".join(f"{digest}  {name}\n" for name, digest in sorted(listed.items()))
    with reader.path.open("rb") as original:
        rewritten = _Compared(original)
        _write_zip(rewritten, files, listing, _form(archive))
        if rewritten.same():
            return []
    return ["the zip's own structure (headers, times, order or comment) differs from how it was written"]


def _check_manifest(reader: _Reader, names: list[str]) -> tuple[list[str], dict[str, str]]:
    """What is wrong with the manifest, and the SHA-256 it lists for each file, in its order."""
    problems: list[str] = []
    if MANIFEST not in names:
        return [f"{MANIFEST} is missing: this is not a complete footprint bundle"], {}
    listed: dict[str, str] = {}
    for number, line in enumerate(reader.read(MANIFEST).decode("utf-8").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest):
            problems.append(f"{MANIFEST} line {number} is not 'sha256  path'")
            continue
        listed[name] = digest
        if _unsafe(name):
            problems.append(f"{name}: unsafe path in the manifest")
        elif name not in names:
            problems.append(f"{name}: listed in the manifest but missing from the bundle")
        elif reader.sha256(name) != digest:
            problems.append(f"{name}: SHA-256 does not match the manifest (the file was changed)")
    for extra in sorted(set(names) - set(listed) - {MANIFEST}):
        problems.append(f"{extra}: in the bundle but not in the manifest (added after export)")
    if list(listed) != sorted(listed):
        problems.append(f"{MANIFEST} is not in path order (edited by hand)")
    return problems, listed


def _read_extract(reader: _Reader, names: list[str]) -> _Extract:
    """Read the audit extract, check its chain and find the bundle's own entry (the last one)."""
    if AUDIT in names:
        text = reader.read(AUDIT).decode("utf-8")
        entries = [AuditEntry(**json.loads(line)) for line in text.splitlines()]
        contents, label = True, "audit extract"
    elif AUDIT_CHAIN in names:
        entries = _chain_entries(reader.read(AUDIT_CHAIN).decode("ascii"))
        contents, label = False, "audit chain"
    elif BUNDLE_ENTRY in names:
        return _own_entry_only(reader, names)
    else:
        return _Extract([], None, True, [f"{AUDIT} is missing: the audit extract cannot be checked"])
    head = _head(reader, names)
    problems = [f"{label}: {p}" for p in audit_rules.verify_chain(entries, head, contents=contents)]
    own = entries[-1] if entries else None
    if not contents and own is not None:  # a disclosure bundle: its own entry in full, beside the chain
        if BUNDLE_ENTRY not in names:
            problems.append(
                f"{BUNDLE_ENTRY} is missing: nothing ties the disclosure copy's files to the audit chain"
            )
            return _Extract(entries, None, contents, problems)
        last, own = own, AuditEntry(**json.loads(reader.read(BUNDLE_ENTRY).decode("utf-8")))
        if changed := audit_rules.changed_problem(own):
            problems.append(f"{label}: {changed}")
        if (own.seq, own.prev_hash, own.hash) != (last.seq, last.prev_hash, last.hash):
            problems.append(f"{label}: {BUNDLE_ENTRY} is not entry {last.seq}, the last in {AUDIT_CHAIN}")
            return _Extract(entries, None, contents, problems)
    if own is not None and own.action != BUNDLE_ACTION:
        problems.append(
            f"{label}: ends at entry {own.seq} ({own.action}), not at the bundle's own entry"
            f" (action '{BUNDLE_ACTION}'): nothing ties the report, schedules and exports to the audit chain"
            " (a bundle written before bundles recorded their files lacks it: write it again with"
            " `footprint report DIR --bundle`)"
        )
        own = None
    return _Extract(entries, own, contents, problems)


def _head(reader: _Reader, names: list[str]) -> tuple[int, str] | None:
    if AUDIT_HEAD not in names:
        return None
    seq, digest = reader.read(AUDIT_HEAD).decode("ascii").split()
    return int(seq), digest


def _own_entry_only(reader: _Reader, names: list[str]) -> _Extract:
    """A disclosure bundle's audit: its own entry in full, which must hash to its recorded fields and be
    the head ``audit.head`` names (the disclosure officer can match both to the case's own log)."""
    own = AuditEntry(**json.loads(reader.read(BUNDLE_ENTRY).decode("utf-8")))
    label = "bundle entry"
    problems = [f"{label}: {changed}"] if (changed := audit_rules.changed_problem(own)) else []
    head = _head(reader, names)
    if head is None:
        problems.append(f"{AUDIT_HEAD} is missing: nothing names the bundle's own entry")
    elif head != (own.seq, own.hash):
        problems.append(f"{label}: {BUNDLE_ENTRY} is not entry {head[0]}, the head {AUDIT_HEAD} records")
    if own.action != BUNDLE_ACTION:
        problems.append(
            f"{label}: entry {own.seq} ({own.action}) is not the bundle's own (action '{BUNDLE_ACTION}')"
        )
        return _Extract([own], None, False, problems)
    return _Extract([own], own, False, problems)


def _check_recorded(reader: _Reader, names: list[str], extract: _Extract) -> list[str]:
    """Every member but the audit files and manifest has the SHA-256 the bundle's own entry records,
    and that entry's "as at" head is the extract's entry of that number."""
    own = extract.own
    assert own is not None
    where = f"audit entry {own.seq} ({own.action})"
    details = extract.recorded()
    recorded = details.get("members")
    if not isinstance(recorded, dict):
        return [f"{where} does not record the SHA-256 of the bundle's files"]
    problems = []
    present = {n for n in names if n not in UNRECORDED}
    for name in sorted(present | set(recorded)):
        if name not in recorded:
            problems.append(f"{name}: in the bundle but not recorded in {where} — added after export")
        elif name not in present:
            problems.append(f"{name}: recorded in {where} but missing from the bundle")
        elif reader.sha256(name) != recorded[name]:
            problems.append(
                f"{name}: SHA-256 does not match the one recorded in {where}"
                " — the file was changed after export"
            )
    as_at, head = details.get("as_at_audit_entry"), str(details.get("as_at_head"))
    if extract.entries == [own]:  # a disclosure bundle's: no other entry, nor the head, is disclosed
        return problems
    entry = next((e for e in extract.entries if e.seq == as_at), None)
    if entry is None or entry.hash != head:
        found = f"hash {entry.hash[:12]}…" if entry is not None else "no such entry"
        label = "audit extract" if extract.contents else "audit chain"
        problems.append(
            f"{label}: the report is as at entry {as_at} with head {head[:12]}…, but entry {as_at}"
            f" in the extract has {found}"
        )
    return problems


def _hash_lines(recorded: list[str]) -> Iterator[tuple[str, str, str]]:
    """``sha256  REF  original name`` lines of ``HASHES.sha256``, split."""
    for line in recorded:
        digest, _, rest = line.partition("  ")
        ref, _, file_name = rest.partition("  ")
        yield digest, ref, file_name


def _check_added(entries: list[AuditEntry], recorded: list[str]) -> list[str]:
    """Each exhibit's SHA-256 in ``HASHES.sha256`` is the one its ``add`` entry recorded on receipt."""
    added: dict[str, tuple[int, object]] = {}
    for e in entries:
        if e.action == "add":
            details = json.loads(e.details or "{}")
            added[e.object] = (e.seq, details.get("sha256") if isinstance(details, dict) else None)
    problems = []
    for digest, ref, _ in _hash_lines(recorded):
        if ref not in added:
            problems.append(f"exhibit {ref}: listed in {HASHES} but not added in the audit extract")
        elif added[ref][1] != digest:
            problems.append(
                f"exhibit {ref}: SHA-256 in {HASHES} is not the one recorded when it was added"
                f" (audit entry {added[ref][0]})"
            )
    return problems


def _check_originals(reader: _Reader, names: list[str], recorded: list[str]) -> list[str]:
    """Each original in the bundle has its exhibit's recorded SHA-256 (a rebuilt manifest hides no change)."""
    problems = []
    for digest, ref, file_name in _hash_lines(recorded):
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
        if reader.archive is not None and (refusal := expansion_refusal(reader.archive.infolist())):
            # footprint stores every member as it is: nothing is read that could fill the memory or disk
            return BundleReport(0, 0, 0, "", [*problems, f"{path.name}: not read: {refusal}"])
        names = reader.names()
        problems += [
            f"{visible(n)}: {k} members of the zip have this name (one was added beside the one written,"
            " and a program unpacking it may show either)"
            for n, k in sorted(Counter(names).items())
            if k > 1
        ]
        bad = [n for n in names if _unsafe(n)]
        problems += [f"{n}: unsafe path in the bundle" for n in bad]
        found, listed = _check_manifest(reader, names)
        problems += found
        extract = _read_extract(reader, names)
        problems += extract.problems
        if extract.own is not None:
            problems += _check_recorded(reader, names, extract)
        if reader.archive is not None and not found and not bad:
            problems += _check_canonical(reader, listed)
        exhibits = sum(1 for n in names if n.startswith("exhibits/") and n != HASHES)
        if HASHES in names:
            recorded = reader.read(HASHES).decode("utf-8").splitlines()
            exhibits = len(recorded)
            problems += _check_originals(reader, names, recorded)
            if extract.contents and extract.entries:
                problems += _check_added(extract.entries, recorded)
    except _UNREADABLE as exc:
        problems.append(f"{path.name}: not a readable bundle ({type(exc).__name__}: {exc})")
        return BundleReport(0, 0, 0, "", problems)
    as_at = extract.recorded().get("as_at_audit_entry")
    return BundleReport(
        len(names),
        exhibits,
        len(extract.entries),
        extract.entries[-1].hash if extract.entries else audit_rules.GENESIS,
        problems,
        extract.own.seq if extract.own is not None else 0,
        as_at if isinstance(as_at, int) else 0,
        restore_gaps(extract.entries) if extract.contents else (),
    )
