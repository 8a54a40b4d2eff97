"""Evidence weighed by how telling it is (link v8): shared identifiers by how personal they are, copied
texts out of style, the gap between accounts only when both were seen long enough, names by their stem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.analyse import run_analysers
from footprint.analyse.link import text as tx
from footprint.analyse.link.analyser import case_profiles
from footprint.analyse.link.profile import Message, Profile, build_profile
from footprint.analyse.link.score import HAND_SET, CaseContext, Evidence, LinkScore, score_pair
from footprint.analyse.link.wording import worded
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from tests.analyse.link.conftest import OTHER_LINES

# two strangers' own lines: a committee secretary's and a football club's (the conftest's other writers)
STRANGERS = {"x:amy_w": OTHER_LINES["x:margaret_fielding"], "x:bob_k": OTHER_LINES["x:tom_riverside"]}


def _account(key: str, quote: str, lines: list[str] | None = None, handle: str = "") -> Profile:
    """An account of its own lines (the stranger's of that key) plus one quoting ``quote``."""
    own = STRANGERS.get(key, []) if lines is None else lines
    texts = [*own, quote] if quote else own
    day = 1 if key < "x:b" else 15
    return build_profile(
        key, [Message(t, f"2024-03-{day + i:02d}T1{i}:00:00Z") for i, t in enumerate(texts)], handle
    )


def _ids(link: LinkScore) -> list[Evidence]:
    return [e for e in link.evidence if e.kind == "identifiers"]


# D1: a shared phone number, e-mail or address weighed by how personal it is


def test_a_number_attributed_to_another_person_does_not_link_two_accounts() -> None:
    # both quote Mary's number: it counted a fifth (0.6), whoever she is
    a, b = _account("x:amy_w", "Mary is on 07700 900555"), _account("x:bob_k", "ring Mary, 07700 900555")
    ctx = CaseContext(
        accounts=5,
        native_ids={"sms:+447700900555": "+447700900555"},
        identifier_accounts={("phone", "+447700900555"): 2},
        persons={"sms:+447700900555": "Mary Third"},
    )
    [shared] = _ids(score_pair(a, b, ctx))
    assert (shared.weight, shared.reason) == (
        0.0,
        "both accounts use the same phone +447700900555 (found in 2 of 5 accounts); not counted: it is the"
        " phone of sms:+447700900555, attributed to Mary Third",
    )


def test_the_complainants_own_number_does_not_link_accounts_to_each_other_or_to_her() -> None:
    hers = "sms:+447700900001"
    ctx = CaseContext(
        accounts=4,
        native_ids={hers: "+447700900001", "x:amy_w": "amy_w", "x:bob_k": "bob_k"},
        identifier_accounts={("phone", "+447700900001"): 2},
        complainant_accounts=frozenset({hers}),
        persons={hers: "Jane Doe"},
    )
    a, b = _account("x:amy_w", "I know your number 07700 900001"), _account("x:bob_k", "07700 900001 is hers")
    [shared] = _ids(score_pair(a, b, ctx))
    assert (shared.weight, shared.reason) == (
        0.0,
        "both accounts use the same phone +447700900001 (found in 2 of 4 accounts); not counted: it is the"
        " complainant's own (sms:+447700900001), and accounts that write to her or about her quote it",
    )
    # an account quoting her number to her is not her account: it gave +3.0 as "the phone of ... itself"
    her = build_profile(hers, [Message("please stop texting me", "2024-03-01T10:00:00Z")], "+447700900001")
    to_her = score_pair(her, a, ctx)
    assert [(e.weight, e.reason) for e in _ids(to_her)] == [
        (
            0.0,
            "x:amy_w gives +447700900001, which is the phone of sms:+447700900001 itself; not counted: that"
            " account is the complainant's, and accounts that write to her or about her quote her number",
        )
    ]
    assert to_her.abstained


@pytest.mark.parametrize(
    ("quoted", "value", "why"),
    [
        ("call 0800 123 4567 for help", "+448001234567", "a UK 08 number (freephone or business rate)"),
        ("her office is 0345 300 0100", "+443453000100", "a UK 03 number (non-geographic, used by businesses and public services)"),
        ("mail info@riverside-fc.org.uk", "info@riverside-fc.org.uk", "a role mailbox (info@), which an organisation publishes"),
    ],
)  # fmt: skip
def test_a_business_number_or_mailbox_does_not_link(quoted: str, value: str, why: str) -> None:
    # two strangers quoting her workplace's 0800 number reached "strong support" (+3.0) alone
    a, b = _account("x:amy_w", quoted), _account("x:bob_k", quoted)
    link = score_pair(a, b)
    [shared] = _ids(link)
    assert shared.weight == 0.0
    assert shared.reason.endswith(f" {value}; not counted: it is {why}")
    assert link.kinds["identifiers"] == 0.0


def test_emergency_and_service_numbers_are_not_read_as_identifiers() -> None:
    assert tx.identifiers("call 999 now, or 101, or 111 if it's not urgent") == []


def test_a_number_quoted_by_three_or_more_accounts_does_not_link() -> None:
    a, b = _account("x:amy_w", "text 07700 900888"), _account("x:bob_k", "text 07700 900888")
    ctx = CaseContext(accounts=10, identifier_accounts={("phone", "+447700900888"): 3})
    [shared] = _ids(score_pair(a, b, ctx))
    assert (shared.weight, shared.reason) == (
        0.0,
        "both accounts use the same phone +447700900888 (found in 3 of 10 accounts); not counted: 3 accounts"
        " in the case quote it, so it is known to many and does not show that one person runs these two",
    )
    # quoted by two: full weight (only these two know it)
    ctx2 = CaseContext(accounts=10, identifier_accounts={("phone", "+447700900888"): 2})
    assert [e.weight for e in _ids(score_pair(a, b, ctx2))] == [3.0]


def test_an_accounts_own_number_keeps_its_weight_however_many_quote_it() -> None:
    # the burner's own number, given by his X account: it is the account, not a number passed around
    burner = build_profile("sms:+447700900777", [Message("ring me on 07700 900777", "2024-03-01T20:00:00Z")])
    x = build_profile("x:d_hunter88", [Message("text me on +44 7700 900777", "2024-03-09T20:00:00Z")])
    ctx = CaseContext(
        accounts=10,
        native_ids={"sms:+447700900777": "+447700900777", "x:d_hunter88": "d_hunter88"},
        identifier_accounts={("phone", "+447700900777"): 4},
    )
    # full weight (3.0) beside "gives the number of ... itself" (3.0), the two held at the cap of 4
    assert [(e.weight, e.reason) for e in _ids(score_pair(burner, x, ctx))] == [
        (2.0, f"both accounts use the same phone +447700900777 (found in 4 of 10 accounts); {HAND_SET}"),
        (
            2.0,
            f"x:d_hunter88 gives +447700900777, which is the phone of sms:+447700900777 itself; {HAND_SET}",
        ),
    ]


# D4: shared public web links


@pytest.mark.parametrize(
    ("link", "site"),
    [
        ("https://www.bbc.co.uk/news/uk-england-12345678", "bbc.co.uk"),
        ("https://youtu.be/dQw4w9WgXcQ?si=AbCdEf", "youtu.be"),
        ("https://m.facebook.com/story.php?story_fbid=123&id=456", "facebook.com"),
    ],
)
def test_a_shared_link_to_a_public_site_does_not_link(link: str, site: str) -> None:
    a, b = _account("x:amy_w", f"have you seen {link}"), _account("x:bob_k", f"{link} lol")
    [shared] = _ids(score_pair(a, b))
    assert shared.weight == 0.0
    assert shared.reason.endswith(
        f"; not counted: it is a link to a public site ({site}): news, videos and posts are passed on by many"
    )


@pytest.mark.parametrize(
    "link",
    [
        "https://drive.google.com/file/d/1AbCdEfGh/view",
        "https://www.dropbox.com/s/q8w7e6/holiday.zip",
        "https://dave-photos.example.net/album/7",
    ],
)
def test_a_shared_private_link_keeps_its_weight(link: str) -> None:
    a, b = _account("x:amy_w", f"got them here {link}"), _account("x:bob_k", f"{link} innit")
    assert [e.weight for e in _ids(score_pair(a, b))] == [1.5]


def test_a_link_quoted_by_three_or_more_accounts_does_not_link() -> None:
    link = "https://dave-photos.example.net/album/7"
    a, b = _account("x:amy_w", f"see {link}"), _account("x:bob_k", f"see {link}")
    ctx = CaseContext(accounts=6, identifier_accounts={("url", "dave-photos.example.net/album/7"): 3})
    assert [e.weight for e in _ids(score_pair(a, b, ctx))] == [0.0]


def test_a_profile_link_naming_one_of_the_pair_keeps_its_weight() -> None:
    # a link to the account itself on a public site: it is the account
    a = _account("x:amy_w", "my insta is www.instagram.com/D_Hunter88 follow it", handle="dave_hunter")
    b = _account("x:bob_k", "https://www.instagram.com/D_Hunter88/", handle="d_hunter88")
    assert [e.weight for e in _ids(score_pair(a, b))] == [1.5]


# D5: texts copied word for word are not writing style

CHAIN = [
    "Forward this to ten friends before midnight or you will have bad luck for seven years.",
    "Share this with everyone you know, the police are warning about a new scam going round!!",
    "If you don't send this on within the hour something terrible will happen to your family.",
]


def test_texts_both_accounts_copied_are_left_out_of_the_style_comparison() -> None:
    def pair(extra: list[str]) -> tuple[Profile, Profile]:
        return (
            _account("x:amy_w", "", STRANGERS["x:amy_w"] + extra),
            _account("x:bob_k", "", STRANGERS["x:bob_k"] + extra),
        )

    with_chain, own_only = score_pair(*pair(CHAIN)), score_pair(*pair([]))
    # the chain letters made two strangers' styles look alike
    assert with_chain.kinds["style"] == pytest.approx(own_only.kinds["style"], abs=1e-6)
    copied = [e for e in with_chain.evidence if e.reason.startswith("3 text(s)")]
    assert [(e.kind, e.weight, e.reason) for e in copied] == [
        (
            "style",
            0.0,
            "3 text(s) of 8 or more words sent word for word by both accounts (forwarded or copied, such as"
            " “Forward this to ten friends before midnight or you will …”) left out of the"
            " comparison of writing style and timing profiles: copied words are not the sender's writing",
        )
    ]
    assert [i.account for i in copied[0].items] == ["x:amy_w", "x:amy_w", "x:bob_k", "x:bob_k"]


def test_short_or_retyped_texts_are_not_taken_as_copied() -> None:
    a = _account("x:amy_w", "", ["ok see you later then", "I will see you at the shop later on today."])
    b = _account("x:bob_k", "", ["ok see you later then", "i will see you at the shop later on today"])
    assert not (a.verbatim & b.verbatim)


# D7: "never active at the same time" only between accounts seen long enough


def _active(key: str, start_day: int, n: int, every_days: int) -> Profile:
    return build_profile(
        key,
        [Message(f"message {i}", f"2024-03-{start_day + i * every_days:02d}T20:00:00Z") for i in range(n)],
    )


def test_a_gap_between_accounts_seen_once_or_twice_is_not_counted() -> None:
    old, new = _active("x:old", 1, 2, 1), _active("x:new", 4, 1, 1)
    [gap] = [e for e in score_pair(old, new).evidence if e.reason.startswith("never active")]
    assert (gap.weight, gap.reason) == (
        0.0,
        "never active at the same time: x:old fell silent 2.0 day(s) before x:new began; not counted:"
        " x:old 2 message(s) over 1.0 day(s), x:new 1 message(s) over 0.0 day(s), and a gap means something"
        " only between accounts each seen in at least 5 messages over 7 days",
    )


def test_a_gap_between_accounts_each_seen_over_a_week_counts() -> None:
    old, new = _active("x:old", 1, 5, 2), _active("x:new", 12, 5, 2)
    [gap] = [e for e in score_pair(old, new).evidence if e.reason.startswith("never active")]
    assert (gap.weight, gap.reason) == (
        0.3,
        f"never active at the same time: x:old fell silent 3.0 day(s) before x:new began; {HAND_SET}",
    )


# D11: a year at the end of a handle is not leetspeak


def test_trailing_digits_are_removed_before_digits_are_read_as_letters() -> None:
    assert [
        tx.name_stem(n) for n in ("jane1990", "jane_77", "Jane_IO", "j0hn.smith", "xX_J0hn.Smith_99Xx")
    ] == [
        "jane",
        "jane",
        "janeio",
        "johnsmith",
        "xxjohnsmithxx",
    ]
    for x, y in (("jane1990", "jane_77"), ("jane_77", "jane1990"), ("sarah.1985", "sarah_85")):
        assert tx.name_similarity(x, y) == (
            0.95,
            f"the same stem {tx.name_stem(x)!r} with different digits or decorations",
        )
    # "jane1990" was read "janei99o" and then "janeio": the same stem as "Jane_IO"
    for x, y in (("jane1990", "Jane_IO"), ("Jane_IO", "jane1990")):
        assert tx.name_similarity(x, y)[0] < 0.95
    assert tx.name_similarity("j0hn_smith", "john.smith99")[0] == 0.95


def test_in_a_case_two_strangers_quoting_her_number_mary_s_and_a_helpline_are_not_linked(
    case: Case, tmp_path: Path
) -> None:
    # the review's case: two unrelated accounts quoting her number, a witness's number and her
    # workplace's 0800 line reached "very strong support" (+4.0, the cap) that one person ran both
    quoted = "ring her on 07700 900001, or Mary on 07700 900555, or the office on 0800 123 4567"
    rows = [
        {"id": f"{key}{i}", "author": key, "recipient": "jane.doe", "text": text, "sent_at": f"2024-03-{day + 2 * i:02d}T{hour + i:02d}:00:00Z"}
        for key, lines, day, hour in (("amy_w", STRANGERS["x:amy_w"], 1, 8), ("bob_k", STRANGERS["x:bob_k"], 2, 16))
        for i, text in enumerate([*lines, quoted])
    ]  # fmt: skip
    x_file, sms_file = tmp_path / "x.jsonl", tmp_path / "sms.jsonl"
    x_file.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    sms = [
        {"id": "s1", "author": "+447700900555", "recipient": "+447700900001", "text": "are you ok?", "sent_at": "2024-03-02T09:00:00Z"},
        {"id": "s2", "author": "+447700900001", "recipient": "+447700900555", "text": "not really", "sent_at": "2024-03-02T09:05:00Z"},
    ]  # fmt: skip
    sms_file.write_text("\n".join(json.dumps(r) for r in sms) + "\n", encoding="utf-8")
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "Mary Third", "witness")
    for path, platform in ((x_file, "x"), (sms_file, "sms")):
        add_exhibit(
            case,
            path,
            AddOptions(producer="Jane Doe", owner="Jane Doe", format="jsonl_generic", platform=platform),
        )
    attribute_account(case, "sms:+447700900001", "Jane Doe", "self-export owner", as_complainant=True)
    attribute_account(case, "sms:+447700900555", "Mary Third", "her witness statement")
    run_analysers(case, ["link"], strict=True)
    pairs = [
        tuple(sorted((f.details["link"]["a"], f.details["link"]["b"])))
        for f in case.store.findings("account_link")
    ]
    # nor is either proposed as Mary's or Jane's account for quoting their numbers (it gave +3.0 each)
    assert pairs == []
    _profiles, context, _accounts, _firsts = case_profiles(case)
    assert context.persons == {"sms:+447700900001": "Jane Doe", "sms:+447700900555": "Mary Third"}


