"""The detect analyser on a small case: speaker awareness, the named complainant, context, quotation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from footprint.analyse import run_analysers
from footprint.analyse.detect import analyser
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report

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
    # his words cannot be her request to stop
    assert "Please stop messaging me" not in found


def test_without_a_known_complainant_reads_text_alone(case: Case, tmp_path: Path) -> None:
    found = _case(case, tmp_path, attribute=False)
    categories = [c for c, _ in found["Please stop messaging me"]]
    assert categories == ["request_to_stop"]
    assert all(
        e.endswith("no complainant is identified, so this reads the text alone")
        for _, e in found["I'm going to kill you"]
    )


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


def test_forwarded_words_are_scored_but_said_to_be_another_persons(case: Case, tmp_path: Path) -> None:
    export = tmp_path / "result.json"
    message = '{{"id": {n}, "type": "message", "date": "2026-03-14T10:0{n}:00", "date_unixtime": "{t}", ' \
        '"from": "Rob Test", "from_id": "user1111", {extra}"text": "{text}"}}'  # fmt: skip
    rows = [
        message.format(n=1, t=1773482460, extra='"forwarded_from": "Bob Third", ', text="I will hurt you"),
        message.format(n=2, t=1773482520, extra="", text="I will hurt you"),
    ]
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
    found = {(by_locator[f.item_id], f.category): f.explanation for f in case.store.findings() if f.item_id}
    forwarded = found[("messages[0]", "threat_violence")]
    own = found[("messages[1]", "threat_violence")]
    assert forwarded == own + " — in words the sender passed on (forwarded from Bob Third), not their own"
    assert "passed on" not in own


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
    assert f"Analyser detect v9: {outcome.error}." in build_report(case).limitations  # the report says so
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
