"""Names that copy a party's name: a WhatsApp name the sender chose ("~ Jane Doe"), a no-break space, a
look-alike letter; the finding says which character differs and what it is (i18n review, defects 2 and 11)."""

from __future__ import annotations

from pathlib import Path

from footprint.analyse import run_analysers
from footprint.analyse.link.lookalike import describe, differences, disguised
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit

NNBSP = "\u202f"


def _case(case: Case, tmp_path: Path, name: str, text: str) -> list[tuple[str, str]]:
    """Adds one chat of hers, marks her saved contact and his, runs link: (exhibit locator, explanation)."""
    chat = tmp_path / name
    chat.write_text(text, encoding="utf-8")
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "John Smith", "suspect")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", owner="Jane Doe"))
    attribute_account(case, "whatsapp:Jane Doe", "Jane Doe", "test: she confirms it", as_complainant=True)
    attribute_account(case, "whatsapp:John Smith", "John Smith", "test: his saved number")
    run_analysers(case, ["link"], strict=True)
    items = {i.id: i.locator for i in case.store.iter_items()}
    return sorted(
        (items[f.item_id] if f.item_id else "", f.explanation) for f in case.store.findings("impersonation")
    )


def test_ios_chosen_name_copying_hers_is_an_impersonation_even_in_her_own_export(
    case: Case, tmp_path: Path
) -> None:
    # "~ Jane Doe" was her account: once attributed, his threat was flagged may_undermine against her
    found = _case(
        case,
        tmp_path,
        "WhatsApp Chat - Group.txt",
        "[15/03/2023, 10:00:00] Jane Doe: please stop messaging me\n"
        f"[15/03/2023, 10:01:00] ~{NNBSP}Jane Doe: I will kill you John, you deserve to die\n"
        "[15/03/2023, 10:02:00] John Smith: hi\n"
        f"[15/03/2023, 10:03:00] ~{NNBSP}John Smith: it's me on my other phone\n",
    )
    assert found == [
        (
            "line 2",
            "whatsapp:~ Jane Doe uses the name '~ Jane Doe', which imitates Jane Doe's identity ('Jane Doe'):"
            " identical after removing case and decorations; '~' marks a name its sender chose (WhatsApp"
            " writes it before a sender who is not a contact saved on the phone), not one the phone's owner"
            " saved. Check whether she operates it; if not, this may be a fake profile in her name.",
        ),
        (
            "line 4",
            "whatsapp:~ John Smith uses the name '~ John Smith', which copies the name of John Smith"
            " (suspect), 'John Smith': identical after removing case and decorations; '~' marks a name its"
            " sender chose (WhatsApp writes it before a sender who is not a contact saved on the phone), not"
            " one the phone's owner saved. Check who operates it: John Smith on another account, or someone"
            " else using the name.",
        ),
    ]


def test_chosen_name_is_not_held_as_hers_while_none_is_marked(case: Case, tmp_path: Path) -> None:
    # while no account is marked, a name taking hers in her own export is held as most likely hers; a
    # "~" name in an export of her phone cannot be hers (her phone does not mark her own messages)
    chat = tmp_path / "WhatsApp Chat - Group.txt"
    chat.write_text(
        "[15/03/2023, 10:00:00] Jane Doe: please stop messaging me\n"
        f"[15/03/2023, 10:01:00] ~{NNBSP}Jane Doe: I will kill you John\n",
        encoding="utf-8",
    )
    add_person(case, "Jane Doe", "complainant")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", owner="Jane Doe"))
    (outcome,) = [o for o in run_analysers(case, ["link"], strict=True) if o.analyser == "link"]
    assert [f.details["account"] for f in case.store.findings("impersonation")] == ["whatsapp:~ Jane Doe"]
    assert outcome.error == (
        "not reported as fake profiles, while no account is marked as hers: whatsapp:Jane Doe takes Jane"
        " Doe's name in JD/1, exhibits of hers — most likely her own: mark it (footprint account attribute)"
        " and analyse again; accounts taking her name are then checked"
    )


def test_no_break_space_and_look_alike_letter_are_named(case: Case, tmp_path: Path) -> None:
    found = _case(
        case,
        tmp_path,
        "WhatsApp Chat with X.txt",
        "15/03/2023, 10:00 - Jane Doe: please stop\n"
        "15/03/2023, 10:01 - Jane\u00a0Doe: I will kill you John\n"
        "15/03/2023, 10:02 - J\u0430ne Doe: you deserve it\n"
        "15/03/2023, 10:03 - John Smith: hi\n"
        f"15/03/2023, 10:04 - John{NNBSP}Smith: I will kill you\n"
        "15/03/2023, 10:05 - John Smyth: a saved name alike to his is not flagged\n",
    )
    assert found == [
        (
            "line 2",
            "'whatsapp:Jane\\xa0Doe' uses the name 'Jane\\xa0Doe', which imitates Jane Doe's identity"
            " ('Jane Doe'): identical after removing case and decorations; the 5th character is NO-BREAK"
            " SPACE (U+00A0), not a space. Check whether she operates it; if not, this may be a fake profile"
            " in her name.",
        ),
        (
            "line 3",
            "'whatsapp:J\u0430ne Doe' uses the name 'J\u0430ne Doe', which imitates Jane Doe's identity"
            " ('Jane Doe'): 1 character edit(s) apart; the 2nd letter is Cyrillic \u0430 (U+0430), not Latin a."
            " Check whether she operates it; if not, this may be a fake profile in her name.",
        ),
        (
            "line 5",
            "'whatsapp:John\\u202fSmith' uses the name 'John\\u202fSmith', which copies the name of John Smith"
            " (suspect), 'John Smith': identical after removing case and decorations; the 5th character is"
            " NARROW NO-BREAK SPACE (U+202F), not a space. Check who operates it: John Smith on another"
            " account, or someone else using the name.",
        ),
    ]


def test_differences_name_each_character_and_what_it_is() -> None:
    assert differences("Jane Doe\u200b", "Jane Doe") == "ZERO WIDTH SPACE (U+200B) added as the 9th character"
    assert (
        differences("Jane\u3164Doe", "Jane Doe") == "the 5th character is HANGUL FILLER (U+3164), not a space"
    )
    assert differences("Jane D0e", "Jane Doe") == "the 7th character is '0', not Latin o"
    assert differences("Jne Doe", "Jane Doe") == "Latin a left out before the 2nd character"
    assert differences("\u0408\u0430n\u0435 D\u043e\u0435", "Jane Doe") == (
        "the 1st letter is Cyrillic \u0408 (U+0408), not Latin J; the 2nd letter is Cyrillic \u0430 (U+0430),"
        " not Latin a; the 4th letter is Cyrillic \u0435 (U+0435), not Latin e; and 2 more difference(s)"
    )
    assert describe("\u00e9") == "Latin \u00e9 (U+00E9)"
    assert describe("\u2011") == "'\u2011' (NON-BREAKING HYPHEN, U+2011)"


def test_disguised_names() -> None:
    assert [disguised(n) for n in ("Jane Doe", "Łucja Wójcik", "فاطمة", "J\u0430ne", "Jane\u00a0Doe")] == [
        False,
        False,
        False,
        True,
        True,
    ]
