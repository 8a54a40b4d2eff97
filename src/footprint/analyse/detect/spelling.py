"""Spelling repairs for the normaliser: misspelt rule words, run-together words, masked and leet words.

Only unknown words are read again (a word in ``vocab.txt`` or the rule files is never changed), and each
reading is cached per word form, so ordinary text costs one set look-up a word.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

# the rule files whose words the spelling step restores (the words abuse is written in)
SPELLING_SOURCES = ("macros.yaml", "threats.yaml", "abuse.yaml", "context.yaml")
MIN_SPLIT = 5  # a run-together token must be at least this long before it is split
MAX_SPLIT = 40  # ... and at most this long (longer runs are links, hashes or keyboard mashing)
MAX_PIECES = 6  # ... into at most this many words
SPLIT_MACROS = ("idgroup", "women", "persons", "negpred", "insult", "kill_verb_any", "hurt_verb_any")
# short words a run-together token may contain (other one- and two-letter "words" of chat are noise)
SHORT_WORDS = frozenset(
    "i a am an as at be by do go he if in is it me my no of on or so to up us we "
    "the and are all you not for but was his her our who how why any can get out too off its "
    "she him them they one two has had did say see".split()
)
# word endings that the rule files' patterns spell apart; never a word of a run-together token
FRAGMENTS = frozenset(
    "ing ings ion ions ers ies ied est ish ism isms ist ists ian ians ful ness less ment ments ent "
    "ents ity ive ives ous tic tics ally ated ation ations".split()
)
# what an asterisk-masked word most often hides, tried before the rule words ("f***" is not "fags")
MASKED = (
    "fuck fucking fucked fucker fuckers fucks shit shits shitty cunt cunts bitch bitches twat twats "
    "nigger niggers nigga niggas faggot faggots whore whores slut sluts wanker wankers bastard "
    "bastards dick dickhead prick pricks piss pissed retard retards rape raped kill"
).split()
# spellings of abuse common enough in chat to be known words, read as the word they spell
ALIASES: dict[str, str] = {
    "biatch": "bitch",
    "biotch": "bitch",
    "fuk": "fuck",
    "fck": "fuck",
    "fuc": "fuck",
    "fking": "fucking",
    "fkn": "fucking",
    "fukin": "fucking",
    "fuking": "fucking",
    "fcking": "fucking",
    "fcuk": "fuck",
    "phuck": "fuck",
    "sht": "shit",
    "kunt": "cunt",
    "nigg": "nigger",
    "niggr": "nigger",
    "nigr": "nigger",
    "niqqer": "nigger",
    "niqqers": "niggers",
    "fagget": "faggot",
    "faggit": "faggot",
    "fagit": "faggot",
    "fgt": "faggot",
    "retart": "retard",
    "muzlim": "muslim",
    "muzlims": "muslims",
    "moslim": "muslim",
    "moslims": "muslims",
    "idoit": "idiot",
    "idoits": "idiots",
    "stoopid": "stupid",
    "stupit": "stupid",
    "wimmin": "women",
    "womyn": "women",
}
# leetspeak characters read as more than one letter; the reading that makes a known word wins
LEET_CHOICES: dict[str, str] = {
    "0": "o",
    "1": "il",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "9": "g",
    "@": "a",
    "$": "s",
    "!": "il",
    "|": "li",
    "+": "t",
}
_ESCAPE = re.compile(r"\\+[a-zA-Z]")
_RULE_WORD = re.compile(r"[a-z]{3,}")
_ALPHA = re.compile(r"[a-z]+")
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
class Lexicon:
    """The words the spelling step knows and the index it corrects against."""

    vocab: frozenset[str]  # known words: never changed
    targets: frozenset[str]  # words the rules use: what a misspelling may be read as
    keys: frozenset[str]  # words naming groups, insults, hostility and violence
    tier: dict[str, int]  # 0 a group, 1 a slur or insult of the lexicons, 2 another key word
    index: dict[str, tuple[str, ...]]  # a target, or a target less one letter -> the targets
    masked: tuple[str, ...]  # words a wholly masked word may stand for ("f***"), most likely first
    partly: tuple[str, ...]  # words a partly masked word may stand for ("m*slims", "b*tch")


def _yaml(text: str) -> Any:
    """Parse YAML with the C loader when PyYAML has it (the pure-Python one takes most of the load)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


