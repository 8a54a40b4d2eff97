"""The sign-in lock-out: five refusals lock a name for the client that made them, twenty lock the client;
stale names are forgotten when many pile up; attempts a lock refuses are counted for one audit entry."""

from __future__ import annotations

import pytest

from footprint.web import throttle
from footprint.web.throttle import CLIENT_LIMIT, LIMIT, SignInThrottle


def test_the_fifth_refusal_locks_and_a_success_unlocks() -> None:
    limiter = SignInThrottle()
    locked = ("10.0.0.9", "ann")
    assert [limiter.attempt("ann", "10.0.0.9") for _ in range(LIMIT + 1)] == [None] * LIMIT + [locked]
    limiter.succeeded("ann", "10.0.0.9")
    assert limiter.attempt("ann", "10.0.0.9") is None


def test_a_name_is_locked_only_for_the_client_that_guessed_at_it() -> None:
    # the lock-out was per name only: anyone could keep a named reviewer locked out for ever
    limiter = SignInThrottle()
    for _ in range(LIMIT):
        limiter.attempt("ann", "10.0.0.66")
    assert limiter.attempt("ann", "10.0.0.66") == ("10.0.0.66", "ann")
    assert limiter.attempt("ann", "10.0.0.5") is None


def test_a_client_guessing_at_many_names_is_locked_out_as_a_whole() -> None:
    limiter = SignInThrottle()
    assert all(limiter.attempt(f"nobody{n}", "10.0.0.66") is None for n in range(CLIENT_LIMIT))
    assert limiter.attempt("somebody else", "10.0.0.66") == ("10.0.0.66", None)
    assert limiter.attempt("somebody else", "10.0.0.5") is None


def test_attempts_a_lock_refuses_are_counted_once_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: clock[0])
    limiter = SignInThrottle()
    key = ("10.0.0.66", None)
    assert [limiter.hold(key) for _ in range(4)] == [True, False, False, False]  # the first is audited
    limiter._locked_until[key] = clock[0] + 10
    assert limiter.released() == []  # still locked
    clock[0] += 11
    assert limiter.released() == [(key, 3)]
    assert limiter.released() == []


def test_guessed_names_do_not_pile_up(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(throttle, "KEEP", 50)
    limiter = SignInThrottle()
    for n in range(40):
        limiter.attempt(f"old{n}", f"10.0.{n}.1")
    clock[0] += throttle.WINDOW_S + 1  # those refusals are now outside the window
    for n in range(40):
        limiter.attempt(f"new{n}", f"10.1.{n}.1")
    remembered = {name for _, name in set(limiter._failures) | set(limiter._locked_until)}
    assert not any(name and name.startswith("old") for name in remembered)
    assert {f"new{n}" for n in range(40)} <= remembered


def test_sign_ins_that_succeed_never_lock_out_the_client() -> None:
    """An office behind one address (a NAT, a `--trusted-proxy`) signs in many times: a success is no
    refusal (the 21st sign-in from one address was refused, "after 20 refused sign-ins"; review of
    1 December)."""
    limiter = SignInThrottle()
    for n in range(CLIENT_LIMIT * 3):
        assert limiter.attempt(f"officer{n % 4}", "10.0.0.1") is None
        limiter.succeeded(f"officer{n % 4}", "10.0.0.1")
    assert limiter._failures.get(("10.0.0.1", None)) == []


def test_a_success_takes_only_its_own_try_off_the_clients_count() -> None:
    limiter = SignInThrottle()
    for n in range(CLIENT_LIMIT - 1):  # nineteen wrong guesses at other names
        assert limiter.attempt(f"nobody{n}", "10.0.0.66") is None
    assert limiter.attempt("ann", "10.0.0.66") is None  # the twentieth try locks the client ...
    assert limiter.attempt("bob", "10.0.0.66") == ("10.0.0.66", None)
    limiter.succeeded("ann", "10.0.0.66")  # ... but it succeeded: the lock is undone, the 19 stand
    assert limiter.attempt("bob", "10.0.0.66") is None  # the twentieth refusal locks it again
    assert limiter.attempt("carol", "10.0.0.66") == ("10.0.0.66", None)
    limiter.succeeded("nobody3", "10.0.0.5")  # a success elsewhere changes nothing here
    assert limiter.attempt("carol", "10.0.0.66") == ("10.0.0.66", None)
