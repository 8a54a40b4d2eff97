"""An edited item's versions read from ``details["edit_history"]``, in each parser's shape."""

from __future__ import annotations

from footprint.edits import EditVersion, edit_versions


def test_versions_of_each_recorded_shape_and_of_none() -> None:
    imessage = '[{"at":"2022-11-19T01:17:54.272Z","part":"0","text":"First message"}]'
    twitter = '[{"text": "hello", "createdAt": "2023-01-01T10:00:00.000Z"}, "1234"]'
    assert edit_versions({"edit_history": imessage}) == (
        EditVersion("2022-11-19T01:17:54.272Z", "First message"),
    )
    assert edit_versions({"edit_history": twitter}) == (
        EditVersion("2023-01-01T10:00:00.000Z", "hello"),
        EditVersion("", '"1234"'),
    )
    assert edit_versions({"edit_history": "not json"}) == (EditVersion("", "not json"),)
    assert edit_versions({}) == ()
    assert EditVersion("", "hi").shown(2) == "version 2, time not recorded: hi"
