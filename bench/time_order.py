"""What reading items in time order costs: the time key (``store.ordering.utc_order``) against text order.

    PYTHONPATH=src .venv/bin/python bench/time_order.py [--messages 100000] [--runs 5]

Builds a SQLite case from a synthetic Android chat (``bench/copies.py``'s), then times, alternately, the
time-ordered item query sorted by the stored text (what ``iter_items`` did before) and by the time key
(rows fetched, no items built), and the whole ``iter_items(chronological=True)``. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from copies import write_chat
from sqlalchemy import select

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store.ordering import utc_order


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator", database_url=None)
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
    with tempfile.TemporaryDirectory(prefix="footprint-bench-order-") as work:
        folder = Path(work)
        chat, _ = write_chat(folder, args.messages)
        case = Case.init(folder / "case", name="bench", tz="Europe/London", settings=settings)
        add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
        seconds: dict[str, list[float]] = {name: [] for name in [*orders, "iter_items(chronological=True)"]}
        with case.store.engine.connect() as conn:
            for _ in range(args.runs):
                for name, ordered in orders.items():
                    start = time.perf_counter()
                    conn.execute(ordered).all()
                    seconds[name].append(time.perf_counter() - start)
        for _ in range(args.runs):
            start = time.perf_counter()
            for _item in case.store.iter_items(chronological=True):
                pass
            seconds["iter_items(chronological=True)"].append(time.perf_counter() - start)
        case.close()
    for name, runs in seconds.items():
        print(f"{name}: median {statistics.median(runs):.2f} s ({', '.join(f'{r:.2f}' for r in runs)})")


if __name__ == "__main__":
    main()
