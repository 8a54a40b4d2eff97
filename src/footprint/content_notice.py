"""What the review app and the report say before they quote the messages: a short, plain content notice
(trauma-informed: what follows and that the reader may stop, not how much of it there is).

The app's first page is shown before anyone signs in, so it speaks of cases of this kind, not of this
case. The report says what the detector found in the messages it quotes, so that a case of insults
is not announced as one of sexual abuse (new-code review 2, defect 11)."""

from __future__ import annotations

from collections.abc import Iterable

#: what cases of this kind often hold (the app's first page, which reads nothing of the case)
OF_SUCH_CASES = "threats, sexual abuse and slurs"

# the detector's categories, by the kind of distressing words they find (in the order said)
_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "threats",
        frozenset(
            {"threat_to_kill", "threat_violence", "threat_sexual", "blackmail", "self_harm_encouragement"}
        ),
    ),
    (
        "sexual abuse or threats to share intimate images",
        frozenset({"intimate_image_abuse", "sexual_harassment", "threat_sexual"}),
    ),
    ("abuse and slurs", frozenset({"misogynistic_abuse", "identity_hate", "insult_harassment"})),
    (
        "controlling or stalking behaviour",
        frozenset({"coercive_control", "monitoring", "doxxing", "evasion"}),
    ),
    ("expressions of fear or distress", frozenset({"distress"})),
)


def found_in_case(categories: Iterable[str]) -> str:
    """The report's notice's sentence on what its messages hold, from the categories of its findings
    (the detector's opinions until a person confirms them), or that it found none."""
    present = set(categories)
    kinds = [kind for kind, members in _KINDS if present & members]
    if "threat_to_kill" in present:  # the gravest threat is named
        kinds = ["threats, including threats to kill" if k == "threats" else k for k in kinds]
    if not kinds:
        return "The detector found none of its categories in them, but it does not find everything."
    return f"In them the detector found {'; '.join(kinds)}."
