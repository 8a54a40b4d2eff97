"""What helps a jury read the report: the glossary and counts that say what they count."""

from __future__ import annotations

from collections.abc import Sequence

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
        "Run and analyser (detect v12)",
        "an analyser is a part of Footprint that looks for one kind of conduct; v12 is its version. A run"
        " is one pass of it over the case.",
    ),
    ("Score", SCORES),
    (
        "Audit entry and chain head",
        "every action on the case is an entry in its log, and each entry holds the hash of the one before."
        " The chain head is the latest entry's hash: it names exactly which state of the case the report"
        " shows.",
    ),
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
