"""Findings recorded by a person: stored with a confirm decision, audited, kept across analyser runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.errors import AccessDeniedError, InputError, NotFoundError
from footprint.integrity.digests import run_details, run_of
from footprint.review import decide, history, record_finding, recordable_categories
from footprint.review.record import parse_span
from footprint.settings import Settings
from footprint.store.finding_numbers import number_digests
from tests.analyse.law.lawscenario import Scenario
from tests.audited import said
from tests.conftest import store_findings
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

TEXT = "pay me £500 or the photos go out"
TAXONOMY = (
    "threat_violence", "threat_to_kill", "threat_sexual", "intimate_image_abuse", "blackmail", "doxxing",
    "monitoring", "coercive_control", "self_harm_encouragement", "sexual_harassment", "misogynistic_abuse",
    "identity_hate", "insult_harassment", "evasion", "request_to_stop", "distress",
)  # fmt: skip


def _item(case: Case, text: str = TEXT) -> int:
    return Scenario(case).say("2024-02-13 21:33", text).build().item(1)


def test_recordable_categories_are_the_taxonomy_then_the_knowledge_bases_own() -> None:
    assert recordable_categories() == (
        *sorted(TAXONOMY),
        "account_access",
        "cyberflashing",
        "false_communication",
        "interception",
        "intimate_image_shared",
        "money_demand",
        "spyware",
        "threat_serious_harm",
        "threat_to_share_image",
        "tracker",
    )


def test_recording_stores_a_confirmed_reviewer_finding_and_audits_it(case: Case) -> None:
    item_id = _item(case)
    recorded = record_finding(case, item_id, "money_demand", "voice note JD/4 at 00:41 demands £500", (7, 11))
    [f] = case.store.findings()
    assert (f.id, f.item_id, f.category, f.score, f.spans) == (
        recorded.finding_id,
        item_id,
        "money_demand",
        1.0,
        ((7, 11),),
    )
    assert (f.analyser, f.analyser_version, f.decision) == ("reviewer", 1, "confirmed")
    assert f.explanation == "recorded by tester (investigator): voice note JD/4 at 00:41 demands £500"
    assert f.details == {
        "recorded_by": "tester",
        "role": "investigator",
        "reason": "voice note JD/4 at 00:41 demands £500",
    }
    [d] = history(case, f.id)
    assert (d.id, d.user, d.decision, d.reason) == (
        recorded.decision_id,
        "tester",
        "confirmed",
        "voice note JD/4 at 00:41 demands £500",
    )
    [entry] = [e for e in case.store.audit_entries() if e.action == "record finding"]
    assert (entry.actor, entry.role, entry.object, entry.justification) == (
        "tester",
        "investigator",
        f"item {item_id}",
        "voice note JD/4 at 00:41 demands £500",
    )
    with case.store.unscoped_engine.connect() as conn:
        stored = run_details(conn, run_of(conn, f.id))  # what it stored, as `verify` recomputes it
        numbers = number_digests(conn)  # none given: no exhibit is hers, so she sees no finding
    assert said(entry) == {
        "category": "money_demand",
        "spans": [[7, 11]],
        "finding_id": f.id,
        "decision_id": d.id,
        "decision": "confirmed",
        **stored,
        "finding_numbers": {"given": 0, "before": numbers, "after": numbers},
    }


def test_without_a_span_the_whole_text_is_the_evidence(case: Case) -> None:
    item_id = _item(case)
    record_finding(case, item_id, "intimate_image_shared", "seen on his story", None)
    assert case.store.findings()[0].spans == ((0, len(TEXT)),)


def test_an_item_without_text_has_no_span(case: Case) -> None:
    item_id = _item(case, "")
    record_finding(case, item_id, "intimate_image_shared", "the photo itself, JD/1 attachment", None)
    assert case.store.findings()[0].spans == ()


def test_recorded_findings_accumulate_and_survive_analyser_runs(case: Case) -> None:
    item_id = _item(case)
    first = record_finding(case, item_id, "money_demand", "demands £500", None)
    store_findings(case, "labels", [FindingDraft(item_id, "blackmail", 0.9, "a test label")])
    second = record_finding(case, item_id, "false_communication", "the claim is untrue", None)
    store_findings(case, "labels", [FindingDraft(item_id, "blackmail", 0.8, "labels again")])
    found = case.store.findings()
    assert sorted((f.analyser, f.category) for f in found) == [
        ("labels", "blackmail"),
        ("reviewer", "false_communication"),
        ("reviewer", "money_demand"),
    ]
    assert {f.id for f in found if f.analyser == "reviewer"} == {first.finding_id, second.finding_id}
    assert [f.explanation for f in found if f.analyser == "labels"] == ["labels again"]


def test_a_recorded_finding_can_be_dismissed_later(case: Case) -> None:
    recorded = record_finding(case, _item(case), "money_demand", "demands £500", None)
    store_findings(case, "labels", [])  # the analysers ran again meanwhile
    decide(case, recorded.finding_id, "dismiss", "the £500 was a debt he was owed")
    assert case.store.findings()[0].decision == "dismissed"


def test_a_viewer_may_not_record(case: Case) -> None:
    item_id = _item(case)
    viewer = Case.open(case.dir, Settings(actor="observer", role="viewer", database_url=None))
    with pytest.raises(AccessDeniedError) as caught:
        record_finding(viewer, item_id, "money_demand", "demands £500", None)
    viewer.close()
    assert str(caught.value) == (
        "observer acts as 'viewer', which may read findings but not record them;"
        " a reviewer, investigator, prosecutor or advocate must record the finding"
    )
    assert case.store.findings() == []


def test_an_unknown_category_is_refused_with_the_allowed_ones(case: Case) -> None:
    with pytest.raises(InputError) as caught:
        record_finding(case, _item(case), "fraud", "x", None)
    assert str(caught.value) == (
        "category 'fraud' cannot be recorded; use one of " + ", ".join(recordable_categories())
    )


def test_an_analysers_own_category_is_refused(case: Case) -> None:
    with pytest.raises(InputError, match="category 'offence_assessment' cannot be recorded"):
        record_finding(case, _item(case), "offence_assessment", "x", None)


def test_an_unknown_item_is_refused(case: Case) -> None:
    _item(case)
    with pytest.raises(NotFoundError) as caught:
        record_finding(case, 99, "money_demand", "x", None)
    assert str(caught.value) == (
        "no item 99 in this case; list them with `footprint items DIR --json` and use the id shown"
    )


@pytest.mark.parametrize("span", [(0, 33), (5, 5), (9, 4), (-1, 3)])
def test_a_span_outside_the_text_is_refused(case: Case, span: tuple[int, int]) -> None:
    item_id = _item(case)
    with pytest.raises(InputError) as caught:
        record_finding(case, item_id, "money_demand", "x", span)
    assert str(caught.value) == (
        f"span {span[0]}:{span[1]} is not within the text of item {item_id} (0:32); give a span START:END"
        " with 0 <= START < END <= 32, or no span to cite the whole text"
    )
    assert case.store.findings() == []


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        (" ", "every recorded finding needs a reason (it is kept in the audit log); give one and try again"),
        ("a\x00b", "a reason may not contain a NUL character; remove it and try again"),
    ],
)
def test_the_reason_is_required_and_without_nul(case: Case, reason: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        record_finding(case, _item(case), "money_demand", reason, None)
    assert str(caught.value) == message


def test_cli(case: Case, run_cli: Callable[..., Result]) -> None:
    item_id = _item(case)
    args = ("record", str(case.dir), str(item_id), "--category", "money_demand")
    done = run_cli(*args, "--reason", "demands £500 [bold]x[/bold]\x1b[2J", "--span", "7:11")
    assert done.exit_code == 0, done.output
    [f] = case.store.findings()
    assert done.output == (
        f"item {item_id}: money_demand recorded by tester as finding {f.id}, confirmed (decision 1)\n"
    )
    listed = run_cli("findings", str(case.dir))
    assert listed.output.splitlines()[0] == (
        f"#{f.id} JD/1 line 1 money_demand [reviewer v1] recorded by tester (investigator): demands"
        " £500 [bold]x[/bold]\\x1b[2J — confirmed"
    )
    as_json = json.loads(run_cli("findings", str(case.dir), "--json").output)
    assert (as_json["analyser"], as_json["spans"], as_json["decision"]) == (
        "reviewer",
        [[7, 11]],
        "confirmed",
    )
    bad_span = run_cli(*args, "--reason", "x", "--span", "8-12")
    assert bad_span.exit_code == 2
    assert "the span must be START:END (character offsets into the item's text), e.g. 7:11" in bad_span.output
    refused = run_cli(*args[:-1], "fraud", "--reason", "x")
    assert refused.exit_code == 1
    assert refused.output.startswith("Error: category 'fraud' cannot be recorded; use one of ")
    assert len(refused.output.strip().splitlines()) == 1
    viewer = run_cli("--role", "viewer", *args, "--reason", "x")
    assert viewer.exit_code == 1
    assert viewer.output.strip() == (
        "Error: tester acts as 'viewer', which may read the case but not change it;"
        " `footprint record` changes it: ask the officer in the case (an investigator), a reviewer or a"
        " prosecutor to do it"
    )
    assert len(case.store.findings()) == 1


def test_analysing_again_keeps_recorded_findings_and_the_assessment_counts_them(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    item_id = _item(case)
    first = run_cli("analyse", str(case.dir))
    assert first.exit_code == 0, first.output
    recorded = record_finding(case, item_id, "money_demand", "voice note JD/4 demands £500", None)
    for _ in range(2):
        again = run_cli("analyse", str(case.dir))
        assert again.exit_code == 0, again.output
        found = case.store.findings()
        assert [(f.id, f.decision) for f in found if f.analyser == "reviewer"] == [
            (recorded.finding_id, "confirmed")
        ]
        [assessment] = [f for f in found if f.category == "offence_assessment"]
        blackmail = next(o for o in assessment.details["offences"] if o["id"] == "ta1968_s21")
        gain = next(e for e in blackmail["elements"] if e["id"] == "gain_or_loss")
        assert (gain["status"], gain["items"]) == ("evidenced", [item_id])  # by id (law v16)


def test_recorded_findings_accumulate_on_postgresql(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    settings = Settings(actor="DC Jane Patel", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    item_id = _item(case)
    first = record_finding(case, item_id, "money_demand", "demands £500", (7, 11))
    store_findings(case, "labels", [FindingDraft(item_id, "blackmail", 0.9, "a test label")])
    second = record_finding(case, item_id, "intimate_image_shared", "posted to his story", None)
    store_findings(case, "labels", [])
    decide(case, first.finding_id, "dismiss", "a debt he was owed")
    assert [(f.id, f.analyser, f.decision) for f in case.store.findings()] == [  # by category
        (second.finding_id, "reviewer", "confirmed"),
        (first.finding_id, "reviewer", "dismissed"),
    ]
    case.close()


def test_the_evidence_may_be_given_by_its_words(case: Case) -> None:
    item_id = _item(case)
    record_finding(case, item_id, "money_demand", "demands money", None, words="  £500 ")
    assert case.store.findings()[0].spans == ((7, 11),)


@pytest.mark.parametrize(
    ("text", "words", "span", "message"),
    [
        (TEXT, "£600", None, "the words '£600' are not in the text of item {id}; copy them exactly from the"
         " message, or give a span START:END"),
        ("pay me, pay me now", "pay me", None, "the words 'pay me' occur 2 times in the text of item {id}"
         " (at 0, 8); give a span START:END to choose one"),
        (TEXT, "£500", (7, 11), "give the evidence as a span (START:END) or by its words, not both"),
    ],
)  # fmt: skip
def test_words_not_in_the_text_or_in_it_twice_are_refused(
    case: Case, text: str, words: str, span: tuple[int, int] | None, message: str
) -> None:
    item_id = _item(case, text)
    with pytest.raises(InputError) as caught:
        record_finding(case, item_id, "money_demand", "x", span, words=words)
    assert str(caught.value) == message.format(id=item_id)
    assert case.store.findings() == []


@pytest.mark.parametrize("value", ["7:11", " 7:11 "])
def test_a_span_is_read_as_start_colon_end(value: str) -> None:
    assert parse_span(value) == (7, 11)


@pytest.mark.parametrize("value", ["8-12", "7:", ":11", "²:3", "7:1²", "-1:3", "1" * 30 + ":2", "7:11:12"])
def test_anything_else_is_refused_as_a_span(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_span(value)
    assert (
        str(caught.value) == "the span must be START:END (character offsets into the item's text), e.g. 7:11"
    )


def test_cli_refuses_a_span_of_other_digits_as_a_usage_error(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    args = ("record", str(case.dir), str(_item(case)), "--category", "money_demand", "--reason", "x")
    done = run_cli(*args, "--span", "²:3")  # str.isdigit() takes "²", which int() refuses
    assert done.exit_code == 2
    assert "the span must be START:END (character offsets into the item's text), e.g. 7:11" in done.output


def test_cli_takes_the_evidence_by_its_words(case: Case, run_cli: Callable[..., Result]) -> None:
    args = ("record", str(case.dir), str(_item(case)), "--category", "money_demand", "--reason", "x")
    assert run_cli(*args, "--words", "£500").exit_code == 0
    assert case.store.findings()[0].spans == ((7, 11),)
    both = run_cli(*args, "--words", "£500", "--span", "7:11")
    assert (both.exit_code, both.output) == (
        1,
        "Error: give the evidence as a span (START:END) or by its words, not both\n",
    )


def test_the_same_finding_recorded_twice_is_refused_once_dismissed_allowed(case: Case) -> None:
    item_id = _item(case)
    first = record_finding(case, item_id, "money_demand", "demands £500", None)
    with pytest.raises(InputError) as err:
        record_finding(case, item_id, "money_demand", "again", None)
    assert str(err.value) == (
        f"item {item_id} already has finding #{first.finding_id} of category 'money_demand' on the same"
        f" words, recorded by {case.settings.actor} (investigator); nothing was added (a second would"
        f" count twice): add a note to #{first.finding_id} instead"
    )
    record_finding(case, item_id, "money_demand", "the £500 words only", (8, 12))  # other words: kept
    decide(case, first.finding_id, "dismiss", "a debt he was owed")
    record_finding(case, item_id, "money_demand", "recorded again after the dismissal", None)
    assert len([f for f in case.store.findings("money_demand")]) == 3
