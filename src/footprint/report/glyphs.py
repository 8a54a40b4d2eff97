"""Characters the printed copy's fonts cannot draw: kept in the PDF's text layer and shown by name.

WeasyPrint draws a character that no font has as an empty box (".notdef"), so a knife, a gun and a skull
would all print as the same box. In the printed copy each such character is kept (drawn as nothing by a
font made for the document, so copying or searching the PDF's text still finds it) and followed by a
visible marker with its code point and Unicode name: "🔪[U+1F52A HOCHO]". The HTML report keeps such
characters (a browser has emoji fonts). Bidi controls and control characters never get this far:
``html.inert`` has already replaced each (report, printed copy and browser app) by the same kind of marker
(``[U+202E RIGHT-TO-LEFT OVERRIDE]``).

What the fonts can draw is read from a shipped list per font (``fonts/*.txt``: ``report.print_fonts``
names the fonts, DejaVu and the Noto fonts of the community scripts; ``tools/font_coverage.py`` writes the
lists), for each font fontconfig finds installed. Reading shipped lists rather than the fonts keeps the
printed text the same on every machine with the same fonts; a machine without one prints its characters
as code points and the report says so. A marker never splits a word: it follows the word (or the run of
letters and marks) its character is in, so an Urdu or Devanagari word keeps its joined letters. Arabic-script
text is set in Noto Naskh Arabic when it is installed (class ``naskh``), even the letters DejaVu has, so a
word is shaped by one font.
"""

from __future__ import annotations

import base64
import functools
import io
import re
import unicodedata
from collections.abc import Callable

from footprint.report import print_fonts
from footprint.report.print_fonts import DEJAVU, NASKH, PrintFont

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


def _ranges(font: PrintFont) -> list[tuple[int, int]]:
    lines = (print_fonts.FOLDER / font.coverage).read_text(encoding="ascii").splitlines()
    pairs = (line.split("-") for line in lines if line and not line.startswith("#"))
    return [(int(first, 16), int(last, 16)) for first, last in pairs]


@functools.cache
def coverage(font: PrintFont) -> frozenset[int]:
    """Every code point ``font`` draws, as its shipped list says."""
    return frozenset(cp for first, last in _ranges(font) for cp in range(first, last + 1))


@functools.cache
def _drawable(fonts: tuple[PrintFont, ...]) -> frozenset[int]:
    return _LAYOUT.union(*(coverage(f) for f in fonts))


def drawable() -> frozenset[int]:
    """Every code point the report's fonts installed on this machine draw."""
    return _drawable(print_fonts.available())


def _ranges_of(points: list[int]) -> str:
    """The inside of a regular expression character class of ``points`` (sorted), as ranges."""
    spans: list[list[int]] = []
    for cp in points:
        if spans and cp == spans[-1][1] + 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in spans)


@functools.cache
def _undrawable_in(fonts: tuple[PrintFont, ...]) -> re.Pattern[str]:
    return re.compile(f"[^{_ranges_of(sorted(_drawable(fonts)))}]")


def _undrawable() -> re.Pattern[str]:
    """Matches any one character the report's fonts cannot draw."""
    return _undrawable_in(print_fonts.available())


@functools.cache
def _naskh_runs(fonts: tuple[PrintFont, ...]) -> re.Pattern[str] | None:
    """Matches a run of Arabic-script words that Noto Naskh Arabic draws (None when it is not installed)."""
    if NASKH not in fonts:
        return None
    arabic = (cp for a, b in print_fonts.ARABIC_SCRIPT for cp in range(a, b + 1))
    letter = f"[{_ranges_of(sorted(coverage(NASKH).intersection(arabic)))}]"
    return re.compile(f"{letter}+(?:[ \\u200c\\u200d]+{letter}+)*")


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


def _in_word(char: str) -> bool:
    """Whether ``char`` continues a word: a letter, a mark, or a zero width (non-)joiner."""
    return unicodedata.category(char)[0] in "LM" or char in "\u200c\u200d"


def _marked_text(text: str, points: frozenset[int], found: set[str], keep: bool) -> str:
    out: list[str] = []
    waiting: list[str] = []  # markers held until the word their characters are in ends
    for char in text:
        if waiting and not _in_word(char):
            out += waiting
            waiting.clear()
        if ord(char) in points:
            out.append(char)
            continue
        marker = f"[{label(char)}]"
        if keep and not _is_surrogate(char):  # a lone surrogate cannot be written into the PDF at all
            found.add(char)
            out.append(f'<span class="undrawn">{char}</span>')
            waiting.append(f'<span class="cp">{marker}</span>')
        else:
            out.append(marker)
    return "".join(out + waiting)


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
    drawn as nothing, and followed (after the word it is in) by a marker with its code point and name
    (only the marker, in its place, inside a chart, whose text cannot hold the markup); each run of
    Arabic-script words Noto Naskh Arabic draws is set in it. The document head (title, styles) is left
    as it is."""
    fonts = print_fonts.available()
    undrawable, naskh = _undrawable_in(fonts), _naskh_runs(fonts)
    # a chart's text names DejaVu Sans alone (report.charts), so there only DejaVu's characters are drawn
    chart = _undrawable_in((DEJAVU,))
    if not chart.search(html) and not (naskh and naskh.search(html)):
        return html
    points, chart_points = _drawable(fonts), _drawable((DEJAVU,))
    found: set[str] = set()
    runs = 0  # of Arabic-script words set in Naskh

    def mark(part: str, in_svg: bool) -> str:
        nonlocal runs
        if naskh and not in_svg:
            part, n = naskh.subn(lambda run: f'<span class="naskh">{run.group(0)}</span>', part)
            runs += n
        if in_svg:
            return _marked_text(part, chart_points, found, keep=False) if chart.search(part) else part
        return _marked_text(part, points, found, keep=True) if undrawable.search(part) else part

    text = map_text(html, mark)
    style = (_style(sorted(found, key=ord)) if found else "") + (_naskh_style(fonts) if runs else "")
    return text.replace("</head>", f"{style}</head>", 1) if style else text


def _naskh_style(fonts: tuple[PrintFont, ...]) -> str:
    """Arabic script in Naskh, a little larger than the Latin around it (its letters are small for their
    size)."""
    family = print_fonts.stack(NASKH.family, (print_fonts.DEJAVU, *fonts), "sans-serif")
    return f"<style>.naskh {{ font-family: {family}; font-size: 1.1em; }}</style>"


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
