"""Render a ReportModel to one self-contained HTML file (no external requests, all text escaped, inert)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from footprint.advocate_view import NO_ASSESSMENT
from footprint.analyse.conduct.orders import awareness_words, made_shown, notice_words
from footprint.analyse.law.confirmation import status_words
from footprint.analyse.link.wording import link_score
from footprint.content_notice import found_in_case
from footprint.edits import edit_versions
from footprint.language import lang_attribute
from footprint.model import NOT_IN_EXPORT, StoredWarning
from footprint.order_kinds import AWARENESS_BINDS
from footprint.report.advocate import as_at
from footprint.report.charts import WEEKDAYS, day_words, describe, most_serious, render_charts
from footprint.report.excerpt import MESSAGE_CHARS, cut_note, shown_segments
from footprint.report.glyphs import label, mark_undrawable, short_label
from footprint.report.method import run_times
from footprint.report.print_fonts import css_stacks, fonts_used, missing_warnings
from footprint.report.readable import detection_words, glossary
from footprint.report.redact import HASH_WITHHELD
from footprint.report.report_model import ChronologyRow, ReportModel, account_mark
from footprint.report.schedules import WARNINGS_QUOTED
from footprint.report.sections import RECORDED_SCORE, RULE_WEIGHTS, SCORE_LABEL, SCORES, SEVERITY, FlaggedItem
from footprint.store.queries import RECORDED_ANALYSER
from footprint.times import uk_display, uk_order_end
from footprint.visible import SHOWN_INVISIBLE

# Bidirectional overrides, isolates and marks, invisible characters that split words, and control
# characters other than tab and newline, are replaced by a marker that names them ("[U+202E RIGHT-TO-LEFT
# OVERRIDE]"), so hostile text cannot reorder or hide what is shown around it and a reader still sees what
# the message held.
_INERT: dict[int, str | None] = {
    code: f"[{label(chr(code))}]"
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, *range(0, 9), 11, 12]
    + [*range(14, 32), 0x7F, *range(0x80, 0xA0)]  # C1 too: U+009B is a terminal's CSI
    + [*SHOWN_INVISIBLE]  # a zero-width space inside "kill" would hide the word from a reader's eye
}
_INERT[13] = None


def inert(value: Any) -> Any:
    """Hostile text made visible and harmless (markup the templates built is left alone)."""
    if isinstance(value, Markup):
        return Markup(str(value).translate(_INERT))
    if isinstance(value, str):
        return value.translate(_INERT)
    return "" if value is None else value


# A page header holds one line: a longer case name is cut short there (the title page has it whole).
HEADER_CHARS = 60
# A table row with more text than this may break across pages; shorter rows are kept whole.
LONG_ROW_CHARS = 1500


#: characters a CSS string inside <style> cannot hold as they are (the HTML parser decodes no entities
#: there, so HTML escaping showed "O&#39;Brien &amp; Co" on every page): written as CSS escapes
_CSS_ESCAPES = {ord(c): f"\\{ord(c):x} " for c in '\\"<>'}


def _css_string(value: str, printed: bool = False, cut: int = HEADER_CHARS) -> Markup:
    """``value`` for a page header's CSS string: one line, cut short (at ``cut`` characters),
    CSS-escaped (not HTML-escaped); in the printed copy each character its fonts cannot draw is its code
    point (``[U+1F52A]``), counted in full towards the cut."""
    text = " ".join(str(inert(value)).split())
    shown: list[str] = []
    size = 0
    for unit in (short_label(c) for c in text) if printed else text:
        if size + len(unit) > cut:
            shown.append("…")
            break
        shown.append(unit)
        size += len(unit)
    return Markup("".join(shown).translate(_CSS_ESCAPES))


def status_class(status: str) -> str:
    """The CSS class colouring an offence or element status, whichever wording the assessment used."""
    if status in ("evidenced", "supported"):
        return "st-evidenced"
    if status.startswith("partly"):
        return "st-partly"
    if status == "indicated":
        return "st-indicated"
    if status.startswith("not_") or status in ("missing", "out_of_time"):
        return "st-missing"
    return ""


def is_long(*values: object) -> bool:
    """Whether text this long may be taller than a page, so its row or message must be let break."""
    return sum(len(str(v)) for v in values) > LONG_ROW_CHARS


def long_row(*values: object) -> Markup:
    """`` class="long"`` for a table row whose text may be taller than a page, so it can break."""
    return Markup(' class="long"') if is_long(*values) else Markup("")


def inert_templates(package: str) -> Environment:
    """Templates from ``package``/templates that escape everything and show hostile text inert."""
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=inert,
    )


def breakable_name(name: str) -> Markup:
    """An identifier such as ``self_harm_encouragement`` that may wrap after its underscores, escaped."""
    return Markup(str(escape(name)).replace("_", "_<wbr>"))


#: the protective marking of every report (Government Security Classifications: case material about a
#: person is OFFICIAL-SENSITIVE), so that a printed page that leaks says what it is
MARKING = "OFFICIAL-SENSITIVE"

_ENV = inert_templates("footprint.report")
_ENV.filters["inert"] = inert
_ENV.filters["cssq"] = _css_string
_ENV.filters["uk"] = uk_display
_ENV.globals["rule_weights"] = RULE_WEIGHTS
_ENV.globals["scores"] = SCORES
_ENV.globals["score_label"] = SCORE_LABEL
_ENV.globals["recorded_score"] = RECORDED_SCORE
_ENV.globals["glossary"] = glossary
_ENV.globals["detection_words"] = detection_words
_ENV.globals["no_assessment"] = NO_ASSESSMENT  # why an advocate's narrowed view assesses no offence
_ENV.globals["as_at"] = as_at  # the audit entry a report is as at (unnumbered in the advocate's view)
_ENV.globals["marking"] = MARKING  # at the top and foot of the report and of each printed page
_ENV.filters["uk_end"] = uk_order_end
_ENV.filters["aware"] = awareness_words
_ENV.filters["notice"] = notice_words
_ENV.filters["made"] = made_shown
_ENV.globals["notice_types"] = AWARENESS_BINDS  # the orders that record whether made without notice
_ENV.filters["breakable"] = breakable_name
_ENV.filters["status_class"] = status_class
_ENV.filters["status_words"] = status_words
_ENV.filters["link_score"] = link_score
_ENV.globals["long_row"] = long_row
_ENV.globals["is_long"] = is_long
_ENV.globals["cut_note"] = cut_note
_ENV.globals["account_mark"] = account_mark
_ENV.globals["run_times"] = run_times
_ENV.globals["lang_attr"] = lang_attribute
_ENV.filters["shown"] = shown_segments
_ENV.filters["day_words"] = day_words
_ENV.globals["most_serious"] = most_serious
_ENV.globals["weekdays"] = WEEKDAYS
KEY_KINDS = ("incident", "court_order", "device_finding", "location")
# An HTML chronology longer than this keeps only flagged and offline events, and at most
# HTML_FLAGGED_IN_CONTEXT flagged items are shown in their conversations (the most serious): every item,
# with its findings, is in schedules/chronology.csv and items.jsonl. A 293,000-item case's full HTML
# report was 86 MB, which no browser opens comfortably.
HTML_FULL_CHRONOLOGY = 20_000
HTML_FLAGGED_IN_CONTEXT = 2_000


def key_rows(model: ReportModel) -> list[ChronologyRow]:
    """The chronology rows a printed copy keeps when the full list is too long: flagged and offline events."""
    return [r for r in model.chronology if r.findings or r.item.kind in KEY_KINDS]


def _e(value: object) -> str:
    return str(escape(inert(value)))


def _digest(sha256: str | None) -> str:
    """An attachment's SHA-256 as the chronology shows it: its first 16 digits, or that it is withheld."""
    if sha256 == HASH_WITHHELD:
        return "SHA-256 withheld in a redacted copy"
    return f"SHA-256 {_e((sha256 or '')[:16])}…"


