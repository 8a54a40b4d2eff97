"""A disclosure copy masks an account a link ties to the suspect's as a third party's (attribution is a
person's decision), but says so: its own reason in the redaction log and a row on the MG6D for the
disclosure officer to decide on (a prosecutor's review of the demo, 1 December)."""

from __future__ import annotations

import csv
import io

import pytest

from footprint.analyse.link.review import reject_link
from footprint.case import Case
from footprint.model import AccountRef
from footprint.report import build_report
from footprint.report import schedules as sch
from footprint.report.redact import GIVEN_NAME
from tests.analyse.law.lawscenario import ACCOUNTS, Scenario, link

BURNER = AccountRef("sms", "+447700900999", "+447700900999")
WHY = (
    "an account not attributed to a party, though a link ties it to the suspect's: John Smith's whatsapp:John"
    " Smith, at log10 LR +2.30; masked until a person attributes it"
)


def _case(case: Case, monkeypatch: pytest.MonkeyPatch, log10_lr: float, burner: AccountRef = BURNER) -> None:
    monkeypatch.setitem(ACCOUNTS, "second", burner)
    s = Scenario(case)
    s.say("2024-03-01 19:00", "answer me")
    s.say("2024-03-01 20:00", "you can't hide from me", by="second", to="her", categories=("evasion",))
    s.build()
    link(case, ACCOUNTS["him"].key, BURNER.key, log10_lr=log10_lr)


def _mg6d(case: Case) -> tuple[list[tuple[str, str, str]], list[dict[str, str]]]:
    copy = build_report(case, redact=True)
    log = sorted({(e.mask, e.value, e.why) for e in copy.redaction_log or ()})
    text = sch.mg6d(build_report(case), copy.redaction_log).removeprefix(sch.BOM)
    return log, list(csv.DictReader(io.StringIO(text)))


def test_an_account_linked_to_his_is_masked_with_its_own_reason_and_put_to_the_disclosure_officer(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case(case, monkeypatch, 2.3)
    log, rows = _mg6d(case)
    # the account's name is its number, as an SMS export's often is: masked as a name (a name wins)
    assert log == [("[NAME-1]", "+447700900999", WHY)]
    linked = [r for r in rows if r["Description"].startswith("Masked as")]
    assert [
        (r["Description"], r["Reason for sensitivity"], r["Location"], r["Disclosure officer's comment"])
        for r in linked
    ] == [  # fmt: skip
        (
            f"Masked as a third party's: [NAME-1] ({WHY})",
            "Possibly the suspect's account, attributed to no one: a link is an opinion until a person"
            " attributes the account",
            "reports/redaction-log.csv",
            "To decide: attribute the account (footprint account attribute) to show it as his, or leave it"
            " masked",
        )
    ]


def test_a_weak_link_is_put_to_the_disclosure_officer_too_and_a_rejected_one_is_not(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the demo's: "moderate support" (log10 LR +1.00), below what joins a candidate person
    _case(case, monkeypatch, 1.0)
    log, rows = _mg6d(case)
    assert log == [("[NAME-1]", "+447700900999", WHY.replace("+2.30", "+1.00"))]
    reject_link(case, ACCOUNTS["him"].key, BURNER.key, "her brother's phone")
    log, rows = _mg6d(case)
    assert log == [("[NAME-1]", "+447700900999", GIVEN_NAME)]
    assert [r for r in rows if r["Description"].startswith("Masked as")] == []


def test_a_linked_accounts_number_and_contact_name_are_masked_with_the_same_reason(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case(case, monkeypatch, 2.3, AccountRef("sms", "+447700900999", "Johnny B"))
    log, rows = _mg6d(case)
    assert log == [("[NAME-1]", "Johnny B", WHY), ("[PHONE-1]", "+447700900999", WHY)]
    assert [r["Description"] for r in rows if r["Description"].startswith("Masked as")] == [
        f"Masked as a third party's: [PHONE-1], [NAME-1] ({WHY})"
    ]
