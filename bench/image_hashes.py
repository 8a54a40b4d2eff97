"""Perceptual-hash throughput (PDQ and pHash) and matching accuracy on synthetic textured images.

    .venv/bin/python bench/image_hashes.py [--images 200] [--size 640] [--json OUT]

Generates textured images (smooth random structure plus noise; seeded, so the run is repeatable),
saves them as JPEG, then times ``hash_file`` (decode + PDQ + pHash, as `images match` does) and each
hash alone. It then checks four edited copies of every image (half size, JPEG quality 25, 5% centre
crop, colour/brightness/contrast change) against the original and every image against a different
one, and reports the match rate and false-match rate at Footprint's thresholds.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import tempfile
import time
from pathlib import Path

import imagehash
import numpy as np
import pdqhash  # type: ignore[import-untyped]
from PIL import Image, ImageEnhance

from footprint.analyse.media.hashing import PDQ_THRESHOLD, PHASH_THRESHOLD, hamming, hash_file, hash_image


def textured(seed: int, size: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (12, 12, 3), dtype=np.uint8)
    base = np.asarray(Image.fromarray(small).resize((size, size), Image.BICUBIC)).astype(int)
    noise = rng.integers(0, 40, (size, size, 3))
    return Image.fromarray(np.clip(base + noise - 20, 0, 255).astype(np.uint8))


def edits(image: Image.Image) -> dict[str, Image.Image]:
    w, h = image.size
    dx, dy = int(w * 0.025), int(h * 0.025)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=25)
    colour = ImageEnhance.Color(ImageEnhance.Brightness(image).enhance(1.2)).enhance(1.4)
    return {
        "resized": image.resize((w // 2, h // 2)),
        "recompressed": Image.open(io.BytesIO(buffer.getvalue())),
        "cropped_5pc": image.crop((dx, dy, w - dx, h - dy)),
        "colour_adjusted": ImageEnhance.Contrast(colour).enhance(1.1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--size", type=int, default=640)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    images = [textured(seed, args.size) for seed in range(args.images)]
    result: dict[str, object] = {
        "images": args.images,
        "size": f"{args.size}x{args.size}",
        "machine": platform.processor() or platform.machine(),
    }
    with tempfile.TemporaryDirectory() as work:
        paths = []
        for n, image in enumerate(images):
            path = Path(work) / f"{n}.jpg"
            image.save(path, "JPEG", quality=90)
            paths.append(path)
        start, cpu = time.perf_counter(), time.process_time()
        hashes = [hash_file(p) for p in paths]
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        result["hash_file_per_second_wall"] = round(len(paths) / elapsed, 1)
        result["hash_file_per_cpu_second"] = round(len(paths) / used, 1)
    rgb = [np.asarray(i) for i in images]
    cpu = time.process_time()
    for array in rgb:
        pdqhash.compute(array)
    result["pdq_full_size_per_cpu_second"] = round(len(rgb) / (time.process_time() - cpu), 1)
    cpu = time.process_time()
    for image in images:
        imagehash.phash(image)
    result["phash_full_size_per_cpu_second"] = round(len(images) / (time.process_time() - cpu), 1)
    originals = [h for h in hashes if h is not None]
    hits: dict[str, int] = {}
    for image, original in zip(images, originals, strict=True):
        for name, copy in edits(image).items():
            got = hash_image(copy)
            ok = (
                hamming(got.pdq, original.pdq) <= PDQ_THRESHOLD
                or hamming(got.phash, original.phash) <= PHASH_THRESHOLD
            )
            hits[name] = hits.get(name, 0) + ok
    result["copies_matched"] = {k: f"{v}/{len(originals)}" for k, v in hits.items()}
    false = sum(
        hamming(a.pdq, b.pdq) <= PDQ_THRESHOLD or hamming(a.phash, b.phash) <= PHASH_THRESHOLD
        for a, b in zip(originals, originals[1:] + originals[:1], strict=True)
    )
    result["different_images_matched"] = f"{false}/{len(originals)}"
    result["thresholds"] = {"pdq": PDQ_THRESHOLD, "phash": PHASH_THRESHOLD}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
