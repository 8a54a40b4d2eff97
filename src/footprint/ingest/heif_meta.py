"""The size, turn and EXIF record of a HEIF/HEIC image, read from its boxes without decoding a pixel.

HEIF (ISO/IEC 23008-12, an iPhone's HEIC) is an ISO base media file: boxes, each a 4-byte size and a
4-character type. The ``meta`` box lists the file's items (``iinf``/``infe``: an image, its tiles, its
thumbnail, an ``Exif`` item), where each item's bytes are (``iloc``), which is the main image (``pitm``),
which properties each item has (``iprp``: ``ipco`` holds them, ``ipma`` ties them to items: ``ispe`` its
width and height, ``irot`` a turn, ``imir`` a mirror) and which item describes which (``iref``: ``cdsc``).
The ``Exif`` item is a 4-byte offset and then the TIFF record a JPEG carries in its APP1 segment.

Every size and offset is hostile: each is checked against the bytes that hold it, only the boxes named
above are entered (so nesting never goes deeper than ``meta``/``iprp``/``ipco``/a property), and the
boxes, items and EXIF bytes read are capped. What cannot be read is said, naming its box.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from footprint.errors import InputError

#: more boxes than this in one file is refused, read no further (a phone's photo, each of its tiles an item,
#: has a few hundred at most)
MAX_BOXES = 10_000
#: more items (or extents) than this in one ``iinf``, ``iloc`` or ``ipma`` box is refused
MAX_ITEMS = 10_000
#: an ``Exif`` item larger than this is not read (an iPhone's is a few kilobytes; a JPEG's is < 64 KiB)
MAX_EXIF = 4 * 1024 * 1024
#: properties read for one item (a real image has about ten); the rest are counted, not read
MAX_ASSOCIATIONS = 64
_TIFF = (b"II*\x00", b"MM\x00*")
_EXIF_PREFIX = b"Exif\x00\x00"


class HeifDamaged(InputError):
    """A HEIF file's boxes cannot be read (the message names the box and the byte): a warning on its
    image, never the whole exhibit's failure."""


@dataclass(frozen=True)
class HeifMeta:
    """What a HEIF file's boxes say of its main image."""

    stored: tuple[int, int] | None  # width and height its ``ispe`` gives, before any turn
    turned: int  # degrees anticlockwise its ``irot`` turns it (0, 90, 180, 270)
    mirrored: str  # "", "left to right" or "top to bottom" (its ``imir``)
    exif: bytes | None  # the TIFF record of its ``Exif`` item (from "II*\0" or "MM\0*")
    damage: tuple[str, ...]  # what could not be read, each naming its box

    @property
    def size(self) -> tuple[int, int] | None:
        """Width and height as the image is shown (its turn applied)."""
        if self.stored is None:
            return None
        width, height = self.stored
        return (height, width) if self.turned in (90, 270) else (width, height)


@dataclass(frozen=True)
class _Box:
    kind: bytes
    path: str  # "meta/iloc": where it is, for messages
    start: int  # its first byte (its header's)
    body: int  # its first byte after its header
    end: int  # one past its last byte


@dataclass
class _Budget:
    boxes: int = 0


def _name(kind: bytes) -> str:
    """A box type as text: its four characters when printable, else its hex."""
    text = kind.decode("latin-1")
    return text if text.isascii() and text.isprintable() else f"0x{kind.hex()}"


def _boxes(data: bytes, start: int, end: int, parent: str, budget: _Budget) -> Iterator[_Box]:
    """The boxes from ``start`` to ``end`` (inside ``parent``), one at a time; HeifDamaged for a size that
    does not fit (the boxes before it given)."""
    pos = start
    while pos < end:
        budget.boxes += 1
        if budget.boxes > MAX_BOXES:
            raise HeifDamaged(f"more than {MAX_BOXES:,} boxes (at byte {pos:,}): read no further")
        where = f"inside {parent}" if parent else "at the top level"
        if end - pos < 8:
            raise HeifDamaged(f"{end - pos} stray byte(s) at byte {pos:,} {where}, too few for a box")
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        path = f"{parent}/{_name(kind)}" if parent else _name(kind)
        body = pos + 8
        if size == 1:  # a 64-bit size follows the type
            if end - pos < 16:
                raise HeifDamaged(f"the {path} box at byte {pos:,} ends inside its own header")
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
            body = pos + 16
        elif size == 0:  # it runs to the end of what holds it
            size = end - pos
        if size < body - pos:
            raise HeifDamaged(
                f"the {path} box at byte {pos:,} says it is {size:,} bytes, less than its header"
            )
        if size > end - pos:
            raise HeifDamaged(
                f"the {path} box at byte {pos:,} says it is {size:,} bytes, but only {end - pos:,} remain"
                f" {where}"
            )
        yield _Box(kind, path, pos, body, pos + size)
        pos += size


