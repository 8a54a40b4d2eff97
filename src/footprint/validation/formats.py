"""AC-01 to AC-03: synthetic exports, written by ``footprint.synth`` from known records, read back exactly.

Each export is added to a scratch case through the real pipeline (hash, vault, sniff, parse, store) and
the stored items are compared with the records the writer was given: the answer key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from zoneinfo import ZoneInfo

from footprint.case import Case
from footprint.ingest import parsers
from footprint.parties import add_person
from footprint.pipeline import AddOptions, AddResult, add_exhibit
from footprint.synth import social_writers as social
from footprint.synth.phone_writers import (
    PhoneMessage,
    demo_sms_messages,
    write_axiom_csv,
    write_eml,
    write_imessage_db,
    write_sms_backup_xml,
    write_ufed_report,
)
from footprint.synth.writers import ChatLine, write_csv, write_whatsapp_txt, write_whatsapp_zip
from footprint.times import iso_utc, uk_display
from footprint.validation.criteria import Outcome, outcome

UK = ZoneInfo("Europe/London")
OWNER = "Jane Doe"
OWNER_PHONE = "+447700900001"
PRODUCER = "Val Checker"


@dataclass(frozen=True)
class Record:
    """One record of an answer key: who sent it, when (UTC), what it says."""

    author: str | None
    sent_at_utc: str | None
    text: str
    attachments: tuple[str, ...] = ()  # SHA-256 of each attached file


@dataclass(frozen=True)
class Export:
    """A synthetic export in one format, the records written into it, and how it is added."""

    format: str
    file_name: str
    write: Callable[[Path], object]
    records: tuple[Record, ...]
    owner: str | None = None  # whose phone or account the export came from


def _utc_ms(ms: int) -> str:
    return iso_utc(datetime.fromtimestamp(ms / 1000, UTC))


def _uk(local: datetime) -> str:
    """ISO UTC of a UK wall-clock time (the earlier one when the clocks went back)."""
    return iso_utc(local.replace(tzinfo=UK))


def social_exports(count: int = 3) -> list[Export]:
    """X, Messenger (DYI and E2EE), Instagram, Telegram, Discord (JSON and CSV) and generic JSON Lines,
    ``count`` messages each."""
    (owner_id, _, _), (victim_id, _, victim_handle) = social.PEOPLE
    texts = [social.message_text(i) for i in range(count)]
    names = [social.PEOPLE[i % 2][1] for i in range(count)]
    handles = [social.PEOPLE[i % 2][2] for i in range(count)]
    ids = [social.PEOPLE[i % 2][0] for i in range(count)]
    timed = [_utc_ms(social.message_ms(i)) for i in range(count)]
    facebook = tuple(Record(f"facebook:{names[i]}", timed[i], texts[i]) for i in range(count))
    discord_at = "2023-03-14T09:15:00.123Z"
    discord = tuple(Record(f"discord:{ids[i]}", discord_at, texts[i]) for i in range(count))
    return [
        Export(
            "twitter_archive",
            "twitter-archive.zip",
            lambda p: social.write_twitter_archive(p, count, count),
            tuple(Record(f"x:{owner_id}", "2024-01-15T20:00:00Z", f"@{victim_handle} {t}") for t in texts)
            + tuple(Record(f"x:{owner_id}", "2024-03-03T21:00:00Z", t) for t in texts),
        ),
        Export(
            "messenger_json", "messenger-dyi.zip", lambda p: social.write_messenger_dyi(p, count, 2), facebook
        ),
        Export(
            "messenger_e2ee", "Ben Example_1.json", lambda p: social.write_messenger_e2ee(p, count), facebook
        ),
        Export(
            "instagram_json",
            "instagram-dyi.zip",
            lambda p: social.write_instagram_dyi(p, count),
            tuple(Record(f"instagram:{handles[i]}", timed[i], texts[i]) for i in range(count))
            # the writer's reaction on the first message: an item of its own, at its own time
            + (
                Record(
                    f"instagram:{handles[1]}", _utc_ms(social.message_ms(0) // 1000 * 1000 + 5000), "\u2764"
                ),
            ),
        ),
        Export(
            "jsonl_generic",
            "messages.jsonl",
            lambda p: social.write_jsonl(p, count),
            tuple(Record(f"jsonl:{ids[i]}", timed[i], texts[i]) for i in range(count)),
        ),
        Export(
            "telegram_json",
            "result.json",
            lambda p: social.write_telegram_json(p, count),
            tuple(Record(f"telegram:user{ids[i]}", timed[i], texts[i]) for i in range(count)),
        ),
        Export("discord_json", "channel.json", lambda p: social.write_discord_json(p, count), discord),
        Export("discord_csv", "channel.csv", lambda p: social.write_discord_csv(p, count), discord),
    ]


def phone_exports() -> list[Export]:
    """SMS Backup & Restore, iMessage, UFED, AXIOM and e-mail: the demo's burner thread, owned by Jane."""
    messages = demo_sms_messages()
    other = messages[0].other

    def records(incoming: str, outgoing: str) -> tuple[Record, ...]:
        return tuple(Record(incoming if m.incoming else outgoing, iso_utc(m.at), m.text) for m in messages)

    mail = PhoneMessage(messages[0].at, "ben@example.org", True, messages[0].text, contact="Ben Example")
    subject = "you can't block me"
    return [
        Export(
            "sms_backup_xml",
            "sms-20240301000000.xml",
            lambda p: write_sms_backup_xml(p, messages, count=len(messages)),
            records(f"sms:{other}", f"sms:owner:{OWNER}"),
            OWNER,
        ),
        Export(
            "imessage_db",
            "chat.db",
            lambda p: write_imessage_db(p, messages),
            records(f"imessage:{other}", f"imessage:owner:{OWNER}"),
            OWNER,
        ),
        Export(
            "cellebrite_ufed",
            "report.xml",
            lambda p: write_ufed_report(p, messages, owner=OWNER_PHONE, other=other),
            records(f"sms:{other}", f"sms:{OWNER_PHONE}"),
            OWNER,
        ),
        Export(
            "tabular_forensic",
            "axiom-sms.csv",
            lambda p: write_axiom_csv(p, messages, OWNER_PHONE, zone_header=True),
            records(f"sms:{other}", f"sms:{OWNER_PHONE}"),
            OWNER,
        ),
        Export(
            "email",
            "message.eml",
            lambda p: write_eml(p, mail, owner="jane.doe@example.org", subject=subject),
            (Record("email:ben@example.org", iso_utc(mail.at), f"Subject: {subject}\n\n{mail.text}\n"),),
        ),
    ]


