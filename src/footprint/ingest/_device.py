"""What the device-input parsers share: a guarded ``parse`` and observations handed on as items.

It lives in ``ingest`` rather than ``device`` because it subclasses :class:`Parser`: importing
``footprint.ingest.base`` from ``footprint.device`` would import every parser, device ones included,
while ``footprint.device.observe`` is still half-loaded.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Generator, Iterable, Iterator

from footprint.device.observe import Observation, guarded, to_item
from footprint.ingest._jsonstream import without_lone_surrogates
from footprint.ingest.base import ParseContext, Parser
from footprint.ingest.source import Source
from footprint.model import ParsedItem


class DeviceParser(Parser):
    """A parser of a device input: a damaged file ends in a ``ParseError`` naming it (see ``guarded``)."""

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        # A JSON input (androidqf, MVT, a tracker entry) may escape half an emoji ("\\ud83d"); the
        # lone surrogate it decodes to cannot be stored, so it becomes U+FFFD. Device inputs are small.
        for item in guarded(self._items(source, ctx), source.name, self.description):
            yield without_lone_surrogates(item)
        ctx.warnings[:] = without_lone_surrogates(ctx.warnings)
        ctx.decisions.update(without_lone_surrogates(ctx.decisions))

    @abstractmethod
    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        """Yield the input's items; ``parse`` turns damage into a ``ParseError``."""


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
