"""The same case on PostgreSQL as on SQLite (teams' server). Needs FOOTPRINT_TEST_PG_URL."""

from __future__ import annotations

import gc
import json
import os
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from footprint.case import Case
from footprint.integrity import verify_case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store.item_rows import ITEM_COLUMNS
from tests.conftest import DATA

pytestmark = pytest.mark.postgres
SERVER = os.environ.get("FOOTPRINT_TEST_PG_URL")
CHAT = (
    "14/03/2024, 09:15 - Ann Example: I will kill you\n14/03/2024, 09:16 - Ben Example: please stop\nsoon\n"
)


def _build(directory: Path, url: str | None, tmp_path: Path) -> Case:
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(directory, name="R v Example", tz="Europe/London", settings=settings)
    add_person(case, "Ben Example", "complainant")
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(CHAT, encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Ben Example"))
    add_exhibit(case, DATA / "incidents_csv" / "incidents.csv", AddOptions(producer="PC Example"))
    add_exhibit(
        case,
        DATA / "csv_generic" / "sms_export.csv",
        AddOptions(
            producer="Ben Example",
            format="csv_generic",
            platform="sms",
            tz="Europe/London",
            column_map={
                "text": "body",
                "sent_at": "when",
                "author": "who",
                "recipient": "to",
                "id": "msg_id",
            },
        ),
    )
    attribute_account(case, "whatsapp:Ben Example", "Ben Example", "self-export owner", as_complainant=True)
    return case


def test_postgres_case_matches_sqlite(tmp_path: Path, pg_url: str) -> None:
    lite = _build(tmp_path / "lite", None, tmp_path)
    pg = _build(tmp_path / "pg", pg_url, tmp_path)
    assert pg.store.engine.dialect.name == "postgresql"

    def shape(case: Case) -> list[tuple[object, ...]]:
        return [
            (
                i.exhibit,
                i.locator,
                i.kind,
                i.author,
                i.recipients,
                i.sent_at_utc,
                i.text,
                i.attachments,
                i.details,
            )
            for i in case.store.iter_items()
        ]

    assert shape(pg) == shape(lite)
    assert len(shape(pg)) == 9
    assert [(a.key, a.person) for a in pg.store.accounts()] == [
        (a.key, a.person) for a in lite.store.accounts()
    ]
    assert [w.message for w in pg.store.warnings()] == [w.message for w in lite.store.warnings()]
    hits = pg.store.search("kill")
    assert [(h.exhibit, h.locator) for h in hits] == [("BE/1", "line 1")]
    assert "«kill»" in hits[0].snippet
    report = verify_case(pg)
    assert (report.exhibits, report.problems) == (3, [])
    pg.close()
    lite.close()


@pytest.mark.parametrize("parallel_from", [1 << 20, 0], ids=["in the writer", "in the parsing process"])
def test_every_item_column_is_stored_on_postgresql_exactly_as_on_sqlite(
    tmp_path: Path, pg_url: str, parallel_from: int
) -> None:
    # Text COPY's text format must escape: tab, backslash, \N (its NULL), \. (its end), CR, new lines.
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        "14/03/2024, 09:15 - Ann Example: a\tb \\ c:\\path\\new \\N \\t\r\n"
        "14/03/2024, 09:16 - Ben Example: \\N\n"
        "\\.\n"
        "14/03/2024, 09:17 - Ann Example: <Media omitted>\n"
        "14/03/2024, 09:18 - Ann Example: This message was deleted\n"
        "14/03/2024, 09:19 - Ben Example: \u00e9\u0301 \U0001f52a \u202e x\n",
        encoding="utf-8",
    )

    def rows(url: str | None, folder: str) -> list[tuple[object, ...]]:
        settings = Settings(
            actor="tester", role="investigator", database_url=url, parallel_parse_min_bytes=parallel_from
        )
        case = Case.init(tmp_path / folder, name="R v Rows", tz="Europe/London", settings=settings)
        add_exhibit(case, chat, AddOptions(producer="Ben Example"))
        with case.store.engine.connect() as conn:
            found = [tuple(r) for r in conn.execute(select(t.item).order_by(t.item.c.id))]
        case.close()
        return found

    lite = rows(None, "lite")
    assert len(lite) == 5
    assert lite[0][ITEM_COLUMNS.index("text")] == "a\tb \\ c:\\path\\new \\N \\t"
    assert lite[1][ITEM_COLUMNS.index("text")] == "\\N\n\\."
    assert rows(pg_url, "pg") == lite


