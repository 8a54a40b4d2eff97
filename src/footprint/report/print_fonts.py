"""The fonts the printed copy (PDF) draws its text with, whether each is installed, and what it says when
one is not.

DejaVu draws Latin, Greek, Cyrillic, Hebrew and most Arabic; the Noto fonts of Debian's fonts-noto-core
and fonts-noto-cjk draw the community scripts DejaVu lacks (Devanagari, Bengali, Gurmukhi, Han…). The
fonts are installed at the OS level, not shipped. What each draws is read from a shipped list, one per
family (``fonts/*.txt``, written by ``tools/font_coverage.py``), so the printed text is the same on every
machine that has the font; a font that fontconfig does not find (asked through WeasyPrint's own binding,
no network) adds nothing, its characters are printed as code points (``report.glyphs``) and the report
says so (:func:`missing_warnings`, the method appendix).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).with_name("fonts")
#: the code points of Arabic script (Arabic, Arabic Supplement, Extended-A, Presentation Forms-A and -B)
ARABIC_SCRIPT = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


@dataclass(frozen=True)
class PrintFont:
    """One font family of the printed copy: its coverage list and the Debian package that installs it."""

    family: str
    package: str
    coverage: str  # the list's file name in fonts/
    draws: str  # what a reader loses without it ("Chinese, Japanese and Korean characters")
    files: tuple[str, ...]  # its files in the package, as tools/font_coverage.py reads them
    face: str = ""  # the face of a font collection (.ttc) the list is for; "" when a file holds one


_NOTO = "/usr/share/fonts/truetype/noto"


def _noto(script: str, draws: str, family: str = "") -> PrintFont:
    name = family or f"Noto Sans {script}"
    stem = name.replace(" ", "")
    return PrintFont(
        family=name,
        package="fonts-noto-core",
        coverage=f"{name.lower().replace(' ', '-')}.txt",
        draws=draws,
        files=(f"{_NOTO}/{stem}-Regular.ttf", f"{_NOTO}/{stem}-Bold.ttf"),
    )


_DEJAVU = "/usr/share/fonts/truetype/dejavu"
#: the base fonts: every character they have is drawn by them (body text in DejaVu Sans, hashes in Mono)
DEJAVU = PrintFont(
    family="DejaVu Sans",
    package="fonts-dejavu-core",
    coverage="dejavu-core.txt",
    draws="all text",
    files=tuple(
        f"{_DEJAVU}/DejaVu{n}.ttf"
        for n in ("Sans", "Sans-Bold", "SansMono", "SansMono-Bold", "Serif", "Serif-Bold")
    ),
)
#: Arabic-script text (Urdu, Arabic, Persian, Pashto) is set in Naskh, not Nastaliq: the tool cannot tell
#: Urdu from Arabic, and Arabic readers do not read Nastaliq; Nastaliq needs far more line height at 9.5 pt
#: and leans on contextual alternates, which the printed copy turns off with its ligatures (report.pdf).
NASKH = _noto("Arabic", "Urdu and other Arabic-script letters that DejaVu Sans lacks", "Noto Naskh Arabic")
#: the community scripts, after DejaVu in the font stack, each drawing what DejaVu and those before it lack
NOTO = (
    NASKH,
    _noto("Devanagari", "Devanagari (Hindi, Marathi, Nepali)"),
    _noto("Bengali", "Bengali (Bangla, Sylheti)"),
    _noto("Gurmukhi", "Gurmukhi (Punjabi)"),
    _noto("Gujarati", "Gujarati"),
    _noto("Tamil", "Tamil"),
    _noto("Telugu", "Telugu"),
    _noto("Kannada", "Kannada"),
    _noto("Malayalam", "Malayalam"),
    _noto("Sinhala", "Sinhala"),
    _noto("Thai", "Thai"),
    _noto("Ethiopic", "Ethiopic (Amharic, Tigrinya)"),
    PrintFont(
        family="Noto Sans CJK SC",
        package="fonts-noto-cjk",
        coverage="noto-sans-cjk.txt",
        draws="Chinese, Japanese and Korean",
        files=(
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        ),
        face="Noto Sans CJK SC",
    ),
)
FONTS = (DEJAVU, *NOTO)
_VERSION = re.compile(r"\(Version ([^);]+)")


def lookup(family: str, style: str = "Regular") -> Path | None:
    """The file fontconfig gives for ``family`` in ``style``, or None when it has no font of that family
    (it would substitute another). WeasyPrint's own fontconfig binding: the fonts WeasyPrint will use."""
    try:
        from weasyprint.text.ffi import ffi, fontconfig  # type: ignore[import-untyped]
    except (ImportError, OSError):  # pragma: no cover - no pango: the PDF cannot be written anyway
        return None
    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcPatternAddString(pattern, b"style", style.encode())
        fontconfig.FcConfigSubstitute(ffi.NULL, pattern, 0)  # FcMatchPattern
        fontconfig.FcDefaultSubstitute(pattern)
        match = fontconfig.FcFontMatch(ffi.NULL, pattern, ffi.new("FcResult *"))
        if match == ffi.NULL:
            return None
        try:
            value = ffi.new("FcChar8 **")
            names: list[str] = []
            while fontconfig.FcPatternGetString(match, b"family", len(names), value) == 0:
                names.append(ffi.string(value[0]).decode("utf-8", "replace"))
            if family not in names or fontconfig.FcPatternGetString(match, b"file", 0, value) != 0:
                return None
            return Path(ffi.string(value[0]).decode("utf-8", "surrogateescape"))
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)


