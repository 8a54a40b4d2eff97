"""Perceptual hashes of images: PDQ (pdqhash, 256 bits) and pHash (ImageHash, 64 bits), plus distances."""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

import imagehash
import numpy as np
import pdqhash  # type: ignore[import-untyped]
from PIL import Image, ImageFile

HASH_VERSION = 1
PDQ_THRESHOLD = 31  # of 256 bits: the threshold Meta publishes for PDQ matching
PHASH_THRESHOLD = 12  # of 64 bits
MAX_PIXELS = 80_000_000
PDQ_SIDE = 512


@dataclass(frozen=True)
class ImageHashes:
    """The perceptual hashes of one image (hex strings) and PDQ's quality score (0-100)."""

    pdq: str
    pdq_quality: int
    phash: str


def hash_image(image: Image.Image) -> ImageHashes:
    """PDQ and pHash of an opened image (reduced to 512 pixels a side first, as PDQ advises)."""
    rgb = image.convert("RGB")
    if max(rgb.size) > PDQ_SIDE:
        rgb.thumbnail((PDQ_SIDE, PDQ_SIDE), Image.Resampling.BILINEAR)
    vector, quality = pdqhash.compute(np.asarray(rgb))
    bits = "".join("1" if b else "0" for b in vector.astype(bool).tolist())
    pdq = f"{int(bits, 2):064x}"
    return ImageHashes(pdq=pdq, pdq_quality=int(quality), phash=str(imagehash.phash(rgb)))


def hash_file(path: Path) -> ImageHashes | None:
    """Hashes of an image file, or ``None`` when the file is not an image Pillow can read safely."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a damaged file is skipped, whatever other code has set
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    return None
                image.draft("RGB", (PDQ_SIDE, PDQ_SIDE))  # JPEG: decode at reduced scale
                image.load()
                return hash_image(image)
    except (
        OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, ZeroDivisionError, struct.error,
        Image.DecompressionBombError, Image.DecompressionBombWarning,
    ):  # fmt: skip
        return None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def hamming(a: str, b: str) -> int:
    """Bits that differ between two hex hashes of the same length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
