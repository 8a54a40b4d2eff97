"""Write the characters the printed report's fonts can draw: the union of the fonts of Debian's
fonts-dejavu-core (what the report names and .ci/run installs), as code point ranges.

    .venv/bin/python tools/font_coverage.py > src/footprint/report/fonts/dejavu-core.txt

`tests/report/test_glyphs.py` checks the shipped file against the installed fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FOLDER = Path("/usr/share/fonts/truetype/dejavu")
FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
)


def covered(folder: Path = FOLDER) -> set[int]:
    """Every code point some font of fonts-dejavu-core maps to a glyph."""
    points: set[int] = set()
    for name in FILES:
        with TTFont(folder / name, lazy=True) as font:
            points.update(cp for cp, glyph in font.getBestCmap().items() if glyph != ".notdef")
    return points


def ranges(points: set[int]) -> list[tuple[int, int]]:
    """Consecutive runs of code points as (first, last)."""
    runs: list[tuple[int, int]] = []
    for cp in sorted(points):
        if runs and cp == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


def main() -> None:
    with TTFont(FOLDER / FILES[0], lazy=True) as font:
        version = font["name"].getDebugName(5)
    print(f"# Code points drawn by fonts-dejavu-core ({version}): {', '.join(FILES)}")
    print("# Written by tools/font_coverage.py; one range a line, hexadecimal, first-last.")
    for first, last in ranges(covered()):
        print(f"{first:04X}-{last:04X}")


if __name__ == "__main__":
    sys.exit(main())
