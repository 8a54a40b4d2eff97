"""The digest format `docs/integrity.md` documents: SHA-256 of the compact JSON array of the rows."""

from __future__ import annotations

import hashlib
import json

from footprint.integrity.digests import JsonArrayDigest

ROWS = [(1, "No. It's over", None), (2, "caf\u00e9 \u201cquoted\u201d", True), (3, "", 0.5)]


def test_the_digest_is_of_the_rows_json_array_however_they_are_batched() -> None:
    expected = hashlib.sha256(
        json.dumps(ROWS, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()
    for batches in ([ROWS], [ROWS[:1], [], ROWS[1:]], [[r] for r in ROWS]):
        digest = JsonArrayDigest()
        for batch in batches:
            digest.update(batch)
        assert digest.hexdigest() == expected


def test_no_rows_is_the_empty_array() -> None:
    assert JsonArrayDigest().hexdigest() == hashlib.sha256(b"[]").hexdigest()
