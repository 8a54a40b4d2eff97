"""The sign-in lock-out: five refusals lock a name; stale names are forgotten when many pile up."""

from __future__ import annotations

import pytest

from footprint.web import throttle
from footprint.web.throttle import LIMIT, SignInThrottle


def test_the_fifth_refusal_locks_and_a_success_unlocks() -> None:
    limiter = SignInThrottle()
    assert [limiter.attempt("ann") for _ in range(LIMIT + 1)] == [True] * LIMIT + [False]
    limiter.succeeded("ann")
    assert limiter.attempt("ann")


def test_guessed_names_do_not_pile_up(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(throttle, "KEEP", 50)
    limiter = SignInThrottle()
    for n in range(40):
        limiter.attempt(f"old{n}")
    clock[0] += throttle.WINDOW_S + 1  # those refusals are now outside the window
    for n in range(40):
        limiter.attempt(f"new{n}")
    remembered = set(limiter._failures) | set(limiter._locked_until)
    assert not any(name.startswith("old") for name in remembered)
    assert {f"new{n}" for n in range(40)} <= remembered