# WhatsApp exports carry no zone: UK wall-clock times either side of the clock changes.
SUMMER = ChatLine(datetime(2024, 7, 14, 9, 15), "Ben Example", "see you at 9")
WINTER = ChatLine(datetime(2024, 12, 14, 9, 15), "Ann Example", "see you at 9 again")
TWICE = ChatLine(datetime(2024, 10, 27, 1, 30), "Ben Example", "the hour the clocks went back")
US_FIRST = ChatLine(datetime(2024, 7, 4, 21, 15), "Ben Example", "happy 4th")
US_SECOND = ChatLine(datetime(2024, 7, 14, 9, 15), "Ann Example", "thanks")
#: what UK local time with its offset must read for SUMMER and WINTER
UK_SHOWN = {SUMMER.text: "14/07/2024 09:15:00 BST (+01:00)", WINTER.text: "14/12/2024 09:15:00 GMT (+00:00)"}
TWICE_WARNING = (
    "local time 2024-10-27 01:30 happened twice in Europe/London (clocks went back); the earlier one"
    " (+01:00) was used"
)


PHOTO = b"\xff\xd8 synthetic photo \xff\xd9"


def _chat_records(lines: list[ChatLine]) -> tuple[Record, ...]:
    """What a WhatsApp export of ``lines`` holds (an attachment line names its file; PHOTO attached)."""
    return tuple(
        Record(f"whatsapp:{c.author}", _uk(c.at), f"<attached: {c.attachment}>", (sha256(PHOTO).hexdigest(),))
        if c.attachment
        else Record(f"whatsapp:{c.author}", _uk(c.at), c.text)
        for c in lines
    )


