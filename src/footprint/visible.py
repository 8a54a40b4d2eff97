"""Hostile text made visible in plain-text outputs: control characters and bidi controls written out.

Message text, file names and names typed by users can hold a terminal escape (``\\x1b``) or a
RIGHT-TO-LEFT OVERRIDE that would reorder what is shown around it. The terminal (``footprint.cli``)
and plain-text files (the draft statements) show them as escapes instead (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

_CONTROL = {c: f"\\x{c:02x}" for c in range(32) if c not in (9, 10)}
_CONTROL.update({c: f"\\x{c:02x}" for c in (0x7F, *range(0x80, 0xA0))})  # C1: U+009B is CSI
_BIDI = {c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def visible(text: str) -> str:
    """Control characters (C0, DEL, C1) and bidi overrides written out (``\\x1b``, ``\\x9b``, ``\\u202e``), so
    text cannot drive the terminal or reorder what is shown; tab and newline are kept."""
    return text.translate(_CONTROL).translate(_BIDI)


#: a line break inside one name or record, where it must stay on one line
LINE_BREAK = "\u23ce"


def on_one_line(text: str) -> str:
    """:func:`visible` text on one line: a line break in it shown as ⏎ (a file name, a person's name), so
    it cannot print a line that looks like another, nor be folded into a space by wrapping."""
    return visible(text).replace("\n", LINE_BREAK)
