"""The people who may sign in to the review app, each with a role in this case.

Passwords are kept only as scrypt hashes (random salt, n=2**14, r=8, p=1). Adding, disabling and every
sign-in, refused or not, is audited; no password ever reaches the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError, InputError, NotFoundError
from footprint.model import ROLES
from footprint.review.decisions import checked_reason, may_manage
from footprint.store.users import (
    StoredUser,
    find_user,
    insert_user,
    list_users,
    name_taken,
    set_disabled,
    set_password_hash,
)
from footprint.times import now_utc
from footprint.visible import name_key

MIN_PASSWORD = 12
MAX_NAME = 200  # characters; a longer name typed at sign-in is audited cut short
STRANGER = "(not signed in)"  # the actor the audit log names for someone not signed in
_N, _R, _P = 2**14, 8, 1
# verified against when the name is unknown, so a refusal takes as long either way
_DUMMY = f"scrypt${_N}${_R}${_P}${'00' * 16}${'00' * 32}"


def hash_password(password: str) -> str:
    """A salted scrypt hash in the form ``scrypt$n$r$p$salt$key``."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${key.hex()}"


def password_matches(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (constant-time comparison)."""
    try:
        kind, n, r, p, salt, key = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(key) // 2
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), key)


def _may_manage(case: Case) -> None:
    """Refuse a read-only role (it could give a deciding user's name a password it knows) and an advocate
    (she could add an investigator, sign in as them and see what is withheld from her)."""
    if not may_manage(case.settings.role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {case.settings.role!r}, which may not add users, change passwords"
            f" or disable users; {MANAGERS} must do it"
        )


def _check_name(case: Case, name: str) -> None:
    if not name:
        raise InputError("a user needs a name (it is shown in the audit log beside every action)")
    if len(name) > MAX_NAME:
        raise InputError(f"a user's name may be {MAX_NAME} characters at most")
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise InputError("a user's name may not contain control characters")
    hidden = next((c for c in name if unicodedata.category(c) in ("Cf", "Zl", "Zp")), None)
    if hidden is not None:  # zero-width and direction marks: two names that look the same
        raise InputError(
            f"a user's name may not contain invisible characters"
            f" (U+{ord(hidden):04X} {unicodedata.name(hidden, 'unnamed')}); type it again"
        )
    if name == STRANGER:
        raise InputError(f"{STRANGER} is how the audit log names someone not signed in; choose another name")
    for user in list_users(case.store.unscoped_engine):
        if user.name == name:
            raise name_taken(name)
        if name_key(user.name) == name_key(name):
            raise InputError(
                f"{name} reads as the name of the user {user.name} (the same letters, ignoring case, width"
                " and spacing); choose a name that tells them apart"
            )


def add_user(case: Case, name: str, role: str, password: str) -> None:
    """Let ``name`` sign in to this case's review app in ``role``."""
    _may_manage(case)
    name = name.strip()
    if role not in ROLES:
        raise InputError(f"role {role!r} is not known; use one of {', '.join(ROLES)}")
    _check_name(case, name)
    _check_password(name, password)
    with case.transaction() as (tx, record):
        insert_user(tx, name=name, role=role, password_hash=hash_password(password), created_utc=now_utc())
        record("user add", name, role=role)


def change_password(case: Case, name: str, password: str) -> None:
    """Give ``name`` a new password (audited; a running app ends their sessions at their next request)."""
    _may_manage(case)
    _check_password(name, password)
    _existing(case, name)
    _set_password(case, name, password)


def change_own_password(case: Case, current: str, password: str) -> None:
    """The acting user gives themself a new password, any role: the current password first (audited)."""
    name = case.settings.actor
    user = active_user(case, name)
    if user is None or not password_matches(current, user.password_hash):
        case.record("user password refused", name, "the current password was wrong")
        raise AccessDeniedError("the current password is wrong; type it again")
    _check_password(name, password)
    _set_password(case, name, password, "changed by the user themself")


def _set_password(case: Case, name: str, password: str, why: str = "") -> None:
    with case.transaction() as (tx, record):
        set_password_hash(tx, name, hash_password(password))
        record("user password", name, why)


def _existing(case: Case, name: str) -> None:
    if find_user(case.store.unscoped_engine, name) is None:
        raise NotFoundError(f"no user called {name} in this case; list them with `footprint user ls DIR`")


def _check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(
            f"the password for {name} is shorter than {MIN_PASSWORD} characters; choose a longer one"
        )


def disable_user(case: Case, name: str, reason: str) -> None:
    """Stop ``name`` signing in (the user stays, so the audit log's names keep their meaning)."""
    _may_manage(case)
    reason = checked_reason(reason, "disabling of a user")
    _existing(case, name)
    with case.transaction() as (tx, record):
        set_disabled(tx, name, True)
        record("user disable", name, reason)


def acting_role(case: Case, declared: bool) -> str:
    """The role the acting user acts in at the command line: the case's own for one of its users (their
    name, as typed or as it reads), the role given (or by default) for anyone else. A role ``declared``
    (--role) that is not the user's is refused: a viewer could otherwise reset a reviewer's password, and
    an advocate widen her own view. A user who was disabled is refused, as the review app refuses them.
    Not access control: any name may be typed (``docs/review.md``)."""
    return role_among(users(case), case.settings.actor, case.settings.role, declared)


def role_among(stored: list[StoredUser], actor: str, role: str, declared: bool) -> str:
    """:func:`acting_role` among the case's ``stored`` users (read from its database by a caller with no
    open case: `case delete --finish`)."""
    user = next((u for u in stored if name_key(u.name) == name_key(actor)), None)
    if user is not None and user.disabled:
        raise AccessDeniedError(
            f"{actor} is a user of this case who was disabled (`footprint user disable`), so may no longer"
            f" act on it; nothing was done. If you should still work on this case, ask {MANAGERS} to add you"
            " again under a new name (`footprint user add`; a disabled user's name stays with what they did)"
        )
    if user is None or user.role == role or not declared:
        return role if user is None else user.role
    raise AccessDeniedError(
        f"{actor} is a user of this case in the role {user.role!r}, not {role!r} (--role): a command acts"
        f" only in its user's role; leave out --role, or ask {MANAGERS} to do what this role may not"
    )


def users(case: Case) -> list[StoredUser]:
    """Every user of the case, by name."""
    return list_users(case.store.unscoped_engine)


def stranger(case: Case) -> Case:
    """The case as someone not signed in acts on it (refused and locked-out sign-ins are theirs)."""
    return case.acting_as(STRANGER, "none")


def active_user(case: Case, name: str) -> StoredUser | None:
    """The user called ``name`` if they exist and are not disabled."""
    user = find_user(case.store.unscoped_engine, name)
    return user if user is not None and not user.disabled else None


def credential(user: StoredUser) -> str:
    """What a session keeps of the password it signed in with (a digest of its salted hash): every new
    password changes it."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()


def session_ended(user: StoredUser | None, signed_in_with: str) -> str:
    """Why a session that signed in with credential ``signed_in_with`` may no longer act for ``user``
    (as the case now has them; None: no longer in it); "" while it may."""
    if user is None:
        return "the user is no longer in the case"
    if user.disabled:
        return "the user was disabled"
    if not hmac.compare_digest(credential(user), signed_in_with):
        return "the user's password was changed since this session signed in"
    return ""


def audit_name(name: str) -> str:
    """A name typed at sign-in as the audit log keeps it: NUL shown as ␀ (PostgreSQL's text holds none),
    cut short after ``MAX_NAME`` characters (no user's name is longer)."""
    shown = name.replace("\x00", "\u2400")
    return shown if len(shown) <= MAX_NAME else shown[:MAX_NAME] + "…"


def sign_in(case: Case, name: str, password: str, **where: str) -> StoredUser:
    """The user, if ``name`` and ``password`` match an enabled user; audited either way, with ``where``
    the attempt came from (the app's ``client``)."""
    user = find_user(case.store.unscoped_engine, name) if audit_name(name) == name else None  # no such user
    matches = password_matches(password, user.password_hash if user else _DUMMY)
    if user is None or not matches or user.disabled:
        stranger(case).record("web sign-in refused", audit_name(name), **where)
        raise AccessDeniedError("the name or the password is wrong, or the user is disabled; try again")
    case.acting_as(user.name, user.role).record("web sign-in", user.name, **where)
    return user
