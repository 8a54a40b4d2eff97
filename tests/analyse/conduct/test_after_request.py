"""Contact after a request to stop, audited: a request on another platform counts, and a record with
no time of day is not given hours it does not have."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import Scenario, run_only  # noqa: E402
from pytest import MonkeyPatch  # noqa: E402
from sqlalchemy import update  # noqa: E402

from footprint.case import Case  # noqa: E402
from footprint.store import schema  # noqa: E402


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


def test_each_item_reads_only_the_requests_of_its_own_day(case: Case, monkeypatch: MonkeyPatch) -> None:
    # on a 100,000-message case each of his items after her first request read all her 5,500 requests and
    # every item of the pair: 860 s for the first 3,647 of them
    from footprint.analyse.conduct import after_request

    s = Scenario(case)
    days = 20
    for day in range(1, days + 1):
        s.say(f"2024-03-{day:02d} 12:00", "stop", by="her", categories=("request_to_stop",))
        s.say(f"2024-03-{day:02d} 15:00", "why", by="her")
        s.say(f"2024-03-{day:02d} 18:00", "no")
    s.build()
    compared = [0]
    real = after_request.certainly_after

    def counting(a: object, b: object) -> bool:
        compared[0] += 1
        return real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(after_request, "certainly_after", counting)
    run_only(case, "contact_after_request")
    assert compared[0] == days  # his item and her request of the same day; earlier days are counted whole
    found = sorted(case.store.findings("contact_after_request"), key=lambda f: f.item_id or 0)
    assert [f.item_id for f in found] == [s.item(3 * day) for day in range(1, days + 1)]
    assert found[-1].explanation == (
        "Sent by John Smith to her 6.0 hours after she asked him to stop (JD/1 line 58, 20/03/2024 12:00:00"
        " GMT (+00:00), to whatsapp:John Smith); 20 request(s) to stop before it. She wrote to him 1 time(s)"
        " between her request and this item (context for the lawyer)."
    )
    assert found[-1].details["her_items_since_request"] == [s.item(59)]


def test_a_gap_under_an_hour_is_in_minutes_and_under_a_minute_in_seconds(case: Case) -> None:
    # "0.0 hours after she asked him to stop" was written for a message 40 seconds later (court review 10)
    s = Scenario(case)
    s.say("2024-03-01 12:00", "leave me alone", by="her", categories=("request_to_stop",))
    s.say("2024-03-01 12:25", "no")
    s.build()
    # a second message 40 seconds after another request: the Scenario gives whole minutes, so the
    # seconds are set on the stored time
    s.say("2024-03-02 12:00", "stop it", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 12:01", "why")
    s.build()
    with case.store.unscoped_engine.begin() as conn:
        item = schema.item
        conn.execute(update(item).where(item.c.id == s.item(4)).values(sent_at_utc="2024-03-02T12:00:40Z"))
    run_only(case, "contact_after_request")
    found = {f.item_id: f.explanation for f in case.store.findings("contact_after_request")}
    assert found[s.item(2)].startswith("Sent by John Smith to her 25 minute(s) after she asked him to stop")
    assert found[s.item(4)].startswith("Sent by John Smith to her 40 second(s) after she asked him to stop")
