"""`account attribute` is never silent: moving an account from the suspect to the complainant (a typo) took
every threat he sent out of the case, and nobody was told (advocate review, defect 1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.case import Case
from footprint.cli import cli
from footprint.settings import Settings

CHAT = (
    "02/03/2024, 21:14 - Alex Suspect: I will kill you if you go to the police\n"
    "02/03/2024, 21:15 - Jane Doe: leave me alone\n"
)


def fp(role: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--actor", "Sam", "--role", role, *args])


@pytest.fixture
def jane(tmp_path: Path) -> Path:
    case = tmp_path / "jane"
    chat = tmp_path / "WhatsApp Chat with Alex Suspect.txt"
    chat.write_text(CHAT, encoding="utf-8")
    for args in (
        ("case", "init", str(case), "--name", "R v Suspect"),
        ("person", "add", str(case), "Jane Doe", "--role", "complainant"),
        ("person", "add", str(case), "Alex Suspect", "--role", "suspect"),
        ("add", str(case), str(chat), "--producer", "Jane Doe", "--date-order", "dmy"),
        ("account", "attribute", str(case), "whatsapp:Alex Suspect", "--person", "Alex Suspect"),
    ):
        assert fp("advocate", *args).exit_code == 0, args
    return case


def test_an_account_of_the_suspect_is_not_moved_to_the_complainant_without_saying_so(jane: Path) -> None:
    typo = fp("advocate", "account", "attribute", str(jane), "whatsapp:Alex Suspect", "--person", "Jane Doe")
    assert (typo.exit_code, typo.output) == (
        1,
        "Error: whatsapp:Alex Suspect is attributed to Alex Suspect (investigator's decision); attributing it"
        " to Jane Doe would make every message it sent Jane Doe's, and findings on them would no longer count"
        " as Alex Suspect's conduct. If that is right, run again with `--reassign` and say why in --basis;"
        " nothing was changed\n",
    )
    moved = fp(
        "advocate", "account", "attribute", str(jane), "whatsapp:Alex Suspect", "--person", "Jane Doe",
        "--reassign", "--basis", "typo",
    )  # fmt: skip
    assert moved.output == (
        "Error: this attributes whatsapp:Alex Suspect to Jane Doe, the complainant: the messages of"
        " whatsapp:Alex Suspect would then count as hers, and if it is a fake profile in her name, as her own"
        " words. Attribute it only if she confirms she operates whatsapp:Alex Suspect, and say so"
        " (`--as-complainant`); otherwise leave it unattributed, or attribute it to whoever operates it\n"
    )
    again = fp("advocate", "account", "attribute", str(jane), "whatsapp:Jane Doe", "--person", "Jane Doe",
               "--reassign")  # fmt: skip
    assert again.output == (
        "Error: `--reassign` is only for an account attributed to someone else, but it is attributed to no"
        " one yet; run again without it\n"
    )
    case = Case.open(jane, Settings(actor="t", database_url=None))
    assert [a.person for a in case.store.accounts() if a.key == "whatsapp:Alex Suspect"] == ["Alex Suspect"]


def test_a_reattribution_is_audited_and_the_next_analysis_says_what_it_took_away(jane: Path) -> None:
    first = fp("advocate", "analyse", str(jane))
    assert first.exit_code == 0 and "no longer count" not in first.output
    moved = fp(
        "advocate", "account", "attribute", str(jane), "whatsapp:Alex Suspect", "--person", "Jane Doe",
        "--reassign", "--as-complainant", "--basis", "she says it was her phone",
    )  # fmt: skip
    assert moved.output == (
        "Attributed whatsapp:Alex Suspect to Jane Doe (she says it was her phone); it was Alex Suspect's\n"
    )
    case = Case.open(jane, Settings(actor="t", database_url=None))
    entries = [e for e in case.store.audit_entries() if e.action == "account attribute"]
    details = json.loads(entries[-1].details)
    assert (entries[-1].actor, entries[-1].role, details["previous"], details["as_complainant"]) == (
        "Sam",
        "advocate",
        "Alex Suspect",
        True,
    )
    analysed = fp("advocate", "analyse", str(jane))
    [said] = [line for line in analysed.output.splitlines() if "no longer count" in line]
    assert said.startswith(
        "2 finding(s) no longer count: account whatsapp:Alex Suspect was attributed from Alex Suspect to Jane"
        " Doe on "
    )
    assert said.endswith(
        " by Sam, so its messages are now read as Jane Doe's, and those sent to it as sent to Jane Doe: on"
        " those, 1 no longer made (request_to_stop on JD/1 line 2), 1 new (impersonation on JD/1 line 2)"
        " (`footprint findings DIR` lists what is left; the audit log says why)"
    )
    assessed = fp("advocate", "assess", str(jane))
    assert assessed.output.splitlines()[0] == said


def test_a_viewer_may_not_attribute_an_account(jane: Path) -> None:
    refused = fp("viewer", "account", "attribute", str(jane), "whatsapp:Jane Doe", "--person", "Jane Doe")
    assert refused.output == (
        "Error: Sam acts as 'viewer', which may read the case but not change it; `footprint account"
        " attribute` changes it: ask the officer in the case (an investigator), a reviewer or a prosecutor"
        " to do it\n"
    )


THREATS = (
    "02/03/2024, 21:14 - Jane Doe: please stop messaging me\n"
    "02/03/2024, 21:20 - Alex Suspect: I will kill you if you go to the police\n"
    "03/03/2024, 09:00 - Alex Suspect: you are a worthless bitch\n"
)


def _said(output: str) -> str:
    """The line saying what a re-attribution changed, its time replaced by WHEN."""
    [said] = [line for line in output.splitlines() if "account whatsapp:" in line]
    return re.sub(r" on \d\d/\d\d/\d{4} \d\d:\d\d:\d\d \w+ \([+-]\d\d:\d\d\) by ", " on WHEN by ", said)


@pytest.fixture
def threats(tmp_path: Path) -> Path:
    """His threat and slur after her request; his account attributed to him, hers to no one, analysed."""
    case = tmp_path / "threats"
    chat = tmp_path / "chat.txt"
    chat.write_text(THREATS, encoding="utf-8")
    for args in (
        ("case", "init", str(case), "--name", "R v Suspect"),
        ("person", "add", str(case), "Jane Doe", "--role", "complainant"),
        ("person", "add", str(case), "Alex Suspect", "--role", "suspect"),
        ("person", "add", str(case), "Sarah Jones", "--role", "witness"),
        ("add", str(case), str(chat), "--producer", "Jane Doe", "--date-order", "dmy"),
        ("account", "attribute", str(case), "whatsapp:Alex Suspect", "--person", "Alex Suspect"),
        ("analyse", str(case)),
    ):
        assert fp("investigator", *args).exit_code == 0, args
    return case


def test_an_account_attributed_to_her_says_what_changed_on_the_messages_sent_to_it(threats: Path) -> None:
    # Only findings on the account's own messages were counted: his messages to it becoming contact after
    # her request, and his threats now "addressed to her", went unsaid.
    mine = fp(
        "investigator", "account", "attribute", str(threats), "whatsapp:Jane Doe", "--person", "Jane Doe",
        "--as-complainant", "--basis", "her phone",
    )  # fmt: skip
    assert mine.exit_code == 0, mine.output
    said = (
        "1 finding(s) no longer count: account whatsapp:Jane Doe was attributed to Jane Doe on WHEN by Sam, so"
        " its messages are now read as Jane Doe's, and those sent to it as sent to Jane Doe: on those, 2 new"
        " (contact_after_request on JD/1 line 2, JD/1 line 3), 3 changed (misogynistic_abuse on JD/1 line 3;"
        " threat_to_kill on JD/1 line 2; threat_violence on JD/1 line 2) (`footprint findings DIR` lists what"
        " is left; the audit log says why)"
    )
    assert _said(fp("investigator", "analyse", str(threats)).output) == said
    assert _said(fp("investigator", "assess", str(threats)).output) == said


def test_an_account_moved_away_from_her_says_what_the_messages_sent_to_it_lost(threats: Path) -> None:
    mine = fp(
        "investigator", "account", "attribute", str(threats), "whatsapp:Jane Doe", "--person", "Jane Doe",
        "--as-complainant",
    )  # fmt: skip
    assert mine.exit_code == 0 and fp("investigator", "analyse", str(threats)).exit_code == 0
    moved = fp(
        "investigator", "account", "attribute", str(threats), "whatsapp:Jane Doe", "--person", "Sarah Jones",
        "--reassign", "--basis", "her sister's phone",
    )  # fmt: skip
    assert moved.exit_code == 0, moved.output
    # nothing on its own message was lost (her request is still read as a request): before, nothing was said
    said = (
        "Findings changed: account whatsapp:Jane Doe was attributed from Jane Doe to Sarah Jones on WHEN by"
        " Sam, so its messages are now read as Sarah Jones's, and those sent to it as sent to Sarah Jones: on"
        " those, 2 no longer made (contact_after_request on JD/1 line 2, JD/1 line 3), 3 changed"
        " (misogynistic_abuse on JD/1 line 3; threat_to_kill on JD/1 line 2; threat_violence on JD/1 line 2)"
        " (`footprint findings DIR` lists what is left; the audit log says why)"
    )
    assert _said(fp("investigator", "analyse", str(threats)).output) == said
    assessed = fp("investigator", "assess", str(threats), "--json")
    assert [_said(c) for c in json.loads(assessed.output)["attribution_changes"]] == [said]