@cache
def lexicon() -> Lexicon:
    """Load ``vocab.txt`` and the rule files and build the symmetric-deletion index (once)."""
    base = resources.files("footprint").joinpath("rules", "detect")
    try:
        vocab = frozenset(base.joinpath("vocab.txt").read_text(encoding="utf-8").split())
        texts = {name: base.joinpath(name).read_text(encoding="utf-8") for name in SPELLING_SOURCES}
    except OSError:
        return Lexicon(frozenset(), frozenset(), frozenset(), {}, {}, (), ())
    targets = frozenset(w for t in texts.values() for w in _RULE_WORD.findall(_ESCAPE.sub(" ", t).lower()))
    vocab = (vocab | targets) - ALIASES.keys()
    macros = (_yaml(texts["macros.yaml"]) or {}).get("macros") or {}
    abuse = _yaml(texts["abuse.yaml"]) or {}
    context = (_yaml(texts["context.yaml"]) or {}).get("context") or {}
    split_text = " ".join(str(macros.get(k, "")) for k in SPLIT_MACROS)
    terms = [str(t) for lex in abuse.get("lexicons") or [] for t in lex.get("terms") or []]
    split_text += " " + " ".join(terms) + " " + str(context.get("hostile", ""))
    keys = frozenset(w for w in _ALPHA.findall(_ESCAPE.sub(" ", split_text)) if len(w) >= 3) - FRAGMENTS
    keys |= {"hate", "kill", "fuck", "fucking", "shit"}
    # the patterns spell inflections apart ("hang(?:ed|ing)"): the inflected words are keys too
    keys |= {k + end for k in keys if len(k) >= 4 for end in ("s", "ed", "ing", "ers") if k + end in vocab}
    tier = dict.fromkeys(keys, 2)
    tier.update(dict.fromkeys((t.lower() for t in terms if t.isalpha()), 1))
    groups = " ".join(str(macros.get(k, "")) for k in ("idgroup", "women"))
    tier.update(dict.fromkeys(_ALPHA.findall(_ESCAPE.sub(" ", groups)), 0))
    # "ihate", "ikill": run-together words common enough in chat to have entered the vocabulary
    vocab -= {w for w in vocab if len(w) > 4 and w[0] == "i" and w[1:] in keys and w not in targets}
    index: dict[str, list[str]] = {}
    for word in sorted(targets):
        index.setdefault(word, []).append(word)
        if len(word) >= 3:
            for i in range(len(word)):
                index.setdefault(word[:i] + word[i + 1 :], []).append(word)
    words = [t for t in terms if t.isalpha()]
    partly = tuple(dict.fromkeys([*MASKED, *words, *sorted(keys)]))
    index_t = {k: tuple(dict.fromkeys(v)) for k, v in index.items()}
    return Lexicon(vocab, targets, keys, tier, index_t, tuple(MASKED), partly)


