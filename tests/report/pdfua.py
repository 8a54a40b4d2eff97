"""What PDF/UA-1 (ISO 14289-1) asks of a PDF that a checker can see, read with pikepdf, offline.

veraPDF (the reference checker) is a Java program that no Debian package or PyPI wheel ships, so the
tests check what it and the Matterhorn Protocol's machine checks would flag in the report's PDFs: the
document marked, tagged and titled, in a language; every piece of content either in the structure tree
or an artifact, never both; figures with alternative text; tables with their header cells' scope;
headings in order without a skipped level; every font embedded with a ToUnicode map; links in the tree
and described. Each problem is one line naming the page or structure element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf

# ISO 32000-1 14.8.4: the standard structure types
STANDARD = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6"
    " L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot"
    " Ruby RB RT RP Warichu WT WP Figure Formula Form".split()
)
PAINT = frozenset({"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"})
_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def _elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, in the tree's (reading) order."""
    todo = list(reversed(list(pdf.Root.StructTreeRoot.K.as_list())))
    while todo:
        kid = todo.pop()
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR" and "/S" in kid:
            yield kid
            kids = kid.get("/K")
            if isinstance(kids, pikepdf.Array):
                todo += reversed(list(kids.as_list()))
            elif kids is not None:
                todo.append(kids)


def _document(pdf: pikepdf.Pdf, lang: str) -> list[str]:
    root, problems = pdf.Root, []
    if root.get("/MarkInfo", {}).get("/Marked") is not True:
        problems.append("catalog: /MarkInfo /Marked is not true")
    if str(root.get("/Lang", "")) != lang:
        problems.append(f"catalog: /Lang is {str(root.get('/Lang', ''))!r}, not {lang!r}")
    if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        problems.append("catalog: /ViewerPreferences /DisplayDocTitle is not true")
    if "/StructTreeRoot" not in root:
        return [*problems, "catalog: no /StructTreeRoot"]
    title = str(pdf.docinfo.get("/Title", ""))
    if "/Metadata" not in root:
        return [*problems, "catalog: no XMP metadata"]
    meta = pdf.open_metadata()
    if meta.get("pdfuaid:part") != "1":
        problems.append(f"XMP: pdfuaid:part is {meta.get('pdfuaid:part')!r}, not '1'")
    if not title or meta.get("dc:title") != title:
        problems.append(f"XMP: dc:title {meta.get('dc:title')!r} is not the title {title!r}")
    return problems


def _structure(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    roles = pdf.Root.StructTreeRoot.get("/RoleMap", {})
    level = 0
    for element in _elements(pdf):
        kind = str(element.S)[1:]
        standard = kind if kind in STANDARD else str(roles.get(f"/{kind}", "/"))[1:]
        if standard not in STANDARD:
            problems.append(f"structure: /{kind} is neither standard nor role-mapped to a standard type")
        if "/Lang" in element and not _LANG.fullmatch(str(element.Lang)):
            problems.append(f"structure: /{kind} has /Lang {str(element.Lang)!r}, not a language tag")
        if standard == "Figure" and not str(element.get("/Alt", "")).strip():
            problems.append("structure: a /Figure has no /Alt")
        if standard == "TH" and str(element.get("/A", {}).get("/Scope", "")) not in (
            "/Row",
            "/Column",
            "/Both",
        ):
            problems.append("structure: a /TH has no /Scope")
        if standard in ("TH", "TD") and str(element.P.S) != "/TR":
            problems.append(f"structure: a /{standard} is in a {element.P.S}, not a /TR")
        if re.fullmatch(r"H[1-6]", standard):
            if int(standard[1]) > level + 1:
                problems.append(f"structure: /{standard} follows /H{level} (a level skipped)")
            level = int(standard[1])
    return problems


def _marked(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """(StructParents, MCID) of every marked-content sequence that an element in the tree holds."""
    held = set()
    for element in _elements(pdf):
        page = element.get("/Pg")
        kids = element.get("/K")
        for kid in kids.as_list() if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and page is not None:
                held.add((int(page.StructParents), kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                held.add((int(kid.get("/Pg", page).StructParents), int(kid.MCID)))
    return held


def _content(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    held = _marked(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        if page.get("/Annots") and page.get("/Tabs") != "/S":
            problems.append(f"page {number}: annotations but no /Tabs /S")
        stack: list[str] = []  # "artifact", "mcid" or "other" for each open sequence
        untagged = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BMC", "BDC"):
                tag = str(operands[0])
                mcid = (
                    operands[1].get("/MCID")
                    if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                    else None
                )
                kind = "artifact" if tag == "/Artifact" else "mcid" if mcid is not None else "other"
                if kind != "other" and {"artifact", "mcid"} - {kind} & set(stack):
                    problems.append(f"page {number}: {tag} marked content inside the other kind")
                if mcid is not None and (int(page.StructParents), int(mcid)) not in held:
                    problems.append(
                        f"page {number}: marked content {tag} MCID {mcid} is in no structure element"
                    )
                stack.append(kind)
            elif op == "EMC":
                stack.pop()
            elif op in PAINT and not {"artifact", "mcid"} & set(stack):
                untagged += 1
        if untagged:
            problems.append(f"page {number}: {untagged} painting operator(s) neither tagged nor an artifact")
    return problems


def _fonts_and_links(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    fonts = {}
    for page in pdf.pages:
        for name, font in page.Resources.get("/Font", {}).items():
            fonts[str(font.get("/BaseFont", name))] = font
    for name, font in sorted(fonts.items()):
        described = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
        descriptor = described.get("/FontDescriptor", {})
        if font.Subtype != "/Type3" and not {"/FontFile", "/FontFile2", "/FontFile3"} & set(
            descriptor.keys()
        ):
            problems.append(f"font {name}: not embedded")
        if "/ToUnicode" not in font:
            problems.append(f"font {name}: no /ToUnicode")
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") == "/Link":
                if "/StructParent" not in annot:
                    problems.append(f"page {number}: a link annotation is not in the structure tree")
                if not str(annot.get("/Contents", "")).strip():
                    problems.append(f"page {number}: a link annotation has no /Contents")
    return problems


def pdfua_problems(data: bytes, lang: str = "en-GB") -> list[str]:
    """What a PDF/UA-1 checker would flag in ``data``, one line each (empty: none)."""
    import io

    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems = _document(pdf, lang)
        if "/StructTreeRoot" not in pdf.Root:
            return problems
        return problems + _structure(pdf) + _content(pdf) + _fonts_and_links(pdf)
