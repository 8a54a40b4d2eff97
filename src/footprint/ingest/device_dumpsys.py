"""Android ``dumpsys`` text (or a bug report zip's dumpstate): packages, accessibility, device admins."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from footprint.device import android
from footprint.device.observe import member_names
from footprint.errors import ParseError
from footprint.ingest._device import DeviceParser, observed_items
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.device_android import _dumpsys_like, _text
from footprint.ingest.source import Source, decode_text
from footprint.model import ParsedItem


@parsers.register
class DumpsysParser(DeviceParser):
    """``adb shell dumpsys [...]``, androidqf's dumpsys.txt, or an ``adb bugreport`` zip (its dumpstate)."""

    name = "device_dumpsys"
    version = 5  # 5: a damaged line among the enabled device admins is a warning with its raw text
    # 4: "bound" only when the dump shows every enabled accessibility service bound; crashed ones
    description = "Android dumpsys output (package, accessibility, device_policy) or an adb bugreport zip"
    format_name = "dumpsys"
    expected = (
        "the text `adb shell dumpsys package`, `dumpsys accessibility` or `dumpsys device_policy` prints"
        " (e.g. `adb shell dumpsys accessibility > accessibility.txt`), or the zip `adb bugreport` writes"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            names = member_names(source)
            if "main_entry.txt" in names and any(_DUMPSTATE.match(n) for n in names):
                return SniffResult(0.9, "adb bugreport (main_entry.txt and the dumpstate text)")
            return NO
        if not _dumpsys_like(source.head_text()):
            return NO
        return SniffResult(0.85, "dumpsys section headers")

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        warnings: list[tuple[str, str, str]] = []
        if not source.is_zip:
            text = _text(source)
            if not _dumpsys_like(text):
                raise ParseError(
                    "no dumpsys section (`DUMP OF SERVICE ...:`, `ACCESSIBILITY MANAGER`,"
                    " `Current Device Policy Manager state` or `  Package [...]`)",
                    source=source.name,
                )
            yield from observed_items(android.dumpsys(text, source.name, warnings), ctx, warnings)
            return
        member = _dumpstate_member(source)
        ctx.decide("member", f"{member} (the bug report's dumpstate text)")
        text = decode_text(source.read_member(member), source.name, warn=[])
        yield from observed_items(android.dumpsys(text, member, warnings), ctx, warnings)


_DUMPSTATE = re.compile(r"^(dumpstate.*|bugreport-.*)\.txt$")


def _dumpstate_member(source: Source) -> str:
    members = [m for m in source.members() if m.count("/") <= 1]
    by_name = {PurePosixPath(m).name: m for m in members}
    if "main_entry.txt" in by_name:
        named = source.read_member(by_name["main_entry.txt"]).decode("utf-8", "replace").strip()
        if named in by_name:
            return by_name[named]
    found = sorted(m for m in members if _DUMPSTATE.match(PurePosixPath(m).name))
    if not found:
        raise ParseError(
            "no dumpstate text in the bug report; add the complete bugreport zip", source=source.name
        )
    return found[0]
