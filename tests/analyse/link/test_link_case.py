"""The link analyser on a synthetic case: clusters, first reasons, JSON shape, decisions, impersonation."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result

from footprint.analyse.link import review
from footprint.analyse.link.analyser import LinkAnalyser
from footprint.analyse.link.review import accept_link, clusters, reject_link
from footprint.case import Case
from footprint.cli import cli
from footprint.errors import AccessDeniedError, InputError
from footprint.store.links import latest_links

SUSPECT = {"x:dave_hunter", "x:d_hunter88", "sms:+447700900777"}


def _link(case: Case, a: str, b: str):  # type: ignore[no-untyped-def]
    return next(x for x in latest_links(case.store.engine) if {x.a, x.b} == {a, b})


def test_suspect_accounts_cluster_and_unrelated_stay_apart(linked_case: Case) -> None:
    found = clusters(linked_case)
    suspect = next(c for c in found if "x:dave_hunter" in c.accounts)
    assert SUSPECT <= set(suspect.accounts)
    assert suspect.person == "Dave Hunter"
    for other in ("x:margaret_fielding", "x:tom_riverside"):
        assert other not in suspect.accounts
    assert not any({"x:margaret_fielding", "x:tom_riverside"} <= set(c.accounts) for c in found)


def test_shared_phone_or_email_is_the_first_reason(linked_case: Case) -> None:
    link = _link(linked_case, "x:dave_hunter", "x:d_hunter88")
    first = link.evidence["evidence"][0]
    assert first["kind"] == "identifiers"
    assert "+447700900777" in first["reason"]
    assert first["items"] and first["items"][0]["exhibit"] == "JD/1"
    burner = _link(linked_case, "sms:+447700900777", "x:d_hunter88")
    assert burner.evidence["evidence"][0]["kind"] == "identifiers"
    assert link.log10_lr >= 3


def test_link_findings_and_impersonation(linked_case: Case) -> None:
    findings = linked_case.store.findings()
    links = [f for f in findings if f.category == "account_link"]
    assert links and all(f.analyser == "link" and f.model_id for f in links)
    fakes = [f for f in findings if f.category == "impersonation"]
    assert [f.details["account"] for f in fakes] == ["x:jane.doe.official"]
    assert "Jane Doe" in fakes[0].explanation


def test_link_json_shape(linked_case: Case, run_cli: Callable[..., Result]) -> None:
    result = run_cli("link", str(linked_case.dir), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == [
        "clusters",
        "links_not_shown",
        "analyser",
        "analyser_version",
        "tool",
        "tool_version",
    ]
    # the links are the latest link run's: the document names the analyser version that made them
    assert (data["analyser"], data["analyser_version"]) == ("link", LinkAnalyser.version)
    cluster = next(c for c in data["clusters"] if "x:dave_hunter" in c["accounts"])
    assert list(cluster) == ["person", "accounts", "links"]
    link = cluster["links"][0]
    assert list(link) == [
        "id",
        "a",
        "b",
        "score",
        "log10_lr",
        "verbal",
        "abstained",
        "kinds",
        "evidence",
        "kinds_considered",
        "status",
    ]
    assert list(link["evidence"][0]) == ["kind", "reason", "weight_log10", "features", "items"]
    assert list(link["evidence"][0]["items"][0]) == ["account", "exhibit", "locator", "item_id"]
    assert link["status"] == "proposed"
    assert "support" in link["verbal"]


def test_accept_and_reject_are_audited_and_change_attribution(linked_case: Case) -> None:
    case = linked_case
    accounts = {a.key: a for a in case.store.accounts()}
    assert accounts["x:d_hunter88"].person is None
    person = accept_link(case, "x:dave_hunter", "x:d_hunter88", "same phone number in both").person
    assert person == "Dave Hunter"
    account = {a.key: a for a in case.store.accounts()}["x:d_hunter88"]
    assert account.person == "Dave Hunter"
    assert account.basis == "linkage hypothesis accepted by tester: same phone number in both"
    assert _link(case, "x:dave_hunter", "x:d_hunter88").status == "accepted"
    entries = list(case.store.audit_entries())
    assert entries[-1].action == "link accept" and entries[-1].actor == "tester"
    reject_link(case, "x:d_hunter88", "x:dave_hunter", "the number was his brother's")
    assert {a.key: a for a in case.store.accounts()}["x:d_hunter88"].person is None
    assert _link(case, "x:dave_hunter", "x:d_hunter88").status == "rejected"
    last = list(case.store.audit_entries())[-1]
    assert (last.action, last.justification) == ("link reject", "the number was his brother's")


def test_reject_withdraws_what_an_accept_committed_after_it_read_the_link(
    linked_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = linked_case
    stale = _link(case, "x:dave_hunter", "x:d_hunter88")  # read while still proposed ...
    accept_link(case, "x:dave_hunter", "x:d_hunter88", "same phone number in both")  # ... accepted meanwhile
    monkeypatch.setattr(review, "_find_link", lambda *_: stale)
    withdrawn = reject_link(case, "x:dave_hunter", "x:d_hunter88", "the number was his brother's").withdrawn
    assert withdrawn
    assert {a.key: a for a in case.store.accounts()}["x:d_hunter88"].person is None
    assert json.loads(list(case.store.audit_entries())[-1].details)["withdrawn_attributions"] == withdrawn


def test_decisions_survive_a_rerun(linked_case: Case) -> None:
    from footprint.analyse import run_analysers

    reject_link(linked_case, "x:dave_hunter", "x:d_hunter88", "checked: different people")
    run_analysers(linked_case, ["link"], strict=True)
    assert _link(linked_case, "x:dave_hunter", "x:d_hunter88").status == "rejected"
    suspect = next(c for c in clusters(linked_case) if "x:dave_hunter" in c.accounts)
    joined = {(x.a, x.b) for x in suspect.links if x.status != "rejected"}
    assert joined


def test_cli_accept_reject_and_errors(linked_case: Case, run_cli: Callable[..., Result]) -> None:
    d = str(linked_case.dir)
    ok = run_cli(
        "link-accept",
        d,
        "sms:+447700900777",
        "x:d_hunter88",
        "--reason",
        "same number",
        "--person",
        "Dave Hunter",
    )
    assert ok.exit_code == 0, ok.output
    assert "attributed to Dave Hunter" in ok.output
    people = {a.key: a.person for a in linked_case.store.accounts()}
    assert people["sms:+447700900777"] == people["x:d_hunter88"] == "Dave Hunter"
    missing = CliRunner().invoke(
        cli, ["--actor", "tester", "link-accept", d, "x:tom_riverside", "x:jane.doe", "--reason", "x"]
    )
    assert missing.exit_code == 1
    assert "no stored link between 'x:tom_riverside' and 'x:jane.doe'" in missing.output
    # where no link was stored (the same number on two platforms), the way to attribute it directly
    assert (
        "attribute it: `footprint account attribute DIR x:jane.doe --person NAME --basis TEXT`"
        in " ".join(missing.output.split())
    )
    no_person = CliRunner().invoke(
        cli, ["--actor", "tester", "link-accept", d, "sms:+447700900777", "x:dave_hunter", "--reason", " "]
    )
    assert (no_person.exit_code, no_person.output) == (
        1,
        "Error: every decision on a link needs a reason (it is kept in the audit log); give one and try again\n",
    )
    rejected = run_cli("link-reject", d, "sms:+447700900777", "x:d_hunter88", "--reason", "wrong")
    assert rejected.exit_code == 0 and "2 attribution(s) withdrawn" in rejected.output
    human = run_cli("link", d)
    assert human.exit_code == 0 and "Dave Hunter" in human.output and "identifiers" in human.output


def test_a_read_only_role_may_not_accept_or_reject_a_link(linked_case: Case) -> None:
    viewer = linked_case.acting_as("Observer", "viewer")
    before = list(linked_case.store.audit_entries())
    for act in (
        lambda: accept_link(viewer, "x:dave_hunter", "x:d_hunter88", "same phone number in both"),
        lambda: reject_link(viewer, "x:dave_hunter", "x:d_hunter88", "his brother's number"),
    ):
        with pytest.raises(AccessDeniedError) as refused:
            act()
        assert str(refused.value) == (
            "Observer acts as 'viewer', which may read links but not accept or reject them;"
            " a reviewer, investigator, prosecutor or advocate must decide"
        )
    assert _link(linked_case, "x:dave_hunter", "x:d_hunter88").status == "proposed"
    assert {a.key: a.person for a in linked_case.store.accounts()}["x:d_hunter88"] is None
    assert list(linked_case.store.audit_entries()) == before


def test_link_says_how_many_weaker_links_it_does_not_show(
    linked_case: Case, run_cli: Callable[..., Result]
) -> None:
    # the report listed every link; `link` showed only those joining accounts, with no word of the rest
    every = latest_links(linked_case.store.engine)
    shown = {x.id for c in clusters(linked_case) for x in c.links}
    weaker = len([x for x in every if x.id not in shown])
    assert weaker > 0
    text = run_cli("link", str(linked_case.dir)).output
    assert text.splitlines()[-1] == (
        f"{weaker} other link(s), below log10 LR +2.00 or rejected, join no accounts and are not shown;"
        " the report lists every link, and --threshold lowers the bar"
    )
    data = json.loads(run_cli("link", str(linked_case.dir), "--json").output)
    assert data["links_not_shown"] == weaker


def test_link_json_names_the_analyser_version_when_no_link_is_shown(
    linked_case: Case, run_cli: Callable[..., Result]
) -> None:
    data = json.loads(run_cli("link", str(linked_case.dir), "--json", "--threshold", "99").output)
    assert data["links_not_shown"] > 0
    assert (data["analyser"], data["analyser_version"]) == ("link", LinkAnalyser.version)


def test_unknown_people_are_listed_by_number_not_as_text(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    # eleven accounts in weak links only: each its own candidate person; "10" was listed before "2"
    weak = [
        SimpleNamespace(a=f"x:u{n:02d}", b=f"x:u{n + 1:02d}", status="proposed", log10_lr=0.1)
        for n in range(10)
    ]
    monkeypatch.setattr(review, "visible_links", lambda store: weak)
    assert [c.person for c in clusters(case)] == [f"unknown person {n}" for n in range(1, 12)]


def test_accepting_a_link_to_her_account_is_refused_until_she_is_said_to_operate_the_other(
    linked_case: Case, run_cli: Callable[..., Result]
) -> None:
    # the review: accepting "x:jane.doe ~ x:jane.doe.official" attributed a fake profile in her name to her,
    # with no word of warning
    from tests.web.conftest import plant_link

    case, d = linked_case, str(linked_case.dir)
    plant_link(case, "x:jane.doe", "x:jane.doe.official", "names alike", [])
    refused = run_cli("link-accept", d, "x:jane.doe", "x:jane.doe.official", "--reason", "same name")
    assert (refused.exit_code, refused.output) == (
        1,
        "Error: accepting this link attributes x:jane.doe.official to Jane Doe, the complainant: the messages"
        " of x:jane.doe.official would then count as hers, and if it is a fake profile in her name, as her"
        " own words. Accept only if she confirms she operates x:jane.doe.official, and say so"
        ' (`--as-complainant` on the command line, the box "she operates it too" in the review app);'
        " otherwise reject the link\n",
    )
    assert {a.key: a.person for a in case.store.accounts()}["x:jane.doe.official"] is None
    assert _link(case, "x:jane.doe", "x:jane.doe.official").status == "proposed"
    confirmed = run_cli(
        "link-accept", d, "x:jane.doe", "x:jane.doe.official", "--reason", "she set it up", "--as-complainant"
    )
    entry = list(case.store.audit_entries())[-1]
    assert (confirmed.exit_code, confirmed.output) == (
        0,
        f"Accepted: x:jane.doe and x:jane.doe.official attributed to Jane Doe (decision {entry.seq}).\n"
        "Warning: x:jane.doe.official now count(s) as the complainant's own account(s) (confirmed with"
        " --as-complainant; recorded in the audit log).\n",
    )
    details = json.loads(entry.details)
    assert (entry.action, details["as_complainant"], details["attributed"]) == (
        "link accept",
        True,
        ["x:jane.doe.official"],
    )
    assert {a.key: a.person for a in case.store.accounts()}["x:jane.doe.official"] == "Jane Doe"


def test_the_complainant_confirmation_is_refused_where_it_confirms_nothing(linked_case: Case) -> None:
    with pytest.raises(InputError) as refused:
        accept_link(linked_case, "x:dave_hunter", "x:d_hunter88", "same phone", as_complainant=True)
    assert str(refused.value) == (
        "the confirmation that the complainant operates the account (`--as-complainant` on the command line,"
        ' the box "she operates it too" in the review app) is only for a link that attributes an account to'
        " her, but Dave Hunter is not the complainant; accept without it"
    )
    accept_link(linked_case, "x:dave_hunter", "x:d_hunter88", "same phone")
    assert json.loads(list(linked_case.store.audit_entries())[-1].details)["as_complainant"] is False
