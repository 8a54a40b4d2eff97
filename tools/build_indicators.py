"""Build the indicator snapshot Footprint ships, from the upstream data read in place.

    .venv/bin/python tools/build_indicators.py [--data ../shared/data] [--built YYYY-MM-DD] [--check]

Reads ``stalkerware-indicators`` (Echap), ``isdi-app-flags`` (ISDI) and ``tinycheck-iocs`` (TinyCheck's
allow-list only) under ``--data`` with Footprint's own loader, and writes the derived tables to
``src/footprint/rules/device/indicators.json`` (``footprint.device.snapshot_file``). No upstream file is
copied. The same data and ``--built`` date give the same bytes; ``--check`` rebuilds with the date recorded
in the shipped file and fails if anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from footprint.device.indicators import load_indicators
from footprint.device.snapshot_file import shipped_path, snapshot_bytes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FOLDERS = ("stalkerware-indicators", "isdi-app-flags", "tinycheck-iocs/whitelist.json")


def build(data: Path, built: str) -> bytes:
    """The snapshot file's bytes for the upstream copies under ``data``."""
    index = load_indicators(*(data / f for f in FOLDERS), builtin_allowlist=False)
    return snapshot_bytes(index, built=built, root=data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding the three upstream copies")
    parser.add_argument("--out", type=Path, default=shipped_path(), help="snapshot file to write")
    parser.add_argument("--built", help="build date recorded in the file (default: today, UTC)")
    parser.add_argument("--check", action="store_true", help="rebuild and compare with --out; write nothing")
    args = parser.parse_args(argv)
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
