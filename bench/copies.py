"""What recognising copies costs an add: the same WhatsApp chat added twice (its text, then its zip).

    PYTHONPATH=src .venv/bin/python bench/copies.py [--messages 100000] [--runs 2] [--system-every 0]

Writes a synthetic Android chat (whole minutes, two speakers, invented text; with ``--system-every N``
the encryption notice first and a "security code changed" system line after every N messages) and its
zip in a temporary folder, then for each run makes a fresh SQLite case and times ``add_exhibit`` (wall
clock, and this process's CPU time, steadier on a loaded machine) of the text (nothing to compare: no
earlier exhibit covers its dates) and of the zip (every item a copy of the first exhibit's).
Compare with a checkout before schema 0007 on ``PYTHONPATH`` for the cost of the copies step itself.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

ENCRYPTED = "Messages and calls are end-to-end encrypted. Tap to learn more."
CODE_CHANGED = "Your security code with John Smith changed. Tap to learn more."


def write_chat(folder: Path, messages: int, system_every: int = 0) -> tuple[Path, Path]:
    """A chat of ``messages`` lines (and system lines every ``system_every``) and the same chat as a zip."""
    rng = random.Random(7)
    at = datetime(2024, 3, 14, 9, 0)
    lines = []
    if system_every:
        lines.append(f"{at:%d/%m/%Y, %H:%M} - {ENCRYPTED}")
    for n in range(messages):
        if system_every and n and n % system_every == 0:
            lines.append(f"{at:%d/%m/%Y, %H:%M} - {CODE_CHANGED}")
        at += timedelta(minutes=rng.choice([0, 1, 2, 5]))
        who = rng.choice(["John Smith", "Jane Doe"])
        words = "word " * rng.randrange(1, 12)
        lines.append(f"{at:%d/%m/%Y, %H:%M} - {who}: message {rng.randrange(5000)} {words}")
    chat = folder / "chat.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    archive = folder / "chat.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(chat, "_chat.txt")
    return chat, archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--system-every", type=int, default=0, help="a system line after every N messages")
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator", database_url=None)
    with tempfile.TemporaryDirectory(prefix="footprint-bench-copies-") as work:
        folder = Path(work)
        files = write_chat(folder, args.messages, args.system_every)
        for run in range(1, args.runs + 1):
            case = Case.init(folder / f"case{run}", name="bench", tz="Europe/London", settings=settings)
            for path in files:
                start, cpu = time.perf_counter(), time.process_time()
                result = add_exhibit(case, path, AddOptions(producer="Jane Doe"))
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
                copies = getattr(result, "copies", "n/a")
                print(f"run {run}: {path.name}: {seconds:.2f} s (CPU {cpu:.2f} s); copies {copies}")
            case.close()


if __name__ == "__main__":
    main()
