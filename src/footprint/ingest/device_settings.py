"""Android ``settings list secure|global`` dumps and ``getprop`` output."""

from __future__ import annotations

from collections.abc import Iterator

from footprint.device import android
from footprint.device.observe import to_item
from footprint.ingest._device import DeviceParser
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.device_android import _settings_like, _text
from footprint.ingest.source import Source
from footprint.model import ParsedItem


@parsers.register
class SettingsParser(DeviceParser):
    """Settings (``key=value``) and properties (``[key]: [value]``) that bear on monitoring."""

    name = "device_settings"
    version = 1
    description = "Android `settings list secure|global` and `getprop` output"
    format_name = "android_settings"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip or not _settings_like(source.head_text()):
            return NO
        return SniffResult(0.8, "Android settings keys")

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        for obs in android.settings(_text(source), source.name):
            yield to_item(obs, ctx)
