"""What an HTML e-mail's own style declarations hide: its ``<style>`` blocks and inline ``style``
attributes, read offline. Nothing is fetched (``@import`` and linked style sheets never are),
rendered or run (``expression()`` is text).

Applied: selectors built from a type (``span``, ``*``), classes and ids (``span.hide``, ``#x``,
``div#a.b``), joined by the descendant or child combinator (``div p.c``, ``div > p``); the cascade
(``!important``, inline over the style sheet, specificity, order); and the declarations that hide
text: ``display:none`` and ``opacity:0`` (with all the element holds), ``visibility:hidden`` and a
font size of zero (a child may undo either with ``visibility:visible`` or a size of its own). A rule
that sets one of those but cannot be evaluated here — another kind of selector (``a:hover``,
``[title]``, ``p + p``), a rule inside ``@media`` or another at-rule, a nested rule, a value such as
``expression()`` or ``var()`` — is not guessed: it is named in :attr:`StyleSheet.unapplied`, and
the text it would hide is read as visible.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

MAX_SHEET = 200_000  # characters of style text read per HTML part
MAX_RULES = 100  # rules that hide or show text, applied per HTML part
MAX_COMPOUNDS = 6  # parts of one selector (div p span.x has 3)
MAX_NESTING = 8  # at-rules inside at-rules
MAX_WORK = 300_000  # selector parts tried, per HTML part, before the style sheet is no longer applied

_PROPERTIES = ("display", "visibility", "font-size", "opacity")
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)|<!--|-->", re.DOTALL)
_COMPOUND = re.compile(r"(\*|[a-z][a-z0-9-]*)?((?:[.#]-?[_a-z\u00a0-\U0010ffff][\w-]*)*)", re.IGNORECASE)
_SIMPLE = re.compile(r"[.#][^.#]+")
# a number's digits after its point only after the point ("\d+(?:\.\d*)?", not "\d+\.?\d*"): a
# pattern that could split a run of digits two ways tried every split, so a hostile e-mail's 8,000-digit
# font-size took 5 seconds to read and a 100 KB one many minutes
_ZERO = re.compile(r"[+-]?(?:0+(?:\.0*)?|\.0+)(?:[a-z]+|%)?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(%)?")
_RELATIVE_SIZE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:em|ex|ch|%)|smaller|larger|inherit")
_KEYWORD = re.compile(r"[a-z-]+")
_AT = re.compile(r"\s*@")

Element = tuple[str, str, frozenset[str]]  # tag, id, classes


@dataclass(frozen=True)
class Compound:
    """One compound selector: a type (or any) with the ids and classes it must carry."""

    tag: str  # "*" for any
    ids: frozenset[str]
    classes: frozenset[str]

    @property
    def key(self) -> str:
        """The index key an element must have for this compound to match it."""
        if self.ids:
            return "#" + min(self.ids)
        if self.classes:
            return "." + min(self.classes)
        return self.tag

    def matches(self, element: Element) -> bool:
        tag, ident, classes = element
        return (self.tag in ("*", tag)) and all(i == ident for i in self.ids) and self.classes <= classes


@dataclass(frozen=True)
class Rule:
    """A style rule with one selector: its compounds (left to right), the combinators between them
    (" " descendant, ">" child), specificity, order and the hiding declarations it sets."""

    text: str
    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...]
    specificity: tuple[int, int, int]
    order: int
    declarations: tuple[tuple[str, str, bool], ...]  # property, value, !important


@dataclass
class StyleSheet:
    """The rules of an HTML part's ``<style>`` blocks that can be applied, and those that cannot."""

    rules: list[Rule] = field(default_factory=list)
    unapplied: list[str] = field(default_factory=list)


