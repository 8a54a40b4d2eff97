"""The message page says where an image was taken, as text: no map, no link, nothing fetched."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from tests.exif_gps import SOUND, SOUND_WORDS, jpeg
from tests.heif import exif_record


def test_the_item_page_gives_an_image_s_location_in_words(
    client: TestClient, planted: Case, tmp_path: Path
) -> None:
    photo = tmp_path / "outside.jpg"
    photo.write_bytes(jpeg(exif_record("2026:01:02 13:04:00", "+00:00", gps=SOUND)))
    ref = add_exhibit(planted, photo, AddOptions(producer="Ben Example")).ref
    (item,) = planted.store.iter_items(ref)
    page = client.get(f"/items/{item.id}").text
    row = (
        f'<dt>Where taken</dt><dd>{SOUND_WORDS} <span class="small">(as the image\'s EXIF GPS record says;'
        " latitude, longitude in decimal degrees)</span></dd>"
    )
    assert row in page
    assert "maps" not in page.lower() and "openstreetmap" not in page.lower() and "<iframe" not in page
    chat = next(i for i in planted.store.iter_items() if i.kind == "message")
    assert "Where taken" not in client.get(f"/items/{chat.id}").text
