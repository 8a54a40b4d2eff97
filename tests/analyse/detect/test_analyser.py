"""The detect analyser on a small case: speaker awareness, the named complainant, context, quotation."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from footprint.analyse import run_analysers
from footprint.analyse.detect import analyser
from footprint.case import Case
from footprint.model import Finding
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report.schedules import mg6c

DATA = Path(__file__).resolve().parents[2] / "data" / "detect"


def _case(case: Case, tmp_path: Path, attribute: bool = True) -> dict[str, list[tuple[str, str]]]:
    chat = tmp_path / "WhatsApp Chat with Rob Test.txt"
    shutil.copy(DATA / "chat.txt", chat)
    add_person(case, "Amy Test", "complainant")
    add_person(case, "Rob Test", "suspect")
    add_exhibit(case, chat, AddOptions(producer="Amy Test", owner="Amy Test"))
    if attribute:
        attribute_account(case, "whatsapp:Amy Test", "Amy Test", "self-export owner", as_complainant=True)
        attribute_account(case, "whatsapp:Rob Test", "Rob Test", "complainant identifies him")
    outcomes = run_analysers(case, ["detect"], strict=True)
    assert outcomes[0].status == "ok"
    items = {i.id: i.text for i in case.store.iter_items()}
    found: dict[str, list[tuple[str, str]]] = {}
    for f in case.store.findings():
        if f.analyser == "detect" and f.item_id is not None:
            found.setdefault(items[f.item_id], []).append((f.category, f.explanation))
    return found


def test_speaker_aware_findings(case: Case, tmp_path: Path) -> None:
    found = _case(case, tmp_path)
    assert [c for c, _ in found["I'm going to kill you"]] == ["threat_to_kill", "threat_violence"]
    # her report of his threat is distress, not a threat by her
    assert [c for c, _ in found["He said he'd kill me. I'm scared"]] == ["distress"]
    assert [c for c, _ in found["Stop contacting me or I will call the police"]] == ["request_to_stop"]
    # context: a veiled threat right after she asked him to stop
    ((category, explanation),) = found["You've been warned"]
    assert category == "threat_violence"
    assert "context: sent after her message 'Stop contacting me or I will call the police'" in explanation
    assert "I would never hurt you Amy" not in found
    # the named complainant is the target
    assert [c for c, _ in found["Amy, you can't hide from me"]] == ["evasion"]
    # his words cannot be her request to stop; they may undermine the prosecution, and are listed so
    ((category, explanation),) = found["Please stop messaging me"]
    assert (category, explanation) == (
        "may_undermine",
        "May undermine the prosecution or assist the defence: a message by the suspect that reads as request"
        " to stop contact when who wrote it is set aside ('stop messaging me'; rule stop.stop_contact;"
        " score 0.92). Listed for the prosecutor (CPIA Code para 3.5); never counted toward an offence",
    )
    # her request to stop backed by calling the police is not read as her blackmail
    assert [c for c, _ in found["Stop contacting me or I will call the police"]] == ["request_to_stop"]


def test_without_a_known_complainant_reads_text_alone(case: Case, tmp_path: Path) -> None:
    found = _case(case, tmp_path, attribute=False)
    categories = [c for c, _ in found["Please stop messaging me"]]
    assert categories == ["request_to_stop"]
    assert all(
        e.endswith("who sent it is not known, so this reads the text alone") and "to her" not in e
        for _, e in found["I'm going to kill you"]
    )


def test_the_run_warns_while_no_account_of_hers_is_marked(case: Case, tmp_path: Path) -> None:
    _case(case, tmp_path, attribute=False)
    (run,) = [r for r in case.store.runs() if r.analyser == "detect"]
    assert run.error == (
        "no account is marked as Amy Test's, so who sent each message is not known: her own replies are read"
        " as if sent to her and can be listed as threats or abuse — mark her accounts (footprint account"
        " attribute) and analyse again"
    )
    limits = build_report(case).limitations
    assert f"Analyser detect v{analyser.DetectAnalyser.version}: {run.error}." in limits


def test_no_warning_once_hers_is_marked(case: Case, tmp_path: Path) -> None:
    _case(case, tmp_path)
    (run,) = [r for r in case.store.runs() if r.analyser == "detect"]
    assert run.error is None


def test_placeholders_are_not_words_and_do_not_push_context_away(case: Case, tmp_path: Path) -> None:
    # five "This message was deleted" lines from him pushed her request out of the context window,
    # so "You've been warned" lost the reading that made it a threat
    chat = tmp_path / "WhatsApp Chat with Rob Test.txt"
    deleted = "".join(f"21/03/2024, 09:0{n} - Rob Test: This message was deleted\n" for n in range(7, 10))
    chat.write_text(
        "21/03/2024, 09:06 - Amy Test: Stop contacting me or I will call the police\n"
        + deleted
        + "21/03/2024, 09:10 - Rob Test: This message was deleted\n"
        + "21/03/2024, 09:11 - Rob Test: <Media omitted>\n"
        + "21/03/2024, 09:12 - Rob Test: You've been warned\n",
        encoding="utf-8",
    )
    add_person(case, "Amy Test", "complainant")
    add_person(case, "Rob Test", "suspect")
    add_exhibit(case, chat, AddOptions(producer="Amy Test", owner="Amy Test"))
    attribute_account(case, "whatsapp:Amy Test", "Amy Test", "self-export owner", as_complainant=True)
    attribute_account(case, "whatsapp:Rob Test", "Rob Test", "complainant identifies him")
    assert run_analysers(case, ["detect"], strict=True)[0].status == "ok"
    texts = {i.id: i.text for i in case.store.iter_items()}
    found = [(texts[f.item_id], f.category) for f in case.store.findings() if f.item_id is not None]
    assert found == [
        ("Stop contacting me or I will call the police", "request_to_stop"),
        ("You've been warned", "threat_violence"),
    ]


#: a Telegram chat's message from Rob Test: ``n`` its id and minute, ``t`` its time, ``extra`` more fields
_MESSAGE = '{{"id": {n}, "type": "message", "date": "2026-03-14T10:0{n}:00", "date_unixtime": "{t}", ' \
    '"from": "Rob Test", "from_id": "user1111", {extra}"text": "{text}"}}'  # fmt: skip


def _detected_in_telegram(case: Case, tmp_path: Path, rows: list[str]) -> dict[tuple[str, str], Finding]:
    """Detection's findings on a Telegram chat of ``rows`` between Amy Test (her export) and Rob Test (the
    suspect), by message locator and category."""
    export = tmp_path / "result.json"
    export.write_text(
        '{"name": "Amy Test", "type": "personal_chat", "id": 555, "messages": [' + ", ".join(rows) + "]}",
        encoding="utf-8",
    )
    add_person(case, "Amy Test", "complainant")
    add_person(case, "Rob Test", "suspect")
    add_exhibit(case, export, AddOptions(producer="Amy Test"))
    attribute_account(case, "telegram:user1111", "Rob Test", "complainant identifies him")
    assert run_analysers(case, ["detect"], strict=True)[0].status == "ok"
    by_locator = {i.id: i.locator for i in case.store.iter_items()}
    return {(by_locator[f.item_id], f.category): f for f in case.store.findings() if f.item_id}


def test_forwarded_words_are_scored_but_said_to_be_another_persons(case: Case, tmp_path: Path) -> None:
    rows = [
        _MESSAGE.format(n=1, t=1773482460, extra='"forwarded_from": "Bob Third", ', text="I will hurt you"),
        _MESSAGE.format(n=2, t=1773482520, extra="", text="I will hurt you"),
    ]
    found = {key: f.explanation for key, f in _detected_in_telegram(case, tmp_path, rows).items()}
    forwarded = found[("messages[0]", "threat_violence")]
    own = found[("messages[1]", "threat_violence")]
    assert forwarded == own + " — in words the sender passed on (forwarded from Bob Third), not their own"
    assert "passed on" not in own


def test_a_stickers_emoji_is_scored_as_the_emoji_sent_alone(case: Case, tmp_path: Path) -> None:
    # a Telegram sticker's emoji was only in its details, so a knife sticker was never read; its text is now
    # "[sticker 🔪]", read as a lone 🔪 is (not halved as "not aimed" beside the label's word)
    rows = [
        _MESSAGE.format(n=1, t=1773482460, extra='"media_type": "sticker", "sticker_emoji": "\U0001f52a", ', text=""),
        _MESSAGE.format(n=2, t=1773482520, extra="", text="\U0001f52a"),
    ]  # fmt: skip
    found = _detected_in_telegram(case, tmp_path, rows)
    assert sorted(found) == [("messages[0]", "threat_violence"), ("messages[1]", "threat_violence")]
    sticker, typed = found[("messages[0]", "threat_violence")], found[("messages[1]", "threat_violence")]
    assert sticker.spans == ((9, 10),)  # the emoji in "[sticker 🔪]"
    assert sticker.score == typed.score
    # the emoji is the tag the sticker's pack gives its picture, not typed (prosecutor's review, session 20)
    assert sticker.explanation == typed.explanation + (
        " — the emoji a sticker is tagged with, not words the sender typed: look at the sticker itself before"
        " relying on it"
    )
    assert (sticker.details["sticker"], "sticker" in typed.details) == ("yes", False)


def test_a_message_past_the_cap_is_read_in_its_first_part_and_named(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a 54 MB message took 12 minutes and 7.2 GB to analyse; the rest of a long message is never silent
    monkeypatch.setattr(analyser, "MAX_CHARS", 40)
    chat = tmp_path / "WhatsApp Chat with Rob Test.txt"
    long = "I'm going to kill you " + "la " * 10 + "I will rape you"
    chat.write_text(
        f"12/03/2024, 21:14 - Rob Test: {long}\n12/03/2024, 21:15 - Amy Test: ok\n", encoding="utf-8"
    )
    add_exhibit(case, chat, AddOptions(producer="Amy Test", date_order="dmy"))
    [outcome] = run_analysers(case, ["detect"], strict=True)
    [item] = [i for i in case.store.iter_items() if i.text == long]  # the stored text stays whole
    assert outcome.error == (
        f"1 message(s) longer than 40 characters were analysed in their first 40 characters only; read the"
        f" rest yourself (item ids {item.id})"
    )
    assert f"Analyser detect v20: {outcome.error}." in build_report(case).limitations  # the report says so
    found = [(f.category, f.spans) for f in case.store.findings() if f.analyser == "detect"]
    assert found == [("threat_to_kill", ((13, 21),)), ("threat_violence", ((13, 21),))]  # not the rape threat


def test_a_reaction_is_not_scored_as_words(case: Case) -> None:
    # a reaction's text is an emoji or its name (Discord's custom ones are words: "kill_you"), not a
    # sentence its author wrote: the same text scored as a message is a threat, as a reaction nothing
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
    from lawscenario import Scenario

    s = Scenario(case)
    s.say("2024-03-01 12:00", "I'm going to kill you")
    s.say("2024-03-01 12:01", "I'm going to kill you", kind="reaction")
    s.build()
    run_analysers(case, ["detect"], strict=True)
    assert {f.item_id for f in case.store.findings() if f.analyser == "detect"} == {s.item(1)}


def test_an_exhibit_mostly_not_in_english_is_named(case: Case, tmp_path: Path) -> None:
    # "te voy a matar" (I'm going to kill you) got no finding, and nothing said the exhibit was not read
    chat = tmp_path / "Chat de WhatsApp con Alex.txt"
    chat.write_text(
        "22/3/24, 21:14 - Alex Suspect: sé dónde vives\n"
        "22/3/24, 21:15 - Jane Doe: déjame en paz\n"
        "22/3/24, 21:16 - Alex Suspect: ok\n"
        "22/3/24, 21:17 - Alex Suspect: te voy a matar\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
    english = tmp_path / "WhatsApp Chat with Alex.txt"
    english.write_text("22/3/24, 22:00 - Alex Suspect: I know where you live\n", encoding="utf-8")
    add_exhibit(case, english, AddOptions(producer="Jane Doe"))
    (outcome,) = run_analysers(case, ["detect"], strict=True)
    ids = [i.id for i in case.store.iter_items(chronological=True) if i.exhibit == "JD/1"]
    said = (
        f"JD/1: 3 of 4 messages look wholly or partly like Spanish (item ids {ids[0]}, {ids[1]}, {ids[3]});"
        " detection reads English only — have them translated and record what they show (footprint record)"
    )
    assert outcome.error == said  # JD/2 is English: not named
    assert f"Analyser detect v20: {said}." in build_report(case).limitations


def test_a_few_messages_in_another_language_are_named_with_their_items(case: Case, tmp_path: Path) -> None:
    # two Spanish threats among twelve English lines (13 %) and a line mixing English with "te voy a
    # matar" (I'm going to kill you) were neither read nor named (new-code review 2, defect 8)
    lines = [f"01/03/2024, 10:{n:02d} - Alex Suspect: where are you, answer me" for n in range(10, 22)]
    lines += [
        "01/03/2024, 11:00 - Alex Suspect: te voy a matar, sé dónde vives",
        "01/03/2024, 11:01 - Alex Suspect: voy a quemar tu casa esta noche",
        "01/03/2024, 11:02 - Alex Suspect: I know what you did, te voy a matar puta",
    ]
    chat = tmp_path / "WhatsApp Chat with Alex.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", date_order="dmy"))
    (outcome,) = run_analysers(case, ["detect"], strict=True)
    ids = [i.id for i in case.store.iter_items(chronological=True)][-3:]
    assert outcome.error == (
        f"JD/1: 3 of 15 messages look wholly or partly like Spanish (item ids {ids[0]}, {ids[1]}, {ids[2]});"
        " detection reads English only — have them translated and record what they show (footprint record)"
    )


def test_messages_in_scripts_whose_language_is_not_told_are_named_by_their_script(
    case: Case, tmp_path: Path
) -> None:
    # Chinese, Hindi, Bengali and Urdu threats to kill, and a Chinese e-mail, had been counted as English:
    # neither read nor named anywhere; a Welsh threat was named as Italian (review of other languages,
    # defects 1 and 7)
    lines = [
        "14/03/2023, 09:15 - John Smith: where are you",
        "14/03/2023, 09:16 - John Smith: Dw i'n gwybod ble rwyt ti'n byw. Mi wna i dy ladd di",
        "14/03/2023, 09:17 - John Smith: میں تمہیں مار دوں گا، کل رات 8 بجے",
        "14/03/2023, 09:18 - John Smith: मैं तुम्हें मार डालूँगा कुतिया",
        "14/03/2023, 09:19 - John Smith: আমি তোমাকে মেরে ফেলব",
        "14/03/2023, 09:20 - John Smith: 我要杀了你，贱人",
        "14/03/2023, 09:21 - John Smith: I know what you did, 我要杀了你",
        "14/03/2023, 09:22 - Jane Doe: please leave me alone",
    ]
    path = tmp_path / "WhatsApp Chat with John Smith.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Jane Doe", date_order="dmy"))
    mail = tmp_path / "chinese.eml"
    mail.write_text(
        "From: John Smith <john@example.com>\nTo: Jane Doe <jane@example.com>\nSubject: hi\n"
        "Date: Tue, 14 Mar 2023 10:00:00 +0000\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n我知道你住在哪里，我要杀了你\n",
        encoding="utf-8",
    )
    add_exhibit(case, mail, AddOptions(producer="Jane Doe"))
    (outcome,) = run_analysers(case, ["detect"], strict=True)
    order = [i.id for i in case.store.iter_items(chronological=True)]
    chat, mail_id = order[:8], order[8]
    said = [
        f"JD/1: 6 of 8 messages look wholly or partly in Han script (item ids {chat[5]}, {chat[6]}), in"
        f" Arabic script (item id {chat[2]}), in Bengali script (item id {chat[4]}), in Devanagari script"
        f" (item id {chat[3]}) or like Welsh (item id {chat[1]}); detection reads English only — have them"
        " translated and record what they show (footprint record)",
        f"JD/2: 1 of 1 message looks wholly or partly in Han script (item id {mail_id}); detection reads"
        " English only — have them translated and record what they show (footprint record)",
    ]
    assert outcome.error == "\n".join(said)
    limitations = build_report(case).limitations
    assert all(f"Analyser detect v20: {line}." in limitations for line in said)
    assert analyser.language_lines(case) == said  # as `findings` and the review app show them
    assert analyser.language_line(case, "JD/2") == said[1]
    assert analyser.language_line(case, "JD/3") == ""


def test_what_may_undermine_is_found_listed_and_never_counted_as_his_conduct(
    case: Case, tmp_path: Path
) -> None:
    """Her words that read as abuse, and his requests to stop, are found as may_undermine findings (CPIA
    Code para 3.5): never her abuse or his, never a course of conduct."""
    chat = tmp_path / "WhatsApp Chat with Rob Test.txt"
    chat.write_text(
        "01/03/2024, 08:01 - Amy Test: You pathetic loser, I hope you die\n"
        "01/03/2024, 08:02 - Rob Test: please stop messaging me\n"
        "05/03/2024, 10:05 - Rob Test: leave me alone\n"
        "05/03/2024, 10:06 - Amy Test: come round tonight, I miss you\n",
        encoding="utf-8",
    )
    add_person(case, "Amy Test", "complainant")
    add_person(case, "Rob Test", "suspect")
    add_exhibit(case, chat, AddOptions(producer="Amy Test", owner="Amy Test", date_order="dmy"))
    attribute_account(case, "whatsapp:Amy Test", "Amy Test", "self-export owner", as_complainant=True)
    attribute_account(case, "whatsapp:Rob Test", "Rob Test", "complainant identifies him")
    outcomes = run_analysers(case, ["detect", "course_of_conduct"], strict=True)
    assert {o.status for o in outcomes} == {"ok"}
    items = {i.id: i.text for i in case.store.iter_items()}
    found = [
        (items[f.item_id], f.category, f.details["reads_as"], f.details["speaker"])
        for f in case.store.findings()
        if f.item_id is not None
    ]
    assert found == [
        ("You pathetic loser, I hope you die", "may_undermine", "insult_harassment", "complainant"),
        ("please stop messaging me", "may_undermine", "request_to_stop", "suspect"),
        ("leave me alone", "may_undermine", "request_to_stop", "suspect"),
    ]
    assert [f.category for f in case.store.findings() if f.analyser == "course_of_conduct"] == []
    rows = list(csv.DictReader(io.StringIO(mg6c(build_report(case)))))
    listed = [(r["Reference"], r["Type"]) for r in rows if r["Type"] == "analyser output (may undermine)"]
    assert listed == [
        ("AT/1 line 1", "analyser output (may undermine)"),
        ("AT/1 line 2", "analyser output (may undermine)"),
        ("AT/1 line 3", "analyser output (may undermine)"),
    ]
    first = next(r for r in rows if r["Reference"] == "AT/1 line 1")
    assert first["Description"] == (
        "Finding 1 on AT/1 line 1 (detect v20, not yet reviewed): May undermine the prosecution or assist the"
        " defence: a message by the complainant that reads as insult or harassment when who wrote it is set"
        " aside ('pathetic'; 'loser'; 'I hope you die'; rule insult.term; rule violence.hope_hurt; score 0.99)."
        " Listed for the prosecutor (CPIA Code para 3.5); never counted toward an offence"
    )
