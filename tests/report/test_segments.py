"""Cutting message text at evidence spans (the report and the review app both show them this way)."""

from __future__ import annotations

from footprint.report.sections import Segment, segments


def test_spans_become_marked_segments_in_order() -> None:
    assert segments("I will kill you", ((7, 11),)) == (
        Segment("I will ", False),
        Segment("kill", True),
        Segment(" you", False),
    )


def test_overlapping_and_touching_spans_merge_and_outside_spans_are_ignored() -> None:
    assert segments("abcdefgh", ((2, 4), (3, 6), (6, 7), (20, 30), (5, 5))) == (
        Segment("ab", False),
        Segment("cdefg", True),
        Segment("h", False),
    )


def test_no_spans_and_empty_text() -> None:
    assert segments("hello", ()) == (Segment("hello", False),)
    assert segments("", ((0, 3),)) == (Segment("", False),)
