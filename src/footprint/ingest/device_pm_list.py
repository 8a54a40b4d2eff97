"""Android ``adb shell pm list packages -f -i -U`` output: installed apps and their installers."""

from __future__ import annotations

from collections.abc import Iterator

from footprint.device import android
from footprint.errors import ParseError
from footprint.ingest._device import DeviceParser, observed_items
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.source import Source, decode_text
from footprint.model import ParsedItem


@parsers.register
class PmListParser(DeviceParser):
    """The package list from ``pm list packages`` (with or without -f, -i, -U, --show-versioncode)."""

    name = "device_pm_list"
    # 3: a line cut short is a warning; no installer column is said once. 4: --show-versioncode lines are
    # read (the installer had been taken as the package); the uid and version code are kept
    version = 4
    description = "Android `pm list packages -f -i -U` output"
    format_name = "pm_list"
    expected = (
        "the text `adb shell pm list packages -f -i -U` prints"
        " (save it with `adb shell pm list packages -f -i -U > packages.txt`)"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            return NO
        lines = [x for x in source.head_text().splitlines()[:20] if x.strip()]
        if lines and all(x.startswith("package:") for x in lines[:-1] or lines):
            return SniffResult(0.9, "lines start with package:")
        return NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        text = decode_text(source.read_bytes(), source.name, warn=[])
        warnings: list[tuple[str, str, str]] = []
        count = yield from observed_items(android.pm_list(text, source.name, warnings), ctx, warnings)
        if count == 0:
            raise ParseError(
                "no `package:` lines; is this the output of `pm list packages`?", source=source.name
            )
