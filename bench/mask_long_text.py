"""What finding and masking places costs on one long adversarial message: digits and separators, and
places of every kind repeated, at 100,000 characters (as much of a message as an analyser reads) and
200,000 (a cost that doubles is linear; one that quadruples is quadratic).

    PYTHONPATH=src .venv/bin/python bench/mask_long_text.py [--sizes 100000,200000] [--runs 3]

Each message is one short text repeated to the size (the inputs of ``tests/report/test_coordinates.py``'s
long-text tests, and a pair among towns). Reports, per message and size, the best processor seconds of
``--runs`` runs for ``report.locations.find_locations`` and for ``Redactor.text`` (a person's words, as a
message's text is masked), and the places found. To compare two versions, run it with each one's ``src``
first on ``PYTHONPATH``, alternating.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from footprint.report.locations import find_locations
from footprint.report.redact import Redactor

UNITS = (
    "1.1.",
    "1:1:",
    "1, ",
    "1° ",
    '"lat": 51.11, "a": 1, "b": 2, "c": 3, "d": 4, "lon": 1.11, "e": 5, "f": 6, "g": 7, "h": 8, ',
    "51°30'N 0°7'W 51.1234,1.1234 lat 51.11 lon 1.11 in Leeds ",
    '{"lat": 51.11, "lon": 1.11} <wpt lat="51.5" lon="1.5"/> <coordinates>1.5,51.5</coordinates> ',
    "51:30:26N 0:07:39W 51.5072 north, 0.1275 west 51 30 26 N 0 7 39 W ",
    "51.1234,1.1234 in Leeds ",
)


def _best(runs: int, work: Callable[[], object]) -> float:
    """The best processor seconds of ``runs`` runs of ``work``."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,200000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| message | characters | find_locations cpu s | Redactor.text cpu s | places |")
    print("|---|---|---|---|---|")
    for unit in UNITS:
        for size in (int(s) for s in args.sizes.split(",")):
            text = (unit * (size // len(unit))).ljust(size)
            found = _best(args.runs, lambda t=text: find_locations(t))
            masked = _best(args.runs, lambda t=text: Redactor(frozenset()).text(t, "X/1 text", free=True))
            shown = unit if len(unit) <= 24 else unit[:24] + "…"
            print(f"| `{shown}` | {size:,} | {found:.3f} | {masked:.3f} | {len(find_locations(text))} |")


if __name__ == "__main__":
    main()
