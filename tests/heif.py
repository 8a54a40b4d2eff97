"""Small HEIF/HEIC files built byte by byte for the tests: an ``ftyp``, a ``meta`` box (``hdlr``, ``pitm``,
``iinf``, ``iloc``, ``iref``, ``iprp``) and an ``mdat`` holding a stand-in for the image's coded bytes and
an ``Exif`` item (a 4-byte offset, then ``Exif\\0\\0`` and the TIFF record, as an iPhone writes it)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

PRIMARY, EXIF_ITEM = 1, 2
CODED = b"\x00\x00\x00\x10not-really-hevc."  # the image's bytes: never decoded, so anything will do


def box(kind: bytes, body: bytes) -> bytes:
    return (8 + len(body)).to_bytes(4, "big") + kind + body


def full(kind: bytes, body: bytes, version: int = 0, flags: int = 0) -> bytes:
    return box(kind, bytes([version]) + flags.to_bytes(3, "big") + body)


def exif_record(
    when: str | None = None,
    offset: str | None = None,
    make: str = "",
    model: str = "",
    gps: dict[int, object] | None = None,
) -> bytes:
    """Pillow's EXIF record (``Exif\\0\\0`` and the TIFF bytes), as a JPEG test would embed it; ``gps``:
    its GPS record's tags."""
    exif = Image.Exif()
    if gps:
        exif.get_ifd(0x8825).update(gps)
    if make:
        exif[271] = make
    if model:
        exif[272] = model
    ifd = exif.get_ifd(0x8769)
    if when:
        ifd[36867] = when
    if offset:
        ifd[36881] = offset
    return exif.tobytes()


def jpeg_with(exif: bytes) -> bytes:
    """A JPEG carrying the same EXIF record (to compare what is read from each)."""
    out = io.BytesIO()
    Image.new("RGB", (30, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


@dataclass(frozen=True)
class Layout:
    """How the file is laid out; each default is what an iPhone writes."""

    width: int = 4032
    height: int = 3024
    turn: int | None = None  # irot's angle (0-3, times 90 degrees anticlockwise)
    mirror: int | None = None  # imir's axis
    iloc_version: int = 1
    sizes: tuple[int, int, int] = (4, 4, 0)  # offset, length, base offset field sizes
    extents: int = 1  # the Exif item's bytes in this many pieces
    in_idat: bool = False  # the Exif item in an idat box (construction method 1), not in mdat
    describes: bool = True  # an iref cdsc box saying the Exif item describes the main image
    brand: bytes = b"heic"
    exif_method: int | None = None  # the Exif item's construction method (else 0, or 1 in idat)
    exif_file: int = 0  # the Exif item's data reference index (0: this file)
    swap: tuple[tuple[bytes, bytes], ...] = ()  # (type, bytes): a meta box of that type replaced ("" drops)


def heic(exif: bytes | None, layout: Layout = Layout(), exif_payload: bytes | None = None) -> bytes:
    """A HEIC file whose main image is ``layout``'s size with ``exif`` (Pillow's record) as its Exif item
    (``exif_payload``: the item's exact bytes instead)."""
    payload = (
        exif_payload if exif_payload is not None else b"" if exif is None else (6).to_bytes(4, "big") + exif
    )
    has_exif = exif is not None or exif_payload is not None
    ftyp = box(b"ftyp", layout.brand + b"\x00\x00\x00\x00mif1" + layout.brand + b"miaf")
    meta = _meta(layout, has_exif, payload, mdat_at=0)
    mdat_at = len(ftyp) + len(meta) + 8  # the mdat's body: its header is 8 bytes
    meta = _meta(layout, has_exif, payload, mdat_at)
    mdat_body = CODED + (b"" if layout.in_idat else payload)
    return ftyp + meta + box(b"mdat", mdat_body)


def _meta(layout: Layout, has_exif: bool, payload: bytes, mdat_at: int) -> bytes:
    infe = [full(b"infe", PRIMARY.to_bytes(2, "big") + b"\x00\x00hvc1\x00", version=2)]
    if has_exif:
        infe.append(full(b"infe", EXIF_ITEM.to_bytes(2, "big") + b"\x00\x00Exif\x00", version=2))
    iinf = full(b"iinf", len(infe).to_bytes(2, "big") + b"".join(infe))
    props = [box(b"hvcC", b"\x01" + b"\x00" * 22), full(b"ispe", layout.width.to_bytes(4, "big")
                                                           + layout.height.to_bytes(4, "big"))]  # fmt: skip
    if layout.turn is not None:
        props.append(box(b"irot", bytes([layout.turn])))
    if layout.mirror is not None:
        props.append(box(b"imir", bytes([layout.mirror])))
    associations = [0x81] + list(range(2, len(props) + 1))  # hvcC essential, then the rest
    ipma = full(b"ipma", (1).to_bytes(4, "big") + PRIMARY.to_bytes(2, "big") + bytes([len(associations)])
                + bytes(associations))  # fmt: skip
    iprp = box(b"iprp", box(b"ipco", b"".join(props)) + ipma)
    children = [
        full(b"hdlr", b"\x00" * 4 + b"pict" + b"\x00" * 12 + b"\x00"),
        full(b"pitm", PRIMARY.to_bytes(2, "big")),
        iinf,
        _iloc(layout, has_exif, len(payload), mdat_at),
    ]
    if has_exif and layout.describes:
        children.append(full(b"iref", box(b"cdsc", EXIF_ITEM.to_bytes(2, "big") + b"\x00\x01"
                                          + PRIMARY.to_bytes(2, "big"))))  # fmt: skip
    children.append(iprp)
    if layout.in_idat:
        children.append(box(b"idat", payload))
    swap = dict(layout.swap)
    return full(b"meta", b"".join(swap.get(child[4:8], child) for child in children))


def _iloc(layout: Layout, has_exif: bool, exif_length: int, mdat_at: int) -> bytes:
    version = layout.iloc_version
    offset_size, length_size, base_size = layout.sizes
    id_size = 4 if version == 2 else 2

    def item(item_id: int, method: int, pieces: list[tuple[int, int]], file: int = 0) -> bytes:
        out = item_id.to_bytes(id_size, "big")
        if version in (1, 2):
            out += method.to_bytes(2, "big")
        out += file.to_bytes(2, "big") + (0).to_bytes(base_size, "big") + len(pieces).to_bytes(2, "big")
        for offset, length in pieces:
            out += offset.to_bytes(offset_size, "big") + length.to_bytes(length_size, "big")
        return out

    items = [item(PRIMARY, 0, [(mdat_at, len(CODED))])]
    if has_exif:
        start = 0 if layout.in_idat else mdat_at + len(CODED)
        cut = exif_length // layout.extents
        pieces = [(start + n * cut, cut if n < layout.extents - 1 else exif_length - n * cut)
                  for n in range(layout.extents)]  # fmt: skip
        method = layout.exif_method if layout.exif_method is not None else 1 if layout.in_idat else 0
        items.append(item(EXIF_ITEM, method, pieces, layout.exif_file))
    head = bytes([(offset_size << 4) | length_size, base_size << 4])
    count = len(items).to_bytes(4 if version == 2 else 2, "big")
    return full(b"iloc", head + count + b"".join(items), version=version)
