"""Analysers: importing this package registers every built-in analyser."""

from __future__ import annotations

from footprint.analyse.base import Analyser, FindingDraft, analysers, run_analysers

__all__ = ["Analyser", "FindingDraft", "analysers", "run_analysers"]
