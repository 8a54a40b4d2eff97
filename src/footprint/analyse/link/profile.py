"""One account, vectorised once: style n-grams, compression size, timing profile, tags and identifiers."""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from footprint.analyse.link import text as tx
from footprint.analyse.link.issued import not_a_name
from footprint.ingest.phones import e164
from footprint.times import utc_order_key

RULES_DIR = Path(__file__).resolve().parents[2] / "rules" / "link"
BITS = 18
DIM = 1 << BITS
NGRAMS = (1, 2, 3, 4)
NCD_CHARS = 3_000
MIN_MESSAGES = 5
MIN_CHARS = 300
_MIX = np.uint64(0x9E3779B97F4A7C15)
_P = np.uint64(1_000_003)
_WORD = re.compile(r"\w+|[^\w\s]")
_WORDS_ONLY = re.compile(r"\w+")
VERBATIM_WORDS = 8

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Message:
    """One message of an account, as linkage sees it."""

    text: str
    sent_at_utc: str | None = None
    item_id: int | None = None
    exhibit: str | None = None
    locator: str | None = None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """An account's linkage profile (built once, compared with many others)."""

    key: str
    handle: str
    display_name: str
    messages: tuple[Message, ...]
    n_text: int
    n_chars: int
    style_idx: IntArray
    style_val: FloatArray
    word_idx: IntArray
    word_val: FloatArray
    style_norm: tuple[float, float, float, float]
    ncd_text: bytes
    ncd_size: int
    hours: FloatArray
    days: FloatArray
    tags: dict[str, int]
    habits: FloatArray
    identifiers: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    self_refs: tuple[tuple[str, int], ...] = ()
    first_utc: str | None = None
    last_utc: str | None = None
    n_timed: int = 0  # messages with a time
    verbatim: frozenset[str] = frozenset()  # its texts of VERBATIM_WORDS words or more (verbatim_key)
    # each of ``messages`` masked (``tx.mask``), in order: masked once, read by every explanation of a pair
    masked: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        """The handle and display name compared as names (a phone number is an identifier; an id the
        platform issued and a placeholder such as "Author 1" name no one: ``issued.not_a_name``)."""
        return [
            n
            for n in dict.fromkeys((self.handle, self.display_name))
            if n and e164(n) is None and not not_a_name(self.key, n)
        ]

    def masked_texts(self) -> tuple[str, ...]:
        """Each message's text masked (``tx.mask``), in order: as built, or masked now (a profile made
        by hand)."""
        if len(self.masked) == len(self.messages):
            return self.masked
        return tuple(tx.mask(m.text) for m in self.messages)

    @property
    def enough_text(self) -> bool:
        """Whether style and timing can be scored (otherwise they abstain)."""
        return self.n_text >= MIN_MESSAGES and self.n_chars >= MIN_CHARS


@lru_cache(maxsize=2)
def _shipped_idf(file_name: str) -> FloatArray:
    """Inverse document frequencies from ``rules/link/<file_name>`` (1.0 when the file does not ship)."""
    path = RULES_DIR / file_name
    if not path.is_file():
        return np.ones(DIM, dtype=np.float32)
    data = json.loads(path.read_text(encoding="utf-8"))
    raw = base64.b64decode(data["idf_float16_b64"])
    return np.frombuffer(raw, dtype=np.float16).astype(np.float32)


def idf() -> FloatArray:
    """The shipped inverse document frequencies of the hashed n-grams (1.0 when none ship)."""
    return _shipped_idf("style_idf.json")


def word_idf() -> FloatArray:
    """The shipped inverse document frequencies of hashed words (1.0 when none ship)."""
    return _shipped_idf("word_idf.json")


@dataclass(frozen=True)
class Cohort:
    """Background accounts' style vectors: how alike an account is to strangers (score normalisation)."""

    chars: Any
    words: Any

    def stats(self, kind: str, idx: IntArray, val: FloatArray) -> tuple[float, float]:
        """Mean and spread of the account's cosine with the background accounts."""
        matrix = self.chars if kind == "chars" else self.words
        if matrix is None or len(idx) == 0:
            return 0.0, 1.0
        dense = np.zeros(DIM, dtype=np.float32)
        dense[idx] = val
        sims = np.asarray(matrix @ dense).ravel()
        return float(sims.mean()), float(sims.std() + 1e-3)


