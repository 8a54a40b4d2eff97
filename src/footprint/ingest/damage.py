"""A damaged byte part-way through an XML or JSON export: one policy for every parser.

A byte that is not UTF-8, or breaks the XML or JSON, stops a streaming reader: nothing after it can be
read with confidence. Every XML and JSON parser raises :class:`DamagedInput` there, naming the byte and
its line, and :meth:`Parser.items` decides with :func:`keep_or_refuse`, one rule for all of them:

- by default the add is refused and the case is left as it was: the error names the byte offset and
  line, how many bytes of the file (and what share) were not read, and what to do — get a fresh copy;
- with ``add --accept-partial`` the items read before the damage are kept, the rest is a warning (with
  the text from the damage on), and the exhibit is marked partial: the reading decision
  :data:`PARTIAL` says what was not read, and `add`, `ls`, `verify` and the report's exhibit list show it.

Nothing read is kept when nothing could be read before the damage: that is refused either way.

Where an export is a list of records and the next whole record after the damage can be found safely
(an SMS backup's ``<sms>``/``<mms>``/``<call>``; the message arrays of a pretty-printed JSON export,
``_jsonstream.JsonStream.elements``), ``add --accept-partial`` reads on from there: :class:`Resumed`
says what was skipped, and :func:`read_on` makes it a warning (with the skipped text) and part of
:data:`PARTIAL`. Without ``--accept-partial`` the damage refuses the add as before.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from footprint.errors import ParseError

if TYPE_CHECKING:
    from footprint.ingest.base import ParseContext
    from footprint.ingest.source import Source

#: the exhibit's reading decision (setting) that marks it partial and says what was not read
PARTIAL = "partial"
ACCEPT_PARTIAL = "--accept-partial"
#: said, and refused, when the damage came before any item was read
NOTHING_READ = f"no item could be read before the damage, so {ACCEPT_PARTIAL} has nothing to keep"
_CONTEXT = 1024  # bytes before the damage shown in the warning's raw text
#: bytes after the damage shown in the warning's raw text (the exhibit holds the rest), and searched for
#: a place to read on at in JSON not written a line to an element
AFTER_DAMAGE = 256 * 1024
_CHUNK = 1 << 20


class DamagedInput(ParseError):
    """Damage at byte ``offset`` (line ``line``) of the file, or of the archive's ``member``."""

    def __init__(
        self, problem: str, *, source: str, member: str | None, offset: int, line: int, what: str
    ) -> None:
        self.problem = problem
        self.member = member
        self.offset = offset
        self.line = line
        self.what = what
        self.unread_from = offset  # the first byte of the file nothing was kept from
        #: in a list of records ``add --accept-partial`` reads on in (:class:`Resumed`): the refusal says so
        self.reads_on = False
        super().__init__(f"{problem} at byte {offset:,} (line {line:,})", source=source, locator=member)

    def whole_file(self) -> DamagedInput:
        """The same damage in a file read whole before any of it is used: none of it was kept."""
        whole = DamagedInput(
            self.problem, source=self.source, member=self.member, offset=self.offset, line=self.line,
            what=self.what,
        )  # fmt: skip
        whole.unread_from = 0
        whole.reads_on = self.reads_on
        return whole


@dataclass(frozen=True)
class Resumed:
    """Reading went on after ``damage``: the bytes from it up to ``at`` (line ``line``) were not read,
    ``records`` record(s) with them (the damaged one included); reading resumed ``where``."""

    damage: DamagedInput
    at: int
    line: int
    where: str
    records: int


class Prefixed:
    """``stream`` with ``prefix`` read first (the start tags of the elements open where reading resumes
    after damage: an SMS backup's root, a Cellebrite report's ``project``, ``decodedData`` and
    ``modelType``)."""

    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self.prefix = prefix
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        if self.prefix:
            head, self.prefix = self.prefix, b""
            return head + self.stream.read(max(size - len(head), 0) if size >= 0 else -1)
        return self.stream.read(size)


#: what a streaming reader calls when it reads on after damage (None: it stops there, as by default)
OnResume = Callable[[Resumed], None]


def resumer(source: Source, ctx: ParseContext) -> OnResume | None:
    """How a reader of ``source`` reads on after damage: with ``add --accept-partial`` only."""
    if not ctx.accept_partial:
        return None
    return lambda resumed: read_on(resumed, source, ctx)