def whatsapp_exports() -> list[Export]:
    """WhatsApp Android (24-hour, day first; and US 12-hour, month first) and iOS (zip with a photo)."""
    android = [SUMMER, WINTER]
    ios = [
        ChatLine(datetime(2024, 3, 14, 10, 6), "Ben Example", "", "00000031-PHOTO-2024-03-14-10-06-00.jpg")
    ]
    return [
        Export(
            "whatsapp",
            "WhatsApp Chat with Ben Example.txt",
            lambda p: write_whatsapp_txt(p, android),
            _chat_records(android),
        ),  # fmt: skip
        Export(
            "whatsapp",
            "WhatsApp Chat with Ann Example.txt",
            lambda p: write_whatsapp_txt(p, [US_FIRST, US_SECOND], twelve_hour=True, us_dates=True),
            _chat_records([US_FIRST, US_SECOND]),
        ),
        Export(
            "whatsapp",
            "WhatsApp Chat - Ben Example.zip",
            lambda p: write_whatsapp_zip(p, ios, {ios[0].attachment or "": PHOTO}),
            _chat_records(ios),
        ),
    ]


def _compare(case: Case, export: Export, added: AddResult) -> list[str]:
    """The differences between the stored items of one exhibit and the export's answer key."""
    items = list(case.store.iter_items(added.ref))
    got = sorted((i.author, i.sent_at_utc, i.text, tuple(a.sha256 for a in i.attachments)) for i in items)
    want = sorted((r.author, r.sent_at_utc, r.text, r.attachments) for r in export.records)
    problems = []
    where = f"{export.format} ({export.file_name}, {added.ref})"
    if added.parser != export.format:
        problems.append(f"{where}: read by {added.parser}, expected {export.format}")
    if len(got) != len(want):
        problems.append(f"{where}: {len(got)} item(s) stored, {len(want)} written")
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    for author, at, text, _ in missing[:3]:
        problems.append(f"{where}: not found as written: {author} at {at}: {text[:60]!r}")
    for author, at, text, _ in extra[:3]:
        problems.append(f"{where}: stored but not written: {author} at {at}: {text[:60]!r}")
    if added.warnings:
        problems.append(f"{where}: {added.warnings} warning(s) on a clean export")
    return problems


#: parsers exercised by other criteria than AC-01
ELSEWHERE = {
    "csv_generic": "AC-03, AC-04 (the demo's SMS export)",
    "incidents_csv": "AC-04 (the demo's incidents)",
}


def check_exports(case: Case, folder: Path) -> list[Outcome]:
    """AC-01: every export added to ``case`` and compared with its answer key, one outcome per format."""
    add_person(case, OWNER, "complainant")
    by_format: dict[str, tuple[list[dict[str, object]], list[str]]] = {}
    for export in [*social_exports(), *phone_exports(), *whatsapp_exports()]:
        path = folder / export.file_name
        export.write(path)
        added = add_exhibit(case, path, AddOptions(producer=PRODUCER, owner=export.owner))
        rows, problems = by_format.setdefault(export.format, ([], []))
        rows.append(
            {"file": export.file_name, "exhibit": added.ref, "parser": added.parser,
             "parser_version": added.parser_version, "written": len(export.records),
             "stored": sum(added.items_by_kind.values()), "warnings": added.warnings,
             "decisions": dict(added.decisions)}
        )  # fmt: skip
        problems += _compare(case, export, added)
    outcomes = [
        outcome(f"AC-01/{name}", {"exports": rows}, problems) for name, (rows, problems) in by_format.items()
    ]
    uncovered = sorted(set(parsers.names()) - set(by_format) - set(ELSEWHERE))
    evidence = {
        "formats_checked": sorted(by_format),
        "checked_elsewhere": ELSEWHERE,
        "not_written_by_synth": uncovered,
    }
    outcomes.append(outcome("AC-01/coverage", evidence, []))
    return outcomes