class _Reader:
    """Big-endian numbers read from one box's body, each checked against the box's end."""

    def __init__(self, data: bytes, box: _Box, *, full: bool) -> None:
        self.data, self.box, self.pos = data, box, box.body
        self.version = self.flags = 0
        if full:  # a "full box": a version byte and three bytes of flags first
            self.version = self.uint(1)
            self.flags = self.uint(3)

    def uint(self, size: int) -> int:
        if size == 0:
            return 0
        if self.pos + size > self.box.end:
            raise HeifDamaged(
                f"the {self.box.path} box at byte {self.box.start:,} ends early (at byte {self.box.end:,})"
            )
        value = int.from_bytes(self.data[self.pos : self.pos + size], "big")
        self.pos += size
        return value

    def kind(self) -> bytes:
        start = self.pos
        self.uint(4)
        return self.data[start : self.pos]

    def count(self, size: int, what: str) -> int:
        """A count of ``what`` (items, entries), refused beyond MAX_ITEMS."""
        n = self.uint(size)
        if n > MAX_ITEMS:
            raise HeifDamaged(
                f"the {self.box.path} box at byte {self.box.start:,} says it holds {n:,} {what}, more than"
                f" Footprint reads ({MAX_ITEMS:,})"
            )
        return n

    def damaged(self, what: str) -> HeifDamaged:
        return HeifDamaged(f"the {self.box.path} box at byte {self.box.start:,} {what}")


@dataclass
class _Extent:
    offset: int
    length: int  # 0: to the end of the file (or of the idat box)


@dataclass
class _Location:
    method: int  # 0: offsets in the file; 1: in the meta box's idat; 2: in another item (not read)
    reference: int  # 0: this file
    extents: list[_Extent] = field(default_factory=list)


@dataclass
class _Meta:
    """What the meta box's children say (each left empty when its box is absent or damaged)."""

    primary: int | None = None
    types: dict[int, bytes] = field(default_factory=dict)  # item id: item type, in iinf order
    locations: dict[int, _Location] = field(default_factory=dict)
    properties: list[_Box] = field(default_factory=list)  # ipco's children; ipma's index 1 is the first
    associations: dict[int, list[int]] = field(default_factory=dict)  # item id: ipco indexes (from 1)
    not_read: dict[int, int] = field(default_factory=dict)  # item id: its associations past the first 64
    describes: dict[int, set[int]] = field(default_factory=dict)  # iref cdsc: item id: items it describes
    idat: _Box | None = None


def read_heif(data: bytes) -> HeifMeta:
    """The main image's size, turn and mirror and its EXIF record, from a HEIF file's ``meta`` box.
    HeifDamaged when no ``meta`` box can be found; a damaged box inside it is said in ``damage`` and what
    the other boxes give is kept."""
    budget = _Budget()
    # the top-level boxes up to meta are checked; those after it (an mdat cut short) are not read
    top = next((b for b in _boxes(data, 0, len(data), "", budget) if b.kind == b"meta"), None)
    if top is None:
        raise HeifDamaged("no meta box, which lists the images and their EXIF record")
    damage: list[str] = []
    children: list[_Box] = []
    try:
        children.extend(_boxes(data, top.body + 4, top.end, "meta", budget))  # meta is a full box
    except HeifDamaged as exc:  # the boxes before the damaged one are read
        damage.append(str(exc))
    meta = _Meta()
    readers = {b"pitm": _pitm, b"iinf": _iinf, b"iloc": _iloc, b"iprp": _iprp, b"iref": _iref}
    seen: set[bytes] = set()
    for box in children:
        if box.kind == b"idat" and meta.idat is None:
            meta.idat = box
        reader = readers.get(box.kind)
        if reader is None or box.kind in seen:
            continue
        seen.add(box.kind)
        try:
            reader(data, box, meta, budget)
        except HeifDamaged as exc:
            damage.append(str(exc))
    stored, turned, mirrored = _main_image(data, meta, damage)
    exif = _exif(data, meta, damage)
    return HeifMeta(stored, turned, mirrored, exif, tuple(damage))


