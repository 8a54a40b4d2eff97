"""How much of one message a report section shows: the start of a very long message, then where the
whole text is (``items.jsonl`` keeps every character, as does the exhibit itself)."""

from __future__ import annotations

from footprint.model import Item
from footprint.report.sections import Segment

# Each section shows at most this many characters of one message (a hostile 1 MB message would
# otherwise stop the PDF and fill the HTML with copies of itself).
MESSAGE_CHARS = 4000


def cut_note(item: Item) -> str:
    """What follows the shown start of a message that was cut ("" when it is shown whole)."""
    more = len(item.text) - MESSAGE_CHARS
    if more <= 0:
        return ""
    where = f"{item.exhibit} {item.locator}"
    return f"… {more:,} more characters: the whole text is in items.jsonl and exhibit {where}"


def shown_text(item: Item) -> str:
    """The message as a section shows it: whole, or its start followed by the cut note."""
    note = cut_note(item)
    return f"{item.text[:MESSAGE_CHARS]} {note}" if note else item.text


def shown_segments(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Highlighted runs of a message cut to the characters a section shows."""
    out: list[Segment] = []
    left = MESSAGE_CHARS
    for seg in segments:
        if left <= 0:
            break
        out.append(seg if len(seg.text) <= left else Segment(seg.text[:left], seg.mark))
        left -= len(seg.text)
    return tuple(out)