def check_zones(case: Case, folder: Path) -> Outcome:
    """AC-02: BST and GMT, the repeated hour (warned), a US export's date order (inferred and recorded).

    Reads the WhatsApp exports ``check_exports`` added to ``case`` and adds one across the repeated hour.
    """
    problems: list[str] = []
    path = folder / "WhatsApp Chat with Cy Example.txt"
    write_whatsapp_txt(path, [TWICE])
    added = add_exhibit(case, path, AddOptions(producer=PRODUCER))
    [item] = case.store.iter_items(added.ref)
    if item.sent_at_utc != "2024-10-27T00:30:00Z":
        problems.append(f"the repeated hour 01:30 on 27/10/2024 was stored as {item.sent_at_utc}, not 00:30Z")
    warnings = [w.message for w in case.store.warnings(added.ref)]
    if warnings != [TWICE_WARNING]:
        problems.append(f"the repeated hour gave the warnings {warnings}, not [{TWICE_WARNING!r}]")
    shown = {}
    for exhibit in case.store.exhibits():
        for stored in case.store.iter_items(exhibit.ref):
            if stored.text in UK_SHOWN:
                shown[stored.text] = uk_display(stored.sent_at_utc)
                if stored.tz_source != "examiner":
                    problems.append(
                        f"{exhibit.ref} {stored.locator}: zone source {stored.tz_source}, not examiner"
                    )
            if stored.text == US_FIRST.text:
                order = exhibit.settings.get("date_order", "")
                if not order.startswith("mdy"):
                    problems.append(f"{exhibit.ref}: day/month order recorded as {order!r}, not mdy")
    for text, want in UK_SHOWN.items():
        if shown.get(text) != want:
            problems.append(f"UK time of {text!r} shown as {shown.get(text)!r}, not {want!r}")
    return outcome("AC-02", {"uk_shown": shown, "repeated_hour_warnings": warnings}, problems)


BAD_ROWS = [
    ["14/07/2024 09:15", "+447700900123", OWNER_PHONE, "first"],
    ["not a date", "+447700900123", OWNER_PHONE, "kept without a time"],
]
BAD_ROW_WARNING = (
    "time not read: unrecognised time 'not a date'; the times read are ISO 8601, epoch seconds or"
    " milliseconds, and dd/mm/yyyy or mm/dd/yyyy with hh:mm[:ss] and an optional AM/PM: check that"
    " --map sent_at=COLUMN names the time column, or re-export with such times; row kept without a time"
)


def check_no_drops(case: Case, folder: Path) -> Outcome:
    """AC-03: a CSV row whose time cannot be read is kept, untimed, with a warning holding its raw text."""
    path = folder / "sms-export.csv"
    write_csv(path, ["Date", "From", "To", "Body"], BAD_ROWS)
    options = AddOptions(
        producer=PRODUCER,
        format="csv_generic",
        platform="sms",
        tz="Europe/London",
        column_map={"sent_at": "Date", "author": "From", "recipient": "To", "text": "Body"},
    )
    added = add_exhibit(case, path, options)
    items = [(i.text, i.sent_at_utc) for i in case.store.iter_items(added.ref)]
    warnings = [(w.locator, w.message, w.raw) for w in case.store.warnings(added.ref)]
    want_items = [("first", "2024-07-14T08:15:00Z"), ("kept without a time", None)]
    want_warnings = [("line 3", BAD_ROW_WARNING, ",".join(BAD_ROWS[1]))]
    problems = []
    if items != want_items:
        problems.append(f"rows stored as {items}, not {want_items}")
    if warnings != want_warnings:
        problems.append(f"warnings stored as {warnings}, not {want_warnings}")
    return outcome("AC-03", {"items": items, "warnings": warnings}, problems)
