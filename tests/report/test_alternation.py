"""Masking with thousands of names: the Aho–Corasick alternation finds exactly what the regular
expressions it replaced found (kept here as the reference), on a corpus made to trip it."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterator, Sequence

import pytest

from footprint.report import redact
from footprint.report.alternation import Alternation, Found, composed, fold, fold_char
from footprint.report.disclosure_rows import party_identifiers
from footprint.report.redact import CASELESS_NAME, Redactor, _written_forms
from footprint.visible import is_mark

# --- the matchers as they were (redact.py before the automaton), verbatim but for the groups that say
# which alternative matched


def _old_names(names: Sequence[str], *, text: bool) -> re.Pattern[str] | None:
    wanted = sorted(
        (n for n in names if not text or len(n) >= redact.MIN_TEXT_NAME), key=lambda n: (-len(n), n)
    )
    parts = [re.escape(n) if len(n) < CASELESS_NAME else f"(?i:{re.escape(n)})" for n in wanted]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)") if parts else None


def _old_slugs(slugs: Sequence[str]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![0-9a-z])(?:"
        + "|".join(map(re.escape, sorted(slugs, key=len, reverse=True)))
        + r")(?=_\d|[^0-9a-z]|$)",
        re.IGNORECASE,
    )


def _old_any_case(short: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in short) + r")(?!\w)", re.IGNORECASE)


def _old_ids(ids: Sequence[str]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![A-Za-z0-9])(?:"
        + "|".join(map(re.escape, sorted(ids, key=lambda i: (-len(i), i))))
        + r")(?![A-Za-z0-9])",
        re.IGNORECASE,
    )


_MARKS = re.escape("".join(chr(c) for c in range(0x110000) if is_mark(chr(c))))


class _Old:
    """An old pattern with the Alternation's interface: each alternative in a group of its own, so that
    the word it matched is known (groups change nothing of what matches)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        # a word goes on over its marks: "Shah" is not in "Shaĥ"
        self.pattern = re.compile(pattern.pattern + f"(?![{_MARKS}])", pattern.flags)
        inner = pattern.pattern[pattern.pattern.index("(?:") + 3 : pattern.pattern.rindex(")(?")]
        self.parts = _split_alternatives(inner)
        head = pattern.pattern[: pattern.pattern.index("(?:")]
        tail = pattern.pattern[pattern.pattern.rindex(")(?") + 1 :] + f"(?![{_MARKS}])"
        self.grouped = re.compile(
            head + "(?:" + "|".join(f"({p})" for p in self.parts) + ")" + tail, pattern.flags
        )
        self.words = [_unescape(p) for p in self.parts]

    def finditer(self, text: str) -> Iterator[Found]:
        """As the pattern finds in ``text`` composed (NFC), at the places as written."""
        places = composed(text)
        read = text if places is None else places.text
        spans = [m.span() for m in self.pattern.finditer(read)]
        found = [
            Found(m.start(), m.end(), self.words[(m.lastindex or 0) - 1]) for m in self.grouped.finditer(read)
        ]
        assert spans == [(f.start, f.end) for f in found]  # the groups changed nothing
        for f in found:
            yield f if places is None else Found(places.starts[f.start], places.ends[f.end], f.word)


def _split_alternatives(inner: str) -> list[str]:
    """``a|b\\|c|(?i:d)`` → ``["a", "b\\|c", "(?i:d)"]`` (escaped words, so "|" splits unless escaped)."""
    parts, current, n = [], "", 0
    while n < len(inner):
        if inner[n] == "\\":
            current += inner[n : n + 2]
            n += 2
            continue
        if inner[n] == "|":
            parts.append(current)
            current = ""
        else:
            current += inner[n]
        n += 1
    return [*parts, current]


def _unescape(part: str) -> str:
    if part.startswith("(?i:"):
        part = part[4:-1]
    return re.sub(r"\\(.)", r"\1", part, flags=re.DOTALL)


# --- a corpus made to trip it

