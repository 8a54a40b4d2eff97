"""Her own number is a party's identifier, kept in a disclosure copy unless the disclosure officer asks
for it to be masked (``--redact-name``, written any way): then it is masked as a phone number wherever
it stands, one mask, with its own reason (a prosecutor's review of the demo, 1 December)."""

from __future__ import annotations

import json

import pytest

from footprint.case import Case
from footprint.model import AccountRef
from footprint.report import build_report
from footprint.report.export import items_jsonl
from footprint.report.redact import ASKED_ID
from tests.analyse.law.lawscenario import ACCOUNTS, Scenario

HERS = AccountRef("sms", "+447700900001", "Jane Doe")


@pytest.fixture
def scenario(case: Case, monkeypatch: pytest.MonkeyPatch) -> Case:
    monkeypatch.setitem(ACCOUNTS, "her", HERS)
    s = Scenario(case)
    s.say("2024-03-01 19:00", "answer me, I know it's 07700 900001", to="her")
    s.say("2024-03-01 19:05", "stop messaging me", by="her", to="him", categories=("request_to_stop",))
    s.build()
    return case


def test_her_number_is_kept_unless_asked(scenario: Case) -> None:
    copy = build_report(scenario, redact=True)
    assert [e for e in copy.redaction_log or () if "900001" in e.value] == []
    assert "07700 900001" in "".join(items_jsonl(copy))


@pytest.mark.parametrize("asked", ["07700 900001", "+447700900001", "+44 7700 900001"])
def test_her_number_asked_for_is_one_phone_mask_wherever_it_stands(scenario: Case, asked: str) -> None:
    copy = build_report(scenario, redact=True, redact_names=[asked])
    masked = {(e.mask, e.kind, e.why) for e in copy.redaction_log or () if "900001" in e.value}
    # in fields for the reason given; in free text found as any phone number is, under the same mask
    assert masked == {("[PHONE-1]", "PHONE", ASKED_ID), ("[PHONE-1]", "PHONE", "pattern: phone number")}
    exported = "".join(items_jsonl(copy))
    assert "900001" not in exported
    lines = [json.loads(x) for x in items_jsonl(copy)]
    assert [(x["text"], x["author"], x["recipients"]) for x in lines] == [
        ("answer me, I know it's [PHONE-1]", "whatsapp:John Smith", ["sms:[PHONE-1]"]),
        ("stop messaging me", "sms:[PHONE-1]", ["whatsapp:John Smith"]),
    ]
    assert "Jane Doe" in [p.name for p in copy.persons]  # her name is not asked for: kept
