"""Undo obfuscation (leetspeak, s p a c i n g, looooong letters, emoji) keeping offsets into the original."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

# Emoji that carry meaning in threats and abuse become words the rules can match.
EMOJI: dict[str, str] = {
    "\U0001f52a": "emoji_knife",  # 🔪
    "\U0001f5e1": "emoji_knife",  # 🗡
    "\U0001f52b": "emoji_gun",  # 🔫
    "\U0001f480": "emoji_skull",  # 💀
    "\u2620": "emoji_skull",  # ☠
    "\u26b0": "emoji_coffin",  # ⚰
    "\U0001faa6": "emoji_grave",  # 🪦
    "\U0001fa78": "emoji_blood",  # 🩸
    "\U0001f4a3": "emoji_bomb",  # 💣
    "\U0001f525": "emoji_fire",  # 🔥
    "\U0001fa93": "emoji_axe",  # 🪓
    "\U0001f346": "emoji_aubergine",  # 🍆
    "\U0001f4a6": "emoji_droplets",  # 💦
    "\U0001f595": "emoji_middle_finger",  # 🖕
}
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'", "`": "'"})
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

_SUSPECT = re.compile(
    r"[0-9@$!][a-z]|[a-z][0-9@$!]|([a-z])\1\1|(?<![a-z])[a-z][ .\-_*]+[a-z][ .\-_*]+[a-z](?![a-z])"
)
_TOKEN = re.compile(r"\S+")
_NUMERIC_SUFFIX = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|k|m|s|x)?$")
_SPACED = re.compile(r"(?<![a-z0-9])[a-z](?:([ .\-_*])[a-z])(?:\1[a-z])+(?![a-z0-9])")
_RUN = re.compile(r"([a-z])\1\1+")
_ALPHA = re.compile(r"[a-z]+")
_ESCAPE = re.compile(r"\\+[a-zA-Z]")
_RULE_WORD = re.compile(r"[a-z]{4,}")
# the rule files whose words the spelling step restores (the words abuse is written in)
SPELLING_SOURCES = ("macros.yaml", "threats.yaml", "abuse.yaml", "context.yaml")
MIN_SPLIT = 5  # a run-together token must be at least this long before it is split in two
SPLIT_MACROS = ("idgroup", "women", "persons", "negpred", "insult", "kill_verb_any", "hurt_verb_any")
_INFLECTIONS = (
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("s", ""),
    ("es", ""),
    ("ly", ""),
    ("er", ""),
    ("ers", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("'s", ""),
)


@dataclass(frozen=True)
class Normalised:
    """The original text, its normalised form and where each normalised character came from."""

    text: str
    norm: str
    offsets: tuple[int, ...] | None = None  # None: identity (same length, same places)
    changed: bool = False

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of ``norm[start:end]``."""
        if self.offsets is None:
            return (start, end)
        if end <= start:
            at = self.offsets[min(start, len(self.offsets) - 1)]
            return (at, at)
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1
        # a squeezed run of letters ("killlll") ends where the run ends in the original
        while last < len(self.text) and self.text[last].lower() == self.text[last - 1].lower() != " ":
            last += 1
        return (first, max(last, first + 1))


def normalise(text: str, names: Sequence[str] = ()) -> Normalised:
    """Lower-case and undo obfuscation; the complainant's names read as "her"; plain ASCII is fast."""
    lowered = text.lower() if text.isascii() else ""
    named = [m for m in names if m and m.lower() in text.lower()]
    if lowered and not named and not _SUSPECT.search(lowered) and not _misspelt(lowered, text):
        return Normalised(text, lowered)
    result = _slow(text)
    if not named:
        return result
    assert result.offsets is not None
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(m.lower()) for m in sorted(named, key=len)[::-1]) + r")\b"
    )
    s, where = _rewrite(result.norm, list(result.offsets), pattern, lambda m: "her")
    return Normalised(text, s, tuple(where), changed=True)


def _slow(text: str) -> Normalised:
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c in INVISIBLE or c == "\ufe0f":
            continue
        word = EMOJI.get(c)
        if word is not None:
            for w in f" {word} ":
                chars.append(w)
                where.append(i)
            continue
        low = c.lower()
        chars.append(low[0] if low else c)
        where.append(i)
    s = "".join(chars).translate(QUOTES)
    s = _deleet(s)
    s, where = _rewrite(s, where, _SPACED, lambda m: re.sub(r"[ .\-_*]", "", m.group(0)))
    s, where = _rewrite(s, where, _RUN, lambda m: m.group(1))
    fixes = _misspelt(s, text, where)
    if fixes:
        pattern = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(fixes, key=len)[::-1]) + r")(?![a-z])")
        s, where = _rewrite(s, where, pattern, lambda m: fixes[m.group(0)])
    return Normalised(text, s, tuple(where), changed=s != text.lower())


