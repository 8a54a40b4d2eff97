"""Contact after a request to stop, audited: a request on another platform counts, and a record with
no time of day is not given hours it does not have."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import Scenario, run_only  # noqa: E402

from footprint.case import Case  # noqa: E402


def test_a_request_on_another_platform_covers_his_contact_on_this_one(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "leave me alone", by="her", to="burner", categories=("request_to_stop",))
    s.say("2024-03-01 18:00", "no")
    s.build()
    run_only(case, "contact_after_request")
    [finding] = case.store.findings("contact_after_request")
    assert finding.item_id == s.item(2)
    assert finding.explanation == (
        "Sent by John Smith to her 6.0 hours after she asked him to stop (JD/1 line 1,"
        " 01/03/2024 12:00:00 GMT (+00:00), to sms:+447700900456); 1 request(s) to stop before it."
    )


def test_a_date_only_item_after_a_request_counts_days_not_hours(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    s.say("2024-03-03", "answer me")
    s.build()
    run_only(case, "contact_after_request")
    [finding] = case.store.findings("contact_after_request")
    assert finding.explanation == (
        "Sent by John Smith to her on 03/03/2024 (time not recorded), 2 day(s) after she asked him to stop"
        " (JD/1 line 1, 01/03/2024 12:00:00 GMT (+00:00), to whatsapp:John Smith); 1 request(s) to stop"
        " before it."
    )
    assert (finding.details["hours_after"], finding.details["days_after"]) == (None, 2)