def test_postgres_audit_tamper_is_detected(tmp_path: Path, pg_url: str) -> None:
    case = _build(tmp_path / "pg", pg_url, tmp_path)
    with case.store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit DISABLE TRIGGER audit_no_update"))
        conn.execute(text("UPDATE audit SET actor = 'mallory' WHERE seq = 2"))
    changed = "audit entry 2 (person add) was changed after it was written"
    assert verify_case(case).problems == [
        changed,
        "database guard audit_no_update is missing or disabled, so rows of table audit can be changed"
        " (changed outside Footprint)",
    ]
    with case.store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit ENABLE TRIGGER audit_no_update"))
    assert verify_case(case).problems == [changed]
    case.close()


def test_audit_entries_written_at_once_from_two_connections_keep_one_chain(
    tmp_path: Path, pg_url: str
) -> None:
    import threading

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings).close()
    cases = [Case.open(tmp_path / "case", settings) for _ in range(2)]  # as two processes would
    errors: list[BaseException] = []

    def views(case: Case, who: str) -> None:
        try:
            for n in range(15):
                case.acting_as(who, "reviewer").record("web view finding", f"finding {n}")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [
        threading.Thread(target=views, args=(c, w)) for c, w in zip(cases, ("Ann", "Ben"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = [e.seq for e in cases[0].store.audit_entries()]
    assert seqs == list(range(1, 32))  # case init + 30 views, no gap, no repeat
    assert verify_case(cases[0]).problems == []
    for case in cases:
        case.close()


def test_findings_and_search_hits_come_in_the_same_order_as_on_sqlite(tmp_path: Path, pg_url: str) -> None:
    import footprint.analyse  # noqa: F401  (registers the analysers)
    from footprint.analyse.base import run_analysers

    cases = []
    for name, url in (("lite", None), ("pg", pg_url)):
        case = _build(tmp_path / name, url, tmp_path)
        add_person(case, "Ann Example", "suspect")
        attribute_account(case, "whatsapp:Ann Example", "Ann Example", "investigator's decision")
        run_analysers(case)
        cases.append(case)
    lite, pg = cases

    def findings(case: Case) -> list[tuple[object, ...]]:
        return [(f.exhibit, f.locator, f.category, f.explanation) for f in case.store.findings()]

    assert any(f.item_id is None for f in lite.store.findings())  # a case-level finding (no item)
    assert findings(pg) == findings(lite)
    for case in cases:
        case.close()


def test_postgres_search_takes_phrases_and_prefixes_as_sqlite_does(tmp_path: Path, pg_url: str) -> None:
    lite = _build(tmp_path / "lite", None, tmp_path)
    pg = _build(tmp_path / "pg", pg_url, tmp_path)
    for query in ('"will kill"', '"kill will"', "ki*", "kil* you", '"I will" kil*', "will-kill", "kill&you"):
        expected = [(h.exhibit, h.locator) for h in lite.store.search(query)]
        assert [(h.exhibit, h.locator) for h in pg.store.search(query)] == expected, query
    assert [h.locator for h in pg.store.search('"kill will"')] == []
    assert [h.locator for h in pg.store.search("ki*")] == ["line 1"]
    for store in (lite.store, pg.store):  # narrowed to one exhibit: its hits, counted alike
        [ref] = {h.exhibit for h in store.search("ki*")}
        assert [h.locator for h in store.search("ki*", exhibit=ref)] == ["line 1"]
        assert (store.search_count("ki*", ref), store.search_count("ki*", "NO/1")) == (1, 0)
        assert store.search("ki*", exhibit="NO/1") == []
    lite.close()
    pg.close()


def test_a_decision_waits_for_an_analyser_run_being_written_and_then_refuses_its_old_finding(
    tmp_path: Path, pg_url: str
) -> None:
    import threading

    from footprint.analyse.base import FindingDraft
    from footprint.errors import NotFoundError
    from footprint.review import decide
    from tests.conftest import store_findings

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings)
    store_findings(case, "labels", [FindingDraft(None, "threat_to_kill", 0.9, "a test finding")])
    old = case.store.findings()[0].id
    reviewer = Case.open(tmp_path / "case", settings)  # the review app, as another process would
    outcome: list[BaseException | int] = []
    written = threading.Event()

    def review() -> None:
        written.wait(10)
        try:
            outcome.append(decide(reviewer, old, "confirm", "clear threat"))
        except BaseException as exc:  # noqa: BLE001 - asserted below
            outcome.append(exc)

    thread = threading.Thread(target=review)
    thread.start()
    with case.transaction() as (tx, record):  # the analysers run again: written, not yet committed
        run_id = tx.add_run(
            analyser="labels",
            version=1,
            settings_hash="x",
            started_utc="2024-06-01T00:00:00Z",
            status="ok",
            error=None,
        )
        tx.add_findings(run_id, [FindingDraft(None, "threat_to_kill", 0.9, "a test finding")])
        record("analyse", "labels")
        written.set()
        thread.join(1.0)
        assert thread.is_alive()  # the decision waits for the run
    thread.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], NotFoundError), outcome
    assert verify_case(case).problems == []
    reviewer.close()
    case.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql+psycopg://footprint:s3cret@127.0.0.1:1/r_v_smith",
            "Error: cannot reach the case database postgresql+psycopg://footprint:***@127.0.0.1:1/r_v_smith",
        ),
        ("mysql://x@127.0.0.1/x", "Error: database URL mysql://x@127.0.0.1/x cannot be used"),
        ("garbage", "Error: database URL (not shown: it is not a URL, and may hold a password;"),
        (
            "host=127.0.0.1 user=footprint password=s3cret dbname=x",
            "Error: database URL (not shown: it is not a URL, and may hold a password;",
        ),
        (
            "postgresql+psycopg://footprint:Top@s3cret@127.0.0.1:1/r_v_smith",
            "Error: database URL postgresql+psycopg://… (not shown: it has an '@' after the one that ends",
        ),
        (
            "postgresql+psycopg://footprint@127.0.0.1:1/r_v_smith?password=s3cret",
            "Error: cannot reach the case database"
            " postgresql+psycopg://footprint@127.0.0.1:1/r_v_smith?password=***:",
        ),
        (
            "postgresql+psycopg://footprint@127.0.0.1:5439x/r_v_smith",
            "Error: database URL postgresql+psycopg://… (not shown: its port is not a number);",
        ),
    ],
)
def test_a_database_that_cannot_be_used_is_one_line_not_a_traceback(
    tmp_path: Path, url: str, expected: str
) -> None:
    from click.testing import CliRunner

    from footprint.cli import cli

    lite = Settings(actor="tester", role="investigator")
    Case.init(tmp_path / "lite", name="R v Lite", tz=None, settings=lite).close()
    # an existing case refuses a database that is not its own before connecting to it
    elsewhere = f"Error: {tmp_path / 'lite'}: the database given by --db or FOOTPRINT_DATABASE_URL ("
    for args in (["case", "init", str(tmp_path / "new"), "--name", "R v X"], ["ls", str(tmp_path / "lite")]):
        result = CliRunner().invoke(cli, ["--actor", "tester", "--db", url, *args])
        assert result.exit_code == 1, result.output
        readable = "(not shown:" not in expected and args[0] == "ls"
        assert result.output.startswith(elsewhere if readable else expected), result.output
        assert len(result.output.strip().splitlines()) == 1
        assert "s3cret" not in result.output
        assert not (tmp_path / "new").exists()


