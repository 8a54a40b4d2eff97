"""Properties of the phone-format helpers: entity repair ignores read boundaries, decoders never raise."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from footprint.ingest._phone import RepairedXml
from footprint.ingest._typedstream import attributed_text
from footprint.synth.phone_writers import attributed_body

REFS = st.sampled_from(
    [
        b"&#55357;&#56832;",
        b"&#xD83D;&#xDE00;",
        b"&#55357;",
        b"&#56832;",
        b"&#1;",
        b"&#128512;",
        b"&amp;",
        b"x",
        b" ",
    ]
)


def _read_all(data: bytes, size: int) -> bytes:
    stream = RepairedXml(io.BytesIO(data))
    out = b""
    while chunk := stream.read(size):
        out += chunk
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(REFS, max_size=60),
    st.integers(min_value=0, max_value=70000),
    st.integers(min_value=1, max_value=9000),
)
def test_repair_does_not_depend_on_read_size(parts: list[bytes], pad: int, size: int) -> None:
    data = b"<a b='" + b"y" * pad + b"".join(parts) + b"'/>"
    whole = _read_all(data, 1 << 30)
    assert _read_all(data, size) == whole
    assert b"&#55357;" not in whole and b"&#xD83D;" not in whole and b"&#1;" not in whole


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_typedstream_never_raises(blob: bytes) -> None:
    result = attributed_text(b"\x04\x0bstreamtyped" + blob)
    assert result is None or isinstance(result, str)


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_typedstream_round_trip(text: str) -> None:
    assert attributed_text(attributed_body(text)) == text
