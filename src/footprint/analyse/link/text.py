"""Reading message text for linkage: identifiers, masking, tags, self-references and names."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rapidfuzz.distance import JaroWinkler, Levenshtein

from footprint.ingest.phones import e164

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")
MENTION = re.compile(r"(?<![\w@])@\w{1,30}")
HASHTAG = re.compile(r"(?<![\w#])#\w{1,80}")
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d \t\-().]{7,16}\d(?!\w)")

# One private-use code point per masked kind: the n-grams see "a link was here", not the link.
MASKS = {"url": "\ue000", "email": "\ue001", "mention": "\ue002", "hashtag": "\ue003", "phone": "\ue004"}

TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|igshid|si|s|t|ref|ref_src|ref_url|mc_\w+|_hs\w+)$")

SELF_REFERENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("it's me again", re.compile(r"\b(it'?s|it is) (me|still me) again\b", re.IGNORECASE)),
    ("it's me", re.compile(r"^\W*(it'?s|it is) me\b(?! again)", re.IGNORECASE)),
    ("new number", re.compile(r"\bnew (phone )?(number|no\.?|phone|sim)\b", re.IGNORECASE)),
    ("new account", re.compile(r"\bnew (account|profile|page|insta|snap|handle)\b", re.IGNORECASE)),
    ("other account", re.compile(r"\b(other|old|last) (account|number|profile)\b", re.IGNORECASE)),
    ("can't block me", re.compile(r"\b(can'?t|cannot|won'?t) block me\b", re.IGNORECASE)),
    ("you blocked me", re.compile(r"\byou (blocked|deleted) me\b", re.IGNORECASE)),
    ("unblock me", re.compile(r"\bunblock me\b", re.IGNORECASE)),
)

#: the phrases that say "new" or "other" of an account: the writer's own only when nothing but "my", the
#: start of a clause or "I've got a" comes before ("your new number" is about her, "my sister has a new
#: account" about the sister)
_OWNED = frozenset({"new number", "new account", "other account"})
_OWN_BEFORE = re.compile(
    r"(?:^|[.!?,;:\n]\s*|\bmy\s+"
    r"|\b(?:i'?ve got|ive got|i got|i have|i made|i'?ve made|got|made|this is|here'?s|it'?s)\s+(?:a|my)\s+)$",
    re.IGNORECASE,
)
#: ... and only in a statement that the writer has it: not in a question ("got a new number?"), not where
#: the clause denies or withholds it ("my new number is none of your business", "you're not getting my
#: new number"), and not where someone else has it ("you've got a new number", "he got a new phone")
_CLAUSE_EDGE = re.compile(r"[,.!?;:\n]")
_DENIED = re.compile(
    r"\b(?:not|no|none|never|nobody|nothing|don'?t|doesn'?t|didn'?t|won'?t|wont|can'?t|cant|cannot|isn'?t"
    r"|aren'?t|ain'?t|wouldn'?t|shouldn'?t|stop|quit)\b|n't\b",
    re.IGNORECASE,
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:you|u|ya|he|she|they|we|someone|somebody|\w+'s)(?:'ve|'s|\s+have|\s+has|\s+had)?\s+(?:got|made|have|has)\b",
    re.IGNORECASE,
)
MAYBE_SELF = re.compile(r"again|new|other|old|last|block|it'?s me|it is me", re.IGNORECASE)
_MAYBE_PHONE = re.compile(r"\d\d\d")
_GROUP_END = re.compile(r"\d(?=[ \t\-().]+\d)")  # a digit group's end, where a shorter number could end
_GROUP_START = re.compile(
    r"(?<=[ \t])(?:\+|00)?\d"
)  # a digit group after a space, where a number could start

BLOCK_SYSTEM = re.compile(r"(^you blocked this contact|blocked this contact\.?$)", re.IGNORECASE)
BLOCK_SAID = re.compile(r"\b(I('ve| have)? blocked (you|your number|this number|you on)\b)", re.IGNORECASE)

_DECORATION = re.compile(r"[\W_]+")
# Shorter names ("Jo", "Mum", "Dave") are shared by too many people to link accounts (and are often
# the complainant's own label for a contact); the 1-2-edits band already asked for 5.
MIN_NAME = 5
_DIGITS = re.compile(r"\d+")
_TRAILING_DIGITS = re.compile(r"\d+(?=[\W_]|$)")  # a digit run ending a name or a part of it

# Identifiers that many people quote, so that two accounts quoting one say nothing of who runs them.
# UK numbers by range (Ofcom's National Telephone Numbering Plan): 03 non-geographic, charged as a
# landline and used by public bodies and businesses; 08 freephone (0800, 0808) and business rate
# (084x, 087x); 09 premium rate. (999, 101 and 111 are too short to be read as phone numbers at all.)
PUBLIC_PHONES = (
    ("+443", "a UK 03 number (non-geographic, used by businesses and public services)"),
    ("+448", "a UK 08 number (freephone or business rate)"),
    ("+449", "a UK 09 premium-rate number"),
)
ROLE_MAILBOXES = frozenset(
    "admin bookings contact customerservice customerservices enquiries enquiry help hello info"
    " noreply no-reply office reception sales service support".split()
)
# Public sites: a link to them is news, a video or a post anyone can pass on. A host matches its
# subdomains too (``m.youtube.com``, ``news.bbc.co.uk``).
PUBLIC_HOSTS = frozenset(
    """bbc.co.uk bbc.com theguardian.com dailymail.co.uk thesun.co.uk mirror.co.uk independent.co.uk
    telegraph.co.uk thetimes.co.uk news.sky.com itv.com channel4.com metro.co.uk express.co.uk
    standard.co.uk manchestereveningnews.co.uk cnn.com nytimes.com reuters.com apnews.com foxnews.com
    washingtonpost.com huffpost.com huffingtonpost.co.uk buzzfeed.com breitbart.com gov.uk nhs.uk
    police.uk wikipedia.org youtube.com youtu.be twitter.com x.com facebook.com fb.com fb.watch
    instagram.com tiktok.com reddit.com linkedin.com pinterest.com tumblr.com twitch.tv vimeo.com
    spotify.com soundcloud.com imgur.com giphy.com tenor.com amazon.co.uk amazon.com ebay.co.uk
    ebay.com""".split()
)
# Private shares on public hosts: a link to one file or album is as telling as the file.
PRIVATE_HOSTS = frozenset(
    """drive.google.com docs.google.com photos.google.com photos.app.goo.gl dropbox.com wetransfer.com
    we.tl mega.nz onedrive.live.com 1drv.ms icloud.com box.com mediafire.com""".split()
)


def normalise_email(value: str) -> str:
    """Lower-case; for Gmail drop dots and ``+tag`` from the local part."""
    local, _, domain = value.strip().lower().partition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def normalise_url(value: str) -> str:
    """Scheme and ``www.`` dropped, host lower-cased, tracking parameters and fragment removed."""
    value = value.rstrip(".,;:!?)]}")
    if "?" not in value and "#" not in value and "%" not in value:
        bare = value.split("://", 1)[-1]
        host, slash, path = bare.partition("/")
        host = host.lower().removeprefix("www.")
        return f"{host}/{path.rstrip('/')}" if slash and path.rstrip("/") else host
    if value.lower().startswith("www."):
        value = "http://" + value
    parts = urlsplit(value)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING.match(k.lower())])
    path = parts.path.rstrip("/")
    return urlunsplit(("", host, path, query, "")).lstrip("/")


def identifiers(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """Hard identifiers in a text: ``(kind, normalised value, span)`` for e-mails, phones and URLs."""
    found: list[tuple[str, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    if "http" in text or "www" in text or "HTTP" in text or "WWW" in text:
        for match in URL.finditer(text):
            found.append(("url", normalise_url(match.group()), match.span()))
            taken.append(match.span())
    if "@" not in text and not _MAYBE_PHONE.search(text):
        return found
    for match in EMAIL.finditer(text):
        if not any(a <= match.start() < b for a, b in taken):
            found.append(("email", normalise_email(match.group()), match.span()))
            taken.append(match.span())
    for match in PHONE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        phone = _phone(match.group())
        if phone is not None:
            number, start, end = phone
            found.append(("phone", number, (match.start() + start, match.start() + end)))
    return found


def _phone(candidate: str) -> tuple[str, int, int] | None:
    """The E.164 number within a run of digits, and where it starts and ends in the run.

    ``07700 900777 24/7`` is the number and "24", ``12345 07700 900777`` a reference and the number:
    the run is tried from each digit group's start (those starting with + or 0 first, as numbers are
    written), and from each start the shorter runs ending at each digit group's end, keeping at least
    the 10 digits of a full national number.
    """
    starts = [0] + [m.start() for m in _GROUP_START.finditer(candidate)]
    # a number as people write it starts with + or 0: such a start is tried before the others
    for start in sorted(starts, key=lambda i: candidate[i] not in "+0"):
        rest = candidate[start:]
        if sum(c.isdigit() for c in rest) < 10:
            continue
        ends = [len(rest)] + [m.end() for m in reversed(list(_GROUP_END.finditer(rest)))]
        for end in ends:
            if end < len(rest) and sum(c.isdigit() for c in rest[:end]) < 10:
                break
            number = e164(rest[:end])
            if number is not None:
                return number, start, start + end
    return None


def mask(text: str) -> str:
    """Text with links, e-mails, mentions, hashtags and phone numbers replaced by placeholders."""
    text = URL.sub(MASKS["url"], text)
    text = EMAIL.sub(MASKS["email"], text)
    text = MENTION.sub(MASKS["mention"], text)
    text = HASHTAG.sub(MASKS["hashtag"], text)
    return PHONE.sub(MASKS["phone"], text)


def tags(text: str) -> list[str]:
    """Mentions and hashtags, lower-cased (topic and audience overlap, not style)."""
    return [m.group().lower() for m in MENTION.finditer(text)] + [
        m.group().lower() for m in HASHTAG.finditer(text)
    ]


def self_references(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Phrases by which a writer says this account is a continuation of another."""
    if not MAYBE_SELF.search(text):
        return []
    found: list[tuple[str, tuple[int, int]]] = []
    for label, pattern in SELF_REFERENCES:
        for m in pattern.finditer(text):
            if label not in _OWNED or _own(text, m.start(), m.end()):
                found.append((label, m.span()))
                break
    return found