def test_case_init_refuses_a_database_that_holds_another_case(tmp_path: Path, pg_url: str) -> None:
    from click.testing import CliRunner

    from footprint.cli import cli

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    Case.init(tmp_path / "first", name="R v First", tz="Europe/London", settings=settings).close()
    result = CliRunner().invoke(
        cli,
        ["--actor", "tester", "--db", pg_url, "case", "init", str(tmp_path / "second"), "--name", "R v X"],
    )
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: the database already holds the case 'R v First'")
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "second").exists()
    case = Case.open(tmp_path / "first", settings)
    assert case.info.name == "R v First"
    assert [e.action for e in case.store.audit_entries()] == ["case init"]
    case.close()


def test_the_unused_material_schedule_names_the_database_the_case_is_in(tmp_path: Path, pg_url: str) -> None:
    from footprint.report.build import build_report
    from footprint.report.schedules import mg6c

    lite = _build(tmp_path / "lite", None, tmp_path)
    pg = _build(tmp_path / "pg", pg_url, tmp_path)
    assert ",case database (case.db)," in mg6c(build_report(lite))
    schedule = mg6c(build_report(pg))
    assert "case.db" not in schedule
    assert ",case database (PostgreSQL)," in schedule
    lite.close()
    pg.close()


@pytest.mark.parametrize("on", ["sqlite", "postgresql"])
def test_a_nul_character_is_kept_as_a_symbol_with_a_warning_on_both_databases(
    tmp_path: Path, on: str, request: pytest.FixtureRequest
) -> None:
    # PostgreSQL refused the whole exhibit for one NUL, naming neither the file nor the line
    url = request.getfixturevalue("pg_url") if on == "postgresql" else None
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings)
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        "14/03/2024, 09:15 - Ann\x00 Example: I will \x00kill you\n14/03/2024, 09:16 - Ben Example: ok\n",
        encoding="utf-8",
    )
    result = add_exhibit(case, chat, AddOptions(producer="Ben Example"))
    assert [i.text for i in case.store.iter_items()] == ["I will \u2400kill you", "ok"]
    assert [(w.locator, w.message, w.raw) for w in case.store.warnings(result.ref)] == [
        (
            "line 1",
            "NUL characters (U+0000) in this record are kept as \u2400 (U+2400), on SQLite as on PostgreSQL"
            " (which cannot store them); the original file in the vault keeps them",
            "14/03/2024, 09:15 - Ann\u2400 Example: I will \u2400kill you",
        )
    ]
    assert "whatsapp:Ann\u2400 Example" in {a.key for a in case.store.accounts()}
    assert verify_case(case).problems == []
    case.close()


