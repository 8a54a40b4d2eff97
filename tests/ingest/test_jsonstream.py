"""The streaming JSON reader: same values and exact raw text as json.loads, whatever the chunk size."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footprint.errors import ParseError
from footprint.ingest import _jsonstream
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest.damage import DamagedInput

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


def _walk(js: JsonStream) -> Any:
    """Rebuild a document through keys()/items()/value(), checking each raw slice."""
    char = js.peek()
    if char == "{":
        return {key: _walk(js) for key in js.keys()}
    if char == "[":
        return [_walk(js) for _ in js.items()]
    value, raw = js.value()
    assert json.loads(raw) == value
    return value


@pytest.mark.parametrize("chunk", [1, 3, 7, 1 << 20])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=VALUES, indent=st.sampled_from([None, 1, 4]))
def test_walk_matches_json_loads(chunk: int, doc: Any, indent: int | None, monkeypatch: Any) -> None:
    monkeypatch.setattr(_jsonstream, "CHUNK", chunk)
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    js = JsonStream(io.BytesIO(("\ufeff" + text).encode("utf-8")), "doc.json")
    assert _walk(js) == json.loads(text)
    js.end()


def test_raw_is_the_exact_original_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_jsonstream, "CHUNK", 5)
    data = 'window.YTD.x.part0 = [ {"a" : 1,\n "b": "\\u00e9 é"} ,\t12345678901234567890 ]'
    js = JsonStream(io.BytesIO(data.encode("utf-8")), "x.js")
    js.seek_array()
    found = [js.value() for _ in js.items()]
    assert found == [
        ({"a": 1, "b": "é é"}, '{"a" : 1,\n "b": "\\u00e9 é"}'),
        (12345678901234567890, "12345678901234567890"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("[1, 2", "not valid JSON (file ends inside an array) at byte 5 (line 1)"),
        ('{"a": [1}', "not valid JSON (expected ',' or ']', found '}') at byte 8 (line 1)"),
        ("[1] x", "not valid JSON (extra data after the JSON document) at byte 4 (line 1)"),
        ('["ab', "not valid JSON (Unterminated string starting) at byte 1 (line 1)"),  # not "starting at at"
    ],
)
def test_damaged_documents(data: str, message: str) -> None:
    js = JsonStream(io.BytesIO(data.encode()), "d.json")
    with pytest.raises(DamagedInput) as caught:
        _walk(js)
        js.end()
    assert str(caught.value) == f"d.json: {message}"


@pytest.mark.parametrize("chunk", [4, 7, 1 << 20])
def test_broken_json_is_placed_by_byte_and_line_past_many_chunks(chunk: int, monkeypatch: Any) -> None:
    # the place was "character N" of what was still buffered, which is not where the byte is in a file
    # over 1 MiB, nor a byte offset once any character before it takes more than one byte
    monkeypatch.setattr(_jsonstream, "CHUNK", chunk)
    body = ",\n".join(['"é€"'] * 10)
    data = f"\ufeff[\n{body},\n}}]".encode()
    js = JsonStream(io.BytesIO(data), "d.json", "result.json", "the Telegram export")
    with pytest.raises(DamagedInput) as caught:
        _walk(js)
    damage = caught.value
    assert (damage.offset, damage.line, damage.member) == (data.index(b"}"), 12, "result.json")
    assert (
        str(damage)
        == f"d.json, result.json: not valid JSON (Expecting value) at byte {damage.offset:,} (line 12)"
    )


def test_skipping_a_deeply_nested_value_is_a_parse_error() -> None:
    # skip() walked arrays by recursion and raised RecursionError on 100,000 nested '[' (found by
    # fuzzing a Messenger thread file); the error names the place like any other bad JSON.
    deep = "[" * 100_000 + "]" * 100_000
    js = JsonStream(io.BytesIO(f'{{"junk": {deep}, "ok": 1}}'.encode()), "message_1.json")
    with pytest.raises(
        ParseError, match=r"^message_1\.json: not valid JSON \(nested too deeply\) at byte 210 \(line 1\)$"
    ):
        for _ in js.keys():
            js.skip()


def test_many_bare_numbers_stream_in_linear_time() -> None:
    # Each bare number copied the rest of the buffer (up to 2 MB) to see whether it went on in the
    # next chunk, so an array of two million numbers took minutes (found by fuzzing X archives).
    doc = "[" + ",".join(["1"] * 300_000) + "]"
    js = JsonStream(io.BytesIO(doc.encode()), "tweets.js")
    started = time.monotonic()
    total = 0
    for _ in js.items():
        total += js.value()[0]
    assert total == 300_000
    assert time.monotonic() - started < 5


def test_a_number_split_across_chunks_is_read_whole(monkeypatch: Any) -> None:
    monkeypatch.setattr(_jsonstream, "CHUNK", 4)
    js = JsonStream(io.BytesIO(b"[12345678, 1.5e+10, -0.25]"), "x.json")
    assert [js.value()[0] for _ in js.items()] == [12345678, 1.5e10, -0.25]


@pytest.mark.parametrize("chunk", [4, 7, 1 << 20])
def test_a_byte_that_is_not_utf8_is_placed_in_the_file(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_jsonstream, "CHUNK", chunk)
    data = '\ufeff[\n1,\n"é",\n"'.encode() + b"\xff" + b'"]'
    js = JsonStream(io.BytesIO(data), "doc.json")
    with pytest.raises(ParseError) as err:
        _walk(js)
    assert str(err.value) == "doc.json: not UTF-8 at byte 15 (line 4)"
