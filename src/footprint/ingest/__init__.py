"""Parsers, one module per export format; importing this package registers them all."""

from __future__ import annotations

from footprint.ingest import incidents, tabular, whatsapp
from footprint.ingest.base import ParseContext, Parser, SniffResult, parsers
from footprint.ingest.source import Source

__all__ = [
    "ParseContext",
    "Parser",
    "SniffResult",
    "Source",
    "incidents",
    "parsers",
    "tabular",
    "whatsapp",
]
