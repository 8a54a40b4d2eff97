"""The report in headless Chromium: no console errors, no requests, no dialogs, and it renders."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.demo import build_demo
from footprint.report import write_report
from footprint.settings import Settings
from tests.chromium import ARGS, CHROMIUM, watched_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


def _open(report: Path, shot: Path) -> dict[str, object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page, seen = watched_page(browser)
            page.goto(report.as_uri(), wait_until="load")
            page.screenshot(path=str(shot), full_page=False)
            title = page.title()
            h1 = page.inner_text("h1")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            sections = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent)")
        finally:
            browser.close()
    return {**seen, "title": title, "h1": h1, "overflow": overflow, "sections": sections}


def _assert_renders(shot: Path) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert image.size == (1280, 900)
    colours = image.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 20  # text, tables and the note box, not a blank page
    white = max(count for count, colour in colours if colour == (255, 255, 255))
    assert white < 0.97 * image.size[0] * image.size[1]


def test_demo_report_opens_in_chromium(tmp_path: Path, settings: Settings) -> None:
    demo = build_demo(tmp_path / "demo", settings)
    seen = _open(demo.report, tmp_path / "demo.png")
    assert seen["console"] == [] and seen["errors"] == [] and seen["dialogs"] == []
    assert all(str(u).startswith(("file:", "data:")) for u in seen["requests"]), seen["requests"]  # type: ignore[union-attr]
    assert seen["h1"] == "R v Smith (synthetic demo)"
    # the terms a jury needs (row number, item id, finding number, score …) come before any of them is used
    assert seen["sections"][:2] == ["Terms used in this report", "1. Case summary"]  # type: ignore[index]
    assert seen["sections"][-2:] == ["10. Method and integrity", "Sign-off"]  # type: ignore[index]
    assert seen["overflow"] <= 0  # type: ignore[operator]
    _assert_renders(tmp_path / "demo.png")


def test_hostile_report_runs_nothing_in_chromium(report_case: Case, tmp_path: Path) -> None:
    seen = _open(write_report(report_case), tmp_path / "hostile.png")
    assert seen["console"] == [] and seen["errors"] == [] and seen["dialogs"] == []
    assert all(str(u).startswith(("file:", "data:")) for u in seen["requests"]), seen["requests"]  # type: ignore[union-attr]
    assert seen["overflow"] <= 0  # type: ignore[operator]  # the 3,000-character line wraps
    _assert_renders(tmp_path / "hostile.png")


def test_right_to_left_message_text_runs_right_to_left_in_chromium(case: Case, tmp_path: Path) -> None:
    # an Arabic message ending "100%!" was laid out left to right: the "!" and "100" at the wrong end
    from footprint.pipeline import AddOptions, add_exhibit

    chat = tmp_path / "WhatsApp Chat with Ali.txt"
    text = "\u0645\u0631\u062d\u0628\u0627 \u0633\u0623\u062c\u062f\u0643 100%!"
    chat.write_text(f"12/03/2024, 21:14 - Ali: {text}\n", encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", date_order="dmy"))
    report = write_report(case)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page, _ = watched_page(browser)
            page.goto(report.as_uri(), wait_until="load")
            # x of the first character (the Arabic letter) and of the last ("!") of the message's text node
            first, last = page.evaluate(
                """t => { for (const el of document.querySelectorAll('.text')) {
                    const node = [...el.childNodes].find(n => n.nodeType === 3 && n.data.includes(t));
                    if (!node) continue;
                    const at = i => { const r = document.createRange(); r.setStart(node, i);
                        r.setEnd(node, i + 1); return r.getBoundingClientRect().x; };
                    const i = node.data.indexOf(t); return [at(i), at(i + t.length - 1)]; } }""",
                text,
            )
        finally:
            browser.close()
    assert last < first  # read right to left: the "!" ends the line on the left


# WCAG's text-spacing check (SC 1.4.12): the styles of its bookmarklet, applied over the report's own.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
# For each cell of every table (or of those whose header row holds `scope`): each visible character outside
# its cell's box, and the cells of a row that overlap; for the whole page (no `scope`), each character
# outside its heading, paragraph, list item, caption or message too; and every element that hides part of
# its content (overflow hidden or clip).
_LAYOUT = """scope => {
    const out = {pageScroll: document.documentElement.scrollWidth - window.innerWidth, outside: [], overlap: [],
                 clipped: [], scrollers: []};
    const boxes = [];
    const tables = [...document.querySelectorAll('table')].filter(
        t => !scope || (t.tHead && t.tHead.textContent.includes(scope)));
    for (const t of tables) {
        const region = t.parentElement;
        out.scrollers.push([getComputedStyle(region).overflowX, region.getBoundingClientRect().right]);
        for (const row of t.rows) {
            const cells = [...row.cells].map(c => c.getBoundingClientRect());
            for (let i = 1; i < cells.length; i++)
                if (cells[i].left < cells[i - 1].right - 0.5) out.overlap.push(row.cells[i].textContent.slice(0, 40));
            boxes.push(...row.cells);
        }
    }
    if (!scope) boxes.push(...document.querySelectorAll('h1, h2, h3, h4, p, li, figcaption, div.line'));
    for (const cell of boxes) {
        const box = cell.getBoundingClientRect();
        const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode())
            for (let i = 0; i < n.data.length; i++) {
                if (/\\s/.test(n.data[i])) continue;
                const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                const g = r.getBoundingClientRect();
                if (g.width && (g.left < box.left - 0.5 || g.right > box.right + 0.5 || g.bottom > box.bottom + 0.5)) {
                    out.outside.push(n.data.slice(Math.max(0, i - 20), i + 1)); break; }
            }
    }
    for (const el of document.querySelectorAll('body *')) {
        const s = getComputedStyle(el);
        const hides = v => v === 'hidden' || v === 'clip';
        if ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1))
            out.clipped.push(el.tagName + '.' + el.className);
    }
    return out; }"""


def _layout_at_320(report: Path, scope: str, spacing: bool) -> dict[str, object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 320, "height": 800})
            page.goto(report.as_uri(), wait_until="load")
            if spacing:
                page.add_style_tag(content=TEXT_SPACING)
            layout: dict[str, object] = page.evaluate(_LAYOUT, scope)
        finally:
            browser.close()
    return layout


def test_exhibit_table_does_not_overlap_itself_at_320_css_px(report_case: Case) -> None:
    # SC 1.4.10: the file-name column was 3 px wide and its names ran over the next columns; the table now
    # keeps readable columns and scrolls sideways in its own region, the page does not
    layout = _layout_at_320(write_report(report_case), "Produced by", spacing=False)
    assert layout["outside"] == [] and layout["overlap"] == []
    [(overflow, right)] = layout["scrollers"]  # type: ignore[misc]
    assert overflow == "auto" and right <= 320
    assert layout["pageScroll"] == 0


def test_with_text_spacing_at_320_css_px_nothing_is_clipped_or_overlaps(report_case: Case) -> None:
    # SC 1.4.12: with WCAG's text-spacing styles, chronology text ran out of its cells
    layout = _layout_at_320(write_report(report_case), "", spacing=True)
    assert layout["outside"] == [] and layout["overlap"] == [] and layout["clipped"] == []
    assert layout["pageScroll"] == 0
