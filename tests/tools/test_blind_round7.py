"""Sanity checks on the blind evaluation set (never calls the detector)."""

import importlib.util
from collections import Counter
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "tools" / "dev_detect" / "blind_round7.py"


def _load():
    spec = importlib.util.spec_from_file_location("blind_round7", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GROUPS = {
    "threat.person.direct",
    "threat.group.direct",
    "threat.group.call",
    "derog.group.explicit",
    "derog.group.implicit",
    "insult.person",
    "misogyny",
    "c.counter",
    "c.negated",
    "c.identity",
    "c.profanity",
    "c.idiom",
    "c.reclaimed",
    "c.object",
    "c.care",
}


def test_blind_round7_shape():
    rows = _load().ROWS
    assert len(rows) >= 600
    for group, text, kind in rows:
        assert kind in ("abuse", "none"), (group, text, kind)
        assert group in GROUPS, group
        assert isinstance(text, str) and text.strip() == text and text
        assert (kind == "none") == group.startswith("c."), (group, kind)
    texts = [text for _, text, _ in rows]
    duplicates = [t for t, n in Counter(texts).items() if n > 1]
    assert not duplicates, duplicates
    counts = Counter(group for group, _, _ in rows)
    assert set(counts) == GROUPS
    for group, n in counts.items():
        assert n >= 25, (group, n)
