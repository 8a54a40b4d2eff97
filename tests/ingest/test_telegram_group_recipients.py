"""A group's recipients read from its join and leave messages, on the synthetic group the Telegram
benchmark parses (``write_telegram_group``): exactly what ``telegram_json`` v6 gave before it read the
moves in one walk (main d707948), so the quicker reading changed nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from footprint.synth.social_writers import write_telegram_group
from tests.conftest import parse

# message index, kind, author, recipients (first names), action: 30 messages, 3 leaves and 3 joins
# after the creation (Cat removed at 4 and 20 and invited back at 8 and 24 with Eve, who never writes;
# Dan leaves at 12 and rejoins at 16). Ben, Zoë and Cat are in from message 0 (create_group); Dan,
# whose first move is leaving, was in before it. The one receiving a message is never its author.
EXPECTED = """
0 system Ben - create_group
1 message Zoë Ben,Cat,Dan
2 message Cat Ben,Zoë,Dan
3 message Dan Ben,Zoë,Cat
4 system Ben - remove_members
5 message Zoë Ben,Dan
6 message Cat Ben,Zoë,Dan
7 message Dan Ben,Zoë
8 system Ben - invite_members
9 message Zoë Ben,Cat,Dan
10 message Cat Ben,Zoë,Dan
11 message Dan Ben,Zoë,Cat
12 system Dan - remove_members
13 message Zoë Ben,Cat
14 message Cat Ben,Zoë
15 message Dan Ben,Zoë,Cat
16 system Dan - join_group_by_link
17 message Zoë Ben,Cat,Dan
18 message Cat Ben,Zoë,Dan
19 message Dan Ben,Zoë,Cat
20 system Ben - remove_members
21 message Zoë Ben,Dan
22 message Cat Ben,Zoë,Dan
23 message Dan Ben,Zoë
24 system Ben - invite_members
25 message Zoë Ben,Cat,Dan
26 message Cat Ben,Zoë,Dan
27 message Dan Ben,Zoë,Cat
28 message Ben Zoë,Cat,Dan
29 message Zoë Ben,Cat,Dan
"""


def test_a_group_with_joins_and_leaves_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    write_telegram_group(path, 30, 3)
    result = parse("telegram_json", path)
    ids = {"Ben": "user1111111111", "Zoë": "user2222222222", "Cat": "user3333333333", "Dan": "user4444444444"}
    rows = []
    for row in EXPECTED.strip().splitlines():
        index, kind, author, recipients, *action = row.split()
        rows.append(
            (
                f"messages[{index}]",
                kind,
                ids[author],
                [] if recipients == "-" else [ids[name] for name in recipients.split(",")],
                action[0] if action else None,
            )
        )
    assert [
        (
            i.locator,
            i.kind,
            i.author.native_id if i.author else None,
            [a.native_id for a in i.recipients],
            (i.details or {}).get("action"),
        )
        for i in result.items
    ] == rows
    # each recipient is the account as first seen in the group, with its name
    assert {a for i in result.items for a in i.recipients} == {
        i.author for i in result.items if i.author is not None
    }
    # date_unixtime 1700000000 + 37 s a message
    assert [i.sent_at_utc for i in result.items] == [
        datetime.fromtimestamp(1_700_000_000 + 37 * n, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for n in range(30)
    ]
    assert result.items[-1].sent_at_utc == "2023-11-14T22:31:13Z"
    assert [(w.locator, w.message) for w in result.warnings] == [
        (
            "messages[8]",
            "invite_members names 'Eve Example', who neither wrote nor acted in this chat, so no account"
            " is known for the name; not counted as a member",
        )
    ]
    assert result.ctx.decisions["group_membership"] == (
        "telegram:4000 (7 join and leave service messages): a message's recipients are the members when it"
        " was sent"
    )
    assert result.ctx.participants == {}  # everyone seen joined or left: a member only while in it
