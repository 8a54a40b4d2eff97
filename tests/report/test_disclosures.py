"""The disclosure log: who received each disclosure copy, when, why and on whose authority."""

from __future__ import annotations

import json

import pytest

from footprint.case import Case
from footprint.errors import ReportError
from footprint.model import AuditEntry
from footprint.report import ReportOptions, build_report, render_html, write_outputs
from footprint.report.disclosures import Disclosure, disclosures
from footprint.times import uk_display
from report.planted import PRIYA

TO = "Defence solicitors, Hart & Co"
WHY = "CPIA s.7A: assists the defence on the timing of the calls"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--redact"],
            "--redact needs --disclosure-to NAME and --justification TEXT: who receives the disclosure copy"
            " and why",
        ),
        (
            ["--redact", "--disclosure-to", TO],
            "--disclosure-to needs --justification TEXT: why the disclosure copy is given to its recipient",
        ),
        (
            ["--redact", "--justification", WHY],
            "--justification needs --disclosure-to NAME: who receives the disclosure copy",
        ),
        (
            ["--redact", "--disclosure-to", " ", "--justification", WHY],
            "--justification needs --disclosure-to NAME: who receives the disclosure copy",
        ),
        (
            ["--disclosure-to", TO, "--justification", WHY],
            "--disclosure-to and --justification need --redact or --bundle: they say who receives the"
            " disclosure copy or the bundle, and why",
        ),
        (
            ["--bundle", "--disclosure-to", TO],
            "--disclosure-to needs --justification TEXT: why the bundle is given to its recipient",
        ),
        (
            ["--bundle", "--justification", WHY],
            "--justification needs --disclosure-to NAME: who receives the bundle",
        ),
    ],
)
def test_cli_refuses_a_disclosure_copy_without_recipient_and_justification(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
    args: list[str],
    error: str,
) -> None:
    before = list(report_case.store.audit_entries())
    result = run_cli("report", str(report_case.dir), *args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"Error: {error}"
    assert list(report_case.store.audit_entries()) == before  # nothing written, nothing recorded
    assert not (report_case.reports_dir / "disclosure").exists()


def test_options_refuse_a_disclosure_copy_without_recipient(report_case: Case) -> None:
    with pytest.raises(ReportError, match="^--redact needs --disclosure-to NAME and --justification TEXT"):
        ReportOptions(redact=True)


def test_the_audit_entry_records_recipient_justification_and_authority(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    result = run_cli(
        "report", str(report_case.dir), "--redact", "--disclosure-to", TO, "--justification", WHY
    )
    assert result.exit_code == 0, result.output
    entry = list(report_case.store.audit_entries())[-1]
    details = json.loads(entry.details)
    assert (entry.action, entry.actor, entry.justification) == ("report", "tester", WHY)
    assert details["disclosed_to"] == TO
    assert "reports/disclosure/report.html" in details["outputs"]


def test_a_report_without_a_disclosure_copy_records_no_recipient(report_case: Case) -> None:
    write_outputs(report_case)
    entry = list(report_case.store.audit_entries())[-1]
    assert entry.justification == "" and "disclosed_to" not in json.loads(entry.details)


def test_the_disclosure_copy_front_page_names_recipient_and_justification(report_case: Case) -> None:
    write_outputs(
        report_case, ReportOptions(redact=True, disclosure_to="<b>Hart</b> & Co", justification=WHY)
    )
    copy = (report_case.reports_dir / "disclosure" / "report.html").read_text(encoding="utf-8")
    front = copy[copy.index('<p class="note">') : copy.index("<nav>")]
    assert "Disclosed to: &lt;b&gt;Hart&lt;/b&gt; &amp; Co<br>Justification: " + WHY + "<br>" in front
    assert "recorded in the case's audit log with who authorised it" in front
    full = (report_case.reports_dir / "report.html").read_text(encoding="utf-8")
    assert "Disclosed to:" not in full[: full.index("<nav>")]


def _entry(seq: int, action: str, justification: str = "", **details: object) -> AuditEntry:
    at = f"2024-03-0{seq}T10:00:00Z"
    return AuditEntry(
        seq, at, "DC Smith", "investigator", action, "reports/", justification, json.dumps(details), "", ""
    )


def test_disclosures_are_read_from_report_entries_that_wrote_a_disclosure_copy() -> None:
    copy = {
        "reports/report.html": "a",
        "reports/disclosure/report.html": "b",
        "reports/redaction-log.csv": "c",
    }
    entries = [
        _entry(1, "report", outputs={"reports/report.html": "a"}, options={"redact": False}),  # no copy
        _entry(2, "report", outputs=copy),  # written before recipients were asked for
        _entry(
            3,
            "report",
            WHY,
            as_at_audit_entry=2,
            disclosed_to=TO,
            outputs={**copy, "reports/disclosure-bundle.zip": "d"},
        ),
        _entry(4, "verify"),
    ]
    assert [(d.seq, d.actor, d.role, d.recipient, d.justification, d.what) for d in disclosures(entries)] == [
        (2, "DC Smith", "investigator", "not recorded", "not recorded", "disclosure copy (1 file)"),
        (
            3,
            "DC Smith",
            "investigator",
            TO,
            WHY,
            "disclosure copy as at audit entry 2 (1 file) and reports/disclosure-bundle.zip",
        ),
    ]


# a copy written by anyone but a prosecutor says so (a prosecutor's review, 2 December: "Authorised by root
# (investigator)" for a copy to the defence)
NOT_PROSECUTOR = (
    '<div class="small">not a prosecutor: disclosure to the accused is the prosecutor’s decision (CPIA 1996'
    " ss.3, 7A)</div>"
)


def test_the_method_appendix_lists_every_disclosure_so_far(report_case: Case) -> None:
    options = ReportOptions(
        redact=True, disclosure_to="CPS reviewing lawyer", justification="charging advice"
    )
    write_outputs(report_case, options)
    first = list(report_case.store.audit_entries())[-1]
    model = build_report(report_case, disclosure=Disclosure("<i>Hart</i>", WHY))
    html = render_html(model)
    section = html[html.index("<h3>Disclosures</h3>") : html.index("<h3>Error rates</h3>")]
    assert (
        f"<tr><td>{first.seq}</td><td>{uk_display(first.at_utc)}</td><td>tester (investigator){NOT_PROSECUTOR}</td>"
        "<td>CPS reviewing lawyer</td><td>charging advice</td>"
        f"<td>disclosure copy as at audit entry {first.seq - 1} (6 files)</td></tr>"
    ) in section
    assert (
        f"<tr><td>this report’s</td><td>when this report is written</td><td>tester (investigator){NOT_PROSECUTOR}</td>"
        f"<td>&lt;i&gt;Hart&lt;/i&gt;</td><td>{WHY}</td>"
        f"<td>disclosure copy as at audit entry {model.audit_seq}</td></tr>"
    ) in section
    copy = render_html(build_report(report_case, redact=True, disclosure=Disclosure(TO, WHY)))
    assert "<h3>Disclosures</h3>" not in copy  # other recipients and reasons are not disclosed in a copy


def test_no_disclosure_yet_is_said(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    section = html[html.index("<h3>Disclosures</h3>") : html.index("<h3>Error rates</h3>")]
    assert "No disclosure copy has been written as at this entry." in section


def test_a_third_party_named_in_the_justification_is_masked_on_the_copy(report_case: Case) -> None:
    why = f"assists the defence: {PRIYA} rang on 07700 900777"
    write_outputs(report_case, ReportOptions(redact=True, disclosure_to="Hart & Co", justification=why))
    copy = (report_case.reports_dir / "disclosure" / "report.html").read_text(encoding="utf-8")
    front = copy[copy.index('<p class="note">') : copy.index("<nav>")]
    assert PRIYA not in copy and "07700 900777" not in copy
    assert "Justification: assists the defence: [NAME-" in front
    log = (report_case.reports_dir / "redaction-log.csv").read_text(encoding="utf-8")
    assert (
        f'NAME,{PRIYA},disclosure justification,"given name (' in log
        and "PHONE,07700 900777,disclosure justification,pattern: phone number," in log
    )
    assert list(report_case.store.audit_entries())[-1].justification == why  # the log keeps it whole
