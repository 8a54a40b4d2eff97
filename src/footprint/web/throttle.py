"""Refused sign-ins per client, and per name from that client: after too many in a short time, the name
(for that client) or the whole client is locked out for a while.

A name is locked only for the client that guessed at it, so nobody can keep a reviewer out by typing
wrong passwords under their name from another computer; a client that guesses at many names is locked
out as a whole. While a lock holds, the attempts it refuses are not audited one by one (anyone could
fill the audit log with them): the first is, and the rest are counted and audited as one entry when the
lock has ended (``released``) or the server stops.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

LIMIT = 5  # refused sign-ins of one name from one client ...
CLIENT_LIMIT = 20  # ... or of any names from one client ...
WINDOW_S = 15 * 60  # ... within this time lock that name for that client, or the client ...
LOCK_S = 15 * 60  # ... for this long
KEEP = 10_000  # keys remembered before the stale ones are forgotten (guessed names cannot fill memory)

#: what a lock holds back: (client, name typed), or (client, None) for every name from that client
Key = tuple[str, str | None]


@dataclass
class SignInThrottle:
    """Kept in the server's memory, like the sessions (a restart forgets it); safe across threads."""

    _failures: dict[Key, list[float]] = field(default_factory=lambda: defaultdict(list))
    _locked_until: dict[Key, float] = field(default_factory=dict)
    _held: dict[Key, int] = field(default_factory=dict)  # attempts a lock refused, not yet audited
    # each try not yet known to have succeeded, by (client, name): when it was counted against the client,
    # and the client's earlier refusals if that try locked the client (a success gives both back)
    _pending: dict[tuple[str, str], list[tuple[float, list[float] | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def attempt(self, name: str, client: str) -> Key | None:
        """None if ``name`` may try to sign in from ``client`` now (the try counts as refused until
        ``succeeded``); else the lock that refuses it.

        Counting it before the password is checked means sign-ins at once (uvicorn's thread pool) cannot
        all pass the check before any of them is counted.
        """
        with self._lock:
            for key in ((client, None), (client, name)):
                if self._locked(key):
                    return key
            self._failed((client, name), LIMIT)
            self._pending[(client, name)].append(self._failed((client, None), CLIENT_LIMIT))
            return None

    def hold(self, key: Key) -> bool:
        """Count an attempt refused by the lock ``key``; whether it is the lock's first (audit that one)."""
        with self._lock:
            self._held[key] = self._held.get(key, 0) + 1
            return self._held[key] == 1

    def released(self, everything: bool = False) -> list[tuple[Key, int]]:
        """The attempts refused by each lock that has ended (every lock: ``everything``) after its first,
        to be audited as one entry each; they are forgotten here."""
        with self._lock:
            now = time.monotonic()
            done = [k for k in self._held if everything or self._locked_until.get(k, 0.0) <= now]
            counts = [(k, self._held.pop(k) - 1) for k in sorted(done, key=lambda k: (k[0], k[1] or ""))]
        return [(k, n) for k, n in counts if n]

    def _locked(self, key: Key) -> bool:
        until = self._locked_until.get(key)
        if until is None:
            return False
        if until <= time.monotonic():
            del self._locked_until[key]
            return False
        return True

    def _failed(self, key: Key, limit: int) -> tuple[float, list[float] | None]:
        """Count a try against ``key``: when it was counted, and the refusals before it if it locked
        ``key`` (None if it did not)."""
        now = time.monotonic()
        if len(self._failures) + len(self._locked_until) + len(self._pending) > KEEP:
            self._forget_stale(now)
        recent = [t for t in self._failures[key] if t > now - WINDOW_S] + [now]
        self._failures[key] = recent
        if len(recent) >= limit:
            self._locked_until[key] = now + LOCK_S
            self._failures[key] = []
            return now, recent[:-1]
        return now, None

    def _forget_stale(self, now: float) -> None:
        """Drop keys with no refusal inside the window and locks that have ended (held counts stay), and
        tries counted before the window that never succeeded."""
        self._failures = defaultdict(
            list, {k: ts for k, ts in self._failures.items() if ts and ts[-1] > now - WINDOW_S}
        )
        self._pending = defaultdict(
            list, {k: ts for k, ts in self._pending.items() if ts and ts[-1][0] > now - WINDOW_S}
        )
        self._locked_until = {k: t for k, t in self._locked_until.items() if t > now}

    def succeeded(self, name: str, client: str) -> None:
        """``name`` signed in from ``client``: forget its refused tries there (and the lock its own try
        may have set), and take its own try off the client's count of refusals over every name (undoing
        the client's lock if that try set it): a sign-in that succeeds is no refusal, so an office behind
        one address is not locked out by its own sign-ins. Its earlier wrong tries stay counted."""
        with self._lock:
            self._failures.pop((client, name), None)
            self._locked_until.pop((client, name), None)
            tries = self._pending.pop((client, name), None)  # its earlier tries were refusals
            if not tries:
                return
            at, before_lock = tries[-1]
            if before_lock is not None:  # its own try locked the client: the refusals before it stand
                self._locked_until.pop((client, None), None)
                self._failures[(client, None)] = before_lock
            elif at in self._failures.get((client, None), []):
                self._failures[(client, None)].remove(at)


def locked_out(key: Key, refused: str = "refused sign-ins") -> str:
    """Why a sign-in (or a password change) from ``key`` is refused while it is locked out."""
    at, name = key
    if name is None:
        return (
            f"sign-ins from {at} are locked out for {LOCK_S // 60} minutes after {CLIENT_LIMIT}"
            f" {refused}; try again later, or ask the case's investigator"
        )
    return (
        f"{name} is locked out for {LOCK_S // 60} minutes after {LIMIT} {refused};"
        " try again later, or ask the case's investigator"
    )