def chronology_rows(
    rows: Sequence[ChronologyRow], start: int = 1, hidden: frozenset[tuple[int, int]] = frozenset()
) -> Markup:
    """The chronology table's rows, built directly (the loop is the hot path of a large case).
    ``hidden``: (item id, place) of each attachment shown only as withheld (it matches a hash list)."""
    if not rows:
        return Markup('<tr><td colspan="6">No items.</td></tr>')
    out: list[str] = []
    add = out.append
    for n, row in enumerate(rows, start=start):
        i = row.item
        side = f'<br><span class="small">({_e(row.side)})</span>' if row.side else ""
        kind = f'<span class="small">[{_e(i.kind)}]</span> ' if i.kind != "message" else ""
        if row.account:  # a person's account: testimony, not a device's or a platform's record
            kind += f'<strong class="small">{_e(row.account)}</strong> '
        flags = "".join(f' <span class="flag">[{_e(m)}]</span>' for m in i.marks)
        for place, a in enumerate(i.attachments):
            if (i.id, place) in hidden:
                flags += (
                    f' <span class="flag">[image withheld: matches a hash list; {_digest(a.sha256)};'
                    " see image matches]</span>"
                )
                continue
            digest = f", {_digest(a.sha256)}" if a.sha256 else f", {NOT_IN_EXPORT}"
            flags += f' <span class="flag">[attachment: {_e(a.name)}{digest}]</span>'
        flags += "".join(
            f'<div class="small">{_e(v.shown(n))}</div>'
            for n, v in enumerate(edit_versions(i.details), start=1)
        )
        also = f'<br><span class="small">also in {_e(", ".join(row.copies))}</span>' if row.copies else ""
        # a block each: WeasyPrint ignores <wbr> inside an inline box and would break the name mid-word
        found = "".join(
            f'<div class="flag">finding {f.id}: {breakable_name(inert(f.category))}'
            + (
                f", recorded by {_e(str(f.details.get('recorded_by')))}"
                if f.analyser == RECORDED_ANALYSER
                else f", score {f.score:.2f}"
            )
            # an opinion until a person decides: the PDF said "(confirmed)" and nothing when unreviewed
            + f" ({_e(f.decision or 'unreviewed')})"
            + "</div>"
            for f in row.findings
        )
        text = i.text[:MESSAGE_CHARS]  # a very long message is cut, saying where the whole is
        cut = f' <span class="flag">{_e(cut_note(i))}</span>' if len(i.text) > MESSAGE_CHARS else ""
        if row.reported:
            cut += f'<br><span class="small">{_e(row.reported)}</span>'

        add(
            f'<tr id="item-{i.id}"{long_row(text)}><td>{n}<br><span class="small">item {i.id}</span></td>'
            f"<td>{_e(row.when)}</td>"
            f'<td>{_e(i.exhibit)}<br><span class="mono">{_e(i.locator)}</span>{also}</td>'
            f"<td>{_e(i.author_name or '')}{side}</td>"
            f'<td>{kind}<span class="text"{lang_attribute(text)}>{_e(text)}</span>{cut}{flags}</td>'
            f"<td>{found}</td></tr>"
        )
    return Markup("\n".join(out))


