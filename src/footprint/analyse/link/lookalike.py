"""What makes a name that copies another differ from it, in words a reader can check.

"Jаne Doe" with a Cyrillic а, "Jane\u00a0Doe" with a no-break space and "~ Jane Doe" (a name its sender
chose on WhatsApp) all look like "Jane Doe" on a screen. An impersonation finding says which character
differs, what it is (its script or its Unicode name, and its code point) and what it stands in for.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from footprint.ingest.whatsapp_body import CHOSEN
from footprint.visible import BLANK

#: at most this many differences are named; the rest are counted
SHOWN = 3
CHOSEN_NOTE = (
    "'~' marks a name its sender chose (WhatsApp writes it before a sender who is not a contact saved on"
    " the phone), not one the phone's owner saved"
)


def chosen(name: str) -> bool:
    """Whether ``name`` is one a WhatsApp sender chose (the key and name iOS marks with ``~``)."""
    return name.startswith(CHOSEN)


def disguised(name: str) -> bool:
    """Whether ``name`` holds what a reader cannot tell from a plain name: a space other than U+0020, an
    invisible or blank character, or letters of more than one script ("Jаne" with a Cyrillic а)."""
    scripts = {_script(c) for c in name if c.isalpha() and ord(c) not in BLANK}
    return len(scripts) > 1 or any(_unseen(c) or (c.isspace() and c != " ") for c in name)


def shown(key: str) -> str:
    """An account key as an explanation shows it: quoted with its escapes (``'whatsapp:Jane\\xa0Doe'``)
    when a reader could not tell it from a plain one, else as it is."""
    return repr(key) if disguised(key) else key


def differences(name: str, own: str) -> str:
    """How ``name`` differs from ``own``, character by character ("the 2nd letter is Cyrillic а (U+0430),
    not Latin a"); the ``~`` of a chosen name is explained first."""
    parts: list[str] = []
    if chosen(name) and not chosen(own):
        parts.append(CHOSEN_NOTE)
        name = name[len(CHOSEN) :]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, name, own, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for at, (a, b) in enumerate(zip(name[i1:i2], own[j1:j2], strict=True), i1 + 1):
                kind = "letter" if a.isalpha() and b.isalpha() and not _unseen(a) else "character"
                parts.append(f"the {_ordinal(at)} {kind} is {describe(a)}, not {describe(b)}")
        elif tag == "delete":
            parts.append(f"{_run(name[i1:i2])} added as the {_ordinal(i1 + 1)} character")
        elif tag == "insert":
            parts.append(f"{_run(own[j1:j2])} left out before the {_ordinal(i1 + 1)} character")
        else:
            parts.append(f"characters {i1 + 1}-{i2} are {_run(name[i1:i2])}, not {_run(own[j1:j2])}")
    if len(parts) > SHOWN:
        parts[SHOWN:] = [f"and {len(parts) - SHOWN} more difference(s)"]
    return "; ".join(parts)


def describe(char: str) -> str:
    """A character as a reader can check it: ``Latin a``, ``Cyrillic а (U+0430)``, ``a space``,
    ``NO-BREAK SPACE (U+00A0)``; a character that draws nothing is named, never printed."""
    code = ord(char)
    if char == " ":
        return "a space"
    if _unseen(char) or not char.isprintable() or unicodedata.category(char) in ("Mn", "Me"):
        return f"{unicodedata.name(char, 'an unnamed character')} (U+{code:04X})"
    if char.isalpha():
        return f"Latin {char}" if code < 0x80 else f"{_script(char)} {char} (U+{code:04X})"
    return f"'{char}'" if code < 0x80 else f"'{char}' ({unicodedata.name(char, 'unnamed')}, U+{code:04X})"


def _run(text: str) -> str:
    return " and ".join(describe(c) for c in text)


def _unseen(char: str) -> bool:
    return ord(char) in BLANK or unicodedata.category(char) == "Cf"


def _script(char: str) -> str:
    """The first word of a letter's Unicode name, as a script: "Cyrillic", "Greek", "Latin"."""
    return unicodedata.name(char, "unnamed").split(" ", 1)[0].capitalize()


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
