"""What the review app's addresses name: the finding, item or link in a page's address (as the user's ids
name them: opaque to a role that sees part of the case), a page number, and where a page of findings
starts; anything else is "not found" in the app's words."""

from __future__ import annotations

from collections.abc import Mapping

from footprint.case import Case
from footprint.errors import FootprintError, NotFoundError
from footprint.store.paged import Seek
from footprint.web.ids import Names

MAX_ID = 2**31 - 1  # the largest id PostgreSQL's integer holds (finding.id; SQLite's is larger)

#: the ids in the app's addresses: the address's name for it -> what it names, and the list to open instead
PAGE_IDS = {
    "finding_id": ("finding", "findings"),
    "item_id": ("item", "findings"),
    "link_id": ("link", "links"),
}


class AsTyped(NotFoundError):
    """Not found, in words that name only what the user typed, as typed: never reworded into the ids she
    sees (a number she typed is no case id of hers: reworded, "after=3" would tell her which opaque id is
    the case's finding 3)."""


def no_such(what: str, raw: str, listing: str) -> NotFoundError:
    return AsTyped(f"there is no {what} {raw}; open the list of {listing}")


def page_id(names: Names, raw: str, what: str, listing: str = "") -> int:
    """The finding, link or item id in a page's address, as ``names`` names them (checked after sign-in,
    so a stranger learns nothing); ``listing``: the list to open instead (the ``what``'s own by default)."""
    found = names.number(what, raw, MAX_ID)
    if found is None:
        raise no_such(what, raw, listing or what + "s")
    return found


def page_number(raw: str, listing: str = "messages") -> int:
    """A page number of a list of messages or findings (from 1)."""
    if len(raw) <= len(str(MAX_ID)) and raw.isascii() and raw.isdecimal() and 0 < int(raw) <= MAX_ID:
        return int(raw)
    raise no_such("page", raw, listing)


def page_start(names: Names, who: Case, after: str, before: str) -> Seek | None:
    """Where a page of findings starts, from its address: ``after`` a finding (the last of the page before)
    or ``before`` one (the first of the page after), or ``before=end`` (the last page); none for a page
    number alone. To a user shown opaque ids, a finding ``who`` may not see is refused here, before the
    list is read, in the words of an id that names nothing: read, it would leave an empty page ("there is
    no page 2"), telling a withheld finding's id from a made-up one."""
    if after and before:
        raise NotFoundError(
            "a page starts after one finding or before one, not both; open the list of findings"
        )
    if before == "end":
        return Seek(None, backwards=True)
    if not (after or before):
        return None
    raw = after or before
    found = page_id(names, raw, "finding")
    if names.opaque is not None and not who.store.finding_visible(found):
        raise no_such("finding", raw, "findings")
    return Seek(found, backwards=bool(before))


def refusal_words(shown: Names, who: Case | None, params: Mapping[str, str], exc: FootprintError) -> str:
    """What went wrong, in the ids ``shown`` names (``who``'s; ``params``: the address's). To a user shown
    opaque ids, something she may not see is "not found" in the words of an id that names nothing; a finding
    she may see that a newer run replaced is still said to be replaced."""
    if isinstance(exc, AsTyped):
        return str(exc)
    if shown.opaque is None or who is None or not isinstance(exc, NotFoundError):
        return shown.reword(str(exc))
    for key, (what, listing) in PAGE_IDS.items():
        raw = params.get(key)
        if raw is None:
            continue
        number = shown.number(what, raw, MAX_ID)
        if what == "finding" and number is not None and who.store.finding_visible(number):
            return shown.reword(str(exc))
        return str(no_such(what, raw, listing))
    return shown.reword(str(exc))
