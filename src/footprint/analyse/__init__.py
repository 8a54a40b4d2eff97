"""Analysers: importing this package registers every built-in analyser (one module or sub-package each)."""

from __future__ import annotations

import sys

from footprint.analyse.base import Analyser, FindingDraft, analysers, run_analysers
from footprint.plugins import import_submodules

HELPER_MODULES = frozenset({"base", "reattributed"})
import_submodules(sys.modules[__name__])

__all__ = ["HELPER_MODULES", "Analyser", "FindingDraft", "analysers", "run_analysers"]
