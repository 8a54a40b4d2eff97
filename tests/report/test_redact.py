"""Disclosure copy: every planted third-party identifier masked, consistently; no party's evidence lost."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.code_identity import tool_version
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, build_report, write_outputs
from footprint.report.bundle import verify_bundle
from footprint.report.disclosure_rows import party_identifiers
from footprint.report.disclosures import Disclosure
from footprint.report.places import find_places
from footprint.report.redact import (
    CASELESS_NAME,
    HASH_WITHHELD,
    LeftInText,
    Redactor,
)
from footprint.store import schema
from footprint.synth.writers import ChatLine, write_whatsapp_txt
from report.planted import DISCLOSED, DISCLOSED_ARGS, JANE, JOHN, LINES, PRIYA, THIRD_PARTY, TOM, _run

VARIANTS = (
    "+447700900777",
    "07700900777",
    "7700 900777",
    "priya.shah",
    "elm road",
    "sw1a 1aa",
    "priya",
    "tom other",
)


def snapshot(case: Case) -> dict[str, object]:
    """The evidence tables and the vault's files (the audit log grows with every report)."""
    with case.store.engine.connect() as conn:
        tables = {t: [tuple(r) for r in conn.execute(select(schema.metadata.tables[t]))] for t in TABLES}
    vault = sorted(str(p.relative_to(case.dir)) for p in (case.dir / "vault").rglob("*") if p.is_file())
    return {"tables": tables, "vault": vault}


TABLES = ("item", "exhibit", "finding", "account", "decision", "attachment", "recipient")


def _disclosure(case: Case) -> dict[str, str]:
    paths = write_outputs(case, ReportOptions(redact=True, **DISCLOSED)).paths
    folder = case.reports_dir / "disclosure"
    assert all(p.exists() for p in paths)
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()
    }


def test_every_planted_third_party_identifier_is_masked(report_case: Case) -> None:
    files = _disclosure(report_case)
    assert set(files) >= {"report.html", "items.jsonl", "timeline.jsonl", "schedules/chronology.csv"}
    assert "schedules/mg6d.csv" not in files  # sensitive schedule stays with the prosecution
    for name, text in files.items():
        lowered = text.lower()
        for value in (*THIRD_PARTY, *VARIANTS):
            assert value.lower() not in lowered, f"{value!r} left in disclosure/{name}"
    html = files["report.html"]
    assert "Disclosure copy." in html
    assert re.search(r"\[PHONE-\d\]", html) and re.search(r"\[EMAIL-\d\]", html)
    assert re.search(r"\[ADDRESS-\d\]", html) and re.search(r"\[NAME-\d\]", html)


def test_masks_are_consistent_per_value(report_case: Case) -> None:
    model = build_report(report_case, redact=True)
    texts = {row.item.locator: row.item.text for row in model.chronology if row.item.exhibit == "JD/1"}
    national = re.search(r"\[PHONE-\d+\]", texts["line 4"])
    international = re.search(r"\[PHONE-\d+\]", texts["line 9"])
    assert national and international and national.group() == international.group()
    name = re.search(r"\[NAME-\d+\]", texts["line 3"])
    assert name is not None
    author = next(r.item for r in model.chronology if r.item.locator == "line 4" and r.item.exhibit == "JD/1")
    assert author.author_name == name.group() and author.author == f"whatsapp:{name.group()}"
    log = model.redaction_log
    assert {e.kind for e in log} == {"PHONE", "EMAIL", "ADDRESS", "NAME"}
    assert {e.value for e in log if e.kind == "PHONE"} == {"07700 900777", "+44 7700 900777"}
    assert all(e.mask == national.group() for e in log if e.kind == "PHONE")


def test_no_party_evidence_is_lost(report_case: Case) -> None:
    full = build_report(report_case)
    redacted = build_report(report_case, redact=True)
    assert [r.item.id for r in redacted.chronology] == [r.item.id for r in full.chronology]
    assert len(redacted.findings) == len(full.findings)
    planted = {text for _, who, text in LINES if who in (JANE, JOHN)}
    for before, after in zip(full.chronology, redacted.chronology, strict=True):
        if before.side in ("complainant", "suspect"):
            assert after.item.author_name == before.item.author_name  # parties keep their names
            if before.item.text in planted and not any(v in before.item.text for v in THIRD_PARTY):
                assert after.item.text == before.item.text
    texts = [r.item.text for r in redacted.chronology]
    assert (
        "My number is still 07700 900001" in texts
    )  # the complainant's own number is hers, not a third party's
    where = next(f for f in redacted.flagged if f.item.text.startswith("Where were you"))
    focus = next(line for line in where.context if line.focus)
    assert [s.text for s in focus.segments if s.mark] == ["Where were you last night?"]
    assert focus.item.text.startswith("Where were you last night? I know you were at [ADDRESS-")


