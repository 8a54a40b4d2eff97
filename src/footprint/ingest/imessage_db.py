"""iMessage databases: macOS ``chat.db`` and iOS ``sms.db``, opened read-only from the vault copy.

Messages join their chat and handle; tapbacks (``associated_message_type`` 2000-2006 add, 3000-3006
remove) are items of kind ``reaction`` (a removal too, its text saying so) answering the message they
target (``associated_message_guid`` ``p:N/GUID``), and are also listed on that message; edits and unsends
(iOS 16+: ``date_edited``, ``date_retracted``, ``message_summary_info``) set the flags and keep the
edit history. Dates count from 2001-01-01 UTC in nanoseconds (High Sierra / iOS 11 on) or seconds
(before), told apart by magnitude. When ``text`` is empty the text is recovered from
``attributedBody`` (an NSAttributedString typedstream); a warning is written only when that fails.
"""

from __future__ import annotations

import base64
import json
import plistlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from footprint.errors import ParseError
from footprint.ingest._phone import json_text, owner_account
from footprint.ingest._reactions import SET_ASIDE, ReactionChecks, set_aside
from footprint.ingest._typedstream import attributed_text
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.phones import account_ref
from footprint.ingest.source import Source
from footprint.model import NOT_SENT, REACTION_TO, REACTION_TO_ID, AccountRef, ParsedAttachment, ParsedItem
from footprint.times import iso_utc

PLATFORM = "imessage"
EPOCH_2001 = datetime(2001, 1, 1, tzinfo=UTC)
TAPBACKS = {0: "love", 1: "like", 2: "dislike", 3: "laugh", 4: "emphasise", 5: "question", 6: "emoji"}
_WANTED = (
    "ROWID", "guid", "text", "attributedBody", "handle_id", "service", "date", "date_read",
    "date_delivered", "is_from_me", "cache_has_attachments", "associated_message_guid",
    "associated_message_type", "associated_message_emoji", "date_edited", "date_retracted",
    "message_summary_info", "thread_originator_guid", "item_type", "group_action_type",
    "destination_caller_id", "subject", "is_delivered", "is_read", "error",
)  # fmt: skip
SQLITE_MAGIC = b"SQLite format 3\x00"


def apple_time(value: Any) -> str | None:
    """ISO UTC for an Apple date (seconds or nanoseconds since 2001-01-01); None for 0 / NULL."""
    seconds = _apple_seconds(value)
    if seconds is None:
        return None
    try:
        return iso_utc(EPOCH_2001 + timedelta(seconds=seconds))
    except (OverflowError, ValueError):  # beyond year 1-9999, or NaN: not a time at all
        return None


def _apple_seconds(value: Any) -> float | None:
    """Seconds since 2001-01-01 for an Apple date (seconds or nanoseconds); None for 0, NULL, not a number."""
    if not isinstance(value, (int, float)) or value == 0:
        return None
    return value / 1e9 if abs(value) > 1e11 else float(value)


def _plist_time(stamp: Any) -> str:
    """ISO UTC for a seconds-since-2001 stamp in an edit history; empty if it is not one."""
    if not isinstance(stamp, (int, float)):
        return ""
    try:
        return iso_utc(EPOCH_2001 + timedelta(seconds=stamp))
    except (OverflowError, ValueError):
        return ""


