"""Names and addresses as indicators compare them: lower case, no trailing dot, IDNA, parent suffixes."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from urllib.parse import urlsplit

#: protocols whose name was sent to a server address (TLS SNI, a plain-HTTP request's ``Host``)
ASKED_OF_SERVER = {"tls_sni": "TLS", "http_host": "HTTP"}


def normalise_domain(value: str) -> str:
    """``cdn.SNOOPZA.com.`` -> ``cdn.snoopza.com``; URLs give their host; IDN labels become punycode."""
    text = value.strip()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    text = text.split("/", 1)[0].strip().rstrip(".").lower()
    if text.startswith("*."):
        text = text[2:]
    try:
        return text.encode("idna").decode("ascii") if not text.isascii() else text
    except UnicodeError:
        return text


def suffixes(name: str) -> Iterator[str]:
    """The name and each parent domain with at least two labels (``a.b.c`` -> ``a.b.c``, ``b.c``)."""
    labels = name.split(".")
    for start in range(len(labels) - 1):
        yield ".".join(labels[start:])


def normalise_address(text: str) -> str:
    """An IPv4 or IPv6 address in its canonical form ("" when it is not one)."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return ""
