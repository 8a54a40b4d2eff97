"""A decision on a link weighed against the latest decision the user saw (``seen``): one recorded since,
by a colleague or by the same form sent twice, refuses it and nothing is recorded."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from footprint.analyse.link.review import LinkDecidedMeanwhileError, accept_link, reject_link
from footprint.case import Case
from footprint.model import AuditEntry
from footprint.store.links import latest_links
from footprint.times import uk_display

A, B = "x:dave_hunter", "x:d_hunter88"


def _decisions(case: Case) -> list[AuditEntry]:
    return [e for e in case.store.audit_entries() if e.action in ("link accept", "link reject")]


def _status(case: Case) -> str:
    return next(x.status for x in latest_links(case.store.engine) if {x.a, x.b} == {A, B})


def test_a_decision_on_a_link_decided_since_it_was_seen_is_refused(linked_case: Case) -> None:
    jane = linked_case.acting_as("DC Jane Patel", "investigator")
    rev = linked_case.acting_as("Rev Two", "reviewer")
    rejected = reject_link(jane, A, B, "the number was his brother's", seen="")
    [entry] = _decisions(linked_case)
    assert rejected.decision == entry.seq
    with pytest.raises(LinkDecidedMeanwhileError) as caught:
        accept_link(rev, A, B, "same phone number in both", seen="")  # he saw no decision
    assert str(caught.value) == (
        f"DC Jane Patel rejected this link at {uk_display(entry.at_utc)}, after you opened it; read it in the"
        " decisions and decide again"
    )
    assert caught.value.http_status == 409 and caught.value.latest == entry
    assert _decisions(linked_case) == [entry] and _status(linked_case) == "rejected"
    assert {a.key: a.person for a in linked_case.store.accounts()}[B] is None
    # having read it, he accepts after all, naming the decision he has now seen
    accepted = accept_link(rev, A, B, "same phone number in both", seen=str(entry.seq))
    assert [e.seq for e in _decisions(linked_case)] == [entry.seq, accepted.decision]
    assert _status(linked_case) == "accepted"


def test_the_same_decision_sent_twice_is_recorded_once(linked_case: Case) -> None:
    accept_link(linked_case, A, B, "same phone number in both", seen="")
    with pytest.raises(LinkDecidedMeanwhileError) as caught:
        accept_link(linked_case, A, B, "same phone number in both", seen="")
    [entry] = _decisions(linked_case)
    assert str(caught.value).startswith(f"tester accepted this link at {uk_display(entry.at_utc)}, after")


def test_link_accept_and_reject_take_seen(linked_case: Case, run_cli: Callable[..., Result]) -> None:
    d = str(linked_case.dir)
    reject_link(linked_case.acting_as("DC Jane Patel", "investigator"), A, B, 'not "him"')
    [entry] = _decisions(linked_case)
    refused = run_cli("link-accept", d, A, B, "--reason", "same phone", "--seen", "0")
    assert (refused.exit_code, refused.output) == (
        1,
        f"Error: link {A} ~ {B}: the latest decision on it is DC Jane Patel's decision {entry.seq} (rejected"
        f' at {entry.at_utc}: "not "him""), not none as --seen says; nothing was recorded: weigh it and'
        f" decide again with --seen {entry.seq}\n",
    )
    assert _decisions(linked_case) == [entry]
    accepted = run_cli("link-accept", d, A, B, "--reason", "same phone", "--seen", str(entry.seq))
    [_, last] = _decisions(linked_case)
    assert (accepted.exit_code, accepted.output) == (
        0,
        f"Accepted: {A} and {B} attributed to Dave Hunter (decision {last.seq}).\n",
    )
    stale = run_cli("link-reject", d, A, B, "--reason", "wrong", "--seen", str(entry.seq))
    assert stale.exit_code == 1 and stale.output.startswith(
        f"Error: link {A} ~ {B}: the latest decision on it is tester's decision {last.seq} (accepted at"
    )
    rejected = run_cli("link-reject", d, A, B, "--reason", "wrong", "--seen", str(last.seq))
    assert (rejected.exit_code, rejected.output) == (
        0,
        f"Rejected: {A} ~ {B} (decision {last.seq + 1}). 1 attribution(s) withdrawn.\n",
    )


def test_seen_naming_a_decision_where_there_is_none_is_refused(
    linked_case: Case, run_cli: Callable[..., Result]
) -> None:
    refused = run_cli("link-reject", str(linked_case.dir), A, B, "--reason", "wrong", "--seen", "7")
    assert (refused.exit_code, refused.output) == (
        1,
        f"Error: link {A} ~ {B} has no decision yet, not decision 7; nothing was recorded: give --seen 0\n",
    )
    assert _decisions(linked_case) == [] and _status(linked_case) == "proposed"
