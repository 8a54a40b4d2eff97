"""Signed-in sessions of the review app, kept in the server's memory (a restart signs everyone out).

A session ends 8 hours after it began (``LIFETIME_S``), or after 30 minutes without a request
(``IDLE_S``): a browser left open on a page of threats does not stay signed in all day. The browser's
next request is then told which (``expired``).
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field, replace

COOKIE = "footprint_session"
LIFETIME_S = 8 * 3600  # a working day; then the user signs in again
IDLE_S = 30 * 60  # without a request for this long, the session ends too


@dataclass(frozen=True)
class Session:
    name: str
    csrf: str  # the secret every form of this session carries
    expires: float  # LIFETIME_S after it began
    credential: str  # users.credential() of the password it signed in with: a new password ends it
    active: float  # its latest request: IDLE_S after it, it ends


def _ended_why(session: Session, now: float) -> str:
    """Why ``session`` has ended by now ("" while it has not)."""
    if session.expires < now:
        return f"at its limit of {LIFETIME_S // 3600} hours"
    if session.active + IDLE_S < now:
        return f"after {IDLE_S // 60} minutes without activity"
    return ""


@dataclass
class Sessions:
    """Random session ids (the cookie's value) to who signed in; safe across uvicorn's threads."""

    _open: dict[str, Session] = field(default_factory=dict)
    # what a session's next view of a page says was done (a decision recorded): session -> (path, words)
    _notices: dict[str, tuple[str, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, name: str, credential: str) -> str:
        sid = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            self._open[sid] = Session(name, secrets.token_urlsafe(32), now + LIFETIME_S, credential, now)
        return sid

    def renew(self, sid: str | None, credential: str) -> None:
        """The session ``sid`` now holds the user's new password (changed in it)."""
        with self._lock:
            if sid and (session := self._open.get(sid)) is not None:
                self._open[sid] = replace(session, credential=credential)

    def get(self, sid: str | None) -> Session | None:
        """The open session ``sid``, its latest request now; None if it is unknown or has ended (an
        ended one is kept until ``expired`` or ``end`` says so, once)."""
        if not sid:
            return None
        now = time.monotonic()
        with self._lock:
            session = self._open.get(sid)
            if session is None or _ended_why(session, now):
                return None
            self._open[sid] = replace(session, active=now)
        return session

    def expired(self, sid: str | None) -> str:
        """Why the session ``sid`` ended by itself ("after 30 minutes without activity"), said once and
        then forgotten; "" if it is open, unknown or was ended (signed out)."""
        if not sid:
            return ""
        with self._lock:
            session = self._open.get(sid)
            why = _ended_why(session, time.monotonic()) if session is not None else ""
            if why:
                self._open.pop(sid, None)  # pop, not del: it may be gone already
                self._notices.pop(sid, None)
        return why

    def tell(self, sid: str | None, path: str, notice: str) -> None:
        """Have the session's next page, if it is ``path`` (where a form's answer sends the browser), say
        ``notice``: the status message of a decision recorded (WCAG 4.1.3)."""
        if sid:
            with self._lock:
                self._notices[sid] = (path, notice)

    def told(self, sid: str | None, path: str) -> str:
        """The notice for the session's view of ``path`` ("" for none); said once, whatever page is next."""
        with self._lock:
            path_told, notice = self._notices.pop(sid or "", ("", ""))
        return notice if path_told == path else ""

    def end(self, sid: str | None) -> bool:
        """End a session; whether it was open (so only one of two requests at once audits its end)."""
        if not sid:
            return False
        with self._lock:
            self._notices.pop(sid, None)
            return self._open.pop(sid, None) is not None

    def end_others(self, name: str, keep: str | None) -> int:
        """End every session of ``name`` but the one ``keep`` (a new password); return how many of them
        were open (one that had ended by itself is forgotten, not counted)."""
        now = time.monotonic()
        with self._lock:
            others = [sid for sid, s in self._open.items() if s.name == name and sid != keep]
            still_open = sum(not _ended_why(self._open[sid], now) for sid in others)
            for sid in others:
                del self._open[sid]
                self._notices.pop(sid, None)
        return still_open
