"""What helps a jury read the report: the glossary and counts that say what they count."""

from __future__ import annotations

from collections.abc import Sequence

from footprint.analyse.detect.analyser import DetectAnalyser
from footprint.analyse.detect.taxonomy import CATEGORIES as DETECT_CATEGORIES
from footprint.report.sections import SCORES, FlaggedItem

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        "Row number (No.)",
        "a chronology row's place in this report's time order. It is not fixed: it changes when an item is"
        " added. Cite an item by its exhibit reference and place instead.",
    ),
    (
        "Item id (item 33)",
        "Footprint's own number for one message, post, call or incident it read. It never changes. It is"
        " not a count.",
    ),
    (
        "Finding number (#13)",
        "the number of one opinion that an analyser, or a person, recorded about an item or the whole case."
        " The MG6C schedule, the review app and `footprint findings` give the same number. When the"
        " analysers run again, their findings are made again with new numbers.",
    ),
    (
        "Exhibit reference and place (JD/1 line 7)",
        "the producer's initials and number for one file received (JD/1), then where in that file the item"
        " is: a line, a record or a row.",
    ),
    (
        "Hash (SHA-256)",
        "a 64-character fingerprint that Footprint computed from a file's exact bytes when it received the"
        " file. Any change to the file gives a different hash, so a matching hash shows the file is"
        " unchanged. The witness did not compute it.",
    ),
    (
        f"Run and analyser (detect v{DetectAnalyser.version})",
        f"an analyser is a part of Footprint that looks for one kind of conduct; v{DetectAnalyser.version} is"
        " its version. A run is one pass of it over the case.",
    ),
    ("Score", SCORES),
    (
        "Audit entry and chain head",
        "every action on the case is an entry in its log, and each entry holds the hash of the one before."
        " The chain head is the latest entry's hash: it names exactly which state of the case the report"
        " shows.",
    ),
)


#: the terms that read otherwise in an advocate's narrowed view (``footprint.her_numbers``)
HER_TERMS: dict[str, tuple[str, str]] = {
    "Item id (item 33)": (
        "Item number (item 3)",
        "in this advocate's view, the number of one message, post, call or incident of the material the"
        " complainant supplied, counted from 1 over that material alone: exhibit by exhibit in the order"
        " each was marked as hers, then as read. `footprint items`, `search` and `record` give and take the"
        " same number while police material is withheld. It is not the case's own id, which the officer in"
        " the case's report gives, and it is not a count of the case. It does not change as the case grows;"
        " withdrawing the mark on one of her exhibits renumbers the items after it.",
    ),
    "Finding number (#13)": (
        "Finding number (#3)",
        "in this advocate's view, the number of one opinion that an analyser, or a person, recorded about"
        " her material, counted from 1 over the findings on her material alone, in the order the case"
        " recorded them. This report's MG6C schedule, `footprint findings` and `footprint review` give and"
        " take the same number; the review app names each finding by a 16-letter code instead, and the"
        " officer in the case's report by the case's own number. The numbers change when the analysers run"
        " again, and when one of her exhibits is marked or its mark withdrawn.",
    ),
}


def glossary(narrowed: str) -> tuple[tuple[str, str], ...]:
    """The report's terms: in an advocate's narrowed view (``narrowed``: its label) her numbers' own."""
    return tuple(
        HER_TERMS.get(term, (term, meaning)) if narrowed else (term, meaning) for term, meaning in GLOSSARY
    )


def detection_words(flagged: Sequence[FlaggedItem]) -> str:
    """What section 3 counts, in words: "35 detector finding(s) on 23 message(s)", a person's recorded
    findings counted apart ("… and 1 recorded by a person"). The section's status said "35 found" above
    23 items, and the summary counted a person's finding as the detector's."""
    views = [v for fl in flagged for v in fl.findings if v.finding.category in DETECT_CATEGORIES]
    recorded = sum(1 for v in views if v.recorded_by)
    what = "message(s)" if all(fl.item.kind == "message" for fl in flagged) else "item(s)"
    return (
        f"{len(views) - recorded} detector finding(s)"
        + (f" and {recorded} finding(s) recorded by a person" if recorded else "")
        + f" on {len(flagged)} {what}"
    )
