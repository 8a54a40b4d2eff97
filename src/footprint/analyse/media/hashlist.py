"""Hash lists a complainant supplies (hashes only, never images): text, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from footprint.errors import InputError

METHODS = {"pdq": 64, "phash": 16, "sha256": 64}


@dataclass(frozen=True)
class HashEntry:
    """One supplied hash: method (pdq, phash, sha256), lower-case hex value and an optional label."""

    method: str
    value: str
    label: str = ""


def _entry(method: str, value: str, label: str, where: str) -> HashEntry:
    method = method.strip().lower()
    value = value.strip().lower()
    if method not in METHODS:
        raise InputError(f"{where}: unknown method {method!r}; use pdq, phash or sha256")
    if not re.fullmatch(rf"[0-9a-f]{{{METHODS[method]}}}", value):
        raise InputError(
            f"{where}: a {method} hash is {METHODS[method]} hexadecimal characters; got {value!r}"
        )
    return HashEntry(method, value, label.strip())


def parse_hashlist(text: str, name: str) -> list[HashEntry]:
    """Read a hash list: JSON ``{"hashes": [...]}``, CSV ``method,hash,label`` or ``method:hash label``."""
    stripped = text.lstrip("\ufeff").strip()
    entries: list[HashEntry] = []
    if stripped.startswith("{"):
        try:
            rows = json.loads(stripped)["hashes"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f'{name}: not a JSON hash list ({{"hashes": [{{"method", "hash"}}]}})') from exc
        for number, row in enumerate(rows):
            if not isinstance(row, dict):
                raise InputError(f"{name}: hashes[{number}] is not an object with method and hash")
            where = f"{name}: hashes[{number}]"
            entries.append(
                _entry(str(row.get("method", "")), str(row.get("hash", "")), str(row.get("label", "")), where)
            )
    elif stripped.lower().startswith("method,"):
        for number, row in enumerate(csv.DictReader(io.StringIO(stripped)), start=2):
            where = f"{name}: line {number}"
            entries.append(
                _entry(row.get("method") or "", row.get("hash") or "", row.get("label") or "", where)
            )
    else:
        for number, line in enumerate(stripped.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, _, label = line.partition(" ")
            method, sep, value = head.partition(":")
            if not sep:
                raise InputError(f"{name}: line {number} is not METHOD:HASH [label] (e.g. pdq:<64 hex>)")
            entries.append(_entry(method, value, label, f"{name}: line {number}"))
    if not entries:
        raise InputError(f"{name}: the hash list is empty")
    return entries


def read_hashlist(path: Path) -> list[HashEntry]:
    """Read a hash-list file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 text; save the hash list as UTF-8") from exc
    return parse_hashlist(text, path.name)