@cache
def speller() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """(known words, words a run-together token may be split around, misspelling -> rule word).

    The known words are ``vocab.txt`` (written by ``tools/train_detect.py`` from the permitted training
    texts) plus every word in the rule files. A misspelling is one of the rules' words (four letters or
    more) with one letter dropped or two neighbouring letters swapped; one that two different rule words
    could come from is left alone. Splitting is only around the words that name groups, insults,
    hostility and violence (``SPLIT_MACROS``, the lexicons and the hostile-word list).
    """
    base = resources.files("footprint").joinpath("rules", "detect")
    try:
        vocab = frozenset(base.joinpath("vocab.txt").read_text(encoding="utf-8").split())
        texts = {name: base.joinpath(name).read_text(encoding="utf-8") for name in SPELLING_SOURCES}
    except OSError:
        return frozenset(), frozenset(), {}
    keys = frozenset(w for t in texts.values() for w in _RULE_WORD.findall(_ESCAPE.sub(" ", t)))
    vocab |= keys
    macros = (yaml.safe_load(texts["macros.yaml"]) or {}).get("macros") or {}
    abuse = yaml.safe_load(texts["abuse.yaml"]) or {}
    context = (yaml.safe_load(texts["context.yaml"]) or {}).get("context") or {}
    split_text = " ".join(str(macros.get(k, "")) for k in SPLIT_MACROS)
    split_text += " " + " ".join(
        str(t) for lex in abuse.get("lexicons") or [] for t in lex.get("terms") or []
    )
    split_text += " " + str(context.get("hostile", ""))
    split_keys = frozenset(w for w in _ALPHA.findall(_ESCAPE.sub(" ", split_text)) if len(w) >= 3) | {"hate"}
    fixes: dict[str, str] = {}
    clash: set[str] = set()
    for word in sorted(keys):
        variants = {word[:i] + word[i + 1 :] for i in range(len(word))}
        variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        for v in variants - {word}:
            if v in vocab or len(v) < 3:
                continue
            if fixes.setdefault(v, word) != word:
                clash.add(v)
    for v in clash:
        del fixes[v]
    return vocab, split_keys, fixes


def _misspelt(s: str, text: str, where: Sequence[int] | None = None) -> dict[str, str]:
    """Unknown tokens and what they read as: a misspelt rule word, or two words run together.

    A word capitalised as sent in mid-sentence is a name ("Happy birthday Ella") and is left alone,
    unless it is one letter from a group's name or a word of abuse ("I hate Mslims").
    """
    vocab, keys, fixes = speller()
    if not vocab:
        return {}
    out: dict[str, str] = {}
    for m in _ALPHA.finditer(s):
        token = m.group(0)
        if token in vocab or token in out:
            continue
        at = where[m.start()] if where is not None else m.start()
        name = text[at].isupper() and not _sentence_start(text, at)
        fixed = fixes.get(token)
        if name and fixed not in keys:
            continue  # a name, unless it reads as a group's proper name ("Mslims")
        if fixed is None and len(token) >= MIN_SPLIT:
            fixed = _split(token, vocab, keys)
        if fixed is not None:
            out[token] = fixed
    return out


def _sentence_start(text: str, at: int) -> bool:
    """Whether ``text[at]`` begins a sentence (nothing but spaces and quotes after . ! ? or the start)."""
    before = text[:at].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n"


def _split(token: str, vocab: frozenset[str], keys: frozenset[str]) -> str | None:
    """Two known words run together, one naming a group, an insult or violence ("blackpeople")."""
    if any(token.endswith(end) and token[: -len(end)] + add in vocab for end, add in _INFLECTIONS):
        return None  # an inflection of a known word ("contacting"), not two words
    best: tuple[int, str] | None = None
    for i in range(1, len(token)):
        a, b = token[:i], token[i:]
        if a in vocab and b in vocab and (a in keys or b in keys) and (len(a) > 1 or a in ("i", "a")):
            score = max(len(a) if a in keys else 0, len(b) if b in keys else 0)
            if best is None or score > best[0]:
                best = (score, f"{a} {b}")
    return best[1] if best else None


def _deleet(s: str) -> str:
    """Read digits and symbols inside words as the letters they stand for (same length)."""
    parts: list[str] = []
    last = 0
    for m in _TOKEN.finditer(s):
        token = m.group(0)
        core = token.strip(".,;:?!'\"()[]")
        if (
            any("a" <= ch <= "z" for ch in core)
            and any(ch in "013457@$!" for ch in core)
            and not _NUMERIC_SUFFIX.match(core)
            and not core.startswith(("@", "$", "#"))
        ):
            lead = len(token) - len(token.lstrip(".,;:?!'\"()[]"))
            inner = token[lead : lead + len(core)].translate(LEET)
            token = token[:lead] + inner + token[lead + len(core) :]
        parts.append(s[last : m.start()])
        parts.append(token)
        last = m.end()
    parts.append(s[last:])
    return "".join(parts)


def _rewrite(s: str, where: list[int], pattern: re.Pattern[str], repl: object) -> tuple[str, list[int]]:
    """Apply a shortening substitution while keeping each kept character's origin."""
    out: list[str] = []
    pos: list[int] = []
    last = 0
    for m in pattern.finditer(s):
        out.append(s[last : m.start()])
        pos.extend(where[last : m.start()])
        new = repl(m)  # type: ignore[operator]
        assert isinstance(new, str)
        # map each kept char to where it came from (or, for a substitute word, across the match)
        cursor = m.start()
        for k, ch in enumerate(new):
            found = s.find(ch, cursor, m.end())
            if found < 0:
                found = min(m.start() + k, m.end() - 1)
            else:
                cursor = found + 1
            pos.append(where[found])
        out.append(new)
        last = m.end()
    out.append(s[last:])
    pos.extend(where[last:])
    return "".join(out), pos