def _text_of(value: Any) -> str:
    """A column value as text: SQLite keeps any type in any column, so a handle may be a blob."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(path)}?mode=ro&immutable=1", uri=True)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}  # table names are our own


def _raw(row: dict[str, Any]) -> str:
    shown = {
        k: ("base64:" + base64.b64encode(v).decode() if isinstance(v, bytes) else v) for k, v in row.items()
    }
    return json.dumps(shown, ensure_ascii=False, sort_keys=True)


@parsers.register
class IMessageDbParser(Parser):
    """iMessage / SMS database from a Mac (chat.db) or an iPhone backup (sms.db)."""

    name = "imessage_db"
    version = 6  # 6: an edit history that disagrees with its message (last version, times) is warned of;
    # 5: a tapback on a message the database does not hold, dated before its message or
    # repeating another is warned of (kept without a time, or once); 4: a tapback (added or removed) is an
    # item of kind reaction answering its message
    description = "iMessage chat.db / sms.db (SQLite, read-only): messages, tapbacks, edits, unsends"
    format_name = "imessage"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip or not source.head.startswith(SQLITE_MAGIC):
            return NO
        try:
            with closing(_connect(str(source.path))) as conn:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if {"message", "handle", "chat", "chat_message_join"} <= tables and "is_from_me" in _columns(
                    conn, "message"
                ):
                    return SniffResult(0.95, "SQLite with iMessage tables (message, handle, chat)")
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            return NO
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        try:
            with closing(_connect(str(source.path))) as conn:
                conn.row_factory = sqlite3.Row
                self.bad_text: list[str] = []
                self.checks = ReactionChecks()
                conn.text_factory = self._text
                yield from self._read(conn, ctx)
            if self.bad_text:
                ctx.warn(
                    "database",
                    f"{len(self.bad_text)} text value(s) are not valid UTF-8; bad bytes shown as U+FFFD",
                    "\n".join(self.bad_text[:20]),
                )
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise ParseError(
                f"not a readable iMessage database ({exc}); copy chat.db / sms.db again"
                " (with its -wal file merged, e.g. from a backup)",
                source=source.name,
            ) from exc

    def _read(self, conn: sqlite3.Connection, ctx: ParseContext) -> Iterator[ParsedItem]:
        columns = _columns(conn, "message")
        missing = {"ROWID", "guid", "date", "is_from_me", "handle_id"} - columns
        if missing:
            raise sqlite3.DatabaseError(f"message table lacks {', '.join(sorted(missing))}")
        handles = {r[0]: _text_of(r[1]) for r in conn.execute("SELECT ROWID, id FROM handle")}
        chat_cols = _columns(conn, "chat")
        chats: dict[int, dict[str, Any]] = {}
        for row in conn.execute("SELECT * FROM chat"):
            chats[row["ROWID"]] = {k: row[k] for k in row.keys() if k in chat_cols}
        members: dict[int, list[AccountRef]] = {}
        for chat_id, handle_id in conn.execute(
            "SELECT chat_id, handle_id FROM chat_handle_join ORDER BY rowid"
        ):
            if handles.get(handle_id):
                members.setdefault(chat_id, []).append(self._account(handles[handle_id]))
        reactions = self._reactions(conn, columns, handles, ctx)
        self.owner = owner_account(PLATFORM, ctx)
        for chat_id, chat in chats.items():
            for account in members.get(chat_id, []):
                ctx.add_participant(self._conversation(chat), account)
        select = ", ".join(f"message.{c}" if c in columns else f"NULL AS {c}" for c in _WANTED)
        # The chat of each message comes from the join, not from a map of every message (memory stays
        # flat however many messages the database holds).
        query = (
            f"SELECT {select}, MIN(j.chat_id) FROM message"
            " LEFT JOIN chat_message_join AS j ON j.message_id = message.ROWID"
            " GROUP BY message.ROWID ORDER BY message.ROWID"
        )
        for row in conn.execute(query):
            values = tuple(row)
            record = dict(zip(_WANTED, values[:-1], strict=True))
            self.present = columns
            chat_id = values[-1]
            found = chats.get(chat_id) if chat_id is not None else None
            item = self._item(conn, record, found, members.get(chat_id or -1, []), handles, reactions, ctx)
            kept = self._checked(conn, item, ctx) if item.kind == "reaction" else item
            if kept is not None:
                yield kept

    def _text(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.bad_text.append(repr(data[:200]))
            return data.decode("utf-8", "replace")

    @staticmethod
    def _account(handle: str) -> AccountRef:
        handle = handle.strip()
        if "@" in handle:
            return AccountRef(PLATFORM, handle.lower(), handle)
        return account_ref(PLATFORM, handle, handle)

    @staticmethod
    def _conversation(chat: dict[str, Any]) -> str:
        return f"{PLATFORM}:{chat.get('chat_identifier') or chat.get('guid')}"

    def _reactions(
        self, conn: sqlite3.Connection, columns: set[str], handles: dict[int, str], ctx: ParseContext
    ) -> dict[str, list[dict[str, str]]]:
        if "associated_message_type" not in columns:
            return {}
        found: dict[str, list[dict[str, str]]] = {}
        query = (
            "SELECT ROWID, handle_id, is_from_me, associated_message_guid, associated_message_type"
            " FROM message WHERE associated_message_type BETWEEN 2000 AND 3999 ORDER BY ROWID"
        )
        for rowid, handle_id, from_me, target, kind in conn.execute(query):
            by = self.owner_key(ctx) if from_me else self._account(handles.get(handle_id) or "unknown").key
            guid = str(target or "").rsplit("/", 1)[-1].removeprefix("bp:")
            found.setdefault(guid, []).append(
                {
                    "by": by,
                    "reaction": TAPBACKS.get(kind % 1000, str(kind)),
                    "action": _action(kind),
                    "row": str(rowid),
                }  # fmt: skip
            )
        return found

    @staticmethod
    def owner_key(ctx: ParseContext) -> str:
        """The account key of the phone's owner."""
        return owner_account(PLATFORM, ctx).key

    def _item(
        self,
        conn: sqlite3.Connection,
        row: dict[str, Any],
        chat: dict[str, Any] | None,
        members: list[AccountRef],
        handles: dict[int, str],
        reactions: dict[str, list[dict[str, str]]],
        ctx: ParseContext,
    ) -> ParsedItem:
        locator = f"message ROWID {row['ROWID']}"
        raw = _raw({k: v for k, v in row.items() if k in self.present})
        details: dict[str, str] = {"guid": str(row["guid"])}
        if row["service"]:
            details["service"] = str(row["service"])
        for name in ("date_read", "date_delivered"):
            when = apple_time(row[name])
            if when:
                details[f"{name}_utc"] = when
        text = row["text"]
        if isinstance(text, bytes):  # a blob in the text column: decoded like any other text
            text = self._text(text)
        elif text is not None and not isinstance(text, str):
            text = str(text)
        if not text:
            recovered = attributed_text(row["attributedBody"])
            if row["attributedBody"] and recovered is None:
                ctx.warn(
                    locator, "message text is only in attributedBody and could not be read; kept empty", raw
                )
            elif recovered is not None:
                details["text_from"] = "attributedBody"
            text = recovered or ""
        owner = self._owner(row)
        error = str(row["error"] or "0")  # 0 (or NULL): no error
        if error != "0":
            details["error"] = error
        author: AccountRef | None
        if row["is_from_me"]:
            if error != "0":
                details[NOT_SENT] = "failed"  # "Not Delivered": it never reached anyone
            author = owner
            recipients = tuple(members)
        else:
            handle = handles.get(row["handle_id"])
            author = self._account(handle) if handle else None
            if author is None and row["handle_id"]:
                ctx.warn(locator, f"handle_id {row['handle_id']} names no handle; sender unknown", raw)
            recipients = (owner, *(m for m in members if author is None or m.native_id != author.native_id))
        kind, system = "message", False
        if row["item_type"]:
            kind, system = "system", True
            details["item_type"] = str(row["item_type"])
        assoc = row["associated_message_type"] or 0
        if not isinstance(assoc, int):
            details["associated_message_type"] = _text_of(assoc)
            assoc = 0
        if 2000 <= assoc < 4000:
            kind, text = "reaction", self._tapback(conn, row, assoc, details)
        elif assoc:
            details["associated_message_type"] = str(assoc)
        if row["guid"] in reactions:
            details["reactions"] = json_text(reactions[row["guid"]])
        if row["thread_originator_guid"]:
            details["reply_to"] = str(row["thread_originator_guid"])
        edited, deleted = self._edits(row, text, details, locator, raw, ctx)
        attachments = self._attachments(conn, row, details)
        when = apple_time(row["date"])
        if when is None and row["date"]:
            ctx.warn(
                locator,
                f"date {row['date']!r} is not a readable Apple time; message kept without a time",
                raw,
            )
        elif when is None:
            ctx.warn(locator, "no date; message kept without a time", raw)
        return ParsedItem(
            locator, kind, raw, text, str(row["date"]) if row["date"] is not None else None, when,
            "platform", "UTC" if when else None, author, tuple(dict.fromkeys(recipients)),
            self._conversation(chat) if chat else None, attachments, deleted, edited, system, details,
        )  # fmt: skip

    def _checked(self, conn: sqlite3.Connection, item: ParsedItem, ctx: ParseContext) -> ParsedItem | None:
        """A tapback as it is kept (see ``ReactionChecks``); one whose message the database does not hold is
        kept without a time, with a warning (it answers nothing that can be read)."""
        details = item.details or {}
        target = details.get(REACTION_TO)
        if target is None:
            ctx.warn(
                item.locator,
                f"tapback {item.text!r} on message {details.get(REACTION_TO_ID, '')!r}, which this database"
                f" does not hold; {SET_ASIDE}",
                item.raw,
            )
            return set_aside(item, "the message it reacts to is not in the database")
        row = conn.execute("SELECT date FROM message WHERE ROWID = ?", (int(target.rsplit(" ", 1)[-1]),))
        return self.checks.check(ctx, item, target, apple_time(row.fetchone()[0]))

    @staticmethod
    def _tapback(conn: sqlite3.Connection, row: dict[str, Any], assoc: int, details: dict[str, str]) -> str:
        """A tapback's text (its name, or the emoji of an emoji tapback; a removal says so) and, in
        ``details``, what it is and the message it answers (by locator when the database holds it)."""
        target = _text_of(row["associated_message_guid"]).rsplit("/", 1)[-1].removeprefix("bp:")
        name = TAPBACKS.get(assoc % 1000, str(assoc))
        details.update({"reaction": name, "reaction_action": _action(assoc), REACTION_TO_ID: target})
        if row["associated_message_emoji"]:
            name = details["reaction_emoji"] = _text_of(row["associated_message_emoji"])
        found = conn.execute("SELECT ROWID FROM message WHERE guid = ?", (target,)).fetchone()
        if found is not None:
            details[REACTION_TO] = f"message ROWID {found[0]}"
        return name if assoc < 3000 else f"{name} (removed)"

    def _owner(self, row: dict[str, Any]) -> AccountRef:
        caller = str(row["destination_caller_id"] or "").strip()
        if caller:
            return self._account(caller.removeprefix("e:").removeprefix("E:").removeprefix("p:"))
        return self.owner

    @staticmethod
    def _edits(
        row: dict[str, Any], text: str, details: dict[str, str], locator: str, raw: str, ctx: ParseContext
    ) -> tuple[bool, bool]:
        edited = bool(row["date_edited"])
        deleted = bool(row["date_retracted"])
        if row["date_edited"]:
            details["edited_at_utc"] = apple_time(row["date_edited"]) or ""
        if row["date_retracted"]:
            details["unsent_at_utc"] = apple_time(row["date_retracted"]) or ""
        blob = row["message_summary_info"]
        if not blob:
            return edited, deleted
        summary = _summary(blob, locator, raw, ctx)
        if summary is None:
            return edited, deleted
        history: list[dict[str, str]] = []
        stamps: list[Any] = []
        for part, versions in sorted((summary.get("ec") or {}).items(), key=lambda kv: str(kv[0])):
            for version in versions if isinstance(versions, list) else []:
                if not isinstance(version, dict):
                    continue
                words = attributed_text(version.get("t")) if isinstance(version.get("t"), bytes) else None
                stamp = version.get("d")
                at = _plist_time(stamp)
                history.append(
                    {"part": str(part), "at": at, "text": words if words is not None else "(unreadable)"}
                )
                stamps.append(stamp)
        if history:
            details["edit_history"] = json_text(history)
            edited = True
            _check_history(row, text, history, stamps, locator, raw, ctx)
        retracted = summary.get("rp")
        if retracted:
            details["unsent_parts"] = json_text([str(p) for p in retracted])
            deleted = True
        return edited, deleted

    @staticmethod
    def _attachments(
        conn: sqlite3.Connection, row: dict[str, Any], details: dict[str, str]
    ) -> tuple[ParsedAttachment, ...]:
        if not row["cache_has_attachments"]:
            return ()
        query = (
            "SELECT a.* FROM attachment a JOIN message_attachment_join j ON j.attachment_id = a.ROWID"
            " WHERE j.message_id = ? ORDER BY a.ROWID"
        )
        found: list[ParsedAttachment] = []
        listed: list[dict[str, str]] = []
        for att in conn.execute(query, (row["ROWID"],)):
            keys = att.keys()
            path = str(att["filename"] or "") if "filename" in keys else ""
            name = (str(att["transfer_name"] or "") if "transfer_name" in keys else "") or PurePosixPath(
                path
            ).name
            mime = str(att["mime_type"] or "") if "mime_type" in keys else ""
            found.append(ParsedAttachment(name or "attachment", None, mime))
            listed.append({
                "name": name, "device_path": path, "mime": mime,
                "uti": str(att["uti"] or "") if "uti" in keys else "",
                "size": str(att["total_bytes"] or "") if "total_bytes" in keys else "",
            })  # fmt: skip
        if listed:
            details["attachments"] = json_text(listed)
        return tuple(found)


