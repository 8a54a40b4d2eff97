"""The functional suite: F1 per category on our own HateCheck-style cases, with contrasts."""

from __future__ import annotations

import pytest
from detect_suite import CASES

from footprint.analyse.detect import CATEGORIES, Detector

FLOOR = 0.90  # the target; every category reaches it (see docs/evaluation.md)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


def scores(detector: Detector) -> dict[str, tuple[float, float, float]]:
    results = detector.classify_many([t for _, t, _ in CASES], speakers=[s for s, _, _ in CASES])
    out = {}
    for cat in CATEGORIES:
        tp = sum(1 for (_, _, e), r in zip(CASES, results, strict=True) if cat in e and cat in r.labels)
        fp = sum(1 for (_, _, e), r in zip(CASES, results, strict=True) if cat not in e and cat in r.labels)
        fn = sum(1 for (_, _, e), r in zip(CASES, results, strict=True) if cat in e and cat not in r.labels)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[cat] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def test_every_category_has_positive_and_the_suite_has_contrasts() -> None:
    for cat in CATEGORIES:
        assert sum(1 for _, _, e in CASES if cat in e) >= 5, cat
    assert sum(1 for _, _, e in CASES if not e) >= 30


def test_f1_per_category_reaches_the_floor(detector: Detector) -> None:
    failing = {c: f for c, (_, _, f) in scores(detector).items() if f < FLOOR}
    assert not failing, failing


def test_every_case_is_read_as_labelled(detector: Detector) -> None:
    # above the floor, every case holds today (F1 1.00 in each category, docs/evaluation.md): a change
    # that misreads one names it here, rather than passing while under 10 % of a category
    results = detector.classify_many([t for _, t, _ in CASES], speakers=[s for s, _, _ in CASES])
    misread = [
        (text, sorted(expected), got)
        for (_, text, expected), r in zip(CASES, results, strict=True)
        if (got := sorted(c for c in r.labels if c in CATEGORIES)) != sorted(expected)
    ]
    assert misread == []


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt you",
        "I could kill for a coffee",
        "text me when you get home safe",
        "I'd never kill you, you know that",
        "kill the lights",
        "I'll kill this process",
        "Saying 'immigrants should be killed' is vile",
        "he said he'd kill them all",
    ],
)
def test_contrasts_are_not_flagged(detector: Detector, text: str) -> None:
    assert detector.classify(text, speaker="other").labels == []


def test_threat_to_leak_images_is_not_read_as_violence(detector: Detector) -> None:
    # known failure of detect-model@2 (docs/model-card-detect.md): the threat head alone said violence
    assert detector.classify("I'll leak your nudes", speaker="other").labels == ["intimate_image_abuse"]
    labels = detector.classify("send nudes or I'll kill you", speaker="other").labels
    assert "threat_to_kill" in labels and "blackmail" in labels


def test_calls_for_violence_against_any_group(detector: Detector) -> None:
    assert set(detector.classify("Lawyers should all be shot").labels) == {
        "threat_to_kill",
        "threat_violence",
    }
    hate = set(detector.classify("I'm going to lynch those immigrants").labels)
    assert hate == {"threat_to_kill", "threat_violence", "identity_hate"}
