"""What a mail client shows of an HTML e-mail body: its visible text, the text it hides, and the
remote images it would load (tracking pixels). Never rendered, fetched or executed.

Hidden is: ``<head>`` (with its ``<title>``), ``<script>``, ``<style>``, ``<template>``, any
element with the ``hidden`` attribute (with all it holds), and what the message's own style
declarations hide — inline or in its ``<style>`` blocks (``email_css``: ``display:none``,
``visibility:hidden``, a font size of zero, ``opacity:0``). Style rules that cannot be evaluated
offline are named in :attr:`HtmlView.unapplied`; linked style sheets are never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from footprint.ingest.email_css import MAX_WORK, Cascade, Shown, StyleSheet, read_sheet, touches

_ALWAYS_HIDDEN = frozenset({"head", "title", "script", "style", "template"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_BREAKS = frozenset({"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"})
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]{0,1000}>(.*?)(?:</style\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_SCREEN = frozenset({"", "all", "screen"})
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|<[^<>\s]+@[^<>\s]+>", re.IGNORECASE)
# what opens a tag, an end tag, a comment or a declaration: after the body's last ">" one never closes
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")


@dataclass
class HtmlView:
    """The visible text of an HTML body, the hidden text left out of it, remote image URLs, and the
    style rules that could not be applied (each as written, with why)."""

    text: str
    hidden: list[str] = field(default_factory=list)
    remote_images: list[str] = field(default_factory=list)
    unapplied: list[str] = field(default_factory=list)
    # the end of the body from a tag that never closes (a mail client shows none of it), and where it began
    unclosed: str = ""
    unclosed_at: int = -1


class _Reader(HTMLParser):
    def __init__(self, sheet: StyleSheet) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self.hidden: list[str] = []
        self.images: list[str] = []
        self.styles: list[str] = []  # the text of the <style> blocks
        self.style_media = ""  # the media of the <style> block open, when it is not for the screen
        self.unapplied: list[str] = []  # <style> blocks for other media (print …) that hide or show text
        self.cascade = Cascade(sheet)
        self.open: list[tuple[str, Shown]] = []  # open elements and how each shows its content
        self.hidden_root = 0  # counts hidden elements opened outside any other: one piece of text each
        self.last_root = -1

    def _hiding(self) -> bool:
        return bool(self.open) and self.open[-1][1].hidden

    def _close(self, at: int) -> None:
        self.cascade.close(len(self.open) - at)
        del self.open[at:]

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
            head = next((at for at, (t, _) in enumerate(self.open) if t in ("head", "title")), None)
            if head is not None:
                self._close(head)
        if tag == "style":
            media = " ".join(values.get("media", "").lower().split())
            self.style_media = "" if media in _SCREEN else media
        element = (tag, values.get("id", ""), frozenset(values.get("class", "").split()))
        hides_all = tag in _ALWAYS_HIDDEN or "hidden" in values
        shown = self.cascade.open(element, values.get("style", ""), hides_all, self._parent())
        if shown.hidden and not self._hiding():
            self.hidden_root += 1
        self.open.append((tag, shown))

    def _parent(self) -> Shown:
        return self.open[-1][1] if self.open else Shown()

    def handle_endtag(self, tag: str) -> None:
        for at in range(len(self.open) - 1, -1, -1):
            if self.open[at][0] == tag:
                self._close(at)
                break
        if tag in _BREAKS and not self._hiding():
            self.shown.append("\n")

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] == "style":
            if not self.style_media:
                self.styles.append(data)
            elif touches(data):
                self.unapplied.append(f"<style media={self.style_media!r}> (not for the screen: not applied)")
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
    # A tag opened after the body's last ">" runs to the end unclosed: a browser shows nothing of it (the
    # HTML standard's "eof-in-tag"), and Python's parser, which read it as text, rescans it from every "<"
    # inside it (35 KB of "<a " took seconds). It is cut off before parsing and reported.
    tail = _TAG_OPEN.search(html, html.rfind(">") + 1)
    cut = tail.start() if tail else len(html)
    html, unclosed = html[:cut], html[cut:]
    # One pass with the style sheet found by a quick scan (it applies to text before it too); a
    # second only when the parser finds other style text (a "<style>" inside a script, for print …).
    guess = read_sheet("\n".join(m.group(1) for m in _STYLE.finditer(_COMMENT.sub("", html))))
    reader = _read(html, guess)
    sheet = read_sheet("\n".join(reader.styles))
    if sheet.rules != guess.rules:
        reader = _read(html, sheet)
    if reader.cascade.exhausted:
        sheet.unapplied.append(
            f"the style sheet after {MAX_WORK:,} selector tests (too costly to apply: later text is"
            " read as visible)"
        )
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(reader.shown))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    unapplied = reader.unapplied + sheet.unapplied
    return HtmlView(
        text,
        reader.hidden,
        list(dict.fromkeys(reader.images)),
        unapplied,
        unclosed,
        cut if unclosed else -1,
    )


def _read(html: str, sheet: StyleSheet) -> _Reader:
    reader = _Reader(sheet)
    reader.feed(html)
    reader.close()
    return reader


def differ(plain: str, shown: str) -> bool:
    """Whether a plain-text part and an HTML part's visible text say materially different things:
    their words differ once case, punctuation, spacing and links are set aside."""

    def words(text: str) -> list[str]:
        return _WORD.findall(_URL.sub(" ", text).casefold())

    return words(plain) != words(shown)