def test_originals_untouched_and_log_written(report_case: Case) -> None:
    before = snapshot(report_case)
    _disclosure(report_case)
    after = snapshot(report_case)
    assert after["vault"] == before["vault"]
    tables_before, tables_after = before["tables"], after["tables"]
    assert isinstance(tables_before, dict) and isinstance(tables_after, dict)
    for table in TABLES:
        assert tables_after[table] == tables_before[table]
    log_path = report_case.reports_dir / "redaction-log.csv"
    rows = list(csv.DictReader(io.StringIO(log_path.read_text(encoding="utf-8-sig"), newline="")))
    assert {r["Original value"].lstrip("'") for r in rows} >= {
        "07700 900777",
        "+44 7700 900777",
        "priya.shah@example.org",
    }
    assert all(r["Mask"].startswith("[") for r in rows)
    items = [json.loads(x) for x in (report_case.reports_dir / "items.jsonl").read_text().splitlines()]
    assert any("07700 900777" in i["text"] for i in items)  # the full copy is not redacted
    mg6d = (report_case.reports_dir / "schedules" / "mg6d.csv").read_text(encoding="utf-8")
    assert "Redaction log" in mg6d


def test_redactor_offsets_and_parties() -> None:
    keep = party_identifiers(["sms:+447700900001", "email:jane@example.org"], ["Jane Doe"])
    r = Redactor(keep, ("Priya Shah",))
    text, move = r.text_with_offsets(
        "Priya Shah rang 07700 900123, not 07700 900001 or jane@example.org", "t"
    )
    assert text == "[NAME-1] rang [PHONE-1], not 07700 900001 or jane@example.org"
    assert text[move(11) : move(15)] == "rang"
    assert r.text("IMG-20240210-WA00000031.jpg", "t") == "IMG-20240210-WA00000031.jpg"  # not a phone number


def test_cli_redact_name(report_case: Case, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "report", str(report_case.dir), "--redact", *DISCLOSED_ARGS, "--redact-name", "Can we talk"
    )
    assert result.exit_code == 0, result.output
    html = (report_case.reports_dir / "disclosure" / "report.html").read_text(encoding="utf-8")
    assert "Can we talk" not in html


def _leaks(name: str, text: str) -> list[str]:
    lowered = " ".join(text.lower().split())
    return [f"{value!r} in {name}" for value in (*THIRD_PARTY, *VARIANTS) if value.lower() in lowered]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
@pytest.mark.usefixtures("unchecked_rows")  # the exhibit's owner and settings are planted in SQL
def test_nothing_redacted_leaks_from_any_disclosed_file(report_case: Case) -> None:
    """PDF text layer and metadata, every file of the disclosure copy, every member of its bundle."""
    with report_case.transaction() as (tx, record):  # what a parser and the examiner recorded on an exhibit
        tx.conn.execute(
            update(schema.exhibit)
            .where(schema.exhibit.c.ref == "JD/2")
            .values(
                owner=f"{JANE}, phone shared with {TOM}",
                notes=f"Handed over by {PRIYA} (07700 900777)",
                settings=json.dumps(
                    {"account_owner": f"telegram:user2222222222 {TOM} (priya.shah@example.org)"}
                ),
            )
        )
        record("exhibit notes", "planted")
    write_outputs(report_case, ReportOptions(redact=True, pdf=True, bundle=True, **DISCLOSED))
    reports = report_case.reports_dir
    pdf = reports / "disclosure" / "report.pdf"
    leaks: list[str] = []
    for tool in (["pdftotext", "-enc", "UTF-8", str(pdf), "-"], ["pdfinfo", "-enc", "UTF-8", str(pdf)]):
        out = subprocess.run(tool, capture_output=True, check=True, text=True).stdout
        leaks += _leaks(f"{tool[0]} of disclosure/report.pdf", out)
    raw = pdf.read_bytes().decode("latin-1")  # metadata and any uncompressed text
    leaks += _leaks("disclosure/report.pdf bytes", raw)
    for path in (reports / "disclosure").rglob("*"):
        if path.is_file() and path.suffix != ".pdf":
            leaks += _leaks(str(path.relative_to(reports)), path.read_text(encoding="utf-8"))
    with zipfile.ZipFile(reports / "disclosure-bundle.zip") as bundle:
        for member in bundle.namelist():
            data = bundle.read(member)
            if member.endswith(".pdf"):
                continue  # the same bytes as disclosure/report.pdf, checked above
            leaks += _leaks(f"disclosure-bundle.zip:{member}", data.decode("utf-8"))
            leaks += _leaks("disclosure-bundle.zip member name", member)
    assert leaks == []


def test_a_third_party_named_in_the_case_name_is_masked_in_the_disclosure_copy(report_case: Case) -> None:
    with report_case.transaction() as (tx, record):
        tx.conn.execute(update(schema.metadata.tables["case"]).values(name="R v Smith (Tom Other's flat)"))
        record("case rename", "planted")
    model = build_report(report_case, redact=True)
    mask = next(e.mask for e in model.redaction_log if e.value == "Tom Other")
    assert model.case_name == f"R v Smith ({mask}'s flat)"  # the same mask as everywhere else
    assert build_report(report_case).case_name == "R v Smith (Tom Other's flat)"  # the full report keeps it


