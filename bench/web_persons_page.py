"""How long the review app's candidate persons page (``/persons``) takes an advocate while material is
withheld from her: the page that holds her suggestion forms, with the accounts she sees and the people
her material shows.

    PYTHONPATH=src .venv/bin/python bench/web_persons_page.py [--messages 20000] [--runs 9] [--case DIR]
        [--find TEXT]

Writes two synthetic WhatsApp chats of ``--messages`` lines each (invented people), one supplied by the
complainant and one the police added, to a fresh SQLite case (or reuses ``--case``, so the same case can be
timed with another version of ``src``), signs an advocate in through the app (test client, no network) and
times the page ``--runs`` times (with ``--find``, the page whose suggestion forms' lists the search
narrows: ``/persons?find=TEXT``): the median, fastest and slowest.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app

PASSWORD = "correct horse battery"
CHATS = (("JD/1", ("Craig Smith", "Jane Doe"), True), ("PC/1", ("Mark Jones", "Lee Brown"), False))


def build(folder: Path, messages: int, settings: Settings) -> None:
    """The case: her chat with Craig Smith (supplied) and a police chat she may not see."""
    case = Case.init(folder, name="R v Bench", tz="Europe/London", settings=settings)
    for ref, (first, second), supplied in CHATS:
        chat = folder.parent / f"WhatsApp Chat with {first}.txt"
        speakers = (first, second)
        lines = (
            f"14/03/2024, {9 + i // 3600 % 10:02d}:{i // 60 % 60:02d} - {speakers[i % 2]}: message {i}\n"
            for i in range(messages)
        )
        chat.write_text("".join(lines), encoding="utf-8")
        add_exhibit(case, chat, AddOptions(producer="bench", exhibit_ref=ref, victim_supplied=supplied))
    add_user(case, "Ann Advocate", "advocate", PASSWORD)
    case.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--case", type=Path, help="a case this script built before, to time again")
    parser.add_argument("--find", default="", help="search the forms' lists for this")
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator", database_url=None)
    folder = args.case or Path(tempfile.mkdtemp()) / "case"
    if not folder.exists():
        build(folder, args.messages, settings)
    with TestClient(create_app(folder, settings), follow_redirects=False) as browser:
        found = re.search(r'name="csrf" value="([^"]+)"', browser.get("/login").text)
        assert found is not None
        signing = {"user": "Ann Advocate", "password": PASSWORD, "csrf": found.group(1)}
        assert browser.post("/login", data=signing).status_code == 303
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            assert browser.get("/persons", params={"find": args.find} if args.find else {}).status_code == 200
            times.append(time.perf_counter() - start)
    print(
        f"/persons{'?find=' + args.find if args.find else ''} (advocate, {folder}):"
        f" median {statistics.median(times):.3f} s,"
        f" fastest {min(times):.3f} s, slowest {max(times):.3f} s"
    )


if __name__ == "__main__":
    main()
