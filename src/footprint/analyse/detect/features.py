"""The model's hashed n-gram features, computed with per-word caches.

Exactly the matrix of ``model.features`` (scikit-learn's ``HashingVectorizer``: word 1-2 grams with the
token pattern ``\\b\\w+\\b|[!?]``, character 3-5 grams within words, binary, unsigned, each block
L2-normalised), but each word's hashed grams are computed once and remembered: chat repeats the same
few thousand words, so most of a message's features are dictionary look-ups instead of hashing.
``tests/analyse/detect/test_features.py`` checks the two give identical matrices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from itertools import chain
from typing import Any, cast

import numpy as np

TOKEN = re.compile(r"(?u)\b\w+\b|[!?]")
CHAR_N = (3, 4, 5)
INT32_MIN = -(2**31)
# remembered grams and words before a cache is emptied (bounds memory on very large productions)
CACHE_LIMIT = 500_000


@cache
def _murmur() -> Callable[..., int]:
    """scikit-learn's hash, imported when the model first reads a text: scikit-learn, SciPy and pandas
    take about 0.9 s to import, which a command that reads no text (`ls`, `verify`) need not pay."""
    from sklearn.utils import murmurhash3_32  # type: ignore[import-untyped]

    return cast(Callable[..., int], murmurhash3_32)


def bucket(gram: str, n_features: int) -> int:
    """The column a gram is hashed to (scikit-learn's rule, including its case for -2**31)."""
    h = int(_murmur()(gram, seed=0))
    if h == INT32_MIN:
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


def char_grams(word: str) -> list[str]:
    """A word's character 3-5 grams, padded with a space each side (``analyzer="char_wb"``)."""
    w = f" {word} "
    grams = []
    for n in CHAR_N:
        if len(w) <= n:  # a short word counts once, whole
            grams.append(w)
            break
        grams.extend(w[i : i + n] for i in range(len(w) - n + 1))
    return grams


class HashedNgrams:
    """Turns texts into the model's sparse feature matrix."""

    def __init__(self, n_features: int, char_features: int) -> None:
        self.n_features = n_features
        self.char_features = char_features
        self._grams: dict[str, int] = {}
        self._words: dict[str, tuple[int, ...]] = {}

    def _gram(self, gram: str) -> int:
        index = self._grams.get(gram)
        if index is None:
            if len(self._grams) >= CACHE_LIMIT:
                self._grams.clear()
            index = self._grams[gram] = bucket(gram, self.n_features)
        return index

    def _word(self, word: str) -> tuple[int, ...]:
        indices = self._words.get(word)
        if indices is None:
            if len(self._words) >= CACHE_LIMIT:
                self._words.clear()
            offset = self.n_features
            indices = tuple(offset + bucket(g, self.char_features) for g in char_grams(word))
            self._words[word] = indices
        return indices

    def matrix(self, texts: Sequence[str]) -> Any:
        """The CSR matrix (one row per text) the model's weights multiply."""
        indices: list[int] = []
        indptr = [0]
        known_gram = self._grams.get
        known_word = self._words.get
        for text in texts:
            tokens = TOKEN.findall(text)
            grams = tokens + list(map(" ".join, zip(tokens, tokens[1:], strict=False)))
            found = list(map(known_gram, grams))
            if None in found:
                found = [self._gram(g) if i is None else i for g, i in zip(grams, found, strict=True)]
            indices += cast(list[int], found)
            if self.char_features:
                words = text.split()
                per_word = list(map(known_word, words))
                if None in per_word:
                    pairs = zip(words, per_word, strict=True)
                    per_word = [self._word(w) if t is None else t for w, t in pairs]
                indices += chain.from_iterable(cast(list[tuple[int, ...]], per_word))
            indptr.append(len(indices))
        from scipy.sparse import csr_matrix  # type: ignore[import-untyped]  # imported late: see _murmur

        width = self.n_features + self.char_features
        x = csr_matrix(
            (np.ones(len(indices), dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
            shape=(len(texts), width),
        )
        x.sum_duplicates()  # sorts each row's columns and merges repeats
        x.data.fill(1.0)
        # each block (words, characters) is scaled to unit length on its own
        in_words = x.indices < self.n_features
        rows = np.repeat(np.arange(len(texts)), np.diff(x.indptr))
        word_counts = np.bincount(rows[in_words], minlength=len(texts))
        char_counts = np.bincount(rows[~in_words], minlength=len(texts))
        counts = np.where(in_words, word_counts[rows], char_counts[rows]).astype(np.float64)
        x.data = (1.0 / np.sqrt(counts)).astype(np.float32)
        return x


@cache
def hashed_ngrams(n_features: int, char_features: int) -> HashedNgrams:
    """One featuriser per process and model shape (its caches fill as it reads)."""
    return HashedNgrams(n_features, char_features)
