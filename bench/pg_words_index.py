"""Ways to add a large exhibit's search words on PostgreSQL: how long each takes, and whether a search
from another session meanwhile has to wait.

Run: ``.venv/bin/python bench/pg_words_index.py --db postgresql+psycopg://USER@HOST:PORT/postgres
[--messages 500000] [--indexed 0]``. In a throwaway database, ``--indexed`` messages' words are
indexed first (the case before the add); then, in one transaction per way, the words of
``--messages`` more (already in a temporary table, as ``add`` stages them) go into ``item_words``:

- ``drop and rebuild``: drop the GIN index, insert, build it again (Footprint before schema 0006);
- ``insert into the index``: keep the index and insert into it;
- ``pending list``: the same with ``gin_pending_list_limit`` at 2 GB, then ``gin_clean_pending_list``;
- ``table of its own``: fill a new table, build its key and index, attach it as a partition (0006).

Each way is timed from the insert to the commit, in wall time and in the server process's CPU time
(read from ``/proc``: the server must run on this machine), which the load of other work changes
less. Just before the commit (not timed) a second session
searches with ``lock_timeout`` 300 ms, and either answers or says it waited. The words are made by
``footprint.store.search_words`` from the synthetic export ``bench/ingest_whatsapp.py`` uses.
"""

from __future__ import annotations

import argparse
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg

from footprint.store.search_words import copy_text
from footprint.synth.bulk import bulk_lines

COLUMNS = "item_id integer NOT NULL, part integer NOT NULL, words tsvector NOT NULL"
SEARCH = "SELECT count(*) FROM item_words WHERE words @@ CAST('gym' AS tsquery)"
INDEX_SIZE = (
    "SELECT sum(pg_indexes_size(oid)) FROM pg_class WHERE relname LIKE 'item_words%' AND relkind = 'r'"
)


def _plain(conn: psycopg.Connection) -> str:
    conn.execute(f"CREATE TABLE item_words ({COLUMNS}, PRIMARY KEY (item_id, part))")
    conn.execute("CREATE INDEX ix_item_words ON item_words USING gin (words)")
    return "item_words"


def _partitioned(conn: psycopg.Connection) -> str:
    conn.execute(
        f"CREATE TABLE item_words ({COLUMNS}, generation integer NOT NULL) PARTITION BY LIST (generation)"
    )
    conn.execute("CREATE INDEX ix_item_words ON item_words USING gin (words)")
    key = "PRIMARY KEY (item_id, part)"
    conn.execute(f"CREATE TABLE item_words_1 ({COLUMNS}, generation integer NOT NULL DEFAULT 1, {key})")
    conn.execute("ALTER TABLE item_words ATTACH PARTITION item_words_1 FOR VALUES IN (1)")
    return "item_words_1"


def _drop_and_rebuild(conn: psycopg.Connection) -> None:
    conn.execute("DROP INDEX ix_item_words")
    conn.execute("INSERT INTO item_words SELECT * FROM staged")
    conn.execute("CREATE INDEX ix_item_words ON item_words USING gin (words)")
    conn.execute("ANALYZE item_words")


def _insert(conn: psycopg.Connection) -> None:
    conn.execute("INSERT INTO item_words SELECT * FROM staged")


def _pending_list(conn: psycopg.Connection) -> None:
    conn.execute("SET LOCAL gin_pending_list_limit = '2GB'")
    conn.execute("INSERT INTO item_words SELECT * FROM staged")
    conn.execute("SELECT gin_clean_pending_list('ix_item_words')")


def _table_of_its_own(conn: psycopg.Connection) -> None:
    conn.execute(
        f"CREATE TABLE item_words_2 ({COLUMNS}, generation integer NOT NULL DEFAULT 2 CHECK (generation = 2))"
    )
    conn.execute("INSERT INTO item_words_2 (item_id, part, words) SELECT * FROM staged")
    conn.execute("ALTER TABLE item_words_2 ADD PRIMARY KEY (item_id, part)")
    conn.execute("CREATE INDEX ix_item_words_2 ON item_words_2 USING gin (words)")
    conn.execute("ALTER TABLE item_words ATTACH PARTITION item_words_2 FOR VALUES IN (2)")
    conn.execute("ANALYZE item_words")  # the parent too: autovacuum never analyses a partitioned table


WAYS: dict[str, tuple[Callable[[psycopg.Connection], str], Callable[[psycopg.Connection], None]]] = {
    "drop and rebuild": (_plain, _drop_and_rebuild),
    "insert into the index": (_plain, _insert),
    "pending list": (_plain, _pending_list),
    "table of its own": (_partitioned, _table_of_its_own),
}


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a server process on this machine, from ``/proc``."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(server: str, way: str, indexed: str, new: str) -> None:
    """Time one way in a database of its own, dropped afterwards."""
    name = f"fp_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with (
                psycopg.connect(server + name) as writer,
                psycopg.connect(server + name, autocommit=True) as reader,
            ):
                make, add = WAYS[way]
                first = make(writer)  # the table the words already indexed are in
                with writer.cursor().copy(f"COPY {first} (item_id, part, words) FROM STDIN") as copy:
                    copy.write(indexed)
                writer.commit()
                writer.execute(f"CREATE TEMP TABLE staged ({COLUMNS})")
                with writer.cursor().copy("COPY staged FROM STDIN") as copy:
                    copy.write(new)
                writer.commit()
                backend = writer.execute("SELECT pg_backend_pid()").fetchone()[0]  # type: ignore[index]
                cpu = _cpu_seconds(backend)
                begun = time.perf_counter()
                add(writer)
                seconds = time.perf_counter() - begun
                reader.execute("SET lock_timeout = 300")
                try:
                    meanwhile = f"answered ({reader.execute(SEARCH).fetchone()[0]:,} hits)"  # type: ignore[index]
                except psycopg.errors.LockNotAvailable:
                    meanwhile = "waited (lock timeout)"
                begun = time.perf_counter()
                writer.commit()
                seconds += time.perf_counter() - begun  # the search meanwhile is not counted
                cpu = _cpu_seconds(backend) - cpu
                size = writer.execute(INDEX_SIZE).fetchone()[0]  # type: ignore[index]
                begun = time.perf_counter()
                writer.execute(SEARCH).fetchone()
                search_ms = 1000 * (time.perf_counter() - begun)
            times = f"{seconds:>8.2f} s  server CPU {cpu:>6.2f} s"
            after = f"indexes {size / 2**20:>5.0f} MB   'gym' {search_ms:>5.0f} ms"
            print(f"{way:<24}{times}   {after}   search meanwhile: {meanwhile}")
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, metavar="SERVER_URL", help="a PostgreSQL server")
    parser.add_argument("--messages", type=int, default=500_000, help="messages added")
    parser.add_argument("--indexed", type=int, default=0, help="messages already indexed")
    parser.add_argument("--only", action="append", choices=sorted(WAYS))
    args = parser.parse_args()
    server = args.db.replace("postgresql+psycopg://", "postgresql://").rsplit("/", 1)[0] + "/"
    texts = [line.text for line in bulk_lines(args.indexed + args.messages)]
    indexed = copy_text(enumerate(texts[: args.indexed], 1))
    new = copy_text(enumerate(texts[args.indexed :], args.indexed + 1))
    print(f"{args.messages:,} messages added to {args.indexed:,} indexed")
    for way in args.only or WAYS:
        run(server, way, indexed, new)


if __name__ == "__main__":
    main()
