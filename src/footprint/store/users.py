"""SQL for the case's users (the ``case_user`` table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from footprint.errors import InputError
from footprint.store import schema as t
from footprint.store.case_store import StoreTx
from footprint.store.ordering import bytewise


@dataclass(frozen=True)
class StoredUser:
    """A user as stored (the password only as its scrypt hash)."""

    name: str
    role: str
    password_hash: str
    created_utc: str
    disabled: bool


def _user(row: Row[Any]) -> StoredUser:
    return StoredUser(row.name, row.role, row.password_hash, row.created_utc, bool(row.disabled))


def find_user(engine: Engine, name: str) -> StoredUser | None:
    """The user called ``name``, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(t.case_user).where(t.case_user.c.name == name)).first()
    return _user(row) if row else None


def list_users(engine: Engine) -> list[StoredUser]:
    """Every user, by name."""
    with engine.connect() as conn:
        return [_user(r) for r in conn.execute(select(t.case_user).order_by(bytewise(t.case_user.c.name)))]


def name_taken(name: str) -> InputError:
    """The refusal of a second user called ``name``, with what to do instead."""
    return InputError(
        f"there is already a user called {name} in this case; choose another name (`footprint user ls DIR`"
        " lists them), or give that user a new password with `footprint user password`"
    )


def insert_user(tx: StoreTx, *, name: str, role: str, password_hash: str, created_utc: str) -> None:
    """Add a user; a name taken meanwhile (another ``user add`` at the same time) is a one-line error."""
    try:
        tx.conn.execute(
            insert(t.case_user).values(
                name=name, role=role, password_hash=password_hash, created_utc=created_utc, disabled=False
            )
        )
    except IntegrityError as exc:  # the transaction is rolled back as the error leaves it
        raise name_taken(name) from exc


def set_disabled(tx: StoreTx, name: str, disabled: bool) -> None:
    tx.conn.execute(update(t.case_user).where(t.case_user.c.name == name).values(disabled=disabled))


def set_password_hash(tx: StoreTx, name: str, password_hash: str) -> None:
    tx.conn.execute(update(t.case_user).where(t.case_user.c.name == name).values(password_hash=password_hash))
