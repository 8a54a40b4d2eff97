"""Peak memory of the social-platform parsers on generated large inputs.

    .venv/bin/python bench/formats_memory_social.py --mb 200 [--only telegram_json] [--keep DIR]

For each parser a synthetic export of about ``--mb`` MB (uncompressed) is written with
``footprint.synth.social_writers``; a fresh Python process then parses it (items are counted and
dropped, as the pipeline streams them to the store) and reports its peak RSS (``ru_maxrss``) and the
RSS after imports, so the parser's own share is the difference. Results go to stdout as a Markdown
table (recorded in docs/formats/social.md).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from footprint.synth import social_writers as w

WRITERS: dict[str, tuple[str, Callable[[Path, int], None]]] = {
    "twitter_archive": ("archive.zip", lambda p, n: w.write_twitter_archive(p, n // 2, n - n // 2)),
    "messenger_json": ("dyi.zip", w.write_messenger_dyi),
    "messenger_e2ee": ("Ben Example_1.json", w.write_messenger_e2ee),
    "telegram_json": ("result.json", w.write_telegram_json),
    "discord_json": ("channel.json", w.write_discord_json),
    "discord_csv": ("channel.csv", w.write_discord_csv),
}


def _size(path: Path) -> int:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return sum(i.file_size for i in archive.infolist())
    return path.stat().st_size


def _generate(name: str, folder: Path, megabytes: float) -> tuple[Path, int]:
    file_name, write = WRITERS[name]
    probe = folder / f"probe-{file_name}"
    write(probe, 2000)
    per_message = _size(probe) / 2000
    probe.unlink()
    count = max(1, int(megabytes * 1024 * 1024 / per_message))
    path = folder / file_name
    write(path, count)
    return path, count


def _child(name: str, path: str) -> None:
    from footprint.ingest import ParseContext, Source, parsers

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ctx = ParseContext(zone="Europe/London", tz_source="assumed")
    started = time.perf_counter()
    items = 0
    with Source(Path(path)) as source:
        for _ in parsers.get(name)().parse(source, ctx):
            items += 1
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "items": items,
                "seconds": seconds,
                "base_kb": before,
                "peak_kb": peak,
                "warnings": len(ctx.warnings),
            }
        )
    )


def main() -> None:
    """Generate, parse in a child process, and print the table."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--mb", type=float, default=100.0, help="uncompressed input size per parser, MB")
    args.add_argument("--only", action="append", help="parser name (repeatable)")
    args.add_argument("--keep", type=Path, help="write inputs here and keep them")
    args.add_argument("--child", nargs=2, metavar=("PARSER", "PATH"), help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.child:
        _child(*opts.child)
        return
    names = opts.only or list(WRITERS)
    print(
        "| parser | input (MB, uncompressed) | items | seconds | RSS after imports (MB)"
        " | peak RSS (MB) | (peak - imports) / input |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="footprint-bench-") as tmp:
        root = opts.keep or Path(tmp)
        for name in names:
            folder = root / name
            folder.mkdir(parents=True, exist_ok=True)
            path, _ = _generate(name, folder, opts.mb)
            size_mb = _size(path) / 1024 / 1024
            done = subprocess.run(
                [sys.executable, __file__, "--child", name, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            base, peak = result["base_kb"] / 1024, result["peak_kb"] / 1024
            print(
                f"| {name} | {size_mb:,.0f} | {result['items']:,} | {result['seconds']:,.1f} | {base:,.0f} |"
                f" {peak:,.0f} | {(peak - base) / size_mb:.1f}× |",
                flush=True,
            )
            if opts.keep is None:
                path.unlink()


if __name__ == "__main__":
    main()
