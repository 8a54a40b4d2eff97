"""Who is in a group chat when each message is sent, from the joins and leaves its export records.

Shared by the parsers of exports that record them (Telegram service messages, WhatsApp system lines):
a tracked member receives only what is sent while they are in the group.
"""

from __future__ import annotations

from footprint.model import AccountRef

# account key -> (the account, its joins (True) and leaves (False) by position, in order)
Moves = dict[str, tuple[AccountRef, list[tuple[int, bool]]]]


class GroupPresence:
    """Who of a group's tracked members (those who joined or left by a system message) is in it at
    each message, walked in message order: an account is in the group at message ``index`` (any
    increasing position: a message's index or line) by its last join or leave before it, or -- before
    its first one -- if that first one was leaving. Each author's recipients are made once per change of
    members, so a message costs a look-up, not a search."""

    def __init__(self, tracked: Moves) -> None:
        self.present = {key: account for key, (account, moves) in tracked.items() if not moves[0][1]}
        self.moves = sorted(
            (
                (index, joined, key, account)
                for key, (account, moves) in tracked.items()
                for index, joined in moves
            ),
            key=lambda move: move[0],
        )  # each account's in message order (the sort is stable)
        self.next = 0  # the first move not yet made
        self.recipients: dict[str | None, tuple[AccountRef, ...]] = {}  # author key -> the others present

    def at(self, index: int) -> None:
        """Make the moves of the messages before message ``index``."""
        moves, first = self.moves, self.next
        while self.next < len(moves) and moves[self.next][0] < index:
            _, joined, key, account = moves[self.next]
            if joined:
                self.present[key] = account
            else:
                self.present.pop(key, None)
            self.next += 1
        if self.next != first:
            self.recipients = {}

    def upcoming(self) -> float:
        """The index of the next move not yet made (infinity when none is left)."""
        return self.moves[self.next][0] if self.next < len(self.moves) else float("inf")

    def others(self, author: AccountRef | None) -> tuple[AccountRef, ...]:
        """The tracked members in the group now, but the author, by account key."""
        key = author.key if author else None
        found = self.recipients.get(key)
        if found is None:
            found = tuple(sorted((a for k, a in self.present.items() if k != key), key=lambda a: a.key))
            self.recipients[key] = found
        return found
