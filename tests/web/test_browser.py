"""The review app in headless Chromium: filter, open a finding, decide; hostile text runs nothing."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from footprint.case import Case
from footprint.parties import add_person
from footprint.review import decide, record_finding
from footprint.review.supplied import mark_supplied
from footprint.settings import Settings
from footprint.store.links import latest_links
from footprint.users import add_user
from footprint.web import create_app, views
from footprint.web.wording import NO_KEY, WRONG_KEY
from tests.chromium import ARGS, CHROMIUM, watched_page
from tests.report.planted import HOSTILE, LONG
from tests.scopecase import build

from .conftest import finding_id, hostile_account, plant_link

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


#: each server's address -> the key of its start (a case without users; ``_open_with_key``)
KEYS: dict[str, str] = {}


@pytest.fixture
def served(planted: Case, settings: Settings) -> Iterator[str]:
    yield from _serve(planted, settings)


def _serve(planted: Case, settings: Settings) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(planted.dir, settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        threading.Event().wait(0.05)
    base = f"http://127.0.0.1:{port}"
    if app.state.launch_key is not None:
        KEYS[base] = app.state.launch_key
    yield base
    server.should_exit = True
    thread.join(timeout=10)


def _open_with_key(page: Any, base: str) -> None:
    """Open the address `footprint serve` prints for a case without users: the content notice, with the
    key gone from the address."""
    page.goto(f"{base}/?key={KEYS[base]}", wait_until="load")
    page.wait_for_url(f"{base}/")


def test_review_a_finding_in_the_browser(served: str, planted: Case, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    fid = finding_id(planted, "threat_to_kill")
    hostile = finding_id(planted, "insult_harassment")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page, seen = watched_page(browser)
            _open_with_key(page, served)
            assert page.inner_text("h1") == "Before you start"
            page.click("a:text('Continue to the findings')")
            page.wait_for_url(f"{served}/findings")
            assert page.inner_text("h1") == "Findings"
            page.select_option("select[name=category]", "threat_to_kill")
            page.click("button:text('Show')")
            page.wait_for_url("**/findings?category=threat_to_kill&status=all")
            assert page.locator("tbody tr").count() == 1
            page.click(f"a:text('#{fid}')")
            assert page.inner_text("h1") == f"Finding #{fid}: threat_to_kill"
            assert page.inner_text("mark") == "I will kill you"
            page.fill("textarea[name=reason]", "explicit, addressed to her")
            page.click("button:text('Confirm')")
            page.wait_for_url(f"**/findings/{fid}")
            assert "confirmed by tester" in page.inner_text("ol.history")
            page.goto(f"{served}/findings/{hostile}", wait_until="load")
            page.screenshot(path=str(tmp_path / "hostile.png"))
            assert page.inner_text("mark") == "<script>"
            assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
        finally:
            browser.close()
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["console"] == []
    assert all(url.startswith(served) for url in seen["requests"])
    assert next(f for f in planted.store.findings() if f.id == fid).decision == "confirmed"


def test_with_no_users_the_app_opens_only_from_the_address_serve_printed(served: str) -> None:
    # any other account on this computer could reach 127.0.0.1 and act as the named officer
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page, seen = watched_page(browser)
            for address, refused in ((f"{served}/findings", NO_KEY), (f"{served}/?key=guessed", WRONG_KEY)):
                page.goto(address, wait_until="load")
                assert (page.inner_text("h1"), page.inner_text("p.problem")) == ("Refused", refused)
                assert "R v Test" not in page.content()
            _open_with_key(page, served)
            assert page.inner_text("h1") == "Before you start"
            [cookie] = page.context.cookies()
            assert (cookie["name"], cookie["httpOnly"], cookie["sameSite"]) == (
                "footprint_session",
                True,
                "Strict",
            )
            page.click("a:text('Continue to the findings')")
            page.wait_for_url(f"{served}/findings")
            assert "Acting as tester (investigator)" in page.inner_text("header")
        finally:
            browser.close()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert (
        seen["console"]
        == ["error: Failed to load resource: the server responded with a status of 403 (Forbidden)"] * 2
    )


def test_record_a_finding_on_a_hostile_message_in_the_browser(served: str, planted: Case) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    hostile = finding_id(planted, "insult_harassment")
    item = next(i.id for i in planted.store.iter_items() if i.text == HOSTILE)
    reason = '"><img src=x onerror=alert(3)> demands \u202e£500'
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page, seen = watched_page(browser)
            _open_with_key(page, served)
            page.goto(f"{served}/findings/{hostile}", wait_until="load")
            page.click(f"a:text('message #{item}')")
            page.wait_for_url(f"**/items/{item}")
            assert page.inner_text("h1") == f"Message #{item}"
            page.select_option("select[name=category]", "money_demand")
            page.fill("textarea[name=reason]", reason)
            page.fill("input[name=words]", "<script>")
            page.click("button:text('Record finding')")
            page.wait_for_url("**/findings/*")
            assert page.inner_text("h1").endswith(": money_demand")
            assert "tester (investigator), a person, not an analyser" in page.inner_text("dl.facts")
            assert page.inner_text("mark") == "<script>"
            assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
        finally:
            browser.close()
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["console"] == []
    assert all(url.startswith(served) for url in seen["requests"])
    [recorded] = [f for f in planted.store.findings() if f.analyser == "reviewer"]
    assert (recorded.item_id, recorded.spans, recorded.decision) == (item, ((0, 8),), "confirmed")
    assert recorded.details["reason"] == reason


def test_search_the_messages_and_page_the_hits_in_the_browser(
    served: str, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    second = planted.store.search("stop me")[1].item_id
    hostile = '"><img src=x onerror=alert(2)> \u202egnp.exe'
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page, seen = watched_page(browser)
            _open_with_key(page, served)
            page.goto(f"{served}/findings", wait_until="load")
            page.click("a:text('Messages')")
            page.wait_for_url("**/items")
            page.fill("input[name=q]", "stop me")
            page.click("button:text('Search')")
            page.wait_for_url("**/items?q=stop+me&exhibit=")  # every exhibit
            assert page.inner_text("p.count") == "2 items match the search. Items 1 to 1, in time order."
            page.select_option("select[aria-label='search in exhibit']", "JD/2")
            page.click("button:text('Search')")
            page.wait_for_url("**/items?q=stop+me&exhibit=JD%2F2")
            assert page.inner_text("p.count") == "1 item matches the search. Items 1 to 1, in time order."
            page.go_back(wait_until="load")
            page.click("a:text('later matches →')")
            page.wait_for_url("**/items?q=stop%20me&page=2")
            assert page.inner_text("p.count") == "2 items match the search. Items 2 to 2, in time order."
            assert page.input_value("input[name=q]") == "stop me"  # the address keeps the search
            page.click(f"a:text('#{second}')")
            page.wait_for_url(f"**/items/{second}")
            page.go_back(wait_until="load")
            page.fill("input[name=q]", hostile)
            page.click("button:text('Search')")
            page.wait_for_load_state("load")
            assert page.inner_text("p.count") == "1 item matches the search. Items 1 to 1, in time order."
            shown = hostile.replace("\u202e", "[U+202E RIGHT-TO-LEFT OVERRIDE]")
            assert page.input_value("input[name=q]") == shown
            assert page.inner_text("main q") == shown
            assert page.inner_text("td.text") == (
                "<script>alert(1)</script><«img» «src=x» «onerror=alert(2»)> [U+202E RIGHT-TO-LEFT OVERRIDE]"
                "«gnp.exe[U+202C POP DIRECTIONAL FORMATTING]»…"  # the word as written, its mark inside
            )
            assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
            page.fill("input[name=q]", "   ")
            page.click("button:text('Search')")
            page.wait_for_load_state("load")
            assert page.inner_text("p.problem").startswith("the search is empty;")
        finally:
            browser.close()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["console"] == [
        "error: Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    assert all(url.startswith(served) for url in seen["requests"])


def test_candidate_persons_with_a_hostile_account_in_the_browser(served: str, planted: Case) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    hostile = hostile_account(planted)
    lid = plant_link(planted, "whatsapp:Priya Shah", hostile, HOSTILE, [], log10_lr=2.5)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page, seen = watched_page(browser)
            _open_with_key(page, served)
            page.goto(f"{served}/findings", wait_until="load")
            page.click("a:text('Candidate persons')")
            page.wait_for_url("**/persons")
            unknown = page.locator("h2:text('unknown person 1') + p + table")
            assert (
                hostile.replace("\u202e", "[U+202E RIGHT-TO-LEFT OVERRIDE]").replace(
                    "\u202c", "[U+202C POP DIRECTIONAL FORMATTING]"
                )
                in unknown.inner_text()
            )
            assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
            page.click(f"a:text('#{lid}')")
            page.wait_for_url(f"**/links/{lid}")
        finally:
            browser.close()
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["console"] == []
    assert all(url.startswith(served) for url in seen["requests"])


def test_a_team_member_signs_in_in_the_browser(planted: Case, settings: Settings) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    add_user(planted, "DC Ann Reviewer", "reviewer", "correct horse battery")
    server = _serve(planted, settings)
    base = next(server)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page = browser.new_page()
                page.goto(f"{base}/findings", wait_until="load")
                assert page.url == f"{base}/login"
                page.fill("input[name=user]", "DC Ann Reviewer")
                page.fill("input[name=password]", "wrong password")
                page.click("button:text('Sign in')")
                assert "the name or the password is wrong" in page.inner_text("p.problem")
                page.fill("input[name=user]", "DC Ann Reviewer")
                page.fill("input[name=password]", "correct horse battery")
                page.click("button:text('Sign in')")
                page.wait_for_url(f"{base}/")  # the content notice
                assert "Acting as DC Ann Reviewer (reviewer)" in page.inner_text("header")
                page.click("button:text('Sign out')")
                page.wait_for_url(f"{base}/login")
            finally:
                browser.close()
    finally:
        next(server, None)


def _every_page(planted: Case) -> list[str]:
    items = [i.id for i in planted.store.iter_items() if i.text in (HOSTILE, LONG)]
    lid = plant_link(planted, "whatsapp:Priya Shah", "whatsapp:John Smith", f"same number {HOSTILE}", items)
    found = {f.category: f.id for f in planted.store.findings()}
    # an advocate's note and suggestion (the long message's words) for the queue of them
    mark_supplied(planted, "JD/1", "Jane's own phone")
    ann = planted.acting_as("Ann Advocate", "advocate")
    decide(ann, found["insult_harassment"], "note", f"she says {HOSTILE}")
    long = next(i for i in planted.store.items_by_id(items) if i.text == LONG)
    record_finding(ann, long.id, "distress", LONG, None)
    pages = [
        "/login",
        "/suggestions?show=all",
        "/findings",
        "/links",
        f"/links/{lid}",
        "/password",
        "/findings/999",
        f"/items/{items[0]}",
        "/items",  # the hostile and the 3,000-character messages are in JD/1, the first exhibit
        "/items?q=longstart*",  # a search's snippet of the 3,000-character message, one word long
    ]
    return pages + [
        f"/findings/{found[c]}" for c in ("offence_assessment", "course_of_conduct", "insult_harassment")
    ]


def test_every_page_fits_a_phone_screen(planted: Case, settings: Settings, tmp_path: Path) -> None:
    # on a phone nothing may need sideways scrolling: tables stack their cells, long names wrap
    sync_api = pytest.importorskip("playwright.sync_api")
    add_user(planted, "DC Ann Reviewer", "reviewer", "correct horse battery")
    paths = _every_page(planted)
    server = _serve(planted, settings)
    base = next(server)
    wide: dict[str, int] = {}
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                for width in (360, 320):  # 320: the reflow width of WCAG 2.2 (1.4.10)
                    page = browser.new_page(viewport={"width": width, "height": 740})
                    _sign_in_as_ann(page, base)
                    for path in paths:
                        page.goto(base + path, wait_until="load")
                        needed = page.evaluate("document.documentElement.scrollWidth")
                        if needed > width:
                            wide[f"{width}{path}"] = needed
                            page.screenshot(path=str(tmp_path / f"{width}{path.replace('/', '-')}.png"))
                    page.close()
            finally:
                browser.close()
    finally:
        next(server, None)
    assert wide == {}


def _sign_in_as_ann(page: Any, base: str) -> None:
    page.goto(f"{base}/login", wait_until="load")
    page.fill("input[name=user]", "DC Ann Reviewer")
    page.fill("input[name=password]", "correct horse battery")
    page.click("button:text('Sign in')")
    page.wait_for_url(f"{base}/")  # the content notice first
    page.click("a:text('Continue to the findings')")
    page.wait_for_url(f"{base}/findings")


FOCUSED = """() => { const e = document.activeElement, cs = getComputedStyle(e), r = e.getBoundingClientRect();
  return {tag: e.tagName, text: (e.innerText || e.name || "").trim(), outline: cs.outlineStyle,
          width: parseFloat(cs.outlineWidth),
          shown: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth
                 && r.bottom <= innerHeight}; }"""


def _tab_to(page: Any, text: str, walked: list[dict[str, Any]]) -> None:
    """Press Tab until the element showing ``text`` has the focus, noting every element passed."""
    for _ in range(40):
        page.keyboard.press("Tab")
        walked.append(page.evaluate(FOCUSED))
        if walked[-1]["text"] == text:
            return
    raise AssertionError(f"Tab never reached {text!r}: {[w['text'] for w in walked]}")


def test_keyboard_alone_signs_in_reviews_a_link_and_changes_the_password(
    planted: Case, settings: Settings, tmp_path: Path
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    add_user(planted, "DC Ann Reviewer", "reviewer", "correct horse battery")
    lid = plant_link(planted, "whatsapp:Priya Shah", "whatsapp:John Smith", "same number", [])
    server = _serve(planted, settings)
    base = next(server)
    walked: list[dict[str, Any]] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{base}/login", wait_until="load")
                _tab_to(page, "Skip to the main content", walked)
                page.keyboard.press("Enter")
                _tab_to(page, "user", walked)
                page.keyboard.type("DC Ann Reviewer")
                page.keyboard.press("Tab")
                page.keyboard.type("correct horse battery")
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/")  # the content notice, passed with the keyboard
                _tab_to(page, "Continue to the findings", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/findings")
                _tab_to(page, "Account links", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/links")
                _tab_to(page, f"#{lid}", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/links/{lid}")
                _tab_to(page, "reason", walked)
                page.screenshot(path=str(tmp_path / "link-focus.png"))
                page.keyboard.type("same number in both exports")
                _tab_to(page, "Accept", walked)
                page.keyboard.press("Enter")
                page.wait_for_load_state("load")
                assert "accepted by DC Ann Reviewer (reviewer)" in page.inner_text("ol.history")
                _tab_to(page, "Change password", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/password")
                _tab_to(page, "current", walked)
                page.keyboard.type("correct horse battery")
                for typed in ("a much longer passphrase", "a much longer passphrase"):
                    page.keyboard.press("Tab")
                    page.keyboard.type(typed)
                page.keyboard.press("Enter")
                page.wait_for_load_state("load")
                assert page.inner_text("p.done").startswith("Your password is changed.")
            finally:
                browser.close()
    finally:
        next(server, None)
    assert _status(planted, lid) == "accepted"
    unseen = [w["text"] for w in walked if not w["shown"] or w["outline"] != "solid" or w["width"] < 2]
    assert unseen == []  # every element the keyboard reached showed a solid focus ring at least 2 px wide


def _status(case: Case, link_id: int) -> str:
    return next(x.status for x in latest_links(case.store.engine) if x.id == link_id)


PAGE_CHECKS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const back = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
  let lowest = 99;
  for (const e of document.querySelectorAll("body *")) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    if (e.getBoundingClientRect().width === 0) continue;
    const a = lum(rgb(getComputedStyle(e).color)), b = lum(back(e));
    lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
  }
  const levels = [...document.querySelectorAll("h1, h2, h3, h4")].map(h => Number(h.tagName[1]));
  return {
    h1: levels.filter(l => l === 1).length,
    skipped: levels.some((l, i) => i > 0 && l > levels[i - 1] + 1),
    unlabelled: [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
      .filter(e => !e.labels || e.labels.length === 0).map(e => e.name),
    contrast: Math.round(lowest * 100) / 100,
    lang: document.documentElement.lang,
    title: document.title,
  };
}"""