@dataclass(frozen=True)
class FontFile:
    name: str
    sha256: str


@dataclass(frozen=True)
class InstalledFont:
    """A font of :data:`FONTS` as this machine has it (``files`` empty: not installed)."""

    font: PrintFont
    files: tuple[FontFile, ...]
    version: str  # as its file's name table gives it ("2.001"), "" when not installed
    listed: str  # the version its coverage list was made from

    @property
    def installed(self) -> bool:
        return bool(self.files)


@dataclass(frozen=True)
class FontsUsed:
    """What the method appendix of a printed copy says of its fonts."""

    packages: list[tuple[str, list[str]]]  # each package installed, with its families and versions
    missing: list[str]  # "Noto Sans CJK SC (fonts-noto-cjk)"
    files: int
    #: SHA-256 of the lines ``sha256sum`` writes for the fonts' files ("HASH  NAME"), in name order
    sha256: str


def fonts_used() -> FontsUsed:
    """The fonts this machine draws the printed copy with, their versions and one digest of their files."""
    fonts = installed()
    packages: dict[str, list[str]] = {}
    for f in fonts:
        if f.installed:
            packages.setdefault(f.font.package, []).append(f"{f.font.family} {f.version}")
    files = sorted({(x.name, x.sha256) for f in fonts for x in f.files})
    listing = "".join(f"{digest}  {name}\n" for name, digest in files)
    return FontsUsed(
        packages=list(packages.items()),
        missing=[f"{f.font.family} ({f.font.package})" for f in fonts if not f.installed],
        files=len(files),
        sha256=hashlib.sha256(listing.encode()).hexdigest(),
    )


def listed_version(font: PrintFont) -> str:
    """The version of the font the shipped list was made from (its first line names it)."""
    with (FOLDER / font.coverage).open(encoding="ascii") as f:
        found = _VERSION.search(f.readline())
    return found.group(1).strip() if found else ""


def file_version(path: Path, face: str = "") -> str:
    """``2.001``: the version in a font file's name table (of the face named ``face`` in a collection)."""
    from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped]

    if path.suffix.lower() == ".ttc":
        with TTCollection(path, lazy=True) as fonts:
            named = [f for f in fonts if f["name"].getDebugName(1) == face] or list(fonts)[:1]
            text = named[0]["name"].getDebugName(5) if named else ""
    else:
        with TTFont(path, lazy=True) as font:
            text = font["name"].getDebugName(5)
    return (text or "").removeprefix("Version ").split(";")[0].strip()


@functools.cache
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.cache
def installed() -> tuple[InstalledFont, ...]:
    """Each font of :data:`FONTS` as fontconfig finds it (looked up once a process)."""
    found: list[InstalledFont] = []
    for font in FONTS:
        families = (font.family, "DejaVu Sans Mono") if font is DEJAVU else (font.family,)
        paths: list[Path] = []
        for family in families:
            regular = lookup(family)
            if regular is None:
                paths = []
                break
            paths += [p for p in (regular, lookup(family, "Bold")) if p is not None and p not in paths]
        files = tuple(FontFile(p.name, _sha256(p)) for p in paths)
        version = file_version(paths[0], font.face) if paths else ""
        found.append(InstalledFont(font, files, version, listed_version(font)))
    return tuple(found)


def available() -> tuple[PrintFont, ...]:
    """The fonts of the printed copy this machine has, in font stack order."""
    return tuple(f.font for f in installed() if f.installed)


def stack(first: str, fonts: tuple[PrintFont, ...], tail: str) -> str:
    """A CSS font-family list: ``first``, then each of ``fonts`` (once, and not ``first`` again), then the
    generic ``tail``."""
    families = dict.fromkeys([first, *(f.family for f in fonts)])
    return ", ".join([*(f'"{name}"' for name in families), tail])


def css_stacks(printed: bool) -> tuple[str, str]:
    """The report's sans-serif and monospace font-family lists: in a printed copy DejaVu and then each
    Noto font installed; in the HTML report DejaVu and the browser's own (it has fonts for every
    script)."""
    if not printed:
        return '"DejaVu Sans", Arial, sans-serif', '"DejaVu Sans Mono", monospace'
    fonts = available()
    return stack("DejaVu Sans", fonts, "sans-serif"), stack("DejaVu Sans Mono", fonts, "monospace")


def missing_warnings() -> list[str]:
    """What the printed copy lacks on this machine, one line a package (or a font of a package that is
    otherwise there), and a font whose version is not the one its list was made from."""
    fonts = installed()
    lines: list[str] = []
    for package in dict.fromkeys(f.font.package for f in fonts):
        mine = [f for f in fonts if f.font.package == package]
        gone = [f.font for f in mine if not f.installed]
        if not gone:
            continue
        if DEJAVU in gone:
            what = "the printed copy's text is drawn in whatever font fontconfig picks instead"
        else:
            what = f"{_joined([f.draws for f in gone])} characters are printed as code points"
        who = package if len(gone) == len(mine) else f"{_joined([f.family for f in gone])} ({package})"
        lines.append(f"{who} is not installed: {what}; install it and run `footprint report` again")
    for f in fonts:
        if f.installed and f.listed and f.version != f.listed:
            lines.append(
                f"{f.font.family} is version {f.version}, not the {f.listed} that"
                f" report/fonts/{f.font.coverage} lists: a character the two versions draw differently may"
                " print as a box or in another font (tools/font_coverage.py rewrites the list)"
            )
    return lines


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
