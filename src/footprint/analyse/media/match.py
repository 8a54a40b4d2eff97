"""Matching case attachments against supplied hashes or marked images: exact SHA-256, PDQ, pHash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from footprint.analyse.media.hashing import PDQ_THRESHOLD, PHASH_THRESHOLD, hamming
from footprint.analyse.media.hashlist import HashEntry
from footprint.errors import InputError
from footprint.store.media import AttachmentPlace

REQUEST_FILE = "image-match.json"


@dataclass(frozen=True)
class Reference:
    """What to look for: a supplied hash, or an image marked inside the case (by its SHA-256)."""

    origin: str
    label: str
    sha256: str | None
    pdq: str | None
    phash: str | None


@dataclass(frozen=True)
class ImageMatch:
    """One attachment that matches one reference, by method and distance."""

    reference: Reference
    place: AttachmentPlace
    method: str
    distance: int
    threshold: int


def references(entries: list[HashEntry], marks: list[str], places: list[AttachmentPlace]) -> list[Reference]:
    """References from a hash list and from marked attachments (whose hashes must be known)."""
    refs = [
        Reference(
            "hash list",
            e.label or f"{e.method} {e.value[:12]}…",
            e.value if e.method == "sha256" else None,
            e.value if e.method == "pdq" else None,
            e.value if e.method == "phash" else None,
        )
        for e in entries
    ]
    by_sha = {p.sha256: p for p in places}
    for mark in marks:
        place = by_sha.get(mark)
        if place is None:
            raise InputError(
                f"--mark {mark}: no attachment in the case has this SHA-256; see `footprint items --json`"
            )
        refs.append(Reference("marked", f"marked image {mark[:12]}…", mark, place.pdq, place.phash))
    return refs


def find_matches(refs: list[Reference], places: list[AttachmentPlace]) -> list[ImageMatch]:
    """Every (reference, attachment place) pair that matches, the closest method first."""
    found: list[ImageMatch] = []
    for ref in refs:
        for place in places:
            best: tuple[int, str, int, int] | None = None
            if ref.sha256 and place.sha256 == ref.sha256:
                best = (0, "sha256", 0, 0)
            else:
                for rank, method, mine, theirs, limit in (
                    (1, "pdq", ref.pdq, place.pdq, PDQ_THRESHOLD),
                    (2, "phash", ref.phash, place.phash, PHASH_THRESHOLD),
                ):
                    if mine and theirs:
                        distance = hamming(mine, theirs)
                        if distance <= limit and best is None:
                            best = (rank, method, distance, limit)
            if best is not None:
                found.append(ImageMatch(ref, place, best[1], best[2], best[3]))
    return found


def save_request(case_dir: Path, entries: list[HashEntry], marks: list[str]) -> None:
    """Keep what was asked for (hashes and marks only) so `footprint analyse` can repeat it."""
    request = {
        "hashes": [{"method": e.method, "hash": e.value, "label": e.label} for e in entries],
        "marks": sorted(set(marks)),
    }
    (case_dir / REQUEST_FILE).write_text(
        json.dumps(request, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def load_request(case_dir: Path) -> tuple[list[HashEntry], list[str]] | None:
    """The saved request, if `images match` has been run on this case."""
    path = case_dir / REQUEST_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = [HashEntry(h["method"], h["hash"], h.get("label", "")) for h in data.get("hashes", [])]
    return entries, list(data.get("marks", []))
