"""What a mail client shows of an HTML e-mail body: its visible text, the text it hides, and the
remote images it would load (tracking pixels). Never rendered, fetched or executed.

Hidden is: ``<head>`` (with its ``<title>``), ``<script>``, ``<style>``, ``<template>``, and any
element with the ``hidden`` attribute or an inline style ``display:none`` or ``visibility:hidden``
(with all it holds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_ALWAYS_HIDDEN = frozenset({"head", "title", "script", "style", "template"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_BREAKS = frozenset({"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"})
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|<[^<>\s]+@[^<>\s]+>", re.IGNORECASE)


@dataclass
class HtmlView:
    """The visible text of an HTML body, the hidden text left out of it, and remote image URLs."""

    text: str
    hidden: list[str] = field(default_factory=list)
    remote_images: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self.hidden: list[str] = []
        self.images: list[str] = []
        self.open: list[tuple[str, bool]] = []  # open elements and whether each hides its content
        self.hidden_root = 0  # counts hidden elements opened outside any other: one piece of text each
        self.last_root = -1

    def _hiding(self) -> bool:
        return any(hides for _, hides in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "img":
            for name in ("src", "srcset"):
                url = values.get(name, "").strip()
                if url and _REMOTE.match(url):
                    self.images.append(url)
        background = values.get("background", "").strip()
        if background and _REMOTE.match(background):
            self.images.append(background)
        if tag in _BREAKS and not self._hiding():
            self.shown.append("\n")
        if tag in _VOID:
            return
        if tag == "body":  # a <head> left open ends where the body starts, as in a browser
            self.open = [e for e in self.open if e[0] not in ("head", "title")]
        style = values.get("style", "")
        hides = tag in _ALWAYS_HIDDEN or "hidden" in values or bool(_HIDING_STYLE.search(style))
        if hides and not self._hiding():
            self.hidden_root += 1
        self.open.append((tag, hides))

    def handle_endtag(self, tag: str) -> None:
        for at in range(len(self.open) - 1, -1, -1):
            if self.open[at][0] == tag:
                del self.open[at:]
                break
        if tag in _BREAKS and not self._hiding():
            self.shown.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hiding():
            self.shown.append(data)
        elif data.strip() and not any(t in ("script", "style") for t, _ in self.open):
            words = " ".join(data.split())
            if self.last_root == self.hidden_root:
                self.hidden[-1] += " " + words
            else:
                self.hidden.append(words)
                self.last_root = self.hidden_root


def read_html(html: str) -> HtmlView:
    """The visible text of an HTML body (what a mail client shows), its hidden text and remote images."""
    if not html:
        return HtmlView("")
    reader = _Reader()
    reader.feed(html)
    reader.close()
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(reader.shown))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return HtmlView(text, reader.hidden, list(dict.fromkeys(reader.images)))


def differ(plain: str, shown: str) -> bool:
    """Whether a plain-text part and an HTML part's visible text say materially different things:
    their words differ once case, punctuation, spacing and links are set aside."""

    def words(text: str) -> list[str]:
        return _WORD.findall(_URL.sub(" ", text).casefold())

    return words(plain) != words(shown)
