"""Review decisions: confirm, dismiss or note a finding with a reason, audited and append-only."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.errors import AccessDeniedError, InputError, NotFoundError
from footprint.review import decide, history
from footprint.settings import Settings
from tests.analyse.law.lawscenario import Scenario
from tests.conftest import store_findings


def _finding(case: Case) -> int:
    store_findings(
        case, "labels", [FindingDraft(None, "threat_to_kill", 0.9, "a test finding")], settings_hash="x"
    )
    return case.store.findings()[0].id


def test_confirm_then_dismiss_keeps_both(case: Case) -> None:
    fid = _finding(case)
    decide(case, fid, "confirm", "clear threat in context")
    decide(case, fid, "dismiss", "on reflection, a song lyric")
    assert [(d.decision, d.reason, d.user) for d in history(case, fid)] == [
        ("confirmed", "clear threat in context", "tester"),
        ("dismissed", "on reflection, a song lyric", "tester"),
    ]
    assert case.store.findings()[0].decision == "dismissed"
    entries = [e for e in case.store.audit_entries() if e.action.startswith("review")]
    assert [(e.action, e.object, e.justification) for e in entries] == [
        ("review confirm", f"finding {fid}", "clear threat in context"),
        ("review dismiss", f"finding {fid}", "on reflection, a song lyric"),
    ]
    assert json.loads(entries[0].details)["category"] == "threat_to_kill"


def test_note(case: Case) -> None:
    fid = _finding(case)
    decide(case, fid, "note", "ask her about the date")
    assert [(f.decision, f.noted) for f in case.store.findings()] == [(None, True)]  # a note sets no state


def test_reason_is_required(case: Case) -> None:
    fid = _finding(case)
    with pytest.raises(InputError) as err:
        decide(case, fid, "confirm", "  ")
    assert str(err.value) == (
        "every decision needs a reason (it is kept in the audit log); give one and try again"
    )


def test_unknown_finding(case: Case) -> None:
    with pytest.raises(NotFoundError) as err:
        decide(case, 99, "confirm", "x")
    assert str(err.value) == (
        "no finding 99 in this case; use an id the list of findings shows (`footprint findings DIR`"
        " or the review app)"
    )


def test_unknown_action(case: Case) -> None:
    with pytest.raises(
        InputError, match="decision 'approve' is not known; use one of confirm, dismiss, note"
    ):
        decide(case, _finding(case), "approve", "x")


def test_cli(case: Case, run_cli: Callable[..., Result]) -> None:
    fid = _finding(case)
    result = run_cli("review", str(case.dir), str(fid), "--confirm", "--reason", "agreed")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"finding {fid}: confirmed by tester (decision 1)"
    missing = run_cli("review", str(case.dir), str(fid), "--reason", "agreed")
    assert missing.exit_code == 2
    assert "choose one of --confirm, --dismiss or --note" in missing.output
    both = run_cli("review", str(case.dir), str(fid), "--confirm", "--dismiss", "--reason", "x")
    assert both.exit_code == 2
    assert both.output.splitlines()[-1] == (
        "Error: choose one of --confirm, --dismiss or --note (given: --confirm and --dismiss)"
    )
    assert [d.decision for d in history(case, fid)] == ["confirmed"]  # nothing recorded
    absent = run_cli("review", str(case.dir), "77", "--dismiss", "--reason", "x")
    assert absent.exit_code == 1
    assert "no finding 77 in this case" in absent.output


def test_a_viewer_may_not_decide(case: Case) -> None:
    fid = _finding(case)
    viewer = Case.open(case.dir, Settings(actor="observer", role="viewer", database_url=None))
    with pytest.raises(AccessDeniedError) as caught:
        decide(viewer, fid, "confirm", "looks right")
    assert str(caught.value) == (
        "observer acts as 'viewer', which may read findings but not decide on them;"
        " a reviewer, investigator, prosecutor or advocate must record the decision"
    )
    assert history(case, fid) == []
    viewer.close()


def test_a_finding_replaced_by_a_newer_run_is_not_decided(case: Case) -> None:
    # a reviewer opens finding 1; meanwhile a colleague runs the analysers again (finding 2 replaces it)
    old = _finding(case)
    new = _finding(case)
    assert [f.id for f in case.store.findings()] == [new] != [old]
    before = len(list(case.store.audit_entries()))
    with pytest.raises(NotFoundError) as err:
        decide(case, old, "confirm", "clear threat")
    assert str(err.value) == (
        f"finding {old} was replaced when the analysers ran again, so a decision on it would not"
        " be shown; open the list of findings and decide on the finding that replaced it"
    )
    assert history(case, old) == []
    assert len(list(case.store.audit_entries())) == before
    decide(case, new, "confirm", "clear threat")
    assert case.store.findings()[0].decision == "confirmed"


def _item_finding(case: Case, item_id: int, spans: tuple[tuple[int, int], ...]) -> int:
    draft = FindingDraft(item_id, "threat_to_kill", 0.9, "threat to kill", spans=spans, rule_ids=("t1",))
    store_findings(case, "detect", [draft], version=7)
    return max(f.id for f in case.store.findings())


def test_a_decision_stays_with_the_same_words_when_the_analysers_run_again(case: Case) -> None:
    item = Scenario(case).say("2024-02-13 21:33", "I will kill you").build().item(1)
    old = _item_finding(case, item, ((0, 15),))
    decide(case, old, "dismiss", "a line from a film they both quote")
    new = _item_finding(case, item, ((0, 15),))
    [shown] = case.store.findings()
    assert (shown.id, shown.decision, shown.decided_on) == (new, "dismissed", old)
    assert history(case, new) == []  # nothing is written for the new finding: the decision was made once
    decide(case, new, "confirm", "read again with the messages before it")
    [shown] = case.store.findings()
    assert (shown.decision, shown.decided_on) == ("confirmed", None)


def test_a_decision_on_other_words_does_not_carry(case: Case) -> None:
    item = Scenario(case).say("2024-02-13 21:33", "I will kill you, I will").build().item(1)
    old = _item_finding(case, item, ((0, 15),))
    decide(case, old, "dismiss", "a line from a film")
    _item_finding(case, item, ((0, 23),))
    [shown] = case.store.findings()
    assert (shown.decision, shown.decided_on) == (None, None)


def test_the_findings_list_says_where_a_carried_decision_was_made(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    item = Scenario(case).say("2024-02-13 21:33", "I will kill you").build().item(1)
    old = _item_finding(case, item, ((0, 15),))
    decide(case, old, "dismiss", "a line from a film")
    new = _item_finding(case, item, ((0, 15),))
    result = run_cli("findings", str(case.dir))
    assert result.output.splitlines()[0] == (
        f"#{new} JD/1 line 1 threat_to_kill score 0.90 [detect v7] threat to kill — dismissed"
        f" (decided on #{old}, the same words in an earlier run)"
    )
    [line] = run_cli("findings", str(case.dir), "--json").output.splitlines()
    assert (json.loads(line)["decision"], json.loads(line)["decided_on"]) == ("dismissed", old)


def _breach_after_service(case: Case) -> int:
    """A non-molestation order made on 01/03, served at 09:30 on 04/03, a message at 09:45 that day; the
    order_breach analyser has run: its one finding's id."""
    from footprint.analyse.conduct.orders import add_order
    from tests.analyse.law.lawscenario import HER, HIM, run_only

    Scenario(case).say("2024-03-04 09:45", "you can't stop me").build()
    add_order(
        case, type="non_molestation", made="2024-03-01 10:00", expires=None, protects=HER, against=HIM,
        conditions=["not to contact Jane Doe"], served="2024-03-04 09:30", served_how="personal service",
    )  # fmt: skip
    run_only(case, "order_breach")
    [breach] = case.store.findings("order_breach")
    return breach.id


