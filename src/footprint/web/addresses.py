"""What the review app's addresses name: the finding, item or link in a page's address (as the user's ids
name them: opaque to a role that sees part of the case), a page number, and where a page of findings
starts; anything else is "not found" in the app's words."""

from __future__ import annotations

from footprint.errors import NotFoundError
from footprint.store.paged import Seek
from footprint.web.ids import Names

MAX_ID = 2**31 - 1  # the largest id PostgreSQL's integer holds (finding.id; SQLite's is larger)

#: the ids in the app's addresses: the address's name for it -> what it names, and the list to open instead
PAGE_IDS = {
    "finding_id": ("finding", "findings"),
    "item_id": ("item", "findings"),
    "link_id": ("link", "links"),
}


def no_such(what: str, raw: str, listing: str) -> NotFoundError:
    return NotFoundError(f"there is no {what} {raw}; open the list of {listing}")


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


def page_start(names: Names, after: str, before: str) -> Seek | None:
    """Where a page of findings starts, from its address: ``after`` a finding (the last of the page before)
    or ``before`` one (the first of the page after), or ``before=end`` (the last page); none for a page
    number alone."""
    if after and before:
        raise NotFoundError(
            "a page starts after one finding or before one, not both; open the list of findings"
        )
    if before == "end":
        return Seek(None, backwards=True)
    if after or before:
        return Seek(page_id(names, after or before, "finding", "findings"), backwards=bool(before))
    return None
