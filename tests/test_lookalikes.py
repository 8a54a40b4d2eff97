"""Look-alike letters read as Latin ones, in time linear in the text's length."""

from __future__ import annotations

from footprint.lookalikes import fold_lookalikes


def test_a_long_word_of_letters_none_latin_is_read_in_linear_time() -> None:
    # a pattern asking for a run of letters with a Latin one in it tried every start in a run with none:
    # "é" 24,000 times took 11 seconds to read for detection (and again for the language check), this
    # 100,000 (detection's cap) minutes each, so hostile messages could hold up `analyse` for hours
    # (security review, session 19)
    word = "é" * 100_000
    assert fold_lookalikes(f"{word} kіll {word}", latin=True) == f"{word} kill {word}"
