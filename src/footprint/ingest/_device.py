"""What the device-input parsers share: a guarded ``parse``, observations handed on as items, and
error messages that say which export fits and how to make it.

It lives in ``ingest`` rather than ``device`` because it subclasses :class:`Parser`: importing
``footprint.ingest.base`` from ``footprint.device`` would import every parser, device ones included,
while ``footprint.device.observe`` is still half-loaded.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import ClassVar

from footprint.device.observe import Observation, guarded, to_item
from footprint.errors import FootprintError, InputError, ParseError, UnsupportedFormatError
from footprint.ingest._jsonstream import without_lone_surrogates
from footprint.ingest.base import ParseContext, Parser, parsers
from footprint.ingest.sniff import MIN_CONFIDENCE, choose_parser, sniff_all
from footprint.ingest.source import Source
from footprint.model import ParsedItem

DEVICE_INPUTS = (
    "`device check` reads: an androidqf folder; `adb shell pm list packages -f -i -U`;"
    " `adb shell dumpsys package`, `dumpsys accessibility` or `dumpsys device_policy`;"
    " `adb shell settings list secure` / `global` or `adb shell getprop`; an `adb bugreport` zip or folder;"
    " an iPhone backup folder (Finder, iTunes or `idevicebackup2 backup`), its Info.plist or Manifest.db;"
    " `ideviceinstaller -l -o xml`; a pcap or pcapng capture; a dnsmasq, Pi-hole or Zeek DNS log;"
    " a DNS lookup CSV (--format device_dns_csv); MVT's alerts.json"
)
_FOLDER_PARTS = {
    "ps.txt", "processes.txt", "files.json", "root_binaries.json", "main_entry.txt", "version.txt",
    "Manifest.plist", "Status.plist", "Manifest.mbdb",
}  # fmt: skip


class DeviceParser(Parser):
    """A parser of a device input: a damaged file ends in a ``ParseError`` naming it (see ``guarded``).

    ``expected`` says what the input is and how it is made; a file this parser does not recognise
    that cannot be read gets it in its error, with the format that does fit.
    """

    expected: ClassVar[str]

    @classmethod
    def own_part(cls, member: str) -> bool:
        """Every file: a device input (a backup, an androidqf folder) holds far more than its indicators."""
        return True

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        # A JSON input (androidqf, MVT, a tracker entry) may escape half an emoji ("\\ud83d"); the
        # lone surrogate it decodes to cannot be stored, so it becomes U+FFFD. Device inputs are small.
        try:
            for item in guarded(self._items(source, ctx), source.name, self.description):
                yield without_lone_surrogates(item)
        except ParseError as exc:
            if type(self).sniff(source).confidence >= MIN_CONFIDENCE:
                raise  # the right kind of file, damaged: its message says so
            where = f"{exc.source}, {exc.locator}: " if exc.locator else f"{exc.source}: "
            # what is wrong, without the advice for a damaged file ("copy it again"): it is another kind
            reason = str(exc).removeprefix(where).partition("; ")[0].rstrip("?")
            raise ParseError(
                f"{reason}. Expected {self.expected}. {_what_fits(source, self.name)}",
                source=exc.source,
                locator=exc.locator,
            ) from exc
        ctx.warnings[:] = without_lone_surrogates(ctx.warnings)
        ctx.decisions.update(without_lone_surrogates(ctx.decisions))

    @abstractmethod
    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        """Yield the input's items; ``parse`` turns damage into a ``ParseError``."""


def _what_fits(source: Source, refused_by: str) -> str:
    """The next step for a file the parser ``refused_by`` cannot read: the format that fits, if any."""
    try:
        ranked = [(cls, r) for cls, r in sniff_all(source) if r.confidence >= MIN_CONFIDENCE]
    except FootprintError:
        ranked = []
    device = [cls for cls, _ in ranked if isinstance(cls, type) and issubclass(cls, DeviceParser)]
    if device and device[0].name != refused_by:
        return (
            f"It looks like {device[0].description}: pass --format {device[0].name}, or leave --format out."
        )
    if ranked and not device:
        cls = ranked[0][0]
        return (
            f"It looks like {cls.description} (`{cls.name}`), which is not a phone-check input:"
            " add it with `footprint add` instead."
        )
    return _by_name(source.name) or "Make the export again as described and check that file."


def _by_name(name: str) -> str:
    """A hint from the file's name: one file of an acquisition folder, or an Android backup."""
    if name in _FOLDER_PARTS:
        return (
            "It looks like one file of an androidqf, bug-report or iPhone backup folder:"
            " check the whole folder instead."
        )
    if PurePosixPath(name).suffix.lower() == ".ab":
        return (
            "Android backups (`adb backup`, .ab) are not read: make an androidqf acquisition, or save"
            " `adb shell pm list packages -f -i -U`, and check that instead."
        )
    return ""


def unrecognised_input(name: str) -> UnsupportedFormatError:
    """``device check``'s version of "no parser recognises this file": what it reads and how."""
    hint = _by_name(name)
    return UnsupportedFormatError(
        f"{name}: not a phone-check input Footprint recognises.{' ' + hint if hint else ''} {DEVICE_INPUTS}."
        " Save the output to a file and check that, or pass --format NAME if it is one of these"
        " (`footprint parsers` lists the names)."
    )


def not_a_device_input(name: str, parser: type[Parser], added_as: str | None = None) -> InputError:
    """The error for an input ``device check`` reads with a parser of another kind of export."""
    what = (
        f"it was added as exhibit {added_as} but not checked"
        if added_as
        else "it was not added or checked — add it with `footprint add` instead"
    )
    return InputError(
        f"{name}: read as {parser.description} (`{parser.name}`), which is not a phone-check input;"
        f" {what}. {DEVICE_INPUTS}."
    )


def device_format_names() -> list[str]:
    """The names ``device check --format`` takes."""
    return sorted(cls.name for cls in parsers if issubclass(cls, DeviceParser))


def check_device_input(path: Path, forced: str | None) -> None:
    """Refuse, before anything is added, an input ``device check`` would read as another kind of export.

    ``forced`` must be a device format (``device check`` refuses others first). A folder is packed
    only when added, so it is judged afterwards by its parser (see ``is_device_parser``).
    """
    if path.is_dir() or forced is not None:
        return
    with Source(path) as source:
        try:
            chosen = choose_parser(source)
        except UnsupportedFormatError:
            raise unrecognised_input(path.name) from None
    if not issubclass(chosen, DeviceParser):
        raise not_a_device_input(path.name, chosen)


def is_device_parser(name: str) -> bool:
    """Whether ``name`` is a registered parser of a device input."""
    return name in device_format_names()


def observed_items(
    observations: Iterable[Observation], ctx: ParseContext, warnings: list[tuple[str, str, str]]
) -> Generator[ParsedItem, None, int]:
    """Yield each observation as an item, then record the warnings its reader collected.

    Args:
        observations: what the reader found; it appends its warnings to ``warnings`` as it goes.
        ctx: the parse context the items and warnings go to.
        warnings: ``(locator, message, raw)`` triples filled by the reader.

    Returns:
        How many items were yielded (``count = yield from observed_items(...)``).
    """
    count = 0
    for obs in observations:
        count += 1
        yield to_item(obs, ctx)
    for locator, message, raw in warnings:
        ctx.warn(locator, message, raw)
    return count
