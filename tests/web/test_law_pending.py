"""The review app's offence assessment shows conduct pending attribution beside an element, apart from
what is counted and escaped (``footprint.analyse.law.pending``)."""

from __future__ import annotations

import pytest

from footprint.case import Case
from footprint.model import AccountRef
from footprint.settings import Settings
from footprint.web import create_app
from tests.analyse.law.lawscenario import ACCOUNTS, Scenario, link, run_only

from .conftest import finding_id, opened

HOSTILE = AccountRef("whatsapp", "<script>x()</script>", "<script>x()</script>")


def test_the_assessment_page_names_conduct_pending_attribution_escaped(
    case: Case, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ACCOUNTS, "second", HOSTILE)
    s = Scenario(case)
    s.say("2024-03-01 20:00", "I will hurt you", categories=("threat_violence",))
    s.say("2024-03-04 09:00", "you will bleed", by="second", to="her", categories=("threat_violence",))
    s.build()
    link(case, ACCOUNTS["him"].key, HOSTILE.key)
    run_only(case, "law")
    with opened(create_app(case.dir, settings), follow_redirects=False) as client:
        page = client.get(f"/findings/{finding_id(case, 'offence_assessment')}").text
    shown = "whatsapp:&lt;script&gt;x()&lt;/script&gt; attributed to John Smith (link score 0.87 at even prior odds"
    # beside the element of the candidate offence (s.127(1): one menacing message), not among its items
    assert (
        f'<br><span class="small pending">Pending attribution, not counted: would count were {shown}' in page
    )
    # and the offences it would make candidates (a course of conduct needs his second occasion)
    assert (
        "<li>Protection from Harassment Act 1997 s.2: it would be a candidate (indicated — needs a person&#39;s"
        f" review) were {shown}"
    ) in page
    assert "<script>x()" not in page
