"""What a disclosure copy withholds of an item beyond masking: its attachments' content wherever the raw
record holds it (an e-mail's MIME parts, an MMS part's base64 ``data``) and every SHA-256 its raw record
or details give (an attachment's hash would confirm a guess at what it holds, as an exhibit's does)."""

from __future__ import annotations

import re

from footprint.report.redact import HASH_WITHHELD

_BOUNDARY = re.compile(r'boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))', re.IGNORECASE)
#: a run of base64 this long or longer outside a message's text is encoded content (an MMS part's
#: ``data``, an inline image), never words
MIN_BASE64 = 120
_BASE64_RUN = re.compile(rf"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{{{MIN_BASE64},}}={{0,2}}")
_SHA256 = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])")
_FILE_NAMED = re.compile(r"\b(?:file)?name\*?\s*=|content-disposition\s*:\s*attachment", re.IGNORECASE)
_CONTENT_TYPE = re.compile(r"content-type\s*:\s*([^;\s]+)", re.IGNORECASE)
_BASE64_ENCODED = re.compile(r"content-transfer-encoding\s*:\s*base64", re.IGNORECASE)
CONTENT_WITHHELD = "[attachment's content withheld in a redacted copy: {n} characters as encoded]"
ENCODED_WITHHELD = (
    "[encoded text withheld in a redacted copy: {n} characters; the item's text is this part decoded,"
    " and masked]"
)


def withheld(raw: str, text: str) -> str:
    """``raw`` with every attachment's content and every SHA-256 withheld, outside the message's
    ``text`` where the raw record holds it as written (the text is masked as text)."""
    if not raw:
        return raw
    boundaries = frozenset(a or b for a, b in _BOUNDARY.findall(raw))
    at = raw.rfind(text) if text else -1
    if at < 0:
        return _withheld(raw, boundaries)
    end = at + len(text)
    return _withheld(raw[:at], boundaries) + text + _withheld(raw[end:], boundaries)


def hashes_withheld(value: str) -> str:
    """``value`` with each SHA-256 in it withheld (an e-mail's attachment list in ``details``)."""
    return _SHA256.sub(HASH_WITHHELD, value)


def _withheld(part: str, boundaries: frozenset[str]) -> str:
    return hashes_withheld(
        _BASE64_RUN.sub(_content, _mime_withheld(part, boundaries) if boundaries else part)
    )


def _content(m: re.Match[str]) -> str:
    return CONTENT_WITHHELD.format(n=len(m.group()))


def _mime_withheld(raw: str, boundaries: frozenset[str]) -> str:
    """Each MIME part that is an attachment (named, or not text), or is base64-encoded, with its body
    replaced by one line saying what was withheld; its headers (the file's name, masked later) kept."""
    out: list[str] = []
    headers: list[str] = []
    skipped: list[str] = []
    state = "body"  # or "headers" of a part, or "skip" its body
    placeholder = CONTENT_WITHHELD

    def flush() -> None:
        if skipped:
            eol = "\r\n" if skipped[-1].endswith("\r\n") else "\n"
            out.append(placeholder.format(n=sum(len(x.strip()) for x in skipped)) + eol)
            skipped.clear()

    for line in raw.splitlines(keepends=True):
        bare = line.rstrip()
        if bare.startswith("--") and bare[2:].removesuffix("--") in boundaries:
            flush()
            out.extend(headers)
            headers.clear()
            out.append(line)
            state = "body" if bare.endswith("--") and bare[2:] not in boundaries else "headers"
            continue
        if state == "headers":
            headers.append(line)
            if not bare:
                head = "".join(headers)
                out.extend(headers)
                headers.clear()
                kind = m.group(1).lower() if (m := _CONTENT_TYPE.search(head)) else "text/plain"
                attached = not kind.startswith("multipart/") and (
                    _FILE_NAMED.search(head) is not None or not kind.startswith("text/")
                )
                encoded = not kind.startswith("multipart/") and _BASE64_ENCODED.search(head) is not None
                placeholder = CONTENT_WITHHELD if attached else ENCODED_WITHHELD
                state = "skip" if attached or encoded else "body"
            continue
        if state == "skip":
            skipped.append(line)
            continue
        out.append(line)
    flush()
    out.extend(headers)
    return "".join(out)
