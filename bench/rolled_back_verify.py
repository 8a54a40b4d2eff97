"""How long `verify` of an older team (PostgreSQL) case holds the locks its rolled-back upgrade takes
(``integrity.rolled_back``), and how long a colleague's read of a locked table waits meanwhile: a case of
``--items`` chat messages is made on a new database, taken back to ``--schema``, and verified; the
database is dropped afterwards.

    FOOTPRINT_TEST_PG_URL=postgresql+psycopg://postgres@HOST:PORT/postgres \\
        PYTHONPATH=src:tests:. python bench/rolled_back_verify.py [--items 3000] [--schema 0009]

Prints the seconds the upgrade took inside the transaction, the seconds the checks took after it (the
locks are held for both, until the rollback), and the seconds a colleague's `SELECT count(*) FROM finding`
begun just after the upgrade waited.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path
from unittest.mock import patch

from click.testing import CliRunner
from sqlalchemy import create_engine, text

from footprint.cli import cli
from footprint.integrity import verify_case
from footprint.integrity.rolled_back import rolled_back
from footprint.settings import Settings
from tests.integrity.test_upgraded_copy import _downgrade

NAMES = ("Ben", "Ann")


def _case(folder: Path, url: str, items: int, schema: str) -> Path:
    chat = folder / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        "".join(
            f"14/03/2024, {9 + i // 3600:02d}:{i // 60 % 60:02d} - {NAMES[i % 2]} Example: message {i}\n"
            for i in range(items)
        ),
        encoding="utf-8",
    )
    case = folder / "c"
    with patch("footprint.case.check_revision", lambda *_: schema):  # the schema `case init` records
        made = CliRunner().invoke(
            cli, ["--actor", "bench", "--db", url, "case", "init", str(case), "--name", "R v B"]
        )
    assert made.exit_code == 0, made.output
    for args in (("add", str(case), str(chat), "--producer", "Ben Example"), ("analyse", str(case))):
        result = CliRunner().invoke(cli, ["--actor", "bench", *args])
        assert result.exit_code == 0, result.output
    _downgrade(url, schema)
    return case


def _colleague(url: str, waited: list[float]) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        started = time.perf_counter()
        conn.execute(text("SELECT count(*) FROM finding")).scalar_one()
        waited.append(time.perf_counter() - started)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--schema", default="0009")
    args = parser.parse_args()
    server = os.environ["FOOTPRINT_TEST_PG_URL"]
    name = f"fp_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.rsplit("/", 1)[0] + f"/{name}"
    try:
        case = _case(Path(tempfile.mkdtemp()), url, args.items, args.schema)
        waited: list[float] = []
        started = time.perf_counter()
        with rolled_back(case, url, Settings(actor="bench", database_url=url)) as older:
            assert older is not None
            upgraded = time.perf_counter()
            colleague = threading.Thread(target=_colleague, args=(url, waited))
            colleague.start()
            report = verify_case(older.case, older.from_schema)
            checked = time.perf_counter()
        colleague.join()
        print(
            f"{args.items} items, schema {args.schema}: upgrade {upgraded - started:.2f} s, checks"
            f" {checked - upgraded:.2f} s ({report.items} items, {len(report.problems)} problems); locks held"
            f" {checked - started:.2f} s; a colleague's read of finding waited {waited[0]:.2f} s"
        )
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
