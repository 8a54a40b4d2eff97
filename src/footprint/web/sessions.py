"""Signed-in sessions of the review app, kept in the server's memory (a restart signs everyone out).

A session ends 8 hours after it began (``LIFETIME_S``), or after 30 minutes without a request
(``IDLE_S``): a browser left open on a page of threats does not stay signed in all day. The browser's
next request is then told which (``expired``), and the end is handed on once (``lapsed``, ``close``) for
the audit log, so every sign-in has its end there, even a session nobody came back to.

A form sent after its session ended is not applied, but what was typed in it is kept here (``keep``), never
in an address or a log, and handed to the next session this browser begins as the same user (``hand_on``),
whose next page shows it in the form again (``draft``); another user's sign-in discards it.
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
    handed: bool = False  # its end by itself has been handed on for the audit log


@dataclass(frozen=True)
class Ended:
    """A session that ended without a sign-out: whose, why (the audit entry's words) and when."""

    name: str
    why: str
    at: float | None  # the time it ended (``time.time()``); None: now (the server stops)


@dataclass(frozen=True)
class Draft:
    """What a form sent after its session ended: the fields typed, for the same user's next session."""

    name: str
    path: str  # the page the form is on
    fields: dict[str, str]
    kept: float  # when (``clock()``)


#: how a session ends by itself -> what the browser is told, and the audit entry's words
ENDS = {
    "limit": (
        f"at its limit of {LIFETIME_S // 3600} hours",
        f"session ended (limit): {LIFETIME_S // 3600} hours after it began",
    ),
    "idle": (
        f"after {IDLE_S // 60} minutes without activity",
        f"session ended (idle): {IDLE_S // 60} minutes without a request",
    ),
}

STOPPED = "session ended (server stopped)"


def clock() -> float:
    """Seconds on a clock that runs on while the computer is suspended (Linux's ``CLOCK_BOOTTIME``; the
    wall clock where there is none): a laptop closed overnight on a page of threats comes back signed
    out. ``time.monotonic`` stops during a suspend."""
    boot = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boot) if boot is not None else time.time()


def _end(session: Session, now: float) -> tuple[str, float] | None:
    """How (a key of ``ENDS``) and when (``clock()``) ``session`` ended by itself (None: open)."""
    when, how = min((session.expires, "limit"), (session.active + IDLE_S, "idle"))
    return (how, when) if when < now else None


def _ended_why(session: Session, now: float) -> str:
    """Why ``session`` has ended by now ("" while it has not)."""
    end = _end(session, now)
    return ENDS[end[0]][0] if end else ""


