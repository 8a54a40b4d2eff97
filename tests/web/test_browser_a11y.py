"""The review app against WCAG 2.2 AA in headless Chromium, where the behaviour is the browser's: where
the focus goes when a form is refused, the status said after a decision, text spacing at 320 px."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from footprint.case import Case
from footprint.review import decide
from footprint.review.supplied import mark_supplied
from footprint.settings import Settings
from footprint.users import add_user
from tests.chromium import ARGS, CHROMIUM

from .conftest import finding_id
from .test_browser import _every_page, _open_with_key, _serve, _sign_in_as_ann, _tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

PASSWORD = "correct horse battery"
FOCUSED = """() => { const e = document.activeElement;
  return {tag: e.tagName, id: e.id, text: (e.innerText || "").trim()}; }"""


@contextmanager
def _app_in_chromium(planted: Case, settings: Settings) -> Iterator[tuple[str, Any]]:
    """The app on ``planted`` served on a free port, its address and a headless Chromium."""
    sync_api = pytest.importorskip("playwright.sync_api")
    server = _serve(planted, settings)
    base = next(server)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                yield base, browser
            finally:
                browser.close()
    finally:
        next(server, None)


def _until_problems_focused(page: Any) -> None:
    """Wait up to 5 s for the summary of problems to take the focus (``autofocus`` acts once the page has
    loaded); the assertions after it fail if it never does. Polled from here: the app's policy forbids
    the page evaluating a string, as ``wait_for_function`` would."""
    for _ in range(100):
        if page.evaluate(FOCUSED)["id"] == "problems":
            return
        page.wait_for_timeout(50)


def test_a_refused_form_opens_on_its_problem_which_leads_to_the_field(
    planted: Case, settings: Settings
) -> None:
    # SC 3.3.1: the problem was a line above the form, and the focus stayed at the top of the page
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    fid = finding_id(planted, "threat_to_kill")
    with _app_in_chromium(planted, settings) as (base, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/login", wait_until="load")
        page.fill("input[name=user]", "DC Ann Reviewer")
        page.fill("input[name=password]", "wrong password")
        with page.expect_navigation():
            page.click("button:text('Sign in')")
        _until_problems_focused(page)
        assert page.evaluate(FOCUSED) == {
            "tag": "DIV",
            "id": "problems",
            "text": "There is a problem\nthe name or the password is wrong, or the user is disabled;"
            " try again",
        }
        assert page.title().startswith("Error: Sign in")
        assert (page.input_value("#user"), page.input_value("#password")) == ("DC Ann Reviewer", "")
        _sign_in_as_ann(page, base)
        page.goto(f"{base}/findings/{fid}", wait_until="load")
        page.fill("textarea[name=reason]", "   ")  # passes `required`; refused by the service
        with page.expect_navigation():
            page.click("button:text('Confirm')")
        _until_problems_focused(page)
        assert page.evaluate(FOCUSED)["id"] == "problems"
        page.keyboard.press("Tab")  # the summary's link to the field
        assert page.evaluate(FOCUSED) == {
            "tag": "A",
            "id": "",
            "text": "every decision needs a reason (it is kept in the audit log); give one and try again",
        }
        page.keyboard.press("Enter")
        assert page.evaluate(FOCUSED)["id"] == "reason"
        described = page.evaluate(
            "document.getElementById(document.activeElement.getAttribute('aria-describedby')).innerText"
        )
        assert described.startswith("every decision needs a reason")
        assert page.get_attribute("#reason", "aria-invalid") == "true"


def test_the_flagged_words_are_marked_without_colour_and_a_decision_recorded_is_said(
    planted: Case, settings: Settings
) -> None:
    # SC 1.4.1: the flagged message had only its border, its words only their colour; SC 4.1.3: after the
    # decision the page opened again with nothing saying it was recorded
    fid = finding_id(planted, "threat_to_kill")
    with _app_in_chromium(planted, settings) as (base, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        _open_with_key(page, base)
        page.goto(f"{base}/findings/{fid}", wait_until="load")
        assert page.evaluate("getComputedStyle(document.querySelector('mark')).textDecorationLine") == (
            "underline"
        )
        assert page.inner_text("p.flag").startswith("Flagged: this finding is about this message;")
        page.fill("textarea[name=reason]", "explicit, addressed to her")
        page.click("button:text('Dismiss')")
        page.wait_for_url(f"{base}/findings/{fid}")
        assert page.locator("[role=status]").all_inner_texts() == [f"Finding #{fid} dismissed."]
        page.reload(wait_until="load")  # said once
        assert page.locator("[role=status]").count() == 0


SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""  # the WCAG text-spacing bookmarklet's styles (SC 1.4.12)

LAID_OUT = """() => {
  const hidden = n => { for (let e = n.parentElement; e; e = e.parentElement) {
    const cs = getComputedStyle(e); if (cs.clipPath !== "none" || cs.display === "none") return true; } return false; };
  const boxes = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim() || hidden(n) || n.parentElement.closest("select, option, textarea")) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 0 && r.right > 0)
      boxes.push({text: n.textContent.trim().slice(0, 30), l: r.left, r: r.right, t: r.top, b: r.bottom});
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (Math.min(a.r, b.r) - Math.max(a.l, b.l) > 1 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 1)
      overlaps.push(a.text + " | " + b.text);
  }
  const clipped = [...document.querySelectorAll("body *")].filter(e => {
    const cs = getComputedStyle(e);
    return !["visible", "auto", "scroll"].includes(cs.overflowY) && cs.clipPath === "none"
      && !e.closest("textarea, select") && e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0;
  }).map(e => e.tagName + "." + e.className);
  const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1
    && !e.closest("table") && getComputedStyle(e).clipPath === "none" && !e.closest("thead")).map(e => e.tagName + "." + e.className);
  return {scroll: document.documentElement.scrollWidth, overlaps: overlaps.slice(0, 5), clipped, wide: wide.slice(0, 5)};
}"""


def test_text_spacing_at_320_px_clips_and_overlaps_nothing(
    planted: Case, settings: Settings, tmp_path: Path
) -> None:
    # SC 1.4.12 with 1.4.10: the bookmarklet's spacing at the reflow width
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    paths = [*_every_page(planted), "/persons", "/no-such-page"]
    found: dict[str, Any] = {}
    with _app_in_chromium(planted, settings) as (base, browser):
        # the bookmarklet's <style> is the user's own: the app's policy forbids inline styles
        page = browser.new_page(viewport={"width": 320, "height": 740}, bypass_csp=True)
        _sign_in_as_ann(page, base)
        for path in paths:
            page.goto(base + path, wait_until="load")
            page.add_style_tag(content=SPACING)
            seen = page.evaluate(LAID_OUT)
            if seen != {"scroll": 320, "overlaps": [], "clipped": [], "wide": []}:
                found[path] = seen
                page.screenshot(path=str(tmp_path / f"{path.replace('/', '-')}.png"), full_page=True)
    assert found == {}


STRUCTURE = """() => ({h1: document.querySelector("main h1").innerText,
  caption: document.querySelector("main table caption").innerText,
  headers: [...document.querySelectorAll("main thead th")].map(e => e.innerText + "/" + e.scope),
  current: document.querySelector("nav a[aria-current=page]").innerText})"""


def test_the_queue_of_advocates_notes_is_reached_read_and_left_by_keyboard(
    planted: Case, settings: Settings
) -> None:
    # a heading, a captioned table with column headers, the page marked current; each finding one Tab away
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    mark_supplied(planted, "JD/1", "Jane's own phone")
    fid = finding_id(planted, "insult_harassment")
    decide(planted.acting_as("Ann Advocate", "advocate"), fid, "note", "she says he wrote it at 3am")
    walked: list[dict[str, Any]] = []
    with _app_in_chromium(planted, settings) as (base, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        _sign_in_as_ann(page, base)
        _tab_to(page, "Advocates' notes", walked)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/suggestions")
        assert page.evaluate(STRUCTURE) == {
            "h1": "Advocates' notes and suggestions",
            "caption": "Notes and suggestions waiting for a decision, oldest first",
            "headers": [
                f"{h}/col"
                for h in ("Made", "By", "Finding, link or attribution", "Words", "Her note", "Decision since")
            ],
            "current": "Advocates' notes",
        }
        _tab_to(page, f"#{fid}", walked)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/findings/{fid}")
        assert "she says he wrote it at 3am" in page.inner_text("main")
    unseen = [w["text"] for w in walked if not w["shown"] or w["outline"] != "solid" or w["width"] < 2]
    assert unseen == []  # every element the keyboard reached showed a solid focus ring at least 2 px wide
