"""What a link's reasons rest on: the style reason's sample, fragments and caveat, and the tally of the
kinds of evidence counted, not counted, not compared and found nothing (they add up)."""

from __future__ import annotations

import json

from footprint.analyse.link.analyser import link_json
from footprint.analyse.link.profile import Message, build_profile
from footprint.analyse.link.score import score_pair
from footprint.analyse.link.wording import EVIDENCE_KINDS, STYLE_CAVEAT, kind_tally, worded
from footprint.cli.link_cmds import score_line
from tests.analyse.link.test_link_score import PAIRS

CAVEAT = (
    "caveat: writing style is weak evidence between people who write in one circle or about one topic"
    " (friends, colleagues, a shared group chat), and the style model's word weights come from public"
    " US political tweets (docs/model-card-link.md)"
)
A_LINES = ["ok then i will see you at the shop later on today innit.", "i will see you at the shop"] * 5
B_LINES = ["Ok then I will see you at the shop later on today innit", "see you at the shop, mate"] * 5


def _style(line: dict[str, object]) -> dict[str, object]:
    evidence = line["evidence"]
    assert isinstance(evidence, list)
    return next(e for e in evidence if e["kind"] == "style")


def _uses(lines: list[str], fragment: str) -> int:
    return sum(
        sum(1 for i in range(len(t) - len(fragment) + 1) if t[i : i + len(fragment)] == fragment)
        for t in lines
    )


def test_the_style_reason_gives_each_sides_messages_words_and_the_shared_fragments_counted() -> None:
    # the review: "character n-gram similarity 0.86" with nothing a reader could check it against
    a = build_profile("a", [Message(t) for t in A_LINES])
    b = build_profile("b", [Message(t) for t in B_LINES])
    style = next(e for e in worded(score_pair(a, b), a, b).evidence if e.kind == "style")
    fragments = list(style.features)
    assert len(fragments) == 5
    counts = ", ".join(f"“{g}” {_uses(A_LINES, g)} / {_uses(B_LINES, g)}" for g in fragments)
    assert style.reason.endswith(
        "; sample: a 10 message(s), 100 word(s) / b 10 message(s), 95 word(s);"
        f" most distinctive shared character fragments (uses a / b): {counts}; {CAVEAT}"
    )
    assert _uses(A_LINES, fragments[0]) > 0 and _uses(B_LINES, fragments[0]) > 0


def _line(a_lines: list[str], b_lines: list[str]) -> dict[str, object]:
    side = [{"messages": [{"text": t} for t in lines]} for lines in (a_lines, b_lines)]
    return score_line(json.dumps({"id": "x", "a": side[0], "b": side[1]}))


def test_every_compared_style_reason_carries_the_caveat_and_an_uncompared_one_does_not() -> None:
    assert STYLE_CAVEAT == CAVEAT
    compared = _style(_line(A_LINES, B_LINES))
    assert str(compared["reason"]).endswith(CAVEAT)
    other = _style(_line(A_LINES, ["The committee minutes will be circulated on Thursday afternoon."] * 6))
    assert str(other["reason"]).endswith(CAVEAT)  # against as much as for: the same caveat
    short = _style(_line(A_LINES[:2], B_LINES[:2]))
    assert str(short["reason"]).startswith("writing style and timing profiles not compared")
    assert "caveat" not in str(short["reason"])


def test_the_kinds_considered_add_up_and_say_which_were_not_compared() -> None:
    # the review: the kinds that abstained were listed, but counted + discounted + abstained kinds did not
    # add up to the kinds considered
    short = score_line(
        json.dumps(
            {
                "id": "short",
                "a": {"handle": "dave_hunter", "messages": [{"text": "ring 07700 900777"}]},
                "b": {"handle": "dave.hunter", "messages": [{"text": "new number, it's me again"}]},
            }
        )
    )
    assert short["kinds_considered"] == {
        "considered": 6,
        "counted": ["names", "self_reference"],
        "not_counted": [],
        "not_compared": ["style", "tags", "timing"],
        "nothing_found": ["identifiers"],
        "hand_set": ["names", "self_reference"],
    }
    for line in map(score_line, PAIRS.read_text(encoding="utf-8").splitlines()):
        if "error" in line:
            continue
        tally = line["kinds_considered"]
        groups = [tally[g] for g in ("counted", "not_counted", "not_compared", "nothing_found")]
        assert sorted(k for g in groups for k in g) == sorted(EVIDENCE_KINDS)
        assert sum(len(g) for g in groups) == tally["considered"] == len(EVIDENCE_KINDS)


def test_a_reason_shown_but_carrying_no_weight_is_tallied_as_not_counted() -> None:
    lines = [Message("hi")]
    a = build_profile("sms:+447700900111", lines, "+447700900111", "Dave Hunter")
    b = build_profile("whatsapp:+447700900222", lines, "+447700900222", "Dave Hunterr")
    record = link_json(score_pair(a, b))
    names = next(e for e in record["evidence"] if e["kind"] == "names")
    assert names["weight_log10"] == 0.0 and "not counted" in names["reason"]
    tally = kind_tally(record["kinds"], record["evidence"])
    assert (tally.counted, tally.not_counted, tally.considered) == ((), ("names",), 6)
    assert tally.words() == (
        "6 kinds of evidence considered: 1 shown but not counted (names); 3 not compared for too little"
        " text on one side (style, tags, timing); 2 found nothing (identifiers, self_reference)"
    )