def _edit(token: str, word: str) -> int:
    """0 for a transposition, 1 for one letter dropped or added, 9 for anything else."""
    if len(token) == len(word):
        diff = [i for i in range(len(word)) if token[i] != word[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and token[diff[0]] == word[diff[1]]:
            return 0 if token[diff[1]] == word[diff[0]] else 9
        return 9
    short, long = (token, word) if len(token) < len(word) else (word, token)
    if len(long) - len(short) != 1:
        return 9
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    if short[i:] != long[i + 1 :]:
        return 9
    if long is token and not (long[i] == long[i - 1 : i] or long[i] == long[i + 1 : i + 2]):
        return 9  # an added letter counts only when it doubles its neighbour ("womeen", not "brats")
    return 1


@lru_cache(maxsize=65536)
def correction(token: str) -> tuple[str, bool] | None:
    """What an unknown word reads as, and whether that names a group, an insult or violence.

    One letter dropped ("wmen"), added or doubled ("womeen"), or two neighbouring letters swapped
    ("haet") from a word the rules use, first or last letter included. A swap beats a drop or an
    addition; among equals a group word beats a slur or insult, which beats another abuse word, which
    beats an ordinary word; a tie between ordinary words is left alone (one between abuse words of the
    same kind reads as the first in alphabetical order: "vil" is "evil" or "vile").
    Otherwise two to six known words run together ("womenaredisgusting"), one of them a group,
    insult or violence word. None when the token is known or nothing fits.
    """
    lex = lexicon()
    if token in ALIASES:
        return ALIASES[token], True
    if token in lex.vocab or len(token) < 3:
        return None
    # "innocents": an inflection of a known word is read only as a slur spelt strongly ("nigers"); a
    # doubled last letter is no inflection ("shouldd")
    inflected = token[-1] != token[-2] and _inflected(token, lex.vocab, 4)
    found: dict[str, int] = {}
    probes = {token} | {token[:i] + token[i + 1 :] for i in range(len(token))}
    for probe in probes:
        for word in lex.index.get(probe, ()):
            cost = _edit(token, word)
            if cost == 9:
                continue
            tier = lex.tier.get(word, 3)
            if inflected and (tier > 1 or not _strong(token, word)):
                continue  # "innocents" stays; "nigers" is read
            if len(token) <= 4 and tier == 1 and not _strong(token, word):
                continue  # "sic" stays
            found[word] = min(cost, found.get(word, 9))
    if found:
        ranked = sorted((found[w], lex.tier.get(w, 3), w) for w in found)
        best = ranked[0]
        if len(ranked) == 1 or ranked[1][:2] != best[:2] or best[1] < 3:
            return best[2], best[2] in lex.keys
    if inflected:
        return None
    if len(token) >= 4 and token[0] == "i" and token[1:] in lex.targets and token[1:] not in FRAGMENTS:
        return "i " + token[1:], token[1:] in lex.keys  # "ican't", "ihate"
    if MIN_SPLIT <= len(token) <= MAX_SPLIT:
        split = segment(token, lex)
        if split is not None:
            return split, True
    return None


def _strong(token: str, word: str) -> bool:
    """Whether ``token`` is a deliberate-looking spelling of ``word``, strong enough to read a slur in a
    short or inflected-looking word: two letters swapped, one doubled, or a vowel or one of a double
    letter dropped anywhere but at the end ("kke", "spc", "diot", "nigers", "retardd"). "hom" is not
    "homo" (the end dropped), nor "sic" "spic" nor "goos" "gooks" (a single consonant dropped).
    """
    if len(token) >= len(word):
        return True
    i = next((i for i, (a, b) in enumerate(zip(token, word, strict=False)) if a != b), len(token))
    if i == len(word) - 1:
        return False
    return word[i] in "aeiou" or word[i] == word[i + 1] or (i > 0 and word[i] == word[i - 1])


def _inflected(token: str, vocab: frozenset[str], stem: int = 1) -> bool:
    """An inflection of a known word ("contacting", "innocents"): not a misspelling, not two words."""
    return any(
        token.endswith(end) and len(token) - len(end) >= stem and token[: -len(end)] + add in vocab
        for end, add in _INFLECTIONS
    )


def _piece(piece: str, lex: Lexicon) -> bool:
    """Whether a run-together token may contain ``piece`` as a word of its own."""
    if len(piece) <= 3:
        return piece in SHORT_WORDS or (len(piece) == 3 and lex.tier.get(piece, 3) <= 1)
    return piece in lex.vocab and piece not in FRAGMENTS


def segment(token: str, lex: Lexicon) -> str | None:
    """Two to six known words run together, one naming a group, an insult or violence.

    Words of three letters or fewer must be common function words or a group or slur word ("gay"),
    so that "cancelling" is not "can cell ing"; "i" only begins the run. The split with the fewest
    words wins, then the one with the longest group or abuse word, then the longest words. Failing
    that, two words of three letters or more, one of them a group or abuse word ("muzpigs").
    """
    if _inflected(token, lex.vocab):
        return None  # an inflection of a known word ("contacting"), not two words
    n = len(token)
    # best[i]: (pieces, -longest key piece, -sum of squared lengths, words) for token[:i]
    best: list[tuple[int, int, int, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0, 0, 0, ())
    for end in range(1, n + 1):
        for start in range(max(0, end - 24), end):
            prev = best[start]
            piece = token[start:end]
            if prev is None or prev[0] >= MAX_PIECES or not _piece(piece, lex) or (piece == "i" and start):
                continue
            key = -len(piece) if piece in lex.keys else 0
            cand = (prev[0] + 1, min(prev[1], key), prev[2] - len(piece) ** 2, (*prev[3], piece))
            cur = best[end]
            if cur is None or cand[:3] < cur[:3]:
                best[end] = cand
    got = best[n]
    if got is not None and got[0] >= 2 and got[1] < 0:
        return " ".join(got[3])
    pairs = []
    for i in range(3, n - 2):
        a, b = token[:i], token[i:]
        if a in lex.vocab and b in lex.vocab and a not in FRAGMENTS and b not in FRAGMENTS:
            size = max(len(a) if a in lex.keys else 0, len(b) if b in lex.keys else 0)
            if size:
                pairs.append((-size, i, f"{a} {b}"))
    return min(pairs)[2] if pairs else None


@lru_cache(maxsize=8192)
def unmask(token: str) -> str | None:
    """The word an asterisk-masked token stands for, by its length and the letters shown.

    A wholly masked word ("f***", "n*****": the first letter, perhaps the last) is read only as a
    profanity or slur of a short list (``MASKED``); a word with at most a third of its letters masked
    ("m*slims", "b*tch") may be any slur, insult or group word.
    """
    lex = lexicon()
    shown = [(i, c) for i, c in enumerate(token) if c != "*"]
    if not shown or len(token) < 3:
        return None
    words = lex.partly if 3 * (len(token) - len(shown)) <= len(token) else lex.masked
    for word in words:
        if len(word) == len(token) and all(word[i] == c for i, c in shown):
            return word
    return None


@lru_cache(maxsize=8192)
def deleet(core: str, default: str) -> str:
    """The reading of a leetspeak word that makes known words ("mus1ims" -> "muslims"), same length.

    A reading made of the rules' words wins ("al1" is "all", not "ali"), then one of known words,
    then one whose unknown words the spelling step can read.
    """
    places = [i for i, c in enumerate(core) if c in LEET_CHOICES and len(LEET_CHOICES[c]) > 1]
    if not places:
        return default
    lex = lexicon()
    options = [LEET_CHOICES[core[i]] for i in places[:4]]
    fallback = second = None
    for choice in itertools.product(*options):
        chars = list(default)
        for i, c in zip(places, choice, strict=False):
            chars[i] = c
        reading = "".join(chars)
        words = _ALPHA.findall(reading)
        if words and all(w in lex.targets for w in words):
            return reading
        if words and all(w in lex.vocab for w in words):
            fallback = fallback or reading
        if second is None and words and all(w in lex.vocab or correction(w) for w in words):
            second = reading
    return fallback or second or default
