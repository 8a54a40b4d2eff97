"""Characters the printed copy's fonts cannot draw: kept in the PDF's text layer and shown by name.

WeasyPrint draws a character that no font has as an empty box (".notdef"), so a knife, a gun and a skull
would all print as the same box. In the printed copy each such character is kept (drawn as nothing by a
font made for the document, so copying or searching the PDF's text still finds it) and followed by a
visible marker with its code point and Unicode name: "🔪[U+1F52A HOCHO]". The HTML report keeps such
characters (a browser has emoji fonts). Bidi controls and control characters never get this far:
``html.inert`` has already replaced each (report, printed copy and browser app) by the same kind of marker
(``[U+202E RIGHT-TO-LEFT OVERRIDE]``).

What the fonts can draw is read from ``fonts/dejavu-core.txt``: every code point of the fonts of Debian's
fonts-dejavu-core, which the report names (``tools/font_coverage.py`` writes it). Reading it from a
shipped list rather than the fonts installed keeps the printed text the same on every machine.
"""

from __future__ import annotations

import base64
import functools
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

COVERAGE = Path(__file__).with_name("fonts") / "dejavu-core.txt"
#: the font family that holds an undrawable character in the text layer without drawing it
FAMILY = "Footprint undrawable"
_LAYOUT = frozenset(map(ord, "\t\n\r"))  # whitespace the layout consumes; never drawn
# the printed HTML: tags (every value in the text between them was escaped) and the parts never drawn
_TAG = re.compile(r"(<[^>]*>)")
_HIDDEN_START = re.compile(r"<(head|svg)\b", re.I)
#: what a character without a Unicode name is, by its general category
_NAMELESS = {"Cc": "control", "Co": "private use", "Cs": "lone surrogate", "Cn": "unassigned"}
#: the C0 controls and DELETE have no Unicode name; these are their formal aliases (NameAliases.txt,
#: type "control"), which ``unicodedata.lookup`` also accepts
_CONTROL_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED",
    "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)  # fmt: skip


def _ranges() -> list[tuple[int, int]]:
    lines = COVERAGE.read_text(encoding="ascii").splitlines()
    pairs = (line.split("-") for line in lines if line and not line.startswith("#"))
    return [(int(first, 16), int(last, 16)) for first, last in pairs]


@functools.cache
def drawable() -> frozenset[int]:
    """Every code point the report's fonts draw."""
    return frozenset(_LAYOUT.union(*(range(first, last + 1) for first, last in _ranges())))


@functools.cache
def _undrawable() -> re.Pattern[str]:
    """Matches any one character the report's fonts cannot draw."""
    spans = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in _ranges())
    return re.compile(f"[^\\t\\n\\r{spans}]")


def label(char: str) -> str:
    """``U+1F52A HOCHO``: the code point and its Unicode name (or what it is when it has none)."""
    code = ord(char)
    name = _CONTROL_NAMES[code] if code < 0x20 else "DELETE" if code == 0x7F else unicodedata.name(char, "")
    if not name:
        kind = unicodedata.category(char)
        name = _NAMELESS.get(kind, "no name")
        name = f"({name} in Unicode {unicodedata.unidata_version})" if kind == "Cn" else f"({name})"
    return f"U+{code:04X} {name}"


def short_label(text: str) -> str:
    """``text`` with each undrawable character as ``[U+1F52A]`` (a page header has room for no more)."""
    points = drawable()
    return "".join(c if ord(c) in points else f"[U+{ord(c):04X}]" for c in text)


def _is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF


def _marked_text(text: str, points: frozenset[int], found: set[str], keep: bool) -> str:
    out: list[str] = []
    for char in text:
        if ord(char) in points:
            out.append(char)
            continue
        marker = f"[{label(char)}]"
        if keep and not _is_surrogate(char):  # a lone surrogate cannot be written into the PDF at all
            found.add(char)
            out.append(f'<span class="undrawn">{char}</span><span class="cp">{marker}</span>')
        else:
            out.append(marker)
    return "".join(out)


def map_text(html: str, change: Callable[[str, bool], str]) -> str:
    """``html`` with each run of its text outside the document head (title, styles) replaced by
    ``change(text, in_svg)``; tags and their attributes are left as they are."""
    parts = _TAG.split(html)
    hidden: str | None = None  # "head" or "svg" while inside one
    for n, part in enumerate(parts):
        if n % 2:  # a tag
            start = _HIDDEN_START.match(part)
            if hidden is None and start:
                hidden = start.group(1).lower()
            elif hidden is not None and part.lower().startswith(f"</{hidden}"):
                hidden = None
            continue
        if hidden != "head" and part:
            parts[n] = change(part, hidden == "svg")
    return "".join(parts)


def mark_undrawable(html: str) -> str:
    """The report's HTML for printing: each character of its text the fonts cannot draw is kept but
    drawn as nothing, and followed by a marker with its code point and name (only the marker inside a
    chart, whose text cannot hold the markup). The document head (title, styles) is left as it is."""
    undrawable = _undrawable()
    if not undrawable.search(html):
        return html
    points = drawable()
    found: set[str] = set()

    def mark(part: str, in_svg: bool) -> str:
        return _marked_text(part, points, found, keep=not in_svg) if undrawable.search(part) else part

    text = map_text(html, mark)
    if not found:
        return text
    style = _style(sorted(found, key=ord))
    return text.replace("</head>", f"{style}</head>", 1)


def _style(chars: list[str]) -> str:
    """The CSS that holds ``chars`` in a font with an empty glyph for each, and styles the markers."""
    font = base64.b64encode(blank_font([ord(c) for c in chars])).decode("ascii")
    return (
        f'<style>@font-face {{ font-family: "{FAMILY}"; src: url(data:font/ttf;base64,{font}); }}\n'
        f'.undrawn {{ font-family: "{FAMILY}"; }}\n'
        ".cp { font-size: 0.8em; font-style: normal; font-weight: normal; color: #333; background: #e8e8e8;"
        " border: 0.5pt solid #999; padding: 0 1pt; overflow-wrap: normal; }</style>"  # wraps at spaces
    )


def blank_font(points: list[int]) -> bytes:
    """A TrueType font with an empty glyph of no width for each code point (one glyph each, so the
    PDF's text layer maps every glyph back to its own character)."""
    from fontTools.fontBuilder import FontBuilder  # type: ignore[import-untyped]
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]

    names = [".notdef", *(f"u{cp:04X}" for cp in points)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(dict(zip(points, names[1:], strict=True)))
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf(dict.fromkeys(names, empty))
    builder.setupHorizontalMetrics(dict.fromkeys(names, (0, 0)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.font["head"].created = builder.font["head"].modified = 0  # the same bytes every time
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()
