"""The review app says what a finding that may undermine reads as: on the message's page and its own."""

from __future__ import annotations

from footprint.case import Case
from footprint.settings import Settings
from footprint.web import create_app
from tests.analyse.law.lawscenario import Scenario, run_only

from .conftest import opened


def test_the_message_and_finding_pages_say_his_words_read_as_a_retraction(
    case: Case, settings: Settings
) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "I will kill you", categories=("threat_to_kill",))
    s.say("2024-03-01 13:00", "ignore that <script>x</script>, I was drunk")
    s.build()
    run_only(case, "retraction_after_threat")
    [f] = case.store.findings("may_undermine")
    with opened(create_app(case.dir, settings), follow_redirects=False) as client:
        message = client.get(f"/items/{s.item(2)}").text
        finding = client.get(f"/findings/{f.id}").text
        threat = client.get(f"/items/{s.item(1)}").text
    assert (
        '<td data-label="Category">may_undermine<br><span class="small">Reads as: retraction</span></td>'
    ) in message
    assert "<dt>Reads as</dt><dd>retraction</dd>" in finding
    assert "Reads as" not in threat  # a threat reads as what its category says
    assert "<script>x</script>" not in message and "&lt;script&gt;x&lt;/script&gt;" in message
