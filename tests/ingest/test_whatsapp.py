"""WhatsApp parser: counts, exact warnings and complete records (plaso style)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from footprint.errors import ParseError, UnsupportedFormatError
from footprint.ingest import Source
from footprint.ingest.sniff import choose_parser
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from tests.conftest import DATA, parse

ANDROID = DATA / "whatsapp" / "android_en-GB_24h.txt"
ANN = AccountRef("whatsapp", "Ann Example", "Ann Example")
BEN = AccountRef("whatsapp", "Ben Example", "Ben Example")


def test_android_counts_and_warnings() -> None:
    result = parse("whatsapp", ANDROID)
    assert len(result.items) == 12
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "line 9",
            "local time 2024-03-31 01:30 does not exist in Europe/London (clocks went forward);"
            " read with offset +00:00",
        ),
        (
            "line 10",
            "local time 2024-10-27 01:30 happened twice in Europe/London (clocks went back);"
            " the earlier one (+01:00) was used",
        ),
        ("line 11", "impossible date '32/10/2024'; message kept without a time"),
    ]
    assert result.warnings[2].raw == "32/10/2024, 09:00 - Ann Example: impossible date"
    assert result.ctx.decisions == {
        "date_order": "dmy (inferred from the date '31/03/2024')",
        "zone": "Europe/London (assumed)",
    }


def test_android_multiline_record_is_complete() -> None:
    items = parse("whatsapp", ANDROID).items
    assert items[2] == ParsedItem(
        locator="lines 3-4",
        kind="message",
        raw="12/03/2024, 18:03 - Ben Example: I told you to leave me alone\nplease stop",
        text="I told you to leave me alone\nplease stop",
        sent_at_raw="12/03/2024, 18:03",
        sent_at_utc="2024-03-12T18:03:00Z",
        tz_source="assumed",
        tz_name="Europe/London",
        author=BEN,
        conversation="whatsapp:android_en-GB_24h",
    )


def test_android_markers() -> None:
    items = parse("whatsapp", ANDROID).items
    by_locator = {i.locator: i for i in items}
    assert by_locator["line 1"].kind == "system" and by_locator["line 1"].author is None
    assert by_locator["line 5"].attachments == (ParsedAttachment("media omitted from export"),)
    assert by_locator["line 6"].kind == "location"
    assert by_locator["line 7"].deleted is True
    assert (by_locator["line 8"].edited, by_locator["line 8"].text) == (True, "see you at 8")
    assert by_locator["line 9"].sent_at_utc == "2024-03-31T01:30:00Z"
    assert by_locator["line 10"].sent_at_utc == "2024-10-27T00:30:00Z"
    assert by_locator["line 11"].sent_at_utc is None
    assert by_locator["line 12"].author == AccountRef("whatsapp", "+447700900123", "+44 7700 900123")
    assert by_locator["line 13"].kind == "system"
    assert by_locator["line 13"].text == "Ben Example blocked this contact"


def test_participants_make_recipients() -> None:
    result = parse("whatsapp", ANDROID)
    assert result.ctx.participants == {
        "whatsapp:android_en-GB_24h": {
            ANN,
            BEN,
            AccountRef("whatsapp", "+447700900123", "+44 7700 900123"),
        }
    }


def _ios_zip(path: Path, chat: str, media: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", chat)
        for name, data in media.items():
            archive.writestr(name, data)
    return path


def test_ios_zip_links_attached_media(tmp_path: Path) -> None:
    chat = (
        "[12/03/2024, 18:02:05] Ann Example: hello\n"
        "\u200e[13/03/2024, 18:03:00] Ann Example: \u200e<attached: 00000007-PHOTO-2024-03-13-18-03-00.jpg>\n"
        "[13/03/2024, 18:04:00] ~\u00a0Ben Example: \u200eimage omitted\n"
    )
    path = _ios_zip(tmp_path / "chat.zip", chat, {"00000007-PHOTO-2024-03-13-18-03-00.jpg": b"\xff\xd8x"})
    result = parse("whatsapp", path, name="WhatsApp Chat - Ben Example.zip")
    assert result.warnings == []
    assert [i.sent_at_raw for i in result.items] == [
        "12/03/2024, 18:02:05",
        "13/03/2024, 18:03:00",
        "13/03/2024, 18:04:00",
    ]
    assert result.items[1].attachments == (
        ParsedAttachment(
            "00000007-PHOTO-2024-03-13-18-03-00.jpg", "00000007-PHOTO-2024-03-13-18-03-00.jpg", "image/jpeg"
        ),
    )
    assert result.items[2].author == AccountRef("whatsapp", "~ Ben Example", "~ Ben Example")
    assert result.items[2].attachments == (ParsedAttachment("image omitted from export"),)
    assert result.items[0].conversation == "whatsapp:WhatsApp Chat - Ben Example"


def test_us_12h_with_narrow_no_break_space(tmp_path: Path) -> None:
    path = tmp_path / "us.txt"
    path.write_text(
        "3/14/23, 9:15\u202fAM - Ann Example: morning\n3/14/23, 12:05\u202fPM - Ann Example: noon\n"
        "3/14/23, 12:30\u202fAM - Ann Example: after midnight\n",
        encoding="utf-8",
    )
    items = parse("whatsapp", path).items
    assert [i.sent_at_utc for i in items] == [
        "2023-03-14T09:15:00Z",
        "2023-03-14T12:05:00Z",
        "2023-03-14T00:30:00Z",
    ]


def test_undecidable_date_order_asks() -> None:
    path = DATA / "whatsapp" / "android_en-GB_24h.txt"
    with pytest.raises(ParseError) as err:
        parse("whatsapp", path, date_order="mdy")
    assert str(err.value) == (
        "android_en-GB_24h.txt: --date-order mdy contradicts the date '31/03/2024' in the file;"
        " run again with --date-order dmy"
    )


def test_ambiguous_file_needs_date_order(tmp_path: Path) -> None:
    path = tmp_path / "ambiguous.txt"
    path.write_text("01/02/2023, 10:00 - A: one\n03/04/2023, 11:00 - B: two\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        parse("whatsapp", path)
    assert str(err.value) == (
        "ambiguous.txt: every date could be read day-first or month-first (e.g. 01/02/2023); a phone set up in the UK"
        " writes the day first: run again with --date-order dmy (--date-order mdy for a US phone)"
    )
    assert parse("whatsapp", path, date_order="mdy").items[0].sent_at_utc == "2023-01-02T10:00:00Z"


def test_text_before_first_header_is_kept_as_warning(tmp_path: Path) -> None:
    path = tmp_path / "preamble.txt"
    path.write_text("exported by someone\n14/03/2023, 10:00 - A: hi\n", encoding="utf-8")
    result = parse("whatsapp", path)
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        ("line 1", "text before the first message header", "exported by someone")
    ]
    assert result.items[0].locator == "line 2"


def test_invalid_utf8_is_reported_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"14/03/2023, 10:00 - A: caf\xe9 open\n")
    result = parse("whatsapp", path)
    assert result.items[0].text == "caf\ufffd open"
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        ("byte 26", "bytes are not valid UTF-8; shown as U+FFFD", "b'\\xe9'")
    ]


SHARED_EXPECTED = {
    # file: (items, warnings, first text)
    "synthetic/ios_en-GB_24h_chat.txt": (10, 0, "Messages and calls are end-to-end encrypted."),
    "synthetic/android_en-US_12h_nnbsp.txt": (12, 0, "Messages and calls are end-to-end encrypted."),
    "synthetic/android_de-DE_dotted.txt": (4, 0, "Hallo"),
    "synthetic/android_crlf_bom.txt": (2, 0, "windows line endings"),
    "synthetic/WhatsApp Chat - Alex Suspect.zip": (10, 0, "Messages and calls are end-to-end encrypted."),
    "chat-miner/test_ddmmyy_24hrs.txt": (9, 0, "Lorem ipsum dolor sit amet."),
    "chat-miner/test_mmddyy_24hrs.txt": (9, 0, "Lorem ipsum dolor sit amet."),
    "chat-miner/test_[mmddyy]_24hrs.txt": (9, 0, "Lorem ipsum dolor sit amet."),
    "chat-miner/test_mmddyyyy_12hrs.txt": (9, 0, "Lorem ipsum dolor sit amet."),
    "chat-miner/test_yyyymmdd_24hrs.txt": (9, 0, "Lorem ipsum dolor sit amet."),
    "whatstk/pokemon.txt": (20, 0, "Messages and calls are end-to-end encrypted."),
}


@pytest.mark.parametrize("relative", sorted(SHARED_EXPECTED))
def test_shared_fixtures_parse_without_silent_drops(shared_data: Path, relative: str) -> None:
    path = shared_data / "export-samples" / "whatsapp" / relative
    result = parse("whatsapp", path)
    count, warnings, first = SHARED_EXPECTED[relative]
    assert (len(result.items), len(result.warnings)) == (count, warnings)
    assert result.items[0].text.startswith(first)
    # nothing silently dropped: every non-empty line of the chat is inside some item's raw text
    raw_lines = sum(i.raw.count("\n") + 1 for i in result.items)
    if path.suffix == ".txt":
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        assert raw_lines == len([line for line in text.rstrip("\n").split("\n")])


def test_shared_ambiguous_fixture_asks_for_date_order(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "whatsapp" / "synthetic" / "android_ambiguous_day_month.txt"
    with pytest.raises(
        ParseError, match=r"run again with --date-order dmy \(--date-order mdy for a US phone\)"
    ):
        parse("whatsapp", path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_chat_re_saved_as_utf16_is_named_as_such(tmp_path: Path, encoding: str) -> None:
    # A chat re-saved as UTF-16 was "no WhatsApp message header found … is this a WhatsApp export?"
    # and, without --format, "a binary file in no format Footprint reads" (found by fuzzing).
    path = tmp_path / "chat.txt"
    path.write_bytes("14/03/2024, 09:15 - Ann Example: hello\n".encode(encoding))
    with pytest.raises(ParseError) as caught:
        parse("whatsapp", path)
    assert str(caught.value) == (
        "chat.txt: UTF-16 text, not UTF-8 as WhatsApp exports it (it was probably re-saved in an editor);"
        " add the chat exactly as exported, or save it again as UTF-8"
    )
    with (
        Source(path) as source,
        pytest.raises(UnsupportedFormatError, match=r"^chat\.txt: UTF-16 text \(re-save"),
    ):
        choose_parser(source)


@pytest.mark.parametrize(
    ("header", "raw", "utc"),
    [
        # Finnish: "klo" and dotted times; Croatian: spaced dotted dates ending in "."
        ("13.6.2018 klo 21.25.15 - ", "13.6.2018 klo 21.25.15", "2018-06-13T20:25:15Z"),
        ("13. 6. 2018. 21:25 - ", "13. 6. 2018. 21:25", "2018-06-13T20:25:00Z"),
        # Spanish "p. m." with no-break spaces (Pustur #224), and "a. m." at half past midnight
        ("13/6/18, 9:25\u00a0p.\u00a0m. - ", "13/6/18, 9:25\u00a0p.\u00a0m.", "2018-06-13T20:25:00Z"),
        ("13/6/18, 12:30\u00a0a.\u00a0m. - ", "13/6/18, 12:30\u00a0a.\u00a0m.", "2018-06-12T23:30:00Z"),
        ("[2018-06-13, 21:25:15] ", "2018-06-13, 21:25:15", "2018-06-13T20:25:15Z"),
        # Pustur's dotted layouts with no " - " (review formats defect 5)
        ("13.06.18 21.25.15: ", "13.06.18 21.25.15", "2018-06-13T20:25:15Z"),
        ("13. 6. 2018. 21:25:15 ", "13. 6. 2018. 21:25:15", "2018-06-13T20:25:15Z"),
    ],
)
def test_locale_headers(tmp_path: Path, header: str, raw: str, utc: str) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(f"{header}Ann Example: hola\n", encoding="utf-8")
    item = parse("whatsapp", chat).items[0]
    assert (item.author, item.text, item.sent_at_raw, item.sent_at_utc) == (ANN, "hola", raw, utc)


def test_localised_and_ios_markers(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "14.03.23, 09:15 - Ann Example: hallo <Diese Nachricht wurde bearbeitet>\n"
        "14.03.23, 09:16 - Ann Example: Du hast diese Nachricht gelöscht.\n"
        "14.03.23, 09:17 - Ann Example: Ben.vcf (Datei angehängt)\n"
        "14.03.23, 09:18 - Ann Example: \u200esticker omitted\n"
        "14.03.23, 09:19 - Ann Example: null\n"
        "14.03.23, 09:20 - Ann Example hat die Gruppe „Test“ erstellt\n"
        "14.03.23, 09:21 - Ann Example: Verpasster Sprachanruf\n",
        encoding="utf-8",
    )
    items = parse("whatsapp", chat).items
    assert [(i.kind, i.text, i.deleted, i.edited, i.system, i.attachments) for i in items] == [
        ("message", "hallo", False, True, False, ()),
        ("message", "Du hast diese Nachricht gelöscht.", True, False, False, ()),
        (
            "message",
            "Ben.vcf (Datei angehängt)",
            False,
            False,
            False,
            (ParsedAttachment("Ben.vcf", None, "text/vcard"),),
        ),
        (
            "message",
            "sticker omitted",
            False,
            False,
            False,
            (ParsedAttachment("sticker omitted from export"),),
        ),
        ("message", "null", False, False, False, (ParsedAttachment("view-once media (not exported)"),)),
        ("system", "Ann Example hat die Gruppe „Test“ erstellt", False, False, True, ()),
        ("call", "Verpasster Sprachanruf", False, False, False, ()),
    ]


@pytest.mark.parametrize(
    ("media", "deleted", "yours", "edited", "attached"),
    [
        # French, Italian, Portuguese (Brazil), Dutch Android exports
        ("<Médias omis>", "Ce message a été supprimé", "Vous avez supprimé ce message",
         "<Ce message a été modifié>", "(fichier joint)"),
        ("<Media omessi>", "Questo messaggio è stato eliminato", "Hai eliminato questo messaggio",
         "<Questo messaggio è stato modificato>", "(file allegato)"),
        ("<Mídia oculta>", "Esta mensagem foi apagada", "Você apagou esta mensagem",
         "<Mensagem editada>", "(arquivo anexado)"),
        ("<Media weggelaten>", "Dit bericht is verwijderd", "Je hebt dit bericht verwijderd",
         None, "(bestand bijgevoegd)"),
    ],
)  # fmt: skip
def test_more_localised_placeholders(
    tmp_path: Path, media: str, deleted: str, yours: str, edited: str | None, attached: str
) -> None:
    chat = tmp_path / "chat.txt"
    lines = [
        f"14/03/2023 09:15 - Ann Example: {media}",
        f"14/03/2023 09:16 - Ann Example: {deleted}",
        f"14/03/2023 09:17 - Ann Example: {yours}",
        f"14/03/2023 09:18 - Ann Example: IMG-20230314-WA0001.jpg {attached}",
    ]
    if edited is not None:
        lines.append(f"14/03/2023 09:19 - Ann Example: ciao {edited}")
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = parse("whatsapp", chat).items
    expected = [
        (media, False, False, (ParsedAttachment("media omitted from export"),),
         {"placeholder": "media_omitted"}),
        (deleted, True, False, (), {"placeholder": "deleted"}),
        (yours, True, False, (), {"placeholder": "deleted"}),
        (f"IMG-20230314-WA0001.jpg {attached}", False, False,
         (ParsedAttachment("IMG-20230314-WA0001.jpg", None, "image/jpeg"),), None),
    ]  # fmt: skip
    if edited is not None:
        expected.append(("ciao", False, True, (), None))
    assert [(i.text, i.deleted, i.edited, i.attachments, i.details) for i in items] == expected


def test_shared_placeholders_are_flagged(shared_data: Path) -> None:
    path = shared_data / "export-samples" / "whatsapp" / "synthetic" / "android_en-US_12h_nnbsp.txt"
    items = parse("whatsapp", path).items
    assert [(i.locator, i.text, i.deleted, i.details) for i in items if i.details] == [
        ("line 3", "<Media omitted>", False, {"placeholder": "media_omitted"}),
        ("line 5", "This message was deleted", True, {"placeholder": "deleted"}),
        ("line 6", "You deleted this message", True, {"placeholder": "deleted"}),
        ("line 9", "null", False, {"placeholder": "view_once"}),
        (
            "line 10",
            "waiting for this message. Check your phone.",
            False,
            {"placeholder": "waiting_for_message"},
        ),
    ]


def test_a_year_first_bracketed_export_says_the_platform_was_assumed(tmp_path: Path) -> None:
    # signal-export's older text output has this layout; it was filed as WhatsApp without a word
    path = tmp_path / "chat.txt"
    path.write_text("[2019-12-24, 12:23] Ann Example: hello\n[2019-12-24, 12:24] Ben Example: hi\n", "utf-8")
    result = parse("whatsapp", path)
    assert result.ctx.decisions["platform"] == (
        "whatsapp (assumed: dates are written year first in brackets, as WhatsApp does in some locales"
        " and signal-export's text output does; pass --platform signal if the chat came from Signal)"
    )
    assert "platform" not in parse("whatsapp", path, platform="signal").ctx.decisions
    assert "platform" not in parse("whatsapp", DATA / "whatsapp" / "android_en-GB_24h.txt").ctx.decisions


def test_a_forced_whatsapp_file_without_headers_says_what_was_expected(tmp_path: Path) -> None:
    chat = tmp_path / "notes.txt"
    chat.write_text("13.06.18 21:25 meeting at noon\nbring the papers\n", encoding="utf-8")
    with pytest.raises(ParseError) as raised:
        parse("whatsapp", chat)
    assert str(raised.value) == (
        "notes.txt: no WhatsApp message header in the first 8 KiB; the layouts read are Android's"
        " '14/03/2023, 09:15 - Name: text', iOS's '[14/03/2023, 09:15:02] Name: text' and the dotted"
        " '13.06.18 21.25.15: Name: text' (any date order, 12 or 24 hours); check that this is the chat's"
        " .txt exactly as WhatsApp exported it (not edited or re-saved), and if it is, its layout is not"
        " supported: report it with its first lines"
    )


def test_a_dotted_export_keeps_its_system_lines_apart(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "13.06.18 21.25.15: Ann Example: hola\n13.06.18 21.26.00: Ann Example left\n", encoding="utf-8"
    )
    result = parse("whatsapp", chat)
    assert [(i.locator, i.kind, i.author, i.text, i.sent_at_utc) for i in result.items] == [
        ("line 1", "message", ANN, "hola", "2018-06-13T20:25:15Z"),
        ("line 2", "system", ANN, "Ann Example left", "2018-06-13T20:26:00Z"),
    ]


def test_a_chat_with_old_mac_line_ends_keeps_its_messages(tmp_path: Path) -> None:
    path = tmp_path / ANDROID.name
    path.write_bytes(ANDROID.read_bytes().replace(b"\n", b"\r"))
    result = parse("whatsapp", path)
    expected = parse("whatsapp", ANDROID)
    assert result.items == expected.items
    assert result.warnings == expected.warnings
    assert result.ctx.decisions == {
        **expected.ctx.decisions,
        "line_ends": "CR alone (old Mac OS); each CR read as a line end",
    }


def test_a_cr_alone_before_a_header_in_an_lf_chat_starts_a_message(tmp_path: Path) -> None:
    # before: "mixed" and the next message were one item, with 0 warnings
    chat = tmp_path / "chat.txt"
    chat.write_bytes(
        b"13/01/2026, 13:00 - John Smith: first\r\n"
        b"13/01/2026, 13:01 - John Smith: mixed\r13/01/2026, 13:02 - John Smith: after\n"
        b"13/01/2026, 13:03 - John Smith: a line\rwith a CR inside\n"
    )
    result = parse("whatsapp", chat)
    assert [(i.locator, i.text) for i in result.items] == [
        ("line 1", "first"),
        ("line 2", "mixed"),
        ("line 3", "after"),
        ("line 4", "a line\rwith a CR inside"),
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 2",
            "1 CR(s) alone before a message header (the first on this line) read as line ends (and"
            " counted so in later items' line numbers); the chat was probably edited or joined on old"
            " Mac OS: each message after one is its own item",
            "13/01/2026, 13:01 - John Smith: mixed\r13/01/2026, 13:02 - John Smith: after",
        )
    ]
