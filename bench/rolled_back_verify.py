"""How long `verify` of an older team (PostgreSQL) case holds the locks its rolled-back upgrade takes
(``integrity.rolled_back``), and how long a colleague's read of a locked table waits meanwhile: a case of
``--items`` chat messages (with an attached file of ``--vault-mb`` MB, which the vault holds) is made on a
new database, taken back to ``--schema``, and verified; the database is dropped afterwards.

    FOOTPRINT_TEST_PG_URL=postgresql+psycopg://postgres@HOST:PORT/postgres \\
        PYTHONPATH=src:tests:. python bench/rolled_back_verify.py [--items 3000] [--schema 0009] \\
        [--vault-mb 0] [--hold-locks] [--advocate]

Prints the seconds the upgrade took inside the transaction, the seconds the database was read after it
(the locks are held for both, until the rollback), the seconds the case folder's files were checked after
the rollback (the vault hashed), and the seconds a colleague's `SELECT count(*) FROM finding` begun just
after the upgrade waited. ``--hold-locks``: the rollback waits for the file checks too, as before session
18's change (and with a ``verify_case`` that takes no ``release``, as before it). ``--advocate``: her
narrowed `verify` (``integrity.narrowed``; the case's one exhibit is not one she supplied), whose locks
were held while the vault was hashed until session 19 (``--hold-locks`` again as before it).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from unittest.mock import patch

from click.testing import CliRunner
from scratch_db import scratch_database
from sqlalchemy import create_engine, text

from footprint.cli import cli
from footprint.integrity import verify_case
from footprint.integrity.narrowed import verify_narrowed
from footprint.integrity.rolled_back import rolled_back
from footprint.settings import Settings
from tests.integrity.test_upgraded_copy import _downgrade

NAMES = ("Ben", "Ann")


def _case(folder: Path, url: str, items: int, schema: str, vault_mb: int) -> Path:
    text_ = "".join(
        f"14/03/2024, {9 + i // 3600:02d}:{i // 60 % 60:02d} - {NAMES[i % 2]} Example: message {i}\n"
        for i in range(items)
    )
    chat = folder / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(text_, encoding="utf-8")
    if vault_mb:  # the chat and a large attached file, as WhatsApp exports them
        chat = folder / "WhatsApp Chat with Ann Example.zip"
        with zipfile.ZipFile(chat, "w") as archive:
            archive.writestr(
                "WhatsApp Chat with Ann Example.txt",
                "14/03/2024, 08:59 - Ann Example: VID-0001.mp4 (file attached)\n" + text_,
            )
            with archive.open("VID-0001.mp4", "w", force_zip64=True) as video:
                block = os.urandom(1 << 20)
                for _ in range(vault_mb):
                    video.write(block)
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
    parser.add_argument("--vault-mb", type=int, default=0)
    parser.add_argument("--hold-locks", action="store_true")
    parser.add_argument("--advocate", action="store_true")
    args = parser.parse_args()
    server = os.environ["FOOTPRINT_TEST_PG_URL"]
    with scratch_database(server) as url:
        assert url is not None
        case = _case(Path(tempfile.mkdtemp()), url, args.items, args.schema, args.vault_mb)
        waited: list[float] = []
        released: list[float] = []
        started = time.perf_counter()
        with rolled_back(case, url, Settings(actor="bench", database_url=url)) as older:
            assert older is not None
            upgraded = time.perf_counter()
            colleague = threading.Thread(target=_colleague, args=(url, waited))
            colleague.start()

            def release() -> None:
                older.release()
                released.append(time.perf_counter())

            ending = None if args.hold_locks else release
            if args.advocate:
                hers = verify_narrowed(older.case.acting_as("bench", "advocate"), ending)
                what, problems = f"{hers.withheld} withheld exhibit", hers.problems
            else:
                report = verify_case(older.case, older.from_schema, ending)
                what, problems = f"{report.items} items", report.problems
            checked = time.perf_counter()
        ended = released[0] if released else time.perf_counter()
        colleague.join()
        print(
            f"{args.items} items, {args.vault_mb} MB attached, schema {args.schema}: upgrade"
            f" {upgraded - started:.2f} s, checks {checked - upgraded:.2f} s, of which after the rollback"
            f" {max(checked - ended, 0):.2f} s ({what}, {len(problems)} problems); locks"
            f" held {ended - started:.2f} s; a colleague's read of finding waited {waited[0]:.2f} s"
        )
        for problem in problems:
            print(f"PROBLEM: {problem}")


if __name__ == "__main__":
    main()