def declarations(block: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """The hiding declarations of a declaration block (property, value, !important), and those
    whose value cannot be evaluated here (as written)."""
    found: list[tuple[str, str, bool]] = []
    unread: list[str] = []
    for declaration in block.split(";"):
        name, colon, value = declaration.partition(":")
        name = name.strip().lower()
        if not colon or name not in _PROPERTIES:
            continue
        value = " ".join(value.split()).lower()
        important = value.endswith("!important")
        value = value.removesuffix("!important").strip()
        if _meaning(name, value) is None:
            unread.append(f"{name}: {value}")
        else:
            found.append((name, value, important))
    return found, unread


def _meaning(name: str, value: str) -> str | None:
    """What a hiding property's value does: "hide", "show", "inherit", "other", or None when it
    cannot be evaluated here (a function such as expression(), var() or calc())."""
    if "(" in value or not value:
        return None
    if name == "display":
        return "hide" if value == "none" else "other" if _KEYWORD.fullmatch(value) else None
    if name == "visibility":
        if value in ("hidden", "collapse"):
            return "hide"
        return "show" if value == "visible" else "inherit" if _KEYWORD.fullmatch(value) else None
    if name == "font-size":
        if _ZERO.fullmatch(value):
            return "hide"
        if _RELATIVE_SIZE.fullmatch(value):
            return "inherit"
        return "show" if _NUMBER.match(value) or _KEYWORD.fullmatch(value) else None
    number = _NUMBER.fullmatch(value)  # opacity
    if number is None:
        return "other" if _KEYWORD.fullmatch(value) else None
    return "hide" if float(value.rstrip("%")) <= 0 else "other"


def read_sheet(text: str) -> StyleSheet:
    """The rules of the style text of one HTML part (its ``<style>`` blocks joined)."""
    sheet = StyleSheet()
    if len(text) > MAX_SHEET:
        sheet.unapplied.append(f"style text after the first {MAX_SHEET:,} characters (not read)")
        text = text[:MAX_SHEET]
    _read_rules(_COMMENT.sub(" ", text), sheet, None, 0)
    if len(sheet.rules) > MAX_RULES:
        extra = sheet.rules[MAX_RULES:]
        sheet.unapplied.append(
            f"{len(extra)} rule(s) after the first {MAX_RULES} that hide or show text, from"
            f" {_short(extra[0].text)} (too many to apply)"
        )
        del sheet.rules[MAX_RULES:]
    return sheet


def _read_rules(text: str, sheet: StyleSheet, inside: str | None, depth: int) -> None:
    at = 0
    while at < len(text):
        brace = text.find("{", at)
        semicolon = text.find(";", at, brace if brace >= 0 else len(text)) if _AT.match(text, at) else -1
        if semicolon >= 0:  # a statement at-rule: @import, @charset, @namespace
            statement = " ".join(text[at:semicolon].split())
            if statement.lower().startswith("@import"):
                sheet.unapplied.append(f"{_short(statement)} (a linked style sheet: never fetched)")
            at = semicolon + 1
            continue
        if brace < 0:
            return
        close = _closing(text, brace)
        prelude = " ".join(text[at:brace].split())
        block = text[brace + 1 : close]
        at = close + 1
        if prelude.startswith("@"):
            name = prelude.split(None, 1)[0].lower()
            if name in ("@font-face", "@keyframes", "@-webkit-keyframes", "@page", "@counter-style"):
                continue
            if depth < MAX_NESTING:
                _read_rules(block, sheet, inside or prelude, depth + 1)
            elif touches(block):
                sheet.unapplied.append(f"{_short(prelude)} (at-rules nested too deeply)")
            continue
        if "{" in block:
            if touches(block):
                sheet.unapplied.append(f"{_short(f'{prelude} {{…}}'.strip())} (a nested rule: not evaluated)")
            continue
        found, unread = declarations(block)
        if not found and not unread:
            continue
        for selector in (s.strip() for s in prelude.split(",")):
            written = f"{selector} {{{'; '.join(f'{n}: {v}' for n, v, _ in found) or unread[0]}}}"
            if inside is not None:
                sheet.unapplied.append(f"{_short(written)} (inside {_short(inside)}: not evaluated)")
                continue
            for value in unread:
                sheet.unapplied.append(f"{_short(f'{selector} {{{value}}}')} (value not evaluated)")
            rule = _rule(selector, written, len(sheet.rules), tuple(found)) if found else None
            if rule is None and found:
                sheet.unapplied.append(f"{_short(written)} (selector not evaluated)")
            elif rule is not None:
                sheet.rules.append(rule)


def _closing(text: str, brace: int) -> int:
    """Where the block opened at ``brace`` closes (the end of the text when it never does)."""
    depth = 0
    for at in range(brace, len(text)):
        if text[at] == "{":
            depth += 1
        elif text[at] == "}":
            depth -= 1
            if depth == 0:
                return at
    return len(text)


def touches(block: str) -> bool:
    """Whether style text sets a property that hides or shows text."""
    return any(re.search(rf"(?:^|[;{{\s]){p}\s*:", block, re.IGNORECASE) for p in _PROPERTIES)


def _short(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:79] + "…")


