"""What an audit entry's details say, once the code that wrote it is checked (every entry names it)."""

from __future__ import annotations

import json
from typing import Any

from footprint.code_identity import tool_version
from footprint.model import AuditEntry


def said(entry: AuditEntry) -> dict[str, Any]:
    """``entry``'s details without its ``tool_version``, which must name the code running the test."""
    details: dict[str, Any] = json.loads(entry.details)
    assert details.pop("tool_version") == tool_version()
    return details
