"""Names no one chose, which are never compared as names: account ids a platform issues (numbers) and
placeholder names a platform or an export tool gives.

Telegram's ``user5368324170`` and ``channel…``, Discord's and X's numeric ids (snowflakes): two such ids
share their prefix (``user``) and, when issued close in time, their leading digits, so a handle
comparison would find every pair of them alike. A placeholder is a generic word and a number ("Author 1",
"User 2", "Member 17", "Participant 3", "Unknown 4", "Guest 12") or a platform's stand-in for an account
it no longer shows ("Deleted Account"): two of them share the stem ("author") whoever is behind them.
A phone number is an identifier, read elsewhere.
"""

from __future__ import annotations

import re

#: Telegram's ``from_id`` (``user…``, ``channel…``, ``chat…``) and a bare number, on any platform
_TELEGRAM = re.compile(r"(?:user|channel|chat)?-?\d+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
#: the generic words a platform or an export tool names an account by when it gives no name of the
#: account's own (chat-miner's "Author 1", Telegram's "Deleted Account", an anonymised "Participant 3")
PLACEHOLDER_WORDS = (
    "anonymous",
    "author",
    "contact",
    "deleted account",
    "deleted user",
    "guest",
    "member",
    "participant",
    "person",
    "sender",
    "speaker",
    "unknown",
    "unknown user",
    "user",
)
# the word alone, or the word, a space and a number or a single letter ("User 2", "Guest #12",
# "Person A"); a handle without the space ("user12345", "guest_12") may be one the account chose
_WORDS = "|".join(w.replace(" ", r"\s+") for w in PLACEHOLDER_WORDS)
_PLACEHOLDER = re.compile(rf"(?:{_WORDS})(?:\s+#?(?:\d+|[a-z]))?", re.IGNORECASE)


def platform_issued(key_or_platform: str, value: str) -> bool:
    """Whether ``value``, a handle or name of an account on the platform of ``key_or_platform``
    (``telegram`` or an account key ``telegram:user1``), is a number the platform issued, not a name."""
    platform = key_or_platform.split(":", 1)[0].lower()
    pattern = _TELEGRAM if platform == "telegram" else _NUMBER
    return bool(pattern.fullmatch(value.strip()))


def placeholder(value: str) -> bool:
    """Whether ``value`` is a placeholder name ("Author 1", "Deleted Account"), on any platform."""
    return bool(_PLACEHOLDER.fullmatch(value.strip()))


def not_a_name(key_or_platform: str, value: str) -> bool:
    """Whether ``value`` names no one: a number the platform issued or a placeholder name."""
    return platform_issued(key_or_platform, value) or placeholder(value)
