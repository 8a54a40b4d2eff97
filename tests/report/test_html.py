"""The HTML report: golden file, every section, honest 'not run', inert hostile text, determinism."""

from __future__ import annotations

import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from footprint.case import Case
from footprint.report import build_report, render_html
from footprint.report.charts import render_charts
from footprint.report.html import inert
from report.normalise import normalise
from report.planted import HOSTILE, LONG

RLO, PDF = "[U+202E RIGHT-TO-LEFT OVERRIDE]", "[U+202C POP DIRECTIONAL FORMATTING]"
GOLDEN = Path(__file__).parents[1] / "data" / "report" / "golden.html"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_golden_html(report_case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    # the offence matrix counts time limits from the day the report is built: fixed, so the golden holds
    monkeypatch.setattr("footprint.report.build.today", lambda _zone: date(2026, 11, 29))
    model = build_report(report_case)
    html = normalise(render_html(model), model)
    if os.environ.get("FOOTPRINT_REGOLD"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), "golden report changed; FOOTPRINT_REGOLD=1 to accept"


def test_same_case_same_bytes(report_case: Case) -> None:
    first = build_report(report_case)
    second = build_report(report_case)
    assert first == second
    assert render_html(first) == render_html(second)
    assert render_charts(first.charts) == render_charts(second.charts)


def test_sections_show_what_analysers_wrote(report_case: Case) -> None:
    model = build_report(report_case)
    html = render_html(model)
    assert "as at audit entry" in html and f"entry {model.audit_seq}" in html
    assert "(+01:00)" in html and "(+00:00)" in html  # BST and GMT offsets
    assert "<mark>Where were you last night?</mark>" in html
    assert "confirmed by DC Reviewer" in html and "“No demand is made”" in html
    assert (
        "Reviewer: confirmed by DC Reviewer at 01/05/2024 11:00:00 BST (+01:00): “Matches her statement”"
        in html
    )
    assert "2024-05-01T10:00:00Z" not in html  # decision times in UK time, as every other time
    assert "Stalking — Protection from Harassment Act 1997 s.2A" in html
    assert (
        "(Magistrates&#39; Courts Act 1980 s.127(1)); last date to charge: 2024-10-02 — <strong>out of time:"
        " the last date was 02/10/2024</strong>"
    ) in html
    assert "shared phone number in profile (" not in html and "shared phone number in profile" in html
    assert "non_<wbr>molestation" in html and "not to contact Jane Doe directly or indirectly" in html
    assert html.count("<svg") == 3  # activity, heatmap, link graph
    statuses = {k: v.state for k, v in model.statuses.items()}
    assert statuses == {
        "detect": "found",
        "undermining": "none found",  # detect ran and found nothing that may undermine
        "conduct": "found",
        "breaches": "found",
        "offences": "found",
        "links": "found",
        "link_findings": "found",  # the findings under the links, counted apart from them
        "devices": "none found",
        "images": "did not complete",
    }


def test_flagged_item_shows_both_sides_around_it(report_case: Case) -> None:
    model = build_report(report_case)
    kill = next(f for f in model.flagged if f.item.text.startswith("I will kill you"))
    sides = [line.side for line in kill.context]
    assert "complainant" in sides and "suspect" in sides
    assert [line.focus for line in kill.context].count(True) == 1
    assert len(kill.context) == 7  # three before, itself, three after
    assert {v.finding.category for v in kill.findings} == {"threat_to_kill", "blackmail"}


def test_empty_case_says_not_run(case: Case) -> None:
    model = build_report(case)
    html = render_html(model)
    assert {s.state for s in model.statuses.values()} == {"not run"}
    # seven sections, detection stated twice (summary and flagged items), what may undermine in the summary
    assert html.count("not run: no analyser for this section has been run on this case") == 9
    assert "No analyser has been run; error rates not yet measured." in html
    assert "No items." in html and "No court orders recorded in this case." in html


def test_hostile_text_is_inert_and_readable(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    parser = _Tags()
    parser.feed(html)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    assert all(not (k or "").startswith("on") for _, attrs in parser.tags for k, _ in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quotes&#34;" in html
    assert "\u202e" not in html and "\u202c" not in html and f"{RLO}gnp.exe{PDF}" in html
    assert LONG in html  # kept whole; CSS wraps it
    assert "overflow-wrap: anywhere" in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None and csp.group(1).startswith("default-src 'none'")
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # no external requests
    assert HOSTILE not in html


def test_device_and_image_findings_are_shown(report_case: Case) -> None:
    from footprint.analyse.base import FindingDraft
    from report.planted import _run

    device = {
        "input": "pm-list.txt",
        "kind": "stalkerware",
        "strength": "strong",
        "app": "mSpy",
        "package": "com.mspy.example",
        "matched_by": "package name",
    }
    _run(
        report_case,
        "device",
        2,
        [FindingDraft(None, "device_indicator", 0.99, "Known stalkerware.", details=device)],
    )
    _run(report_case, "images", 2, [FindingDraft(None, "image_match", 0.9, "Same image as the complaint.")])
    model = build_report(report_case)
    assert model.statuses["devices"].state == "found" and model.statuses["images"].state == "found"
    html = render_html(model)
    devices = html[html.index('<h2 id="devices">') : html.index('<h2 id="images">')]
    for text in ("device_<wbr>indicator", "Known stalkerware.", "app: mSpy", "package: com.mspy.example",
                 "matched by: package name", "strength: strong", "kind: stalkerware", "input: pm-list.txt"):  # fmt: skip
        assert text in devices
    assert "Same image as the complaint." in html[html.index('<h2 id="images">') :]


def test_printed_copy_keeps_the_most_serious_flagged_items_in_context(report_case: Case) -> None:
    model = build_report(report_case)
    html = render_html(model, flagged_limit=2, printed=True)
    shown = re.findall(r"<h3>Item (\d+) — ", html)
    kill = next(f.item.id for f in model.flagged if f.item.text.startswith("I will kill you"))
    where = next(f.item.id for f in model.flagged if f.item.text.startswith("Where were you"))
    assert shown == [str(where), str(kill)]  # threat to kill (5), then confirmed monitoring (3); time order
    assert "the other 3 are in the chronology (section 2) with their findings, and the HTML report" in html


def test_printed_copy_ranks_a_flagged_item_without_the_findings_a_person_dismissed(report_case: Case) -> None:
    """A threat to kill dismissed on review no longer makes its item the most serious to print (it still
    ranked by its dismissed finding; found 1 December)."""
    from footprint.review import decide

    before = build_report(report_case)
    kill = next(f for f in before.flagged if f.item.text.startswith("I will kill you"))
    for view in kill.findings:
        decide(report_case, view.finding.id, "dismiss", "a song lyric she quoted back")
    model = build_report(report_case)
    shown = re.findall(r"<h3>Item (\d+) — ", render_html(model, flagged_limit=2, printed=True))
    assert str(kill.item.id) not in shown
    where = next(f.item.id for f in model.flagged if f.item.text.startswith("Where were you"))
    assert str(where) in shown


def test_matched_images_are_withheld_in_the_chronology(report_case: Case) -> None:
    from dataclasses import replace

    from footprint.model import Attachment
    from footprint.report.html import chronology_rows

    model = build_report(report_case)
    row = model.chronology[0]
    secret = "ab" * 32
    photo = Attachment("IMG-0001.jpg", secret, 10, "image/jpeg")
    other = Attachment("IMG-0002.jpg", "cd" * 32, 10, "image/jpeg")
    missing = Attachment("IMG-0003.jpg", None, None, "image/jpeg")
    row = replace(row, item=replace(row.item, attachments=(photo, other, missing)))
    html = str(chronology_rows([row], hidden=frozenset({(row.item.id, 0)})))
    assert (
        "IMG-0001.jpg" not in html
        and "[image withheld: matches a hash list; SHA-256 abababababababab…" in html
    )
    assert "[attachment: IMG-0002.jpg, SHA-256 cdcdcdcdcdcdcdcd…]" in html
    assert "[attachment: IMG-0003.jpg, not in the export]" in html


def _css(html: str) -> str:
    return html[html.index("<style>") : html.index("</style>")]


def test_identifiers_in_narrow_columns_wrap_at_underscores_not_mid_word(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    chronology = html[html.index('<h2 id="chronology">') : html.index('<h2 id="flagged">')]
    # a block, not an inline span: WeasyPrint ignores <wbr> inside an inline box and breaks mid-word
    assert re.search(
        r'<div class="flag">finding \d+: request_<wbr>to_<wbr>stop, score 0.88 \(unreviewed\)</div>',
        chronology,
    )
    conduct = html[html.index('<h2 id="conduct">') : html.index('<h2 id="orders">')]
    assert re.search(r'<div class="small">finding \d+; course_<wbr>of_<wbr>conduct v1</div>', conduct)
    method = html[html.index('<h2 id="method">') :]
    assert "<td>order_<wbr>breach</td>" in method  # error-rate table's analyser column
    summary = html[html.index('<h2 id="summary">') : html.index('<h2 id="chronology">')]
    assert "<td>csv_<wbr>generic v5</td>" in summary


def test_every_narrow_column_has_a_width_that_fits_its_heading(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    exhibits = html[html.index("<h3>Exhibits (MG12)</h3>") : html.index("<h3>Findings by category</h3>")]
    # the file name's column has no width class: it takes what is left
    assert re.findall(r"<th class=\"(\w[\w-]*)\"", exhibits) == [
        "w-ref", "w-who", "w-when", "w-parser", "w-count", "w-count-wide", "w-hash",
    ]  # fmt: skip
    orders = html[html.index('<h2 id="orders">') : html.index('<h2 id="offences">')]
    # fixed widths leave one column free to take the rest: all fixed, padding pushes past the margin
    assert '<th style="width:12%">Against</th><th>Conditions</th>' in orders
    chronology = html[html.index('<h2 id="chronology">') : html.index('<h2 id="flagged">')]
    assert '<th class="w-no">No.</th>' in chronology
    css = _css(html)
    for rule in (".w-count { width: 7%; }", ".w-count-wide { width: 9.5%; }", ".w-no { width: 7%; }"):
        assert rule in css


def test_long_unbroken_text_wraps_everywhere_not_only_in_tables(report_case: Case) -> None:
    css = _css(render_html(build_report(report_case)))
    body = re.search(r"\nbody \{([^}]*)\}", css)
    assert body is not None and "overflow-wrap: anywhere" in body.group(1)
    assert "table-layout: fixed" in css


def test_page_header_and_footer_name_the_case_copy_version_and_page(report_case: Case) -> None:
    from dataclasses import replace

    model = build_report(report_case)
    css = _css(render_html(model))
    assert '@top-left { content: "R v Test — case report";' in css
    assert (
        f'@bottom-left {{ content: "footprint {model.tool_version}\\A as at audit entry {model.audit_seq},'
        f' chain head {model.audit_head[:16]}";' in css
    )
    assert '@bottom-right { content: "page " counter(page) " of " counter(pages);' in css
    long = replace(model, case_name="R v " + "Z" * 300 + " \u202eevil", redacted=True)
    css = _css(render_html(long))
    assert '@top-left { content: "R v ' + "Z" * 56 + '… — disclosure copy (redacted)";' in css
    assert "\u202e" not in css


def test_offence_statuses_are_coloured_whatever_their_wording(report_case: Case) -> None:
    from footprint.report.html import status_class

    assert [status_class(s) for s in ("evidenced", "supported", "partly_evidenced", "partly_supported",
                                       "partly", "not_evidenced", "missing", "candidate")] == [
        "st-evidenced", "st-evidenced", "st-partly", "st-partly", "st-partly", "st-missing", "st-missing", "",
    ]  # fmt: skip
    html = render_html(build_report(report_case))
    assert '<td class="st-partly">partly evidenced</td>' in html
    assert '<td class="st-missing">not evidenced</td>' in html


def test_a_heading_or_its_status_line_never_ends_a_page(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    css = _css(html)
    assert "h1, h2, h3, h4, .status, .intro, .offence { break-after: avoid; }" in css
    assert '<h2 id="chronology">2. Chronology</h2>\n<p class="intro">' in html
    assert "tr.long { break-inside: auto; }" in css
    model = build_report(report_case)
    html = render_html(model)
    long_id = next(r.item.id for r in model.chronology if r.item.text == LONG)
    short_id = next(r.item.id for r in model.chronology if r.item.text != LONG)
    assert f'<tr id="item-{long_id}" class="long">' in html  # taller than a page: may break inside
    assert f'<tr id="item-{short_id}">' in html


def test_offence_matrix_counts_what_a_person_confirmed_behind_each_element(report_case: Case) -> None:
    # the matrix listed the items behind an element without a word on whether anyone had reviewed them;
    # the decisions were made after the law analyser ran, and the count reads them as they are now
    html = render_html(build_report(report_case))
    assert (
        '<span class="small">1 of 6 confirmed by a person; findings behind these items: ' in html
    )  # the monitoring
    assert '<span class="small">0 of 7 confirmed by a person; finding behind these items: ' in html
    assert '<span class="small">no software finding to confirm</span></td></tr>' in html


def test_bidi_and_control_characters_are_named_where_they_were() -> None:
    """A defence advocate must see that a message held a RIGHT-TO-LEFT OVERRIDE: each bidi control and
    control character is replaced by its named marker (it can no longer reorder or hide text), tab and
    newline stay, a carriage return goes; template markup is treated the same way."""
    text = "a\u202eb\u2066c\u200fd\u061ce\x00f\x1bg\x7fh\ti\r\nj"
    assert inert(text) == (
        "a[U+202E RIGHT-TO-LEFT OVERRIDE]b[U+2066 LEFT-TO-RIGHT ISOLATE]c[U+200F RIGHT-TO-LEFT MARK]"
        "d[U+061C ARABIC LETTER MARK]e[U+0000 NULL]f[U+001B ESCAPE]g[U+007F DELETE]h\ti\nj"
    )
    assert inert(Markup("<b>\u202d</b>")) == Markup("<b>[U+202D LEFT-TO-RIGHT OVERRIDE]</b>")


def test_blank_characters_of_an_invisible_name_are_named() -> None:
    """Senders named "~ \u3164" and "~ \u2800" looked blank and alike in the report and the review app."""
    assert inert("~ \u3164 | ~ \u2800 | \u3164\u3164") == (
        "~ [U+3164 HANGUL FILLER] | ~ [U+2800 BRAILLE PATTERN BLANK] | [U+3164 HANGUL FILLER][U+3164 HANGUL FILLER]"
    )


def test_invisible_characters_that_split_a_word_are_named_but_joiners_are_kept() -> None:
    # "k\u200bill" shows as "kill" to a reader while search finds neither "kill" nor "k"+"ill" by eye
    assert inert("k\u200bill k\u2060ill k\ufeffill k\u00adill") == (
        "k[U+200B ZERO WIDTH SPACE]ill k[U+2060 WORD JOINER]ill k[U+FEFF ZERO WIDTH NO-BREAK SPACE]ill"
        " k[U+00AD SOFT HYPHEN]ill"
    )
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # an emoji sequence, and a Persian ZWNJ
    assert (
        inert(f"{family} \u0645\u06cc\u200c\u0631\u0648\u0645")
        == f"{family} \u0645\u06cc\u200c\u0631\u0648\u0645"
    )


def test_c1_controls_are_named_too() -> None:
    # U+009B is an 8-bit CSI: shown raw it could drive a terminal that pastes the text
    assert inert("a\x85b\x9bc") == "a[U+0085 (control)]b[U+009B (control)]c"


def test_an_elements_basis_is_shown_beside_it(report_case: Case) -> None:
    # the recorded fact behind an element ("made on notice: conduct counted from when it was made") was in
    # `assess --json` only: the report's matrix and the app showed the status with no reason
    html = render_html(build_report(report_case))
    matrix = html[html.index('<h2 id="offences">') :]
    assert (
        '<br><span class="small">Basis: order 1: date the suspect became aware of the order not recorded;'
        " whether the order was made without notice is not recorded; when he became aware of it is not recorded"
        " either: every contravention from the making is listed, and s.42A(2) may exclude those before he knew"
        " of it (record when he became aware with `footprint order served`)</span>"
    ) in matrix
    assert matrix.count("Basis: ") == 1


def test_every_finding_the_report_shows_carries_its_number(report_case: Case) -> None:
    # MG6C listed "Finding 16 (threat_to_kill …) dismissed" and `footprint findings` prints each finding's
    # number, but the report printed none: a reader could not match a schedule row to the report.
    model = build_report(report_case)
    html = render_html(model)
    numbers = {(f.item_id, f.category): f.id for f in model.findings}
    kill = next(r.item.id for r in model.chronology if r.item.text.startswith("I will kill you"))
    blackmail, threat = numbers[(kill, "blackmail")], numbers[(kill, "threat_to_kill")]
    chronology = html[html.index('<h2 id="chronology">') : html.index('<h2 id="flagged">')]
    assert f'<div class="flag">finding {blackmail}: blackmail, score 0.70 (dismissed)</div>' in chronology
    flagged = html[html.index('<h2 id="flagged">') : html.index('<h2 id="conduct">')]
    assert f"<strong>blackmail</strong> (finding {blackmail}) — score 0.70" in flagged
    course = numbers[(None, "course_of_conduct")]
    conduct = html[html.index('<h2 id="conduct">') : html.index('<h2 id="orders">')]
    assert f'<div class="small">finding {course}; course_<wbr>of_<wbr>conduct v1</div>' in conduct
    matrix = html[html.index('<h2 id="offences">') : html.index('<h2 id="links">')]
    # "0 of 1" counts items; the findings behind them are named as such (there may be more than items)
    assert (
        f'<span class="small">0 of 1 confirmed by a person; finding behind these items: {threat}</span>'
        in matrix
    )
    assert f"finding {blackmail}" not in matrix  # dismissed: not evidence


def test_the_chronology_shows_an_edited_items_versions_escaped(report_case: Case) -> None:
    from dataclasses import replace

    from footprint.report.html import chronology_rows

    row = build_report(report_case).chronology[0]
    history = '[{"at":"2022-11-19T01:17:54.272Z","part":"0","text":"<b>First</b> & message"},{"editedAt":1}]'
    row = replace(row, item=replace(row.item, edited=True, details={"edit_history": history}))
    html = str(chronology_rows([row]))
    assert (
        '<span class="flag">[edited]</span>'
        '<div class="small">version 1, 2022-11-19T01:17:54.272Z: &lt;b&gt;First&lt;/b&gt; &amp; message</div>'
        '<div class="small">version 2, time not recorded: {&#34;editedAt&#34;: 1}</div>'
    ) in html
