"""X/Twitter "Your archive": tweets, deleted tweets and DMs (``window.YTD`` layouts and Grailbird)."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any, TypeVar

from footprint.errors import ParseError
from footprint.ingest._jsonresync import Shape
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest._social import arr, as_text, mime_for, obj, raw_json
from footprint.ingest._twitter import (
    DmReader,
    Handles,
    expanded_links,
    media_member,
    part_kind,
    tweet_time,
)
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.damage import DamagedInput, keep_or_refuse, resumer
from footprint.ingest.source import Source
from footprint.model import AccountRef, ParsedAttachment, ParsedItem

T = TypeVar("T")
TWEET_KINDS = ("tweets", "tweet", "deleted-tweets", "deleted-tweet")
DELETED_HEADERS = "deleted-tweet-headers"  # ids and times of deleted tweets, without their text
#: a ``tweets.js`` / ``deleted-tweets.js`` / ``deleted-tweet-headers.js`` entry, ``{"tweet": {…}}``, for
#: reading on after damage in a minified file (``_jsonresync``)
TWEET = Shape(keys=("tweet",), holder=None)
DM_KINDS = ("direct-messages", "direct-message", "direct-messages-group", "direct-message-group")
TWEET_MEDIA = ("tweets_media", "tweet_media", "deleted_tweets_media")
DM_MEDIA = ("direct_messages_media", "direct_message_media", "direct_messages_group_media")
_GRAILBIRD = re.compile(r"(?:^|/)data/js/tweets/\d{4}_\d{2}\.js$")
_CSV_HEADER = '"tweet_id","in_reply_to_status_id"'


def _head_kind(head: bytes) -> str | None:
    text = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if text.startswith(b"window.YTD."):
        return "ytd"
    if text.startswith(b"Grailbird.data."):
        return "grailbird"
    if text.startswith(_CSV_HEADER.encode()):
        return "csv"
    return None


@parsers.register
class TwitterArchiveParser(Parser):
    """An X/Twitter archive (.zip or unpacked folder, which is packed first) or one of its .js files."""

    name = "twitter_archive"
    # 6: each reaction on a DM is an item of its own (kind reaction, at its createdAt); 7: so is a
    # reactionCreate event, answering the message it names (it was a system item); 8: a reaction on a
    # message not held, dated before its message or with an unreadable createdAt is kept without a time
    # (warned), and a repeated one once
    # 9: --accept-partial resumes at the next whole entry after damage, and reads the other files; 10: in a
    # file written on one line too
    version = 10
    description = (
        "X/Twitter 'Your archive' (.zip or folder; 2023+, 2019-2022 and Grailbird layouts) or one .js file"
    )
    format_name = "twitter"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if not source.is_zip:
            kind = _head_kind(source.head)
            if kind == "csv":
                return SniffResult(0.9, "Grailbird tweets.csv header")
            return SniffResult(0.9, f"{kind} archive file") if kind else NO
        try:
            for member in source.members():
                name = PurePosixPath(member).name
                known = part_kind(member)
                if (known and known[0] in (*TWEET_KINDS, *DM_KINDS, "account")) or _GRAILBIRD.search(member):
                    if _head_kind(source.member_head(member, 64)):
                        return SniffResult(0.95, f"archive holding {member}")
                elif name == "tweets.csv" and _head_kind(source.member_head(member, 64)) == "csv":
                    return SniffResult(0.95, f"archive holding {member}")
        except ParseError:
            return NO
        return NO

    @classmethod
    def own_part(cls, member: str) -> bool:
        """The archive's other data files (likes, ads: the ``not_read`` decision), its README and viewer."""
        path = PurePosixPath(member)
        if path.parts[0] == "data":
            return part_kind(member) is not None or path.name == "README.txt"
        return path.parts[0] == "assets" or member == "Your archive.html"

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        reader = _ArchiveReader(source, ctx)
        if not source.is_zip:
            yield from reader.single_file()
            return
        yield from reader.archive()


