"""Write the characters each font of the printed report draws, one list a family, as code point ranges:
fonts-dejavu-core (the union of its six fonts) and each Noto family of fonts-noto-core and fonts-noto-cjk
that `footprint.report.print_fonts.FONTS` names (what both its regular and its bold face draw).

    PYTHONPATH=src .venv/bin/python tools/font_coverage.py   # rewrites src/footprint/report/fonts/*.txt

`tests/report/test_glyphs.py` and `tests/report/test_print_fonts.py` check the shipped lists against the
installed fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from footprint.report.print_fonts import DEJAVU, FOLDER, FONTS, PrintFont, file_version

#: kept for the DejaVu test, which reads the six fonts from here
FOLDER_DEJAVU = Path(DEJAVU.files[0]).parent


def _cmap(path: Path, face: str) -> set[int]:
    if path.suffix.lower() == ".ttc":
        with TTCollection(path, lazy=True) as fonts:
            font = next(f for f in fonts if f["name"].getDebugName(1) == face)
            return {cp for cp, glyph in font.getBestCmap().items() if glyph != ".notdef"}
    with TTFont(path, lazy=True) as font:
        return {cp for cp, glyph in font.getBestCmap().items() if glyph != ".notdef"}


def covered(folder: Path = FOLDER_DEJAVU) -> set[int]:
    """Every code point some font of fonts-dejavu-core maps to a glyph."""
    points: set[int] = set()
    for name in DEJAVU.files:
        points |= _cmap(folder / Path(name).name, "")
    return points


def font_covered(font: PrintFont) -> set[int]:
    """Every code point each file of ``font`` (its regular and its bold face) maps to a glyph."""
    sets = [_cmap(Path(name), font.face) for name in font.files]
    return set.intersection(*sets)


def ranges(points: set[int]) -> list[tuple[int, int]]:
    """Consecutive runs of code points as (first, last)."""
    runs: list[tuple[int, int]] = []
    for cp in sorted(points):
        if runs and cp == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


def listing(font: PrintFont) -> str:
    """The coverage list of ``font`` as shipped."""
    names = ", ".join(Path(n).name for n in font.files)
    version = file_version(Path(font.files[0]), font.face)
    if font is DEJAVU:
        head = f"# Code points drawn by fonts-dejavu-core (Version {version}): {names}"
        points = covered()
    else:
        face = f" (face {font.face})" if font.face else ""
        head = f"# Code points drawn by {font.family} (Version {version}) of {font.package}: {names}{face}"
        points = font_covered(font)
    lines = [head, "# Written by tools/font_coverage.py; one range a line, hexadecimal, first-last."]
    lines += [f"{first:04X}-{last:04X}" for first, last in ranges(points)]
    return "\n".join(lines) + "\n"


def main() -> None:
    for font in FONTS:
        (FOLDER / font.coverage).write_text(listing(font), encoding="ascii")
        print(FOLDER / font.coverage)


if __name__ == "__main__":
    sys.exit(main())
