"""Users of the review app: scrypt-hashed passwords, roles, disabling, audited sign-ins."""

from __future__ import annotations

import pytest

from footprint.case import Case
from footprint.errors import AccessDeniedError, InputError, NotFoundError
from footprint.users import (
    add_user,
    change_own_password,
    change_password,
    disable_user,
    password_matches,
    sign_in,
    users,
)
from tests.audited import said

PASSWORD = "correct horse battery"


def test_a_user_is_stored_with_a_hash_and_the_addition_is_audited(case: Case) -> None:
    add_user(case, "DC Ann Reviewer", "reviewer", PASSWORD)
    [user] = users(case)
    assert (user.name, user.role, user.disabled) == ("DC Ann Reviewer", "reviewer", False)
    assert user.password_hash.startswith("scrypt$16384$8$1$") and PASSWORD not in user.password_hash
    assert password_matches(PASSWORD, user.password_hash)
    assert not password_matches("correct horse battery!", user.password_hash)
    [entry] = [e for e in case.store.audit_entries() if e.action == "user add"]
    assert (entry.actor, entry.object, said(entry)) == (
        "tester",
        "DC Ann Reviewer",
        {"role": "reviewer"},
    )
    assert PASSWORD not in entry.details


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        (" ", "reviewer", PASSWORD, "a user needs a name (it is shown in the audit log beside every action)"),
        (
            "Ann",
            "boss",
            PASSWORD,
            "role 'boss' is not known; use one of investigator, prosecutor, reviewer, advocate, viewer",
        ),
        ("Ann", "viewer", "short", "the password for Ann is shorter than 12 characters; choose a longer one"),
        (
            "(not signed in)",
            "viewer",
            PASSWORD,
            "(not signed in) is how the audit log names someone not signed in; choose another name",
        ),
        ("A\x00nn", "viewer", PASSWORD, "a user's name may not contain control characters"),
        ("A" * 201, "viewer", PASSWORD, "a user's name may be 200 characters at most"),
        (
            "Ann\u200b",
            "viewer",
            PASSWORD,
            "a user's name may not contain invisible characters (U+200B ZERO WIDTH SPACE); type it again",
        ),
        (
            "Ann\u202eX",
            "viewer",
            PASSWORD,
            "a user's name may not contain invisible characters (U+202E RIGHT-TO-LEFT OVERRIDE); type it again",
        ),
    ],
)
def test_bad_users_are_refused(case: Case, name: str, role: str, password: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        add_user(case, name, role, password)
    assert str(caught.value) == message
    assert users(case) == []


def test_a_name_is_used_once(case: Case) -> None:
    add_user(case, "Ann", "viewer", PASSWORD)
    with pytest.raises(InputError) as caught:
        add_user(case, "Ann", "reviewer", PASSWORD)
    assert str(caught.value) == (
        "there is already a user called Ann in this case; choose another name (`footprint user ls DIR` lists"
        " them), or give that user a new password with `footprint user password`"
    )


@pytest.mark.parametrize("lookalike", ["ann smith", "Ann  Smith", "Ａｎｎ Smith", "ANN SMITH"])
def test_a_name_that_reads_as_another_users_is_refused(case: Case, lookalike: str) -> None:
    # two users whose names look alike would make the audit log's "confirmed by" ambiguous
    add_user(case, "Ann Smith", "reviewer", PASSWORD)
    with pytest.raises(InputError) as caught:
        add_user(case, lookalike, "reviewer", PASSWORD)
    assert str(caught.value) == (
        f"{lookalike} reads as the name of the user Ann Smith (the same letters, ignoring case, width and"
        " spacing); choose a name that tells them apart"
    )
    assert [u.name for u in users(case)] == ["Ann Smith"]


def test_sign_in_is_audited_whether_or_not_it_succeeds(case: Case) -> None:
    add_user(case, "Ann", "prosecutor", PASSWORD)
    assert sign_in(case, "Ann", PASSWORD).role == "prosecutor"
    for name, password in (("Ann", "wrong password!"), ("Nobody", PASSWORD)):
        with pytest.raises(AccessDeniedError) as caught:
            sign_in(case, name, password)
        assert str(caught.value) == "the name or the password is wrong, or the user is disabled; try again"
    entries = [
        (e.actor, e.role, e.action, e.object) for e in case.store.audit_entries() if "sign-in" in e.action
    ]
    assert entries == [
        ("Ann", "prosecutor", "web sign-in", "Ann"),
        ("(not signed in)", "none", "web sign-in refused", "Ann"),
        ("(not signed in)", "none", "web sign-in refused", "Nobody"),
    ]


def test_a_name_with_a_nul_is_refused_and_audited_with_the_nul_made_visible(case: Case) -> None:
    # PostgreSQL's text holds no NUL: looking such a name up or auditing it as typed was a server error there
    with pytest.raises(AccessDeniedError):
        sign_in(case, "A\x00nn", PASSWORD)
    assert [(e.action, e.object) for e in case.store.audit_entries() if "sign-in" in e.action] == [
        ("web sign-in refused", "A\u2400nn")
    ]


def test_a_disabled_user_cannot_sign_in(case: Case) -> None:
    add_user(case, "Ann", "reviewer", PASSWORD)
    disable_user(case, "Ann", "left the team")
    assert users(case)[0].disabled
    with pytest.raises(AccessDeniedError):
        sign_in(case, "Ann", PASSWORD)
    [entry] = [e for e in case.store.audit_entries() if e.action == "user disable"]
    assert (entry.object, entry.justification) == ("Ann", "left the team")
    with pytest.raises(
        NotFoundError, match="^no user called Bob in this case; list them with `footprint user ls DIR`$"
    ):
        disable_user(case, "Bob", "typo")


def test_a_new_password_replaces_the_old_one(case: Case) -> None:
    add_user(case, "Ann", "reviewer", PASSWORD)
    change_password(case, "Ann", "a much longer new password")
    assert sign_in(case, "Ann", "a much longer new password").name == "Ann"
    with pytest.raises(AccessDeniedError):
        sign_in(case, "Ann", PASSWORD)
    [entry] = [e for e in case.store.audit_entries() if e.action == "user password"]
    assert (entry.object, said(entry)) == ("Ann", {})
    with pytest.raises(InputError, match="^the password for Ann is shorter than 12 characters"):
        change_password(case, "Ann", "short")


@pytest.mark.parametrize(("actor", "role"), [("Defence expert", "viewer"), ("Adv One", "advocate")])
def test_a_read_only_or_narrowed_role_may_not_manage_users(case: Case, actor: str, role: str) -> None:
    # else a viewer could give a reviewer's name a password they know, sign in as them and decide; an
    # advocate could add an investigator, sign in as them and see the exhibits withheld from her
    add_user(case, "Ann", "reviewer", PASSWORD)
    acting = case.acting_as(actor, role)
    refusal = (
        f"{actor} acts as {role!r}, which may not add users, change passwords or disable users;"
        " the officer in the case (an investigator), a reviewer or a prosecutor must do it"
    )
    for attempt in (
        lambda: add_user(acting, "Me", "investigator", PASSWORD),
        lambda: change_password(acting, "Ann", "a password I know"),
        lambda: disable_user(acting, "Ann", "out of the way"),
    ):
        with pytest.raises(AccessDeniedError) as caught:
            attempt()
        assert str(caught.value) == refusal
    assert [(u.name, u.disabled) for u in users(case)] == [("Ann", False)]
    assert sign_in(case, "Ann", PASSWORD).name == "Ann"


def test_a_name_added_at_the_same_time_elsewhere_is_refused_in_one_line(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    import footprint.users as users_module

    add_user(case, "DC Jane Patel", "reviewer", "correct horse battery")
    before = len(list(case.store.audit_entries()))
    # a second `user add` looked for the name before the first committed
    monkeypatch.setattr(users_module, "find_user", lambda engine, name: None)
    with pytest.raises(InputError) as err:
        add_user(case, "DC Jane Patel", "viewer", "another long password")
    assert str(err.value).startswith("there is already a user called DC Jane Patel in this case; choose")
    assert [(u.name, u.role) for u in users(case)] == [("DC Jane Patel", "reviewer")]
    assert len(list(case.store.audit_entries())) == before


def test_a_user_changes_their_own_password_whatever_their_role(case: Case) -> None:
    add_user(case, "Observer", "viewer", PASSWORD)
    observer = case.acting_as("Observer", "viewer")
    change_own_password(observer, PASSWORD, "a much longer passphrase")
    assert sign_in(case, "Observer", "a much longer passphrase").name == "Observer"
    with pytest.raises(AccessDeniedError):
        sign_in(case, "Observer", PASSWORD)
    [entry] = [e for e in case.store.audit_entries() if e.action == "user password"]
    assert (entry.actor, entry.role, entry.object, entry.justification) == (
        "Observer",
        "viewer",
        "Observer",
        "changed by the user themself",
    )
    assert "passphrase" not in entry.details


def test_a_wrong_current_password_or_a_short_new_one_changes_nothing(case: Case) -> None:
    add_user(case, "Ann", "reviewer", PASSWORD)
    ann = case.acting_as("Ann", "reviewer")
    with pytest.raises(AccessDeniedError) as wrong:
        change_own_password(ann, "not my password", "a much longer passphrase")
    assert str(wrong.value) == "the current password is wrong; type it again"
    with pytest.raises(InputError) as short:
        change_own_password(ann, PASSWORD, "too short")
    assert str(short.value) == "the password for Ann is shorter than 12 characters; choose a longer one"
    assert sign_in(case, "Ann", PASSWORD).name == "Ann"
    assert [
        (e.actor, e.action, e.object, e.justification)
        for e in case.store.audit_entries()
        if e.action.startswith("user password")
    ] == [("Ann", "user password refused", "Ann", "the current password was wrong")]