def test_a_one_megabyte_word_is_read_in_linear_time() -> None:
    """A hostile message of one 1 MB 'word' (the e-mail pattern once re-scanned it from every letter)."""
    r = Redactor(frozenset(), ("Priya Shah",))
    word = "y" * 1_000_000
    assert r.text(word, "t") == word
    assert r.text(f"{word} priya.shah@example.org", "t") == f"{word} [EMAIL-1]"


SHORT = (
    "a name of fewer than 3 characters cannot be told from a letter or word in text: it is masked only"
    " where it names a speaker, participant or account"
)
AS_WRITTEN = (
    "a name of fewer than 6 characters is masked in text only as written, so that an ordinary word is not:"
    " these are written in other capitals"
)


def test_short_names_are_masked_as_speakers_and_left_in_text_with_a_note() -> None:
    r = Redactor(frozenset(), ("A", "B", "Tom", "Priya Shah"))
    assert r.field("A", "author") == "[NAME-1]"
    assert r.field("whatsapp:B", "recipient") == "whatsapp:[NAME-2]"
    body = "this line starts like A date but is body text"
    assert r.text(body, "JD/1 line 1 text") == body
    assert r.text("[b]x[/b]", "JD/1 line 2 text") == "[b]x[/b]"
    assert (
        r.text("Tom will come, tom said; PRIYA SHAH too", "t") == "[NAME-3] will come, tom said; [NAME-4] too"
    )
    assert (
        r.record("05/02/2024, 19:14 - A: like A", "like A", "raw") == "05/02/2024, 19:14 - [NAME-1]: like A"
    )
    assert r.names_masked("WhatsApp Chat with B.txt", "file") == "WhatsApp Chat with [NAME-2].txt"
    assert r.left_in_text() == (
        LeftInText("A", "[NAME-1]", 1, "JD/1 line 1 text", SHORT),
        LeftInText("B", "[NAME-2]", 2, "JD/1 line 2 text", SHORT),
        LeftInText("Tom", "[NAME-3]", 1, "t", AS_WRITTEN),
    )
    assert {e.value for e in r.log} == {"A", "B", "Tom", "PRIYA SHAH"}  # never "a", "b" or "tom"