NAMES = tuple(
    "A|B|Jo|Al|Al Jones|Tom|tom|TOM|Tommy|Tom Other|Tom Other-Smith|Alex|Alexander|Alex Suspect|Straße|STRASSE"
    "|Strasse Müller|İpek Yılmaz|Ipek|ıpek yilmaz|Kelvin Kay|\u212aelvin|ſam smith|Sam Smith|µ-meter|Zoë Brown"
    "|Zoe\u0308 Brown|O'Neil Ross|O’Neil|Jean-Luc|J.R. Smith|J.R.|@victim_example|@bo|محمد علي|שרה כהן|😀Smiley"
    "|Anna😀|Σίσυφος|ΣΊΣΥΦΟΣ|ǅemal Kovač|ﬁona fox|Fiona Fox|x_1|Jo_Ann|DŽEMAL|Ŀlewellyn|ΐΐ-name|Ω Omega|Ωmega"
    "|Tim|Tıny|Renée O.|a.b|(Bob)|Bob [x]|Priya+Shah|tab\tname|ﬅephen".split("|")
)
ACCOUNTS = tuple(
    "discord:ab@x.com|x:1234567|telegram:user12345678|whatsapp:+447700900123|discord:bob|discord:ſteve99"
    "|email:İlk@örnek.com|telegram:Kapa123456|discord:ab@x.comx|telegram:yıldız_1990".split("|")
)
# folded alike with a name, yet not that name to re ("ß" folds as "S", "ǰ" as "J")
FOLD_ALIKE = ("ßam smith", "ǰean-Luc", "ǰo", "ßtrasse Müller")
PIECES = (
    *NAMES,
    *(n.upper() for n in NAMES),
    *(n.lower() for n in NAMES),
    *(n.casefold() for n in NAMES),
    *(n.swapcase() for n in NAMES),
    *(n.title() for n in NAMES),
    *(n.replace(" ", "_") for n in NAMES),
    *(redact._slug(n) for n in NAMES),
    *(a.partition(":")[2] for a in ACCOUNTS),
    *(a.partition(":")[2].upper() for a in ACCOUNTS),
    *FOLD_ALIKE,
    *"alexsuspect_123|alexſuspect_9|ALEXSUSPECT|TİMOTHYSMITH_1|07700 900123|+44 7700 900123|photo_of_07700900123"
    "|priya.shah@example.org|12 Elm Road|SW1A 1AA|tim|TİM|tım|TIM|jo|JO|a|b|will|ẞ|ß|ss|SS|İ|ı|i|I|\u0307|K"
    "|\u212a|ſ|s|µ|μ|Μ|ς|σ|Σ".split("|"),
)
# between pieces: nothing, spaces, marks that are and are not word characters, emoji, right-to-left marks
SEPARATORS = tuple(" | ||_|-|.|,|'|\n|@|:|/|😀|\u200f|\u200b|\u0301|1|_1|a|é|ß|\u202e|«|»|\"|\t".split("|"))


