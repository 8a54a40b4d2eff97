"""On the demo case (R v Smith) the burner is linked to John Smith's WhatsApp account, with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.analyse.link.review import clusters
from footprint.case import Case
from footprint.demo import build_demo
from footprint.settings import Settings


@pytest.mark.slow
def test_demo_burner_links_to_john(tmp_path: Path, settings: Settings) -> None:
    result = build_demo(tmp_path / "demo", settings)
    case = Case.open(result.case_dir, settings)
    john = next(c for c in clusters(case) if "whatsapp:John Smith" in c.accounts)
    assert john.person == "John Smith"
    assert "sms:+447700900456" in john.accounts
    link = john.links[0]
    kinds = [e["kind"] for e in link.evidence["evidence"]]
    assert "self_reference" in kinds and link.log10_lr >= 2
    reasons = " ".join(e["reason"] for e in link.evidence["evidence"])
    assert "new number" in reasons and "it's me again" in reasons
    assert "blocked" in reasons
    jane = next(c for c in clusters(case) if "whatsapp:Jane Doe" in c.accounts)
    assert "sms:+447700900456" not in jane.accounts
