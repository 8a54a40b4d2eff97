"""On the demo case (R v Smith) the burner is linked to John Smith's WhatsApp account, with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.analyse.link.review import clusters
from footprint.case import Case
from footprint.demo import build_demo
from footprint.settings import Settings
from footprint.store.links import visible_links


@pytest.mark.slow
def test_demo_burner_links_to_john_as_one_blocking_episode(tmp_path: Path, settings: Settings) -> None:
    # the review (defence 4): +2.00 was "can't block me" and "wrote after he was blocked" summed as if
    # independent, and her own "I have blocked your number" was worded as a platform's block
    result = build_demo(tmp_path / "demo", settings)
    case = Case.open(result.case_dir, settings)
    john = next(c for c in clusters(case) if "whatsapp:John Smith" in c.accounts)
    assert (john.person, john.accounts) == ("John Smith", ("whatsapp:John Smith",))
    [link] = [
        r for r in visible_links(case.store) if {r.a, r.b} == {"sms:+447700900456", "whatsapp:John Smith"}
    ]
    assert link.log10_lr == 1.0  # moderate support: a finding, but below the bar that joins a person
    reasons = {
        e["kind"]: e for e in link.evidence["evidence"] if e["weight_log10"] or "blocked" in e["reason"]
    }
    assert "one blocking episode" in reasons["self_reference"]["reason"]
    timing = reasons["timing"]
    assert timing["weight_log10"] == 0.0
    assert (
        "first wrote 1.0 day(s) after she said she had blocked it (JD/1 line 20: her own message"
        in (timing["reason"])
    )
    assert "was blocked" not in timing["reason"]
    jane = next(c for c in clusters(case) if "whatsapp:Jane Doe" in c.accounts)
    assert "sms:+447700900456" not in jane.accounts