def test_a_decision_on_a_breach_carries_when_the_analyser_says_the_same_again(case: Case) -> None:
    from tests.analyse.law.lawscenario import run_only

    old = _breach_after_service(case)
    decide(case, old, "confirm", "sent after service")
    run_only(case, "order_breach")
    [shown] = case.store.findings("order_breach")
    assert (shown.id != old, shown.decision, shown.decided_on, shown.earlier_decision) == (
        True,
        "confirmed",
        old,
        None,
    )


def test_a_decision_does_not_carry_to_a_breach_that_now_says_something_different(
    case: Case, run_cli: Callable[..., Result]
) -> None:
    # a breach confirmed while service was recorded at 09:30 stayed "confirmed (decided on #1, the same
    # words in an earlier run)" once service was recorded with a date only and the finding said "check
    # whether it came after he knew of it" (score 0.50): the carry-over key ignored the explanation
    from footprint.analyse.conduct.orders import record_awareness
    from footprint.analyse.law.assess import assess_case
    from tests.analyse.law.lawscenario import element, offences, run_only

    old = _breach_after_service(case)
    decide(case, old, "confirm", "sent after service")
    record_awareness(case, 1, "2024-03-04", "served that day")
    run_only(case, "order_breach")
    [shown] = case.store.findings("order_breach")
    assert "check whether it came after he knew of it" in shown.explanation
    assert (shown.score, shown.decision, shown.decided_on, shown.earlier_decision) == (
        0.5,
        None,
        None,
        (old, "confirmed"),
    )
    line = run_cli("findings", str(case.dir), "--category", "order_breach").output.splitlines()[0]
    assert line.endswith(
        f"— not yet reviewed (finding #{old} of an earlier run, about this item, was confirmed, but it said"
        " something different: that decision does not apply to this one, which needs its own review)"
    )
    [row] = run_cli("findings", str(case.dir), "--category", "order_breach", "--json").output.splitlines()
    assert (json.loads(row)["decision"], json.loads(row)["earlier_decision"]) == (
        None,
        {"finding": old, "decision": "confirmed"},
    )
    from datetime import date

    act = element(offences(assess_case(case, date(2024, 6, 1)))["fla1996_s42a"], "prohibited_act")
    assert act["confirmed"] == {"items": 0, "of": 1, "without_finding": 0}
    from footprint.report import build_report
    from footprint.report.html import render_html
    from footprint.report.schedules import chronology

    model = build_report(case)
    earlier = (
        f"finding #{old} of an earlier run, about this item, was confirmed, but it said something different:"
        " that decision does not apply to this one, which needs its own review"
    )
    assert (
        f"finding {shown.id}: order_breach, score 0.50 (order_breach v{shown.analyser_version};"
        f" unreviewed ({earlier}))"
    ) in (chronology(model))
    assert f"not yet reviewed: {earlier}</td>" in render_html(model)  # the breaches table
