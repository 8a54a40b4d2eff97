"""Debian's Chromium driven by Playwright: the flags our machines need, and a page that records trouble."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def watched_page(browser: Any) -> tuple[Any, dict[str, list[str]]]:
    """A new 1280 x 900 page, and what it logs: console messages, script errors, requests, dialogs."""
    seen: dict[str, list[str]] = {"console": [], "errors": [], "requests": [], "dialogs": []}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    return page, seen