#: what each key of ``message_summary_info`` that is read must hold: ``ec`` the edit history (part ->
#: versions), ``rp`` the parts unsent
_SUMMARY_TYPES: dict[str, tuple[type, str]] = {"ec": (dict, "a dictionary"), "rp": (list, "a list")}


def _summary(blob: Any, locator: str, raw: str, ctx: ParseContext) -> dict[Any, Any] | None:
    """A message's ``message_summary_info`` plist, or None (with a warning when it is damaged or hostile:
    not a plist, nested too deeply to read, or a key read holding the wrong type), so that one message's
    summary never costs the rest of the database."""
    try:
        summary = plistlib.loads(blob)
    except RecursionError:
        ctx.warn(locator, "message_summary_info is nested too deeply to read; edits not read", raw)
        return None
    except (plistlib.InvalidFileException, ValueError, TypeError, OverflowError) as exc:
        ctx.warn(locator, f"message_summary_info is not a readable plist ({exc}); edits not read", raw)
        return None
    if not isinstance(summary, dict):
        return None
    for key, (kind, words) in _SUMMARY_TYPES.items():
        if summary.get(key) is not None and not isinstance(summary[key], kind):
            ctx.warn(
                locator,
                f"message_summary_info {key!r} is {type(summary[key]).__name__}, not {words};"
                " edits and unsent parts not read",
                raw,
            )
            return None
    return summary


