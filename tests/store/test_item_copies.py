"""The same message in two exhibits is recorded as a copy when the later exhibit is added, by the rule of
``footprint.store.copies``; two genuinely different messages with the same words are never merged."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from footprint.case import Case
from footprint.cli import cli
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema as t

# An Android export: times to the minute.
ANDROID = """\
14/03/2024, 09:00 - John Smith: you will regret this
14/03/2024, 09:05 - Jane Doe: please stop messaging me
14/03/2024, 13:00 - John Smith: ok
14/03/2024, 13:01 - John Smith: ok
15/03/2024, 20:00 - John Smith: answer me
"""
# The same chat from an iPhone: times to the second.
IOS = """\
[14/03/2024, 09:00:41] John Smith: you will regret this
[14/03/2024, 09:05:02] Jane Doe: please   stop messaging me
[14/03/2024, 13:00:20] John Smith: ok
[14/03/2024, 13:01:05] John Smith: ok
[15/03/2024, 20:00:59] John Smith: answer me
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _zip(folder: Path, chat: Path) -> Path:
    path = folder / "WhatsApp Chat with John Smith.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(chat, "_chat.txt")
    return path


def _add(case: Case, path: Path) -> dict[str, int]:
    return add_exhibit(case, path, AddOptions(producer="Jane Doe")).copies


