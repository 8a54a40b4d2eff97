"""A block known only from her words is not a platform event; "can't block me" and the timing after that
block are one blocking episode; every hand-set weight says it has no measured error rate (review defect 4)."""

from __future__ import annotations

from footprint.analyse.link.analyser import link_json
from footprint.analyse.link.profile import Message, build_profile
from footprint.analyse.link.score import HAND_SET, BlockEvent, CaseContext, EvidenceItem, score_pair
from footprint.analyse.link.wording import kind_tally

HER = "whatsapp:Jane Doe"
OLD, NEW = "whatsapp:John Smith", "sms:+447700900456"


def _pair(words: str, said: bool) -> tuple[list[tuple[str, float, str]], CaseContext]:
    old = build_profile(OLD, [Message("answer me", "2024-02-10T20:00:00Z")])
    new = build_profile(NEW, [Message(words, "2024-02-21T20:00:00Z")])
    block = BlockEvent(
        OLD, frozenset({HER}), "2024-02-20T20:00:00Z", EvidenceItem(HER, "JD/1", "line 20", 20), said
    )
    ctx = CaseContext(recipients={OLD: frozenset({HER}), NEW: frozenset({HER})}, blocks=(block,))
    link = score_pair(old, new, ctx)
    return [
        (e.kind, e.weight, e.reason)
        for e in link.evidence
        if e.kind in ("self_reference", "timing") and "never active" not in e.reason
    ], ctx


def test_a_block_she_reports_reads_as_her_word_and_is_one_episode_with_cant_block_me() -> None:
    reasons, _ = _pair("You can't block me forever", said=True)
    assert reasons == [
        (
            "self_reference",
            1.0,
            f"{NEW} presents itself as a continuation of an earlier account: “can't block me”; “can't block me”"
            " speaks of the block the timing reason rests on: one blocking episode, so the two together count"
            f" 1.00, the larger weight, not the sum; {HAND_SET}",
        ),
        (
            "timing",
            0.0,
            f"{NEW} first wrote 1.0 day(s) after she said she had blocked it (JD/1 line 20: her own message,"
            " not a platform's record of a block), to the person who said so; counted +0.00, not +1.00: the"
            " self-reference “can't block me” comes from the same blocking episode, so the two are not"
            " independent and together count 1.00, the larger weight, not the sum",
        ),
    ]


def test_a_platform_block_reads_was_blocked_and_a_self_reference_not_about_it_adds() -> None:
    reasons, _ = _pair("It's me again, new number", said=False)
    assert reasons == [
        (
            "self_reference",
            1.0,
            f"{NEW} presents itself as a continuation of an earlier account: “it's me again”, “new number”;"
            f" {HAND_SET}",
        ),
        (
            "timing",
            1.0,
            f"{NEW} first wrote 1.0 day(s) after {OLD} was blocked (the platform's “blocked this contact”"
            f" line, JD/1 line 20), to the person who blocked it; {HAND_SET}",
        ),
    ]


def test_the_tally_names_the_kinds_counted_on_hand_set_weights() -> None:
    old = build_profile(OLD, [Message("answer me", "2024-02-10T20:00:00Z")])
    new = build_profile(NEW, [Message("New number, it's me", "2024-02-21T20:00:00Z")])
    record = link_json(score_pair(old, new))
    tally = kind_tally(record["kinds"], record["evidence"])
    assert tally.hand_set == ("self_reference",)
    assert tally.words() == (
        "6 kinds of evidence considered: 1 counted (self_reference); 3 not compared for too little text on"
        " one side (style, tags, timing); 2 found nothing (identifiers, names); counted on weights set by"
        " hand, with no measured error rate: self_reference (only the trained style, tags and hour and"
        " weekday profiles are measured)"
    )
