"""What reading images costs the screenshots parser, per image: 2,000 JPEGs, each with an EXIF record
holding a time, a device and a GPS record (location, altitude, horizontal error, GPS time).

    PYTHONPATH=src .venv/bin/python bench/image_gps.py [--images 2000] [--runs 1] [--json OUT]

The images (30x40 pixels, fixed seed: the same bytes every run) are written into one zip in a temporary
folder, then parsed as `footprint add` parses a zip of photos (``Parser.items``, no case: hashing, the
vault and the database are left out, so the time is the parser's own). Reports the best wall time and
processor time of ``--runs`` runs, each per image, and how many items and warnings were made. To compare
two versions, run it with each one's ``src`` first on ``PYTHONPATH``, alternating (the images are built
the same way by both; a parser that reads no GPS simply ignores the record).
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image, TiffImagePlugin

from footprint.ingest import ParseContext, Source, parsers


def image(rng: random.Random, n: int) -> bytes:
    """One JPEG with a time, a device and a GPS record somewhere in Great Britain."""
    exif = Image.Exif()
    exif[271], exif[272] = "Apple", "iPhone 15"
    exif.get_ifd(0x8769)[36867] = f"2025:{1 + n % 12:02d}:{1 + n % 28:02d} 12:{n % 60:02d}:00"
    gps = exif.get_ifd(0x8825)
    gps.update(
        {
            1: "N",
            2: (
                float(rng.randrange(50, 58)),
                float(rng.randrange(60)),
                TiffImagePlugin.IFDRational(rng.randrange(600000), 10000),
            ),
            3: "W",
            4: (
                float(rng.randrange(0, 5)),
                float(rng.randrange(60)),
                TiffImagePlugin.IFDRational(rng.randrange(600000), 10000),
            ),
            5: b"\x00",
            6: TiffImagePlugin.IFDRational(rng.randrange(10000), 10),
            7: (12.0, float(n % 60), 0.0),
            29: "2025:06:01",
            31: TiffImagePlugin.IFDRational(rng.randrange(1, 500), 10),
        }
    )
    out = io.BytesIO()
    Image.new("RGB", (30, 40), (n % 256, 10, 10)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def run(path: Path) -> tuple[float, float, int, int]:
    """Wall and processor seconds to parse the zip, its items and warnings."""
    ctx = ParseContext(zone="Europe/London", tz_source="assumed")
    wall, cpu = time.perf_counter(), time.process_time()
    with Source(path) as source:
        items = sum(1 for _ in parsers.get("screenshots")().items(source, ctx))
    return time.perf_counter() - wall, time.process_time() - cpu, items, len(ctx.warnings)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--images", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    rng = random.Random(20261130)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "photos.zip"
        with zipfile.ZipFile(path, "w") as z:
            for n in range(args.images):
                z.writestr(f"IMG_{n:05d}.jpg", image(rng, n))
        results = [run(path) for _ in range(args.runs)]
    wall = min(r[0] for r in results)
    cpu = min(r[1] for r in results)
    out: dict[str, Any] = {
        "parser_version": parsers.get("screenshots").version,
        "images": args.images,
        "items": results[0][2],
        "warnings": results[0][3],
        "wall_ms_per_image": round(wall * 1000 / args.images, 3),
        "cpu_ms_per_image": round(cpu * 1000 / args.images, 3),
        "python": platform.python_version(),
    }
    print(json.dumps(out))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
