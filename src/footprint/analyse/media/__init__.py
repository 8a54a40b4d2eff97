"""The ``images`` analyser: attachments matching supplied hashes or marked images (``image_match``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.media.hashing import HASH_VERSION, PDQ_THRESHOLD, PHASH_THRESHOLD, hash_file
from footprint.analyse.media.match import find_matches, load_request, references
from footprint.case import Case
from footprint.store.media import AttachmentPlace, attachment_places
from footprint.times import uk_display

CATEGORY = "image_match"
_SCORES = {"sha256": 1.0, "pdq": 0.9, "phash": 0.8}


def hashed_places(case: Case) -> list[AttachmentPlace]:
    """Attachment places with hashes filled in (computed in memory where not yet stored)."""
    places = attachment_places(case.store.engine)
    cache: dict[str, tuple[str | None, str | None]] = {}
    out = []
    for place in places:
        if place.pdq is None or place.phash is None:
            if place.sha256 not in cache:
                hashes = hash_file(case.vault.path(place.sha256))
                cache[place.sha256] = (hashes.pdq, hashes.phash) if hashes else (None, None)
            pdq, phash = cache[place.sha256]
            place = AttachmentPlace(**{**place.__dict__, "pdq": pdq, "phash": phash})
        out.append(place)
    return out


@analysers.register
class ImageMatchAnalyser(Analyser):
    """Where images the complainant identified (by hash or by marking) appear in the case."""

    name = "images"
    version = 2
    description = "Intimate-image matching: SHA-256, PDQ and pHash against supplied hashes or marked images"

    def settings(self) -> dict[str, Any]:
        return {
            "hash_version": HASH_VERSION,
            "pdq_threshold": PDQ_THRESHOLD,
            "phash_threshold": PHASH_THRESHOLD,
        }

    def run(self, case: Case) -> Iterator[FindingDraft]:
        request = load_request(case.dir)
        if request is None:
            return
        places = hashed_places(case)
        refs = references(*request, places)
        for match in find_matches(refs, places):
            place, ref = match.place, match.reference
            when = uk_display(place.sent_at_utc) if place.sent_at_utc else "an unknown time"
            sender = place.sender_name or place.sender or "an unknown sender"
            where = f" in {place.conversation}" if place.conversation else ""
            explanation = (
                f"An image matching {ref.label} ({ref.origin}) appears in exhibit {place.exhibit}{where},"
                f" sent by {sender} at {when}: {match.method} distance {match.distance}"
                f" (threshold {match.threshold}). The image is not shown; reveal it only with a recorded"
                " reason."
            )
            yield FindingDraft(
                item_id=place.item_id,
                category=CATEGORY,
                score=_SCORES[match.method],
                explanation=explanation,
                rule_ids=(f"images.{match.method}",),
                details={
                    "attachment_sha256": place.sha256,
                    "attachment_name": place.name,
                    "exhibit": place.exhibit,
                    "locator": place.locator,
                    "conversation": place.conversation,
                    "sender": place.sender,
                    "sender_name": place.sender_name,
                    "sent_at_utc": place.sent_at_utc,
                    "method": match.method,
                    "distance": match.distance,
                    "threshold": match.threshold,
                    "reference": ref.label,
                    "reference_origin": ref.origin,
                    "reference_sha256": ref.sha256,
                    "hidden": True,
                },
            )
