"""One WhatsApp export across both clock changes of a year: every time and warning exactly as v8 read
them before items of one reading went past ``ExportOrder`` without a call each (main d707948). The
file puts a time the clock skipped after an unreadable date (so the time before it is the last one
read, not the unreadable line's), one after a later time (decided by the order), the autumn's repeated
hour between times either side, and one repeated hour last of all (held to the end of the file)."""

from __future__ import annotations

from pathlib import Path

from footprint.model import AccountRef
from tests.conftest import parse

CHAT = """\
[28/03/2026, 23:58:00] Alex Suspect: answer me or I'll come round
[29/03/2026, 00:45:00] Victim Person: leave me alone
[32/03/2026, 00:50:00] Alex Suspect: no such day
[29/03/2026, 01:30:00] Alex Suspect: I will kill you if you go to the police
[29/03/2026, 02:15:00] Victim Person: Please stop contacting me. I am scared.
[29/03/2026, 01:20:00] Alex Suspect: in the gap after a later time
[29/03/2026, 02:30:00] Alex Suspect: where are you
[24/10/2026, 23:00:00] Alex Suspect: answer me
[25/10/2026, 00:50:00] Alex Suspect: one
[25/10/2026, 01:40:00] Victim Person: Please stop contacting me.
[25/10/2026, 01:10:00] Alex Suspect: I know where you are, you cannot hide
[25/10/2026, 01:20:00] Alex Suspect: answer me
[25/10/2026, 03:00:00] Alex Suspect: after
[25/10/2026, 01:30:00] Alex Suspect: a repeated hour at the end
"""
GAP = "does not exist in Europe/London (clocks went forward); read with offset +00:00"
FOLD = "happened twice in Europe/London (clocks went back)"
BY_ORDER = "(decided by the order of the messages in the export)"


def test_an_export_across_both_clock_changes_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Alex Suspect.txt"
    path.write_text(CHAT, encoding="utf-8")
    result = parse("whatsapp", path)
    assert [
        (i.locator, i.sent_at_utc, i.author.display_name if i.author else None) for i in result.items
    ] == [
        ("line 1", "2026-03-28T23:58:00Z", "Alex Suspect"),
        ("line 2", "2026-03-29T00:45:00Z", "Victim Person"),
        ("line 3", None, "Alex Suspect"),
        ("line 4", "2026-03-29T01:30:00Z", "Alex Suspect"),  # 00:30Z is before line 2, 01:30Z after line 5
        ("line 5", "2026-03-29T01:15:00Z", "Victim Person"),
        ("line 6", "2026-03-29T01:20:00Z", "Alex Suspect"),
        ("line 7", "2026-03-29T01:30:00Z", "Alex Suspect"),
        ("line 8", "2026-10-24T22:00:00Z", "Alex Suspect"),
        ("line 9", "2026-10-24T23:50:00Z", "Alex Suspect"),
        ("line 10", "2026-10-25T00:40:00Z", "Victim Person"),
        ("line 11", "2026-10-25T01:10:00Z", "Alex Suspect"),
        ("line 12", "2026-10-25T01:20:00Z", "Alex Suspect"),
        ("line 13", "2026-10-25T03:00:00Z", "Alex Suspect"),
        ("line 14", "2026-10-25T00:30:00Z", "Alex Suspect"),
    ]
    assert all(i.recipients == () for i in result.items)  # a chat's members are its conversation's
    assert result.ctx.participants == {
        "whatsapp:WhatsApp Chat with Alex Suspect": {
            AccountRef("whatsapp", "Alex Suspect", "Alex Suspect"),
            AccountRef("whatsapp", "Victim Person", "Victim Person"),
        }
    }
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 3", "impossible date '32/03/2026'; message kept without a time"),
        ("line 4", f"local time 2026-03-29 01:30 {GAP}"),
        ("line 6", f"local time 2026-03-29 01:20 {GAP} {BY_ORDER}"),
        ("line 10", f"local time 2026-10-25 01:40 {FOLD}; the earlier one (+01:00) was used {BY_ORDER}"),
        ("line 11", f"local time 2026-10-25 01:10 {FOLD}; the later one (+00:00) was used {BY_ORDER}"),
        ("line 12", f"local time 2026-10-25 01:20 {FOLD}; the later one (+00:00) was used {BY_ORDER}"),
        ("line 14", f"local time 2026-10-25 01:30 {FOLD}; the earlier one (+01:00) was used"),
    ]