def test_one_letter_speakers_do_not_rewrite_ordinary_words(case: Case, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chat = tmp_path / "WhatsApp Chat with B.txt"
    lines = [("A", "this line starts like A date but is body text"), ("B", "[b]x[/b] is bold, a b c")]
    write_whatsapp_txt(
        chat, [ChatLine(datetime(2024, 2, 5, 19, n), who, text) for n, (who, text) in enumerate(lines)]
    )
    add_exhibit(case, chat, AddOptions(producer=JANE, exhibit_ref="JD/1", date_order="dmy"))
    args = ("--redact", "--disclosure-to", "Hart & Co", "--justification", "CPIA s.7A")
    result = run_cli("report", str(case.dir), *args)
    assert result.exit_code == 0, result.output
    folder = case.reports_dir / "disclosure"
    items = [json.loads(x) for x in (folder / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(i["author_name"], i["text"]) for i in items] == [
        ("[NAME-1]", lines[0][1]),
        ("[NAME-2]", lines[1][1]),
    ]
    assert items[0]["raw"] == f"05/02/2024, 19:00 - [NAME-1]: {lines[0][1]}"
    log = list(
        csv.reader(io.StringIO((case.reports_dir / "redaction-log.csv").read_text(encoding="utf-8-sig")))
    )
    assert {(row[2], row[3]) for row in log[1:]} == {
        ("NAME", "A"),
        ("NAME", "B"),
        ("NAME NOT MASKED IN TEXT", "A"),
        ("NAME NOT MASKED IN TEXT", "B"),
    }
    assert [row[:-1] for row in log[-2:]] == [
        [str(len(log) - 2), "[NAME-1]", "NAME NOT MASKED IN TEXT", "A", "2 occurrence(s) in text, the first in JD/1 line 1 text", SHORT],
        [str(len(log) - 1), "[NAME-2]", "NAME NOT MASKED IN TEXT", "B", "3 occurrence(s) in text, the first in JD/1 line 2 text", SHORT],
    ]  # fmt: skip
    mg6d = (case.reports_dir / "schedules" / "mg6d.csv").read_text(encoding="utf-8")
    assert "; and 2 short name(s) of third parties left unmasked in the text" in mg6d
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "2 such name(s) were left in the text and are listed in the redaction log" in html
    assert "WhatsApp Chat with [NAME-2].txt" in html


def test_a_short_name_inside_a_mask_is_not_counted_as_left() -> None:
    r = Redactor(frozenset(), ("Al", "Al Jones"))
    assert r.text("Al Jones met al and AL", "t") == "[NAME-1] met al and AL"
    assert r.left_in_text() == (LeftInText("Al", "", 2, "t", SHORT),)


def test_a_name_joined_into_a_meta_thread_folder_is_masked_in_locators_and_conversations() -> None:
    # "facebook:alexsuspect_1234567890" and ".../inbox/alexsuspect_1234567890/message_2.json[0]" were
    # left in every file of the disclosure copy while "Alex Suspect" was masked everywhere else
    r = Redactor(keep=frozenset(), names=("Alex Suspect", "Bo"))
    locator = "your_facebook_activity/messages/inbox/alexsuspect_1234567890/message_2.json[0]"
    assert r.slugs_masked(locator, "locator") == (
        "your_facebook_activity/messages/inbox/[NAME-1]_1234567890/message_2.json[0]"
    )
    assert r.names_masked("facebook:alexsuspect_1234567890", "conversation") == "facebook:[NAME-1]_1234567890"
    assert r.text("Alex Suspect wrote", "text") == "[NAME-1] wrote"  # the same mask
    assert r.slugs_masked("inbox/bo_1/message_1.json", "locator") == "inbox/bo_1/message_1.json"  # too short


def test_no_exhibit_hash_is_in_a_redacted_copy_or_its_bundle(report_case: Case) -> None:
    """An original's SHA-256 lets a reader refill a mask with guesses and hash each until one matches
    (a number was recovered from 5,000 guesses), so a redacted copy withholds it and says why."""
    write_outputs(report_case, ReportOptions(bundle=True, redact=True, **DISCLOSED))
    reports = report_case.reports_dir
    digests = {e.sha256 for e in report_case.store.exhibits()}
    files = {str(p): p.read_bytes() for p in (reports / "disclosure").rglob("*") if p.is_file()}
    with zipfile.ZipFile(reports / "disclosure-bundle.zip") as bundle:
        files |= {member: bundle.read(member) for member in bundle.namelist()}
        hashes = bundle.read("exhibits/HASHES.sha256").decode("utf-8").splitlines()
        readme = bundle.read("README.txt").decode("utf-8")
    assert "exhibits/      each exhibit, its SHA-256 withheld in a redacted copy (HASHES.sha256)\n" in readme
    found = [(name, d[:16]) for name, data in files.items() for d in digests if d[:16].encode() in data]
    assert found == []
    assert hashes[0] == f"{HASH_WITHHELD}  JD/1  WhatsApp Chat with John Smith.txt"
    assert HASH_WITHHELD == (
        "withheld in a redacted copy (it would confirm a guess at what is masked);"
        " available on request from the disclosure officer"
    )
    mg12 = list(
        csv.DictReader(
            io.StringIO((reports / "disclosure/schedules/exhibits-mg12.csv").read_text("utf-8-sig"))
        )
    )
    assert {row["SHA-256"] for row in mg12} == {HASH_WITHHELD}
    assert verify_bundle(reports / "disclosure-bundle.zip").problems == []
    case_mg12 = (reports / "schedules/exhibits-mg12.csv").read_text(encoding="utf-8")
    assert all(d in case_mg12 for d in digests)  # the case's own report keeps them


def test_a_party_named_with_redact_name_is_masked_not_ignored(report_case: Case) -> None:
    """`--redact-name` is the officer's explicit instruction (a witness's or complainant's anonymity):
    it masks the name even of a party, everywhere the copy shows it, and logs each one."""
    add_person(report_case, "Mary Brown", "witness")
    attribute_account(report_case, f"whatsapp:{PRIYA}", "Mary Brown", "her phone")
    model = build_report(
        report_case,
        redact=True,
        redact_names=("mary brown",),
        disclosure=Disclosure("Defence", "Statement of Mary Brown"),
    )
    witness = [p for p in model.persons if p.role == "witness"]
    assert len(witness) == 1 and re.fullmatch(r"\[NAME-\d+\]", witness[0].name)
    mask = witness[0].name
    assert model.disclosure == Disclosure("Defence", f"Statement of {mask}")
    account = next(a for a in model.accounts if a.person == mask)
    assert account.basis == "her phone"
    assert {(e.mask, e.value) for e in model.redaction_log if "Mary" in e.value} == {(mask, "Mary Brown")}
    assert [p.name for p in model.persons if p.role in ("complainant", "suspect")] == [JANE, JOHN]


def test_a_third_party_accounts_id_is_masked_wherever_it_stands() -> None:
    """An X or Telegram id masked as an account key was left whole in a system line, a conversation's
    key, a raw record's field and the accounts table."""
    r = Redactor(
        party_identifiers(["x:1111111111"], ()),
        accounts=("x:1111111111", "x:2222222222", "telegram:user4444444444", "sms:+447700900777"),
    )
    assert r.field("x:2222222222", "account") == "x:[ACCOUNT-1]"
    assert r.field("x:1111111111", "account") == "x:1111111111"  # a party's
    line = "joined the conversation: x:1111111111 x:2222222222"
    assert r.text(line, "text") == "joined the conversation: x:1111111111 x:[ACCOUNT-1]"
    assert r.names_masked("x:dm:1111111111-2222222222", "conversation") == "x:dm:1111111111-[ACCOUNT-1]"
    assert r.field("telegram:user4444444444", "account") == "telegram:[ACCOUNT-2]"
    assert r.names_masked("telegram:4444444444", "conversation") == "telegram:[ACCOUNT-2]"
    raw = '{"from_id": "user4444444444", "recipientId": "2222222222", "text": "hi"}'
    assert (
        r.record(raw, "hi", "raw") == '{"from_id": "[ACCOUNT-2]", "recipientId": "[ACCOUNT-1]", "text": "hi"}'
    )
    assert r.field("sms:+447700900777", "account") == "sms:[PHONE-1]"  # a phone is a phone everywhere
    assert r.text("ring 07700 900777 or USER4444444444", "text") == "ring [PHONE-1] or [ACCOUNT-2]"
    assert [(e.mask, e.kind, e.value) for e in r.log][:2] == [
        ("[ACCOUNT-1]", "ACCOUNT", "2222222222"),
        ("[ACCOUNT-1]", "ACCOUNT", "2222222222"),
    ]


def test_a_handle_is_masked_with_or_without_its_at_sign() -> None:
    """``@victim_example`` was masked in text but the raw record kept ``"screen_name": "victim_example"``."""
    r = Redactor(frozenset(), names=("@victim_example",))
    raw = '{"screen_name": "Victim_Example", "text": "hi @victim_example"}'
    assert r.record(raw, "hi @victim_example", "raw") == '{"screen_name": "[NAME-1]", "text": "hi [NAME-1]"}'
    assert r.field("@victim_example", "author") == "[NAME-1]"
    assert r.field("x:victim_example", "account") == "x:[NAME-1]"
    assert {e.value for e in r.log} == {"Victim_Example", "@victim_example", "victim_example"}


def test_a_time_or_id_in_a_raw_field_is_not_taken_for_a_phone() -> None:
    """Telegram's ``date_unixtime`` became ``[PHONE-3]``, taking away the basis of the message's time."""
    r = Redactor(frozenset())
    raw = (
        '{"id": 5, "date_unixtime": "1678785300", "createdAt": "1678785300000", "editTweetIds": ["1678785300"],'
        ' "phone": "07700 900777", "text": "call 07700 900777"}'
    )
    assert r.record(raw, "call 07700 900777", "raw") == raw.replace("07700 900777", "[PHONE-1]")
    assert [e.value for e in r.log] == ["07700 900777", "07700 900777"]


def _strings(value: object, seen: set[int]) -> Iterator[str]:
    """Every string a report model holds, however deep (dataclasses, tuples, lists, dicts)."""
    if isinstance(value, str):
        yield value
    elif id(value) in seen:
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        seen.add(id(value))
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        seen.add(id(value))
        for k, v in value.items():
            yield from _strings(k, seen)
            yield from _strings(v, seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        seen.add(id(value))
        for v in value:
            yield from _strings(v, seen)


@pytest.mark.usefixtures("unchecked_rows")  # the order is planted in SQL
def test_no_string_of_a_disclosure_copy_holds_a_value_masked_anywhere(report_case: Case) -> None:
    """Masked once, masked everywhere: every string the copy is rendered from, walked whole, holds none
    of the values the redaction log lists (the log itself and the names left in text aside)."""
    attribute_account(report_case, f"whatsapp:{PRIYA}", TOM, "Tom Other's phone, says Priya Shah")
    persons = {p.name: p.id for p in report_case.store.persons()}
    with report_case.transaction() as (tx, record):
        tx.conn.execute(
            insert(schema.court_order).values(
                type="non_molestation",
                made_utc="2024-03-01T12:00:00Z",
                protects_person_id=persons[TOM],
                against_person_id=persons[JOHN],
                conditions=json.dumps([f"not to go to {TOM}'s home, 14 Elm Road"]),
                source="order.yaml",
            )
        )
        record("order add", "planted")
    digests = _plant_attachments(report_case)
    model = build_report(report_case, redact=True, redact_names=("Amir Patel",))
    values = {e.value for e in model.redaction_log if len(e.value) >= CASELESS_NAME}
    assert {"07700 900777", "Priya Shah", "Tom Other", "Amir Patel", "07700900777"} <= values
    # "_" parts words too: photo_of_07700900777.jpg holds the number
    found = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(values))) + r")(?![^\W_])", re.I)
    walked = dataclasses.replace(model, redaction_log=(), left_in_text=())
    strings = list(_strings(walked, set()))
    left = sorted({m.group() for s in strings for m in found.finditer(s)})
    assert left == []
    # an attachment's SHA-256, or an audit entry's (the chain head), whole or cut short, is withheld like
    # an exhibit's: each would confirm a guess at what is masked
    chain = [e.hash for e in report_case.store.audit_entries()]
    assert [d for d in (*digests.values(), *chain) for s in strings if d[:16] in s] == []
    assert (model.audit_head, model.head_short) == (HASH_WITHHELD, "withheld")
    attached = [a for row in model.chronology for a in row.item.attachments]
    assert [(a.name, a.sha256) for a in attached] == [
        ("[PHONE-1].vcf", HASH_WITHHELD),
        ("photo_of_[PHONE-1].jpg", HASH_WITHHELD),
    ]


