"""Material set aside from an `add` that was stopped part-way (``footprint.stopped_adds``), read from its
``set aside`` audit entries: obtained and held in the case, never read into it, so scheduled on the MG6C."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from footprint.model import AuditEntry
from footprint.vault_journal import SET_ASIDE, describe


@dataclass(frozen=True)
class SetAsideFile:
    """One file set aside: where it is kept now, its SHA-256 ("withheld" in a disclosure copy), size."""

    file: str
    sha256: str
    size: int


@dataclass(frozen=True)
class SetAside:
    """One ``set aside`` entry: the stopped add in words and the files it left, kept in ``folder``."""

    seq: int
    at_utc: str
    actor: str
    folder: str
    what: str  # "an add of big.txt by tester (started …)"
    files: tuple[SetAsideFile, ...]


def set_aside(entries: Sequence[AuditEntry]) -> tuple[SetAside, ...]:
    """Every ``set aside`` entry, in audit order."""
    out = []
    for entry in entries:
        if entry.action != SET_ASIDE:
            continue
        details = json.loads(entry.details or "{}")
        files = tuple(
            SetAsideFile(str(f.get("file", "")), str(f.get("sha256", "")), int(f.get("size") or 0))
            for f in details.get("files", [])
            if isinstance(f, dict)
        )
        out.append(
            SetAside(
                entry.seq, entry.at_utc, entry.actor, entry.object, describe(details.get("add") or {}), files
            )
        )
    return tuple(out)


def masked(found: SetAside, text: Callable[[str, str], str]) -> SetAside:
    """``found`` as a disclosure copy gives it: the words masked (a file may be named after a third
    party) and each SHA-256 withheld, as an exhibit's is."""
    where = f"set aside at audit entry {found.seq}"
    return replace(
        found,
        what=text(found.what, where),
        files=tuple(replace(f, file=text(f.file, where), sha256="withheld") for f in found.files),
    )