def _copies(case: Case) -> list[tuple[int, int, str]]:
    with case.store.engine.connect() as conn:
        rows = conn.execute(
            select(t.item_copy.c.item_id, t.item_copy.c.of_item_id, t.item_copy.c.rule).order_by(
                t.item_copy.c.item_id
            )
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_the_same_chat_as_a_text_file_and_a_zip_is_recorded_once_per_message(
    case: Case, tmp_path: Path
) -> None:
    chat = _write(tmp_path, "chat.txt", ANDROID)
    assert _add(case, chat) == {}
    assert _add(case, _zip(tmp_path, chat)) == {"JD/1": 5}
    assert _copies(case) == [(6, 1, "same_time"), (7, 2, "same_time"), (8, 3, "same_time"), (9, 4, "same_time"),
                             (10, 5, "same_time")]  # fmt: skip
    assert [i.text for i in case.store.iter_items("JD/2")] == [i.text for i in case.store.iter_items("JD/1")]


def test_a_folder_holding_a_chat_added_twice_before_repeats_the_first_exhibit(
    case: Case, tmp_path: Path
) -> None:
    chat = _write(tmp_path, "chat.txt", ANDROID)
    _add(case, chat)
    _add(case, _zip(tmp_path, chat))
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(chat, folder / "_chat.txt")
    assert _add(case, folder) == {"JD/1": 5}
    assert _copies(case)[5:] == [(11, 1, "same_time"), (12, 2, "same_time"), (13, 3, "same_time"),
                                 (14, 4, "same_time"), (15, 5, "same_time")]  # fmt: skip


def test_a_minute_export_and_a_seconds_export_of_one_chat_match_within_the_minute(
    case: Case, tmp_path: Path
) -> None:
    _add(case, _write(tmp_path, "android.txt", ANDROID))
    assert _add(case, _write(tmp_path, "ios.txt", IOS)) == {"JD/1": 5}
    # "ok" at 13:00:20 is the 13:00 "ok", "ok" at 13:01:05 the 13:01 one: two messages stay two
    assert _copies(case) == [(6, 1, "same_minute"), (7, 2, "same_minute"), (8, 3, "same_minute"),
                             (9, 4, "same_minute"), (10, 5, "same_minute")]  # fmt: skip


def test_an_export_in_milliseconds_and_one_in_seconds_match_within_the_second(
    case: Case, tmp_path: Path
) -> None:
    # "09:00:41.250Z" and "09:00:41Z" were compared as text and never matched; the two "ok"s sent in one
    # second stay two, each matched once
    head = "sent_at,author,recipient,text\n"
    fine = head + (
        "2024-03-14T09:00:41.250+00:00,07700 900123,07700 900456,you will regret this\n"
        "2024-03-14T13:00:20.100+00:00,07700 900123,07700 900456,ok\n"
        "2024-03-14T13:00:20.900+00:00,07700 900123,07700 900456,ok\n"
    )
    coarse = fine.replace(".250", "").replace(".100", "").replace(".900", "")
    options = {"format": "csv_generic", "platform": "whatsapp"}
    add_exhibit(case, _write(tmp_path, "fine.csv", fine), AddOptions(producer="Jane Doe", **options))
    added = add_exhibit(
        case, _write(tmp_path, "coarse.csv", coarse), AddOptions(producer="PC Patel", **options)
    )
    assert added.copies == {"JD/1": 3}
    assert _copies(case) == [(4, 1, "same_time"), (5, 2, "same_time"), (6, 3, "same_time")]


def _csv(case: Case, folder: Path, name: str, rows: str, producer: str) -> dict[str, int]:
    text = "sent_at,author,recipient,text\n" + rows
    options = AddOptions(producer=producer, format="csv_generic", platform="whatsapp")
    return add_exhibit(case, _write(folder, name, text), options).copies


def test_two_exports_in_milliseconds_compare_the_instant_not_the_second(case: Case, tmp_path: Path) -> None:
    # both give milliseconds, so "ok" at .100 and "ok" at .900 are two messages a fraction of a second
    # apart (each export holding one of them), not one message; they had been matched by their second
    one = (
        "2024-03-14T09:00:41.250+00:00,07700 900123,07700 900456,you will regret this\n"
        "2024-03-14T13:00:20.100+00:00,07700 900123,07700 900456,ok\n"
    )
    other = (
        "2024-03-14T09:00:41.250+00:00,07700 900123,07700 900456,you will regret this\n"
        "2024-03-14T13:00:20.900+00:00,07700 900123,07700 900456,ok\n"
    )
    _csv(case, tmp_path, "one.csv", one, "Jane Doe")
    assert _csv(case, tmp_path, "other.csv", other, "PC Patel") == {"JD/1": 1}
    assert _copies(case) == [(3, 1, "same_time")]


def test_milliseconds_against_whole_minutes_match_within_the_minute(case: Case, tmp_path: Path) -> None:
    # the coarser export gives the minute only: the match is by the minute, and recorded so
    fine = (
        "2024-03-14T09:00:41.250+00:00,07700 900123,07700 900456,you will regret this\n"
        "2024-03-14T13:00:00.300+00:00,07700 900123,07700 900456,ok\n"
    )
    minutes = (
        "2024-03-14T09:00:00+00:00,07700 900123,07700 900456,you will regret this\n"
        "2024-03-14T13:00:00+00:00,07700 900123,07700 900456,ok\n"
    )
    _csv(case, tmp_path, "fine.csv", fine, "Jane Doe")
    assert _csv(case, tmp_path, "minutes.csv", minutes, "PC Patel") == {"JD/1": 2}
    assert _copies(case) == [(3, 1, "same_minute"), (4, 2, "same_minute")]


def _backup(folder: Path, name: str, sms_type: int) -> Path:
    return _write(
        folder,
        name,
        '<?xml version="1.0" encoding="UTF-8"?><smses count="2">\n'
        '<sms address="+447700900456" date="1709290800000" type="1" body="Please stop contacting me." />\n'
        f'<sms address="+447700900456" date="1709298000250" type="{sms_type}" body="answer me now" />\n'
        "</smses>\n",
    )


def test_a_send_that_failed_in_one_download_and_went_in_the_next_is_no_copy(
    case: Case, tmp_path: Path
) -> None:
    # the first download of his phone holds "answer me now" as a failed send, the second as sent: counted
    # as a copy of the failed send, the message he did send was left out as never sent
    add_person(case, "John Smith", "suspect")
    owner = AddOptions(producer="PC Patel", owner="John Smith")
    add_exhibit(case, _backup(tmp_path, "first.xml", 5), owner)
    # her request is in both, and one message; his sent message is not the failed send repeated
    assert add_exhibit(case, _backup(tmp_path, "second.xml", 2), owner).copies == {"P/1": 1}
    assert _copies(case) == [(3, 1, "same_time")]


def test_ok_sent_twice_a_minute_apart_is_two_messages_in_each_exhibit(case: Case, tmp_path: Path) -> None:
    one = "[14/03/2024, 13:00:20] John Smith: ok\n[14/03/2024, 13:00:50] Jane Doe: hi\n"
    other = "[14/03/2024, 13:01:20] John Smith: ok\n[14/03/2024, 13:00:50] Jane Doe: hi\n"
    _add(case, _write(tmp_path, "one.txt", one))
    # times to the second in both: 13:00:20 and 13:01:20 are two messages; "hi" is the same one
    assert _add(case, _write(tmp_path, "other.txt", other)) == {"JD/1": 1}
    assert _copies(case) == [(4, 2, "same_time")]


def test_two_identical_messages_in_one_exhibit_are_never_copies_of_each_other(
    case: Case, tmp_path: Path
) -> None:
    _add(case, _write(tmp_path, "chat.txt", ANDROID.replace("13:01", "13:00")))
    assert _copies(case) == []
    # a second export holding one of them: one copy, of the first "ok" only
    _add(
        case,
        _write(tmp_path, "part.txt", "14/03/2024, 13:00 - John Smith: ok\n14/03/2024, 13:02 - Jane Doe: x\n"),
    )
    assert _copies(case) == [(6, 3, "same_time")]


def test_another_author_or_other_words_are_not_the_same_message(case: Case, tmp_path: Path) -> None:
    _add(case, _write(tmp_path, "chat.txt", ANDROID))
    changed = ANDROID.replace("John Smith: ok", "John Smith: OK").replace(
        "John Smith: answer", "Jim Smith: answer"
    )
    assert _add(case, _write(tmp_path, "changed.txt", changed)) == {"JD/1": 2}
    assert [(c, f) for c, f, _ in _copies(case)] == [(6, 1), (7, 2)]


def test_add_says_how_many_items_repeat_an_earlier_exhibit(tmp_path: Path) -> None:
    chat = _write(tmp_path, "chat.txt", ANDROID)
    runner = CliRunner()
    assert runner.invoke(cli, ["case", "init", str(tmp_path / "c"), "--name", "R v Smith"]).exit_code == 0
    assert (
        runner.invoke(cli, ["add", str(tmp_path / "c"), str(chat), "--producer", "Jane Doe"]).exit_code == 0
    )
    result = runner.invoke(
        cli, ["add", str(tmp_path / "c"), str(_zip(tmp_path, chat)), "--producer", "Jane Doe"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "  5 item(s) repeat items of JD/1; counted once"


def test_copies_are_recorded_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings)
    try:
        _add(case, _write(tmp_path, "android.txt", ANDROID))
        assert _add(case, _write(tmp_path, "ios.txt", IOS)) == {"JD/1": 5}
        assert [(c, f) for c, f, _ in _copies(case)] == [(6, 1), (7, 2), (8, 3), (9, 4), (10, 5)]
    finally:
        case.close()


def test_one_text_sent_to_two_people_at_once_is_two_messages(case: Case, tmp_path: Path) -> None:
    header = "sent_at,author,recipient,text\n"
    to_her = "2024-03-14T09:00:00+00:00,07700 900123,07700 900456,you're dead\n"
    to_her_mother = "2024-03-14T09:00:00+00:00,07700 900123,07700 900789,you're dead\n"
    sms = AddOptions(producer="Jane Doe", platform="sms", format="csv_generic")
    add_exhibit(case, _write(tmp_path, "both.csv", header + to_her + to_her_mother), sms)
    # the police download of her mother's phone holds the one sent to her mother
    assert add_exhibit(case, _write(tmp_path, "mother.csv", header + to_her_mother), sms).copies == {
        "JD/1": 1
    }
    assert _copies(case) == [(3, 2, "same_time")]


# The police download of her phone: the same chat, accounts as numbers, times to the second.
DOWNLOAD = """\
sent_at,author,recipient,text
2024-03-14T09:00:41+00:00,07700 900123,07700 900456,you will regret this
2024-03-14T09:05:02+00:00,07700 900456,07700 900123,please stop messaging me
2024-03-14T13:00:20+00:00,07700 900123,07700 900456,ok
2024-03-14T13:01:05+00:00,07700 900123,07700 900456,ok
2024-03-15T20:00:59+00:00,07700 900123,07700 900456,answer me
"""


def test_a_chat_export_and_a_phone_download_match_once_both_accounts_are_one_person_s(tmp_path: Path) -> None:
    """A chat export names people as the phone saved them, a download by number: an attribution that
    makes the two accounts one person's finds the copies then."""
    runner = CliRunner()
    c = str(tmp_path / "c")
    for args in (
        ["case", "init", c, "--name", "R v Smith"],
        ["add", c, str(_write(tmp_path, "chat.txt", ANDROID)), "--producer", "Jane Doe"],
        ["person", "add", c, "John Smith", "--role", "suspect"],
        ["person", "add", c, "Jane Doe", "--role", "complainant"],
        ["account", "attribute", c, "whatsapp:John Smith", "--person", "John Smith"],
        ["account", "attribute", c, "whatsapp:Jane Doe", "--person", "Jane Doe", "--as-complainant"],
    ):
        assert runner.invoke(cli, args).exit_code == 0
    added = runner.invoke(
        cli,
        ["add", c, str(_write(tmp_path, "download.csv", DOWNLOAD)), "--producer", "Anna Police",
         "--format", "csv_generic", "--platform", "whatsapp"],
    )  # fmt: skip
    assert added.exit_code == 0 and "repeat" not in added.output
    his = runner.invoke(cli, ["account", "attribute", c, "whatsapp:+447700900123", "--person", "John Smith"])
    assert his.output.splitlines() == [
        "Attributed whatsapp:+447700900123 to John Smith (investigator's decision)",
        "  4 item(s) of AP/1 repeat items of JD/1; counted once",
    ]
    hers = runner.invoke(
        cli, ["account", "attribute", c, "whatsapp:+447700900456", "--person", "Jane Doe", "--as-complainant"]
    )
    assert hers.output.splitlines()[1:] == ["  1 item(s) of AP/1 repeat items of JD/1; counted once"]
    case = Case.open(tmp_path / "c", Settings(actor="tester", role="investigator", database_url=None))
    try:
        assert _copies(case) == [(6, 1, "same_minute"), (7, 2, "same_minute"), (8, 3, "same_minute"),
                                 (9, 4, "same_minute"), (10, 5, "same_minute")]  # fmt: skip
    finally:
        case.close()


def test_an_advocate_is_not_told_of_a_copy_in_an_exhibit_she_cannot_see(case: Case, tmp_path: Path) -> None:
    # "copy of PC/1 line 2" would name a police exhibit the advocate may not see
    hers = add_exhibit(
        case, _write(tmp_path, "a.txt", ANDROID), AddOptions(producer="Jane Doe", victim_supplied=True)
    )
    police = add_exhibit(case, _write(tmp_path, "b.txt", IOS), AddOptions(producer="PC Amir Patel"))
    assert police.copies == {hers.ref: 5}
    assert len(case.store.copies_of()) == 5 and len(case.store.copy_refs()) == 5
    advocate = case.acting_as("Ann Advocate", "advocate").store
    assert (advocate.copies_of(), advocate.copy_refs()) == ({}, {})


def test_accepting_a_link_that_makes_two_accounts_his_finds_the_copies(tmp_path: Path) -> None:
    # `account attribute` looked again for copies; accepting a link, which attributes the same way, did not,
    # so the chat and the download stayed counted twice
    from tests.conftest import store_findings
    from tests.web.conftest import plant_link

    runner = CliRunner()
    c = str(tmp_path / "c")
    for args in (
        ["case", "init", c, "--name", "R v Smith"],
        ["add", c, str(_write(tmp_path, "chat.txt", ANDROID)), "--producer", "Jane Doe"],
        ["add", c, str(_write(tmp_path, "download.csv", DOWNLOAD)), "--producer", "Anna Police",
         "--format", "csv_generic", "--platform", "whatsapp"],
        ["person", "add", c, "John Smith", "--role", "suspect"],
        ["account", "attribute", c, "whatsapp:John Smith", "--person", "John Smith"],
    ):  # fmt: skip
        assert runner.invoke(cli, args).exit_code == 0, args
    case = Case.open(tmp_path / "c", Settings(actor="tester", role="investigator", database_url=None))
    try:
        store_findings(case, "link", [])
        plant_link(case, "whatsapp:John Smith", "whatsapp:+447700900123", "same phone", [], log10_lr=2.5)
    finally:
        case.close()
    accepted = runner.invoke(
        cli, ["link-accept", c, "whatsapp:John Smith", "whatsapp:+447700900123", "--reason", "same phone"]
    )
    case = Case.open(tmp_path / "c", Settings(actor="tester", role="investigator", database_url=None))
    try:
        decision = list(case.store.audit_entries())[-1].seq
    finally:
        case.close()
    assert accepted.output.splitlines() == [
        f"Accepted: whatsapp:John Smith and whatsapp:+447700900123 attributed to John Smith (decision {decision}).",
        "  4 item(s) of AP/1 repeat items of JD/1; counted once",
    ]


ENCRYPTED = (
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or"
    " listen to them. Tap to learn more."
)
# The chat with its system lines (no author): the encryption notice and a changed number.
WITH_SYSTEM = f"""\
14/03/2024, 08:59 - {ENCRYPTED}
14/03/2024, 09:00 - John Smith: you will regret this
14/03/2024, 09:05 - John Smith changed their phone number to a new number. Tap to message or add the new number.
14/03/2024, 09:06 - Jane Doe: please stop messaging me
"""


def test_the_system_lines_of_one_chat_exported_twice_are_recorded_once(case: Case, tmp_path: Path) -> None:
    # a chronology of the two exports showed the encryption notice and the changed number twice
    chat = _write(tmp_path, "chat.txt", WITH_SYSTEM)
    _add(case, chat)
    assert _add(case, _zip(tmp_path, chat)) == {"JD/1": 4}
    assert _copies(case) == [
        (5, 1, "same_time"),
        (6, 2, "same_time"),
        (7, 3, "same_time"),
        (8, 4, "same_time"),
    ]
    assert [i.system for i in case.store.iter_items("JD/2")] == [True, False, True, False]
    assert case.store.copies_of() == {5: "JD/1 line 1", 6: "JD/1 line 2", 7: "JD/1 line 3", 8: "JD/1 line 4"}


def test_two_different_chats_with_the_same_notice_at_the_same_minute_are_not_copies(
    case: Case, tmp_path: Path
) -> None:
    # each chat opens with the identical encryption notice, at the same minute; nothing else is shared,
    # so nothing says they are one conversation
    _add(case, _write(tmp_path, "with John.txt", WITH_SYSTEM))
    other = f"14/03/2024, 08:59 - {ENCRYPTED}\n14/03/2024, 09:01 - Priya Shah: are you all right?\n"
    assert _add(case, _write(tmp_path, "with Priya.txt", other)) == {}
    assert _copies(case) == []


def test_a_system_line_is_a_copy_only_within_the_conversation_its_messages_repeat(
    case: Case, tmp_path: Path
) -> None:
    # her export of a group with John in it, then of her chat with John, which shares no message with the
    # group: the notice at the same minute in the chat is the chat's own
    group = f"14/03/2024, 08:59 - {ENCRYPTED}\n14/03/2024, 09:00 - John Smith: see you all later\n"
    _add(case, _write(tmp_path, "Family.txt", group))
    assert _add(case, _write(tmp_path, "with John.txt", WITH_SYSTEM)) == {}
    # the chat again (its zip): its lines repeat the chat's first export, not the group's
    assert _add(case, _zip(tmp_path, _write(tmp_path, "chat.txt", WITH_SYSTEM))) == {"JD/2": 4}
    assert [(c, f) for c, f, _ in _copies(case)] == [(7, 3), (8, 4), (9, 5), (10, 6)]


def test_a_system_line_seen_in_two_later_exports_only_repeats_the_earlier_of_them(
    case: Case, tmp_path: Path
) -> None:
    # JD/1 ends before the number changed; JD/2 and JD/3 both hold the change: JD/3's repeats JD/2's,
    # found through the messages all three share
    _add(case, _write(tmp_path, "early.txt", WITH_SYSTEM.split("14/03/2024, 09:05")[0]))
    chat = _write(tmp_path, "chat.txt", WITH_SYSTEM)
    assert _add(case, chat) == {"JD/1": 2}
    assert _add(case, _zip(tmp_path, chat)) == {"JD/1": 2, "JD/2": 2}
    assert [(c, f) for c, f, _ in _copies(case)] == [(3, 1), (4, 2), (7, 1), (8, 2), (9, 5), (10, 6)]


def test_a_system_line_twice_in_a_minute_export_matches_one_line_of_a_seconds_export(
    case: Case, tmp_path: Path
) -> None:
    code = "Your security code with John Smith changed. Tap to learn more."
    android = f"14/03/2024, 13:00 - John Smith: ok\n14/03/2024, 13:00 - {code}\n14/03/2024, 13:01 - {code}\n"
    ios = f"[14/03/2024, 13:00:05] John Smith: ok\n[14/03/2024, 13:00:20] {code}\n"
    _add(case, _write(tmp_path, "android.txt", android))
    assert _add(case, _write(tmp_path, "ios.txt", ios)) == {"JD/1": 2}
    assert _copies(case) == [(4, 1, "same_minute"), (5, 2, "same_minute")]


def test_system_lines_are_recorded_as_copies_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    settings = Settings(actor="tester", role="investigator", database_url=pg_url)
    case = Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings)
    try:
        chat = _write(tmp_path, "chat.txt", WITH_SYSTEM)
        _add(case, chat)
        assert _add(case, _zip(tmp_path, chat)) == {"JD/1": 4}
        assert [(c, f) for c, f, _ in _copies(case)] == [(5, 1), (6, 2), (7, 3), (8, 4)]
    finally:
        case.close()


def test_a_copy_of_a_copy_counts_against_the_first_item(tmp_path: Path) -> None:
    # a second download repeats the first at `add`; an attribution then makes the first download repeat the
    # chat export, so AP/2's rows pointed at AP/1's items, themselves copies, and `report` failed (KeyError)
    from footprint.report.build import build_report

    runner = CliRunner()
    c = str(tmp_path / "c")
    download = str(_write(tmp_path, "download.csv", DOWNLOAD))
    for args in (
        ["case", "init", c, "--name", "R v Smith"],
        ["add", c, str(_write(tmp_path, "chat.txt", ANDROID)), "--producer", "Jane Doe"],
        ["add", c, download, "--producer", "Anna Police", "--format", "csv_generic", "--platform", "whatsapp"],
        ["add", c, str(_write(tmp_path, "again.csv", DOWNLOAD.replace("\n", "\r\n"))), "--producer",
         "Anna Police", "--format", "csv_generic", "--platform", "whatsapp"],
        ["person", "add", c, "John Smith", "--role", "suspect"],
        ["account", "attribute", c, "whatsapp:John Smith", "--person", "John Smith"],
        ["account", "attribute", c, "whatsapp:+447700900123", "--person", "John Smith"],
    ):  # fmt: skip
        assert runner.invoke(cli, args).exit_code == 0, args
    case = Case.open(tmp_path / "c", Settings(actor="tester", role="investigator", database_url=None))
    try:
        # AP/2 (items 11-15) repeats AP/1 (6-10); AP/1's four of his repeat JD/1 (1, 3, 4, 5)
        assert _copies(case) == [(6, 1, "same_minute"), (8, 3, "same_minute"), (9, 4, "same_minute"),
                                 (10, 5, "same_minute"), (11, 6, "same_time"), (12, 7, "same_time"),
                                 (13, 8, "same_time"), (14, 9, "same_time"), (15, 10, "same_time")]  # fmt: skip
        assert case.store.copies_of() == {
            6: "JD/1 line 1", 8: "JD/1 line 3", 9: "JD/1 line 4", 10: "JD/1 line 5",
            11: "JD/1 line 1", 12: "AP/1 line 3", 13: "JD/1 line 3", 14: "JD/1 line 4", 15: "JD/1 line 5",
        }  # fmt: skip
        assert {first: [r.ref for r in refs] for first, refs in case.store.copy_refs().items()} == {
            1: ["AP/1 line 2", "AP/2 line 2"], 3: ["AP/1 line 4", "AP/2 line 4"], 4: ["AP/1 line 5", "AP/2 line 5"],
            5: ["AP/1 line 6", "AP/2 line 6"], 7: ["AP/2 line 3"],
        }  # fmt: skip
        model = build_report(case)
        assert [(r.item.id, r.copies) for r in model.chronology if r.copies] == [
            (1, ("AP/1 line 2", "AP/2 line 2")), (7, ("AP/2 line 3",)), (3, ("AP/1 line 4", "AP/2 line 4")),
            (4, ("AP/1 line 5", "AP/2 line 5")), (5, ("AP/1 line 6", "AP/2 line 6")),
        ]  # fmt: skip
    finally:
        case.close()
