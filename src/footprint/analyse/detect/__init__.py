"""Abuse detection: rules as data plus a shipped linear model, explained finding by finding."""

from __future__ import annotations

from footprint.analyse.detect.analyser import DetectAnalyser
from footprint.analyse.detect.detector import Detector
from footprint.analyse.detect.results import Detection, Prior, Result
from footprint.analyse.detect.taxonomy import CATEGORIES, THRESHOLDS

__all__ = ["CATEGORIES", "THRESHOLDS", "DetectAnalyser", "Detection", "Detector", "Prior", "Result"]
