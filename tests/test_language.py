"""A message's language is guessed from its alphabet only when the letters leave no doubt (WCAG 3.1.2)."""

from __future__ import annotations

import pytest

from footprint.language import (
    READ,
    Unread,
    lang_attribute,
    language_in,
    message_language,
    script_language,
    unread_in,
)

LANGUAGES = [
    ("Καλημέρα, πού είσαι;", "el"),
    ("مرحبا كيف حالك", "ar"),
    ("Привет, ты где? Это я", "ru"),
    ("Привіт, де ти є? Це я", "uk"),
    ("שלום מה נשמע", "he"),
    ("שלום, אני יודע איפה את", "he"),
    ("こんにちは、元気ですか", "ja"),
    ("今日は元気ですか", "ja"),
    ("안녕하세요 잘 지내요", "ko"),
    ("ਸਤ ਸ੍ਰੀ ਅਕਾਲ", "pa"),
    ("გამარჯობა", "ka"),
    # not sure: Latin letters, Persian's or Urdu's letters beside Arabic's or none of Arabic's own, Yiddish,
    # Cyrillic without Russian's or Ukrainian's own letters (or with another language's), Han without kana,
    # Devanagari, mostly English with a foreign word, too few letters
    ("I will find you tonight", None),
    ("It’s over 👍", None),  # non-ASCII, but no letter of another script
    ("Zażółć gęślą jaźń", None),
    ("Cześć, gdzie jesteś?", None),
    ("سلام، حال شما چطور است؟", None),
    ("سلام، چطوری؟", None),
    ("سلام", None),  # Persian as much as Arabic: none of Arabic's own yeh, kaf, alef maksura or teh marbuta
    ("میں تمہیں ڈھونڈ لوں گا", None),
    ("גוט מאָרגן, ײַ", None),
    ("Я тебя найду сегодня", None),  # Russian, Ukrainian, Bulgarian ...: no letter of one alone
    ("Здравей, как си", None),
    ("Ти си ѕвезда, ты", None),  # Russian's ы beside Macedonian's ѕ
    ("你好吗", None),
    ("नमस्ते", None),
    ("ok حبيبي see you at eight tonight", None),
    ("ok then Κα", None),
    ("12:30 !!", None),
    ("Σε", None),
]


@pytest.mark.parametrize(("text", "lang"), LANGUAGES)
def test_a_language_is_given_only_when_its_alphabet_is_sure(text: str, lang: str | None) -> None:
    assert script_language(text) == lang


