"""Refused sign-ins per name: after too many in a short time, that name is locked out for a while."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

LIMIT = 5  # refused sign-ins ...
WINDOW_S = 15 * 60  # ... within this time lock the name ...
LOCK_S = 15 * 60  # ... for this long
KEEP = 10_000  # names remembered before the stale ones are forgotten (guessed names cannot fill memory)


@dataclass
class SignInThrottle:
    """Kept in the server's memory, like the sessions (a restart forgets it); safe across threads."""

    _failures: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    _locked_until: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def attempt(self, name: str) -> bool:
        """Whether ``name`` may try to sign in now; the try counts as refused until ``succeeded``.

        Counting it before the password is checked means sign-ins at once (uvicorn's thread pool) cannot
        all pass the check before any of them is counted.
        """
        with self._lock:
            if self._locked(name):
                return False
            self._failed(name)
            return True

    def _locked(self, name: str) -> bool:
        until = self._locked_until.get(name)
        if until is None:
            return False
        if until <= time.monotonic():
            del self._locked_until[name]
            return False
        return True

    def _failed(self, name: str) -> None:
        now = time.monotonic()
        if len(self._failures) + len(self._locked_until) > KEEP:
            self._forget_stale(now)
        recent = [t for t in self._failures[name] if t > now - WINDOW_S] + [now]
        self._failures[name] = recent
        if len(recent) >= LIMIT:
            self._locked_until[name] = now + LOCK_S
            self._failures[name] = []

    def _forget_stale(self, now: float) -> None:
        """Drop names with no refusal inside the window and locks that have ended."""
        self._failures = defaultdict(
            list, {n: ts for n, ts in self._failures.items() if ts and ts[-1] > now - WINDOW_S}
        )
        self._locked_until = {n: t for n, t in self._locked_until.items() if t > now}

    def succeeded(self, name: str) -> None:
        """``name`` signed in: forget its refused tries (and the lock its own try may have set)."""
        with self._lock:
            self._failures.pop(name, None)
            self._locked_until.pop(name, None)
