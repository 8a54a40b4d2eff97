"""An edited item's versions, as its parser recorded them in ``details["edit_history"]``.

Two parsers record one: iMessage (a JSON list of ``{"part", "at", "text"}``, oldest first, the last
version of each part being what was finally shown) and Twitter/X direct messages (the export's own
``editHistory`` list, kept as it was). Each is shown beside the item wherever it is listed, so that what
was first sent is seen, not only the words it was edited to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

EDIT_HISTORY = "edit_history"


@dataclass(frozen=True)
class EditVersion:
    """One recorded version: its time as the parser recorded it ("" when none) and its words."""

    at: str
    text: str

    def shown(self, number: int) -> str:
        """The version as listed beside its item: ``version 1, 2022-11-19T02:37:54.272Z: First message``."""
        return f"version {number}, {self.at or 'time not recorded'}: {self.text}"


def edit_versions(details: dict[str, str]) -> tuple[EditVersion, ...]:
    """The versions in ``details["edit_history"]``, oldest first; () when none is recorded. An entry not in
    either known shape is kept as its JSON text, and unreadable history as the text it is, never dropped."""
    recorded = details.get(EDIT_HISTORY)
    if not recorded:
        return ()
    try:
        entries = json.loads(recorded)
    except ValueError:
        return (EditVersion("", recorded),)
    if not isinstance(entries, list):
        entries = [entries]
    return tuple(_version(e) for e in entries)


def _version(entry: object) -> EditVersion:
    if isinstance(entry, dict):
        text = entry.get("text")
        at = entry.get("at", entry.get("createdAt", ""))
        if isinstance(text, str) and isinstance(at, str):
            return EditVersion(at, text)
    return EditVersion("", json.dumps(entry, ensure_ascii=False, sort_keys=True))
