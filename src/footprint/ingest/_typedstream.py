"""The text of an NSAttributedString archived as an Apple ``typedstream`` (iMessage ``attributedBody``).

A typedstream starts ``04 0B "streamtyped" 81 E8 03`` (version 4, signature, system version 1000),
then objects: ``84`` introduces a new class or type, ``85`` is nil, ``86`` ends an object, bytes
from ``92`` up refer back to earlier classes. The message text is the first ``NSString`` (or
``NSMutableString``) object's value: type ``+`` (a byte string) followed by a length-prefixed UTF-8
run. Lengths are typedstream integers: one signed byte, or ``81`` + int16, ``82`` + int32 (little
endian). We read that value by its length, never by searching for an end marker (the bug that
truncates text in several tools), and return ``None`` when the blob does not have this shape.
"""

from __future__ import annotations

HEADER = b"\x04\x0bstreamtyped"
_CLASSES = (b"NSString", b"NSMutableString")
_NEW = 0x84
_INT16 = 0x81
_INT32 = 0x82


def _int(blob: bytes, pos: int) -> tuple[int, int]:
    """A typedstream integer at ``pos``: (value, next position); ``IndexError`` when cut short."""
    first = blob[pos]
    if first == _INT16:
        return int.from_bytes(blob[pos + 1 : pos + 3], "little", signed=True), pos + 3
    if first == _INT32:
        return int.from_bytes(blob[pos + 1 : pos + 5], "little", signed=True), pos + 5
    return (first - 256 if first > 127 else first), pos + 1


def _string_class_end(blob: bytes) -> int | None:
    """Where the first string class declaration (name and version) ends."""
    best: int | None = None
    for name in _CLASSES:
        marker = bytes([len(name)]) + name
        at = blob.find(marker)
        if at != -1 and (best is None or at < best):
            best = at + len(marker)
    if best is None:
        return None
    _, pos = _int(blob, best)  # class version
    return pos


def attributed_text(blob: object) -> str | None:
    """The plain text of an ``attributedBody`` blob, or ``None`` if it cannot be read."""
    if not isinstance(blob, bytes) or not blob.startswith(HEADER):
        return None
    try:
        pos = _string_class_end(blob)
        if pos is None:
            return None
        # The superclass chain (new classes or a back-reference) sits between the class and its value.
        value = blob.find(b"\x84\x01+", pos, pos + 64)
        if value == -1:
            return None
        length, pos = _int(blob, value + 3)
        if length < 0:
            return None
        if pos + length > len(blob):
            # The stated length runs past the blob (seen in the wild): read to the object's end marker.
            end = blob.find(b"\x86\x84", pos)
            return blob[pos:end].decode("utf-8") if end != -1 else None
        return blob[pos : pos + length].decode("utf-8")
    except (IndexError, UnicodeDecodeError):
        return None
