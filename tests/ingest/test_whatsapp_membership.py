"""A WhatsApp group's joins and leaves decide who receives each message (review formats defect 2)."""

from __future__ import annotations

from pathlib import Path

from footprint.model import AccountRef
from tests.conftest import parse

JOHN = AccountRef("whatsapp", "John Smith", "John Smith")
JANE = AccountRef("whatsapp", "Jane Doe", "Jane Doe")
BOB = AccountRef("whatsapp", "Bob Third", "Bob Third")

# the review's wag2.txt
WAG2 = """14/03/2023, 09:01 - John Smith created group "Pile on"
14/03/2023, 09:02 - John Smith added Jane Doe
14/03/2023, 09:03 - Jane Doe: please stop contacting me
14/03/2023, 09:04 - Jane Doe left
14/03/2023, 09:05 - John Smith: she is gone, now we can talk about her
14/03/2023, 09:06 - Bob Third joined using this group's invite link
14/03/2023, 09:07 - Bob Third: hi
"""


def _recipients(tmp_path: Path, chat: str, name: str = "wag2.txt") -> list[tuple[str, str, tuple[str, ...]]]:
    path = tmp_path / name
    path.write_text(chat, encoding="utf-8")
    result = parse("whatsapp", path)
    return [(i.locator, i.kind, tuple(r.key for r in i.recipients)) for i in result.items]


def test_a_message_after_she_left_is_not_sent_to_her(tmp_path: Path) -> None:
    assert _recipients(tmp_path, WAG2) == [
        ("line 1", "system", ()),
        ("line 2", "system", ()),
        ("line 3", "message", ("whatsapp:John Smith",)),  # Bob had not joined
        ("line 4", "system", ()),
        ("line 5", "message", ()),  # Jane had left; Bob had not joined: nobody else was there
        ("line 6", "system", ()),
        ("line 7", "message", ("whatsapp:John Smith",)),
    ]
    path = tmp_path / "wag2.txt"
    ctx = parse("whatsapp", path).ctx
    assert ctx.participants == {}  # everyone who wrote joined or left: a member only while in the group
    assert ctx.decisions["group_membership"] == (
        "whatsapp:Pile on (4 join and leave lines): a message's recipients are the members when it was sent;"
        " its author and the others who wrote and never joined or left are members throughout"
    )


def test_several_added_removed_and_a_first_move_that_is_leaving(tmp_path: Path) -> None:
    chat = (
        "14/03/2023, 09:00 - Jane Doe: here before the export began\n"
        "14/03/2023, 09:01 - Ann Ex: hello\n"
        "14/03/2023, 09:02 - Ann Ex added Bob Third, Cy Four and Di Five\n"
        "14/03/2023, 09:03 - Ann Ex: welcome\n"
        "14/03/2023, 09:04 - You removed Cy Four\n"
        "14/03/2023, 09:05 - Ann Ex removed Jane Doe\n"
        "14/03/2023, 09:06 - Ann Ex: after\n"
        "14/03/2023, 09:07 - You left\n"
    )
    assert _recipients(tmp_path, chat) == [
        ("line 1", "message", ()),  # Ann is no tracked member: she receives it as a member of the chat
        ("line 2", "message", ("whatsapp:Jane Doe",)),  # Jane's first move is leaving: a member till then
        ("line 3", "system", ()),
        (
            "line 4",
            "message",
            ("whatsapp:Bob Third", "whatsapp:Cy Four", "whatsapp:Di Five", "whatsapp:Jane Doe"),
        ),
        ("line 5", "system", ()),
        ("line 6", "system", ()),
        ("line 7", "message", ("whatsapp:Bob Third", "whatsapp:Di Five")),
        ("line 8", "system", ()),
    ]
    ctx = parse("whatsapp", tmp_path / "wag2.txt").ctx
    assert ctx.participants == {"whatsapp:wag2": {AccountRef("whatsapp", "Ann Ex", "Ann Ex")}}
    assert ctx.decisions["group_membership"].startswith(
        "whatsapp:wag2 (4 join and leave lines; 1 of the exporter's own ('You …') not applied, as the"
        " export does not name the exporter's account): "
    )


def test_ios_events_under_the_group_name(tmp_path: Path) -> None:
    chat = (
        "[14/03/2023, 09:01:00] Pile on: \u200eJohn Smith added Jane Doe\n"
        "[14/03/2023, 09:02:00] John Smith: hi\n"
        "[14/03/2023, 09:03:00] Pile on: \u200eJane Doe left\n"
        "[14/03/2023, 09:04:00] John Smith: gone\n"
    )
    assert _recipients(tmp_path, chat, "WhatsApp Chat - Pile on.txt") == [
        ("line 1", "system", ()),
        ("line 2", "message", ("whatsapp:Jane Doe",)),
        ("line 3", "system", ()),
        ("line 4", "message", ()),
    ]
    # "with"/"-" names the group, not a member, in a chat whose members joined or left
    assert parse("whatsapp", tmp_path / "WhatsApp Chat - Pile on.txt").ctx.participants == {
        "whatsapp:WhatsApp Chat - Pile on": {JOHN}
    }