def _pitm(data: bytes, box: _Box, meta: _Meta, _budget: _Budget) -> None:
    r = _Reader(data, box, full=True)
    meta.primary = r.uint(2 if r.version == 0 else 4)


def _iinf(data: bytes, box: _Box, meta: _Meta, budget: _Budget) -> None:
    r = _Reader(data, box, full=True)
    r.count(2 if r.version == 0 else 4, "items")
    for entry in _boxes(data, r.pos, box.end, box.path, budget):
        if entry.kind != b"infe":
            continue
        e = _Reader(data, entry, full=True)
        if e.version < 2:  # versions 0 and 1 name no item type (and no image): not an image's item
            continue
        item = e.uint(2 if e.version == 2 else 4)
        e.uint(2)  # item_protection_index
        meta.types.setdefault(item, e.kind())


def _iloc(data: bytes, box: _Box, meta: _Meta, _budget: _Budget) -> None:
    r = _Reader(data, box, full=True)
    if r.version > 2:
        raise r.damaged(f"is version {r.version}, which Footprint does not know (0 to 2)")
    sizes = r.uint(2)
    offset_size, length_size, base_size = sizes >> 12, (sizes >> 8) & 0xF, (sizes >> 4) & 0xF
    index_size = sizes & 0xF if r.version in (1, 2) else 0
    for n in (offset_size, length_size, base_size, index_size):
        if n not in (0, 4, 8):
            raise r.damaged(f"gives a field size of {n} bytes (only 0, 4 and 8 are allowed)")
    total = 0
    for _ in range(r.count(2 if r.version < 2 else 4, "items")):
        item = r.uint(2 if r.version < 2 else 4)
        method = r.uint(2) & 0xF if r.version in (1, 2) else 0
        reference = r.uint(2)
        base = r.uint(base_size)
        location = _Location(method, reference)
        extents = r.count(2, "extents")
        total += extents  # extents whose fields are all 0 bytes long take no bytes: count them
        if total > MAX_ITEMS:
            raise r.damaged(f"gives more than {MAX_ITEMS:,} extents, more than Footprint reads")
        for _ in range(extents):
            r.uint(index_size)
            offset = r.uint(offset_size)
            location.extents.append(_Extent(base + offset, r.uint(length_size)))
        meta.locations.setdefault(item, location)


def _iprp(data: bytes, box: _Box, meta: _Meta, budget: _Budget) -> None:
    children = list(_boxes(data, box.body, box.end, box.path, budget))
    for child in children:
        if child.kind == b"ipco" and not meta.properties:
            meta.properties = list(_boxes(data, child.body, child.end, child.path, budget))
    for child in children:
        if child.kind != b"ipma":
            continue
        r = _Reader(data, child, full=True)
        width, mask = (2, 0x7FFF) if r.flags & 1 else (1, 0x7F)  # the top bit: "essential"
        for _ in range(r.count(4, "entries")):
            item = r.uint(2 if r.version < 1 else 4)
            given = r.uint(1)
            start = r.pos
            r.pos += given * width
            if r.pos > child.end:
                raise r.damaged(f"ends early (at byte {child.end:,})")
            have = meta.associations.setdefault(item, [])
            room = max(0, min(given, MAX_ASSOCIATIONS - len(have)))
            have.extend(
                int.from_bytes(data[at : at + width], "big") & mask
                for at in range(start, start + room * width, width)
            )
            meta.not_read[item] = meta.not_read.get(item, 0) + given - room


def _iref(data: bytes, box: _Box, meta: _Meta, budget: _Budget) -> None:
    r = _Reader(data, box, full=True)
    size = 2 if r.version == 0 else 4
    for ref in _boxes(data, r.pos, box.end, box.path, budget):
        if ref.kind != b"cdsc":  # "content describes": an Exif item describing an image
            continue
        e = _Reader(data, ref, full=False)
        source = e.uint(size)
        for _ in range(e.count(2, "references")):
            meta.describes.setdefault(source, set()).add(e.uint(size))


