"""A team's PostgreSQL case when things go wrong (the pgfail review): another case's or an older database,
a connection lost while analysing, a statement time limit, a read-only user, the server gone under the
review app, a newer schema at `case init`. Needs FOOTPRINT_TEST_PG_URL."""

from __future__ import annotations

import gc
import html
import json
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, make_url, select, text

from footprint.case import Case
from footprint.cli import cli
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store.engine import head_revision
from tests.store.test_postgres import CHAT, LOST, SERVER, _lose_the_connection_at
from tests.web.conftest import opened
from tests.web.test_sign_in import _csrf

pytestmark = pytest.mark.postgres


def _cli(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["--actor", "tester", *args])
    # the command's process would end here; its engine, never disposed, goes now (as in test_postgres)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return result


def _case(folder: Path, url: str, name: str = "R v Example") -> Case:
    return Case.init(folder, name=name, tz="Europe/London", settings=_settings(url))


def _settings(url: str) -> Settings:
    return Settings(actor="tester", role="investigator", database_url=url)


def _admin(sql: str, database: str | None = None) -> None:
    url = make_url(SERVER or "")
    engine = create_engine(url.set(database=database) if database else url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


@contextmanager
def _another_database() -> Iterator[str]:
    name = f"fp_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield (SERVER or "").rsplit("/", 1)[0] + f"/{name}"
    finally:
        _admin(f'DROP DATABASE "{name}" WITH (FORCE)')


def _point_at(folder: Path, url: str) -> None:
    config = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    (folder / "case.json").write_text(json.dumps({**config, "database_url": url}), encoding="utf-8")


def test_case_json_naming_another_cases_database_is_refused_by_reads_and_writes(
    tmp_path: Path, pg_url: str
) -> None:
    with _another_database() as other_url:
        _case(tmp_path / "other", other_url, "R v Backup").close()
        case = _case(tmp_path / "mine", pg_url, "R v Restore")
        ids = [
            json.loads((tmp_path / f / "case.json").read_text(encoding="utf-8"))["case_id"]
            for f in ("mine", "other")
        ]
        case.close()
        _point_at(tmp_path / "mine", other_url)  # the typo while moving the database
        for args in (["ls"], ["add"]):
            extra = [str(tmp_path / "chat.txt"), "--producer", "Ben"] if args == ["add"] else []
            result = _cli(*args, str(tmp_path / "mine"), *extra)
            assert (result.exit_code, result.output) == (
                1,
                f"Error: {tmp_path / 'mine'}: the case's database ({other_url}) holds another case, 'R v"
                f" Backup' (case id {ids[1][:16]}), not this folder's case 'R v Restore' (case id"
                f" {ids[0][:16]}); nothing was done. Correct database_url in {tmp_path / 'mine' / 'case.json'}"
                " to this case's own database (no password: give it in PGPASSWORD or ~/.pgpass)"
                " (docs/store.md, 'Moving a case's database')\n",
            )
        other = Case.open(tmp_path / "other", _settings(other_url))
        assert [e.action for e in other.store.audit_entries()] == ["case init"]
        other.close()


def test_a_database_restored_from_an_older_backup_is_refused_on_postgresql(
    tmp_path: Path, pg_url: str
) -> None:
    case = _case(tmp_path / "c", pg_url)
    case.close()
    backup = f"fp_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{backup}" TEMPLATE "{make_url(pg_url).database}"')  # the nightly backup
    try:
        case = Case.open(tmp_path / "c", _settings(pg_url))
        add_person(case, "Ann Example", "suspect")  # after the backup
        case.close()
        restored = pg_url.rsplit("/", 1)[0] + f"/{backup}"
        _point_at(tmp_path / "c", restored)  # the server rebuilt from the backup
        result = _cli("person", "add", str(tmp_path / "c"), "Ben Example", "--role", "complainant")
        assert (result.exit_code, result.output.split("; nothing was done.")[0]) == (
            1,
            f"Error: {tmp_path / 'c'}: the case's database ({restored}) is older than this case folder: it"
            " holds audit entries up to 1, the folder saw up to 2 (audit.head); it may have been restored"
            " from an older backup, and what was done after that backup is not in it",
        )
    finally:
        _admin(f'DROP DATABASE "{backup}" WITH (FORCE)')


def test_a_connection_lost_while_analysing_ends_analyse_and_the_run_is_recorded_as_failed(
    tmp_path: Path, pg_url: str
) -> None:
    case = _case(tmp_path / "c", pg_url)
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    add_exhibit(case, tmp_path / "chat.txt", AddOptions(producer="Ben Example"))
    case.close()
    with _lose_the_connection_at("SELECT ITEM.ID, ITEM.EXHIBIT_ID"):
        result = _cli("analyse", str(tmp_path / "c"), "--only", "detect")
    assert (result.exit_code, result.output.splitlines()[-1] + "\n") == (
        1,
        LOST.format(
            url=pg_url,
            what="the change under way was rolled back (what the command had already saved stays): when the"
            " database is back, look at the case (`footprint ls DIR`) before running the command again",
        ),
    )
    case = Case.open(tmp_path / "c", _settings(pg_url))
    with case.store.engine.connect() as conn:
        runs = conn.execute(
            select(t.analysis_run.c.analyser, t.analysis_run.c.status, t.analysis_run.c.error)
        )
        assert [tuple(r) for r in runs] == [
            (
                "detect",
                "error",
                "the case database failed while the analyser ran: terminating connection due to"
                " administrator command",
            )
        ]
    case.close()


def test_a_statement_time_limit_is_one_line_saying_what_to_do(tmp_path: Path, pg_url: str) -> None:
    _case(tmp_path / "c", pg_url).close()
    database = make_url(pg_url).database
    _admin(f'ALTER DATABASE "{database}" SET statement_timeout = 300')
    holder = create_engine(make_url(SERVER or "").set(database=database))
    try:
        with holder.connect() as conn, conn.begin():  # holds the exhibit table: `ls` waits for it
            conn.execute(text("LOCK TABLE exhibit IN ACCESS EXCLUSIVE MODE"))
            result = _cli("ls", str(tmp_path / "c"))
    finally:
        holder.dispose()
    assert (result.exit_code, result.output) == (
        1,
        f"Error: the server stopped a statement at its time limit in the case database {pg_url} (canceling"
        " statement due to statement timeout); the case is unchanged; ask the database's administrator to"
        " raise or remove statement_timeout for this database user (ALTER ROLE … IN DATABASE … RESET"
        " statement_timeout), then run the command again\n",
    )


def test_a_database_user_who_may_only_read_gets_one_line(tmp_path: Path, pg_url: str) -> None:
    _case(tmp_path / "c", pg_url).close()
    database = make_url(pg_url).database
    role = f"fp_ro_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        _admin(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"', database)
        read_only = make_url(pg_url).set(username=role).render_as_string(hide_password=False)
        _point_at(tmp_path / "c", read_only)
        assert _cli("ls", str(tmp_path / "c")).exit_code == 0
        result = _cli("person", "add", str(tmp_path / "c"), "Ann Example", "--role", "complainant")
        assert (result.exit_code, result.output) == (
            1,
            f"Error: the database user {role} may not do what this command needs in the case database"
            f" {read_only} (permission denied for table person); the change under way was rolled back (what"
            " the command had already saved stays); a command that changes the case needs a database user"
            " that may write the case's tables (one that may only read them can list, search, verify and"
            " report with --out, unrecorded): use such a login, or ask the database's administrator to grant"
            " it (docs/store.md, 'Database users')\n",
        )
    finally:
        _admin(f'DROP OWNED BY "{role}"', database)
        _admin(f'DROP ROLE "{role}"')


def test_the_review_app_says_a_decision_was_not_recorded_when_the_database_is_gone(
    tmp_path: Path, pg_url: str
) -> None:
    from footprint.analyse.base import FindingDraft
    from footprint.web import create_app
    from tests.conftest import store_findings

    case = _case(tmp_path / "c", pg_url)
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    add_exhibit(case, tmp_path / "chat.txt", AddOptions(producer="Ben Example"))
    store_findings(case, "detect", [FindingDraft(1, "threat_to_kill", 0.9, "a threat")])
    fid = case.store.findings()[0].id
    case.close()
    database = make_url(pg_url).database
    app = create_app(tmp_path / "c", _settings(pg_url))
    with opened(app, follow_redirects=False) as client:  # the address `serve` prints
        token = _csrf(client.get(f"/findings/{fid}").text)
        _admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        _admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
        try:
            sent = client.post(
                f"/findings/{fid}/decision", data={"action": "note", "reason": "seen", "csrf": token}
            )
            shown = client.get("/findings")
        finally:
            _admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')

    def alert(page: str) -> str:
        return html.unescape(page.split('<p class="problem" role="alert">')[1].split("</p>")[0])

    lost = (
        f"lost the connection to the case database {pg_url} (connection failed: connection to server at"
        f' "127.0.0.1", port {make_url(pg_url).port} failed: FATAL:  database "{database}" is not currently'
        " accepting connections)"
    )
    assert (sent.status_code, alert(sent.text)) == (
        503,
        f"{lost}; what this page sent (a decision, a note, a change) was NOT recorded; try again when the"
        " database is back",
    )
    assert (shown.status_code, alert(shown.text)) == (
        503,
        f"{lost}; nothing was shown or recorded; try again when the database is back",
    )


def test_case_init_on_a_newer_schema_without_a_case_table_is_one_line(tmp_path: Path, pg_url: str) -> None:
    _admin("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)", make_url(pg_url).database)
    _admin("INSERT INTO alembic_version VALUES ('0099')", make_url(pg_url).database)
    result = _cli("--db", pg_url, "case", "init", str(tmp_path / "c"), "--name", "X")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {tmp_path / 'c'}: this case was made by a newer version of Footprint (schema 0099; this"
        f" version knows schemas up to {head_revision()}); open it with that version or a newer one\n",
    )
    assert not (tmp_path / "c").exists()


def test_another_database_user_for_the_case_database_is_accepted(tmp_path: Path, pg_url: str) -> None:
    # each team member signs in as themselves (the server's logs then say who did what); it had been
    # refused as "not this case's database"
    _case(tmp_path / "c", pg_url).close()
    database = make_url(pg_url).database
    role = f"fp_member_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        _admin(f'GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO "{role}"', database)
        _admin(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"', database)
        member = make_url(pg_url).set(username=role).render_as_string(hide_password=False)
        result = _cli(
            "--db", member, "person", "add", str(tmp_path / "c"), "Ann Example", "--role", "suspect"
        )
        assert (result.exit_code, result.output) == (0, "Added Ann Example (suspect)\n")
    finally:
        _admin(f'DROP OWNED BY "{role}"', database)
        _admin(f'DROP ROLE "{role}"')


def test_case_init_on_a_database_holding_other_tables_is_refused_and_makes_no_folder(
    tmp_path: Path, pg_url: str
) -> None:
    _admin("CREATE TABLE item (id int PRIMARY KEY, junk text)", make_url(pg_url).database)
    result = _cli("--db", pg_url, "case", "init", str(tmp_path / "c"), "--name", "R v Other")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: the database {pg_url} is not empty: it holds tables Footprint did not make (item); nothing"
        " was created. A new case needs an empty database of its own: create one (createdb NAME) and give it"
        " with --db\n",
    )
    assert not (tmp_path / "c").exists()
