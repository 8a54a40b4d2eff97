"""Conduct analysers: course of conduct, escalation, contact after a request to stop, order breaches, his
retraction after a threat."""

from __future__ import annotations

from footprint.analyse.conduct import after_request, breach, course, escalation, retraction

__all__ = ["after_request", "breach", "course", "escalation", "retraction"]
