"""What WeasyPrint's PDF/UA-1 output leaves out, added as the report's PDF is written.

WeasyPrint 70 (``pdf_variant="pdf/ua-1"``) tags headings, tables, lists, figures and links, and writes the
document's language, title and PDF/UA identification. It does not carry an element's ``lang`` into the
structure tree (a Greek message would be read aloud as English), gives a header cell no scope, names a
link by its target ("item-29", not "SJ/1 line 2"), and marks the text of the page margins (the case
name, the protective marking, the page number) as content that no structure element holds: neither read
nor an artifact. :func:`tag_attributes` wraps WeasyPrint's structure-tree builder to add the first
three from the HTML while the report is written; :func:`margins_as_artifacts`, a ``write_pdf``
finisher, makes the margins pagination artifacts, as PDF/UA asks of running heads and page numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import pydyf  # type: ignore[import-untyped]

from footprint.errors import ReportError

Build = Callable[..., Iterator[Any]]

# the HTML elements WeasyPrint passes through without a structure element of their own
_NOT_OWN = ("html", "body")
# whether the PDF being written is the report's (another WeasyPrint document in the process is left as is)
_REPORT = ContextVar("footprint_report_pdf", default=False)


def _attributes(build: Build) -> Build:
    """``build`` (WeasyPrint's ``_build_box_tree``), with ``/Lang``, a header cell's ``/Scope`` and a
    link's ``/Contents`` taken from each box's HTML element."""
    from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]
    from weasyprint.layout.absolute import AbsolutePlaceholder  # type: ignore[import-untyped]

    def built(box: Any, *args: Any) -> Iterator[Any]:
        own = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = own.element
        for made in build(box, *args):
            if (
                _REPORT.get()
                and element is not None
                and own.element_tag not in _NOT_OWN
                and not isinstance(own, (boxes.PageBox, boxes.MarginBox))
            ):
                if lang := element.get("lang"):
                    made["Lang"] = pydyf.String(lang)
                if made["S"] == "/TH":
                    made["A"]["Scope"] = "/Row" if element.get("scope") == "row" else "/Column"
                if own.link_annotation is not None:
                    text = " ".join("".join(element.itertext()).split())
                    own.link_annotation["Contents"] = pydyf.String(text or element.get("href", ""))
            yield made

    built.footprint_attributes = True  # type: ignore[attr-defined]
    return built


@contextmanager
def tag_attributes() -> Iterator[None]:
    """While it lasts, WeasyPrint's structure tree carries the attributes :func:`_attributes` adds (the
    wrapper is put in once per process; WeasyPrint's builder calls itself through its module, so every
    box passes it)."""
    from weasyprint.pdf import tags  # type: ignore[import-untyped]

    if not getattr(tags._build_box_tree, "footprint_attributes", False):
        tags._build_box_tree = _attributes(tags._build_box_tree)
    token = _REPORT.set(True)
    try:
        yield
    finally:
        _REPORT.reset(token)


def _object(pdf: Any, reference: bytes | str) -> Any:
    """The object ``reference`` (``b"12 0 R"``) names."""
    number = reference.split()[0]
    return pdf.objects[int(number)]


def _reachable(pdf: Any, root: Any) -> set[int]:
    """The object numbers of the structure elements under ``root``."""
    seen: set[int] = set()
    todo = [_object(pdf, kid) for kid in root["K"]]
    while todo:
        element = todo.pop()
        seen.add(element.number)
        todo += [
            kid
            for kid in (_object(pdf, k) for k in element.get("K", ()) if isinstance(k, bytes | str))
            if kid.get("Type") == "/StructElem"
        ]
    return seen


def margins_as_artifacts(document: Any, pdf: Any) -> None:
    """A ``write_pdf`` finisher: each marked-content sequence whose structure element is not in the tree
    (WeasyPrint's page-margin text) becomes a pagination artifact, and leaves the parent tree."""
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    reachable = _reachable(pdf, root)
    nums = _object(pdf, root["ParentTree"])["Nums"]
    for page_number, page_reference in enumerate(pdf.page_references):
        page = _object(pdf, page_reference)
        parents = nums[2 * page_number + 1]
        loose = set()
        for mcid, reference in enumerate(parents):
            if _object(pdf, reference).number not in reachable:
                loose.add(mcid)
                parents[mcid] = "null"
        content = _object(pdf, page["Contents"]).stream
        for i, item in enumerate(content):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in loose:
                content[i - 1] = "/Artifact"
                content[i] = pydyf.Dictionary({"Type": "/Pagination"})
                loose.discard(item["MCID"])
        if loose:
            raise ReportError(
                f"PDF page {page_number + 1}: this WeasyPrint left marked content {sorted(loose)} of the "
                "page margins outside the page's own content, where it cannot be made an "
                "artifact; install WeasyPrint 70 or leave out --pdf"
            )
