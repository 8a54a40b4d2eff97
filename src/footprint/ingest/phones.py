"""Account identifiers from free-text names and numbers (phone numbers to E.164)."""

from __future__ import annotations

import re

import phonenumbers

from footprint.model import AccountRef

_PHONE_LIKE = re.compile(r"^\+?[\d\s\-\u2011().]{6,}$")


def e164(value: str, region: str = "GB") -> str | None:
    """The E.164 form of a phone number, or None if ``value`` is not one."""
    if not _PHONE_LIKE.match(value.strip()):
        return None
    return parsed_e164(value.replace("\u2011", "-"), region)


def parsed_e164(text: str, region: str = "GB") -> str | None:
    """The E.164 form of ``text`` if libphonenumber reads it as a possible number, else None.

    Unlike :func:`e164` it does not first check that the text looks like a phone number.
    """
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


#: platforms whose accounts are phone numbers, so that a bare run of digits there is a number
PHONE_PLATFORMS = frozenset({"sms", "mms", "call", "phone", "whatsapp", "signal", "imessage"})


def account_ref(platform: str, native: str, display: str = "") -> AccountRef:
    """An account reference; phone numbers become E.164 so one number is one account.

    Elsewhere (X, Discord, Instagram, a generic CSV) a bare run of digits is a user id, not a number:
    there only a value written as a number, starting with ``+`` or ``0`` (or ``(0``), becomes one.
    """
    written = platform in PHONE_PLATFORMS or native.lstrip(" (")[:1] in ("+", "0")
    number = e164(native) if written else None
    return AccountRef(platform, number or native, display or native)
