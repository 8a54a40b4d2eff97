"""AC-09 and AC-10: tampering is caught by `verify`, and a failed add changes nothing.

Every check works on a scratch case of its own, made here and thrown away: the tampering goes
straight into the files, as an outsider would do it, never through Footprint.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

from footprint.case import Case
from footprint.errors import FootprintError
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.synth.writers import write_csv, write_whatsapp_txt
from footprint.validation.criteria import Outcome, outcome
from footprint.validation.formats import PRODUCER, SUMMER, WINTER
from footprint.validation.state import case_state

CHAT_FILE = "WhatsApp Chat with Ben Example.txt"


def scratch_case(folder: Path, settings: Settings) -> Case:
    """A case holding one WhatsApp export and one search in its audit log."""
    folder.mkdir(parents=True)
    case = Case.init(folder / "case", name="Validation scratch case", tz="Europe/London", settings=settings)
    chat = folder / CHAT_FILE
    write_whatsapp_txt(chat, [SUMMER, WINTER])
    add_exhibit(case, chat, AddOptions(producer=PRODUCER))
    case.record("search", "see you", hits=2)
    return case


def tamper_sql(case: Case, statement: str, *, restore_guards: bool = True) -> None:
    """Tamper as a careful outsider would: straight into the database file, the append-only triggers
    dropped for the change and (unless ``restore_guards`` is false) put back after it."""
    case.store.engine.dispose()
    with sqlite3.connect(case.dir / "case.db") as conn:
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(statement)
        for _, sql in triggers if restore_guards else ():
            conn.execute(sql)


def flip_original(case: Case) -> None:
    [exhibit] = case.store.exhibits()
    blob = case.dir / exhibit.vault_path
    blob.chmod(stat.S_IRUSR | stat.S_IWUSR)
    data = bytearray(blob.read_bytes())
    data[0] ^= 0x01
    blob.write_bytes(bytes(data))


#: each tampering, and the words verify's problem list must hold
TAMPERING: dict[str, tuple[Callable[[Case], None], str]] = {
    "changed original": (flip_original, "vault copy has changed"),
    "changed audit entry": (
        lambda case: tamper_sql(case, "UPDATE audit SET actor = 'someone else' WHERE seq = 2"),
        "audit entry 2 (add) was changed after it was written",
    ),
    "removed audit entry": (
        lambda case: tamper_sql(case, "DELETE FROM audit WHERE seq = 2"),
        "audit entry 2 is missing or out of order",
    ),
    "removed database guard": (
        lambda case: tamper_sql(case, "SELECT 1", restore_guards=False),
        "database guard audit_no_delete is missing or disabled",
    ),
}


def check_verify(folder: Path, settings: Settings) -> Outcome:
    """AC-09: an untouched case verifies; each tampering is named by `verify`."""
    problems: list[str] = []
    clean = scratch_case(folder / "untouched", settings)
    found = verify_case(clean).problems
    clean.close()
    evidence: dict[str, object] = {"untouched": found}
    if found:
        problems.append(f"an untouched case did not verify: {found}")
    for number, (what, (tamper, expected)) in enumerate(TAMPERING.items(), start=1):
        case = scratch_case(folder / f"tampered-{number}", settings)
        tamper(case)
        found = verify_case(case).problems
        case.close()
        evidence[what] = found
        if not any(expected in p for p in found):
            problems.append(f"verify did not name the {what}: {found or 'no problem found'}")
    return outcome("AC-09", evidence, problems)


def check_failed_add(folder: Path, settings: Settings) -> Outcome:
    """AC-10: adds that fail before and after the original is vaulted leave the case as it was."""
    case = scratch_case(folder / "failed-add", settings)
    not_chat = folder / "notes.txt"
    not_chat.write_text("not an export of any kind\n", encoding="utf-8")
    unmapped = folder / "sms.csv"
    write_csv(unmapped, ["when", "body"], [["14/07/2024 09:15", "hello"]])
    attempts = [
        ("an unrecognised file", not_chat, AddOptions(producer=PRODUCER)),
        ("a CSV without its column map", unmapped, AddOptions(producer=PRODUCER, format="csv_generic")),
        ("a WhatsApp export already added", folder / "failed-add" / CHAT_FILE, AddOptions(producer=PRODUCER)),
    ]
    problems: list[str] = []
    evidence: dict[str, str] = {}
    for what, path, options in attempts:
        before = case_state(case)
        try:
            add_exhibit(case, path, options)
        except FootprintError as exc:
            evidence[what] = str(exc)
        else:
            problems.append(f"{what} was added; it should have been refused")
            continue
        if case_state(case) != before:
            problems.append(f"{what}: the refused add changed the case")
    case.close()
    return outcome("AC-10", evidence, problems)
