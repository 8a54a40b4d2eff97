"""E-mail (parser v6): text hidden by the message's own style sheet, and the parts of a
multipart/mixed message shown one after another. Exact text, details and warnings."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from footprint.ingest.email_css import MAX_SHEET
from footprint.ingest.email_html import read_html
from tests.conftest import parse

_HTML_MAIL = (
    "From: Bob Smith <bob@example.com>\nTo: Jane Doe <jane@example.com>\nSubject: invoice\n"
    "Date: Tue, 12 Mar 2024 22:14:00 +0000\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
)


def test_text_hidden_by_style_block_rules_is_left_out_and_listed(tmp_path: Path) -> None:
    # A <style> rule hid these from a mail client, but they were read as visible message text.
    mail = tmp_path / "css.eml"
    mail.write_text(
        _HTML_MAIL + "<html><head><style>\n.x{display:none} span.hide {font-size:0} #id {visibility:hidden}\n"
        "div > p.c { opacity: 0 } section em {DISPLAY: NONE !important}\n</style></head><body>"
        "<p>Please find the invoice attached.</p>"
        '<div class="x">I will kill you</div>'
        '<span class="note hide">you are dead<b style="font-size:14px">Regards</b></span><br>'
        '<i id="id">I am watching <u style="visibility:visible">Bob</u></i>'
        '<div><p class="c">I know where you live</p></div><section><p class="c">Thanks</p></section>'
        '<section><p><em style="display:inline">run</em></p></section>'
        '<div class="x" style="display:block">See you soon</div></body></html>\n'
    )
    result = parse("email", mail)
    item = result.items[0]
    assert (
        item.text
        == "Subject: invoice\n\nPlease find the invoice attached.\n\nRegards\nBob\n\nThanks\n\nSee you soon"
    )
    assert item.details["html_hidden_text"] == (
        '["I will kill you","you are dead","I am watching","I know where you live","run"]'
    )
    assert [w.message for w in result.warnings] == [
        "HTML part holds 5 piece(s) of text a mail client does not show (title, hidden elements); left out"
        " of the message text and listed in details html_hidden_text",
    ]


def test_style_rules_that_cannot_be_evaluated_are_named_and_not_guessed() -> None:
    view = read_html(
        "<style>a:hover{display:none} p + p {visibility:hidden} [title] {font-size:0}"
        " @media (max-width:600px) { .m { display:none !important } } .c {color:red} a:hover {color:blue}"
        " .n { .o { display:none } }</style>"
        '<a href="x">one</a><p>two</p><p>three</p><p title="t" class="m">four</p><p class="n">five</p>'
    )
    assert view.text == "one\ntwo\n\nthree\n\nfour\n\nfive"
    assert view.hidden == []
    assert view.unapplied == [
        "'a:hover {display: none}' (selector not evaluated)",
        "'p + p {visibility: hidden}' (selector not evaluated)",
        "'[title] {font-size: 0}' (selector not evaluated)",
        "'.m {display: none}' (inside '@media (max-width:600px)': not evaluated)",
        "'.n {…}' (a nested rule: not evaluated)",
    ]


def test_hostile_style_sheets_are_never_fetched_or_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object) -> None:
        raise AssertionError("a style sheet was fetched")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    huge = ".pad{color:red}" * (MAX_SHEET // 15 + 10)
    mail = tmp_path / "hostile.eml"
    mail.write_text(
        _HTML_MAIL + "<style>@import url(http://127.0.0.1:9/x.css); @import 'http://127.0.0.1:9/y.css';"
        " .e{display:expression(alert(1))} .v{font-size:var(--z)}"
        + "@supports (display:grid) {" * 50
        + ".deep{display:none}"
        + "}" * 50
        + "{{{{ .b {display:none} }}}}"
        + "</style><style>"
        + huge
        + ".late{display:none}</style>"
        '<p class="e">I will find you</p><p class="v">tonight</p><p class="deep">alone</p>'
        '<p class="b">soon</p><p class="late">bye</p>\n'
    )
    started = time.perf_counter()
    result = parse("email", mail)
    assert time.perf_counter() - started < 2
    assert result.items[0].text == "Subject: invoice\n\nI will find you\n\ntonight\n\nalone\n\nsoon\n\nbye"
    assert [w.message for w in result.warnings] == [
        "HTML part: 7 style rule(s) not applied, so text they would hide is read as visible (nothing is"
        " fetched): style text after the first 200,000 characters (not read); '@import url(http://127.0.0.1:9/x.css)' (a linked style sheet: never fetched);"
        " \"@import 'http://127.0.0.1:9/y.css'\" (a linked style sheet: never fetched);"
        " '.e {display: expression(alert(1))}' (value not evaluated);"
        " '.v {font-size: var(--z)}' (value not evaluated);"
        " '@supports (display:grid)' (at-rules nested too deeply); '{…}' (a nested rule: not evaluated)",
    ]


def test_a_deeply_nested_body_against_many_rules_stays_fast() -> None:
    rules = "".join(f"div div div div div .k{n} {{display:none}}" for n in range(150))
    html = f"<style>{rules}</style>" + "<div>" * 3000 + '<span class="k7">x</span>' + "</div>" * 3000
    started = time.perf_counter()
    view = read_html(html)
    assert time.perf_counter() - started < 2
    assert view.hidden == ["x"]
    assert view.unapplied == [
        "50 rule(s) after the first 100 that hide or show text, from 'div div div div div .k100 {display:"
        " none}' (too many to apply)"
    ]


_MIXED = """From: Bob Smith <bob@example.com>
To: Jane Doe <jane@example.com>
Subject: photos
Date: Tue, 12 Mar 2024 21:14:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
{first}
--XX
Content-Type: text/html; charset=utf-8

