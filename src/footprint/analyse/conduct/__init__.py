"""Conduct analysers: course of conduct, escalation, contact after a request to stop, order breaches."""

from __future__ import annotations

from footprint.analyse.conduct import after_request, breach, course, escalation

__all__ = ["after_request", "breach", "course", "escalation"]