class _ArchiveReader:
    def __init__(self, source: Source, ctx: ParseContext) -> None:
        self.source = source
        self.ctx = ctx
        self.handles = Handles()
        self.media: dict[str, dict[str, str]] = {}
        self.seen_ids: set[str] = set()
        self.deleted_ids: set[str] = set()  # deleted tweets read whole, so their headers are not repeated
        self.track_ids = False  # only a Grailbird archive with tweets.csv needs the ids read from JS
        self.posts = 0  # tweets read, and how many of them name no author (for the account_owner note)
        self.authorless = 0

    def single_file(self) -> Iterator[ParsedItem]:
        source = self.source
        kind = _head_kind(source.head)
        name = source.name
        if kind == "csv":
            yield from self._csv(name, source.read_bytes())
            return
        if kind == "grailbird":
            yield from self._tweets(name, self._stream(None, name), deleted=False)
            return
        found = part_kind(name)
        part = _ytd_kind(source.head) or (found[0] if found else "tweets")
        entries = self._stream(None, name, TWEET if part in (*TWEET_KINDS, DELETED_HEADERS) else None)
        if part in DM_KINDS:
            yield from self._dms(None, name, "group" in part)
        elif part == "account":
            self._account(name, [entry for _, entry, _ in entries])
        elif part == "screen-name-change":
            self._screen_names(name, [entry for _, entry, _ in entries])
        elif part in TWEET_KINDS:
            yield from self._tweets(name, entries, deleted=part.startswith("deleted"))
        elif part == DELETED_HEADERS:
            yield from self._deleted_headers(name, entries)
        else:
            raise ParseError(
                f"an X archive '{part}' file, which holds no tweets or DMs; add the whole archive"
                " (.zip or folder), or one of its tweets, deleted-tweets or direct-messages files",
                source=name,
            )

    def archive(self) -> Iterator[ParsedItem]:
        source, ctx = self.source, self.ctx
        members = source.members()
        files: dict[str, list[tuple[int, str]]] = {}
        grailbird: list[str] = []
        csv_member = None
        for member in members:
            path = PurePosixPath(member)
            parent = path.parent.name
            if parent in TWEET_MEDIA + DM_MEDIA:
                self.media.setdefault(parent, {})[path.name] = member
                continue
            if _GRAILBIRD.search(member):
                grailbird.append(member)
            elif path.name == "tweets.csv":
                csv_member = member
            elif (found := part_kind(member)) and parent == "data":
                files.setdefault(found[0], []).append((found[1], member))
        for kind in ("account", "screen-name-change"):
            for _, member in sorted(files.get(kind, [])):
                entries = list(self._member(entry for _, entry, _ in self._stream(member, member)))
                (self._account if kind == "account" else self._screen_names)(member, entries)
        used = 0
        for kind in TWEET_KINDS:
            for _, member in sorted(files.get(kind, [])):
                used += 1
                yield from self._member(
                    self._tweets(
                        member, self._stream(member, member, TWEET), deleted=kind.startswith("deleted")
                    )
                )
        for _, member in sorted(files.get(DELETED_HEADERS, [])):
            used += 1
            yield from self._member(self._deleted_headers(member, self._stream(member, member, TWEET)))
        self.track_ids = csv_member is not None
        for member in sorted(grailbird):
            used += 1
            yield from self._member(self._tweets(member, self._stream(member, member), deleted=False))
        if csv_member is not None:
            used += 1
            yield from self._csv(csv_member, source.read_member(csv_member))
        for kind in DM_KINDS:
            for _, member in sorted(files.get(kind, [])):
                used += 1
                yield from self._member(self._dms(member, member, "group" in kind))
        if self.handles.owner is None:
            ctx.decide("account_owner", self._no_owner())
        if not used and self.handles.owner is None:
            raise ParseError(
                "the archive holds no tweets, DMs or account file (data/tweets.js, data/tweet.js,"
                " data/direct-messages.js, data/account.js or Grailbird tweets.csv); add the archive"
                " exactly as downloaded",
                source=source.name,
            )
        skipped = sorted(
            k
            for k in files
            if k not in (*TWEET_KINDS, *DM_KINDS, DELETED_HEADERS, "account", "screen-name-change")
        )
        if skipped:
            ctx.decide("not_read", ", ".join(skipped))

    def _member(self, read: Iterator[T]) -> Iterator[T]:
        """What one file of the archive gives. Damage in it that cannot be read past refuses the add, or
        with ``add --accept-partial`` is told and the archive's other files are read
        (``damage.keep_or_refuse``)."""
        try:
            yield from read
        except DamagedInput as damage:
            keep_or_refuse(damage, self.source, self.ctx, goes_on=True)

    def _no_owner(self) -> str:
        """The ``account_owner`` note for an archive without ``account.js``: where authors came from."""
        note = "unknown: the archive has no data/account.js"
        if not self.posts:
            return note
        if not self.authorless:
            return f"{note}; each tweet's author is read from its own user record"
        tweets = "tweet names" if self.posts == 1 else "tweets name"
        verb = "is" if self.authorless == 1 and self.posts == 1 else "are"
        return f"{note}; {self.authorless} of {self.posts} {tweets} no author and {verb} kept without one"

    def _stream(
        self, member: str | None, name: str, shape: Shape | None = None
    ) -> Iterator[tuple[int, Any, str]]:
        """The entries of a ``window.YTD`` / Grailbird array with their original text, one at a time;
        ``shape``: each entry's, for reading on after damage in a minified file."""
        source = self.source
        with source.open_member(member) if member is not None else source.open() as handle:
            js = JsonStream(handle, source.name, member, "the archive", resumer(source, self.ctx))
            js.seek_array()
            yield from js.elements(name, shape)
            js.end()

    def _account(self, member: str, entries: list[Any]) -> None:
        for entry in entries:
            account = entry.get("account") if isinstance(entry, dict) else None
            if not isinstance(account, dict) or account.get("accountId") is None:
                self.ctx.warn(member, "account entry without accountId", raw_json(entry))
                continue
            ident = as_text(account["accountId"])
            self.handles.owner = ident
            self.handles.names[ident] = as_text(account.get("username"))
            self.handles.owner_name = as_text(account.get("accountDisplayName"))
            self.ctx.decide(
                "account_owner",
                f"x:{ident} @{as_text(account.get('username'))} ({self.handles.owner_name})",
            )
            self.ctx.owner_account = AccountRef("x", ident, self.handles.owner_name)

    def _screen_names(self, member: str, entries: list[Any]) -> None:
        changes = []
        for entry in entries:
            body = entry.get("screenNameChange") if isinstance(entry, dict) else None
            change = body.get("screenNameChange") if isinstance(body, dict) else None
            when = tweet_time(as_text(change.get("changedAt"))) if isinstance(change, dict) else None
            if not isinstance(change, dict) or when is None:
                self.ctx.warn(member, "screen-name change without a readable changedAt", raw_json(entry))
                continue
            changes.append((when, as_text(change.get("changedFrom")), as_text(change.get("changedTo"))))
        self.handles.changes = sorted(changes)
        if changes:
            history = "; ".join(f"@{a} -> @{b} at {t}" for t, a, b in self.handles.changes)
            self.ctx.decide("screen_name_history", history)

    def _tweets(
        self, member: str, entries: Iterable[tuple[int, Any, str]], deleted: bool
    ) -> Iterator[ParsedItem]:
        handles = self.handles
        for index, entry, raw in entries:
            locator = f"{member}[{index}]"
            tweet = entry.get("tweet", entry) if isinstance(entry, dict) else None
            if not isinstance(tweet, dict):
                self.ctx.warn(locator, "not a tweet object; skipped", raw)
                continue
            for mention in arr(obj(tweet.get("entities")).get("user_mentions")):
                if isinstance(mention, dict):
                    handles.learn(mention.get("id_str") or mention.get("id"), mention.get("screen_name"))
            handles.learn(tweet.get("in_reply_to_user_id_str"), tweet.get("in_reply_to_screen_name"))
            user = tweet.get("user")
            if isinstance(user, dict):
                handles.learn(user.get("id_str") or user.get("id"), user.get("screen_name"))
            yield self._tweet(locator, tweet, raw, deleted)

    def _tweet(self, locator: str, tweet: dict[str, Any], raw: str, deleted: bool) -> ParsedItem:
        handles, ctx = self.handles, self.ctx
        ident = as_text(tweet.get("id_str") or tweet.get("id"))
        if self.track_ids:
            self.seen_ids.add(ident)
        created = as_text(tweet.get("created_at"))
        sent_utc = tweet_time(created) if created else None
        if sent_utc is None:
            ctx.warn(locator, f"unreadable created_at {created!r}; kept without a time", raw)
        user = tweet.get("user")
        author_id = (user.get("id_str") or user.get("id")) if isinstance(user, dict) else handles.owner
        author = self._author(author_id, sent_utc)
        text = html.unescape(as_text(tweet.get("full_text") or tweet.get("text")))
        details: dict[str, str] = {"id": ident}
        recipients: list[AccountRef] = []
        reply_to = as_text(tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id"))
        if reply_to:
            details["reply_to"] = reply_to
        if urls := expanded_links(obj(tweet.get("entities")).get("urls"), "expanded_url"):
            details["urls"] = urls
        reply_user = as_text(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id"))
        if reply_user:
            recipients.append(handles.account(reply_user))
        for mention in arr(obj(tweet.get("entities")).get("user_mentions")):
            if isinstance(mention, dict) and (mid := as_text(mention.get("id_str") or mention.get("id"))):
                account = handles.account(mid)
                if account not in recipients and mid != author_id:
                    recipients.append(account)
        if text.startswith("RT @") or tweet.get("retweeted_status") or tweet.get("retweeted_status_id"):
            details["retweet"] = "true"
        edit_ids = arr(obj(obj(tweet.get("edit_info")).get("initial")).get("editTweetIds"))
        if isinstance(edit_ids, list) and len(edit_ids) > 1:
            details["edit_tweet_ids"] = " ".join(as_text(e) for e in edit_ids)
        if deleted:
            details["deleted_at"] = as_text(tweet.get("deleted_at"))
            self.deleted_ids.add(ident)
        extended = arr(obj(tweet.get("extended_entities")).get("media")) or arr(
            obj(tweet.get("entities")).get("media")
        )
        attachments = []
        for media in extended if isinstance(extended, list) else []:
            if not isinstance(media, dict):
                continue
            url = as_text(media.get("media_url_https") or media.get("media_url"))
            found = media_member(
                self.media, ("tweets_media", "tweet_media", "deleted_tweets_media"), ident, url
            )
            attachments.append(ParsedAttachment(url.rsplit("/", 1)[-1] or "media", found, mime_for(url)))
        return ParsedItem(
            locator, "post", raw, text, created or None, sent_utc, "platform", "UTC", author,
            tuple(recipients), None, tuple(attachments), deleted, len(edit_ids) > 1, False, details,
        )  # fmt: skip

    def _author(self, author_id: object, sent_utc: str | None) -> AccountRef | None:
        """A post's author account (counted for the ``account_owner`` note)."""
        self.posts += 1
        if not author_id:
            self.authorless += 1
            return None
        return self.handles.account(author_id, sent_utc)

    def _deleted_headers(self, member: str, entries: Iterable[tuple[int, Any, str]]) -> Iterator[ParsedItem]:
        """Deleted tweets the archive keeps only as ids and times: deleted posts without their text.

        A header of a tweet ``deleted-tweets.js`` holds whole is that tweet, already read: not repeated.
        """
        for index, entry, raw in entries:
            locator = f"{member}[{index}]"
            header = entry.get("tweet") if isinstance(entry, dict) else None
            ident = as_text(header.get("tweet_id")) if isinstance(header, dict) else ""
            if not isinstance(header, dict) or not ident:
                self.ctx.warn(locator, "not a deleted-tweet header object; skipped", raw)
                continue
            if ident in self.deleted_ids:
                continue
            created = as_text(header.get("created_at"))
            sent_utc = tweet_time(created) if created else None
            if sent_utc is None:
                self.ctx.warn(locator, f"unreadable created_at {created!r}; kept without a time", raw)
            author_id = as_text(header.get("user_id")) or self.handles.owner
            author = self._author(author_id, sent_utc)
            details = {"id": ident}
            if header.get("deleted_at"):
                details["deleted_at"] = as_text(header["deleted_at"])
            details["text_in_archive"] = "no"
            yield ParsedItem(
                locator, "post", raw, "", created or None, sent_utc, "platform", "UTC", author, (),
                None, (), True, False, False, details,
            )  # fmt: skip

    def _dms(self, member: str | None, name: str, group: bool) -> Iterator[ParsedItem]:
        reader = DmReader(self.ctx, self.handles, self.media, DM_MEDIA)
        source = self.source
        with source.open_member(member) if member is not None else source.open() as handle:
            yield from reader.conversations(
                name, JsonStream(handle, source.name, member, "the archive", resumer(source, self.ctx)), group
            )
        reader.untimed.warn(self.ctx)

    def _csv(self, member: str, data: bytes) -> Iterator[ParsedItem]:
        text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n")
        header: list[str] = []
        repeated = 0
        for line, fields, raw in _csv_records(text):
            locator = f"{member} line {line}"
            if not header:
                header = fields
                continue
            row = dict(zip(header, fields, strict=False))
            ident = row.get("tweet_id", "")
            if ident and ident in self.seen_ids:
                repeated += 1
                continue
            tweet: dict[str, Any] = {
                "id_str": ident,
                "created_at": row.get("timestamp", ""),
                "text": row.get("text", ""),
                "in_reply_to_status_id_str": row.get("in_reply_to_status_id", ""),
                "in_reply_to_user_id_str": row.get("in_reply_to_user_id", ""),
                "retweeted_status_id": row.get("retweeted_status_id", ""),
            }
            if len(fields) != len(header):
                self.ctx.warn(locator, f"row has {len(fields)} fields, the header has {len(header)}", raw)
            yield self._tweet(locator, tweet, raw, False)
        if repeated:
            self.ctx.decide(
                "grailbird_csv",
                f"{repeated} row(s) of {member} repeat tweets read from data/js/tweets;"
                " kept once (from the JS)",
            )


def _ytd_kind(data: bytes) -> str | None:
    """The data kind a ``window.YTD.<kind>.partN`` file names in its head, if it names one."""
    found = re.match(rb"\s*window\.YTD\.([a-z_]+)\.part\d+", data[:200].lstrip(b"\xef\xbb\xbf"))
    return found.group(1).decode().replace("_", "-") if found else None


def _csv_records(text: str) -> Iterator[tuple[int, list[str], str]]:
    consumed: list[str] = []
    line_no = 0

    def lines() -> Iterator[str]:
        nonlocal line_no
        for piece in io.StringIO(text):
            line_no += 1
            consumed.append(piece)
            yield piece

    reader = csv.reader(lines())
    while True:
        start = line_no + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            fields = []
        raw = "".join(consumed).rstrip("\n")
        consumed.clear()
        if fields or raw:
            yield start, fields, raw
