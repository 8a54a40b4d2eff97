"""Offence assessment: the knowledge base, time limits and the ``law`` analyser."""

from __future__ import annotations

from footprint.analyse.law import analyser

__all__ = ["analyser"]