def _check_history(
    row: dict[str, Any],
    text: str,
    history: list[dict[str, str]],
    stamps: list[Any],
    locator: str,
    raw: str,
    ctx: ParseContext,
) -> None:
    """Warn when the edit history does not agree with the message: its last version (of each part) is
    not in the stored text (the whole text, for a message of one part), or an edit is dated before the
    message was sent. Either may be a device clock or a database changed after the fact."""
    last = {v["part"]: v["text"] for v in history if v["text"] != "(unreadable)"}
    for part, words in last.items():
        if (words != text) if len(last) == 1 else (words not in text):
            ctx.warn(
                locator,
                f"edit history's last version of part {part} {words!r} is not the stored text {text!r};"
                " both are kept: compare them with the message on the device",
                raw,
            )
    sent = row.get("date")
    sent_seconds = _apple_seconds(sent)
    early = [
        (stamp, v["at"])
        for v, stamp in zip(history, stamps, strict=True)
        if sent_seconds is not None and v["at"] and isinstance(stamp, (int, float)) and stamp < sent_seconds
    ]
    if early:
        stamp, at = min(early)
        ctx.warn(
            locator,
            f"{len(early)} of {len(history)} edits dated before the message was sent ({apple_time(sent)},"
            f" date {sent!r}), the earliest {at} (d {stamp!r}); the device clock or the database may have"
            " been changed: both times are kept",
            raw,
        )


def _action(kind: int) -> str:
    return "added" if kind < 3000 else "removed"
