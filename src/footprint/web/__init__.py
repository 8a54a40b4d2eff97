"""The browser review app: a thin FastAPI edge over the store and the review service."""

from __future__ import annotations

from footprint.web.app import create_app

__all__ = ["create_app"]
