"""Threats hidden from a plain reading (content review 5, defects 2-4): characters that draw nothing, a
negator in another clause, look-alike letters outside the Cyrillic and Greek table."""

from __future__ import annotations

import pytest

from footprint.analyse.detect import Detector
from footprint.analyse.detect.normalise import normalise, read_past
from footprint.language import Unread, unread_in
from footprint.lookalikes import fold_lookalikes
from footprint.visible import READ_PAST


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


HIDING = [
    "\u2061",  # FUNCTION APPLICATION
    "\u2063",  # INVISIBLE SEPARATOR
    "\u2064",  # INVISIBLE PLUS
    "\u180e",  # MONGOLIAN VOWEL SEPARATOR
    "\u115f",  # HANGUL CHOSEONG FILLER
    "\u1160",  # HANGUL JUNGSEONG FILLER
    "\u3164",  # HANGUL FILLER
    "\uffa0",  # HALFWIDTH HANGUL FILLER
    "\U000e0020",  # TAG SPACE
    "\U000e007f",  # CANCEL TAG
    "\U0001d173",  # MUSICAL SYMBOL BEGIN BEAM
    "\U0001d17a",  # MUSICAL SYMBOL END PHRASE
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u202a",  # LEFT-TO-RIGHT EMBEDDING
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u2069",  # POP DIRECTIONAL ISOLATE
    "\u034f",  # COMBINING GRAPHEME JOINER
]


@pytest.mark.parametrize("char", HIDING, ids=[f"U+{ord(c):04X}" for c in HIDING])
def test_a_character_that_draws_nothing_is_read_past_and_named(detector: Detector, char: str) -> None:
    text = f"I will k{char}ill you"
    n = normalise(text)
    assert (n.norm, n.span(7, 11)) == ("i will kill you", (7, 12))
    assert n.text == text  # the text as sent is kept
    assert unread_in(text) is None  # a Hangul filler is no Hangul to translate
    found = {d.category: d for d in detector.classify(text, speaker="other").detections}
    assert sorted(found) == ["threat_to_kill", "threat_violence"]
    code = f"U+{ord(char):04X}"
    assert found["threat_to_kill"].spans == ((7, 16),)
    assert found["threat_to_kill"].details["read_past"] == [code]
    assert found["threat_to_kill"].explanation == (
        f"threat to kill: '{text[7:16]}' addressed to her, not negated (rule kill.first_person); characters"
        f" that draw nothing ({code}) inside the words were read past"
    )


def test_the_characters_read_past_are_one_list_and_an_emojis_selector_is_not_named() -> None:
    assert set(HIDING) <= READ_PAST and "\u2800" not in READ_PAST and " " not in READ_PAST
    text = "I will kill you \U0001f52a\ufe0f k\u2063i\u2063ll"
    assert read_past(text, (0, len(text))) == ("U+2063",)  # the knife's U+FE0F follows no letter
    assert read_past("I will kill you", (0, 15)) == ()


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("I'm not going to lie, I will kill you", ["threat_violence", "threat_to_kill"]),
        ("Not gonna lie I'm going to kill you", ["threat_violence", "threat_to_kill"]),
        ("ngl I'm going to kill you", ["threat_violence", "threat_to_kill"]),
        ("Don't get me wrong I will kill you", ["threat_violence", "threat_to_kill"]),
        ("Don't call the police or I will kill you", ["threat_violence", "threat_to_kill", "blackmail"]),
        ("Don't call the police. I will kill you", ["threat_violence", "threat_to_kill"]),
        ("If you don't answer I will kill you", ["threat_violence", "threat_to_kill", "blackmail"]),
        # the negator governs the threat's verb, or is carried over to it: no finding
        ("I would never hurt you", []),
        ("I'm not going to kill you", []),
        ("I will not hurt you", []),
        ("Not gonna lie, I would never hurt you", []),
        ("I don't think I will hurt you", []),
        ("I wouldn't hurt or kill you", []),
    ],
)
def test_a_negator_denies_only_the_clause_it_is_in(detector: Detector, text: str, labels: list[str]) -> None:
    assert detector.classify(text, speaker="other").labels == labels


def test_a_threat_after_a_demand_with_a_negator_is_said_not_negated(detector: Detector) -> None:
    result = detector.classify("Don't call the police or I will kill you", speaker="other")
    kill = next(d for d in result.detections if d.category == "threat_to_kill")
    assert (
        kill.explanation
        == "threat to kill: 'kill you' addressed to her, not negated (rule kill.first_person)"
    )
    assert result.suppressed == ()


@pytest.mark.parametrize(
    "kill",
    [
        "ki\u04cf\u04cf",  # Cyrillic palochka
        "KI\u04c0\u04c0",  # capital palochka
        "\u0138ill",  # kra
        "k\u0269ll",  # Latin iota
        "k\u0131ll",  # dotless i
        "kiII",  # capital I for l
        "kiIl",
    ],
)
def test_look_alike_letters_outside_the_table_are_read_as_latin(detector: Detector, kill: str) -> None:
    text = f"I will {kill} you"
    assert normalise(text).norm == "i will kill you"
    assert detector.classify(text, speaker="other").labels == ["threat_violence", "threat_to_kill"]
    assert unread_in(text) is None


def test_a_capital_i_is_read_as_l_only_where_that_makes_a_word() -> None:
    assert normalise("I will fiII it in, wiII you wait").norm == "i will fill it in, will you wait"
    assert normalise("kIll the iPhone MIlk").norm == "kill the iphone milk"


def test_turkish_keeps_its_dotless_i_for_language_detection() -> None:
    assert fold_lookalikes("hayır", latin=True) == "hayir"
    assert fold_lookalikes("hayır") == "hayır"
    assert unread_in("hayır teşekkürler seni burada nerede") == Unread("Turkish")


def test_a_word_with_a_letter_of_another_script_no_table_reads_is_named() -> None:
    assert unread_in("I will ki\u043b\u043b you") == Unread("Cyrillic script", script=True)
    assert unread_in("I will k\u0561ll you") == Unread("Armenian script", script=True)
    # one Latin letter with a Greek one is no hidden word ("Δx"); an accented Latin letter is Latin
    assert [unread_in(t) for t in ("the change Δx is small", "a café in Łódź")] == [None, None]
