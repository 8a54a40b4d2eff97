"""Build the indicator snapshot Footprint ships, from the upstream data read in place.

    .venv/bin/python tools/build_indicators.py [--data ../shared/data] [--built YYYY-MM-DD] [--check]
    .venv/bin/python tools/build_indicators.py --measure    # load time: built-in snapshot vs the folders

Reads ``stalkerware-indicators`` (Echap), ``isdi-app-flags`` (ISDI) and ``tinycheck-iocs`` (TinyCheck's
allow-list only) under ``--data`` with Footprint's own loader, and writes the derived tables to
``src/footprint/rules/device/indicators.json`` (``footprint.device.snapshot_file``). No upstream file is
copied. The same data and ``--built`` date give the same bytes; ``--check`` rebuilds with the date recorded
in the shipped file and fails if anything differs; ``--measure`` times loading the shipped snapshot and the
upstream folders (``time.perf_counter``, 20 repeats each) and gives the file's size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from footprint.device.indicators import IndicatorIndex, load_indicators
from footprint.device.snapshot_file import load_snapshot, shipped_path, snapshot_bytes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FOLDERS = ("stalkerware-indicators", "isdi-app-flags", "tinycheck-iocs/whitelist.json")
REPEATS = 20


def build(data: Path, built: str) -> bytes:
    """The snapshot file's bytes for the upstream copies under ``data``."""
    index = load_indicators(*(data / f for f in FOLDERS), builtin_allowlist=False)
    return snapshot_bytes(index, built=built, root=data)


def measure(data: Path) -> None:
    """Print the load time of the shipped snapshot and of the upstream folders, and the snapshot's size."""

    def seconds(load: Callable[[], IndicatorIndex]) -> str:
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            load()
            times.append(time.perf_counter() - start)
        return f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"

    print(f"built-in snapshot: {seconds(load_snapshot)}; {shipped_path().stat().st_size:,} bytes")
    print(f"upstream folders:  {seconds(lambda: load_indicators(*(data / f for f in FOLDERS)))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding the three upstream copies")
    parser.add_argument("--out", type=Path, default=shipped_path(), help="snapshot file to write")
    parser.add_argument("--built", help="build date recorded in the file (default: today, UTC)")
    parser.add_argument("--check", action="store_true", help="rebuild and compare with --out; write nothing")
    parser.add_argument("--measure", action="store_true", help="time loading the snapshot and the folders")
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.data)
        return 0
    if args.check:
        built = json.loads(args.out.read_bytes())["built"]
        same = build(args.data, built) == args.out.read_bytes()
        print(f"{args.out}: {'identical' if same else 'DIFFERS from a rebuild'}")
        return 0 if same else 1
    built = args.built or datetime.now(UTC).date().isoformat()
    data = build(args.data, built)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data):,} bytes, built {built}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