def _own(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``start:end`` states that the writer has it (``_OWNED``)."""
    if not _OWN_BEFORE.search(text[:start]):
        return False
    edges = [m.start() for m in _CLAUSE_EDGE.finditer(text)]
    begin = max((e + 1 for e in edges if e < start), default=0)
    stop = min((e for e in edges if e >= end), default=len(text))
    before, after = text[begin:start], text[end:stop]
    ends = re.search(r"[.!;\n]|\?", text[end:])
    asked = ends is not None and ends.group() == "?"
    return not (asked or _DENIED.search(before) or _DENIED.search(after) or _SOMEONE_ELSE.search(before))


def is_block_event(text: str, system: bool) -> bool:
    """A WhatsApp "blocked this contact" item, or someone saying she has blocked the sender."""
    return bool(BLOCK_SYSTEM.search(text)) if system else bool(BLOCK_SAID.search(text))


def name_stem(name: str) -> str:
    """A handle without accents, case, decorations and digits: ``xX_J0hn.Smith_99Xx`` -> ``xxjohnsmithxx``.

    Digit runs that end the name or a part of it (``jane1990``, ``smith_99``) are removed before digits
    are read as letters (``j0hn`` -> ``john``): a year or number is not leetspeak.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = _TRAILING_DIGITS.sub("", folded)
    folded = folded.replace("0", "o").replace("1", "i").replace("3", "e").replace("4", "a").replace("5", "s")
    return _DIGITS.sub("", _DECORATION.sub("", folded))


def plain_name(name: str) -> str:
    """A name folded to lower-case letters and digits only."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _DECORATION.sub("", folded)


def name_similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two handles or names are, in [0, 1], and why."""
    pa, pb = plain_name(a), plain_name(b)
    if not pa or not pb:
        return 0.0, ""
    if min(len(pa), len(pb)) < MIN_NAME:
        return 0.0, f"too short to tell people apart (under {MIN_NAME} letters or digits)"
    if pa == pb:
        return 1.0, "identical after removing case and decorations"
    sa, sb = name_stem(a), name_stem(b)
    if len(sa) >= 3 and sa == sb:
        return 0.95, f"the same stem {sa!r} with different digits or decorations"
    jw = JaroWinkler.normalized_similarity(pa, pb)
    edits = Levenshtein.distance(pa, pb)
    if edits <= 2:
        return max(jw, 0.9), f"{edits} character edit(s) apart"
    return jw, f"Jaro-Winkler similarity {jw:.2f}"


def _host_in(host: str, hosts: frozenset[str]) -> str | None:
    """The entry of ``hosts`` that ``host`` is or is a subdomain of."""
    parts = host.split(".")
    return next((h for h in (".".join(parts[i:]) for i in range(len(parts) - 1)) if h in hosts), None)


def url_host(value: str) -> str:
    """The host of a normalised URL (``normalise_url``'s ``host/path``), without a port."""
    return value.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]


def public_identifier(kind: str, value: str) -> str | None:
    """Why a normalised identifier is one that many people quote (a business number, a role mailbox, a
    link to a public site), or None when it may be personal."""
    if kind == "phone":
        return next((why for prefix, why in PUBLIC_PHONES if value.startswith(prefix)), None)
    if kind == "email":
        local = value.partition("@")[0]
        return (
            f"a role mailbox ({local}@), which an organisation publishes" if local in ROLE_MAILBOXES else None
        )
    if kind == "url":
        host = url_host(value)
        if _host_in(host, PRIVATE_HOSTS):
            return None
        site = _host_in(host, PUBLIC_HOSTS)
        return (
            f"a link to a public site ({site}): news, videos and posts are passed on by many"
            if site
            else None
        )
    return None


def url_names(value: str) -> str:
    """The first part of a normalised URL's path, folded: the account a profile link names."""
    path = value.split("/", 1)[1] if "/" in value else ""
    return plain_name(path.split("/", 1)[0].split("?", 1)[0].lstrip("@"))
