"""An offence whose time limit has passed for every occasion is said to be out of time wherever its status
shows: `assess`, the law analyser's finding and the report (court review 7)."""

from __future__ import annotations

from datetime import date

from lawscenario import Scenario, offences, stalking_pattern

from footprint.analyse.law.analyser import LawAnalyser
from footprint.analyse.law.assess import STATEMENT, assess_case
from footprint.case import Case
from footprint.cli.law_cmds import render


def test_a_course_of_conduct_past_its_six_months_is_out_of_time_not_a_live_candidate(case: Case) -> None:
    # Harassment and stalking of March 2024 read "Status: indicated" on 30/11/2026, the "out of time"
    # only on the next line; the last date was 04/09/2024 (six months from 04/03/2024).
    s = stalking_pattern(case)
    early = offences(assess_case(s.case, date(2024, 9, 4)))
    assert early["pha1997_s2"]["status"] == "indicated"
    late = assess_case(s.case, date(2024, 9, 5))
    found = offences(late)
    harassment = found["pha1997_s2"]
    assert (harassment["status"], harassment["status_in_time"]) == ("out_of_time", "indicated")
    assert harassment["time_limit"]["warning"] == "out of time: the last date was 04/09/2024"
    assert found["pha1997_s4"]["status"] == "indicated"  # either way: no time limit
    # listed after every offence that can still be charged
    statuses = [o["status"] for o in late["assessments"][0]["offences"]]
    assert statuses.index("out_of_time") > max(i for i, v in enumerate(statuses) if v != "out_of_time")
    text = "\n".join(render(late))
    assert (
        "Protection from Harassment Act 1997 s.2 — Harassment: out of time (summary only): cannot be charged"
        " — the last date to lay an information has passed for every occasion"
    ) in text


def test_a_message_offence_is_out_of_time_only_when_every_message_is(case: Case) -> None:
    s = Scenario(case)
    s.say("2023-03-14 09:00", "I'll hurt you", categories=("threat_violence",))
    s.say("2023-06-01 09:00", "you will bleed", categories=("threat_violence",))
    s.build()
    one_left = offences(assess_case(case, date(2026, 3, 14)))["ca2003_s127_1"]
    assert one_left["status"] == "indicated"
    assert one_left["time_limit"]["warning"] == "1 incident(s) out of time, 0 near the limit"
    none_left = offences(assess_case(case, date(2026, 6, 1)))["ca2003_s127_1"]
    assert (none_left["status"], none_left["status_in_time"]) == ("out_of_time", "indicated")


def test_the_law_finding_does_not_count_an_out_of_time_offence_as_a_candidate(case: Case) -> None:
    # The finding read "the record gives some support to 12 candidate offence(s): … PHA 1997 s.2; …" with
    # no word of time. Conduct of March 2024 is long out of time for the summary-only offences today.
    stalking_pattern(case)
    [draft] = LawAnalyser().run(case)
    late = [
        f"{o['statute']} {o['section']}" for o in draft.details["offences"] if o["status"] == "out_of_time"
    ]
    assert "Protection from Harassment Act 1997 s.2" in late
    live = [
        f"{o['statute']} {o['section']}" for o in draft.details["offences"] if o["status"] != "out_of_time"
    ]
    assert draft.explanation == (
        f"John Smith → Jane Doe: the record gives some support to {len(live)} candidate offence(s): "
        + "; ".join(live)
        + f"; and to {len(late)} out of time (summary only), which cannot be charged: "
        + "; ".join(late)
        + f". {STATEMENT}"
    )
