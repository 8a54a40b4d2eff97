"""Refused sign-ins per name: after too many in a short time, that name is locked out for a while."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

LIMIT = 5  # refused sign-ins ...
WINDOW_S = 15 * 60  # ... within this time lock the name ...
LOCK_S = 15 * 60  # ... for this long


@dataclass
class SignInThrottle:
    """Kept in the server's memory, like the sessions (a restart forgets it)."""

    _failures: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    _locked_until: dict[str, float] = field(default_factory=dict)

    def locked(self, name: str) -> bool:
        until = self._locked_until.get(name)
        if until is None:
            return False
        if until <= time.monotonic():
            del self._locked_until[name]
            return False
        return True

    def failed(self, name: str) -> None:
        now = time.monotonic()
        recent = [t for t in self._failures[name] if t > now - WINDOW_S] + [now]
        self._failures[name] = recent
        if len(recent) >= LIMIT:
            self._locked_until[name] = now + LOCK_S
            self._failures[name] = []

    def succeeded(self, name: str) -> None:
        self._failures.pop(name, None)
