"""The message page marks an attachment the export names but does not hold (it showed only the name)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit


def test_the_message_page_marks_an_attachment_not_in_the_export(
    client: TestClient, planted: Case, tmp_path: Path
) -> None:
    path = tmp_path / "wz.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "_chat.txt",
            "[14/03/2023, 09:17:00] Alex: \u200e<attached: 00000013-PHOTO-2023-03-14-09-17-00.jpg>\n"
            "[14/03/2023, 09:18:00] Alex: \u200e<attached: 00000014-PHOTO-2023-03-14-09-18-00.jpg>\n",
        )
        archive.writestr("00000013-PHOTO-2023-03-14-09-17-00.jpg", b"img1\n")
    ref = add_exhibit(planted, path, AddOptions(producer="Ben Example", date_order="dmy")).ref
    held, missing = (i.id for i in planted.store.iter_items(ref))
    assert (
        '<span class="mono">00000014-PHOTO-2023-03-14-09-18-00.jpg</span>'
        ' <span class="small">(not in the export)</span>'
    ) in client.get(f"/items/{missing}").text
    page = client.get(f"/items/{held}").text
    assert '<span class="mono">00000013-PHOTO-2023-03-14-09-17-00.jpg</span></dd>' in page
