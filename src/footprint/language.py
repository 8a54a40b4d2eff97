"""A message's language, guessed offline from its alphabet, for the ``lang`` attributes of the report and
the review app.

Items store no language (no parser records one and no analyser detects one), so a screen reader read every
message as English, the page's language: Greek in English sounds (WCAG 2.2 SC 3.1.2). The guess is made
only where the letters leave no doubt: nearly all of them (``SHARE``) in a script that one language alone
writes among those likely in a case (Greek, Hebrew, Georgian, Armenian, Thai, Korean, the scripts of
several Indian languages; kana among Han characters is Japanese), or Arabic script holding letters that
Arabic writes and Persian, Urdu and Pashto do not; Cyrillic is Russian only with Russian's own letters (ы,
э) and none of another language's, Ukrainian only with Ukrainian's own (ї, є, ґ) and none of another's.
Text in the Latin alphabet, Cyrillic without those letters, Han
characters alone (Chinese or Japanese), Devanagari (Hindi, Marathi, Nepali) and Bengali script (Bengali,
Assamese) gets no guess, nor does text with too few letters: the attribute is left out, never guessed wrong.

Whether detection (English only) can read a message is another question (``unread_in``): a message whose
language is not told but whose letters are largely in another script is not read either, and is named by
its script ("Han script").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from footprint.lookalikes import fold_lookalikes
from footprint.visible import READ_PAST

# Share of a text's letters that must be in one script, and the fewest letters, for a guess.
SHARE = 0.8
MIN_LETTERS = 3
#: the characters read of a long message (an e-mail's body): its beginning says its alphabet
READ = 2000

# (first, last, script) code point blocks, sorted; a script named here by a BCP 47 tag is that language's.
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x04FF, "cyrillic"),
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0A00, 0x0A7F, "pa"),  # Gurmukhi
    (0x0A80, 0x0AFF, "gu"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0C00, 0x0C7F, "te"),
    (0x0C80, 0x0CFF, "kn"),
    (0x0D00, 0x0D7F, "ml"),
    (0x0D80, 0x0DFF, "si"),
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x10A0, 0x10FF, "ka"),
    (0x1100, 0x11FF, "ko"),  # Hangul jamo
    (0x1780, 0x17FF, "km"),
    (0x1F00, 0x1FFF, "el"),  # Greek with accents
    (0x3040, 0x30FF, "ja"),  # hiragana and katakana
    (0x3130, 0x318F, "ko"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "ko"),  # Hangul syllables
)
_STARTS = [b[0] for b in _BLOCKS]
# a letter (not a digit, mark or stop), and a letter of those blocks: text with fewer than MIN_LETTERS of
# these (English with a curly quote or an emoji, the common case) is passed over at once
_LETTER = re.compile(r"[^\W\d_]")
_BLOCK_LETTER = re.compile(r"(?=[^\W\d_])[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b, _ in _BLOCKS) + "]")
# Letters of Persian, Urdu and Pashto (and Kurdish, Sindhi and others) that Arabic does not write ...
_NOT_ARABIC = frozenset("پچژگکیۀٹڈڑںےھۓټډړښږځڅڼۍېڤڕۆێۇۋڵ")
# ... and letters Arabic writes that Persian and Urdu spell otherwise (yeh, kaf, alef maksura, teh marbuta).
_ARABIC = frozenset("يكىة")
# Cyrillic: Russian's own letters, and letters of other languages Russian lacks (Belarusian ў, Ukrainian
# і ї є ґ, Serbian and Macedonian ј љ њ ћ ђ џ ѓ ќ ѕ, Kazakh, Tatar, Mongolian and others' ә ғ қ ң ө ұ ү һ …);
# Ukrainian's own, and letters Ukrainian lacks
_RUSSIAN = frozenset("ыэЫЭ")
_NOT_RUSSIAN = frozenset("іїєґўјљњћђџѓќѕәғқңөұүһҗҙҫӑӗӳІЇЄҐЎЈЉЊЋЂЏЃЌЅ")
_UKRAINIAN = frozenset("їєґЇЄҐ")
_NOT_UKRAINIAN = frozenset("ыэъёўјљњћђџѓќѕәғқңөұүһҗҙҫӑӗӳЫЭЪЁЎЈЉЊЋЂЏЃЌЅ")
# Yiddish's digraphs: Hebrew script without them is Hebrew.
_YIDDISH = frozenset("װױײ")


def _script(char: str) -> str | None:
    code = ord(char)
    at = bisect_right(_STARTS, code) - 1
    if at >= 0 and code <= _BLOCKS[at][1]:
        return _BLOCKS[at][2]
    return None


def script_language(text: str) -> str | None:
    """The BCP 47 tag of the language ``text`` is written in, when its letters show it beyond doubt
    (``"el"``, ``"ar"``, ``"he"``), else None: English, text in an alphabet several languages share, mixed
    text, or too few letters."""
    text = text[:READ]
    if text.isascii():
        return None
    found = _BLOCK_LETTER.findall(text)
    if len(found) < MIN_LETTERS:
        return None
    letters = len(_LETTER.findall(text))
    counts: Counter[str | None] = Counter({None: letters - len(found)})
    for char, n in Counter(found).items():  # each distinct letter once
        counts[_script(char)] += n
    kana = counts.get("ja", 0)
    if kana and kana + counts.get("han", 0) >= SHARE * letters:
        return "ja"  # kana among the Han characters: Japanese (Chinese writes no kana)
    script, count = max(counts.items(), key=lambda kv: kv[1])
    if script in (None, "han") or count < SHARE * letters:
        return None
    if script == "arabic":
        chars = set(text)
        return "ar" if chars & _ARABIC and not chars & _NOT_ARABIC else None
    if script == "hebrew":
        return None if set(text) & _YIDDISH else "he"
    if script == "cyrillic":
        chars = set(text)
        if chars & _RUSSIAN and not chars & _NOT_RUSSIAN:
            return "ru"
        return "uk" if chars & _UKRAINIAN and not chars & _NOT_UKRAINIAN else None
    return script


def lang_attribute(text: str) -> Markup:
    """`` lang="el"`` for the element showing message ``text`` when its alphabet shows its language, else
    nothing."""
    tag = script_language(text)
    return Markup(f' lang="{tag}"') if tag else Markup("")


# -- Latin-alphabet languages, by their commonest words -------------------------------------------------
# The alphabet cannot tell Spanish from English; their commonest short words can. Each list holds frequent
# function words, pronouns and verb forms of one language that English does not use as words (no "a",
# "no", "me", "he", "die", "son", "come", "con", "sin", "pan", "um", "do", "ten", "will", "also", "war").
# A message looks like a language when at least LATIN_HITS different words of its list appear and more of
# them than of ENGLISH's; the measured false-alarm rate on English is in docs/detection.md.
LATIN_HITS = 2
_LATIN_WORDS = {
    "es": "que de la el en y los se del las un por una su para es al lo como más pero sus le ya este sí"
    " porque esta cuando muy sin también hasta hay donde dónde quien desde todo nos todos les ni ese eso esto"
    " mí qué yo otro él esa nada ella mi mis tú te ti tu tus voy vas va vamos estoy eres soy tengo tienes"
    " estás puedo quiero sé sabes déjame dejame aquí ahora hola gracias bien nunca siempre vives contigo",
    "pt": "que de não o os um uma para é com por mais mas foi ao ele das tem à seu sua ou ser quando muito"
    " nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me"
    " esse eles você vocês essa num nem suas meu minha teu tua numa pelos elas qual nós lhe deles essas"
    " esses pelas este dele tu te vou estou sou tenho aqui agora obrigado obrigada onde",
    "fr": "le la les de des du un une et est je tu il elle nous vous ils elles que qui ne pas ce cette ces"
    " mon ton son ma ta sa mes tes ses au aux avec pour dans sur mais ou où donc oui non moi toi lui leur"
    " suis es sommes êtes sont ai as avons avez ont vais va fait être avoir très bien merci bonjour ça"
    " c'est j'ai",
    "it": "il lo la gli le di del della che è e un una per non con mi ti si ci sono sei siamo ho hai ha"
    " abbiamo questo questa quello quella io tu lui lei noi voi loro mio mia tuo tua suo sua ma perché"
    " come più anche sempre mai dove quando cosa grazie ciao bene voglio vuoi posso puoi vai dalla dal alla"
    " nel nella sul sulla della delle degli ammazzo",
    "de": "der die das und ist ich du er sie es wir ihr nicht ein eine einen dem den des mit von zu auf für"
    " sich auch auch noch nur wie aber wenn dann doch schon mich dich mir dir sein bin bist sind hast hat"
    " haben wird werden kann will was wer wo warum hier jetzt immer nie danke bitte ja nein",
    "nl": "de het een en van ik je jij u hij zij wij jullie niet dat dit wat wie waar waarom is ben bent"
    " zijn heb hebt heeft hebben met voor op aan maar ook nog al dan als mij jou hem haar ons mijn jouw"
    " zijn geen wel nu hier daar altijd nooit dank alsjeblieft ja nee",
    "pl": "nie się że jest to na w z do jak ale co tak ja ty on ona my wy oni mnie cię ciebie mi tobie jego"
    " jej ich mój moja twój twoja jestem jesteś są był była będzie mam masz ma może tylko już tu tam kiedy"
    " gdzie dlaczego bo czy dziękuję proszę tak nigdy zawsze zabiję",
    "ro": "și în să că nu pe cu la de un o este sunt eu tu el ea noi voi ei ele mă te îl îi ne vă le mai"
    " dar ce cine unde când pentru fără foarte acum aici acolo am ai are avem aveți au vreau poți pot"
    " mulțumesc bine niciodată mereu",
    "tr": "bir ve bu da de ne ben sen o biz siz onlar beni seni onu bana sana için ile değil çok daha"
    " gibi ama mı mi mu mü var yok ki şey şimdi burada nerede neden nasıl evet hayır teşekkürler seni"
    " öldürürüm",
    # Welsh: with its letters ŵ and ŷ, and once one of these words is there, words with its "dd" or "wy"
    # (not "dim", "bod", "pam", "beth", "hon", "eu", "ac": English words, names and abbreviations)
    "cy": "yn dy fy ei ein eich ti chi fi di mi mae oedd wedi ddim ond neu gyda efo ar ag dw dwi rwy rwyt"
    " wyt ydw ydy ydi ydych wna wnaf wnei gwneud mynd dod isio eisiau moyn gwybod lladd ladd ble pwy sut"
    " byw iawn diolch hefyd rŵan nawr heddiw yfory cariad ast chdi nhw ni hyn hwn yma yna paid i'n ti'n"
    " fi'n mi'n chi'n dw'n hi'n fe'n wrth dros rhaid gallu hwnna",
}
_ENGLISH = frozenset(
    "the and to of a in is it you that he was for on are with as i his they be at one have this from or"
    " had by not but what all were we when your can said there use an each which she do how their if"
    " will up other about out many then them these so some her would make like him into has look two more"
    " go see no could my than been who its now me just dont im youre ur u".split()
)
LANGUAGE_NAMES = {
    "es": "Spanish", "pt": "Portuguese", "fr": "French", "it": "Italian", "de": "German", "nl": "Dutch",
    "pl": "Polish", "ro": "Romanian", "tr": "Turkish", "el": "Greek", "ar": "Arabic", "he": "Hebrew",
    "ru": "Russian", "uk": "Ukrainian", "ja": "Japanese", "ko": "Korean", "th": "Thai", "hy": "Armenian",
    "ka": "Georgian", "pa": "Punjabi", "gu": "Gujarati", "ta": "Tamil", "te": "Telugu", "kn": "Kannada",
    "ml": "Malayalam", "si": "Sinhala", "lo": "Lao", "km": "Khmer", "cy": "Welsh",
}  # fmt: skip
# English slang that is also a word of a list ("ho", "ya", "dem", "der" for "there")
_SLANG = frozenset("ho io ya dem der yo da na ma ne".split())
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _tag, _words in _LATIN_WORDS.items():
    for _word in set(_words.split()) - _ENGLISH - _SLANG:
        if len(_word) > 1:  # "y", "e", "o", "w", "z": initials, "w/" for "with"
            _WORD_LANGS[_word] = (*_WORD_LANGS.get(_word, ()), _tag)
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_NOT_WORDS = re.compile(r"\S*(?:https?:|www\.|@|#|&)\S*")  # links, handles, tags, HTML entities
#: the characters of a message read for its words
LATIN_READ = 500
# Welsh's own letters, and letter pairs Welsh writes often ("ddim", "lladd", "rwyt", "gwybod")
_WELSH_LETTERS = frozenset("ŵŷ")
_WELSH_PAIRS = re.compile(r"dd|wy")


#: where a message's clauses part: punctuation, a line break, a dash between spaces
_CLAUSES = re.compile(r"[,.;:!?…\n]+|\s[-–—]\s")
CLAUSE_WORDS = 3  # the fewest words a clause is read for on its own


def language_in(text: str) -> str | None:
    """The tag of a language other than English that ``text``, or one of its clauses of CLAUSE_WORDS or
    more words, looks written in ("I know what you did, te voy a matar puta": Spanish), else None."""
    whole = message_language(text)
    read = _NOT_WORDS.sub(" ", text[:LATIN_READ])  # before parting: a link's dots part no clauses
    if whole is not None or not _CLAUSES.search(read):
        return whole
    for clause in _CLAUSES.split(read):
        if len(_LATIN_WORD.findall(clause)) >= CLAUSE_WORDS and (tag := message_language(clause)):
            return tag
    return None


# -- what detection cannot read -----------------------------------------------------------------------
# ``language_in`` names a language only when sure (Han characters may be Chinese or Japanese, Arabic
# script Arabic, Urdu or Persian); detection reads English only, so a message mostly in another script is
# unread whatever its language: its script is named instead.
#: share of a message's letters outside the Latin alphabet that makes it unread (a clause: SHARE)
UNREAD_SHARE = 0.25
#: at most this many words of another script, each written as a name is (a capital letter, then small
#: ones), amid at least CLAUSE_WORDS words in the Latin alphabet, are a name ("I will kill you, Σοφία")
NAME_WORDS = 2
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# the scripts named otherwise than by the first word of their letters' Unicode names
_SCRIPT_NAMES = {"CJK": "Han"}


@dataclass(frozen=True, order=True)
class Unread:
    """What detection cannot read in a message: a language ("Spanish") or, where the language cannot be
    told, a script ("Han script")."""

    name: str
    script: bool = False

    @property
    def phrase(self) -> str:
        """ "like Spanish", "in Han script"."""
        return f"in {self.name}" if self.script else f"like {self.name}"


def unread_in(text: str) -> Unread | None:
    """The language other than English that ``text`` or one of its clauses looks written in
    (``language_in``) or else the script other than Latin that UNREAD_SHARE of its letters (or SHARE of
    one clause's) are in: what detection, which reads English only, does not read; None for text that
    looks English. Look-alike letters that detection reads as Latin ones (``fold_lookalikes``: "kіll"
    with a Cyrillic і) count as Latin."""
    tag = language_in(text if text.isascii() else fold_lookalikes(text.lower()))
    if tag is not None:
        return Unread(LANGUAGE_NAMES.get(tag, tag))
    script = other_script(text)
    return Unread(f"{script} script", script=True) if script else None


def other_script(text: str) -> str | None:
    """The script other than Latin ("Han", "Devanagari", "Arabic") that at least UNREAD_SHARE of
    ``text``'s letters, or SHARE of one of its clauses', are written in, else None; look-alike letters
    that detection reads as Latin count as Latin, and a name amid English (``_a_name``) is not counted."""
    text = text[:READ]
    if text.isascii():
        return None
    read = fold_lookalikes(text.lower())
    found = _mostly_in(read, UNREAD_SHARE)
    if found is None and _CLAUSES.search(read):
        found = next((s for c in _CLAUSES.split(read) if (s := _mostly_in(c, SHARE))), None)
    if found is None:
        return _mixed_in(read)
    return None if _a_name(text) else found


def _mixed_in(read: str) -> str | None:
    """The script of a letter from another script that no look-alike table reads as Latin, inside a word
    with at least two letters of the Latin alphabet ("kiлл"): detection did not read that word, so the
    message is named (content review 5, defect 4), whatever share of its letters that script has."""
    for m in _WORD.finditer(read):
        word = m.group(0)
        if word.isascii() or len(_ASCII_LETTER.findall(word)) < 2:
            continue
        script = next((s for c in word if c.isalpha() and (s := _letter_script(c))), None)
        if script is not None:
            return script
    return None


def _a_name(text: str) -> bool:
    """Whether ``text``'s only words in a script other than Latin are one to NAME_WORDS words each written
    as a name is (a capital, then small letters: "Ελένη", "Мария"), not opening the message or a sentence,
    amid at least CLAUSE_WORDS words in the Latin alphabet: a name in English text, which detection read.
    Scripts without capitals (Han, Arabic) never show a name."""
    words = list(_WORD.finditer(text))
    other = [m for m in words if not _ASCII_LETTER.search(m[0]) and any(map(_letter_script, m[0]))]
    return (
        0 < len(other) <= NAME_WORDS
        and len(words) - len(other) >= CLAUSE_WORDS
        and all(m[0][0].isupper() and m[0][1:].islower() for m in other)
        and text[: other[0].start()].rstrip()[-1:] not in ("", ".", "!", "?", "\n")
    )


def _mostly_in(text: str, share: float) -> str | None:
    """The commonest script other than Latin of ``text``'s letters when ``share`` of them (and at least
    MIN_LETTERS) are in such scripts."""
    letters = Counter(_LETTER.findall(text))
    counts: Counter[str] = Counter()
    for char, n in letters.items():
        if (script := _letter_script(char)) is not None:
            counts[script] += n
    other = counts.total()
    if other < MIN_LETTERS or other < share * letters.total():
        return None
    return counts.most_common(1)[0][0]


@lru_cache(maxsize=4096)
def _letter_script(char: str) -> str | None:
    """The script of letter ``char`` by its Unicode name ("Han", "Devanagari"), or None for a letter of
    the Latin alphabet, a form of one (fullwidth, mathematical, circled letters fold to it) and a
    modifier letter; None too for a letter that draws nothing (a Hangul filler: ``READ_PAST``)."""
    if char in READ_PAST:
        return None
    folded = unicodedata.normalize("NFKC", char)[:1] or char
    name = unicodedata.name(folded, "")
    if not name or name.startswith("LATIN ") or folded.isascii() or unicodedata.category(char) == "Lm":
        return None
    word = name.split()[0]
    return _SCRIPT_NAMES.get(word, word.title())


def message_language(text: str) -> str | None:
    """The BCP 47 tag of a language other than English that ``text`` looks written in, else None: by its
    alphabet (``script_language``), or for the Latin alphabet by its commonest words."""
    script = script_language(text)
    if script is not None:
        return script
    read = text[:LATIN_READ].lower()
    read = read if read.isascii() else unicodedata.normalize("NFC", read)  # "do\u0301nde" is "dónde"
    words = set(_LATIN_WORD.findall(_NOT_WORDS.sub(" ", read)))
    hits: Counter[str] = Counter(tag for w in words for tag in _WORD_LANGS.get(w, ()))
    if hits["cy"] or _WELSH_LETTERS.intersection(read):
        hits["cy"] += _welsh_spellings(words, hits["cy"])
    if not +hits:
        return None
    tag, count = hits.most_common(1)[0]
    tied = sum(1 for n in hits.values() if n == count) > 1
    if count < LATIN_HITS or tied or count <= len(words & _ENGLISH):
        return None
    return tag


def _welsh_spellings(words: set[str], listed: int) -> int:
    """How many of ``words`` (outside the lists) are spelt as Welsh: each with ŵ or ŷ and, once Welsh has
    another sign (``listed`` words of its list, or such a letter), each with "dd" or "wy", which English
    writes too ("add", "lawyer") and so never counts alone."""
    unlisted = [w for w in words if w not in _WORD_LANGS and w not in _ENGLISH]
    letters = sum(1 for w in unlisted if _WELSH_LETTERS.intersection(w))
    if not listed and not letters:
        return 0
    return letters + sum(1 for w in unlisted if not _WELSH_LETTERS.intersection(w) and _WELSH_PAIRS.search(w))
