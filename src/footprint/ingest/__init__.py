"""Parsers, one module per export format; importing this package registers them all."""

from __future__ import annotations

import sys

from footprint.ingest.base import ParseContext, Parser, SniffResult, parsers
from footprint.ingest.source import Source
from footprint.plugins import import_submodules

# Helpers shared by parsers register nothing; every other module must register a parser.
HELPER_MODULES = frozenset(
    {
        "base",
        "source",
        "sniff",
        "dates",
        "export_order",
        "rows",
        "email_html",
        "email_css",
        "phones",
        "whatsapp_lines",
        "whatsapp_body",
        "whatsapp_members",
        "group_presence",
        "folder",
        "unread",
        "damage",
        "windows_zones",
        "heif_meta",
        "exif_gps",
    }
)
import_submodules(sys.modules[__name__])

__all__ = ["HELPER_MODULES", "ParseContext", "Parser", "SniffResult", "Source", "parsers"]