def read_on(resumed: Resumed, source: Source, ctx: ParseContext) -> None:
    """The records skipped after a damaged byte: a warning with the skipped text (bounded as the other
    damage warnings are), and part of the exhibit's :data:`PARTIAL` decision."""
    damage = resumed.damage
    where = f"{damage.member} of {damage.source}" if damage.member else damage.source
    skipped = resumed.at - damage.offset
    said = (
        f"{damage.problem} at byte {damage.offset:,} (line {damage.line:,}) of {where}: {skipped:,}"
        f" byte(s) from byte {damage.offset:,} up to byte {resumed.at:,} not read, {resumed.records:,}"
        f" record(s) with them; reading resumed {resumed.where} (byte {resumed.at:,}, line"
        f" {resumed.line:,}) — get a fresh copy of {damage.what} from the original and add that"
    )
    place = f"byte {damage.offset:,}, line {damage.line:,}"
    ctx.warn(f"{damage.member}, {place}" if damage.member else place, said, _raw(damage, source, resumed.at))
    _mark(ctx, said)


def _ends_cut(source: Source, member: str | None, size: int) -> bool:
    """Whether a JSON or XML file ends where no such document can end (not after its closing ``}``, ``]``
    or ``>``): a copy cut short, whatever its damage."""
    read_at = max(size - 256, 0)
    try:
        with source.open_member(member) if member else source.open() as handle:
            first = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            handle.seek(read_at)
            last = handle.read().rstrip(b" \t\r\n\x00")[-1:]
    except (OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zipfile.BadZipFile):
        return False  # a member the archive cannot give back again: said as damage already, not as cut
    closing = {b"{": b"}]", b"[": b"]}", b"<": b">"}.get(first)
    return closing is not None and last not in (b"", *(closing[i : i + 1] for i in range(len(closing))))


def share(part: int, whole: int) -> str:
    """``part`` as a percentage of ``whole``, never shown as 0% when it is not nothing."""
    if not whole or not part:
        return "0%"
    percent = part / whole * 100
    return "under 0.1%" if percent < 0.1 else f"{percent:.1f}%"


def keep_or_refuse(damage: DamagedInput, source: Source, ctx: ParseContext, goes_on: bool = False) -> None:
    """Refuse the add (the default), or keep what ``ctx`` has read so far and mark the exhibit partial.

    ``goes_on``: the parser reads the archive's other files after this one (Messenger's pages), so what
    is kept is not only what came before the damage."""
    size = source.member_size(damage.member) if damage.member else source.path.stat().st_size
    unread = max(size - damage.unread_from, 0)
    where = f"{damage.member} of {damage.source}" if damage.member else damage.source
    lost = (
        f"{unread:,} of the {size:,} bytes of {where} ({share(unread, size)}) from byte"
        f" {damage.unread_from:,} on were not read"
        if unread
        else f"{where} ends there, at byte {size:,}: it is cut short, and what should follow is not in it"
    )
    if unread and _ends_cut(source, damage.member, size):
        # "7 of the 1,713 bytes (0.4%) were not read" of a file that had lost half of itself: the share
        # is of this copy, and a copy cut short cannot say how much of the export it lacks
        lost = (
            f"{where} ends inside a record, at byte {size:,}: it looks cut short (an incomplete copy), so"
            f" how much of the export is missing cannot be told from it; its last {unread:,} bytes, from"
            f" byte {damage.unread_from:,}, were not read"
        )
    fresh = f"get a fresh copy of {damage.what} from the original and add that"
    kept = (
        "what was read before the damage and what the archive's other files hold"
        if goes_on
        else f"the {ctx.read:,} item(s) read before the damage"
    )
    if not ctx.accept_partial:
        # how many records reading on would keep is not said: counting them means reading the rest of
        # the file, a second read of it (docs/formats.md)
        on = " and read on from the next whole record after it, where one can be found safely"
        on = on if damage.reads_on and unread else ""
        keep = (
            f", or add this copy again with {ACCEPT_PARTIAL} to keep {kept}{on}"
            " (the exhibit is then marked partial)"
            if ctx.read or goes_on
            else ""
        )
        raise ParseError(
            f"{damage.problem} at byte {damage.offset:,} (line {damage.line:,}); {lost}; the case is"
            f" unchanged — {fresh}{keep}",
            source=damage.source,
            locator=damage.member,
        ) from damage
    keeps = f"{ACCEPT_PARTIAL} keeps {kept}" if ctx.read or goes_on else NOTHING_READ
    said = (
        f"reading stopped at byte {damage.offset:,} (line {damage.line:,}) of {where}: {damage.problem};"
        f" {lost}; {keeps} — {fresh}"
    )
    place = f"byte {damage.offset:,}, line {damage.line:,}"
    ctx.warn(f"{damage.member}, {place}" if damage.member else place, said, _raw(damage, source))
    _mark(ctx, said)