def test_names_and_keys_sort_as_on_sqlite_whatever_the_servers_collation(tmp_path: Path) -> None:
    if not SERVER:
        pytest.skip("FOOTPRINT_TEST_PG_URL is not set (.ci/postgres.sh starts a server and prints it)")
    name = f"fp_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        try:  # a team's server set up for British English sorts "alex" before "Bob"; SQLite does not
            conn.execute(
                text(
                    f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu'
                    " ICU_LOCALE 'en-GB' LOCALE 'C.UTF-8'"
                )
            )
        except Exception:  # noqa: BLE001 - a server before PostgreSQL 15 or without ICU
            pytest.skip("this PostgreSQL server cannot create an ICU en-GB database")
    try:
        orders = []
        for where, url in (("lite", None), ("pg", SERVER.rsplit("/", 1)[0] + f"/{name}")):
            settings = Settings(actor="tester", role="investigator", database_url=url)
            case = Case.init(tmp_path / where, name="R v Example", tz="Europe/London", settings=settings)
            for person in ("alex Example", "Bob Example", "Zoë Example", "zoe Example"):
                add_person(case, person, "witness")
            orders.append([p.name for p in case.store.persons()])
            case.close()
        assert orders[1] == orders[0] == ["Bob Example", "Zoë Example", "alex Example", "zoe Example"]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_report_is_read_as_at_one_moment_on_postgresql(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.report.test_as_at_one_moment import check_as_at_one_moment

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings)
    check_as_at_one_moment(case, tmp_path, monkeypatch)
    assert verify_case(case).problems == []
    case.close()


