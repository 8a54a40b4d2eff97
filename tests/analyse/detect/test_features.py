"""The cached featuriser gives exactly scikit-learn's matrix (the one the model was trained on)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from footprint.analyse.detect.features import HashedNgrams, char_grams
from footprint.analyse.detect.model import features

WORDS, CHARS = 2**10, 2**9  # small tables, so collisions happen and are handled the same way

TEXTS = [
    "",
    "!",
    "a",
    "i will find you !!",
    "you are  a   waste\tof\nspace?",
    "emoji_knife emoji_knife i'm coming round",
    "x\u00a0y\u2028z \x1c w",
    "café naïve 💔 ok",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
]


def same(texts: list[str], words: int, chars: int) -> None:
    expected = features(texts, words, chars).tocsr()
    got = HashedNgrams(words, chars).matrix(texts)
    assert got.shape == expected.shape
    assert got.indptr.tolist() == expected.indptr.tolist()
    assert got.indices.tolist() == expected.indices.tolist()
    assert got.data.dtype == expected.data.dtype
    assert got.data.tobytes() == expected.data.tobytes()


def test_identical_to_hashing_vectoriser_with_and_without_characters() -> None:
    same(TEXTS, WORDS, CHARS)
    same(TEXTS, WORDS, 0)


def test_identical_when_the_caches_are_warm() -> None:
    featuriser = HashedNgrams(WORDS, CHARS)
    featuriser.matrix(TEXTS)
    expected = features(TEXTS[::-1], WORDS, CHARS).tocsr()
    assert featuriser.matrix(TEXTS[::-1]).data.tobytes() == expected.data.tobytes()


def test_short_words_count_once_whole() -> None:
    assert char_grams("a") == [" a "]
    assert char_grams("ab") == [" ab", "ab ", " ab "]
    assert char_grams("abc") == [" ab", "abc", "bc ", " abc", "abc ", " abc "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab c!?'\t\n\u00a0é🔪", max_size=30), min_size=1, max_size=5))
def test_identical_on_any_text(texts: list[str]) -> None:
    same(texts, WORDS, CHARS)
