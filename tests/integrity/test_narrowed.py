"""An advocate's `verify` (``integrity.narrowed``) reads the case in one transaction and hashes the vault
after it has ended, as the officer's does (``read_case``, then ``check_files``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Connection

import footprint.integrity.narrowed as narrowed
from footprint.case import Case
from footprint.integrity.narrowed import NarrowedVerify, verify_narrowed
from footprint.store.engine import OneConnection
from tests.scopecase import ScopeCase, scoped_on_each_store
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def scoped(request: pytest.FixtureRequest, tmp_path: Path) -> ScopeCase:
    return scoped_on_each_store(request, tmp_path)


def test_her_verify_hashes_the_vault_after_its_transaction_has_ended(
    scoped: ScopeCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshots: list[Connection] = []
    real_snapshot = Case.snapshot

    @contextmanager
    def watched(self: Case) -> Iterator[Case]:  # the connection each snapshot reads through
        with real_snapshot(self) as frozen:
            snapshots.append(cast(OneConnection, frozen.store.unscoped_engine).conn)
            yield frozen

    real_check = narrowed.check_blob
    open_while_hashing: list[list[bool]] = []

    def hashing(*args: object) -> list[str]:
        open_while_hashing.append([conn.in_transaction() for conn in snapshots])
        return real_check(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(Case, "snapshot", watched)
    monkeypatch.setattr(narrowed, "check_blob", hashing)
    found = verify_narrowed(scoped.case.acting_as("Ann", "advocate"))
    assert open_while_hashing == [[False], [False]]  # her exhibit's original, then the police one's
    head = list(scoped.case.store.audit_entries())[-1].hash
    assert found == NarrowedVerify(exhibits=1, attachments=0, withheld=1, audit_head=head, problems=[])
