"""Reading one WhatsApp message body: who wrote it, and what kind of line it is.

Kept apart from the parser's loop so the loop stays short and fast. A body is ``Name: text``,
a system sentence with no author, or a media/deleted/call/location marker after ``Name: ``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import PurePosixPath

from footprint.ingest.base import ParseContext
from footprint.ingest.phones import account_ref
from footprint.ingest.whatsapp_lines import (
    CALL_BODIES,
    DELETED_BODIES,
    DELETED_BY_ADMIN_BODY,
    EDITED_SUFFIXES,
    ENCRYPTION_NOTICES,
    EXPORTER,
    MEDIA_PLACEHOLDERS,
    MOVES,
    WAITING_BODY,
    is_system_text,
)
from footprint.model import PLACEHOLDER, AccountRef, ParsedAttachment
from footprint.visible import draws_nothing

# the marks WhatsApp itself writes (U+200E/U+200F before lines, names and markers; a BOM at the start):
# stripped where it writes them. Other direction controls (U+202A-U+202E, U+2066-U+2069) are the sender's
# own typing and stay in names and text ("\u202eBob" is not "Bob").
MARKS = "\u200e\u200f\ufeff"
_MARK_SET = frozenset(MARKS + " ")
_ATTACHED_IOS = re.compile(r"^<attached: (?P<name>[^>]+)>$")
_ATTACHED_OLD_IOS = re.compile("^(?P<name>\\S.*?) <\u200e?attached>$")
_FILE_ATTACHED = re.compile(
    r"^(?P<name>\S.*?) \((?:file attached|Datei angehängt|archivo adjunto|fichier joint"
    r"|file allegato|arquivo anexado|bestand bijgevoegd)\)"
)
_ATTACH_HINT = re.compile("attached|angehängt|adjunto|joint|allegato|anexado|bijgevoegd")
_LOCATION = re.compile(r"^(?:location|Standort|ubicación|position): (?P<url>https?://\S+)", re.I)
_MIME = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
    "webp": "image/webp", "mp4": "video/mp4", "opus": "audio/ogg", "ogg": "audio/ogg",
    "mp3": "audio/mpeg", "pdf": "application/pdf", "vcf": "text/vcard",
}  # fmt: skip
# the item's details when its text is a placeholder (``model.PLACEHOLDER``); each item gets a copy
_DELETED = {PLACEHOLDER: "deleted"}
_DELETED_BY_ADMIN = {PLACEHOLDER: "deleted_by_admin"}
_WAITING = {PLACEHOLDER: "waiting_for_message"}
_MEDIA_OMITTED = {PLACEHOLDER: "media_omitted"}
_VIEW_ONCE = {PLACEHOLDER: "view_once"}
# body -> (kind, deleted, attachment placeholder name, details)
_SPECIAL: dict[str, tuple[str, bool, str | None, dict[str, str] | None]] = {
    **{b: ("message", True, None, _DELETED) for b in DELETED_BODIES},
    **{b: ("call", False, None, None) for b in CALL_BODIES},
    **{
        b: ("message", False, name, _VIEW_ONCE if b == "null" else _MEDIA_OMITTED)
        for b, name in MEDIA_PLACEHOLDERS.items()
    },
}


# What ``BodyReader.read`` returns: (kind, text, author, attachments, deleted, edited, system, details).
Body = tuple[
    str, str, AccountRef | None, tuple[ParsedAttachment, ...], bool, bool, bool, dict[str, str] | None
]
_NONE: tuple[ParsedAttachment, ...] = ()


#: what begins the key and display name of a sender iOS marks with ``~``: a name the sender chose
CHOSEN = "~ "


def clean_name(name: str) -> str:
    """A display name without direction marks, the iOS ``~`` prefix (and the space after it) or odd
    hyphens. A no-break space inside the name stays: "Jane\u00a0Doe" is another saved name than "Jane Doe"."""
    name = name.strip(MARKS + " ").replace("\u2011", "-")
    if name.startswith("~"):
        name = name[1:].strip(MARKS + " \u00a0\u202f")
    return name


def blank_name(exported: str) -> str:
    """The key of a sender whose name is nothing once WhatsApp's marks are removed: the code points of the
    name as written (``[U+200E U+007E U+202F]``), so two such senders do not share one account."""
    return "[" + " ".join(f"U+{ord(c):04X}" for c in exported) + "]"


def account_for(exported: str, platform: str = "whatsapp") -> AccountRef:
    """The account a WhatsApp author name stands for (phone numbers as E.164).

    iOS marks a sender who is not in the phone's contacts with ``~``: that name is the one the sender
    chose, not one the phone's owner saved, so it is another account than a saved contact of the same
    name: key and display name keep it (``~ Ivo Example``), and a chosen name is never read as a number.
    A saved name is kept as written (a no-break space is not a space); only a phone number is read
    through it. A name of marks only gets the key :func:`blank_name`.
    """
    name = clean_name(exported)
    if not name:
        blank = blank_name(exported)
        return AccountRef(platform, blank, blank)
    if exported.strip(MARKS + " ").startswith("~"):
        return AccountRef(platform, CHOSEN + name, CHOSEN + name)
    spaced = name.replace("\u00a0", " ")
    number = account_ref(platform, spaced)
    return number if number.native_id != spaced else AccountRef(platform, name, name)


class BodyReader:
    """Reads bodies of one chat, remembering its authors and the media files beside it."""

    def __init__(
        self,
        conversation: str,
        media: set[str],
        ctx: ParseContext,
        platform: str,
        tracked: frozenset[str],
        name_counts: Callable[[], Counter[str]],
    ) -> None:
        self.conversation = conversation
        self.tracked = tracked  # account keys who joined or left: members only while in the group
        # how many messages' first lines begin with each name and "name: next part" (made when first needed)
        self.name_counts = name_counts
        self.counts: Counter[str] | None = None
        self.unclear: list[str] = []  # the warning for the body just read, if its author is unclear
        self.platform = platform
        self.media = media
        self.ctx = ctx
        self.authors: dict[str, AccountRef] = {}

    def read(self, body: str) -> Body:
        """Split ``body`` into author and text and classify it."""
        author_text, sep, message = body.partition(": ")
        # "<chat name>: <U+200E><event>" (iOS), and the encryption notice under the chat's name with or
        # without the mark: nobody wrote it, so it has no author
        if (message[:1] == "\u200e" and _is_ios_event(message)) or message.lstrip(MARKS).startswith(
            ENCRYPTION_NOTICES
        ):
            return self._system(message.strip(MARKS))
        author = self.authors.get(author_text) if sep else None
        if author is None:
            if not sep and body.partition(":")[0] in self.authors:
                author_text, sep, message = body.partition(":")
                author = self.authors[author_text]
            elif not sep or is_system_text(body) or len(author_text) > 80 or "\n" in author_text:
                return self._system(body.strip(MARKS))
            else:
                if ": " in message.partition("\n")[0]:
                    author_text, message = self._colon_name(author_text, message)
                author = self.authors.get(author_text)
                if author is None:
                    author = account_for(author_text, self.platform)
                    if draws_nothing(clean_name(author_text)):
                        self.unclear.append(_blank_warning(author_text, author))
                self.authors[author_text] = author
                if author.key not in self.tracked:
                    self.ctx.add_participant(self.conversation, author)
        if message and message[0] in _MARK_SET:
            message = message.lstrip(MARKS)
        edited = False
        if message.endswith(">"):
            for suffix in EDITED_SUFFIXES:
                if message.endswith(suffix):
                    message = message[: -len(suffix)].rstrip(MARKS + " ")
                    edited = True
                    break
        special = _SPECIAL.get(message)
        if special is None and message and (message[-1] in _MARK_SET or message[0] in _MARK_SET):
            special = _SPECIAL.get(message.strip(MARKS + " "))
        if special is not None:
            kind, deleted, placeholder, details = special
            attachments = (ParsedAttachment(placeholder),) if placeholder else _NONE
            return kind, message, author, attachments, deleted, edited, False, details and dict(details)
        if message and message[0] in "wWT":  # cheaper than the two searches on every body
            if WAITING_BODY.match(message):
                return "message", message, author, _NONE, False, edited, False, dict(_WAITING)
            if DELETED_BY_ADMIN_BODY.match(message):
                return "message", message, author, _NONE, True, edited, False, dict(_DELETED_BY_ADMIN)
        # every attachment marker has "<" or "(" (substring tests are cheaper than the search)
        if ("<" in message or "(" in message) and _ATTACH_HINT.search(message):
            first = message.split("\n", 1)[0].strip(MARKS + " ")
            found = (
                _ATTACHED_IOS.match(first) or _ATTACHED_OLD_IOS.match(first) or _FILE_ATTACHED.match(first)
            )
            if found:
                name = found.group("name").strip(MARKS + " ")
                attachment = ParsedAttachment(name, self._member(name), _mime(name))
                return "message", message, author, (attachment,), False, edited, False, None
        if "http" in message and _LOCATION.match(message):
            return "location", message, author, _NONE, False, edited, False, None
        return "message", message, author, _NONE, False, edited, False, None

    def _system(self, text: str) -> Body:
        """A system line: its author is the person whose act it records ("Tom added Jane", "Tom removed
        Jane", "Jane left"), not the exporter ("You added Jane", whom the export does not name) and not a
        member for it (the line's moves are applied by ``read_membership``); else it has none."""
        author = None
        if " " in text:
            for pattern, _ in MOVES:
                found = pattern.match(text.strip(MARKS + " "))
                if found is not None:
                    actor = found["actor"]
                    if actor.strip(MARKS + " ") not in EXPORTER:
                        author = self.authors.get(actor) or account_for(actor, self.platform)
                    break
        return "system", text, author, _NONE, False, False, True, None

    def _colon_name(self, name: str, message: str) -> tuple[str, str]:
        """The author and text of ``name: message`` when the text holds ": " too ("Dr: Who: hi"): the
        longer name ("Dr: Who") when it is known or begins other messages and ``name`` begins none but
        these; else ``name``, with a warning when the file supports the longer name as well or neither."""
        part = message.partition(": ")[0]
        longer = f"{name}: {part}"
        rest = message[len(part) + 2 :]
        if longer in self.authors:
            return longer, rest
        if (
            len(longer) > 80
            or part != part.strip(MARKS + " ")  # "Ann: so : yes", "<U+200E><attached: …>" hold no name
            or "<" in part
            or _LOCATION.match(message)
        ):
            return name, message
        if self.counts is None:
            self.counts = self.name_counts()
        counts = self.counts
        name_elsewhere = counts[name] > counts[longer]  # a message of ``name`` not going on "part: "
        longer_elsewhere = counts[longer] > 1  # another message begins "name: part: "
        if longer_elsewhere and not name_elsewhere:
            return longer, rest
        if name_elsewhere and not longer_elsewhere:
            return name, message
        self.unclear.append(
            f"author name unclear: {name!r} or {longer!r} (a name may hold ': '); read as {name!r}"
        )
        return name, message

    def _member(self, name: str) -> str | None:
        if name in self.media:
            return name
        for member in sorted(self.media):
            if PurePosixPath(member).name == name:
                return member
        return None


def _blank_warning(exported: str, author: AccountRef) -> str:
    """The warning for a sender whose name shows nothing: marks only, or blank characters."""
    points = " ".join(f"U+{ord(c):04X}" for c in exported)
    if clean_name(exported):
        return (
            f"sender name shows nothing visible ({points}); its blank characters are written out"
            " wherever it is shown"
        )
    return (
        f"sender name is blank once WhatsApp's direction marks are removed ({points}); read as the"
        f" account {author.key!r}, one of its own"
    )


def _is_ios_event(message: str) -> bool:
    """Whether a body after ``name: `` is an iOS group event or notice written under the chat's name."""
    bare = message.strip(MARKS + " ")
    return bare.startswith(ENCRYPTION_NOTICES) or is_system_text(bare)


def _mime(name: str) -> str:
    return _MIME.get(name.rsplit(".", 1)[-1].lower(), "") if "." in name else ""
