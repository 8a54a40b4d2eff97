"""Disclosure copies: mask third-party phone numbers, emails, addresses and names, consistently per value."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import phonenumbers

from footprint.ingest.phones import parsed_e164

# starts only where a run of such characters starts, so a long run without "@" is read once, not once
# from every character (a 1 MB message took hours)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_DIGITS = re.compile(r"\+?\d[\d\s().\-]{6,}\d")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z']+\s+){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Court|Terrace|Grove"
    r"|Hill|Park|Square|Mews|Row|Walk|View|Rise)\b"
)
KINDS = ("PHONE", "EMAIL", "ADDRESS", "NAME")


@dataclass(frozen=True)
class RedactionEntry:
    """One masked occurrence: which mask, what kind, the original value and where it was."""

    mask: str
    kind: str
    value: str
    where: str


@dataclass
class Redactor:
    """Masks third-party identifiers; parties' own identifiers and names are kept."""

    keep: frozenset[str]
    names: tuple[str, ...] = ()
    masks: dict[tuple[str, str], str] = field(default_factory=dict)
    log: list[RedactionEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        wanted = sorted({n.strip() for n in self.names if n.strip() and n.strip().lower() not in self.keep})
        wanted.sort(key=len, reverse=True)
        self._names = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in wanted) + r")(?!\w)", re.IGNORECASE)
            if wanted
            else None
        )

    def _mask(self, kind: str, norm: str, value: str, where: str) -> str:
        key = (kind, norm)
        mask = self.masks.get(key)
        if mask is None:
            count = sum(1 for k in self.masks if k[0] == kind) + 1
            mask = self.masks[key] = f"[{kind}-{count}]"
        self.log.append(RedactionEntry(mask, kind, value, where))
        return mask

    def _matches(self, text: str) -> list[tuple[int, int, str, str]]:
        found: list[tuple[int, int, str, str]] = []
        for m in _EMAIL.finditer(text):
            if m.group().lower() not in self.keep:
                found.append((m.start(), m.end(), "EMAIL", m.group().lower()))
        if _DIGITS.search(text):
            for pm in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
                if not _plausible(text, pm.start, pm.end):
                    continue
                norm = phonenumbers.format_number(pm.number, phonenumbers.PhoneNumberFormat.E164)
                if norm not in self.keep:
                    found.append((pm.start, pm.end, "PHONE", norm))
        for pattern in (_STREET, _POSTCODE):
            for m in pattern.finditer(text):
                norm = " ".join(m.group().upper().replace(",", " ").split())
                if norm.lower() not in self.keep:
                    found.append((m.start(), m.end(), "ADDRESS", norm))
        if self._names is not None:
            for m in self._names.finditer(text):
                found.append((m.start(), m.end(), "NAME", m.group().lower()))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        chosen: list[tuple[int, int, str, str]] = []
        for f in found:
            if not chosen or f[0] >= chosen[-1][1]:
                chosen.append(f)
        return chosen

    def text(self, value: str | None, where: str) -> str:
        """The value with third-party identifiers masked (``None`` becomes empty)."""
        return self.text_with_offsets(value, where)[0]

    def text_with_offsets(self, value: str | None, where: str) -> tuple[str, Callable[[int], int]]:
        """Mask the value; also return a function mapping old character offsets to new ones."""
        if not value:
            return value or "", _same
        matches = self._matches(value)
        if not matches:
            return value, _same
        parts: list[str] = []
        shifts: list[tuple[int, int, int, int]] = []  # old start, old end, new start, new end
        pos = 0
        out_len = 0
        for start, end, kind, norm in matches:
            parts.append(value[pos:start])
            out_len += start - pos
            mask = self._mask(kind, norm, value[start:end], where)
            parts.append(mask)
            shifts.append((start, end, out_len, out_len + len(mask)))
            out_len += len(mask)
            pos = end
        parts.append(value[pos:])

        def mapper(offset: int) -> int:
            delta = 0
            for old_start, old_end, _new_start, new_end in shifts:
                if offset <= old_start:
                    break
                if offset < old_end:
                    return new_end
                delta = new_end - old_end
            return offset + delta

        return "".join(parts), mapper


def _plausible(text: str, start: int, end: int) -> bool:
    """A phone number stands alone (not part of a file name or reference) and has 10 or more digits."""
    digits = sum(c.isdigit() for c in text[start:end])
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    alone = not (before.isalnum() or before in "-_/") and not (after.isalnum() or after in "_/")
    return digits >= 10 and alone


def _same(offset: int) -> int:
    return offset


def party_identifiers(keys: Iterable[str], names: Iterable[str]) -> frozenset[str]:
    """What must never be masked: parties' account ids (phones normalised, emails lower-cased) and names."""
    keep: set[str] = set()
    for key in keys:
        native = key.split(":", 1)[-1]
        keep.add(native.lower())
        phone = parsed_e164(native) if any(c.isdigit() for c in native) else None
        if phone:
            keep.add(phone)
    keep.update(n.strip().lower() for n in names if n.strip())
    return frozenset(keep)