def _plant_attachments(case: Case) -> dict[str, str]:
    """A vCard holding Priya's number and a photo named after it, on her message (JD/1 line 4)."""
    item = next(i.id for i in case.store.iter_items() if (i.exhibit, i.locator) == ("JD/1", "line 4"))
    digests = {name: hashlib.sha256(name.encode()).hexdigest() for name in ATTACHED}
    with case.transaction() as (tx, record):
        for name, digest in digests.items():
            tx.conn.execute(
                insert(schema.attachment).values(item_id=item, name=name, sha256=digest, size=120, mime="")
            )
        record("attachments", "planted")
    return digests


ATTACHED = ("07700900777.vcf", "photo_of_07700900777.jpg")


@pytest.mark.usefixtures("unchecked_rows")  # the attachments are planted in SQL
def test_an_attachment_is_named_masked_and_its_hash_withheld_in_every_disclosed_file(
    report_case: Case,
) -> None:
    """A vCard's SHA-256 confirms a guess at the number in it, as an exhibit's does: withheld in every
    file of the copy, the same sentence; an image matching a hash list is still shown only as withheld."""
    digests = _plant_attachments(report_case)
    photo = next(i for i in report_case.store.iter_items() if (i.exhibit, i.locator) == ("JD/1", "line 6"))
    matched = hashlib.sha256(b"a matched image").hexdigest()
    with report_case.transaction() as (tx, record):
        tx.conn.execute(
            insert(schema.attachment).values(
                item_id=photo.id, name="IMG-0001.jpg", sha256=matched, size=9, mime="image/jpeg"
            )
        )
        record("attachment", "planted")
    details = {"attachment_sha256": matched, "attachment_name": "IMG-0001.jpg", "reference_sha256": matched}
    _run(
        report_case,
        "images",
        1,
        [FindingDraft(photo.id, "image_match", 1.0, "An image matching.", details=details)],
    )
    write_outputs(report_case, ReportOptions(redact=True, **DISCLOSED))
    reports = report_case.reports_dir
    files = {
        str(p.relative_to(reports)): p.read_text() for p in (reports / "disclosure").rglob("*") if p.is_file()
    }
    assert [(n, d) for n, text in files.items() for d in (*digests.values(), matched) if d[:16] in text] == []
    items = [json.loads(x) for x in files["disclosure/items.jsonl"].splitlines()]
    line4 = next(i for i in items if (i["exhibit"], i["locator"]) == ("JD/1", "line 4"))
    assert [(a["name"], a["sha256"]) for a in line4["attachments"]] == [
        ("[PHONE-1].vcf", HASH_WITHHELD),
        ("photo_of_[PHONE-1].jpg", HASH_WITHHELD),
    ]
    model = build_report(report_case, redact=True)
    assert [v.finding.details for v in model.images] == [
        {
            "attachment_name": "IMG-0001.jpg",
            "attachment_sha256": HASH_WITHHELD,
            "reference_sha256": HASH_WITHHELD,
        }
    ]
    html = files["disclosure/report.html"]
    assert "[attachment: [PHONE-1].vcf, SHA-256 withheld in a redacted copy]" in html
    assert (
        "[image withheld: matches a hash list; SHA-256 withheld in a redacted copy; see image matches]"
        in html
    )
    assert "[attachment: IMG-0001.jpg" not in html  # the chronology does not name it
    case_html = (reports / "report.html").read_text()  # the case's own report keeps them
    assert f"[attachment: 07700900777.vcf, SHA-256 {digests['07700900777.vcf'][:16]}…]" in case_html
    assert f"[image withheld: matches a hash list; SHA-256 {matched[:16]}…; see image matches]" in case_html


