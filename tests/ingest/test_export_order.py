"""Local times in a clock change read by the order of the export (WhatsApp, which lists messages in the
order they happened): the reviewer's two scenarios, and the cases the order cannot decide."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import parse

FOLD = "happened twice in Europe/London (clocks went back)"
GAP = "does not exist in Europe/London (clocks went forward)"
BY_ORDER = "(decided by the order of the messages in the export)"

AUTUMN = (
    "[25/10/2026, 01:40:00] Victim Person: Please stop contacting me.\n"
    "[25/10/2026, 01:10:00] Alex Suspect: I know where you are, you cannot hide\n"
    "[25/10/2026, 01:20:00] Alex Suspect: answer me\n"
)
SPRING = (
    "[28/03/2026, 23:58:00] Alex Suspect: answer me or I'll come round\n"
    "[29/03/2026, 01:30:00] Alex Suspect: I will kill you if you go to the police\n"
    "[29/03/2026, 02:15:00] Victim Person: Please stop contacting me. I am scared.\n"
)


def _chat(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repeated_hour_after_a_later_reading_is_the_second_one(tmp_path: Path) -> None:
    result = parse("whatsapp", _chat(tmp_path, AUTUMN))
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-25T00:40:00Z",
        "2026-10-25T01:10:00Z",
        "2026-10-25T01:20:00Z",
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 1",
            f"local time 2026-10-25 01:40 {FOLD}; the earlier one (+01:00) was used {BY_ORDER}",
            "[25/10/2026, 01:40:00] Victim Person: Please stop contacting me.",
        ),
        (
            "line 2",
            f"local time 2026-10-25 01:10 {FOLD}; the later one (+00:00) was used {BY_ORDER}",
            "[25/10/2026, 01:10:00] Alex Suspect: I know where you are, you cannot hide",
        ),
        (
            "line 3",
            f"local time 2026-10-25 01:20 {FOLD}; the later one (+00:00) was used {BY_ORDER}",
            "[25/10/2026, 01:20:00] Alex Suspect: answer me",
        ),
    ]


def test_a_time_the_clock_skipped_is_read_where_the_file_puts_it_and_kept_with_its_warning(
    tmp_path: Path,
) -> None:
    result = parse("whatsapp", _chat(tmp_path, SPRING))
    assert [i.sent_at_utc for i in result.items] == [
        "2026-03-28T23:58:00Z",
        "2026-03-29T00:30:00Z",
        "2026-03-29T01:15:00Z",
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 2",
            f"local time 2026-03-29 01:30 {GAP}; read with offset +01:00 {BY_ORDER}",
            "[29/03/2026, 01:30:00] Alex Suspect: I will kill you if you go to the police",
        ),
    ]


def test_a_repeated_hour_the_order_cannot_decide_keeps_the_earlier_reading_and_its_flag(
    tmp_path: Path,
) -> None:
    result = parse(
        "whatsapp",
        _chat(
            tmp_path,
            "[25/10/2026, 00:50:00] Alex Suspect: one\n"
            "[25/10/2026, 01:10:00] Alex Suspect: two\n"
            "[32/10/2026, 01:15:00] Alex Suspect: no date\n"
            "[25/10/2026, 01:20:00] Alex Suspect: three\n"
            "[25/10/2026, 02:30:00] Alex Suspect: four\n",
        ),
    )
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-24T23:50:00Z",
        "2026-10-25T00:10:00Z",
        None,
        "2026-10-25T00:20:00Z",
        "2026-10-25T02:30:00Z",
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("line 2", f"local time 2026-10-25 01:10 {FOLD}; the earlier one (+01:00) was used"),
        ("line 3", "impossible date '32/10/2026'; message kept without a time"),
        ("line 4", f"local time 2026-10-25 01:20 {FOLD}; the earlier one (+01:00) was used"),
    ]


def test_a_file_out_of_order_decides_nothing(tmp_path: Path) -> None:
    result = parse(
        "whatsapp",
        _chat(
            tmp_path,
            "[25/10/2026, 03:00:00] Alex Suspect: later\n"
            "[25/10/2026, 01:10:00] Alex Suspect: in the repeated hour\n"
            "[25/10/2026, 00:30:00] Alex Suspect: earlier\n",
        ),
    )
    assert [i.sent_at_utc for i in result.items] == [
        "2026-10-25T03:00:00Z",
        "2026-10-25T00:10:00Z",
        "2026-10-24T23:30:00Z",
    ]
    assert [w.message for w in result.warnings] == [
        f"local time 2026-10-25 01:10 {FOLD}; the earlier one (+01:00) was used"
    ]
