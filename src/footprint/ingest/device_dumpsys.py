"""Android ``dumpsys`` text: packages (installer, install time), accessibility, device admins."""

from __future__ import annotations

from collections.abc import Iterator

from footprint.device import android
from footprint.device.observe import guarded, to_item
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.device_android import _dumpsys_like, _text
from footprint.ingest.source import Source
from footprint.model import ParsedItem


@parsers.register
class DumpsysParser(Parser):
    """``adb shell dumpsys [package|accessibility|device_policy]`` or androidqf's dumpsys.txt."""

    name = "device_dumpsys"
    version = 1
    description = "Android dumpsys output: package, accessibility, device_policy"
    format_name = "dumpsys"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip or not _dumpsys_like(source.head_text()):
            return NO
        return SniffResult(0.85, "dumpsys section headers")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        return guarded(self._items(source, ctx), source.name, self.description)

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        for obs in android.dumpsys(_text(source), source.name):
            yield to_item(obs, ctx)