def test_the_case_folder_keeps_no_database_password(tmp_path: Path, pg_url: str) -> None:
    from sqlalchemy import make_url

    secret = make_url(pg_url).set(password="s3cret").render_as_string(hide_password=False)
    settings = Settings(actor="tester", role="investigator", database_url=secret)
    Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings).close()
    stored = json.loads((tmp_path / "case" / "case.json").read_text(encoding="utf-8"))["database_url"]
    assert "s3cret" not in stored
    assert make_url(stored) == make_url(pg_url)
    later = Case.open(
        tmp_path / "case", Settings(actor="tester", role="investigator")
    )  # the server trusts us
    assert later.info.name == "R v Example"
    later.close()


def test_a_password_given_in_the_query_is_not_kept_in_the_case_folder(tmp_path: Path, pg_url: str) -> None:
    in_query = f"{pg_url}?password=s3cr%25t&connect_timeout=5"
    settings = Settings(actor="tester", role="investigator", database_url=in_query)
    Case.init(tmp_path / "case", name="R v Query", tz="Europe/London", settings=settings).close()
    config = (tmp_path / "case" / "case.json").read_text(encoding="utf-8")
    assert "s3cr" not in config
    assert json.loads(config)["database_url"] == f"{pg_url}?connect_timeout=5"


def test_a_database_other_than_the_one_case_json_names_is_refused(tmp_path: Path, pg_url: str) -> None:
    # `--db URL2 ls X1` showed case two for folder X1, and writes moved X1's audit.head
    from click.testing import CliRunner
    from sqlalchemy import make_url

    from footprint.cli import cli

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    Case.init(tmp_path / "x1", name="R v One", tz="Europe/London", settings=settings).close()
    head = (tmp_path / "x1" / "audit.head").read_text(encoding="ascii")
    other = make_url(pg_url).set(database="case_two", password="s3cret")
    for url in (other, other.set(database=make_url(pg_url).database, port=1)):
        given = url.render_as_string(hide_password=False)
        for args in (
            ["ls", str(tmp_path / "x1")],
            ["person", "add", str(tmp_path / "x1"), "Ann", "--role", "suspect"],
        ):
            result = CliRunner().invoke(cli, ["--actor", "tester", "--db", given, *args])
            assert (result.exit_code, result.output) == (
                1,
                f"Error: {tmp_path / 'x1'}: the database given by --db or FOOTPRINT_DATABASE_URL"
                f" ({url.render_as_string(hide_password=True)}) is not this case's database ({pg_url}, named"
                " in case.json); nothing was done. Leave out --db and unset FOOTPRINT_DATABASE_URL to use the"
                " case's own database (a case whose database has moved: docs/store.md, 'Moving a case's"
                " database')\n",
            )
    assert (tmp_path / "x1" / "audit.head").read_text(encoding="ascii") == head
    # the same database, with a password and the port written out, is the case's own
    same = make_url(pg_url).set(password="s3cret")
    same = same.set(port=same.port or 5432).render_as_string(hide_password=False)
    assert Case.database_url(tmp_path / "x1", settings.model_copy(update={"database_url": same})) == same