def test_a_body_that_only_says_left_changes_nothing(tmp_path: Path) -> None:
    chat = (
        "14/03/2023, 09:01 - John Smith: Jane Doe left\n"
        "14/03/2023, 09:02 - Jane Doe: I added you\n"
        "14/03/2023, 09:03 - John Smith: ok\n"
        "Jane Doe left\n"
    )
    assert _recipients(tmp_path, chat) == [
        ("line 1", "message", ()),
        ("line 2", "message", ()),
        ("lines 3-4", "message", ()),
    ]
    result = parse("whatsapp", tmp_path / "wag2.txt")
    assert "group_membership" not in result.ctx.decisions
    assert result.ctx.participants == {"whatsapp:wag2": {JOHN, JANE}}


def test_membership_in_an_unread_language_is_warned_not_applied(tmp_path: Path) -> None:
    chat = (
        "14.03.23, 09:01 - Jane Doe: hallo\n"
        "14.03.23, 09:02 - Jane Doe hat die Gruppe verlassen\n"
        "14.03.23, 09:03 - John Smith: weg\n"
    )
    path = tmp_path / "wag2.txt"
    path.write_text(chat, encoding="utf-8")
    result = parse("whatsapp", path)
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 2",
            "a group join or leave in a language whose wording Footprint does not read; not applied:"
            " recipients of later messages may include people no longer in the group",
            "14.03.23, 09:02 - Jane Doe hat die Gruppe verlassen",
        )
    ]
    assert result.ctx.decisions["group_membership"] == (
        "whatsapp:wag2: 1 join and leave lines in wording not read; not applied, so a message's recipients"
        " are everyone who wrote in the chat"
    )
    assert result.ctx.participants == {"whatsapp:wag2": {JOHN, JANE}}


def test_who_added_her_back_is_the_author_of_that_line(tmp_path: Path) -> None:
    # "John Smith added Jane Doe" had no author: adding her back to the group after she left was
    # nobody's act. The actor is now its author; who is a member is unchanged (whatsapp v10)
    chat = WAG2 + "14/03/2023, 09:08 - John Smith added Jane Doe\n14/03/2023, 09:09 - You removed Bob Third\n"
    path = tmp_path / "wag2.txt"
    path.write_text(chat, encoding="utf-8")
    result = parse("whatsapp", path)
    assert [(i.locator, i.author, i.recipients) for i in result.items if i.system] == [
        ("line 1", JOHN, ()),
        ("line 2", JOHN, ()),
        ("line 4", JANE, ()),
        ("line 6", BOB, ()),
        ("line 8", JOHN, ()),
        ("line 9", None, ()),  # the exporter, whom the export does not name
    ]
    assert _recipients(tmp_path, chat)[:7] == _recipients(tmp_path, WAG2)
    assert result.ctx.participants == {}  # all three joined or left: members only while in the group


def test_a_group_is_named_as_the_chat_last_names_it_not_after_its_file(tmp_path: Path) -> None:
    # a group chat's conversation was named after its file ("whatsapp:WhatsApp Chat with Pile on", or
    # "whatsapp:_chat" from iOS), not the group (export samples review, session 19)
    chat = (
        '14/03/2023, 09:01 - John Smith created group "Pile on"\n'
        "14/03/2023, 09:02 - John Smith: hello\n"
        '14/03/2023, 09:03 - John Smith changed the subject from "Pile on" to "Pile \u201con\u201d: her"\n'
        '14/03/2023, 09:04 - You changed the group name to ""\n'
        "14/03/2023, 09:05 - Jane Doe: stop\n"
        '14/03/2023, 09:06 - Jane Doe changed the group name from "Pile \u201con\u201d: her" to \u201cFamily\u201d\n'
    )  # fmt: skip
    path = tmp_path / "WhatsApp Chat with Pile on.txt"
    path.write_text(chat, encoding="utf-8")
    result = parse("whatsapp", path)
    assert {i.conversation for i in result.items} == {"whatsapp:Family"}
    assert [(i.kind, i.system, i.author) for i in result.items] == [
        ("system", True, JOHN),
        ("message", False, JOHN),
        ("system", True, None),
        ("system", True, None),
        ("message", False, JANE),
        ("system", True, None),
    ]
    assert result.warnings == []
    assert result.ctx.decisions["conversation"] == (
        "named after the group as the chat last names it: 'Family' (line 6); earlier 'Pile on' (line 1),"
        " 'Pile \u201con\u201d: her' (line 3); not after the file ('WhatsApp Chat with Pile on.txt')"
    )
    assert result.ctx.participants == {"whatsapp:Family": {JANE}}  # not "Pile on", named by the file


def test_a_chat_that_never_names_itself_keeps_the_files_name(tmp_path: Path) -> None:
    chat = '14/03/2023, 09:02 - John Smith: the subject is "x"\n14/03/2023, 09:03 - Jane Doe: stop\n'
    path = tmp_path / "WhatsApp Chat with John Smith.txt"
    path.write_text(chat, encoding="utf-8")
    result = parse("whatsapp", path)
    assert {i.conversation for i in result.items} == {"whatsapp:WhatsApp Chat with John Smith"}
    assert "conversation" not in result.ctx.decisions
    assert result.ctx.participants == {"whatsapp:WhatsApp Chat with John Smith": {JOHN, JANE}}