def _most_serious(model: ReportModel, limit: int) -> tuple[list[FlaggedItem], list[FlaggedItem]]:
    """The ``limit`` most serious flagged items (kept in time order) and the rest, ranked by the findings
    no person dismissed."""

    def weight(fl: FlaggedItem) -> tuple[int, int, float]:
        live = [v.finding for v in fl.findings if v.finding.decision != "dismissed"]  # a person's "no" counts
        severity = max((SEVERITY.get(f.category, 0) for f in live), default=0)
        confirmed = any(f.decision == "confirmed" for f in live)
        return (-severity, -int(confirmed), -max((f.score for f in live), default=0.0))

    ranked = sorted(range(len(model.flagged)), key=lambda n: (weight(model.flagged[n]), n))
    keep = set(ranked[:limit])
    shown = [fl for n, fl in enumerate(model.flagged) if n in keep]
    rest = [fl for n, fl in enumerate(model.flagged) if n not in keep]
    return shown, rest


def _quoted_warnings(warnings: Sequence[StoredWarning] | None) -> dict[str, list[str]]:
    """Each exhibit's parse warnings as the method appendix quotes them ("line 6: …"), at most
    WARNINGS_QUOTED each."""
    quoted: dict[str, list[str]] = {}
    for w in warnings or ():
        mine = quoted.setdefault(w.exhibit, [])
        if len(mine) < WARNINGS_QUOTED:
            mine.append(f"[{w.locator}] {w.message}")
    return quoted


def render_html(
    model: ReportModel,
    *,
    charts: dict[str, str | None] | None = None,
    full_chronology: bool | None = None,  # None: in full up to HTML_FULL_CHRONOLOGY items
    flagged_limit: int | None = None,  # None: HTML_FLAGGED_IN_CONTEXT
    chunk_rows: int = 1_000_000,
    printed: bool = False,
    warnings: Sequence[StoredWarning] | None = None,
) -> str:
    """The report as an HTML document (a large case's, and a printed copy, may shorten the chronology and
    flagged items; a printed copy shows each character its fonts cannot draw by name:
    ``footprint.report.glyphs``); ``warnings``: the parse warnings, quoted in the method appendix (the
    count alone when not given, as in a disclosure copy)."""
    flagged: list[FlaggedItem] = list(model.flagged)
    rest: list[FlaggedItem] = []
    if flagged_limit is None:
        flagged_limit = HTML_FLAGGED_IN_CONTEXT
    if len(model.flagged) > flagged_limit:
        flagged, rest = _most_serious(model, flagged_limit)
    if charts is None:
        charts = render_charts(model.charts)
    if full_chronology is None:
        full_chronology = len(model.chronology) <= HTML_FULL_CHRONOLOGY
    new_id = (f"table-{n}" for n in itertools.count(1)).__next__  # each table caption's own id
    sans, mono = css_stacks(printed)
    html = _ENV.get_template("report.html.j2").render(
        m=model,
        printed=printed,
        charts={k: Markup(inert(v)) if v else None for k, v in charts.items()},
        chart_text=describe(model.charts),
        new_id=new_id,
        full_chronology=full_chronology,
        html_full=HTML_FULL_CHRONOLOGY,
        key_rows=[] if full_chronology else key_rows(model),
        chronology_rows=chronology_rows,
        chunk_rows=chunk_rows,
        flagged=flagged,
        flagged_rest=rest,
        warnings=_quoted_warnings(warnings),
        sans=Markup(sans),
        mono=Markup(mono),
        # the printed copy names the fonts that drew it and any it lacks (report.print_fonts)
        fonts=fonts_used() if printed else None,
        font_warnings=missing_warnings() if printed else [],
        # said on the first page, before any message is quoted
        content_notice=found_in_case(c.category for c in model.category_counts if c.total),
    )
    return mark_undrawable(html) if printed else html
