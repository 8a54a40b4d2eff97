"""Detection time and memory against the length of one hostile message (`Detector.classify_many`).

Usage (from the repository root):
    .venv/bin/python bench/detect_long_text.py [--src PATH] [--timeout 60] [--sizes 10000,100000,...]

Each message is one phrase repeated to the size (``PADDED``: denials, then one threat), classified in a
child process (``--src`` names the ``src`` folder to import footprint from, e.g. an older checkout's, to
compare before and after); the table gives CPU seconds, peak memory and the findings' passage counts, or
"timeout" when the child did not finish. The figures are in docs/detection.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHRASES = ("you are dead ", "i will kill you, you slag. ", "women are disgusting and ", "hello there, ")
# a phrase ending "|" + words: the phrase repeated, then those words (a threat after denials)
PADDED = "I would never kill you. |I will kill you."


def _one(src: str, phrase: str, size: int) -> dict[str, object]:
    sys.path.insert(0, src)
    from footprint.analyse.detect import Detector

    detector = Detector()
    detector.classify_many(["warm up: you are dead"])
    phrase, _, ending = phrase.partition("|")
    text = (phrase * (size // len(phrase) + 1))[: size - len(ending)] + ending
    started = time.process_time()
    result = detector.classify_many([text])[0]
    seconds = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return {"seconds": seconds, "mb": peak, "labels": {d.category: len(d.spans) for d in result.detections}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", default=str(ROOT / "src"))
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--sizes", default="10000,100000,1000000,10000000")
    parser.add_argument("--phrases", help="comma-separated phrases to use instead of the built-in ones")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.src, args.one[0], int(args.one[1]))))
        return
    print(f"src: {args.src}")
    print("| phrase | characters | CPU s | peak MB | passages listed per finding |")
    print("|---|---|---|---|---|")
    for phrase in (*PHRASES, PADDED) if args.phrases is None else args.phrases.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            command = [sys.executable, __file__, "--src", args.src, "--one", phrase, str(size)]
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=args.timeout, check=True
                )
            except subprocess.TimeoutExpired:
                print(f"| {phrase.strip()!r} | {size:,} | timeout ({args.timeout:.0f} s) | | |")
                continue
            row = json.loads(done.stdout)
            print(f"| {phrase.strip()!r} | {size:,} | {row['seconds']:.2f} | {row['mb']} | {row['labels']} |")


if __name__ == "__main__":
    main()
