"""A finding a person confirmed that no offence counts is named with why, never dropped without a word
(court review 3)."""

from __future__ import annotations

from datetime import date

from lawscenario import Scenario, offences

from footprint.analyse.law.analyser import LawAnalyser
from footprint.analyse.law.assess import assess_case
from footprint.case import Case
from footprint.parties import attribute_account

AS_OF = date(2023, 6, 1)


def _threats(case: Case) -> Scenario:
    # her chat and her mailbox: his e-mail went to her address, which no one has attributed to her
    s = Scenario(case)
    s.say(
        "2023-03-14 09:00",
        "I'll be outside at 8",
        categories=("threat_violence",),
        confirmed=("threat_violence",),
    )
    s.say(
        "2023-03-14 09:15",
        "I know where you live",
        to="her_email",
        categories=("threat_violence",),
        confirmed=("threat_violence",),
    )
    return s.build()


def test_a_confirmed_threat_to_her_unattributed_address_is_named_with_why(case: Case) -> None:
    s = _threats(case)
    [threat] = [f for f in case.store.findings("threat_violence") if f.item_id == s.item(2)]
    result = assess_case(case, AS_OF)
    character = [e for e in offences(result)["ca2003_s127_1"]["elements"] if e["id"] == "character"][0]
    assert [i["item_id"] for i in character["items"]] == [s.item(1)]
    assert result["assessments"][0]["notes"][-1] == (
        f"1 finding(s) a person confirmed are counted in no offence: finding {threat.id} (threat_violence)"
        " on JD/1 line 2: it was sent by whatsapp:John Smith (John Smith's) to accounts not attributed to"
        " Jane Doe (email:jane@example.invalid: attributed to no one); if one is hers, attribute it"
        " (footprint account attribute)"
    )
    # the law analyser's finding carries the same note
    [draft] = LawAnalyser().run(case)
    assert draft.details["notes"][-1] == result["assessments"][0]["notes"][-1]
    # attributed to her, the e-mail is evidence and the note goes
    attribute_account(case, "email:jane@example.invalid", "Jane Doe", "her address", as_complainant=True)
    result = assess_case(case, AS_OF)
    character = [e for e in offences(result)["ca2003_s127_1"]["elements"] if e["id"] == "character"][0]
    assert [i["item_id"] for i in character["items"]] == [s.item(1), s.item(2)]
    assert not any("counted in no offence" in n for n in result["assessments"][0]["notes"])
