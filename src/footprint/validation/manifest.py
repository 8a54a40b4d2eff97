"""The validation pack's file names, format and ID.

The pack ID is the SHA-256 of the canonical manifest (the JSON document without its ``pack_id``, keys
sorted, no spaces), so a pack changed after it was written no longer matches its ID.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

FORMAT = "footprint-validation-pack/1"
JSON_NAME = "validation-report.json"
HTML_NAME = "validation-report.html"


def canonical(document: dict[str, Any]) -> bytes:
    """The bytes the pack ID is computed over."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def pack_id(document: dict[str, Any]) -> str:
    """SHA-256 of the canonical manifest: the document without its own ``pack_id``."""
    return hashlib.sha256(canonical({k: v for k, v in document.items() if k != "pack_id"})).hexdigest()