def _rule(selector: str, written: str, order: int, found: tuple[tuple[str, str, bool], ...]) -> Rule | None:
    """A rule for a selector this module can evaluate, else None."""
    tokens = selector.replace(">", " > ").split()
    compounds: list[Compound] = []
    combinators: list[str] = []
    expect_compound = True
    for token in tokens:
        if token == ">":
            if expect_compound:
                return None
            combinators.append(">")
            expect_compound = True
            continue
        matched = _COMPOUND.fullmatch(token)
        if not token or matched is None:
            return None
        if not expect_compound:
            combinators.append(" ")
        simple = _SIMPLE.findall(matched.group(2))
        compounds.append(
            Compound(
                (matched.group(1) or "*").lower(),
                frozenset(s[1:] for s in simple if s[0] == "#"),
                frozenset(s[1:] for s in simple if s[0] == "."),
            )
        )
        expect_compound = False
    if expect_compound or len(compounds) > MAX_COMPOUNDS:
        return None
    specificity = (
        sum(len(c.ids) for c in compounds),
        sum(len(c.classes) for c in compounds),
        sum(c.tag != "*" for c in compounds),
    )
    return Rule(written, tuple(compounds), tuple(combinators), specificity, order, found)


@dataclass(frozen=True)
class Shown:
    """How an open element hides its text: with all it holds (``hides_all``), or by a visibility
    or a font size of zero that its children inherit unless they set their own."""

    hides_all: bool = False
    invisible: bool = False
    zero_size: bool = False

    @property
    def hidden(self) -> bool:
        return self.hides_all or self.invisible or self.zero_size


class Cascade:
    """Applies a style sheet to elements as they open and close, in document order."""

    def __init__(self, sheet: StyleSheet) -> None:
        # Selectors that begin alike share their beginning (a node per distinct prefix), so a sheet
        # of many "div div … .kN" rules tests "div" once per element, not once per rule.
        self.nodes: list[
            tuple[int, str, Compound]
        ] = []  # the prefix before (-1: none), combinator, last part
        self.rules: dict[int, list[Rule]] = {}  # the rules whose selector ends at a node
        self.index: dict[str, list[int]] = {}
        known: dict[tuple[int, str, Compound], int] = {}
        for rule in sheet.rules:
            node = -1
            for part, compound in enumerate(rule.compounds):
                step = (node, rule.combinators[part - 1] if part else "", compound)
                if step not in known:
                    known[step] = len(self.nodes)
                    self.nodes.append(step)
                    self.index.setdefault(compound.key, []).append(known[step])
                node = known[step]
            self.rules.setdefault(node, []).append(rule)
        self.matched: list[frozenset[int]] = []  # per open element: the nodes it matches
        self.open_matches: Counter[int] = Counter()  # the same, over all open elements
        self.work = 0
        self.exhausted = False

    def open(self, element: Element, style: str, hides_all: bool, parent: Shown) -> Shown:
        """How the element opened inside ``parent`` shows its text; call :meth:`close` when it ends."""
        ends = self._match(element)
        self.matched.append(ends)
        if not ends and not style:
            return Shown(hides_all or parent.hides_all, parent.invisible, parent.zero_size)
        self.open_matches.update(ends)
        chosen: dict[str, tuple[tuple[int, int, tuple[int, int, int], int], str]] = {}
        for rule in (rule for node in ends for rule in self.rules.get(node, ())):
            for name, value, important in rule.declarations:
                rank = (int(important), 0, rule.specificity, rule.order)
                if name not in chosen or chosen[name][0] < rank:
                    chosen[name] = (rank, value)
        for name, value, important in declarations(style)[0]:
            rank = (int(important), 1, (0, 0, 0), 0)
            if name not in chosen or chosen[name][0] < rank:
                chosen[name] = (rank, value)
        meaning = {name: _meaning(name, value) for name, (_, value) in chosen.items()}
        invisible = {"hide": True, "show": False}.get(meaning.get("visibility") or "", parent.invisible)
        zero_size = {"hide": True, "show": False}.get(meaning.get("font-size") or "", parent.zero_size)
        hides_all = (
            hides_all
            or parent.hides_all
            or meaning.get("display") == "hide"
            or meaning.get("opacity") == "hide"
        )
        return Shown(hides_all, invisible, zero_size)

    def close(self, count: int) -> None:
        """The last ``count`` open elements have ended."""
        for _ in range(min(count, len(self.matched))):
            self.open_matches.subtract(self.matched.pop())

    def _match(self, element: Element) -> frozenset[int]:
        if not self.nodes or self.exhausted:
            return frozenset()
        tag, ident, classes = element
        keys = [tag, "*"] + (["#" + ident] if ident else []) + ["." + c for c in classes]
        parent = self.matched[-1] if self.matched else frozenset()
        ends = set()
        for key in dict.fromkeys(keys):
            for node in self.index.get(key, ()):
                self.work += 1
                before, combinator, compound = self.nodes[node]
                if not compound.matches(element):
                    continue
                if before >= 0 and (
                    before not in parent if combinator == ">" else self.open_matches[before] <= 0
                ):
                    continue
                ends.add(node)
        if self.work > MAX_WORK:
            self.exhausted = True
        return frozenset(ends)
