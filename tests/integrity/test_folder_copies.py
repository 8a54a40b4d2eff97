"""`verify` through a copy of the case folder that has not seen what another copy wrote to the shared
database: named as written through the other copy, as `add` names it, not as written outside Footprint;
an entry put into the log by hand is still named as tampering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from footprint.case import Case
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import CaseStore
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

CHAT = "14/03/2024, 09:15 - Ann Example: No. It's over\n14/03/2024, 09:16 - Ben Example: ok\n"


def _behind(folder: Path, seen: int, last: int) -> str:
    unseen = last - seen
    return (
        f"this case folder has not seen {'1 audit entry' if unseen == 1 else f'{unseen} audit entries'} (its"
        f" audit.head is at entry {seen}, the audit log at entry {last}); each is intact and follows the one"
        f" before, so {'it was' if unseen == 1 else 'they were'} written through another copy of the case"
        " folder, which holds their originals and audit head. Run verify through the one case folder the"
        " team shares (docs/store.md, 'One case folder for a team')"
    )


def _two_folders(tmp_path: Path, settings: Settings) -> tuple[Case, Case]:
    """Folders a and b, b a copy of a, on one database (a team's server: b's case.json would name it)."""
    Case.init(tmp_path / "a", name="R v Shared", tz=None, settings=settings).close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    a = Case.open(tmp_path / "a", settings)
    return a, Case(tmp_path / "b", settings, CaseStore(a.store.unscoped_engine), a.revision)


def test_verify_through_a_folder_behind_names_the_other_copy_not_tampering(
    tmp_path: Path, settings: Settings
) -> None:
    a, b = _two_folders(tmp_path, settings)
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    sha256 = add_exhibit(a, tmp_path / "chat.txt", AddOptions(producer="Jane Doe")).sha256
    assert verify_case(a).problems == []
    assert verify_case(b).problems == [
        f"exhibit JD/1 (chat.txt): vault copy is missing (vault/sha256/{sha256[:2]}/{sha256}): it was added"
        " at audit entry 2, which this case folder has not seen (below), through another copy of the case"
        " folder, whose vault holds it",
        _behind(tmp_path / "b", 1, 2),
    ]


def test_an_entry_put_into_the_log_by_hand_is_still_written_outside_footprint(
    tmp_path: Path, settings: Settings
) -> None:
    a, b = _two_folders(tmp_path, settings)
    first = list(a.store.audit_entries())[0]
    with a.store.unscoped_engine.begin() as conn:  # an INSERT: the guards stop changes, not additions
        conn.execute(
            text(
                "INSERT INTO audit (seq, at_utc, actor, role, action, object, justification, details,"
                " prev_hash, hash) VALUES (2, '2026-11-30T06:00:00Z', 'tester', 'reviewer', 'review dismiss',"
                " 'finding 1', 'not him', '{}', :prev, :hash)"
            ),
            {"prev": first.hash, "hash": "ab" * 32},
        )
    for folder in (a, b):
        assert verify_case(folder).problems == [
            "audit entry 2 (review dismiss) was changed after it was written",
            "audit log has entries after the recorded head, entry 1 (written outside Footprint)",
        ]


@pytest.mark.postgres
def test_on_postgresql_verify_through_a_copy_behind_names_the_other_copy(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    # the review's repro: two copies of one PostgreSQL case's folder, an add through one, verify the other
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    Case.init(tmp_path / "a", name="R v Shared", tz=None, settings=settings).close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    a, b = (Case.open(tmp_path / folder, settings) for folder in ("a", "b"))
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    sha256 = add_exhibit(a, tmp_path / "chat.txt", AddOptions(producer="Jane Doe")).sha256
    assert verify_case(a).problems == []
    assert verify_case(b).problems == [
        f"exhibit JD/1 (chat.txt): vault copy is missing (vault/sha256/{sha256[:2]}/{sha256}): it was added"
        " at audit entry 2, which this case folder has not seen (below), through another copy of the case"
        " folder, whose vault holds it",
        _behind(tmp_path / "b", 1, 2),
    ]
    with a.store.unscoped_engine.begin() as conn:  # then an entry put in by hand after them
        conn.execute(
            text(
                "INSERT INTO audit (seq, at_utc, actor, role, action, object, justification, details,"
                " prev_hash, hash) VALUES (3, '2026-11-30T06:00:00Z', 'tester', 'reviewer', 'review dismiss',"
                " 'finding 1', 'not him', '{}', :prev, :hash)"
            ),
            {"prev": list(a.store.audit_entries())[-1].hash, "hash": "ab" * 32},
        )
    assert verify_case(b).problems == [
        f"exhibit JD/1 (chat.txt): vault copy is missing (vault/sha256/{sha256[:2]}/{sha256})",
        "audit entry 3 (review dismiss) was changed after it was written",
        "audit log has entries after the recorded head, entry 1 (written outside Footprint)",
    ]
    a.close()
    b.close()