def test_every_page_has_one_h1_labelled_fields_and_readable_text(planted: Case, settings: Settings) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    add_user(planted, "DC Ann Reviewer", "reviewer", "correct horse battery")
    paths = _every_page(planted)
    server = _serve(planted, settings)
    base = next(server)
    found: dict[str, dict[str, Any]] = {}
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                _sign_in_as_ann(page, base)
                for path in paths:
                    page.goto(base + path, wait_until="load")
                    found[path] = page.evaluate(PAGE_CHECKS)
            finally:
                browser.close()
    finally:
        next(server, None)
    for path, seen in found.items():
        assert (path, seen["h1"], seen["skipped"], seen["unlabelled"], seen["lang"]) == (
            path,
            1,
            False,
            [],
            "en-GB",
        )
        assert seen["contrast"] >= 4.5, (path, seen["contrast"])  # WCAG 2.2 AA for body text
        assert seen["title"].endswith(" · R v Test · Footprint") or path == "/login", (path, seen["title"])


def test_an_advocate_passes_the_notice_and_notes_by_opaque_ids_in_the_browser(
    tmp_path: Path, settings: Settings
) -> None:
    # the case's ids in her addresses had told her, by their gaps, how much was withheld from her
    sync_api = pytest.importorskip("playwright.sync_api")
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    scoped = build(case, tmp_path / "inputs")
    add_user(case, "Ann Advocate", "advocate", "correct horse battery")
    finding = next(f for f in case.store.findings() if f.explanation == "she asks him to stop")
    server = _serve(case, settings)
    base = next(server)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page, seen = watched_page(browser)
                page.goto(f"{base}/login", wait_until="load")
                page.fill("input[name=user]", "Ann Advocate")
                page.fill("input[name=password]", "correct horse battery")
                page.click("button:text('Sign in')")
                page.wait_for_url(f"{base}/")  # the content notice, passed with the keyboard alone
                assert page.inner_text("h2") == "The pages after this one may be upsetting"
                walked: list[dict[str, Any]] = []
                _tab_to(page, "Continue to the findings", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/findings")
                page.click("tr:has-text('she asks him to stop') a")
                page.wait_for_url(re.compile(r".*/findings/[a-z2-7]{16}$"))
                name = page.url.rsplit("/", 1)[1]
                assert page.inner_text("h1") == f"Finding #{name}: request_to_stop"
                page.fill("textarea[name=reason]", "she asked him in writing")
                assert page.locator("button:text('Confirm')").count() == 0  # PC/1 is withheld from her
                page.click("button:text('Note')")
                page.wait_for_url(f"{base}/findings/{name}")
                assert "noted by Ann Advocate" in page.inner_text("ol.history")
                page.goto(f"{base}/items/{scoped.hers[0]}", wait_until="load")  # the case's id is not hers
                assert (
                    page.inner_text("main p")
                    == f"there is no item {scoped.hers[0]}; open the list of findings"
                )
            finally:
                browser.close()
    finally:
        next(server, None)
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["console"] == [  # the page of the case's id only
        "error: Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    assert next(f for f in case.store.findings() if f.id == finding.id).noted


def test_an_advocate_suggests_a_link_by_keyboard_alone(tmp_path: Path, settings: Settings) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    build(case, tmp_path / "inputs")  # PC/1, the police chat, is withheld from her
    add_person(case, "Craig Smith", "suspect")
    add_user(case, "Ann Advocate", "advocate", "correct horse battery")
    server = _serve(case, settings)
    base = next(server)
    walked: list[dict[str, Any]] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page, seen = watched_page(browser)
                page.goto(f"{base}/login", wait_until="load")
                _tab_to(page, "user", walked)
                page.keyboard.type("Ann Advocate")
                page.keyboard.press("Tab")
                page.keyboard.type("correct horse battery")
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/")
                _tab_to(page, "Continue to the findings", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/findings")
                _tab_to(page, "Candidate persons", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/persons")
                _tab_to(page, "Suggest a link, or whose account one is", walked)
                page.keyboard.press("Enter")  # on to the forms, below the candidates
                _tab_to_field(page, "link_a", walked)
                page.keyboard.press("ArrowDown")  # whatsapp:Craig Smith
                _tab_to_field(page, "link_b", walked)
                page.keyboard.press("ArrowDown")
                page.keyboard.press("ArrowDown")  # whatsapp:Jane Doe
                _tab_to_field(page, "link_note", walked)
                page.keyboard.type("the same photo on both")
                _tab_to(page, "Suggest the link", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/persons")
                page.wait_for_load_state("load")
                assert page.inner_text("p.done") == (
                    "Your suggestion was recorded for the officer: whatsapp:Craig Smith and whatsapp:Jane Doe"
                    " are one person's accounts; it waits for a deciding user, and decides nothing until one"
                    " accepts or rejects the link."
                )
                checks = page.evaluate(PAGE_CHECKS)  # the forms' fields labelled, headings in order
                assert (checks["h1"], checks["skipped"], checks["unlabelled"]) == (1, False, [])
                assert checks["contrast"] >= 4.5
                page.set_viewport_size({"width": 320, "height": 740})  # and nothing scrolls sideways
                assert page.evaluate("document.documentElement.scrollWidth") <= 320
            finally:
                browser.close()
    finally:
        next(server, None)
    assert seen["dialogs"] == [] and seen["errors"] == []
    [entry] = [e for e in case.store.audit_entries() if e.action == "link suggest"]
    assert (entry.actor, entry.object, entry.justification) == (
        "Ann Advocate",
        "whatsapp:Craig Smith ~ whatsapp:Jane Doe",
        "the same photo on both",
    )
    unseen = [w["text"] for w in walked if not w["shown"] or w["outline"] != "solid" or w["width"] < 2]
    assert unseen == []  # every element the keyboard reached showed a solid focus ring at least 2 px wide


def _tab_to_field(page: Any, field: str, walked: list[dict[str, Any]]) -> None:
    """Press Tab until the form control with id ``field`` has the focus, noting every element passed."""
    for _ in range(40):
        page.keyboard.press("Tab")
        walked.append(page.evaluate(FOCUSED))
        if page.evaluate("document.activeElement.id") == field:
            return
    raise AssertionError(f"Tab never reached #{field}: {[w['text'] for w in walked]}")


def test_an_advocate_searches_the_accounts_and_suggests_a_new_person_by_keyboard_alone(
    tmp_path: Path, settings: Settings
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    build(case, tmp_path / "inputs")  # PC/1, the police chat, is withheld from her
    add_person(case, "Craig Smith", "suspect")
    add_user(case, "Ann Advocate", "advocate", "correct horse battery")
    server = _serve(case, settings)
    base = next(server)
    walked: list[dict[str, Any]] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page, seen = watched_page(browser)
                page.goto(f"{base}/login", wait_until="load")
                _tab_to(page, "user", walked)
                page.keyboard.type("Ann Advocate")
                page.keyboard.press("Tab")
                page.keyboard.type("correct horse battery")
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/")
                page.goto(f"{base}/persons", wait_until="load")
                _tab_to(page, "Suggest a link, or whose account one is", walked)
                page.keyboard.press("Enter")  # on to the forms, below the candidates
                _tab_to_field(page, "find", walked)  # the search is the first field there
                page.keyboard.type("jane")
                page.keyboard.press("Enter")  # no script: the form asks the server for the narrowed page
                page.wait_for_url(f"{base}/persons?find=jane#suggest")
                page.wait_for_load_state("load")
                options = "s => [...document.querySelectorAll(s + ' option')].map(o => o.value)"
                assert page.evaluate(options, "#account") == ["", "whatsapp:Jane Doe"]
                assert page.evaluate(options, "#person") == [""]
                assert (
                    page.inner_text("p.count")
                    == "1 of 2 accounts and 0 of 1 person match “jane”. List them all"
                )
                _tab_to_field(page, "account", walked)
                page.keyboard.press("ArrowDown")  # whatsapp:Jane Doe, the one left
                _tab_to_field(page, "new_person", walked)  # past the list of people, none matching
                page.keyboard.type("Lee Brown")
                _tab_to_field(page, "account_note", walked)
                page.keyboard.type("her cousin's phone")
                _tab_to(page, "Suggest whose account it is", walked)
                page.keyboard.press("Enter")
                page.wait_for_url(f"{base}/persons")
                page.wait_for_load_state("load")
                assert page.inner_text("p.done") == (
                    "Your suggestion was recorded for the officer: whatsapp:Jane Doe is the account of Lee Brown,"
                    " a name you typed (not one of the people you are shown); it waits for a deciding user, and"
                    " decides nothing until one adds them to the case if they are not in it, and attributes the"
                    " account."
                )
                assert page.evaluate(options, "#account") == ["", "whatsapp:Craig Smith", "whatsapp:Jane Doe"]
                checks = page.evaluate(PAGE_CHECKS)  # the search and the new name labelled too
                assert (checks["h1"], checks["skipped"], checks["unlabelled"]) == (1, False, [])
                assert checks["contrast"] >= 4.5
                page.set_viewport_size({"width": 320, "height": 740})  # and nothing scrolls sideways
                assert page.evaluate("document.documentElement.scrollWidth") <= 320
            finally:
                browser.close()
    finally:
        next(server, None)
    assert seen["dialogs"] == [] and seen["errors"] == []
    [entry] = [e for e in case.store.audit_entries() if e.action == "account suggest"]
    assert (entry.actor, entry.object, entry.justification) == (
        "Ann Advocate",
        "whatsapp:Jane Doe",
        "her cousin's phone",
    )
    assert [p.name for p in case.store.persons()] == ["Craig Smith"]
    unseen = [w["text"] for w in walked if not w["shown"] or w["outline"] != "solid" or w["width"] < 2]
    assert unseen == []  # every element the keyboard reached showed a solid focus ring at least 2 px wide