def test_a_phone_number_joined_into_a_file_name_is_masked_keeping_the_extension() -> None:
    """``07700900123.vcf`` and ``photo_of_07700900123.jpg`` kept a masked number whole: digits joined to
    other characters are not a phone number in text (a reference, a camera's name), but in a file name
    they are looked at as if they stood alone."""
    r = Redactor(
        party_identifiers(["sms:+447700900001"], ["Jane Doe"]),
        ("Tom Other", "Priya Shah"),
        ("x:2222222222",),
    )
    assert r.text("her number is 07700 900123", "text") == "her number is [PHONE-1]"
    assert r.file_name("07700900123.vcf", "attachment") == "[PHONE-1].vcf"
    assert r.file_name("photo_of_07700900123.jpg", "attachment") == "photo_of_[PHONE-1].jpg"
    assert r.file_name("+447700900123 (2).vcf", "attachment") == "[PHONE-1] (2).vcf"
    assert r.file_name("photo_of_Tom_Other.jpg", "attachment") == "photo_of_[NAME-1].jpg"
    assert r.file_name("priya.shah@example.org.vcf", "attachment") == "[EMAIL-1].vcf"
    assert r.file_name("x_2222222222.png", "attachment") == "x_[ACCOUNT-1].png"
    sent = "sent photo_of_07700900123.jpg (file attached)"
    assert r.text(sent, "text") == "sent photo_of_[PHONE-1].jpg (file attached)"
    for kept in (
        "IMG-20240302-WA0007.jpg",  # a date and a count, not a phone number
        "IMG-20240210-WA00000031.jpg",
        "Screenshot_20240302-153012.png",
        "PHOTO-2024-03-02-15-30-12.jpg",
        "07700900001.vcf",  # the complainant's own number
    ):
        assert r.file_name(kept, "attachment") == kept
    assert r.text("ref_07700900123 on file", "text") == "ref_07700900123 on file"  # not a file name
    assert {e.value for e in r.log if e.kind == "PHONE"} == {"07700 900123", "07700900123", "+447700900123"}