def _sparse_rows(rows: list[dict[str, str]]) -> Any:
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    indptr, indices, data = [0], [], []
    for row in rows:
        idx = np.frombuffer(base64.b64decode(row["idx"]), dtype=np.int32)
        val = np.frombuffer(base64.b64decode(row["val"]), dtype=np.float16).astype(np.float32)
        indices.append(idx)
        data.append(val)
        indptr.append(indptr[-1] + len(idx))
    return csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.array(indptr)), shape=(len(rows), DIM)
    )


@lru_cache(maxsize=1)
def cohort() -> Cohort:
    """The shipped background cohort (empty when none ships)."""
    path = RULES_DIR / "cohort.json"
    if not path.is_file():
        return Cohort(None, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    return Cohort(_sparse_rows(data["chars"]), _sparse_rows(data["words"]))


def word_counts(text: str) -> tuple[IntArray, IntArray]:
    """Hashed lower-cased word and punctuation-token ids and their counts."""
    tokens = _WORD.findall(text.lower())
    if not tokens:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    cache = _WORD_IDS
    if len(cache) > 2_000_000:
        cache.clear()
    hashed = np.fromiter(
        (cache.get(t) or cache.setdefault(t, zlib.crc32(t.encode("utf-8")) & (DIM - 1)) for t in tokens),
        dtype=np.int64,
        count=len(tokens),
    )
    ids, counts = np.unique(hashed, return_counts=True)
    return ids, counts


def word_vector(text: str) -> tuple[IntArray, FloatArray]:
    """Sub-linear TF-IDF of hashed words, unit length."""
    ids, counts = word_counts(text)
    values = (1.0 + np.log(counts.astype(np.float32))) * word_idf()[ids]
    norm = float(np.sqrt(np.dot(values, values)))
    return ids, (values / norm if norm > 0 else values).astype(np.float32)


def ngram_counts(text: str) -> tuple[IntArray, IntArray]:
    """Hashed character 1-4-gram ids and their counts (vectorised over the whole text)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts = []
    h = np.zeros(len(codes), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for n in NGRAMS:
            h = codes[n - 1 :] if n == 1 else h[:-1] * _P + codes[n - 1 :]
            if len(h) == 0:
                break
            mixed = ((h + np.uint64(n)) * _MIX) >> np.uint64(64 - BITS)
            parts.append(mixed.astype(np.int64))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ids, counts = np.unique(np.concatenate(parts), return_counts=True)
    return ids, counts


def ngram_id(gram: str) -> int:
    """The hashed id of one character n-gram (as ``ngram_counts`` computes it)."""
    codes = [np.uint64(ord(c)) for c in gram]
    h = np.uint64(0)
    with np.errstate(over="ignore"):
        for i, c in enumerate(codes):
            h = c if i == 0 else h * _P + c
        return int(((h + np.uint64(len(gram))) * _MIX) >> np.uint64(64 - BITS))


def style_vector(text: str) -> tuple[IntArray, FloatArray]:
    """Sub-linear TF-IDF of hashed character n-grams, unit length."""
    ids, counts = ngram_counts(text)
    values = (1.0 + np.log(counts.astype(np.float32))) * idf()[ids]
    norm = float(np.sqrt(np.dot(values, values)))
    return ids, (values / norm if norm > 0 else values).astype(np.float32)


def _histograms(times: list[datetime]) -> tuple[FloatArray, FloatArray]:
    hours = np.ones(24, dtype=np.float32) * 0.1
    days = np.ones(7, dtype=np.float32) * 0.1
    for t in times:
        hours[t.hour] += 1
        days[t.weekday()] += 1
    return hours / np.linalg.norm(hours), days / np.linalg.norm(days)


_WORD_IDS: dict[str, int] = {}
_UPPER = re.compile(r"[A-Z]")
_LINES_WITH = {
    "url": re.compile(r"^[^\n]*?(?:https?://|www\.)", re.M | re.I),
    "mention": re.compile(r"^[^\n]*?(?<![\w@])@\w", re.M),
    "hashtag": re.compile(r"^[^\n]*?(?<![\w#])#\w", re.M),
    "high": re.compile("^[^\n]*?[\u2000-\U0010ffff]", re.M),
    "end": re.compile(r"[.!?][ \t]*$", re.M),
    "lower_start": re.compile(r"^[a-z]", re.M),
}
_LETTER = re.compile(r"[A-Za-z]")


def _habits(texts: list[str]) -> FloatArray:
    """Writing habits as rates: length, links, mentions, hashtags, capitals, end punctuation, emoji."""
    if not texts:
        return np.zeros(8, dtype=np.float32)
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    n = len(texts)
    letters = len(_LETTER.findall(joined)) or 1

    def rate(name: str) -> float:
        return len(_LINES_WITH[name].findall(joined)) / n

    return np.array(
        [
            np.log1p(sum(len(t) for t in texts) / n),
            rate("url"),
            rate("mention"),
            rate("hashtag"),
            len(_UPPER.findall(joined)) / letters,
            rate("end"),
            rate("high"),
            rate("lower_start"),
        ],
        dtype=np.float32,
    )


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def build_profile(
    key: str,
    messages: list[Message],
    handle: str = "",
    display_name: str = "",
    *,
    explain: bool = True,
    each_masked: tuple[str, ...] | None = None,
) -> Profile:
    """Vectorise one account (``explain=False`` skips what only explanations need); ``each_masked``, when
    given, is each message's masked text already (``without_texts`` keeps what it has)."""
    texts = [m.text for m in messages if m.text and m.text.strip()]
    masked = tx.mask("\n".join(texts))
    ids, values = style_vector(masked)
    word_ids, word_values = word_vector(masked)
    sample = masked[:NCD_CHARS].encode("utf-8")
    times = [t for t in (_parse_time(m.sent_at_utc) for m in messages) if t is not None]
    hours, days = _histograms(times)
    tag_counts: Counter[str] = Counter(tx.tags("\n".join(texts)))
    found: dict[tuple[str, str], list[int]] = {}
    refs: list[tuple[str, int]] = []
    maybe_self = bool(tx.MAYBE_SELF.search(masked))
    for index, m in enumerate(messages):
        if not m.text:
            continue
        for kind, value, _ in tx.identifiers(m.text):
            found.setdefault((kind, value), []).append(index)
        if maybe_self:
            refs.extend((label, index) for label, _ in tx.self_references(m.text))
        for sha in m.attachments:
            found.setdefault(("sha256", sha), []).append(index)
    stamps = sorted((m.sent_at_utc for m in messages if m.sent_at_utc), key=utc_order_key)
    return Profile(
        key=key,
        handle=handle,
        display_name=display_name,
        messages=tuple(messages) if explain else (),
        n_text=len(texts),
        n_chars=sum(len(t) for t in texts),
        style_idx=ids,
        style_val=values,
        word_idx=word_ids,
        word_val=word_values,
        style_norm=(*cohort().stats("chars", ids, values), *cohort().stats("words", word_ids, word_values)),
        ncd_text=sample,
        ncd_size=len(zlib.compress(sample, 6)),
        hours=hours,
        days=days,
        tags=dict(tag_counts),
        habits=_habits(texts),
        identifiers={k: tuple(v) for k, v in found.items()},
        self_refs=tuple(refs),
        first_utc=stamps[0] if stamps else None,
        last_utc=stamps[-1] if stamps else None,
        n_timed=len(stamps),
        # only with the messages kept: leaving copied texts out rebuilds the profile from them
        verbatim=frozenset(v for v in map(verbatim_key, texts) if v is not None) if explain else frozenset(),
        masked=(tuple(tx.mask(m.text) for m in messages) if each_masked is None else each_masked)
        if explain
        else (),
    )


def verbatim_key(text: str) -> str | None:
    """A text with its spacing evened out when it has ``VERBATIM_WORDS`` words or more: two accounts
    sending the same such text, to the letter and the comma, copied or forwarded it (a chain letter, a
    quote). Case and punctuation are kept: they are the writer's when the words are retyped."""
    if len(_WORDS_ONLY.findall(text)) < VERBATIM_WORDS:
        return None
    return " ".join(text.split())


def without_texts(p: Profile, keys: frozenset[str]) -> Profile:
    """``p`` built again without its messages whose ``verbatim_key`` is in ``keys``."""
    kept = [i for i, m in enumerate(p.messages) if not m.text or verbatim_key(m.text) not in keys]
    masked = p.masked_texts()
    return build_profile(
        p.key,
        [p.messages[i] for i in kept],
        p.handle,
        p.display_name,
        each_masked=tuple(masked[i] for i in kept),
    )


def without_copied(a: Profile, b: Profile) -> tuple[Profile, Profile]:
    """The pair without the texts both sent word for word (copied words are not the sender's writing)."""
    copied = a.verbatim & b.verbatim
    return (without_texts(a, copied), without_texts(b, copied)) if copied else (a, b)