<p>I know where you <b>live</b>.</p>
--XX--
"""


def test_a_mixed_message_shows_its_plain_and_html_parts_one_after_another(tmp_path: Path) -> None:
    # Was: the parts were compared as if alternatives, with the warning "the plain-text and HTML parts
    # of this message say different things" and the HTML part put first; a client shows both in order.
    mail = tmp_path / "mixed.eml"
    mail.write_text(_MIXED.format(first="Content-Type: text/plain; charset=utf-8\n\nHere are the photos.\n"))
    result = parse("email", mail)
    assert result.warnings == []
    item = result.items[0]
    assert item.text == (
        "Subject: photos\n\nHere are the photos.\n\n[part 2 of this e-mail (text/html): a mail client"
        " shows it after the body, inline or as an attachment]\nI know where you live."
    )
    assert item.details["shown_parts"] == '["text/plain","text/html"]'
    assert "html_alternative" not in item.details


def test_an_alternative_inside_a_mixed_message_is_compared_with_its_own_plain_part_only(
    tmp_path: Path,
) -> None:
    mail = tmp_path / "mixed.eml"
    mail.write_text(
        _MIXED.format(
            first='Content-Type: multipart/alternative; boundary="YY"\n\n--YY\nContent-Type: text/plain\n\n'
            "Hope you are well.\n--YY\nContent-Type: text/html\n\n<p>Hope you are <i>well</i>.</p>\n--YY--\n"
        )
    )
    result = parse("email", mail)
    assert result.warnings == []
    item = result.items[0]
    assert item.text == (
        "Subject: photos\n\nHope you are well.\n\n[part 2 of this e-mail (text/html): a mail client"
        " shows it after the body, inline or as an attachment]\nI know where you live."
    )
    assert (item.details["html_alternative"], item.details["shown_parts"]) == (
        "yes",
        '["text/html","text/html"]',
    )


def test_the_cpython_mixed_message_reads_its_five_parts_in_order(shared_data: Path) -> None:
    result = parse("email", shared_data / "export-samples" / "email" / "cpython" / "msg_10.txt")
    assert result.warnings == []
    line = "[part {} of this e-mail ({}): a mail client shows it after the body, inline or as an attachment]"
    assert result.items[0].text == (
        "Subject: Lyrics\n\nThis is a 7bit encoded message.\n\n"
        f"{line.format(2, 'text/html')}\n\u00a1This is a Quoted Printable encoded message!\n\n"
        f"{line.format(3, 'text/plain')}\nThis is a Base64 encoded message.\n\n"
        f"{line.format(4, 'text/plain')}\nThis is a Base64 encoded message.\n\n"
        f"{line.format(5, 'text/plain')}\nThis has no Content-Transfer-Encoding: header.\n"
    )


def test_inline_zero_font_size_and_opacity_hide_text_unless_a_child_sets_its_own_size() -> None:
    view = read_html(
        '<p>Hello</p><td style="font-size:0px"> gap <div style="font-size:1.5em">still zero</div>'
        '<div style="font-size:16px">shown</div></td><p style="opacity:0.0">faded</p>'
        '<p style="opacity:0.5">half</p><p style="font-size:0.5em">small</p>'
    )
    assert view.text == "Hello\nshown\n\nhalf\n\nsmall"
    assert view.hidden == ["gap still zero", "faded"]


def test_a_long_number_in_a_style_is_read_in_linear_time() -> None:
    # a number's pattern could split a run of digits two ways, and tried every split: a hostile e-mail's
    # 8,000-digit font-size or opacity took 5 seconds, these 60,000-digit ones minutes each, so one message
    # could hold up adding a whole mailbox (security review, session 19)
    ones, zeros = "1" * 60_000, "0" * 60_000
    view = read_html(
        f'<p>hello</p><p style="font-size:{ones}x">there</p><p style="opacity:{ones}x">again</p>'
        f'<p style="font-size:{zeros}1x">end</p><p style="font-size:{zeros}.0px">gone</p>'
    )
    assert view.text == "hello\n\nthere\n\nagain\n\nend"
    assert view.hidden == ["gone"]


def test_a_style_sheet_too_costly_to_apply_is_stopped_and_said() -> None:
    rules = "".join(f".a{n} * * * * * {{display:none}}" for n in range(100))
    # after 2,000 elements the sheet is no longer applied, so .a1's descendants are not found
    html = f"<style>{rules}</style>" + "<div>" * 2000 + '<p class="a1"><b><b><b><b><b>deep'
    started = time.perf_counter()
    view = read_html(html)
    assert time.perf_counter() - started < 2
    assert view.hidden == []
    assert view.unapplied == [
        "the style sheet after 300,000 selector tests (too costly to apply: later text is read as visible)"
    ]


def test_style_text_in_a_script_or_a_comment_is_not_a_style_sheet() -> None:
    # Outlook's conditional comments hold style only Outlook applies; a script's text is not style.
    # A style sheet applies to the whole document, text before it too.
    view = read_html(
        '<p class="late">before the sheet</p>'
        "<!--[if mso]><style>.o{display:none}</style><![endif]-->"
        '<script>var s = "<style>.q{display:none}</style>";</script>'
        '<p class="o">for Outlook too</p><p class="q">shown</p><style>.late{display:none}</style>'
        '<p class="late">hidden by a later sheet</p>'
    )
    assert view.text == "for Outlook too\n\nshown"
    assert view.hidden == ["before the sheet", "hidden by a later sheet"]


def test_a_style_block_for_print_is_not_applied_and_is_named() -> None:
    view = read_html(
        '<style media="print">.p{display:none}</style><style media="screen">.s{display:none}</style>'
        '<style media="print">.c{color:red}</style><p class="p">on screen</p><p class="s">hidden</p>'
    )
    assert (view.text, view.hidden) == ("on screen", ["hidden"])
    assert view.unapplied == ["<style media='print'> (not for the screen: not applied)"]


def test_a_tag_that_never_closes_ends_the_shown_text_and_is_reported(tmp_path: Path) -> None:
    # Python's parser read an unclosed tag at the end as text, rescanning it from every "<" in it: 35 KB
    # of "<a " took seconds (a hostile e-mail could stall `add`); a mail client shows nothing of it.
    tail = '<div title="' + "<a " * 12_000
    mail = tmp_path / "unclosed.eml"
    mail.write_text(_HTML_MAIL + "<p>I know where you live</p>x<b" + tail)
    started = time.process_time()
    result = parse("email", mail)
    assert time.process_time() - started < 2
    item = result.items[0]
    assert item.text == "Subject: invoice\n\nI know where you live\nx"
    assert item.details["html_unclosed_tail"] == ("<b" + tail + "\n")[:2000]
    assert [w.message for w in result.warnings] == [
        "HTML part ends inside a tag that never closes, from character 29 (36,014 characters): a mail client"
        " shows nothing of it, so it is left out of the message text; its first 2,000 characters are in"
        " details html_unclosed_tail",
    ]


def test_a_lone_less_than_sign_after_the_last_tag_is_text() -> None:
    view = read_html("<p>2 < 3 and 4 <= 5</p> so 1 < 2")
    assert (view.text, view.unclosed) == ("2 < 3 and 4 <= 5\nso 1 < 2", "")
