"""Android ``settings list secure|global`` dumps and ``getprop`` output."""

from __future__ import annotations

from collections.abc import Iterator

from footprint.device import android
from footprint.errors import ParseError
from footprint.ingest._device import DeviceParser, observed_items
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.device_android import _settings_like, _text
from footprint.ingest.source import Source
from footprint.model import ParsedItem


@parsers.register
class SettingsParser(DeviceParser):
    """Settings (``key=value``) and properties (``[key]: [value]``) that bear on monitoring."""

    name = "device_settings"
    version = 4  # 4: a damaged line (control bytes, or a key one character from a checked one) is a warning
    description = "Android `settings list secure|global` and `getprop` output"
    format_name = "android_settings"
    expected = (
        "the text `adb shell settings list secure` or `settings list global` prints"
        " (e.g. `adb shell settings list secure > settings_secure.txt`), or `adb shell getprop`"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip or not _settings_like(source.head_text()):
            return NO
        return SniffResult(0.8, "Android settings keys")

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        text = _text(source)
        if not android.settings_shaped(text):
            raise ParseError(
                "most lines are not `key=value` (settings) or `[property]: [value]` (getprop) lines",
                source=source.name,
            )
        warnings: list[tuple[str, str, str]] = []
        if not (yield from observed_items(android.settings(text, source.name, warnings), ctx, warnings)):
            ctx.warn("line 1", android.NO_CHECKED_SETTING, "")