@pytest.mark.parametrize(
    ("role", "weight", "note"),
    [
        ("suspect", 3.0, ""),
        ("witness", 0.0, "; not counted: that account is attributed to Sam Roe (witness), whose number others quote to reach them"),
    ],
)  # fmt: skip
def test_giving_an_attributed_accounts_number_counts_only_when_it_is_a_suspects(
    role: str, weight: float, note: str
) -> None:
    # "ring Sam on 07700 900555" said the writer operated Sam's account (+3.0) whoever Sam was
    sams = build_profile(
        "sms:+447700900555", [Message("are you ok?", "2024-03-01T09:00:00Z")], "+447700900555"
    )
    writer = _account("x:amy_w", "ring Sam on 07700 900555")
    ctx = CaseContext(
        native_ids={"sms:+447700900555": "+447700900555", "x:amy_w": "amy_w"},
        persons={"sms:+447700900555": "Sam Roe"},
        roles={"Sam Roe": role},
    )
    assert [(e.weight, e.reason) for e in _ids(score_pair(sams, writer, ctx))] == [
        (
            weight,
            f"x:amy_w gives +447700900555, which is the phone of sms:+447700900555 itself{note}"
            + (f"; {HAND_SET}" if weight else ""),
        )
    ]


def test_the_style_reason_counts_what_was_compared_not_the_copied_texts() -> None:
    # the style reason's sample (messages, words, fragment uses) must describe the texts compared
    with_chain = [_account(k, "", STRANGERS[k] + CHAIN) for k in ("x:amy_w", "x:bob_k")]
    own_only = [_account(k, "", STRANGERS[k]) for k in ("x:amy_w", "x:bob_k")]

    def style_reason(pair: list[Profile]) -> str:
        [style] = [
            e for e in worded(score_pair(*pair), *pair).evidence if e.reason.startswith("writing style")
        ]
        return style.reason

    assert "sample: x:amy_w " in style_reason(own_only)
    assert style_reason(with_chain) == style_reason(own_only)
