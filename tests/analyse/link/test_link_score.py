"""`footprint link-score`: exact fields, input order, abstention, bad lines, and the pair scorer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.analyse.link import text as tx
from footprint.analyse.link.profile import Message, Profile, build_profile
from footprint.analyse.link.score import HAND_SET, score_pair, verbal
from footprint.cli import cli

PAIRS = Path(__file__).parents[2] / "data" / "link" / "pairs.jsonl"


def test_link_score_fields_and_order(run_cli: Callable[..., Result]) -> None:
    result = run_cli("link-score", str(PAIRS))
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["same", "different", None, "short"]
    assert list(out[0]) == [
        "id",
        "score",
        "log10_lr",
        "abstained",
        "verbal",
        "kinds",
        "evidence",
        "kinds_considered",
        "tool",
        "tool_version",
        "analyser",
        "analyser_version",
    ]
    assert out[0]["evidence"][0]["kind"] == "identifiers"
    assert out[0]["evidence"][0]["features"] == ["+447700900777"]
    assert out[0]["score"] > 0.99 and out[0]["log10_lr"] >= 3 and not out[0]["abstained"]
    assert out[1]["log10_lr"] < 1
    assert {k: out[2][k] for k in ("id", "error")} == {
        "id": None,
        "error": "line 3: not JSON (Expecting value)",
    }
    assert out[3]["abstained"] is True and out[3]["score"] == 0.5 and out[3]["log10_lr"] == 0.0


def test_link_score_reads_stdin() -> None:
    result = CliRunner().invoke(cli, ["link-score", "-"], input=PAIRS.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 4


def test_identifiers_are_normalised() -> None:
    found = tx.identifiers(
        "Mail John.Smith+x@GoogleMail.com or ring 07700 900123, see https://www.Example.org/p/?utm_source=x&id=4"
    )
    assert ("email", "johnsmith@gmail.com") in [(k, v) for k, v, _ in found]
    assert ("phone", "+447700900123") in [(k, v) for k, v, _ in found]
    assert ("url", "example.org/p?id=4") in [(k, v) for k, v, _ in found]
    assert (
        tx.mask("hi @bob #tag https://x.org")
        == f"hi {tx.MASKS['mention']} {tx.MASKS['hashtag']} {tx.MASKS['url']}"
    )


def test_names_and_self_references() -> None:
    assert tx.name_similarity("dave_hunter", "dave_hunter88")[0] >= 0.95
    assert tx.name_similarity("xX_dave.hunter_Xx", "davehunter")[0] < 0.95
    assert tx.name_similarity("Margaret", "dave_hunter")[0] < 0.85
    labels = [label for label, _ in tx.self_references("New number. It's me again")]
    assert labels == ["it's me again", "new number"]
    assert tx.is_block_event("You blocked this contact.", True)
    assert tx.is_block_event("I have blocked your number.", False)


def test_a_new_or_old_number_is_the_writers_own_only_when_nothing_says_it_is_someone_elses() -> None:
    # in a stalking case "your new number" is about her: it had scored as "this is my new account"
    about_others = [
        "got your new number off Dan btw",
        "is this your new phone?",
        "still got your old number lol",
        "my sister has a new account",
        "your other account is private",
    ]
    assert [tx.self_references(t) for t in about_others] == [[]] * 5
    own = [
        "this is my new account",
        "I've got a new number",
        "its me again, new number innit",
        "my old number",
    ]
    assert [[label for label, _ in tx.self_references(t)] for t in own] == [
        ["new account"],
        ["new number"],
        ["it's me again", "new number"],
        ["other account"],
    ]


def test_a_new_number_denied_withheld_asked_about_or_someone_elses_is_not_the_writers() -> None:
    # her "my new number is none of your business" had linked her account with his phone (log10 LR +1)
    not_self = [
        "fuck off. my new number is none of your business",
        "I'll find your new number too. 07700 900555 isn't it",
        "you're not getting my new number",
        "I won't give you my new number",
        "why do you want my new number?",
        "got a new number?",
        "have you got a new account?",
        "you've got a new number",
        "he got a new phone",
        "my sister's got a new account",
    ]
    assert [tx.self_references(t) for t in not_self] == [[]] * len(not_self)
    # the same words stating that the writer has it still count (the contrast)
    self_said = [
        "fuck off. this is my new number",
        "I've got a new number",
        "got a new number, dont ignore me",
        "i'm not using my old number anymore, this is my new number",
        "new number. u cant block me forever innit !!!",
    ]
    assert [[label for label, _ in tx.self_references(t)] for t in self_said] == [
        ["new number"],
        ["new number"],
        ["new number"],
        ["new number"],
        ["new number", "can't block me"],
    ]


def test_verbal_scale() -> None:
    assert verbal(0.5) == "weak support for the same person"
    assert verbal(2.4) == "moderately strong support for the same person"
    assert verbal(-3.2) == "strong support for different people"
    assert verbal(4.5) == "very strong support for the same person"
    assert verbal(0.0, abstained=True) == "no opinion (too little text)"


def test_scoring_is_deterministic_and_symmetric_in_weight() -> None:
    lines = [f"message number {i} with some words, innit !!!" for i in range(12)]
    a = build_profile("a", [Message(t, f"2024-01-{i + 1:02d}T10:00:00Z") for i, t in enumerate(lines)])
    b = build_profile(
        "b", [Message(t.upper(), f"2024-02-{i + 1:02d}T22:00:00Z") for i, t in enumerate(lines)]
    )
    first, again, swapped = score_pair(a, b), score_pair(a, b), score_pair(b, a)
    assert first == again
    assert abs(first.log10_lr - swapped.log10_lr) < 1e-6


def test_batch_features_match_pair_features() -> None:
    import numpy as np

    from footprint.analyse.link.batch import features_for_pairs
    from footprint.analyse.link.fusion import pair_features

    texts = [
        [
            f"msg {i} from writer {w}: {'innit !!!' if w % 2 else 'Kind regards.'} #tag{w} @x{i % 3}"
            for i in range(8)
        ]
        for w in range(5)
    ]
    profiles = [
        build_profile(f"w{w}", [Message(t, f"2024-01-0{1 + i % 7}T1{w}:00:00Z") for i, t in enumerate(ts)])
        for w, ts in enumerate(texts)
    ]
    pairs = [(0, 1), (1, 0), (2, 4), (3, 1), (0, 4)]
    one = np.array([pair_features(profiles[a], profiles[b]) for a, b in pairs])
    assert np.allclose(features_for_pairs(profiles, pairs), one, atol=1e-4)


def _pair_line(a_times: list[str], b_times: list[str]) -> str:
    def side(handle: str, times: list[str]) -> dict[str, object]:
        texts = [
            f"right so {handle} says it again and again and again, number {i} !!" for i in range(len(times))
        ]
        return {
            "handle": handle,
            "messages": [{"text": t, "sent_at_utc": w} for t, w in zip(texts, times, strict=True)],
        }

    return json.dumps({"id": "p", "a": side("a", a_times), "b": side("b", b_times)})


def test_link_score_reads_times_with_an_offset_or_none_as_utc() -> None:
    from footprint.cli.link_cmds import score_line

    late = [f"2024-03-0{d}T23:30:00+02:00" for d in range(1, 7)]  # 21:30 UTC, the earlier account
    early = [f"2024-03-0{d}T20:00:00Z" for d in range(7, 10)] + ["2024-03-10T01:00:00+05:00"] * 3
    as_utc = [f"2024-03-0{d}T21:30:00Z" for d in range(1, 7)]
    naive = [f"2024-03-0{d}T21:30:00" for d in range(1, 7)]
    expected = score_line(_pair_line(as_utc, early))
    assert score_line(_pair_line(late, early)) == expected
    assert score_line(_pair_line(naive, early)) == expected
    timing = next(e for e in expected["evidence"] if e["reason"].startswith("hour-of-day"))
    assert timing["reason"].startswith("hour-of-day profiles alike 0.")
    alternation = next(e for e in expected["evidence"] if e["reason"].startswith("never active"))
    assert alternation["reason"] == (
        "never active at the same time: a fell silent 0.9 day(s) before b began; not counted:"
        " a 6 message(s) over 5.0 day(s), b 6 message(s) over 2.0 day(s), and a gap means something only"
        " between accounts each seen in at least 5 messages over 7 days"
    )


def test_link_score_refuses_a_time_it_cannot_read() -> None:
    from footprint.cli.link_cmds import score_line

    out = score_line(_pair_line(["yesterday"] * 6, ["2024-03-01T20:00:00Z"] * 6), 4)
    assert out["error"] == (
        "line 4: a.messages[0].sent_at_utc 'yesterday' is not an ISO 8601 time;"
        " give one such as 2024-03-01T23:00:00Z"
    )


def test_short_accounts_abstain_only_when_the_other_evidence_adds_up_to_less_than_moderate() -> None:
    from footprint.analyse.link.score import CaseContext

    # five short messages each over eight days: too little text for style, enough for the gap to count
    def account(key: str, month: int, words: str) -> Profile:
        texts = [words, "ok", "see you", "fine", "later"]
        return build_profile(
            key, [Message(t, f"2024-{month:02d}-{1 + 2 * i:02d}T20:00:00Z") for i, t in enumerate(texts)]
        )

    a = account("a", 3, "ring 07700 900123 or mail sam@example.org")
    b = account("b", 4, "it's 07700 900123, sam@example.org")
    # both identifiers are a third, unattributed account's own: a fifth of their weight each
    ctx = CaseContext(
        accounts=10,
        native_ids={"sms:+447700900123": "+447700900123", "email:sam@example.org": "sam@example.org"},
        identifier_accounts={("phone", "+447700900123"): 2, ("email", "sam@example.org"): 2},
    )
    scored = score_pair(a, b, ctx)
    assert [(e.kind, round(e.weight, 3)) for e in scored.evidence] == [
        ("identifiers", 0.6),
        ("identifiers", 0.6),
        ("timing", 0.3),
        ("style", 0.0),
    ]
    assert (scored.abstained, scored.log10_lr, scored.verbal) == (
        False,
        1.5,
        "moderate support for the same person",
    )
    unlinked = score_pair(a, account("c", 4, "look now"), ctx)
    assert (unlinked.abstained, unlinked.log10_lr, unlinked.kinds["timing"]) == (True, 0.0, 0.3)


def test_names_too_short_to_tell_people_apart_are_not_evidence() -> None:
    assert tx.name_similarity("Jo", "jo") == (
        0.0,
        "too short to tell people apart (under 5 letters or digits)",
    )
    assert tx.name_similarity("Mum", "mum")[0] == 0.0
    assert tx.name_similarity("J0_", "jo_99")[0] == 0.0
    assert tx.name_similarity("Dave5", "dave5") == (1.0, "identical after removing case and decorations")
    lines = [Message("hi", "2024-03-01T20:00:00Z")]
    assert score_pair(build_profile("a", lines, "Dave"), build_profile("b", lines, "dave")).evidence == (
        score_pair(build_profile("a", lines), build_profile("b", lines)).evidence
    )


def test_the_style_reason_names_the_writing_habits_of_both_accounts() -> None:
    a = build_profile("a", [Message("ok then i will see you at the shop later on today.")] * 6)
    b = build_profile("b", [Message("Ok then I will see you at the shop later on today 😀")] * 6)
    style = next(e for e in score_pair(a, b).evidence if e.kind == "style")
    assert style.reason.endswith(
        "; writing habits (a / b): 50 / 51 characters a message, ending in . ! or ? 100% / 0%,"
        " capital letters 0% / 5%, emoji or other symbols 0% / 100%, starting in lower case 100% / 0%"
    )


def test_an_identifier_that_is_also_one_of_the_pairs_own_is_not_discounted_as_a_third_accounts() -> None:
    from footprint.analyse.link.score import CaseContext

    a = build_profile("sms:+447700900777", [Message("ring me on 07700 900777")])
    b = build_profile("x:d_hunter88", [Message("text me on +44 7700 900777")])
    ids = {"sms:+447700900777": "+447700900777", "x:d_hunter88": "d_hunter88"}
    alone = score_pair(a, b, CaseContext(native_ids=ids))
    # the same number is also his WhatsApp account's: still his, not a third person's
    both = score_pair(a, b, CaseContext(native_ids={**ids, "whatsapp:+447700900777": "+447700900777"}))
    assert [(e.reason, e.weight) for e in both.evidence if e.kind == "identifiers"] == [
        (r.reason, r.weight) for r in alone.evidence if r.kind == "identifiers"
    ]
    assert not any("another account" in e.reason for e in both.evidence)


def test_the_reasons_add_up_to_the_score_when_it_is_held_at_its_limit() -> None:
    from footprint.analyse.link.score import CaseContext

    lines = [
        f"its me again, new number innit, u cant block me !!! ring 07700 900777 now, message {i}"
        for i in range(6)
    ]
    a = build_profile(
        "x:dave_hunter",
        [Message(t, f"2024-03-0{i + 1}T23:00:00Z") for i, t in enumerate(lines)],
        "dave_hunter",
    )
    b = build_profile(
        "x:dave_hunter88",
        [Message(t, f"2024-03-1{i + 1}T23:00:00Z") for i, t in enumerate(lines)],
        "dave_hunter88",
    )
    ctx = CaseContext(native_ids={"x:dave_hunter": "dave_hunter", "x:dave_hunter88": "+447700900777"})
    scored = score_pair(a, b, ctx)
    assert scored.log10_lr == 6.0 and scored.verbal == "extremely strong support for the same person"
    limit = [e for e in scored.evidence if e.kind == "limit"]
    assert len(limit) == 1 and limit[0].weight < 0
    assert limit[0].reason.startswith("the reasons above add up to log10 LR +")
    assert limit[0].reason.endswith("; the score is held at +6.00, the limit of what this analyser reports")
    assert sum(scored.kinds.values()) == pytest.approx(scored.log10_lr, abs=2e-3)


def test_a_phone_number_followed_by_other_digits_is_still_found() -> None:
    for text in (
        "ring 07700 900777 (0) now",
        "07700 900777 24/7",
        "call +44 7700 900777 2 rings then hang up",
    ):
        assert [(k, v) for k, v, _ in tx.identifiers(text)] == [("phone", "+447700900777")], text
    assert tx.identifiers("order 1234 5678 9012 3456") == []


def test_a_phone_number_after_other_digits_is_still_found() -> None:
    # "order ref 12345 07700 900777" read as one run of digits that is no number, so the shared phone was missed
    text = "order ref 12345 07700 900777"
    assert tx.identifiers(text) == [("phone", "+447700900777", (16, 28))]
    assert text[16:28] == "07700 900777"
    assert [(k, v) for k, v, _ in tx.identifiers("ref 99 +44 7700 900777 2 rings")] == [
        ("phone", "+447700900777")
    ]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            '{"id": "p2", "a": {"messages": [{"txt": "hello"}]}, "b": {"messages": []}}',
            "line 1: a.messages[0] has an unknown field 'txt'; a message has text and sent_at_utc",
        ),
        (
            '{"id": "p2", "a": {"messages": []}, "b": {"mesages": [{"text": "hi"}]}}',
            "line 1: b has an unknown field 'mesages'; an account has handle, display_name and messages",
        ),
        (
            '{"id": "p2", "pair_a": {}, "a": {}, "b": {}}',
            "line 1: unknown field 'pair_a'; a line has id, a and b",
        ),
        (
            '{"id": "p2", "a": {"messages": ["hello"]}, "b": {}}',
            "line 1: a.messages[0] must be an object with text and sent_at_utc",
        ),
        (
            '{"id": "p2", "a": {"messages": [{"sent_at_utc": "2024-01-01T10:00:00Z"}]}, "b": {}}',
            'line 1: a.messages[0] has no text; give "text": "" for a message without words',
        ),
        (
            '{"id": "p2", "a": {"messages": [{"text": ["a", "b"]}]}, "b": {}}',
            "line 1: a.messages[0].text must be a string, not a list",
        ),
    ],
)
def test_a_misspelt_or_unknown_field_is_an_error_not_ignored(line: str, error: str) -> None:
    # misspelt keys were ignored, so the pair was scored on nothing and came out "too little text"
    from footprint.cli.link_cmds import score_line

    assert score_line(line)["error"] == error


def test_names_both_saved_by_a_phones_owner_are_shown_but_not_counted() -> None:
    # her two contacts both saved as "John Smith": the tool would only repeat her attribution
    lines = [Message("hi", "2024-03-01T20:00:00Z")]
    old = build_profile("sms:+447700900456", lines, "+447700900456", "John Smith")
    new = build_profile("whatsapp:John Smith", lines, "John Smith", "John Smith")
    [names] = [e for e in score_pair(old, new).evidence if e.kind == "names"]
    assert (names.weight, names.reason) == (
        0.0,
        "names 'John Smith' and 'John Smith' are alike (identical after removing case and decorations) but"
        " not counted: both are names a phone's owner saved for these contacts (sms:+447700900456,"
        " whatsapp:John Smith), not names either account chose, so they repeat that person's attribution",
    )


def test_a_name_saved_by_a_phones_owner_is_said_to_be_one() -> None:
    lines = [Message("hi", "2024-03-01T20:00:00Z")]
    saved = build_profile("sms:+447700900456", lines, "+447700900456", "John Smith")
    chosen = build_profile("instagram:johnsmith_84", lines, "johnsmith_84", "John Smith")
    [names] = [e for e in score_pair(saved, chosen).evidence if e.kind == "names"]
    assert (names.weight, names.reason) == (
        1.5,
        "names 'John Smith' and 'John Smith' are alike: identical after removing case and decorations;"
        " 'John Smith' is the name a phone's owner saved for sms:+447700900456, not one it chose;"
        f" {HAND_SET}",
    )


def test_a_whatsapp_name_the_sender_chose_is_not_a_saved_name() -> None:
    lines = [Message("hi", "2024-03-01T20:00:00Z")]
    saved = build_profile("sms:+447700900456", lines, "+447700900456", "John Smith")
    chosen = build_profile("whatsapp:John Smith", lines, "John Smith", "~ John Smith")
    [names] = [e for e in score_pair(saved, chosen).evidence if e.kind == "names"]
    assert names.weight == 1.5


@pytest.mark.slow
def test_the_names_reason_is_the_same_whatever_the_hash_seed() -> None:
    # {handle, display_name} was a set: of two equally alike names, which one the reason quoted
    # depended on PYTHONHASHSEED, so two runs of the same case could word a link differently
    code = (
        "from footprint.analyse.link.profile import Message, Profile, build_profile\n"
        "from footprint.analyse.link.score import score_pair\n"
        "m = [Message('hi', '2024-03-01T20:00:00Z')]\n"
        "a = build_profile('x:1', m, 'dave_hunter', 'Dave Hunter')\n"
        "b = build_profile('instagram:2', m, 'davehunter', 'DAVE HUNTER')\n"
        "print([e.reason for e in score_pair(a, b).evidence if e.kind == 'names'][0])\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2, 3)
    }  # fmt: skip
    assert seen == {
        "names 'dave_hunter' and 'davehunter' are alike: identical after removing case and decorations;"
        f" {HAND_SET}\n"
    }


def test_the_account_that_began_later_is_the_continuation_to_the_millisecond() -> None:
    words = "I told you before that I would find you whatever number you block"
    old = build_profile("x:old", [Message(words, "2024-03-01T09:00:00Z")])
    new = build_profile("x:new", [Message(f"New number. It's me again. {words}", "2024-03-01T09:00:00.500Z")])
    for a, b in ((old, new), (new, old)):
        reasons = [e.reason for e in score_pair(a, b).evidence if e.kind == "self_reference"]
        assert reasons == [
            "x:new presents itself as a continuation of an earlier account: “it's me again”, “new number”;"
            f" {HAND_SET}"
        ]


def test_a_new_account_taking_her_name_is_not_evidence_that_she_runs_it() -> None:
    from footprint.analyse.link.score import CaseContext

    # a fake profile "Jane Doe" beside hers had "moderate support" that she operates it, from the name
    hers = build_profile(
        "x:janedoe", [Message("please leave me alone", "2026-03-01T09:00:00Z")], "janedoe", "Jane Doe"
    )
    fake = build_profile(
        "x:jane.doe.real",
        [Message("hi everyone this is my account", "2026-03-03T12:00:00Z")],
        "jane.doe.real",
        "Jane Doe",
    )
    plain = score_pair(hers, fake)
    assert plain.kinds["names"] == 1.5
    scored = score_pair(hers, fake, CaseContext(complainant_accounts=frozenset({"x:janedoe"})))
    [names] = [e for e in scored.evidence if e.kind == "names"]
    assert names.weight == 0.0
    assert names.reason.endswith(
        "but not counted: x:janedoe is the complainant's, and an account taking her name is what impersonation"
        " looks like (see the impersonation finding), not a sign that she runs it"
    )
    assert scored.abstained and scored.log10_lr == 0.0
