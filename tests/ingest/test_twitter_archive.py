"""X/Twitter archive parser: every layout, exact warnings, complete records, the owner's handles."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import ParseError
from footprint.ingest.folder import pack_folder
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from tests.conftest import DATA, parse

ARCHIVE = DATA / "twitter_archive" / "archive-2024"
OWNER = "9007199254740993"
ANN = AccountRef("x", "8000000001", "@ann_example")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return pack_folder(ARCHIVE, tmp_path)


def test_counts_warnings_and_decisions(archive: Path) -> None:
    result = parse("twitter_archive", archive)
    assert [i.locator for i in result.items] == [
        "data/tweets.js[0]",
        "data/tweets.js[1]",
        "data/tweets.js[3]",
        "data/direct-messages.js[0].messages[0]",
        "data/direct-messages.js[0].messages[1]",
    ]
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        ("data/tweets.js[2]", "not a tweet object; skipped", '"not a tweet"'),
        (
            "data/tweets.js[3]",
            "unreadable created_at 'yesterday'; kept without a time",
            '{\n    "tweet" : {\n      "id_str" : "1760000000000000003",\n      "created_at" : "yesterday",\n'
            '      "full_text" : "time unreadable"\n    }\n  }',
        ),
        (
            "data/direct-messages.js[0].messages[2]",
            "not a single DM event object; skipped",
            '[ "unexpected" ]',
        ),
    ]
    assert result.ctx.decisions == {
        "account_owner": f"x:{OWNER} @ben_now (Ben Example)",
        "screen_name_history": "@ben_before -> @ben_now at 2024-02-01T12:00:00Z",
    }


def test_reply_record_is_complete_with_the_handle_of_its_time(archive: Path) -> None:
    first = parse("twitter_archive", archive).items[0]
    assert first == ParsedItem(
        locator="data/tweets.js[0]",
        kind="post",
        raw=first.raw,
        text="@ann_example I know where you live <3",
        sent_at_raw="Mon Jan 15 20:00:00 +0000 2024",
        sent_at_utc="2024-01-15T20:00:00Z",
        tz_source="platform",
        tz_name="UTC",
        author=AccountRef("x", OWNER, "@ben_before"),
        recipients=(ANN,),
        details={"id": "1750000000000000001"},
    )
    assert "&lt;3" in first.raw


def test_ids_beyond_2_53_stay_exact_and_media_is_linked(archive: Path) -> None:
    items = parse("twitter_archive", archive).items
    edited = items[1]
    assert edited.author == AccountRef("x", OWNER, "@ben_now")
    assert edited.edited is True
    assert edited.details == {
        "id": "1760000000000000002",
        "edit_tweet_ids": "1760000000000000001 1760000000000000002",
    }
    assert edited.attachments == (
        ParsedAttachment("GCarCar.jpg", "data/tweets_media/1760000000000000002-GCarCar.jpg", "image/jpeg"),
    )


def test_dms_in_file_order_with_events_and_media(archive: Path) -> None:
    result = parse("twitter_archive", archive)
    message, leave = result.items[3:]
    assert (leave.kind, leave.system, leave.author, leave.text) == (
        "system",
        True,
        None,
        "left the conversation: x:8000000001",
    )
    assert message.conversation == "x:dm:8000000001-9007199254740993"
    assert message.attachments == (
        ParsedAttachment("Qq.jpg", "data/direct_messages_media/1770000000000000002-Qq.jpg", "image/jpeg"),
    )
    assert result.ctx.participants["x:dm:8000000001-9007199254740993"] == {
        ANN,
        AccountRef("x", OWNER, "@ben_now"),
    }


def test_truncated_js_is_a_parse_error(tmp_path: Path) -> None:
    broken = tmp_path / "tweets.js"
    broken.write_text('window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1"')
    with pytest.raises(ParseError) as caught:
        parse("twitter_archive", broken)
    assert str(caught.value) == (
        "tweets.js: not valid JSON (Expecting ',' delimiter) at byte 52 (line 1); tweets.js ends there, at"
        " byte 52: it is cut short, and what should follow is not in it; the case is unchanged — get a"
        " fresh copy of the archive from the original and add that"
    )


SHARED_COUNTS = {
    "archive-2023": {"message": 3, "post": 4, "system": 3, "reaction": 1},  # twitter_archive v6
    "archive-2019": {"message": 2, "post": 1, "reaction": 1},
    "archive-legacy": {"post": 1},
}


@pytest.mark.parametrize("layout", sorted(SHARED_COUNTS))
def test_shared_fixtures_parse(layout: str, shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "export-samples" / "twitter-x" / "synthetic" / layout
    result = parse("twitter_archive", pack_folder(folder, tmp_path))
    kinds: dict[str, int] = {}
    for item in result.items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    assert kinds == SHARED_COUNTS[layout]
    assert result.warnings == []


def test_shared_2023_archive_in_detail(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "export-samples" / "twitter-x" / "synthetic" / "archive-2023"
    result = parse("twitter_archive", pack_folder(folder, tmp_path))
    assert [(i.kind, i.deleted) for i in result.items].count(("post", True)) == 1
    group = [i.text for i in result.items if i.conversation == "x:dm:1635800000000000000"]
    assert group == [  # newest first, as in the file
        "group message",
        "renamed the conversation to 'pile-on'",
        "added to the conversation: x:3333333333",
        "joined the conversation: x:1111111111 x:2222222222",
    ]
    first = result.items[0]
    assert first.text == "@victim_example you & your friends will regret this 😡"
    dm = next(i for i in result.items if i.details and i.details.get("id") == "1635700000000000002")
    assert dm.details is not None
    assert dm.details["reactions"] == "angry by x:2222222222 at 2023-03-14T09:20:00.000Z"
    assert result.ctx.decisions["not_read"] == "account-timezone"


def test_legacy_csv_alone_and_with_js(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "export-samples" / "twitter-x" / "synthetic" / "archive-legacy"
    alone = parse("twitter_archive", folder / "tweets.csv")
    assert [(i.locator, i.text, i.sent_at_utc) for i in alone.items] == [
        ("tweets.csv line 2", 'multi\nline, with "quotes"', "2013-11-06T21:05:09Z")
    ]
    both = parse("twitter_archive", pack_folder(folder, tmp_path))
    assert [i.locator for i in both.items] == ["data/js/tweets/2013_11.js[0]"]
    assert both.items[0].author == AccountRef("x", "1111111111", "@suspect_example")
    assert both.ctx.decisions["grailbird_csv"] == (
        "1 row(s) of tweets.csv repeat tweets read from data/js/tweets; kept once (from the JS)"
    )


@pytest.mark.parametrize(
    "conversation",
    [
        '{"dmConversation": {"conversationId": "42-43", "messages": "I know where you live"}}',
        '{"dmConversation": {"conversationId": "42-43", "messagez": [{"messageCreate": {"text": "hi"}}]}}',
        '{"dmConvo": {"conversationId": "42-43", "messages": []}}',
    ],
)
def test_a_conversation_without_a_messages_array_keeps_its_raw_text(
    tmp_path: Path, conversation: str
) -> None:
    # The warning was stored with empty raw text, so whatever the conversation held was lost (found
    # by fuzzing with a key deleted or given the wrong type).
    path = tmp_path / "direct-messages.js"
    path.write_text(f"window.YTD.direct_messages.part0 = [ {conversation} ]", encoding="utf-8")
    result = parse("twitter_archive", path)
    assert result.items == []
    [warning] = result.warnings
    assert warning.message == "not a dmConversation with messages; skipped"
    assert "42-43" in warning.raw


@pytest.mark.parametrize(
    ("name", "kind"),
    [("account-timezone.js", "account-timezone"), ("like.js", "like"), ("export.js", "follower")],
)
def test_a_lone_file_holding_neither_tweets_nor_dms_is_refused(tmp_path: Path, name: str, kind: str) -> None:
    # was read as tweets: one empty "post" with no time per entry
    lone = tmp_path / name
    lone.write_text(
        f"window.YTD.{kind.replace('-', '_')}.part0 = [\n"
        '  {"accountTimezone": {"accountId": "1111111111", "timeZone": "London"}}\n]'
    )
    with pytest.raises(ParseError) as caught:
        parse("twitter_archive", lone)
    assert str(caught.value) == (
        f"{name}: an X archive '{kind}' file, which holds no tweets or DMs; add the whole archive"
        " (.zip or folder), or one of its tweets, deleted-tweets or direct-messages files"
    )


def test_a_lone_screen_name_change_file_gives_the_history_and_no_items(tmp_path: Path) -> None:
    lone = tmp_path / "screen-name-change.js"
    lone.write_text(
        'window.YTD.screen_name_change.part0 = [{"screenNameChange": {"accountId": "1",'
        ' "screenNameChange": {"changedAt": "2023-01-02T03:04:05.000Z", "changedFrom": "old",'
        ' "changedTo": "new"}}}]'
    )
    result = parse("twitter_archive", lone)
    assert (result.items, result.warnings) == ([], [])
    assert result.ctx.decisions == {"screen_name_history": "@old -> @new at 2023-01-02T03:04:05Z"}


def test_tweet_t_co_links_keep_their_expanded_address(tmp_path: Path) -> None:
    # DMs kept urls[].expanded; tweets dropped entities.urls[].expanded_url (never fetched either way)
    lone = tmp_path / "tweets.js"
    lone.write_text(
        'window.YTD.tweets.part0 = [{"tweet": {"id_str": "5", "created_at": "Tue Mar 14 09:15:00'
        ' +0000 2023", "full_text": "look https://t.co/AAAA and https://t.co/BBBB", "entities":'
        ' {"urls": [{"url": "https://t.co/AAAA", "expanded_url": "https://example.invalid/her-address",'
        ' "display_url": "example.invalid/her-address"}, {"url": "https://t.co/BBBB",'
        ' "expanded_url": "https://example.invalid/2", "display_url": "example.invalid/2"}]}}}]'
    )
    item = parse("twitter_archive", lone).items[0]
    assert item.text == "look https://t.co/AAAA and https://t.co/BBBB"
    assert item.details == {
        "id": "5",
        "urls": "https://t.co/AAAA -> https://example.invalid/her-address"
        " https://t.co/BBBB -> https://example.invalid/2",
    }


def _write_archive(folder: Path, files: dict[str, str]) -> None:
    (folder / "data").mkdir(parents=True)
    for name, text in files.items():
        (folder / "data" / name).write_text(text, encoding="utf-8")


def test_deleted_tweet_headers_are_deleted_posts_with_their_times(tmp_path: Path) -> None:
    # deleted-tweet-headers.js (ids and times only) was listed as not read: tweets he posted and deleted
    # were not in the case unless deleted-tweets.js still held them (then they are read from there, once)
    folder = tmp_path / "archive"
    _write_archive(
        folder,
        {
            "account.js": 'window.YTD.account.part0 = [{"account": {"accountId": "111111111",'
            ' "username": "ben_now", "accountDisplayName": "Ben Example"}}]',
            "deleted-tweets.js": 'window.YTD.deleted_tweets.part0 = [{"tweet": {"id_str": "22",'
            ' "created_at": "Wed Aug 30 03:20:06 +0000 2023", "deleted_at": "Wed Aug 30 04:20:06 +0000 2023",'
            ' "full_text": "you will pay"}}]',
            "deleted-tweet-headers.js": "window.YTD.deleted_tweet_headers.part0 = [\n"
            '  {"tweet": {"tweet_id": "21", "user_id": "111111111", "created_at": "Wed Aug 30 22:20:03'
            ' +0000 2023", "deleted_at": "Wed Aug 30 23:20:03 +0000 2023"}},\n'
            '  {"tweet": {"tweet_id": "22", "user_id": "111111111", "created_at": "Wed Aug 30 03:20:06'
            ' +0000 2023", "deleted_at": "Wed Aug 30 04:20:06 +0000 2023"}},\n'
            '  {"tweet": {"tweet_id": "23", "user_id": "111111111", "created_at": "soon"}},\n'
            '  "not a header"\n]',
        },
    )
    result = parse("twitter_archive", pack_folder(folder, tmp_path))
    ben = AccountRef("x", "111111111", "@ben_now")
    assert [(i.locator, i.text, i.deleted, i.sent_at_utc, i.author, i.details) for i in result.items] == [
        (
            "data/deleted-tweets.js[0]",
            "you will pay",
            True,
            "2023-08-30T03:20:06Z",
            ben,
            {"id": "22", "deleted_at": "Wed Aug 30 04:20:06 +0000 2023"},
        ),
        (
            "data/deleted-tweet-headers.js[0]",
            "",
            True,
            "2023-08-30T22:20:03Z",
            ben,
            {"id": "21", "deleted_at": "Wed Aug 30 23:20:03 +0000 2023", "text_in_archive": "no"},
        ),
        (
            "data/deleted-tweet-headers.js[2]",
            "",
            True,
            None,
            ben,
            {"id": "23", "text_in_archive": "no"},
        ),
    ]
    assert [(w.locator, w.message) for w in result.warnings] == [
        ("data/deleted-tweet-headers.js[2]", "unreadable created_at 'soon'; kept without a time"),
        ("data/deleted-tweet-headers.js[3]", "not a deleted-tweet header object; skipped"),
    ]
    assert "not_read" not in result.ctx.decisions


def test_a_retweet_is_a_post_marked_as_a_retweet(tmp_path: Path) -> None:
    lone = tmp_path / "tweets.js"
    lone.write_text(
        'window.YTD.tweets.part0 = [{"tweet": {"id_str": "7", "created_at": "Tue Mar 14 09:15:00 +0000 2023",'
        ' "full_text": "RT @ann_example: my new address is"}}, {"tweet": {"id_str": "8", "created_at":'
        ' "Tue Mar 14 09:16:00 +0000 2023", "full_text": "not RT @ the start"}}]'
    )
    items = parse("twitter_archive", lone).items
    assert [(i.kind, i.text, i.details) for i in items] == [
        ("post", "RT @ann_example: my new address is", {"id": "7", "retweet": "true"}),
        ("post", "not RT @ the start", {"id": "8"}),
    ]


def test_legacy_archive_says_authors_come_from_each_tweet(shared_data: Path, tmp_path: Path) -> None:
    # The note said "tweets are kept without an author" while every Grailbird tweet carries its
    # own user record, from which its author was read (x:1111111111).
    folder = shared_data / "export-samples" / "twitter-x" / "synthetic" / "archive-legacy"
    result = parse("twitter_archive", pack_folder(folder, tmp_path))
    assert [i.author for i in result.items] == [AccountRef("x", "1111111111", "@suspect_example")]
    assert result.ctx.decisions["account_owner"] == (
        "unknown: the archive has no data/account.js; each tweet's author is read from its own user record"
    )


def test_archive_without_account_or_user_records_says_which_tweets_have_no_author(tmp_path: Path) -> None:
    folder = tmp_path / "grailbird"
    (folder / "data" / "js" / "tweets").mkdir(parents=True)
    (folder / "data" / "js" / "tweets" / "2013_11.js").write_text(
        'Grailbird.data.tweets_2013_11 = [ {"id_str": "1", "text": "mine", "created_at":'
        ' "2013-11-06 21:05:09 +0000", "user": {"id_str": "42", "screen_name": "ann_example"}},'
        ' {"id_str": "2", "text": "whose?", "created_at": "2013-11-06 21:06:09 +0000"} ]',
        encoding="utf-8",
    )
    result = parse("twitter_archive", pack_folder(folder, tmp_path))
    assert [i.author for i in result.items] == [AccountRef("x", "42", "@ann_example"), None]
    assert result.ctx.decisions == {
        "account_owner": "unknown: the archive has no data/account.js; 1 of 2 tweets name no author"
        " and are kept without one"
    }
