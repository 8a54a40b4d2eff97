"""How long the review app's search of the messages (``/items?q=``) takes on a large exhibit.

    PYTHONPATH=src .venv/bin/python bench/web_search.py [--messages 20000] [--runs 3]

Writes a synthetic Android chat (``bench/copies.py``'s writer: two speakers, invented text), adds it to
a fresh SQLite case and times, through the app (test client, no network), the first search (which indexes
the case), a word in every message, a word in a few, the last page of the common word and a phrase.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.web import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copies import write_chat  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator", database_url=None)
    last = (args.messages + 199) // 200
    searches = [
        ("first search", "message"),
        ("a word in every message", "message"),
        ("a word in a few", "4999"),
        (f"page {last} of every message", "message"),
        ("a phrase", '"message 12"'),
    ]
    with tempfile.TemporaryDirectory(prefix="footprint-bench-web-search-") as work:
        folder = Path(work)
        chat, _ = write_chat(folder, args.messages)
        case = Case.init(folder / "case", name="bench", tz="Europe/London", settings=settings)
        add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
        app = create_app(case.dir, settings)
        with TestClient(app, base_url="http://127.0.0.1:8765") as client:
            client.get(f"/?key={app.state.launch_key}")  # the address `serve` prints: a session
            for what, query in searches:
                page = last if what.startswith("page") else 1
                times = []
                for _ in range(1 if what == "first search" else args.runs):
                    start = time.perf_counter()
                    response = client.get("/items", params={"q": query, "page": str(page)})
                    times.append(time.perf_counter() - start)
                    assert response.status_code == 200, response.text
                count = response.text.split('<p class="count">', 1)[1].split(" item", 1)[0]
                shown = ", ".join(f"{t:.2f}" for t in times)
                print(f"{what} ({query!r}, page {page}): {count} match; {shown} s")
        case.close()


if __name__ == "__main__":
    main()