def _corpus(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = [
            rng.choice(PIECES) if rng.random() < 0.6 else rng.choice(SEPARATORS)
            for _ in range(rng.randrange(1, 12))
        ]
        texts.append("".join(p + rng.choice(SEPARATORS) for p in parts))
    return texts


def _redactors() -> tuple[Redactor, Redactor]:
    """A redactor as built now, and one with the old patterns in its place."""
    keep = party_identifiers(["sms:+447700900001"], ["Jane Doe"])
    new, old = Redactor(keep, NAMES, ACCOUNTS), Redactor(keep, NAMES, ACCOUNTS)
    named = {n for n in map(redact._composed, NAMES) if n and not {n.lower(), redact._name_key(n)} & keep}
    wanted = sorted(_written_forms(named))
    old_names, old_fields = _old_names(wanted, text=True), _old_names(wanted, text=False)
    assert old_names is not None and old_fields is not None
    old._names, old._fields = _Old(old_names), _Old(old_fields)  # type: ignore[assignment]
    old._slug_pattern = _Old(_old_slugs(list(old._slugs)))  # type: ignore[assignment]
    old._any_case = _Old(_old_any_case([n for n in wanted if len(n) < CASELESS_NAME]))  # type: ignore[assignment]
    old._id_pattern = _Old(_old_ids(list(old._ids)))  # type: ignore[assignment]
    return new, old


def _every_way(r: Redactor, text: str, where: str) -> list[object]:
    """``text`` masked every way a disclosure copy masks."""
    ways: list[Callable[[], object]] = [
        lambda: r.text(text, where),
        lambda: r.names_masked(text, where),
        lambda: r.file_name(text + ".jpg", where),
        lambda: r.slugs_masked(text, where),
        lambda: r.field(text.strip(), where),
        lambda: r.field("whatsapp:" + text.strip(), where),
        lambda: r.record('{"from": "' + text[:9] + '", "text": "' + text + '"}', text, where),
        lambda: _with_offsets(r, text, where),
    ]
    return [way() for way in ways]


def _with_offsets(r: Redactor, text: str, where: str) -> tuple[str, list[int]]:
    masked, at = r.text_with_offsets(text, where)
    return masked, [at(i) for i in range(len(text) + 1)]


def test_each_matcher_finds_what_its_regular_expression_found_and_which_word() -> None:
    new, old = _redactors()
    pairs = [
        (new._names, old._names),
        (new._fields, old._fields),
        (new._slug_pattern, old._slug_pattern),
        (new._any_case, old._any_case),
        (new._id_pattern, old._id_pattern),
    ]
    texts = _corpus(1, 1500) + list(PIECES)
    hits = 0
    for mine, theirs in pairs:
        assert isinstance(mine, Alternation) and isinstance(theirs, _Old)
        for text in texts:
            expected = list(theirs.finditer(text))
            assert list(mine.finditer(text)) == expected, text
            hits += len(expected)
    assert hits > 5000  # the corpus does find names, slugs and ids
    assert not [text for text in FOLD_ALIKE for found in new._names.finditer(text)]


def test_a_redactor_masks_exactly_as_with_the_regular_expressions() -> None:
    """Every way a disclosure copy masks, on the same inputs in the same order: the same output, masks,
    log, offsets and names left in text."""
    new, old = _redactors()
    for n, text in enumerate(_corpus(2, 600)):
        assert _every_way(new, text, f"t{n}") == _every_way(old, text, f"t{n}"), text
    assert new.log == old.log and new.masks == old.masks and new.left_in_text() == old.left_in_text()
    assert len(new.log) > 5000


def test_a_fold_keeps_together_every_character_re_takes_for_another_ignoring_case() -> None:
    """What makes the automaton miss nothing: ``re`` matches a character ignoring case when the
    character's lower case (``_sre.unicode_tolower``) is the pattern's or one of its extra cases
    (``re._casefix``); every such pair has one fold, over the whole of Unicode."""
    _sre = pytest.importorskip("_sre")
    casefix = pytest.importorskip("re._casefix")
    tolower = _sre.unicode_tolower
    assert not [
        cp for cp in range(0x110000) if (lo := tolower(cp)) != cp and fold_char(chr(cp)) != fold_char(chr(lo))
    ]
    extra = casefix._EXTRA_CASES
    assert extra and not [
        lo for lo, more in extra.items() if len({fold_char(chr(c)) for c in (lo, *more)}) > 1
    ]
    for text in ("Plain ASCII, 12", "STRAẞE İpek ıi ſ \u212a ǅ 😀 ﬁ ŉ ΐ", "محمد שרה"):
        assert fold(text) == "".join(map(fold_char, text)) and len(fold(text)) == len(text)


def test_letters_whose_case_changes_length_keep_every_offset() -> None:
    """``ß`` upper-cases to two letters and ``İ`` lower-cases to two: a fold is one, so a mask lands
    where the name was and evidence offsets after it move by exactly the difference."""
    r = Redactor(frozenset(), ("Straße Müller", "İpek Yılmaz", "Tom"))
    text = "ẞ STRAẞE MÜLLER, İPEK YILMAZ 😀 and Tom."
    masked, at = r.text_with_offsets(text, "t")
    assert masked == "ẞ [NAME-1], [NAME-2] 😀 and [NAME-3]."
    assert [e.value for e in r.log] == ["STRAẞE MÜLLER", "İPEK YILMAZ", "Tom"]
    assert masked[at(text.index("😀")) :] == "😀 and [NAME-3]."
    assert masked[at(text.index(" and")) : at(text.index("Tom"))] == " and "
    assert r.text("STRASSE MÜLLER is not her", "t") == "STRASSE MÜLLER is not her"  # not the same length
    assert fold("Straße") == "STRASE" and fold("İpek") == "IPEK"


def test_five_thousand_names_over_a_long_text_read_at_once() -> None:
    """5,000 names over 60,000 words: the regular expression tried each name at each word (3 s here,
    most of the 7 minutes bench/redaction.py took); the automaton reads the text once (0.07 s)."""
    names = tuple(f"Person{n} Other" for n in range(5000))
    r = Redactor(frozenset(), names)
    text = " ".join(["call me now", "person4999 other", "stop it"] * 10_000)
    start = time.process_time()
    assert r.text(text, "t") == " ".join(["call me now", "[NAME-1]", "stop it"] * 10_000)
    assert time.process_time() - start < 1.0


def test_a_text_read_again_is_masked_logged_and_counted_again() -> None:
    """What a short text holds is found once and kept; each reading is still masked, logged where it is
    and its short names left in text counted."""
    r = Redactor(frozenset(), ("Tom", "Tom Other"), ("whatsapp:+447700900123",))
    for where in ("a", "b"):
        assert r.text("TOM said +447700900123, Tom Other", where) == "TOM said [PHONE-1], [NAME-1]"
        assert r.field("whatsapp:+447700900123", where) == "whatsapp:[PHONE-1]"
    assert [(e.mask, e.where) for e in r.log] == [
        ("[PHONE-1]", "a"), ("[NAME-1]", "a"), ("[PHONE-1]", "a"),
        ("[PHONE-1]", "b"), ("[NAME-1]", "b"), ("[PHONE-1]", "b"),
    ]  # fmt: skip
    assert r.left == {"Tom": (2, "a")}  # "TOM" twice, first in "a"