@contextmanager
def _lose_the_connection_at(statement: str) -> Iterator[None]:
    """Terminate the server session of the first statement that starts with ``statement`` just before it
    runs (the database lost mid-command)."""
    from sqlalchemy import Engine, event

    admin = create_engine(SERVER or "", isolation_level="AUTOCOMMIT")
    done: list[int] = []

    def terminate(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if not done and sql.lstrip().upper().startswith(statement):
            done.append(conn.connection.dbapi_connection.info.backend_pid)
            with admin.connect() as own:
                own.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": done[0]})

    event.listen(Engine, "before_cursor_execute", terminate)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", terminate)
        admin.dispose()
        # the command's process would end here; its engine, never disposed after the error, goes now with
        # the other connection of its pool (psycopg warns of a connection deleted while open)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
    assert done, f"no statement began with {statement}"


LOST = (
    "Error: lost the connection to the case database {url} (terminating connection due to administrator"
    " command); {what}\n"
)


def test_a_database_lost_during_a_read_is_one_line_naming_it(tmp_path: Path, pg_url: str) -> None:
    from click.testing import CliRunner

    from footprint.cli import cli

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    Case.init(tmp_path / "case", name="R v Lost", tz="Europe/London", settings=settings).close()
    with _lose_the_connection_at("SELECT EXHIBIT."):
        result = CliRunner().invoke(cli, ["--actor", "tester", "ls", str(tmp_path / "case")])
    assert (result.exit_code, result.output) == (
        1,
        LOST.format(
            url=pg_url, what="the case is unchanged; run the command again when the database is back"
        ),
    )


def test_a_database_lost_during_an_add_is_not_blamed_on_the_file(tmp_path: Path, pg_url: str) -> None:
    from click.testing import CliRunner

    from footprint.cli import cli

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    Case.init(tmp_path / "case", name="R v Lost", tz="Europe/London", settings=settings).close()
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(CHAT, encoding="utf-8")
    with _lose_the_connection_at("INSERT INTO EXHIBIT"):
        result = CliRunner().invoke(
            cli, ["--actor", "tester", "add", str(tmp_path / "case"), str(chat), "--producer", "Ben Example"]
        )
    assert (result.exit_code, result.output) == (
        1,
        LOST.format(
            url=pg_url,
            what="the change under way was rolled back (what the command had already saved stays): when the"
            " database is back, look at the case (`footprint ls DIR`) before running the command again",
        ),
    )
    assert [p for p in (tmp_path / "case" / "vault").rglob("*") if p.is_file()] == []
    case = Case.open(tmp_path / "case", settings)
    assert (case.store.exhibits(), [e.action for e in case.store.audit_entries()]) == ([], ["case init"])
    case.close()


def test_a_report_with_a_bundle_is_all_or_nothing_on_postgresql(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundle's zip is written inside the transaction that records its entry, reading the audit log
    # through that transaction; a failure rolls the entries back.
    import errno

    from footprint.errors import ReportError
    from footprint.report import ReportOptions, write_outputs
    from footprint.report import write as report_write
    from footprint.report.bundle import verify_bundle
    from tests.report.planted import build_case

    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = build_case(
        Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings),
        tmp_path / "inputs",
    )
    entries = list(case.store.audit_entries())
    real = report_write.write_bundle

    def full(path: Path, files: dict[str, bytes | Path]) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report_write, "write_bundle", full)
    with pytest.raises(ReportError, match=r"reports/bundle\.zip: could not be written"):
        write_outputs(case, ReportOptions(bundle=True))
    assert list(case.store.audit_entries()) == entries
    monkeypatch.setattr(report_write, "write_bundle", real)
    written = write_outputs(case, ReportOptions(bundle=True))
    assert [e.action for e in case.store.audit_entries()][len(entries) :] == ["bundle", "report"]
    bundle = next(p for p in written.paths if p.name == "bundle.zip")
    assert verify_bundle(bundle).problems == [] and verify_case(case).problems == []
    case.close()
