"""`case accept-restore`: carrying a case on from a database older than its folder when no backup holds the
newest entry; the gap it records is named by every `verify` and report from then on."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import Result
from markupsafe import escape
from sqlalchemy import text

from footprint.accept_restore import accept_restore
from footprint.case import Case
from footprint.errors import CaseMismatchError
from footprint.integrity import verify_case
from footprint.parties import add_person
from footprint.report import build_report, render_html
from footprint.settings import Settings
from tests.audited import said
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

Run = Callable[..., Result]
CHAT = "14/03/2024, 09:15 - Ann Example: No. It's over\n14/03/2024, 09:16 - Ben Example: ok\n"


def _copy_db(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _restored(tmp_path: Path, run_cli: Run) -> tuple[Path, str, str]:
    """A case whose database was restored from a backup holding entries 1-2, after a person (entry 3) and
    an exhibit (entry 4) were added: the folder's head and the lost exhibit's vault file."""
    folder = tmp_path / "c"
    assert run_cli("case", "init", str(folder), "--name", "R v Gap").exit_code == 0
    assert run_cli("person", "add", str(folder), "Ann Example", "--role", "complainant").exit_code == 0
    _copy_db(folder / "case.db", tmp_path / "backup.db")
    assert run_cli("person", "add", str(folder), "Ben Example", "--role", "suspect").exit_code == 0
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    assert run_cli("add", str(folder), str(tmp_path / "chat.txt"), "--producer", "Jane Doe").exit_code == 0
    head = (folder / "audit.head").read_text(encoding="ascii").split()[1]
    [vault_file] = [p for p in (folder / "vault" / "sha256").rglob("*") if p.is_file()]
    _copy_db(tmp_path / "backup.db", folder / "case.db")
    return folder, head, vault_file.relative_to(folder).as_posix()


def test_accepting_a_restore_records_the_gap_and_writes_work_again(tmp_path: Path, run_cli: Run) -> None:
    folder, head, kept = _restored(tmp_path, run_cli)
    assert run_cli("person", "add", str(folder), "Cat Example", "--role", "witness").exit_code == 1
    refused = run_cli("case", "accept-restore", str(folder), "--reason", "the 1 May backup is the newest")
    assert (refused.exit_code, refused.output) == (
        1,
        f"Error: {folder}: the vault holds 1 file(s) no exhibit or attachment in this database names"
        f" ({kept}): most likely the originals of exhibits added after the restored backup; nothing was done."
        " Look for a newer backup that holds them; if there is none, run the command again with"
        " --keep-unnamed to record them in its audit entry as lost with the restore (they stay in the vault,"
        " and `footprint add` can add each again)\n",
    )
    advocate = run_cli("--role", "advocate", "case", "accept-restore", str(folder), "--reason", "x")
    assert (advocate.exit_code, advocate.output.split(";")[0]) == (
        1,
        "Error: tester acts as 'advocate', which may not accept a restored database",
    )
    reason = "disk failed; the 1 May backup is the newest; Ben Example and JD/1 to be added again"
    done = run_cli("case", "accept-restore", str(folder), "--reason", reason, "--keep-unnamed")
    assert (done.exit_code, done.output) == (
        0,
        "Accepted at audit entry 3: 2 audit entries lost (the folder had seen up to entry 4, the database"
        " held up to 2); `footprint verify` and every report name the gap from now on\n",
    )
    case = Case.open(folder, Settings(actor="tester"))
    entry = list(case.store.audit_entries())[-1]
    sha256 = kept.rsplit("/", 1)[1]
    assert (entry.seq, entry.action, entry.justification, said(entry)) == (
        3,
        "case accept-restore",
        reason,
        {
            "folder_head": {"seq": 4, "sha256": head},
            "database_last": {"seq": 2, "sha256": entry.prev_hash},
            "entries_lost": 2,
            "lost_originals": [{"file": kept, "sha256": sha256, "size": len(CHAT)}],
        },
    )
    assert (folder / "audit.head").read_text(encoding="ascii") == f"3 {entry.hash}\n"
    again = run_cli("case", "accept-restore", str(folder), "--reason", reason)
    assert (again.exit_code, again.output) == (
        1,
        f"Error: {folder}: the case's database is not older than this case folder (it holds the folder's"
        " head, entry 3); nothing to accept, nothing was done\n",
    )
    assert run_cli("person", "add", str(folder), "Ben Example", "--role", "suspect").exit_code == 0
    gap = (
        "the audit log has a gap: 2 audit entries lost when the database was restored from an older state"
        f" (the case folder had seen up to entry 4, SHA-256 {head[:16]}…; the database held up to entry 2);"
        " what they recorded (exhibits, decisions, findings) is not in the case. Accepted at audit entry 3 by"
        f" tester (investigator) at {entry.at_utc}: {reason}; the vault keeps 1 file(s) no exhibit named"
        f" then, the originals of exhibits lost with them, most likely ({kept})"
    )
    verified = run_cli("verify", str(folder))
    assert verified.exit_code == 0, verified.output
    lines = verified.output.splitlines()
    assert lines[0] == f"GAP: {gap}"
    assert lines[1].startswith("OK: 0 exhibit(s) and 0 attachment(s) match their SHA-256; audit chain of 4")
    assert "; the audit log has 1 accepted gap(s), named in the GAP line(s) above; access log of " in lines[1]
    as_json = json.loads(run_cli("verify", str(folder), "--json").output)
    assert as_json["restore_gaps"] == [
        {
            "accepted_at_entry": 3,
            "at_utc": entry.at_utc,
            "actor": "tester",
            "role": "investigator",
            "reason": reason,
            "folder_head": {"seq": 4, "sha256": head},
            "database_last": {"seq": 2, "sha256": entry.prev_hash},
            "entries_lost": 2,
            "lost_originals": [{"file": kept, "sha256": sha256, "size": len(CHAT)}],
        }
    ]
    assert as_json["problems"] == []
    # the lost exhibit added again: its vault file is an exhibit's once more; the gap is still named
    assert run_cli("add", str(folder), str(tmp_path / "chat.txt"), "--producer", "Jane Doe").exit_code == 0
    report = verify_case(Case.open(folder, Settings(actor="tester")))
    assert ([g.line() for g in report.gaps], report.problems) == ([gap], [])
    html = render_html(build_report(Case.open(folder, Settings(actor="tester"))))
    assert f"<tr><th>Audit log gap</th><td>{escape(gap)}</td></tr>" in html


def test_a_kept_file_removed_later_is_a_problem(tmp_path: Path, run_cli: Run) -> None:
    folder, _, kept = _restored(tmp_path, run_cli)
    args = ("case", "accept-restore", str(folder), "--reason", "no newer backup", "--keep-unnamed")
    assert run_cli(*args).exit_code == 0
    (folder / kept).unlink()
    assert verify_case(Case.open(folder, Settings(actor="tester"))).problems == [
        f"vault file {kept}: recorded at audit entry 3 as kept when the restore was accepted, now missing"
    ]


def test_accept_restore_is_refused_without_a_head_or_for_a_database_not_older(
    tmp_path: Path, run_cli: Run
) -> None:
    folder = tmp_path / "c"
    assert run_cli("case", "init", str(folder), "--name", "R v Gap").exit_code == 0
    args = ("case", "accept-restore", str(folder), "--reason", "no newer backup")
    assert run_cli(*args).output == (
        f"Error: {folder}: the case's database is not older than this case folder (it holds the folder's"
        " head, entry 1); nothing to accept, nothing was done\n"
    )
    (folder / "audit.head").unlink()
    assert run_cli(*args).output == (
        f"Error: {folder}: this case folder's audit.head is missing or unreadable, so nothing says the"
        " database is older than the folder; nothing was done. Put it back from a copy of the case folder"
        " (docs/integrity.md, 'A lost or damaged `audit.head`')\n"
    )


@pytest.mark.postgres
def test_on_postgresql_a_restore_is_accepted_and_writes_work_again(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    settings = Settings(actor="tester", role="reviewer", database_url=pg_url)
    case = Case.init(tmp_path / "c", name="R v Gap", tz=None, settings=settings)
    add_person(case, "Ann Example", "complainant")
    add_person(case, "Ben Example", "suspect")
    with case.store.unscoped_engine.begin() as conn:  # as a restore of the backup before entry 3 leaves it
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("DELETE FROM person WHERE name = 'Ben Example'"))
        conn.execute(text("DELETE FROM audit WHERE seq = 3"))
    with pytest.raises(CaseMismatchError):
        add_person(case, "Cat Example", "witness")
    gap = accept_restore(case, "the backup before entry 3 is the newest")
    assert (gap.seq, gap.folder_seq, gap.database_seq, gap.lost, gap.role) == (3, 3, 2, 1, "reviewer")
    add_person(case, "Ben Example", "suspect")
    report = verify_case(case)
    assert (report.problems, [g.seq for g in report.gaps], report.audit_entries) == ([], [3], 4)
    case.close()


def test_a_line_break_in_the_reason_cannot_forge_a_line_of_verify(tmp_path: Path, run_cli: Run) -> None:
    # "…\nGAP: none; verify OK" printed a line of its own that read as verify's (new-code review 8)
    folder, _, _ = _restored(tmp_path, run_cli)
    reason = "restored\nGAP: none; verify OK"
    assert run_cli("case", "accept-restore", str(folder), "--reason", reason, "--keep-unnamed").exit_code == 0
    lines = run_cli("verify", str(folder)).output.splitlines()
    assert [line for line in lines if line.startswith("GAP:")] == [lines[0]]
    assert "restored⏎GAP: none; verify OK" in lines[0]


def test_a_bundle_of_the_case_names_its_accepted_gap(tmp_path: Path, run_cli: Run) -> None:
    # `verify bundle.zip` said its audit extract was intact without naming the 2 entries the restore lost,
    # which the case's own verify and every report name (new-code review 3)
    folder, _, _ = _restored(tmp_path, run_cli)
    reason = "the 1 May backup is the newest"
    assert run_cli("case", "accept-restore", str(folder), "--reason", reason, "--keep-unnamed").exit_code == 0
    assert run_cli("report", str(folder), "--bundle").exit_code == 0
    bundle = folder / "reports" / "bundle.zip"
    lines = run_cli("verify", str(bundle)).output.splitlines()
    assert lines[0].startswith("GAP: the audit log has a gap: 2 audit entries lost when the database")
    assert "Accepted at audit entry 3 by tester (investigator) at " in lines[0] and reason in lines[0]
    assert lines[1].startswith("OK: bundle bundle.zip:")
    assert lines[1].endswith("; the audit log has 1 accepted gap(s), named in the GAP line(s) above")
    as_json = json.loads(run_cli("verify", str(bundle), "--json").output)
    assert [(g["accepted_at_entry"], g["entries_lost"]) for g in as_json["restore_gaps"]] == [(3, 2)]
