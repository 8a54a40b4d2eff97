"""A WhatsApp group's joins and leaves, and its names, read from its system lines before its messages are.

"John Smith added Jane Doe", "Jane Doe left", "Bob joined using this group's invite link": each names
who came or went at that line, so a message's recipients are those in the group when it was sent
(``GroupPresence``). The lines are found by their words (a literal search, fast on a large chat), and
each is read only if it is a whole system line under a message header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from footprint.ingest.group_presence import Moves
from footprint.ingest.whatsapp_body import MARKS, account_for
from footprint.ingest.whatsapp_lines import (
    EXPORTER,
    GROUP_NAME_WORDS,
    GROUP_NAMES,
    MOVE_WORDS,
    MOVED_NAMES,
    MOVES,
    UNREAD_MOVE_WORDS,
    UNREAD_MOVES,
    is_system_text,
)

_UNREAD = re.compile(UNREAD_MOVES)


@dataclass
class Membership:
    """A chat's joins and leaves: each account's by line; how many lines were applied; the exporter's
    own ("You left"), which cannot be applied; and lines in wording not read (line number, raw)."""

    tracked: Moves = field(default_factory=dict)
    lines: int = 0
    exporter: int = 0
    unread: list[tuple[int, str]] = field(default_factory=list)


def _system_body(body: str) -> str | None:
    """A header's text as a system sentence (iOS writes it under the chat's name after U+200E)."""
    _, sep, after = body.partition(": ")
    if sep and after[:1] == "\u200e":
        body = after
    elif not is_system_text(body):
        return None
    return body.strip(MARKS + " ")


def _line_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each line holding one of ``words`` starts (each line once, in order)."""
    starts: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            starts.add(start)
            end = text.find("\n", at)
            if end < 0:
                break
            at = text.find(word, end)
    return sorted(starts)


def _system_lines(
    text: str, header: re.Pattern[str], words: tuple[str, ...]
) -> Iterator[tuple[int, str, str]]:
    """Each whole system line under a message header holding one of ``words``: (line number, raw, its
    system sentence)."""
    line, counted = 1, 0
    for start in _line_starts(text, words):
        head = header.match(text, start)
        if head is None:
            continue
        end = text.find("\n", start)
        raw = text[start:] if end < 0 else text[start:end]
        body = _system_body(raw[head.end() - start :])
        if body is None:
            continue
        line += text.count("\n", counted, start)
        counted = start
        yield line, raw, body


def read_membership(text: str, header: re.Pattern[str], platform: str) -> Membership:
    """The joins and leaves recorded in ``text`` (headers matching ``header``), by line number."""
    found = Membership()
    for line, raw, body in _system_lines(text, header, MOVE_WORDS + UNREAD_MOVE_WORDS):
        if _UNREAD.search(body):
            found.unread.append((line, raw))
            continue
        for pattern, move in MOVES:
            matched = pattern.match(body)
            if matched is None:
                continue
            names = [matched["actor"]] if move in ("joined", "left") else MOVED_NAMES.split(matched["names"])
            joined = move in ("joined", "added")
            found.lines += 1
            for name in names:
                if name.strip() in EXPORTER:
                    found.exporter += 1
                    continue
                account = account_for(name, platform)
                found.tracked.setdefault(account.key, (account, []))[1].append((line, joined))
            break
    return found


@dataclass(frozen=True)
class GroupName:
    """A name a group's system line gives it ("created group", "changed the subject"): the name, the
    line, and the name it replaced when the line says ("" when not)."""

    name: str
    line: int
    before: str = ""


def read_group_names(text: str, header: re.Pattern[str]) -> list[GroupName]:
    """Every name the chat's system lines give the group, in the chat's order (empty names left out)."""
    found: list[GroupName] = []
    for line, _raw, body in _system_lines(text, header, GROUP_NAME_WORDS):
        for pattern in GROUP_NAMES:
            matched = pattern.match(body)
            if matched is not None:
                if matched["name"].strip():
                    before = matched.groupdict().get("before") or ""
                    found.append(GroupName(matched["name"], line, before))
                break
    return found


def group_name_decision(names: list[GroupName], file_name: str) -> str:
    """How a group's conversation was named (``ctx.decide``): its latest name, where the chat gives it,
    and every earlier one with its line."""
    latest = names[-1]
    earlier: dict[str, int] = {}  # each earlier name once, at the first line giving it
    for n in names:
        for name in (n.before, n.name):
            if name and name != latest.name:
                earlier.setdefault(name, n.line)
    said = ", ".join(f"{name!r} (line {line})" for name, line in earlier.items())
    return (
        f"named after the group as the chat last names it: {latest.name!r} (line {latest.line})"
        + (f"; earlier {said}" if said else "")
        + f"; not after the file ({file_name!r})"
    )
