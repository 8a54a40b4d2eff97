"""The 16 detection categories, their plain-English names and their reporting thresholds."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "threat_violence",
    "threat_to_kill",
    "threat_sexual",
    "intimate_image_abuse",
    "blackmail",
    "doxxing",
    "monitoring",
    "coercive_control",
    "self_harm_encouragement",
    "sexual_harassment",
    "misogynistic_abuse",
    "identity_hate",
    "insult_harassment",
    "evasion",
    "request_to_stop",
    "distress",
)

# Her own words: evidential, never abuse.
EVIDENTIAL: frozenset[str] = frozenset({"request_to_stop", "distress"})
ABUSE: tuple[str, ...] = tuple(c for c in CATEGORIES if c not in EVIDENTIAL)
# Not a detection category: a message that may undermine the prosecution or assist the defence (CPIA
# Code para 3.5; for the MG6C and the prosecutor) — the complainant's own words that read as abuse, the
# suspect's that read as a request to stop or distress, when who wrote them is set aside. Never abuse,
# never her evidence, never counted toward an offence or a course of conduct.
UNDERMINING = "may_undermine"

LABELS: dict[str, str] = {
    "threat_violence": "threat of violence",
    "threat_to_kill": "threat to kill",
    "threat_sexual": "threat of sexual violence",
    "intimate_image_abuse": "intimate-image abuse",
    "blackmail": "demand backed by a menace",
    "doxxing": "disclosure of personal information",
    "monitoring": "monitoring or knowledge of her movements",
    "coercive_control": "coercive or controlling behaviour",
    "self_harm_encouragement": "encouragement to self-harm",
    "sexual_harassment": "sexual harassment",
    "misogynistic_abuse": "misogynistic abuse",
    "identity_hate": "identity-based hostility",
    "insult_harassment": "insult or harassment",
    "evasion": "evading blocks or orders",
    "request_to_stop": "request to stop contact",
    "distress": "expression of fear or distress",
}

# A finding is stored only at or above its category's threshold (chosen on the functional suite's
# training templates and the public training splits, never on the test sets; see docs/detection.md).
THRESHOLDS: dict[str, float] = {
    "threat_violence": 0.5,
    "threat_to_kill": 0.5,
    "threat_sexual": 0.5,
    "intimate_image_abuse": 0.5,
    "blackmail": 0.5,
    "doxxing": 0.5,
    "monitoring": 0.5,
    "coercive_control": 0.5,
    "self_harm_encouragement": 0.5,
    "sexual_harassment": 0.5,
    "misogynistic_abuse": 0.6,
    "identity_hate": 0.6,
    "insult_harassment": 0.6,
    "evasion": 0.5,
    "request_to_stop": 0.5,
    "distress": 0.5,
}