def test_a_long_message_is_read_only_to_its_beginning_and_the_attribute_is_markup() -> None:
    greek_then_english = "Καλημέρα " * (READ // 9 + 1) + "see you " * 5_000
    assert script_language(greek_then_english) == "el"
    assert script_language("see you " * (READ // 8 + 1) + "Καλημέρα " * 5_000) is None
    assert str(lang_attribute("Καλημέρα")) == ' lang="el"'
    assert str(lang_attribute("hello")) == ""


def test_latin_alphabet_languages_by_their_commonest_words() -> None:
    # "te voy a matar" (I'm going to kill you) had been read as English and silently given no finding
    assert [
        message_language(t)
        for t in (
            "sé dónde vives",
            "te voy a matar",
            "je vais te tuer",
            "ich bring dich um wenn du zur polizei gehst",
            "zabiję cię jak pójdziesz na policję",
            "vou te matar",
            "ti ammazzo se vai dalla polizia",
            "seni öldürürüm",
            "Я тебя убью, ты это знаешь",
        )
    ] == ["es", "es", "fr", "de", "pl", "pt", "it", "tr", "ru"]


def test_english_is_not_taken_for_another_language() -> None:
    english = (
        "I know where you are now. 14 Rosebank Close, Leeds",
        "you better watch yourself, I will kill you if you go to the police",
        "the kids go to St Mary's Primary on Otley Rd, I'll be at the gates",
        "ya der dem hoes lol",  # slang that is also a word of another language's list
        "love it w/ soft soles http://t.co/PrrskknqRv #porn",  # a link's "co", "w/" for with
        "no",
        "",
    )
    assert [message_language(t) for t in english] == [None] * len(english)


UNREAD = [
    # the review of other languages (defect 1): all four had been read as English, so unread unsaid
    ("我要杀了你，贱人", "Han script"),  # I will kill you, bitch (Chinese or Japanese: Han alone)
    ("मैं तुम्हें मार डालूँगा कुतिया", "Devanagari script"),  # Hindi, Marathi or Nepali
    ("আমি তোমাকে মেরে ফেলব", "Bengali script"),  # Bengali or Assamese
    ("میں تمہیں مار دوں گا، کل رات 8 بجے", "Arabic script"),  # Urdu: no letter Arabic alone writes
    ("ਮੈਂ ਤੈਨੂੰ ਮਾਰ ਦਿਆਂਗਾ 𝕀 𝕨𝕚𝕝𝕝 𝕜𝕚𝕝𝕝 𝕪𝕠𝕦", "Gurmukhi script"),  # mixed with mathematical letters
    ("Я тебя найду сегодня", "Cyrillic script"),  # Russian, Ukrainian, Bulgarian ...: not told
    ("I know what you did, 我要杀了你", "Han script"),  # one clause of another script
    ("I will kill you 我要杀了你", "Han script"),  # a third of the letters
]


@pytest.mark.parametrize(("text", "script"), UNREAD)
def test_a_script_detection_does_not_read_is_named_when_its_language_cannot_be_told(
    text: str, script: str
) -> None:
    assert language_in(text) is None  # the language is not told ...
    assert str(lang_attribute(text)) == ""  # ... so no HTML lang is guessed, as before ...
    assert unread_in(text) == Unread(script, script=True)  # ... but the message is not read
    assert unread_in(text).phrase == f"in {script}"  # type: ignore[union-attr]


def test_what_detection_reads_or_names_by_its_language_is_not_named_by_its_script() -> None:
    assert [unread_in(t) for t in ("Καλημέρα, πού είσαι;", "te voy a matar", "今日は元気ですか")] == [
        Unread("Greek"),
        Unread("Spanish"),
        Unread("Japanese"),
    ]
    assert Unread("Spanish").phrase == "like Spanish"
    english = (
        "I will kill you",
        "ok حبيبي see you at eight tonight",  # an Arabic word of endearment among English
        "ok then Κα",  # too few letters
        "I will ｋｉｌｌ ｙｏｕ",  # fullwidth Latin letters are Latin
        "𝕀 𝕨𝕚𝕝𝕝 𝕜𝕚𝕝𝕝 𝕪𝕠𝕦",  # so are mathematical ones
        "café, naïve, Zoë ✌🏽 👨‍👩‍👧",
        "",
    )
    assert [unread_in(t) for t in english] == [None] * len(english)


def test_welsh_is_welsh_not_italian() -> None:
    # Welsh threats were labelled "Italian" ("ti", "di", "mi" are Italian words too)
    welsh = (
        "Dw i'n gwybod ble rwyt ti'n byw. Mi wna i dy ladd di. Paid â mynd i'r dŵr ger y tŷ",
        "Ti ladd di, ast. Dw i'n dy weld ti ŵyr",
        "Rwy'n mynd i dy ladd di",
        "Dydw i ddim yn dy garu di",
        "Wyt ti'n dod adre heno?",
        "bore da, sut wyt ti",
    )
    assert [message_language(t) for t in welsh] == ["cy"] * len(welsh)
    assert unread_in(welsh[0]) == Unread("Welsh")
    italian = (
        "ti ammazzo se vai dalla polizia",
        "ti voglio bene, ci vediamo domani",
        "non ti lascerò mai in pace, ti ammazzo",
        "addio, non chiamarmi più",  # "dd" alone is no sign of Welsh
        "quello che hai fatto è terribile",
    )
    assert [message_language(t) for t in italian] == ["it"] * len(italian)
    # English words with Welsh's "dd" or "wy", and a Welsh place name, are English
    english = ("my daddy added the lawyer's address", "we're in Llandudno till Sunday", "I'm going to Bangor")
    assert [message_language(t) for t in english] == [None] * len(english)


def test_look_alike_letters_detection_reads_and_a_name_amid_english_are_not_named() -> None:
    # English in Cyrillic look-alikes (і, у, о) and a Greek or Cyrillic name in an English line were
    # named "not read" though detection read them (new-code review 4, defect 9)
    read = (
        "І wіll kіll уоu",  # І, і, у, о Cyrillic: folded to Latin in words with Latin letters
        "I will kіll уоu bіtch",
        "I will kill you (name: Ελένη)",
        "I will kill you, Σοφία",
        "I will kill you Мария",
        "I will kill you Мария Иванова",  # a full name: two words
    )
    assert [unread_in(t) for t in read] == [None] * len(read)
    unread = {
        "Θα σε σκοτώσω αύριο": Unread("Greek"),  # a Greek sentence
        "I know where you live. Θα σε σκοτώσω": Unread("Greek"),  # a Greek clause
        "Я тебя убью, сука": Unread("Cyrillic script", script=True),  # Russian without ы or э
        "Ты покойник": Unread("Russian"),
        "тебе конец I will kill you bitch you will die": Unread("Cyrillic script", script=True),  # not a name
        "I will kill you Мария Ивановна Петрова": Unread("Cyrillic script", script=True),  # three words
        "I will kill you. Убью Марию": Unread("Cyrillic script", script=True),  # a sentence, not a name
        "Мария I will kill you": Unread("Cyrillic script", script=True),  # opening the message
        "Ι ωιλλ κιλλ υου": Unread("Greek"),  # look-alikes with no Latin letter: not folded, not read
        "I will kill you 王伟明先生": Unread("Han script", script=True),  # no capitals in Han: no name told
    }
    assert {t: unread_in(t) for t in unread} == unread
