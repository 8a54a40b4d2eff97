"""`footprint suggestions`: the officer's queue of what an advocate noted and suggested
(``review.suggestions``); the queue itself on SQLite and PostgreSQL (the command line leaves a PostgreSQL
connection to the process's end, as every command does, so it is run on SQLite)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from footprint.analyse.base import FindingDraft
from footprint.analyse.link.review import accept_link, reject_link
from footprint.case import Case
from footprint.cli import cli
from footprint.parties import add_person, attribute_account
from footprint.review import decide, history, record_finding
from footprint.review.suggest import suggest_attribution, suggest_link
from footprint.review.suggestions import AccountSuggestion, suggestion_queue
from footprint.review.supplied import mark_supplied
from footprint.settings import Settings
from footprint.store import schema
from footprint.store.access_rows import access_entries
from tests.conftest import store_findings
from tests.scopecase import ScopeCase, build, scoped_on_each_store
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

#: her note: a terminal escape, rich markup, a line break and a bidi override, each shown inert
HOSTILE = "he wrote \x1b[31m[bold]again[/bold]\nat 3am \u202etxt"
SHOWN = "he wrote \\x1b[31m[bold]again[/bold]⏎at 3am \\u202etxt"


@pytest.fixture
def scoped(tmp_path: Path) -> Iterator[ScopeCase]:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    built = build(case, tmp_path / "inputs")
    yield built
    case.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def on_each_store(request: pytest.FixtureRequest, tmp_path: Path) -> ScopeCase:
    return scoped_on_each_store(request, tmp_path)


def run(scoped: ScopeCase, actor: str, role: str, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--actor", actor, "--role", role, "suggestions", str(scoped.case.dir), *args]
    )


def test_the_queue_holds_her_note_and_suggestion_until_a_deciding_user_decides(scoped: ScopeCase) -> None:
    case, folder = scoped.case, scoped.case.dir
    threat = scoped.visible_findings[1]  # "a threat in her chat", on JD/1 line 1
    ann = case.acting_as("Ann", "advocate")
    decide(ann, threat, "note", HOSTILE)
    suggested = record_finding(ann, scoped.hers[1], "distress", "she was crying", None)
    officer = case.acting_as("DC Ivy", "investigator")
    decide(officer, threat, "note", "ask her when")  # a deciding user's note leaves hers waiting
    noted_at, latest = history(case, threat)[0].at_utc, history(case, threat)[-1].id
    suggested_at = history(case, suggested.finding_id)[0].at_utc
    note_lines = [
        f"{noted_at} Ann (advocate) noted on finding {threat}: threat_violence on JD/1 line 1",
        f'  her note: "{SHOWN}"',
    ]
    suggestion_lines = [
        f"{suggested_at} Ann (advocate) suggested finding {suggested.finding_id}: distress on JD/1 line 2",
        '  words: "please stop contacting me"',
        '  her note: "she was crying"',
    ]
    waiting = run(scoped, "DC Ivy", "investigator")
    assert (waiting.exit_code, waiting.output.splitlines()) == (
        0,
        [
            *note_lines,
            f"  confirm: footprint review {folder} {threat} --confirm --reason TEXT --seen {latest}",
            f"  dismiss: footprint review {folder} {threat} --dismiss --reason TEXT --seen {latest}",
            *suggestion_lines,
            f"  confirm: footprint review {folder} {suggested.finding_id} --confirm --reason TEXT"
            f" --seen {suggested.decision_id}",
            f"  dismiss: footprint review {folder} {suggested.finding_id} --dismiss --reason TEXT"
            f" --seen {suggested.decision_id}",
            "2 waiting for a deciding user; 0 decided since and 0 on findings replaced since (shown with --all)",
        ],
    )
    decide(officer, suggested.finding_id, "confirm", "her statement says so")
    confirmed_at = history(case, suggested.finding_id)[-1].at_utc
    after = run(scoped, "DC Ivy", "reviewer")
    assert after.output.splitlines()[-1] == (
        "1 waiting for a deciding user; 1 decided since and 0 on findings replaced since (shown with --all)"
    )
    assert f"suggested finding {suggested.finding_id}" not in after.output
    every = run(scoped, "DC Ivy", "prosecutor", "--all")
    assert every.output.splitlines()[len(note_lines) + 2 :] == [
        *suggestion_lines,
        f'  confirmed by DC Ivy (investigator) at {confirmed_at}: "her statement says so"',
        "1 waiting for a deciding user; 1 decided since and 0 on findings replaced since",
    ]
    rows = [
        json.loads(line)
        for line in run(scoped, "DC Ivy", "investigator", "--all", "--json").output.splitlines()
    ]
    assert rows == [
        {
            "state": "waiting",
            "kind": "note",
            "by": "Ann",
            "role": "advocate",
            "at_utc": noted_at,
            "note": HOSTILE,
            "noted_on": threat,
            "finding_id": threat,
            "category": "threat_violence",
            "exhibit": "JD/1",
            "locator": "line 1",
            "words": "",
            "latest_decision": latest,
            "decided": None,
            "confirm": f"footprint review {folder} {threat} --confirm --reason TEXT --seen {latest}",
            "dismiss": f"footprint review {folder} {threat} --dismiss --reason TEXT --seen {latest}",
        },
        {
            "state": "decided",
            "kind": "suggested finding",
            "by": "Ann",
            "role": "advocate",
            "at_utc": suggested_at,
            "note": "she was crying",
            "noted_on": suggested.finding_id,
            "finding_id": suggested.finding_id,
            "category": "distress",
            "exhibit": "JD/1",
            "locator": "line 2",
            "words": "please stop contacting me",
            "latest_decision": history(case, suggested.finding_id)[-1].id,
            "decided": {
                "by": "DC Ivy",
                "role": "investigator",
                "decision": "confirmed",
                "reason": "her statement says so",
                "at_utc": confirmed_at,
            },
        },
    ]


REFUSED = (
    "Error: the queue of what advocates noted and suggested is not shown to a user acting as 'advocate': that"
    " role sees only the exhibits the complainant supplied, and 1 exhibit(s) in this case were not supplied by"
    " her. It is for the officer in the case (an investigator), a reviewer or a prosecutor to weigh them; her"
    " own notes and suggestions are shown on the findings she sees (`footprint findings DIR`, or the review"
    " app)\n"
)


def test_the_queue_is_refused_to_an_advocate_and_a_viewer_and_each_read_is_logged(scoped: ScopeCase) -> None:
    decide(scoped.case.acting_as("Ann", "advocate"), scoped.visible_findings[1], "note", "he sent it twice")
    refused = run(scoped, "Ann", "advocate")
    assert (refused.exit_code, refused.output) == (1, REFUSED)
    viewer = run(scoped, "Vic", "viewer", "--all")
    assert (viewer.exit_code, viewer.output) == (
        1,
        "Error: Vic acts as 'viewer', which may read findings but not decide on them; the queue of what"
        " advocates noted and suggested is for the officer in the case (an investigator), a reviewer or a"
        " prosecutor, who confirm or dismiss them\n",
    )
    assert run(scoped, "DC Ivy", "investigator", "--json").exit_code == 0
    with scoped.case.store.unscoped_engine.connect() as conn:
        logged = [
            (e.actor, e.role, e.command, e.arguments, e.lines_shown, e.outcome)
            for e in access_entries(conn, None)
        ]
    assert logged == [
        ("Ann", "advocate", "suggestions", "{}", 0, "error"),
        ("Vic", "viewer", "suggestions", '{"--all": true}', 0, "error"),
        ("DC Ivy", "investigator", "suggestions", '{"--json": true}', 1, "ok"),
    ]


def test_a_note_follows_its_finding_made_again_and_is_set_apart_once_replaced(scoped: ScopeCase) -> None:
    case, (h1, h2), (p1, _) = scoped.case, scoped.hers, scoped.police
    threat = scoped.visible_findings[1]
    decide(case.acting_as("Ann", "advocate"), threat, "note", "he sent it twice")
    noted_at = history(case, threat)[0].at_utc
    drafts = [
        FindingDraft(h1, "threat_violence", 0.9, "a threat in her chat"),
        FindingDraft(h2, "request_to_stop", 0.8, "she asks him to stop"),
        FindingDraft(p1, "threat_violence", 0.7, "police-only finding"),
    ]
    store_findings(case, "detect", drafts)  # the same claims again: her note carries to the new finding
    again = next(f for f in case.store.findings() if f.item_id == h1 and f.category == "threat_violence")
    shown = run(scoped, "DC Ivy", "investigator")
    assert shown.output.splitlines()[0] == (
        f"{noted_at} Ann (advocate) noted on finding {again.id} (made on #{threat} of an earlier run):"
        " threat_violence on JD/1 line 1"
    )
    assert f"footprint review {case.dir} {again.id} --confirm --reason TEXT --seen 1" in shown.output
    store_findings(
        case, "detect", [FindingDraft(h1, "threat_violence", 0.6, "reads it otherwise"), *drafts[1:]]
    )
    gone = run(scoped, "DC Ivy", "investigator", "--all")
    assert gone.output.splitlines() == [
        f"{noted_at} Ann (advocate) noted on finding {threat}, since replaced: the analysers ran again and no"
        " longer assert it",
        '  her note: "he sent it twice"',
        "0 waiting for a deciding user; 0 decided since and 1 on findings replaced since",
    ]


def test_the_queue_on_each_store(on_each_store: ScopeCase) -> None:
    case = on_each_store.case
    threat = on_each_store.visible_findings[1]
    ann = case.acting_as("Ann", "advocate")
    decide(ann, threat, "note", HOSTILE)
    suggested = record_finding(ann, on_each_store.hers[1], "distress", "she was crying", None)
    officer = case.acting_as("DC Ivy", "reviewer")
    decide(officer, threat, "note", "ask her")
    decide(officer, suggested.finding_id, "dismiss", "not in her statement")
    queue = suggestion_queue(case.acting_as("DC Ivy", "prosecutor"))
    assert [
        (s.note.user, s.role, s.suggested, s.note.reason, s.finding and s.finding.id, s.words, s.state)
        for s in queue.entries
    ] == [
        ("Ann", "advocate", False, HOSTILE, threat, "", "waiting"),
        (
            "Ann",
            "advocate",
            True,
            "she was crying",
            suggested.finding_id,
            "please stop contacting me",
            "decided",
        ),
    ]
    decided = queue.entries[1].decided
    assert decided is not None and (decided.role, decided.decision.decision, decided.decision.user) == (
        "reviewer",
        "dismissed",
        "DC Ivy",
    )
    assert [s.note.reason for s in queue.shown(everything=False)] == [HOSTILE]


def _suggest(scoped: ScopeCase, actor: str, role: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--actor", actor, "--role", role, *args])


def test_she_suggests_a_link_and_an_attribution_and_the_officer_sees_each_with_its_command(
    scoped: ScopeCase,
) -> None:
    case, folder = scoped.case, scoped.case.dir
    add_person(case, "Craig Smith", "suspect")
    link = _suggest(
        scoped, "Ann", "advocate", "link-suggest", str(folder), "whatsapp:Jane Doe", "whatsapp:Craig Smith",
        "--note", HOSTILE,
    )  # fmt: skip
    assert (link.exit_code, link.output) == (
        0,
        "Suggested link 1: whatsapp:Jane Doe ~ whatsapp:Craig Smith; it waits for a deciding user (`footprint"
        " suggestions`).\n",
    )
    attribution = _suggest(
        scoped, "Ann", "advocate", "account", "suggest", str(folder), "whatsapp:Craig Smith",
        "--person", "Craig Smith", "--note", "his photo",
    )  # fmt: skip
    assert (attribution.exit_code, attribution.output) == (
        0,
        "Suggested attribution 2: whatsapp:Craig Smith to Craig Smith; it waits for a deciding user (`footprint"
        " suggestions`).\n",
    )
    linked_at, attributed_at = (r.at_utc for r in _rows(case))
    waiting = run(scoped, "DC Ivy", "investigator")
    assert (waiting.exit_code, waiting.output.splitlines()) == (
        0,
        [
            f"{linked_at} Ann (advocate) suggested link 1: whatsapp:Jane Doe ~ whatsapp:Craig Smith",
            f'  her note: "{SHOWN}"',
            f"  accept: footprint link-accept {folder} 'whatsapp:Jane Doe' 'whatsapp:Craig Smith' --reason TEXT",
            f"  reject: footprint link-reject {folder} 'whatsapp:Jane Doe' 'whatsapp:Craig Smith' --reason TEXT",
            f"{attributed_at} Ann (advocate) suggested attribution 2: whatsapp:Craig Smith to Craig Smith",
            '  her note: "his photo"',
            f"  attribute: footprint account attribute {folder} 'whatsapp:Craig Smith' --person 'Craig Smith'"
            " --basis TEXT",
            "2 waiting for a deciding user; 0 decided since and 0 on findings replaced since (shown with --all)",
        ],
    )
    officer = case.acting_as("DC Ivy", "investigator")
    reject_link(officer, "whatsapp:Craig Smith", "whatsapp:Jane Doe", "two people")
    add_person(case, "Mark Jones", "other")
    attribute_account(officer, "whatsapp:Craig Smith", "Mark Jones", "the download")
    rejected, attributed = (
        e for e in case.store.audit_entries() if e.action in ("link reject", "account attribute")
    )
    every = run(scoped, "DC Ivy", "reviewer", "--all")
    assert every.output.splitlines() == [
        f"{linked_at} Ann (advocate) suggested link 1: whatsapp:Jane Doe ~ whatsapp:Craig Smith",
        f'  her note: "{SHOWN}"',
        f'  rejected by DC Ivy (investigator) at {rejected.at_utc}: "two people"',
        f"{attributed_at} Ann (advocate) suggested attribution 2: whatsapp:Craig Smith to Craig Smith",
        '  her note: "his photo"',
        f'  attributed to Mark Jones by DC Ivy (investigator) at {attributed.at_utc}: "the download" (not as she'
        " suggested)",
        "0 waiting for a deciding user; 2 decided since and 0 on findings replaced since",
    ]
    rows = [json.loads(x) for x in run(scoped, "DC Ivy", "prosecutor", "--all", "--json").output.splitlines()]
    assert rows == [
        {
            "state": "decided",
            "kind": "suggested link",
            "by": "Ann",
            "role": "advocate",
            "at_utc": linked_at,
            "note": HOSTILE,
            "suggestion_id": 1,
            "accounts": ["whatsapp:Jane Doe", "whatsapp:Craig Smith"],
            "person": None,
            "link_stored": True,
            "person_in_case": None,
            "decided": {
                "by": "DC Ivy",
                "role": "investigator",
                "decision": "rejected",
                "reason": "two people",
                "at_utc": rejected.at_utc,
                "account": None,
                "person": None,
                "as_suggested": False,
            },
        },
        {
            "state": "decided",
            "kind": "suggested attribution",
            "by": "Ann",
            "role": "advocate",
            "at_utc": attributed_at,
            "note": "his photo",
            "suggestion_id": 2,
            "accounts": ["whatsapp:Craig Smith"],
            "person": "Craig Smith",
            "link_stored": None,
            "person_in_case": None,
            "decided": {
                "by": "DC Ivy",
                "role": "investigator",
                "decision": "attributed",
                "reason": "the download",
                "at_utc": attributed.at_utc,
                "account": "whatsapp:Craig Smith",
                "person": "Mark Jones",
                "as_suggested": False,
            },
        },
    ]


def test_a_link_without_a_stored_one_is_decided_by_attributing_both(scoped: ScopeCase) -> None:
    case, folder = scoped.case, scoped.case.dir
    mark_supplied(case, "PC/1", "she was sent it")  # she sees every account
    add_person(case, "Craig Smith", "suspect")
    _suggest(
        scoped, "Ann", "advocate", "link-suggest", str(folder), "whatsapp:Mark Jones", "whatsapp:Jane Doe",
        "--note", "same writing",
    )  # fmt: skip
    waiting = run(scoped, "DC Ivy", "investigator", "--json")
    [row] = [json.loads(x) for x in waiting.output.splitlines()]
    assert {k: row[k] for k in ("state", "link_stored", "attribute_a", "attribute_b")} == {
        "state": "waiting",
        "link_stored": False,
        "attribute_a": f"footprint account attribute {folder} 'whatsapp:Mark Jones' --person NAME --basis TEXT",
        "attribute_b": f"footprint account attribute {folder} 'whatsapp:Jane Doe' --person NAME --basis TEXT",
    }
    assert run(scoped, "DC Ivy", "investigator").output.splitlines()[2:5] == [
        "  no link between them is stored (the linkage analyser did not pair them): attribute both",
        f"  attribute: footprint account attribute {folder} 'whatsapp:Mark Jones' --person NAME --basis TEXT",
        f"  attribute: footprint account attribute {folder} 'whatsapp:Jane Doe' --person NAME --basis TEXT",
    ]
    officer = case.acting_as("DC Ivy", "investigator")
    attribute_account(officer, "whatsapp:Jane Doe", "Craig Smith", "his phone")
    attribute_account(officer, "whatsapp:Mark Jones", "Craig Smith", "his other phone")
    last = list(case.store.audit_entries())[-1]
    assert run(scoped, "DC Ivy", "investigator", "--all").output.splitlines()[2] == (
        f'  attributed whatsapp:Mark Jones to Craig Smith by DC Ivy (investigator) at {last.at_utc}: "his'
        " other phone\" (both accounts are now Craig Smith's, as she suggested)"
    )


def test_an_account_she_cannot_see_is_refused_at_the_command_line_as_an_unknown_one(
    scoped: ScopeCase,
) -> None:
    folder = str(scoped.case.dir)
    for key in ("whatsapp:Mark Jones", "whatsapp:Nobody"):
        link = _suggest(
            scoped, "Ann", "advocate", "link-suggest", folder, "whatsapp:Jane Doe", key, "--note", "n"
        )
        attribution = _suggest(
            scoped,
            "Ann",
            "advocate",
            "account",
            "suggest",
            folder,
            key,
            "--person",
            "Craig Smith",
            "--note",
            "n",
        )
        refusal = (
            f"Error: no account '{key}' in this case; accounts: whatsapp:Craig Smith, whatsapp:Jane Doe\n"
        )
        assert (link.exit_code, link.output) == (attribution.exit_code, attribution.output) == (1, refusal)
    assert _rows(scoped.case) == []


def _rows(case: Case) -> list[Any]:
    with case.store.engine.connect() as conn:
        return list(conn.execute(select(schema.suggestion).order_by(schema.suggestion.c.id)))


def test_her_suggested_link_and_attribution_on_each_store(on_each_store: ScopeCase) -> None:
    case = on_each_store.case
    add_person(case, "Craig Smith", "suspect")
    ann = case.acting_as("Ann", "advocate")
    suggest_link(ann, "whatsapp:Jane Doe", "whatsapp:Craig Smith", HOSTILE)
    suggest_attribution(ann, "whatsapp:Craig Smith", "Craig Smith", "his photo")
    officer = case.acting_as("DC Ivy", "reviewer")
    accept_link(officer, "whatsapp:Craig Smith", "whatsapp:Jane Doe", "her statement", person="Craig Smith")
    queue = suggestion_queue(case.acting_as("DC Ivy", "prosecutor"))
    assert [
        (
            s.suggestion.kind,
            s.suggestion.note,
            s.state,
            s.decided and (s.decided.decision, s.decided.account, s.decided.person, s.decided.as_suggested),
        )
        for s in queue.entries
        if isinstance(s, AccountSuggestion)
    ] == [
        ("link", HOSTILE, "decided", ("accepted", None, "Craig Smith", True)),
        ("attribution", "his photo", "decided", ("attributed", "whatsapp:Craig Smith", "Craig Smith", True)),
    ]


def test_she_suggests_someone_not_yet_in_the_case_and_the_officer_adds_and_attributes(
    scoped: ScopeCase,
) -> None:
    case, folder = scoped.case, scoped.case.dir
    add_person(case, "Craig Smith", "suspect")
    hostile = "Lee \u00abthe cousin\u00bb [bold]Brown[/bold]"  # rich markup in a name, shown inert
    made = _suggest(
        scoped, "Ann", "advocate", "account", "suggest", str(folder), "whatsapp:Jane Doe",
        "--new-person", hostile, "--note", "his cousin's phone",
    )  # fmt: skip
    assert (made.exit_code, made.output) == (
        0,
        f"Suggested attribution 1: whatsapp:Jane Doe to {hostile}, a name you typed (not one of the people you"
        " are shown); it waits for a"
        " deciding user (`footprint suggestions`).\n",
    )
    [row] = _rows(case)
    at = row.at_utc
    quoted = "'Lee «the cousin» [bold]Brown[/bold]'"
    waiting = run(scoped, "DC Ivy", "investigator")
    assert (waiting.exit_code, waiting.output.splitlines()) == (
        0,
        [
            f"{at} Ann (advocate) suggested attribution 1: whatsapp:Jane Doe to {hostile}, a name she typed (not"
            " one of the people she was shown)",
            '  her note: "his cousin\'s phone"',
            f"  {hostile} is not in the case yet: add them (choose their role), then attribute it",
            f"  add: footprint person add {folder} {quoted} --role ROLE",
            f"  attribute: footprint account attribute {folder} 'whatsapp:Jane Doe' --person {quoted} --basis TEXT",
            "1 waiting for a deciding user; 0 decided since and 0 on findings replaced since (shown with --all)",
        ],
    )
    [listed] = [json.loads(x) for x in run(scoped, "DC Ivy", "investigator", "--json").output.splitlines()]
    assert listed == {
        "state": "waiting",
        "kind": "suggested new person",
        "by": "Ann",
        "role": "advocate",
        "at_utc": at,
        "note": "his cousin's phone",
        "suggestion_id": 1,
        "accounts": ["whatsapp:Jane Doe"],
        "person": hostile,
        "link_stored": None,
        "person_in_case": False,
        "decided": None,
        "add_person": f"footprint person add {folder} {quoted} --role ROLE",
        "attribute": f"footprint account attribute {folder} 'whatsapp:Jane Doe' --person {quoted} --basis TEXT",
    }
    add_person(case, hostile, "witness")
    attribute_account(case.acting_as("DC Ivy", "investigator"), "whatsapp:Jane Doe", hostile, "his statement")
    attributed = list(case.store.audit_entries())[-1]
    assert run(scoped, "DC Ivy", "reviewer", "--all").output.splitlines()[2:] == [
        f'  attributed to {hostile} by DC Ivy (investigator) at {attributed.at_utc}: "his statement" (as she'
        " suggested)",
        "0 waiting for a deciding user; 1 decided since and 0 on findings replaced since",
    ]


@pytest.mark.parametrize("names", [(), ("--person", "Craig Smith", "--new-person", "Lee Brown")])
def test_she_names_a_person_in_the_case_or_a_new_one_not_both(
    scoped: ScopeCase, names: tuple[str, ...]
) -> None:
    refused = _suggest(
        scoped, "Ann", "advocate", "account", "suggest", str(scoped.case.dir), "whatsapp:Jane Doe", *names,
        "--note", "his",
    )  # fmt: skip
    assert refused.exit_code == 2
    assert refused.output.splitlines()[-1] == (
        "Error: name whose account it is with --person NAME (someone in the case) or --new-person NAME"
        " (someone not yet in it), one of the two"
    )
    assert _rows(scoped.case) == []


def test_a_new_person_she_may_not_be_shown_is_unknown_by_name_and_taken_as_a_new_name(
    scoped: ScopeCase,
) -> None:
    add_person(scoped.case, "Mark Jones", "other")  # known only from the police chat
    said = [
        _suggest(
            scoped,
            "Ann",
            "advocate",
            "account",
            "suggest",
            str(scoped.case.dir),
            "whatsapp:Jane Doe",
            flag,
            "Mark Jones",
            "--note",
            "his",
        )  # fmt: skip
        for flag in ("--person", "--new-person")
    ]
    refusal = "Error: no person called 'Mark Jones' in this case; known: none (add one with `footprint person add`)\n"
    taken = (
        "Suggested attribution 1: whatsapp:Jane Doe to Mark Jones, a name you typed (not one of the people you"
        " are shown); it waits for a deciding user (`footprint suggestions`).\n"
    )
    assert [(r.exit_code, r.output) for r in said] == [(1, refusal), (0, taken)]  # as for a name nobody holds
    assert [(r.kind, r.person) for r in _rows(scoped.case)] == [("new person", "Mark Jones")]
    queue = run(scoped, "DC Ivy", "investigator").output.splitlines()
    assert queue[2:4] == [
        "  Mark Jones is a person in the case (added since, or one she may not be shown): attribute it to them if"
        " she meant them",
        f"  attribute: footprint account attribute {scoped.case.dir} 'whatsapp:Jane Doe' --person 'Mark Jones'"
        " --basis TEXT",
    ]
