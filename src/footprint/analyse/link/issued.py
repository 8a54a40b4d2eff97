"""Account ids a platform issues (numbers), which are not names an account chose and are never compared
as names: Telegram's ``user5368324170`` and ``channel…``, Discord's and X's numeric ids (snowflakes).

Two such ids share their prefix (``user``) and, when issued close in time, their leading digits, so a
handle comparison would find every pair of them alike. A phone number is an identifier, read elsewhere.
"""

from __future__ import annotations

import re

#: Telegram's ``from_id`` (``user…``, ``channel…``, ``chat…``) and a bare number, on any platform
_TELEGRAM = re.compile(r"(?:user|channel|chat)?-?\d+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")


def platform_issued(key_or_platform: str, value: str) -> bool:
    """Whether ``value``, a handle or name of an account on the platform of ``key_or_platform``
    (``telegram`` or an account key ``telegram:user1``), is a number the platform issued, not a name."""
    platform = key_or_platform.split(":", 1)[0].lower()
    pattern = _TELEGRAM if platform == "telegram" else _NUMBER
    return bool(pattern.fullmatch(value.strip()))
