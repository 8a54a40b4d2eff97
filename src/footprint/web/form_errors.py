"""Which fields of a form a refusal is about, so the page ties the message to them (WCAG 3.3.1, 3.3.3).

The review service words its refusals for the command line and the app alike and names no field; the app
knows its forms, so it reads which field a refusal is about from the refusal's own words here. A refusal
about no one field (a colleague's decision meanwhile, a finding recorded twice) is shown in the page's
summary of problems only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from footprint.review.record import SPAN_FORM


@dataclass(frozen=True)
class Problem:
    """What went wrong with a form, and the ids of the fields it is about (the first is linked to)."""

    message: str
    fields: tuple[str, ...] = ()

    def about(self, field: str) -> bool:
        return field in self.fields


_REASON = (r"every .* needs a reason", "reason"), (r"a reason may not contain", "reason")
# each form's refusals, in the review service's words -> the fields they are about
_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    # a colleague's decision meanwhile: read it in the history of decisions (the page's "decisions")
    "decision": (*_REASON, (r".* after you opened it; read it in the history", "decisions")),
    "record": (
        *_REASON,
        (r"category .* cannot be recorded", "category"),
        (re.escape(SPAN_FORM), "span"),
        (r"span \d+:\d+ is not within", "span"),
        (r"the words .* (are not in|occur \d+ times)", "words"),
        (r"give the evidence as a span \(START:END\) or by its words, not both", "words span"),
    ),
    "link": (
        *_REASON,
        (r"a person's name may not contain", "person"),
        (r".* are attributed to .*; name the person both accounts belong to", "person"),
        (r"accepting this link attributes .* the complainant", "as_complainant"),
        (r"the confirmation that the complainant operates the account", "as_complainant"),
        # a colleague's decision meanwhile (or this form sent twice): read it in the link's decisions
        (r".* after you opened it; read it in the decisions", "decisions"),
    ),
    # the candidate persons page's suggestions (an account refused: by its key, ``suggestion_problem``)
    "suggest link": (
        (r"every .* needs a reason", "link_note"),
        (r"a reason may not contain", "link_note"),
        (r".* is named twice; a link is between two different accounts", "link_b link_a"),
    ),
    "suggest attribution": (
        (r"every .* needs a reason", "account_note"),
        (r"a reason may not contain", "account_note"),
        (r"(no person called|a person's name may not contain)", "person"),
        (r"a new person's name is 1 to", "new_person"),
        (r".* is already a person in this case \(as ", "new_person"),
        (r"choose whose account it is from the list of people, or type", "person new_person"),
    ),
}
#: each suggestion form's account fields, which a refusal names by the key typed in them
_ACCOUNTS = {"link": ("link_a", "link_b"), "attribution": ("account",)}


def form_problem(form: str, message: str) -> Problem:
    """The refusal ``message`` of ``form`` ("decision", "record", "link", "suggest link" or "suggest
    attribution") with the fields it is about."""
    for pattern, fields in _FIELDS[form]:
        if re.match(pattern, message, re.DOTALL):
            return Problem(message, tuple(fields.split()))
    return Problem(message)


def suggestion_problem(form: str, message: str, typed: Mapping[str, str]) -> Problem:
    """The refusal ``message`` of the suggestion form ``form`` ("link" or "attribution"), with the fields it
    is about: an account refused (unknown, not hers or not a key) is the field that held its key."""
    if form not in _ACCOUNTS:
        return Problem(message)
    new = typed.get("new_person", "").strip()
    if new and message.startswith(
        f"no person called {new!r}"
    ):  # a new name that is a person's she cannot see
        return Problem(message, ("new_person",))
    found = form_problem(f"suggest {form}", message)
    if found.fields:
        return found
    for field in _ACCOUNTS[form]:
        key = typed.get(field, "")
        if message.startswith((f"no account {key!r} in this case", f"{key!r} is not an account key")):
            return Problem(message, (field,))
    return found