def test_a_short_account_id_is_masked_where_it_stands_as_an_id_never_as_a_word() -> None:
    """A Discord or Telegram id shorter than 6 characters (``bob``, ``ab1``) was left everywhere. It is
    masked where it stands as an id: an account key, a sender, "@bob", "discord:bob", a raw record's
    quoted value or key, a part of a conversation's key. The same letters as a word in free text are left:
    "bob" may be anyone's word there, and masking every "me" or "42" would rewrite the evidence."""
    r = Redactor(
        party_identifiers(["discord:jane"], ["Jane Doe"]),
        ("Priya Shah",),
        ("discord:bob", "telegram:ab1", "discord:priya shah", "discord:jane"),
    )
    assert r.field("discord:bob", "account") == "discord:[ACCOUNT-1]"
    assert r.field("Bob", "author") == "[ACCOUNT-1]"  # a sender's field holding the id
    assert r.field("telegram:ab1", "account") == "telegram:[ACCOUNT-2]"
    assert r.field("discord:jane", "account") == "discord:jane"  # a party's
    assert r.field("discord:priya shah", "account") == "discord:[NAME-1]"  # a name stays a name
    assert r.names_masked("discord:dm:ab1-bob", "conversation") == "discord:dm:[ACCOUNT-2]-[ACCOUNT-1]"
    raw = '{"from": "bob", "from_id": "AB1", "bob": 1, "text": "bob hi", "bio": "ask bob"}'
    assert r.record(raw, "bob hi", "raw") == (
        '{"from": "[ACCOUNT-1]", "from_id": "[ACCOUNT-2]", "[ACCOUNT-1]": 1, "text": "bob hi", "bio": "ask bob"}'
    )
    text = "tell bob and ab1 hi; @bob and discord:bob, bob@example.org"
    assert r.text(text, "text") == "tell bob and ab1 hi; @[ACCOUNT-1] and discord:[ACCOUNT-1], [EMAIL-1]"
    assert [e.value for e in r.log if e.kind == "ACCOUNT"] == [
        "bob", "Bob", "ab1", "ab1", "bob", "bob", "AB1", "bob", "bob", "bob",
    ]  # fmt: skip


def test_no_audit_entry_hash_is_in_a_disclosure_copy(report_case: Case) -> None:
    """The chain head was printed on every page and CSV row of a disclosure copy: an entry's hash confirms
    a guess at its content (``person add`` of a third party, ``account attribute`` of their number), so
    it is withheld like an exhibit's; the entry number stays."""
    write_outputs(report_case, ReportOptions(redact=True, **DISCLOSED))
    reports = report_case.reports_dir
    entries = list(report_case.store.audit_entries())
    seq = max(e.seq for e in entries if e.action != "report")  # the copy is as at the entry before its own
    files = {
        str(p.relative_to(reports)): p.read_text() for p in (reports / "disclosure").rglob("*") if p.is_file()
    }
    assert [(n, e.seq) for n, text in files.items() for e in entries if e.hash[:16] in text] == []
    html = files["disclosure/report.html"]
    assert f'as at audit entry {seq} (chain head <span class="mono">withheld</span>)' in html
    assert f'<tr><th>Audit chain head</th><td class="mono">entry {seq}, {HASH_WITHHELD}</td></tr>' in html
    rows = list(csv.DictReader(io.StringIO(files["disclosure/schedules/mg6c.csv"].lstrip("\ufeff"))))
    assert {r["Written by"] for r in rows} == {
        f"footprint {tool_version()}, disclosure copy as at audit entry {seq} (chain head withheld)"
    }
    head = next(e.hash for e in entries if e.seq == seq)
    assert f"(chain head {head[:16]})" in (reports / "schedules" / "mg6c.csv").read_text()  # the case's own


