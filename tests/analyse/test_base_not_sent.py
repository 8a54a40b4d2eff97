"""The runner: a finding on an item the phone never sent says so in its explanation, whichever analyser
made it (detection may judge a draft's words: they are context, not a message she received)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "law"))
from lawscenario import Scenario  # noqa: E402

from footprint.analyse.base import Analyser, FindingDraft, analysers, run_analysers  # noqa: E402
from footprint.case import Case  # noqa: E402


class Words(Analyser):
    """A stand-in detector: one finding on every item, as a detector would judge its words."""

    name = "test_words"
    version = 1
    description = "a finding on every item"

    def run(self, case: Case) -> Iterator[FindingDraft]:
        for item in case.store.iter_items():
            yield FindingDraft(item.id, "threat_violence", 0.9, f"threat in {item.text!r} (rule x)")


def test_a_finding_on_a_draft_or_failed_send_says_it_was_never_sent(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "you will regret it", not_sent="draft")
    s.say("2024-03-01 13:00", "<b>answer</b>", not_sent="failed")
    s.say("2024-03-01 14:00", "sent")
    s.build()
    analysers.register(Words)
    try:
        [outcome] = run_analysers(case, ["test_words"])
    finally:
        analysers._by_name.pop("test_words", None)
    assert outcome.status == "ok"
    found = {f.item_id: f.explanation for f in case.store.findings() if f.analyser == "test_words"}
    assert found == {
        s.item(1): "threat in 'you will regret it' (rule x). On an item never sent (draft — never sent): its"
        " words are context, not a message anyone received.",
        s.item(2): "threat in '<b>answer</b>' (rule x). On an item never sent (failed to send): its words"
        " are context, not a message anyone received.",
        s.item(3): "threat in 'sent' (rule x)",
    }