def _mark(ctx: ParseContext, said: str) -> None:
    """Mark the exhibit partial, adding ``said`` to what its :data:`PARTIAL` decision says already."""
    earlier = ctx.decisions.get(PARTIAL)
    ctx.decide(PARTIAL, f"{earlier}; {said}" if earlier else said)


def refuse_empty(source: Source, ctx: ParseContext) -> None:
    """With ``--accept-partial``, refuse an exhibit whose damage left no item read: nothing to keep."""
    if ctx.read == 0 and PARTIAL in ctx.decisions:
        said, refused = ctx.decisions[PARTIAL], f"{NOTHING_READ}: the case is unchanged"
        raise ParseError(
            said.replace(NOTHING_READ, refused, 1) if NOTHING_READ in said else f"{said}; {refused}",
            source=source.name,
        )


def _raw(damage: DamagedInput, source: Source, end: int | None = None) -> str:
    """The file's text around the damage (from shortly before it on, up to ``end`` when reading resumed
    there), for the warning's raw text."""
    start = max(damage.offset - _CONTEXT, 0)
    limit = damage.offset - start + AFTER_DAMAGE
    if end is not None:
        limit = min(limit, end - start)
    opened = source.open_member(damage.member) if damage.member else source.open()
    with opened as stream:
        _skip(stream, start)
        data = stream.read(limit + 1)
    text = data[:limit].decode("utf-8", "replace")
    shown = f"[bytes from {start:,}; the damage is at byte {damage.offset:,}]\n{text}"
    if len(data) > limit and (end is None or limit < end - start):
        rest = "up to where reading resumed" if end is not None else "the rest"
        shown += f"\n[… {rest} is not shown; the exhibit holds the whole file]"
    return shown


def _skip(stream: IO[bytes], count: int) -> None:
    while count > 0:
        got = len(stream.read(min(count, _CHUNK)))
        if not got:
            return
        count -= got


def xml_damage(
    problem: str,
    position: tuple[int, int] | None,
    stream: IO[bytes],
    *,
    source: str,
    member: str | None,
    what: str,
    start: tuple[int, int] = (0, 1),
) -> DamagedInput:
    """:class:`DamagedInput` for an XML error at ``position`` (expat's line, 1-based, and column in
    characters, 0-based), its byte offset found by reading the original ``stream`` up to it. (An SMS
    backup's surrogate-pair references repaired earlier on the same line, ``RepairedXml``, shorten what
    expat counts, so there the offset may fall a few bytes before the damage; the line is exact.)
    ``start``: the byte and line of the file that ``stream`` and ``position`` start at (reading on
    after earlier damage)."""
    line, column = position or (1, 0)
    return DamagedInput(
        problem,
        source=source,
        member=member,
        offset=start[0] + _byte_of(stream, line, column),
        line=start[1] + line - 1,
        what=what,
    )


def _byte_of(stream: IO[bytes], line: int, column: int) -> int:
    """The offset of character ``column`` of ``line`` in the UTF-8 ``stream`` (its end, if shorter)."""
    base, need = 0, line - 1
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return base
        cut = -1
        while need:
            cut = chunk.find(b"\n", cut + 1)
            if cut < 0:
                break
            need -= 1
        if not need:
            break
        base += len(chunk)
    start, rest = base + cut + 1, chunk[cut + 1 :]
    while len(rest) < 4 * column and (more := stream.read(_CHUNK)):
        rest += more
    # the text before an XML error is UTF-8 (expat read it); surrogateescape keeps any byte as one
    return start + len(rest.decode("utf-8", "surrogateescape")[:column].encode("utf-8", "surrogateescape"))