def test_a_long_word_of_many_numbers_is_read_in_linear_time() -> None:
    """Each run of digits in a word looked for the word's end afresh: 10,000 runs in a 120 KB word."""
    r = Redactor(frozenset())
    word = "07700900123x" * 10_000
    assert r.text(word + ".jpg", "t") == "[PHONE-1]x" * 10_000 + ".jpg"
    assert r.text(word, "t") == word  # not a file name


def test_a_name_or_id_in_other_capitals_of_other_alphabets_has_its_one_mask_and_stops_nothing() -> None:
    """Found ignoring case, a name or id was looked up by its own lower case, which for a dotted or
    dotless I is not the name's: "TİM" (Turkish capitals) for "Tim" stopped the disclosure copy with a
    KeyError, as did "YILDIZ_1990" for the id yıldız_1990 and "TİMOTHYSMITH" in a thread's name; and
    "İPEK YILMAZ" had a mask of its own, apart from "İpek Yılmaz" as a speaker."""
    r = Redactor(frozenset(), ("Tim", "İpek Yılmaz", "Timothy Smith"), ("telegram:yıldız_1990",))
    assert r.field("İpek Yılmaz", "author") == "[NAME-1]"
    assert (
        r.text("İPEK YILMAZ and TİM; write to YILDIZ_1990", "t") == "[NAME-1] and TİM; write to [ACCOUNT-1]"
    )
    assert r.names_masked("facebook:TİMOTHYSMITH_123", "conversation") == "facebook:[NAME-2]_123"
    assert r.masks == {
        ("NAME", "i̇pek yılmaz"): "[NAME-1]",
        ("ACCOUNT", "yıldız_1990"): "[ACCOUNT-1]",
        ("NAME", "timothy smith"): "[NAME-2]",
    }
    assert [e.value for e in r.log] == ["İpek Yılmaz", "İPEK YILMAZ", "YILDIZ_1990", "TİMOTHYSMITH"]
    assert r.left_in_text() == (LeftInText("Tim", "", 1, "t", AS_WRITTEN),)


def test_a_given_name_is_masked_however_its_accents_are_written() -> None:
    """Review i18n, defect 4: a name given composed (NFC) is masked where a message writes it decomposed
    (NFD), and the reverse; the mask covers the letters with their accents exactly, and no part of the
    name is listed to check."""
    nfc, nfd = "Łucja Wójcik", unicodedata.normalize("NFD", "Łucja Wójcik")
    for given, written in ((nfc, nfd), (nfd, nfc), (nfc, nfc)):
        r = Redactor(frozenset(), (given,))
        message = f"{written} is a liar and I will kill her. Ask {written[6:]}."
        assert r.text(message, "t", free=True) == "[NAME-1] is a liar and I will kill her. Ask [NAME-1]."
        assert [(e.mask, e.value) for e in r.log] == [("[NAME-1]", written), ("[NAME-1]", written[6:])]
        assert r.unsure == {}


def test_a_decomposed_name_is_listed_whole_not_cut_at_its_accent() -> None:
    """Review i18n, defect 4: rule L2 read "Wójcik" written decomposed as "Wo" and "jcik"."""
    r = Redactor(frozenset(), ())
    r.text(unicodedata.normalize("NFD", "Łucja Wójcik is a liar"), "t", free=True)
    assert [(u.words, u.rule) for u in r.unsure.values()] == [
        (unicodedata.normalize("NFD", "Łucja Wójcik"), "L2")
    ]


def test_a_name_or_town_just_after_a_json_escape_in_a_raw_record_is_found() -> None:
    """A raw JSON record writes a line break in a message as ``\\n``: the name after it starts a word there,
    though its ``n`` is a letter (it went out readable; found 1 December). An escaped backslash before an
    ``n`` (``\\\\nSarah``) is no escape: ``nSarah`` is one word."""
    r = Redactor(frozenset(), ("Sarah Jones",))
    raw = '{"text": "see you\\nSarah Jones\\tand\\u00a0Sarah Jones\\r\\nbye", "n": "\\\\nSarah"}'
    assert r.record(raw, "see you", "raw") == (
        '{"text": "see you\\n[NAME-1]\\tand\\u00a0[NAME-1]\\r\\nbye", "n": "\\\\nSarah"}'
    )
    assert r.names_masked("ON\\nSarah Jones", "file") == "ON\\n[NAME-1]"
    assert r.text("nSarah Jones, xSarah Jones", "t") == "nSarah Jones, xSarah Jones"  # no escape: no word
    assert [(p.words, p.start) for p in find_places("in Leeds\\nLeeds, \\\\nLeeds")] == [
        ("Leeds", 3),
        ("Leeds", 10),
    ]
