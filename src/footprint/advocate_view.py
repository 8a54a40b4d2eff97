"""What an advocate is shown of a case that holds material she may not see: a narrowed view of her own
material, labelled as such everywhere it is written (`report`, `verify`), with a count of what is left
out and nothing else of it. `assess` is not narrowed: it is refused, for the reason below."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from footprint.model import Account, Finding, Person
from footprint.store.queries import RECORDED_ANALYSER

#: the folder, inside ``reports/``, of an advocate's narrowed report (the officer's report is never moved
#: aside by it, nor hers by his)
FOLDER = "advocate"

#: why the offence assessment is not made from her material alone (`assess`, her report's offence matrix)
NO_ASSESSMENT = (
    "an offence assessment made from part of the case would say an offence's elements are missing, or"
    " that no offence is a candidate, where the material held by the police may show otherwise, and would"
    " count time limits from her items alone"
)
#: what `assess` tells her instead
ASSESS_REMEDY = (
    f"Nor is one made from her material alone: {NO_ASSESSMENT}. Ask the officer in the case (an"
    " investigator) or the prosecutor for it; `footprint report` gives her a report of the material she"
    " supplied and the findings on it"
)


def label(withheld: int) -> str:
    """The words every part of an advocate's narrowed output carries: ``withheld`` is only a count."""
    held = (
        "no exhibit is held by the police at present"
        if withheld == 0
        else "1 exhibit held by the police is not shown and was not weighed"
        if withheld == 1
        else f"{withheld} exhibits held by the police are not shown and were not weighed"
    )
    return f"Advocate's view: only the material the complainant supplied; {held}"


#: words another person wrote (a reviewer's reason, an officer's recorded finding, an attribution's basis)
#: may name what she may not see: a witness, an address, a withheld exhibit (advocate leak review)
NOT_HER_WORDS = (
    "not shown in the advocate's view (another person's words, which may name material this role may not see)"
)


def without_bases(found: Iterable[Account]) -> list[Account]:
    """The accounts, each attribution's basis not shown (an officer's words), for her report and pages."""
    return [replace(a, basis=NOT_HER_WORDS) if a.basis else a for a in found]


def their_reason(user: str, reason: str, actor: str) -> str:
    """A decision's reason as her view (``actor``'s) shows it: hers as written, another person's not."""
    return reason if user == actor else NOT_HER_WORDS


def without_their_reason(f: Finding, actor: str) -> Finding:
    """A finding as her view (``actor``'s) shows it: one another person recorded says who recorded it and
    not their reason; hers and an analyser's as they are."""
    if f.analyser != RECORDED_ANALYSER or f.details.get("recorded_by") == actor:
        return f
    who = f.explanation.split(":", 1)[0]  # "recorded by NAME (ROLE)"
    return replace(
        f, explanation=f"{who}: reason {NOT_HER_WORDS}", details={**f.details, "reason": NOT_HER_WORDS}
    )


def persons_shown(
    every: Sequence[Person], accounts: Iterable[Account], authors: Iterable[str]
) -> list[Person]:
    """The people her material shows, of ``every`` person in the case: the complainant, whoever one of the
    ``accounts`` she sees is attributed to, and whoever wrote one of her items (``authors``: the names shown
    as their authors); not a person the case names only for what she may not see (a witness or a second
    suspect known from a police download)."""
    shown = {a.person for a in accounts if a.person} | set(authors)
    return [p for p in every if p.role == "complainant" or p.name in shown]
