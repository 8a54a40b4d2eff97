"""Large synthetic WhatsApp exports for benchmarks: realistic mix, any size, seeded."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from footprint.synth.writers import ChatLine, whatsapp_android_line

PEOPLE = ("Jane Doe", "John Smith", "+44 7700 900456")
PHRASES = (
    "where are you", "answer me", "I saw you at the gym", "please stop messaging me",
    "you can't ignore me forever", "ok", "I'm at work, leave me alone", "send me your location",
    "nobody else will want you", "call me now", "I know where you live", "fine",
    "I'm scared, stop", "see you later", "why did you block me", "it's me again",
)  # fmt: skip


def bulk_lines(count: int, seed: int = 1) -> list[ChatLine]:
    """``count`` chat lines over about two years: 4 % multi-line, 2 % media, 1 % system lines."""
    rng = random.Random(seed)
    at = datetime(2023, 1, 2, 8, 0)
    step = max(1, int(2 * 365 * 86400 / max(count, 1)))
    lines = []
    for _ in range(count):
        at += timedelta(seconds=rng.randint(1, 2 * step))
        roll = rng.random()
        if roll < 0.01:
            lines.append(
                ChatLine(at, None, f'{PEOPLE[0]} changed the subject to "case {rng.randint(1, 99)}"')
            )
            continue
        author = PEOPLE[rng.randrange(3)]
        text = " ".join(rng.choice(PHRASES) for _ in range(rng.randint(1, 4)))
        if roll < 0.03:
            text = "<Media omitted>"
        elif roll < 0.07:
            text = f"{text}\n{rng.choice(PHRASES)}"
        lines.append(ChatLine(at, author, text))
    return lines


def write_bulk_whatsapp(path: Path, count: int, seed: int = 1) -> Path:
    """Write an Android en-GB export of ``count`` messages to ``path``."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        batch: list[str] = []
        for line in bulk_lines(count, seed):
            batch.append(whatsapp_android_line(line))
            if len(batch) >= 50_000:
                out.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            out.write("\n".join(batch) + "\n")
    return path
