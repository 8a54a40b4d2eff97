"""Time ``verify BUNDLE`` on a bundle holding one large original (a benchmark, not a test).

Writes, with the code on ``PYTHONPATH``, a zip as ``report --bundle`` lays one out holding ``--mib`` MiB of
random bytes as an original and a README (no audit extract: verify then says so, and still makes every
other check, the zip's rewrite among them), then times ``verify_bundle`` on it ``--runs`` times. Run it
alternately with the code before and after (each writes and checks its own zip, in its own form):

    PYTHONPATH=/tmp/before/src .venv/bin/python bench/verify_bundle.py --out /tmp/fp-verify/before.zip
    PYTHONPATH=src .venv/bin/python bench/verify_bundle.py --out /tmp/fp-verify/after.zip
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from footprint.report.bundle import verify_bundle, write_zip


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--mib", type=int, default=300)
    options.add_argument("--runs", type=int, default=1)
    options.add_argument("--out", type=Path, default=Path("/tmp/fp-verify/bundle.zip"))
    args = options.parse_args()
    if not args.out.exists():
        args.out.parent.mkdir(parents=True, exist_ok=True)
        original = args.out.with_suffix(".bin")
        with original.open("wb") as out:
            for _ in range(args.mib):
                out.write(os.urandom(1 << 20))
        write_zip(args.out, {"exhibits/AB_1/original.bin": original, "README.txt": b"bench\n"})
        original.unlink()
    for _ in range(args.runs):
        started = time.perf_counter()
        report = verify_bundle(args.out)
        structure = [p for p in report.problems if "structure" in p]
        print(f"{args.out.name}: {time.perf_counter() - started:.2f} s; zip structure problems: {structure}")


if __name__ == "__main__":
    main()
