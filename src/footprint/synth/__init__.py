"""Realistic synthetic cases in real export formats (demo, tests, benchmarks, training)."""

from __future__ import annotations

from footprint.synth.scenario import DemoCase, write_demo_case

__all__ = ["DemoCase", "write_demo_case"]
