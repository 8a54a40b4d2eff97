"""Account linkage: which accounts one person operates, with reasons, and impersonation."""

from __future__ import annotations

from footprint.analyse.link.analyser import LinkAnalyser

__all__ = ["LinkAnalyser"]