@dataclass
class Sessions:
    """Random session ids (the cookie's value) to who signed in; safe across uvicorn's threads."""

    _open: dict[str, Session] = field(default_factory=dict)
    # what a session's next view of a page says was done (a decision recorded): session -> (path, words)
    _notices: dict[str, tuple[str, str]] = field(default_factory=dict)
    _ended: list[Ended] = field(default_factory=list)  # not yet handed on (``lapsed``)
    _drafts: dict[str, Draft] = field(default_factory=dict)  # session -> its form, kept (``keep``)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, name: str, credential: str) -> str:
        sid = secrets.token_urlsafe(32)
        now = clock()
        with self._lock:
            self._open[sid] = Session(name, secrets.token_urlsafe(32), now + LIFETIME_S, credential, now)
        return sid

    def renew(self, sid: str | None, credential: str) -> None:
        """The session ``sid`` now holds the user's new password (changed in it)."""
        with self._lock:
            if sid and (session := self._open.get(sid)) is not None:
                self._open[sid] = replace(session, credential=credential)

    def _lapse(self, sid: str, session: Session, now: float) -> bool:
        """Whether ``session`` (``sid``'s) has ended by itself; its end is queued for ``lapsed`` once."""
        end = _end(session, now)
        if end is not None and not session.handed:
            how, when = end
            self._ended.append(Ended(session.name, ENDS[how][1], time.time() - (now - when)))
            if sid in self._open:  # (another request may have ended it meanwhile)
                self._open[sid] = replace(session, handed=True)
        return end is not None

    def get(self, sid: str | None) -> Session | None:
        """The open session ``sid``, its latest request now; None if it is unknown or has ended (an
        ended one is kept until ``expired`` or ``end`` says so, once)."""
        if not sid:
            return None
        now = clock()
        with self._lock:
            session = self._open.get(sid)
            if session is None or self._lapse(sid, session, now):
                return None
            self._open[sid] = replace(session, active=now)
        return session

    def expired(self, sid: str | None) -> str:
        """Why the session ``sid`` ended by itself ("after 30 minutes without activity"), said once and
        then forgotten; "" if it is open, unknown or was ended (signed out)."""
        if not sid:
            return ""
        now = clock()
        with self._lock:
            session = self._open.get(sid)
            why = _ended_why(session, now) if session is not None else ""
            if session is not None and why:
                self._lapse(sid, session, now)
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

    def end(self, sid: str | None) -> Session | None:
        """End a session; the session if it was open (so only one of two requests at once audits its end;
        one that had ended by itself is handed to ``lapsed`` instead)."""
        if not sid:
            return None
        with self._lock:
            self._notices.pop(sid, None)
            session = self._open.pop(sid, None)
            if session is None or self._lapse(sid, session, clock()):
                return None
            return session

    def end_others(self, name: str, keep: str | None) -> int:
        """End every session of ``name`` but the one ``keep`` (a new password); return how many of them
        were open (one that had ended by itself is handed to ``lapsed``, not counted)."""
        now = clock()
        with self._lock:
            others = [sid for sid, s in self._open.items() if s.name == name and sid != keep]
            still_open = sum(not self._lapse(sid, self._open[sid], now) for sid in others)
            for sid in others:
                del self._open[sid]
                self._notices.pop(sid, None)
        return still_open

    def lapsed(self) -> list[Ended]:
        """Every session that has ended by itself since the last call, each once (for the audit log);
        forms kept for longer than a session lasts are forgotten."""
        now = clock()
        with self._lock:
            for sid, session in list(self._open.items()):
                self._lapse(sid, session, now)
            for sid in [sid for sid, draft in self._drafts.items() if draft.kept + LIFETIME_S < now]:
                del self._drafts[sid]
            ended, self._ended = self._ended, []
        return ended

    def close(self) -> list[Ended]:
        """The server stops: every session ends; those that had not ended by themselves end now."""
        ended = self.lapsed()
        with self._lock:
            stopped = [Ended(s.name, STOPPED, None) for s in self._open.values() if not s.handed]
            self._open.clear()
            self._notices.clear()
            self._drafts.clear()
        return ended + stopped

    def keep(self, sid: str | None, csrf: str, path: str, fields: dict[str, str]) -> None:
        """Keep what a form of the session ``sid``, which has ended by itself, sent (not applied): only a
        form carrying the session's own secret, so another page cannot plant one."""
        now = clock()
        with self._lock:
            session = self._open.get(sid or "")
            if session is None or not _end(session, now):
                return
            if secrets.compare_digest(csrf.encode(), session.csrf.encode()):
                self._drafts[sid or ""] = Draft(session.name, path, fields, now)

    def kept(self, sid: str | None) -> bool:
        """Whether a form of the session ``sid`` is kept for its next one."""
        with self._lock:
            return (sid or "") in self._drafts

    def hand_on(self, old: str | None, new: str, name: str) -> str:
        """Give the form kept from the session ``old`` to ``new`` if both are ``name``'s (another user's
        sign-in discards it); the page it is on, or "" for none."""
        with self._lock:
            draft = self._drafts.pop(old or "", None)
            if draft is None or draft.name != name:
                return ""
            self._drafts[new] = draft
        return draft.path

    def draft(self, sid: str | None, path: str) -> dict[str, str]:
        """The fields kept for the session's view of ``path`` ({} for none); given once, whatever page is
        next."""
        with self._lock:
            draft = self._drafts.pop(sid or "", None)
        return draft.fields if draft is not None and draft.path == path else {}
