"""Linkage on a big case reads each message once: every message is masked once, when its account's
profile is built, and a pair without the texts both copied is built once for its score and its words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from footprint.analyse.link import text as tx
from footprint.analyse.link.analyser import LinkAnalyser, case_profiles
from footprint.analyse.link.wording import _JOIN, _uses
from footprint.case import Case


def _counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls = [0]
    real: Callable[..., Any] = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_each_message_is_masked_once_however_many_pairs_are_explained(
    linked_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a 103,000-item case masked its messages 4.5 million times (each message for every pair, for
    # every shared fragment counted in the style reason): 400 of its 480 seconds of analysis
    profiles = case_profiles(linked_case)[0]
    messages = sum(len(p.messages) for p in profiles)
    masked = _counted(monkeypatch, tx, "mask")
    analyser = LinkAnalyser()
    findings = list(analyser.run(linked_case))
    assert findings and analyser.links
    # each message once, and each account's messages joined once for its style vector
    assert masked[0] == messages + len(profiles)


def test_a_fragment_is_counted_in_each_message_overlapping_and_never_across_two() -> None:
    masked = ("aaa b", "aab", "c\x00a")
    joined = _JOIN.join(masked)
    assert _uses(masked, joined, "aa") == 3  # overlapping: 2 in the first message, 1 in the second
    assert _uses(masked, joined, "bc") == 0  # "b" ends one message, "c" starts the next
    assert _uses(masked, joined, "b\x00") == 0  # a fragment holding the joining character: per message
    assert _uses(masked, joined, "\x00a") == 1