def _main_image(data: bytes, meta: _Meta, damage: list[str]) -> tuple[tuple[int, int] | None, int, str]:
    """The main image's stored size, turn and mirror, from the properties ``ipma`` gives it."""
    if meta.primary is None:
        damage.append("no pitm box names the main image, so its size is not read")
        return None, 0, ""
    stored: tuple[int, int] | None = None
    turned, mirrored = 0, ""
    if meta.not_read.get(meta.primary):
        damage.append(f"the ipma box gives the main image {meta.not_read[meta.primary]:,} properties more"
                      f" than the {MAX_ASSOCIATIONS} Footprint reads; those are not read")  # fmt: skip
    nowhere: Counter[int] = Counter()
    for index in meta.associations.get(meta.primary, []):
        if not 1 <= index <= len(meta.properties):
            nowhere[index] += 1
            continue
        prop = meta.properties[index - 1]
        try:
            if prop.kind == b"ispe" and stored is None:
                r = _Reader(data, prop, full=True)
                stored = (r.uint(4), r.uint(4))
            elif prop.kind == b"irot":
                turned = (_Reader(data, prop, full=False).uint(1) & 0x3) * 90
            elif prop.kind == b"imir":
                axis = _Reader(data, prop, full=False).uint(1) & 0x1
                mirrored = "top to bottom" if axis else "left to right"
        except HeifDamaged as exc:
            damage.append(str(exc))
    for index, times in nowhere.items():
        damage.append(f"the ipma box gives the main image property {index}"
                      + (f" ({times} times)" if times > 1 else "")
                      + f", but ipco holds {len(meta.properties)}")  # fmt: skip
    if stored is None:
        damage.append(f"the main image (item {meta.primary}) has no ispe property, so its size is not read")
    return stored, turned, mirrored


def _exif(data: bytes, meta: _Meta, damage: list[str]) -> bytes | None:
    """The TIFF record of the Exif item describing the main image (else of the first Exif item), or None."""
    items = [item for item, kind in meta.types.items() if kind == b"Exif"]
    if not items:
        return None
    item = next((i for i in items if meta.primary in meta.describes.get(i, set())), items[0])
    try:
        payload = _item_bytes(data, meta, item)
    except HeifDamaged as exc:
        damage.append(str(exc))
        return None
    where = f"the Exif item (item {item})"
    if len(payload) < 4:
        damage.append(f"{where} is {len(payload)} byte(s), too short for its TIFF header's offset")
        return None
    start = 4 + int.from_bytes(payload[:4], "big")
    tiff = payload[start:]
    if tiff.startswith(_EXIF_PREFIX):  # as a JPEG's APP1 segment starts: some writers keep it
        tiff = tiff[len(_EXIF_PREFIX) :]
    if not tiff.startswith(_TIFF):
        damage.append(f"{where} has no TIFF header where it says (byte {start:,} of its {len(payload):,})")
        return None
    return tiff


def _item_bytes(data: bytes, meta: _Meta, item: int) -> bytes:
    """An item's bytes, its extents joined, each checked against the file (or the idat box)."""
    location = meta.locations.get(item)
    if location is None:
        raise HeifDamaged(f"the iloc box does not say where item {item} (Exif) is")
    if location.reference != 0:
        raise HeifDamaged(f"the iloc box puts item {item} (Exif) in another file, which is not read")
    if location.method == 1:
        if meta.idat is None:
            raise HeifDamaged(f"the iloc box puts item {item} (Exif) in an idat box, but there is none")
        base, end, place = meta.idat.body, meta.idat.end, "the idat box's"
    elif location.method == 0:
        base, end, place = 0, len(data), "the file's"
    else:
        raise HeifDamaged(
            f"the iloc box builds item {item} (Exif) from another item (construction method"
            f" {location.method}), which is not read"
        )
    parts: list[bytes] = []
    total = 0
    for extent in location.extents:
        start = base + extent.offset
        stop = end if extent.length == 0 else start + extent.length
        if extent.offset > end - base or stop > end:
            raise HeifDamaged(
                f"the iloc box puts item {item} (Exif) at bytes {extent.offset:,} to {stop - base:,},"
                f" beyond {place} {end - base:,} bytes"
            )
        total += stop - start
        if total > MAX_EXIF:
            raise HeifDamaged(
                f"item {item} (Exif) is more than {MAX_EXIF:,} bytes, more than Footprint reads"
            )
        parts.append(data[start:stop])
    return b"".join(parts)
