"""`footprint assess` as text: what a prosecutor reads beside each candidate offence."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
from lawscenario import Scenario, confirm_all, stalking_pattern  # noqa: E402

from footprint.case import Case  # noqa: E402


def test_assess_text_shows_mode_penalty_verification_and_notes(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    # The mode of trial and verification were written in [brackets] and swallowed as console markup.
    stalking_pattern(case)
    confirm_all(case)
    text = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output
    lines = text.splitlines()
    head = lines.index(
        "  Protection from Harassment Act 1997 s.2A — Stalking: evidence supports every element the tool can check"
    )
    assert lines[head + 1] == (
        "    summary only; maximum 51 weeks' imprisonment (6 months until Criminal Justice Act 2003 s.281(5)"
        " is in force) and/or a fine; verification full: elements, penalty and time limit read in primary"
        " text or a verbatim copy"
    )
    assert "    note: Commencement 25 November 2012 rests on a police news item (secondary)." in lines
    assert (
        "    either way; maximum 10 years' imprisonment on indictment for offences on or after Policing and"
        " Crime Act 2017 s.175 came into force (5 years before); verification partial: partly checked:"
        " penalty read in primary text or a verbatim copy; time limit from secondary sources only; elements"
        " and commencement date not checked against any stored source; check the entry's notes before"
        " relying on it"
    ) in lines


def test_assess_text_gives_each_aggravating_features_verification(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    s = Scenario(case)
    s.say("2024-03-01 20:00", "slag", categories=("misogynistic_abuse",))
    s.build()
    text = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output
    assert (
        "  aggravation: Sex is not a protected characteristic for Sentencing Act 2020 s.66 (the Law Commission"
        " advised against adding it and the Government agreed in 2023); misogynistic content still goes to"
        " seriousness, intent and the public interest. A 2026 change is reported but unverified."
        " (verification partial)"
    ) in text.splitlines()


def test_assess_text_says_how_many_items_behind_each_element_a_person_confirmed(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    # "evidenced" rested on unreviewed software findings without a word saying so
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop",))
    s.say(
        "2024-03-02 20:00",
        "I'll break your legs",
        categories=("threat_violence",),
        confirmed=("threat_violence",),
    )
    s.say("2024-03-04 09:00", "I'll stab you", categories=("threat_violence",))
    s.build()
    lines = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output.splitlines()
    assert lines[1] == (
        "Elements rest on software findings, opinions until a person confirms them: each element says of how"
        " many of its items a person confirmed the finding behind that element (`footprint review`)."
    )
    # the second occasion rests on an unreviewed finding alone: indicated, not evidenced
    assert (
        "    - course_of_conduct: indicated — needs a person's review — JD/1 line 2, JD/1 line 3 (1 of 2"
        " confirmed by a person)" in lines
    )
    assert (
        "    - intent_or_awareness: indicated — needs a person's review — JD/1 line 1 (0 of 1 confirmed by a"
        " person)" in lines
    )


def _after_her_request(case: Case) -> Scenario:
    """She asks him to stop; he writes twice after it; the contact-after-request analyser has run."""
    from lawscenario import run_only

    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "answer me")
    s.say("2024-03-04 09:00", "answer me now")
    s.build()
    run_only(case, "contact_after_request")
    return s


def test_a_confirmed_contact_after_her_request_counts_for_the_elements_it_supports(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    # confirming the contact_after_request finding left "persistent_use ... (none confirmed by a person)"
    from footprint.review import decide

    s = _after_her_request(case)
    first = next(f for f in case.store.findings("contact_after_request") if f.item_id == s.item(2))
    decide(case, first.id, "confirm", "he wrote again the next day")
    lines = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output.splitlines()
    assert (
        "    - persistent_use: indicated — needs a person's review — JD/1 line 2, JD/1 line 3 (1 of 2"
        " confirmed by a person)" in lines
    )


def test_the_count_is_of_findings_behind_the_element_not_any_finding_on_the_item(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    # a confirmed insult on the item made it count as confirmed for the threat to kill behind "threat_to_kill"
    s = Scenario(case)
    s.say(
        "2024-03-02 20:00",
        "you pathetic idiot, I'll kill you",
        categories=("insult_harassment", "threat_to_kill"),
        confirmed=("insult_harassment",),
    )
    s.build()
    lines = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output.splitlines()
    assert (
        "    - threat_to_kill: indicated — needs a person's review — JD/1 line 1 (0 of 1 confirmed by a person)"
        in lines
    )


def test_a_dismissed_contact_after_her_request_is_not_conduct(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    # dismissing "contact after her request" left the item in the course of conduct (conduct:any)
    from footprint.review import decide

    _after_her_request(case)
    for f in case.store.findings("contact_after_request"):
        decide(case, f.id, "dismiss", "she had asked him to reply about the children")
    text = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output
    assert "course_of_conduct: evidenced" not in text
    assert "Protection from Harassment Act 1997 s.2 —" not in text


def test_an_element_resting_on_the_items_alone_says_there_is_no_finding_to_confirm(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "you disgusting slag", categories=("misogynistic_abuse",))
    s.build()
    lines = run_cli("assess", str(case.dir), "--as-of", "2024-06-01").output.splitlines()
    assert "    - sends: evidenced — JD/1 line 1 (no software finding to confirm)" in lines


def test_assess_text_gives_each_message_offence_its_own_last_date(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    # s.127(1): one "last date 2027-03-31" was printed for all the menacing messages, though each is its
    # own offence and the first was already out of time.
    s = Scenario(case)
    s.say("2024-03-10 09:00", "I will hurt you", categories=("threat_violence",))
    s.say("2024-03-31 09:00", "you will bleed", categories=("threat_violence",))
    s.build()
    lines = run_cli("assess", str(case.dir), "--as-of", "2027-03-20").output.splitlines()
    assert (
        "    time limit: three years beginning with the day of the offence and six months beginning with the"
        " day the prosecutor had sufficient evidence (Communications Act 2003 s.127(5)); each of the 2"
        " messages is a separate offence with its own last date to charge: the earliest 2027-03-09 (JD/1"
        " line 1), the latest 2027-03-30; 1 of 2"
        " already out of time — 1 incident(s) out of time, 1 near the limit"
    ) in lines
