"""Footprint: turn the online footprint of abuse into a prosecution-ready case."""

from __future__ import annotations

__all__ = ["__version__", "TOOL_NAME"]

__version__ = "0.1.0"
TOOL_NAME = "footprint"
