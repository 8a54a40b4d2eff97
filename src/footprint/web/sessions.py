"""Signed-in sessions of the review app, kept in the server's memory (a restart signs everyone out)."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

COOKIE = "footprint_session"
LIFETIME_S = 8 * 3600  # a working day; then the user signs in again


@dataclass(frozen=True)
class Session:
    name: str
    csrf: str  # the secret every form of this session carries
    expires: float


@dataclass
class Sessions:
    """Random session ids (the cookie's value) to who signed in; safe across uvicorn's threads."""

    _open: dict[str, Session] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, name: str) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._open[sid] = Session(name, secrets.token_urlsafe(32), time.monotonic() + LIFETIME_S)
        return sid

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            session = self._open.get(sid)
            if session is not None and session.expires < time.monotonic():
                self._open.pop(sid, None)  # pop, not del: it may be gone already
                return None
        return session

    def end(self, sid: str | None) -> None:
        if sid:
            with self._lock:
                self._open.pop(sid, None)

    def end_others(self, name: str, keep: str | None) -> int:
        """End every session of ``name`` but the one ``keep`` (a new password); return how many ended."""
        with self._lock:
            others = [sid for sid, s in self._open.items() if s.name == name and sid != keep]
            for sid in others:
                del self._open[sid]
        return len(others)
