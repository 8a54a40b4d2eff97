"""What reading items in time order costs: the time key (``store.ordering.utc_order``) against text order.

    PYTHONPATH=src .venv/bin/python bench/time_order.py [--messages 100000] [--runs 5] [--db SERVER_URL]

Builds a case from a synthetic Android chat (``bench/copies.py``'s) on SQLite, or with ``--db
postgresql+psycopg://USER@HOST:PORT/postgres`` in a new database on that server (dropped afterwards),
then times, alternately, the time-ordered item query sorted by the stored text (what ``iter_items`` did
before) and by the time key (rows fetched, no items built), and the whole
``iter_items(chronological=True)``. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from copies import write_chat
from scratch_db import scratch_database
from sqlalchemy import select

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store.ordering import utc_order

WHOLE = "iter_items(chronological=True)"


def _timed(orders: dict[str, Any], messages: int, runs: int, settings: Settings) -> dict[str, list[float]]:
    """Seconds per run of each ordered query and of the whole time-ordered ``iter_items``."""
    with tempfile.TemporaryDirectory(prefix="footprint-bench-order-") as work:
        folder = Path(work)
        chat, _ = write_chat(folder, messages)
        case = Case.init(folder / "case", name="bench", tz="Europe/London", settings=settings)
        try:
            add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
            seconds: dict[str, list[float]] = {name: [] for name in [*orders, WHOLE]}
            with case.store.engine.connect() as conn:
                for _ in range(runs):
                    for name, ordered in orders.items():
                        start = time.perf_counter()
                        conn.execute(ordered).all()
                        seconds[name].append(time.perf_counter() - start)
            for _ in range(runs):
                start = time.perf_counter()
                for _item in case.store.iter_items(chronological=True):
                    pass
                seconds[WHOLE].append(time.perf_counter() - start)
        finally:
            case.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", metavar="SERVER_URL", help="a PostgreSQL server for the case")
    args = parser.parse_args()
    author = t.account.alias("author")
    query = (
        select(t.item, t.exhibit.c.ref.label("exhibit_ref"), author.c.key.label("author_key"))
        .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .outerjoin(author, author.c.id == t.item.c.author_account_id)
    )
    at = t.item.c.sent_at_utc
    orders = {
        "sorted by the text": query.order_by(at.is_(None), at, t.item.c.id),
        "sorted by the time key": query.order_by(
            at.is_(None), utc_order(at), t.item.c.exhibit_id, t.item.c.seq
        ),
    }
    with scratch_database(args.db) as url:
        settings = Settings(actor="bench", role="investigator", database_url=url)
        seconds = _timed(orders, args.messages, args.runs, settings)
    for name, runs in seconds.items():
        print(f"{name}: median {statistics.median(runs):.2f} s ({', '.join(f'{r:.2f}' for r in runs)})")


if __name__ == "__main__":
    main()
