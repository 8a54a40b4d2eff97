"""An advocate's suggested link or attribution (``review.suggest``): a ``suggestion`` row and its audit
entry, refused for an account she cannot see exactly as for an unknown one, and refused to the roles that
decide; and where each stands in the officer's queue (``review.suggestions``) once a deciding user acts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from footprint.analyse.link.review import accept_link, reject_link
from footprint.case import Case
from footprint.errors import AccessDeniedError, InputError, NotFoundError
from footprint.parties import add_person, attribute_account, visible_persons
from footprint.review.suggest import suggest_attribution, suggest_link, suggest_new_person
from footprint.review.suggestions import AccountSuggestion, suggestion_queue
from footprint.review.supplied import mark_supplied
from footprint.settings import Settings
from footprint.store import schema
from tests.scopecase import ScopeCase, build

CRAIG, JANE, MARK = "whatsapp:Craig Smith", "whatsapp:Jane Doe", "whatsapp:Mark Jones"
#: what an advocate is told of an account she cannot see, and of one the case does not hold
NOT_HERS = "no account {key!r} in this case; accounts: whatsapp:Craig Smith, whatsapp:Jane Doe"


@pytest.fixture
def scoped(tmp_path: Path) -> Iterator[ScopeCase]:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    built = build(case, tmp_path / "inputs")
    add_person(case, "Craig Smith", "suspect")
    add_person(case, "Mark Jones", "other")
    yield built
    case.close()


def _ann(scoped: ScopeCase) -> Case:
    return scoped.case.acting_as("Ann", "advocate")


def _officer(scoped: ScopeCase) -> Case:
    return scoped.case.acting_as("DC Ivy", "investigator")


def _account_entries(case: Case) -> list[AccountSuggestion]:
    return [s for s in suggestion_queue(case).entries if isinstance(s, AccountSuggestion)]


def test_her_suggestions_are_rows_with_audit_entries_while_material_is_withheld(scoped: ScopeCase) -> None:
    case, ann = scoped.case, _ann(scoped)
    assert case.store.withheld() == 0 and ann.store.withheld() == 1
    assert suggest_link(ann, JANE, CRAIG, "  same phone in both  ") == 1
    assert suggest_attribution(ann, CRAIG, "Craig Smith", "his photo") == 2
    with case.store.engine.connect() as conn:
        rows = [
            tuple(r)[:-1] for r in conn.execute(select(schema.suggestion).order_by(schema.suggestion.c.id))
        ]
    assert rows == [
        (1, "link", JANE, CRAIG, None, "Ann", "advocate", "same phone in both"),
        (2, "attribution", CRAIG, None, "Craig Smith", "Ann", "advocate", "his photo"),
    ]
    entries = list(case.store.audit_entries())[-2:]
    assert [
        (e.actor, e.role, e.action, e.object, e.justification, json.loads(e.details) | {"tool_version": ""})
        for e in entries
    ] == [
        (
            "Ann",
            "advocate",
            "link suggest",
            f"{JANE} ~ {CRAIG}",
            "same phone in both",
            {"suggestion_id": 1, "kind": "link", "account_a": JANE, "account_b": CRAIG, "tool_version": ""},
        ),
        (
            "Ann",
            "advocate",
            "account suggest",
            CRAIG,
            "his photo",
            {
                "suggestion_id": 2,
                "kind": "attribution",
                "account_a": CRAIG,
                "person": "Craig Smith",
                "tool_version": "",
            },
        ),
    ]


def test_an_account_she_cannot_see_is_refused_exactly_as_an_unknown_one(scoped: ScopeCase) -> None:
    ann, before = _ann(scoped), len(list(scoped.case.store.audit_entries()))
    refusals = []
    for key in (MARK, "whatsapp:Nobody"):
        with pytest.raises(NotFoundError) as link_refused:
            suggest_link(ann, CRAIG, key, "same man")
        with pytest.raises(NotFoundError) as attribution_refused:
            suggest_attribution(ann, key, "Craig Smith", "his")
        assert str(link_refused.value) == str(attribution_refused.value) == NOT_HERS.format(key=key)
        refusals.append(str(link_refused.value).replace(key, "KEY"))
    assert refusals[0] == refusals[1]  # nothing tells her the first exists
    assert len(list(scoped.case.store.audit_entries())) == before


def test_a_person_her_material_does_not_show_is_refused_exactly_as_an_unknown_one(scoped: ScopeCase) -> None:
    # the refusal had named every person in the case, Mark Jones (known only from the police chat) too
    ann, before = _ann(scoped), len(list(scoped.case.store.audit_entries()))
    said = []
    for name in ("Mark Jones", "Someone Else"):
        with pytest.raises(NotFoundError) as refused:
            suggest_attribution(ann, CRAIG, name, "his")
        assert str(refused.value) == (
            f"no person called {name!r} in this case; known: Craig Smith (add one with `footprint person add`)"
        )
        said.append(str(refused.value).replace(name, "NAME"))
    assert said[0] == said[1]
    assert len(list(scoped.case.store.audit_entries())) == before
    # the complainant, and whoever an account she sees is attributed to, are hers to name too
    add_person(scoped.case, "Jane Doe", "complainant")
    attribute_account(_officer(scoped), JANE, "Mark Jones", "the download")
    assert [p.name for p in visible_persons(ann)] == ["Craig Smith", "Jane Doe", "Mark Jones"]
    mark_supplied(scoped.case, "PC/1", "hers after all")  # nothing withheld: everyone in the case
    add_person(scoped.case, "Lee Witness", "witness")
    assert [p.name for p in visible_persons(ann)] == ["Craig Smith", "Jane Doe", "Lee Witness", "Mark Jones"]


def test_bad_suggestions_are_refused_and_record_nothing(scoped: ScopeCase) -> None:
    ann, before = _ann(scoped), len(list(scoped.case.store.audit_entries()))
    with pytest.raises(InputError) as same:
        suggest_link(ann, CRAIG, CRAIG, "one account")
    assert (
        str(same.value) == "'whatsapp:Craig Smith' is named twice; a link is between two different accounts"
    )
    with pytest.raises(NotFoundError) as nobody:
        suggest_attribution(ann, CRAIG, "Someone Else", "his")
    assert str(nobody.value) == (
        "no person called 'Someone Else' in this case; known: Craig Smith (add one with `footprint person add`)"
    )
    with pytest.raises(InputError) as empty:
        suggest_link(ann, CRAIG, JANE, "   ")
    assert (
        str(empty.value)
        == "every suggestion needs a reason (it is kept in the audit log); give one and try again"
    )
    assert len(list(scoped.case.store.audit_entries())) == before


def test_the_roles_that_decide_and_a_viewer_are_refused(scoped: ScopeCase) -> None:
    officer = _officer(scoped)
    with pytest.raises(AccessDeniedError) as link:
        suggest_link(officer, CRAIG, JANE, "same man")
    assert str(link.value) == (
        "DC Ivy acts as 'investigator', which decides on a link itself rather than suggesting one: accept or"
        " reject the link with `footprint link-accept DIR A B --reason TEXT` or `footprint link-reject DIR A B"
        " --reason TEXT` (two accounts the linkage analyser did not pair: attribute both to the person with"
        " `footprint account attribute`). A suggestion is an advocate's, waiting for a deciding user in"
        " `footprint suggestions`"
    )
    with pytest.raises(AccessDeniedError) as attribution:
        suggest_attribution(scoped.case.acting_as("Pat", "prosecutor"), CRAIG, "Craig Smith", "his")
    assert str(attribution.value) == (
        "Pat acts as 'prosecutor', which decides on an attribution itself rather than suggesting one: attribute"
        " the account with `footprint account attribute DIR KEY --person NAME --basis TEXT`. A suggestion is"
        " an advocate's, waiting for a deciding user in `footprint suggestions`"
    )
    with pytest.raises(AccessDeniedError) as viewer:
        suggest_link(scoped.case.acting_as("Vic", "viewer"), CRAIG, JANE, "same man")
    assert str(viewer.value) == (
        "Vic acts as 'viewer', which may read the case but not suggest a link; an advocate suggests one for"
        " the officer in the case (an investigator), a reviewer or a prosecutor to decide"
    )


def test_a_link_waits_until_a_deciding_user_accepts_or_rejects_the_pair(scoped: ScopeCase) -> None:
    ann, officer = _ann(scoped), _officer(scoped)
    suggest_link(ann, JANE, CRAIG, "same phone")
    [waiting] = _account_entries(scoped.case)
    assert (waiting.state, waiting.link_stored, waiting.decided) == ("waiting", True, None)
    reject_link(officer, CRAIG, JANE, "different people")
    [rejected] = _account_entries(scoped.case)
    assert rejected.decided is not None
    assert (rejected.state, rejected.decided.decision, rejected.decided.reason) == (
        "decided",
        "rejected",
        "different people",
    )
    assert (rejected.decided.person, rejected.decided.as_suggested, rejected.decided.entry.actor) == (
        None,
        False,
        "DC Ivy",
    )
    suggest_link(ann, CRAIG, JANE, "she is sure")  # a second suggestion after the rejection waits again
    assert [s.state for s in _account_entries(scoped.case)] == ["decided", "waiting"]
    accept_link(officer, CRAIG, JANE, "her statement", person="Craig Smith")
    decided = [s.decided for s in _account_entries(scoped.case)]
    assert [(d.decision, d.person, d.as_suggested) for d in decided if d] == [
        ("accepted", "Craig Smith", True),
        ("accepted", "Craig Smith", True),
    ]


def test_an_attribution_is_decided_by_the_next_attribution_of_the_account_to_anyone(
    scoped: ScopeCase,
) -> None:
    ann = _ann(scoped)
    suggest_attribution(ann, CRAIG, "Craig Smith", "his photo")
    attribute_account(_officer(scoped), CRAIG, "Mark Jones", "the police download")
    [decided] = _account_entries(scoped.case)
    assert decided.decided is not None
    assert (decided.decided.decision, decided.decided.person, decided.decided.reason) == (
        "attributed",
        "Mark Jones",
        "the police download",
    )
    assert (decided.decided.account, decided.decided.as_suggested) == (CRAIG, False)


def test_a_link_the_analyser_did_not_make_is_decided_once_both_accounts_are_attributed(
    scoped: ScopeCase,
) -> None:
    case = scoped.case
    mark_supplied(case, "PC/1", "she was sent it")  # nothing withheld: she sees Mark Jones
    ann, officer = _ann(scoped), _officer(scoped)
    suggest_link(ann, JANE, MARK, "same writing")
    attribute_account(ann, JANE, "Craig Smith", "her word")  # an advocate's attribution decides nothing
    attribute_account(officer, MARK, "Craig Smith", "his phone")
    [waiting] = _account_entries(case)
    assert (waiting.state, waiting.link_stored) == ("waiting", False)
    attribute_account(officer, JANE, "Mark Jones", "the download", reassign=True)
    [decided] = _account_entries(case)
    assert decided.decided is not None
    assert (decided.decided.account, decided.decided.person, decided.decided.other_person) == (
        JANE,
        "Mark Jones",
        "Craig Smith",
    )
    assert decided.decided.as_suggested is False


def test_she_suggests_an_account_is_someone_not_yet_in_the_case_and_no_person_is_created(
    scoped: ScopeCase,
) -> None:
    case, ann, officer = scoped.case, _ann(scoped), _officer(scoped)
    persons = case.store.persons()
    assert suggest_new_person(ann, CRAIG, "  Lee Brown ", "his cousin's phone") == 1
    assert case.store.persons() == persons  # a suggestion only: nobody is added
    with case.store.engine.connect() as conn:
        rows = [tuple(r)[:-1] for r in conn.execute(select(schema.suggestion))]
    assert rows == [(1, "new person", CRAIG, None, "Lee Brown", "Ann", "advocate", "his cousin's phone")]
    entry = list(case.store.audit_entries())[-1]
    assert (entry.actor, entry.role, entry.action, entry.object, entry.justification) == (
        "Ann",
        "advocate",
        "account suggest",
        CRAIG,
        "his cousin's phone",
    )
    assert json.loads(entry.details) | {"tool_version": ""} == {
        "suggestion_id": 1,
        "kind": "new person",
        "account_a": CRAIG,
        "person": "Lee Brown",
        "tool_version": "",
    }
    [waiting] = _account_entries(case)
    assert (waiting.state, waiting.person_in_case, waiting.decided) == ("waiting", False, None)
    assert waiting.commands("DIR") == {
        "add_person": "footprint person add DIR 'Lee Brown' --role ROLE",
        "attribute": "footprint account attribute DIR 'whatsapp:Craig Smith' --person 'Lee Brown' --basis TEXT",
    }
    add_person(case, "Lee Brown", "other")  # adding the person decides nothing
    [added] = _account_entries(case)
    assert (added.state, added.person_in_case) == ("waiting", True)
    assert list(added.commands("DIR")) == ["attribute"]
    attribute_account(officer, CRAIG, "Lee Brown", "his cousin's statement")
    [decided] = _account_entries(case)
    assert decided.decided is not None
    assert (
        decided.state,
        decided.decided.decision,
        decided.decided.person,
        decided.decided.as_suggested,
    ) == (
        "decided",
        "attributed",
        "Lee Brown",
        True,
    )


def test_a_new_name_that_is_a_person_she_sees_is_refused_and_one_she_cannot_see_leaks_nothing(
    scoped: ScopeCase,
) -> None:
    ann, before = _ann(scoped), len(list(scoped.case.store.audit_entries()))
    for typed in ("Craig Smith", " craig   SMITH", "Ｃｒａｉｇ Smith"):  # one she sees, however typed
        with pytest.raises(InputError) as seen:
            suggest_new_person(ann, JANE, typed, "his")
        assert str(seen.value) == (
            f"{typed.strip()!r} is already a person in this case (as 'Craig Smith'): suggest the account is"
            " theirs with `--person 'Craig Smith'` (in the review app: choose them from the list)"
        )
    assert len(list(scoped.case.store.audit_entries())) == before
    # Mark Jones is known only from the police chat: by name he is unknown to her, and typed as a new name he
    # is taken as any name nobody holds (a refusal would tell her the name is taken)
    with pytest.raises(NotFoundError) as named:
        suggest_attribution(ann, JANE, "Mark Jones", "his")
    assert str(named.value) == (
        "no person called 'Mark Jones' in this case; known: Craig Smith (add one with `footprint person add`)"
    )
    hidden = suggest_new_person(ann, JANE, "mark  jones", "his")
    nobody = suggest_new_person(ann, JANE, "Lee Brown", "his")
    by_id = {s.suggestion.id: s for s in _account_entries(_officer(scoped))}
    assert [(by_id[i].suggestion.kind, by_id[i].suggestion.person) for i in (hidden, nobody)] == [
        ("new person", "mark  jones"),
        ("new person", "Lee Brown"),
    ]
    # the officer's queue reads the first as the person in the case it names, the second as nobody in it
    assert (by_id[hidden].person_in_case, by_id[hidden].case_person) == (True, "Mark Jones")
    assert by_id[hidden].commands("DIR") == {
        "attribute": "footprint account attribute DIR 'whatsapp:Jane Doe' --person 'Mark Jones' --basis TEXT"
    }
    assert (by_id[nobody].person_in_case, by_id[nobody].case_person) == (False, None)
    # attributed to Mark Jones, it is decided as she suggested, however she typed his name
    attribute_account(_officer(scoped), JANE, "Mark Jones", "the download")
    decided = {s.suggestion.id: s for s in _account_entries(_officer(scoped))}[hidden].decided
    assert decided is not None and (decided.person, decided.as_suggested) == ("Mark Jones", True)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("   ", "this one is empty; type their name"),
        ("L" * 201, "this one is 201 characters long; shorten it"),
        ("Lee\nBrown", "this one holds U+000A a control character; type it again without it"),
        ("Lee \x1b[31mBrown", "this one holds U+001B a control character; type it again without it"),
        ("Lee \u202eBrown", "this one holds U+202E RIGHT-TO-LEFT OVERRIDE; type it again without it"),
        ("Lee\u200bBrown", "this one holds U+200B ZERO WIDTH SPACE; type it again without it"),
    ],
)
def test_a_new_persons_name_is_refused_outside_its_limits_which_the_refusal_says(
    scoped: ScopeCase, name: str, problem: str
) -> None:
    ann, before = _ann(scoped), len(list(scoped.case.store.audit_entries()))
    with pytest.raises(InputError) as refused:
        suggest_new_person(ann, JANE, name, "his")
    assert str(refused.value) == (
        "a new person's name is 1 to 200 characters, with no control characters (a line break, a terminal"
        f" escape) and no invisible ones (zero-width spaces, direction marks): {problem}"
    )
    assert len(list(scoped.case.store.audit_entries())) == before
    assert suggest_new_person(ann, JANE, "L" * 200, "his") == 1  # the longest it may be


def test_a_deciding_user_adds_the_person_rather_than_suggesting_one(scoped: ScopeCase) -> None:
    with pytest.raises(AccessDeniedError) as refused:
        suggest_new_person(_officer(scoped), JANE, "Lee Brown", "his")
    assert str(refused.value) == (
        "DC Ivy acts as 'investigator', which decides on an attribution itself rather than suggesting one: add"
        " the person with `footprint person add DIR NAME --role ROLE`, then attribute the account with"
        " `footprint account attribute DIR KEY --person NAME --basis TEXT`. A suggestion is an advocate's,"
        " waiting for a deciding user in `footprint suggestions`"
    )
