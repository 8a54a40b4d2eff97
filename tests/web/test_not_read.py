"""The review app says which messages detection does not read: on the message's page, beside it in its
exhibit's list, and the exhibit's count as the detect run said it (review of other languages, defect 3)."""

from __future__ import annotations

from pathlib import Path

from footprint.analyse import run_analysers
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.web import create_app
from tests.web.conftest import opened


def test_a_message_detection_does_not_read_says_so_on_its_page_and_in_its_exhibit(
    case: Case, tmp_path: Path, settings: Settings
) -> None:
    chat = tmp_path / "WhatsApp Chat with John Smith.txt"
    chat.write_text(
        "14/03/2023, 09:15 - John Smith: where are you\n"
        "14/03/2023, 09:16 - John Smith: 我要杀了你，贱人\n"
        "14/03/2023, 09:17 - John Smith: te voy a matar, sé dónde vives\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", date_order="dmy"))
    run_analysers(case, ["detect"], strict=True)
    english, chinese, spanish = (i.id for i in case.store.iter_items(chronological=True))
    with opened(create_app(case.dir, settings)) as browser:
        zh = browser.get(f"/items/{chinese}").text
        es = browser.get(f"/items/{spanish}").text
        en = browser.get(f"/items/{english}").text
        listing = browser.get("/items?exhibit=JD/1").text
    # a Chinese threat's page had said only "No analyser found anything in this message"
    assert (
        '<p class="flag" id="not-read"><strong>Not read by detection:</strong> this message looks wholly or'
        " partly in Han script, and detection reads English only. Have it translated and record what it"
        " shows.</p>"
    ) in zh
    assert (
        "<p>No analyser found anything in this message, and nobody has recorded a finding on it. Detection"
        " did not read it (above).</p>"
    ) in zh
    assert "this message looks wholly or partly like Spanish, and detection reads English only." in es
    assert 'id="not-read"' not in en and "Detection did not read it" not in en
    assert (
        '<p class="flag" id="not-read"><strong>Not read by detection:</strong> 2 of 3 messages look wholly or'
        f" partly in Han script (item id {chinese}) or like Spanish (item id {spanish}); detection reads"
        " English only — have them translated and record what they show (footprint record).</p>"
    ) in listing
    row = listing[listing.index(f'<a href="/items/{chinese}">') :].split("</tr>")[0]
    assert '<span class="small" lang="en">(not read by detection: Han script)</span>' in row
    assert listing.count("(not read by detection: ") == 2
