"""Image matching: resized, recompressed, cropped and colour-adjusted copies match; different images do not."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result
from PIL import Image, ImageEnhance

from footprint.analyse.media.hashing import PDQ_THRESHOLD, PHASH_THRESHOLD, hamming, hash_image
from footprint.analyse.media.hashlist import parse_hashlist
from footprint.case import Case
from footprint.code_identity import tool_version
from footprint.errors import InputError
from footprint.store.media import hidden_attachments


def textured(seed: int, size: int = 320) -> Image.Image:
    """A synthetic textured image: smooth random structure plus fine noise (never a flat colour)."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (12, 12, 3), dtype=np.uint8)
    base = np.asarray(Image.fromarray(small).resize((size, size), Image.BICUBIC)).astype(int)
    noise = rng.integers(0, 40, (size, size, 3))
    return Image.fromarray(np.clip(base + noise - 20, 0, 255).astype(np.uint8))


def jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def variants(image: Image.Image) -> dict[str, Image.Image]:
    w, h = image.size
    dx, dy = int(w * 0.025), int(h * 0.025)
    colour = ImageEnhance.Color(ImageEnhance.Brightness(image).enhance(1.2)).enhance(1.4)
    return {
        "resized": image.resize((w // 2, h // 2)),
        "recompressed": Image.open(io.BytesIO(jpeg(image, 25))),
        "cropped_5pc": image.crop((dx, dy, w - dx, h - dy)),
        "colour_adjusted": ImageEnhance.Contrast(colour).enhance(1.1),
    }


def matches(a: Image.Image, b: Image.Image) -> bool:
    x, y = hash_image(a), hash_image(b)
    return hamming(x.pdq, y.pdq) <= PDQ_THRESHOLD or hamming(x.phash, y.phash) <= PHASH_THRESHOLD


@pytest.mark.parametrize("seed", range(6))
def test_copies_match_and_different_images_do_not(seed: int) -> None:
    original = textured(seed)
    for name, copy in variants(original).items():
        assert matches(original, copy), name
    for other in range(100, 106):
        assert not matches(original, textured(other + seed * 10))


def test_hash_list_formats() -> None:
    pdq, phash = "a" * 64, "b" * 16
    text = parse_hashlist(f"# her list\npdq:{pdq} beach photo\nphash:{phash}\n", "list.txt")
    csv = parse_hashlist(f"method,hash,label\npdq,{pdq},beach photo\nphash,{phash},\n", "list.csv")
    js = parse_hashlist(
        json.dumps(
            {
                "hashes": [
                    {"method": "pdq", "hash": pdq, "label": "beach photo"},
                    {"method": "phash", "hash": phash},
                ]
            }
        ),
        "list.json",
    )
    assert text == csv == js
    with pytest.raises(InputError) as err:
        parse_hashlist("pdq:1234\n", "bad.txt")
    assert str(err.value) == "bad.txt: line 1: a pdq hash is 64 hexadecimal characters; got '1234'"


def _chat_zip(tmp_path: Path, images: dict[str, bytes]) -> Path:
    lines = ["12/03/2024, 18:01 - Ann Example: hello"]
    for n, name in enumerate(images):
        lines.append(f"12/03/2024, 18:{10 + n:02d} - Craig Example: {name} (file attached)")
    path = tmp_path / "WhatsApp Chat with Craig Example.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("WhatsApp Chat with Craig Example.txt", "\n".join(lines) + "\n")
        for name, data in images.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def image_case(case: Case, tmp_path: Path, run_cli: Callable[..., Result]) -> tuple[Case, dict[str, bytes]]:
    original = textured(7)
    files = {f"IMG-20240312-WA000{n}.jpg": jpeg(v, 90) for n, v in enumerate(variants(original).values())}
    files["IMG-20240312-WA0009.jpg"] = jpeg(textured(99), 90)
    result = run_cli(
        "add", str(case.dir), str(_chat_zip(tmp_path, files)), "--producer", "DC Test", "--date-order", "dmy"
    )
    assert result.exit_code == 0, result.output
    return case, files


def test_images_match_hash_list_reports_where(image_case, tmp_path, run_cli) -> None:
    case, files = image_case
    original = hash_image(textured(7))
    hashlist = tmp_path / "hashes.txt"
    hashlist.write_text(f"pdq:{original.pdq} photo A\nphash:{original.phash} photo A\n", encoding="utf-8")
    result = run_cli("images", "match", str(case.dir), str(hashlist), "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    different = hashlib.sha256(files["IMG-20240312-WA0009.jpg"]).hexdigest()
    matched = {r["attachment_sha256"] for r in rows}
    assert different not in matched
    assert len(matched) == 4
    row = rows[0]
    assert row["exhibit"] == "T/1" and row["sender"] and row["sent_at_utc"].startswith("2024-03-12T18:1")
    assert row["method"] in ("pdq", "phash") and row["distance"] <= row["threshold"]
    stored = case.store.findings("image_match")
    assert all(f.details["hidden"] is True for f in stored)
    assert hidden_attachments(stored) == matched
    assert "The image is not shown" in stored[0].explanation
    # in UK time with its offset, as every listing shows times (it had been the stored UTC string)
    assert re.search(r" sent by [^:]+ at 12/03/2024 18:1\d:00 GMT \(\+00:00\): ", stored[0].explanation)


def test_images_match_nothing_in_json_is_one_document_that_says_what_was_checked(
    image_case, tmp_path, run_cli
) -> None:
    case, _ = image_case
    other = hash_image(textured(1234))
    hashlist = tmp_path / "hashes.txt"
    hashlist.write_text(f"pdq:{other.pdq} photo B\n", encoding="utf-8")
    result = run_cli("images", "match", str(case.dir), str(hashlist), "--json")
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {
            "checked": {"hash_list": "hashes.txt", "hash_list_entries": 1, "marked": 0, "images": 5},
            "matches": [],
            "analyser": "images",
            "analyser_version": 2,
            "tool": "footprint",
            "tool_version": tool_version(),
        }
    ]


def test_images_match_marked_and_reveal_is_audited(image_case, run_cli) -> None:
    case, files = image_case
    hashed = run_cli("images", "hash", str(case.dir), "--json")
    assert json.loads(hashed.output) == {
        "hashed_now": 5,
        "images": 5,
        "attachments": 5,
        "tool": "footprint",
        "tool_version": tool_version(),
    }
    marked = hashlib.sha256(files["IMG-20240312-WA0000.jpg"]).hexdigest()
    result = run_cli("images", "match", str(case.dir), "--mark", marked, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len({r["attachment_sha256"] for r in rows}) == 4
    assert {r["method"] for r in rows if r["attachment_sha256"] == marked} == {"sha256"}
    result = run_cli(
        "images", "reveal", str(case.dir), marked, "--reason", "officer in case must view to describe"
    )
    assert result.exit_code == 0
    assert result.output.strip() == str(case.vault.path(marked))
    last = list(case.store.audit_entries())[-1]
    assert (last.action, last.object, last.justification) == (
        "images reveal",
        marked,
        "officer in case must view to describe",
    )


def test_damaged_or_non_image_files_are_skipped(tmp_path: Path) -> None:
    from footprint.analyse.media.hashing import hash_file

    good = jpeg(textured(3), 90)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(good[: len(good) // 3])
    text = tmp_path / "note.jpg"
    text.write_text("not an image")
    assert hash_file(cut) is None
    assert hash_file(text) is None
    whole = tmp_path / "whole.jpg"
    whole.write_bytes(good)
    hashes = hash_file(whole)
    assert hashes is not None and len(hashes.pdq) == 64 and len(hashes.phash) == 16
