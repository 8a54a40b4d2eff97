"""A Telegram personal chat of numbered messages, as the resync tests write it (indented or minified)."""

from __future__ import annotations

from typing import Any


def messages(count: int, texts: dict[int, Any] | None = None) -> list[dict[str, Any]]:
    """``count`` messages from Alice, a minute apart; ``texts``: a message's text by its id (else
    "message N")."""
    return [
        {
            "id": i,
            "type": "message",
            "date": f"2024-03-14T10:{i:02d}:00",
            "date_unixtime": str(1710410400 + 60 * i),
            "from": "Alice",
            "from_id": "user1",
            "text": (texts or {}).get(i, f"message {i}"),
        }
        for i in range(count)
    ]


def chat(count: int, texts: dict[int, Any] | None = None) -> dict[str, Any]:
    """Alice's chat of ``messages(count, texts)``."""
    return {"name": "Alice", "type": "personal_chat", "id": 1, "messages": messages(count, texts)}
