"""Continuity of each exhibit from the audit log; what produced a report; the officer's sign-off."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.report import ReportOptions, build_report, render_html, write_outputs
from footprint.report.continuity import continuity
from report.planted import DISCLOSED


def _seq(case: Case, action: str, object: str) -> int:
    return next(e.seq for e in case.store.audit_entries() if (e.action, e.object) == (action, object))


def test_each_exhibit_lists_its_receipt_verifications_and_exports(report_case: Case) -> None:
    write_outputs(report_case, ReportOptions(bundle=True))
    write_outputs(report_case, ReportOptions(bundle=True, hashes_only=True))
    report_case.record("verify", str(report_case.dir), exhibits=3, audit_head="0" * 64)
    model = build_report(report_case)
    jd2 = [c for c in model.continuity if c.ref == "JD/2"]
    sha = next(r.exhibit.sha256 for r in model.exhibits if r.exhibit.ref == "JD/2")
    added = _seq(report_case, "add", "JD/2")
    reports = [e.seq for e in report_case.store.audit_entries() if e.action == "report"]
    verified = model.audit_seq
    assert [(c.seq, c.actor, c.role, c.event) for c in jd2] == [
        (added, "tester", "investigator", f"added to Footprint as received from Jane Doe; hashed, SHA-256 {sha}; original kept read-only"),
        (reports[0], "tester", "investigator", "original exported in reports/bundle.zip (re-hashed first)"),
        (reports[1], "tester", "investigator", "SHA-256 listed in reports/bundle.zip (original not exported)"),
        (verified, "tester", "investigator", "original re-hashed by footprint verify: matched"),
    ]  # fmt: skip
    html = render_html(model)
    section = html[html.index("<h3>Continuity of exhibits</h3>") : html.index("<h3>Error rates</h3>")]
    assert f"<td>JD/2</td><td>{added}</td>" in section
    assert "original re-hashed by footprint verify: matched" in section


def test_continuity_ignores_other_entries_and_earlier_ones() -> None:
    from footprint.model import AuditEntry, Exhibit

    def entry(seq: int, action: str, object: str, **details: object) -> AuditEntry:
        return AuditEntry(
            seq, f"2024-01-0{seq}T00:00:00Z", "a", "r", action, object, "", json.dumps(details), "", ""
        )

    exhibit = Exhibit(1, "AB/1", "f.txt", "", "b" * 64, 3, "text", "p", 1, "AB", None, "2024-01-02", "", "v")
    entries = [
        entry(1, "verify", "case"),  # before the exhibit was received: not part of its continuity
        entry(2, "add", "AB/1"),
        entry(3, "person add", "AB/1 lookalike"),
        entry(4, "report", "reports/", outputs={"reports/report.html": "x"}),  # no bundle: not a transfer
        entry(5, "report", "reports/", outputs={"reports/bundle.zip": "x"}),  # before options were recorded
    ]
    assert [(c.seq, c.event) for c in continuity([exhibit], entries)] == [
        (
            2,
            "added to Footprint as received from AB; hashed, SHA-256 "
            + "b" * 64
            + "; original kept read-only",
        ),
        (5, "reports/bundle.zip written (whether with the original or only its SHA-256 was not recorded)"),
    ]


def test_the_report_entry_records_what_produced_it(report_case: Case) -> None:
    write_outputs(
        report_case, ReportOptions(pdf=False, bundle=True, redact=True, redact_names=("A", "B"), **DISCLOSED)
    )
    entry = list(report_case.store.audit_entries())[-1]
    details = json.loads(entry.details)
    assert entry.action == "report"
    assert details["options"] == {
        "pdf": False, "bundle": True, "hashes_only": False, "redact": True, "redact_names": 2,
    }  # fmt: skip
    assert (
        details["tool"] == "footprint" and details["tool_version"] == build_report(report_case).tool_version
    )


def test_the_report_ends_with_the_officer_in_charge_sign_off(report_case: Case) -> None:
    html = render_html(build_report(report_case))
    tail = html[html.index('<h2 id="signoff">') :]
    assert "Officer in charge" in tail and "Disclosure officer" in tail
    assert "as at audit entry" in tail


def test_an_actor_who_is_only_the_login_name_is_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no --actor the audit named the OS login ("root (investigator)") as the person who received each
    # exhibit, and the report gave no sign that it was not a named officer.
    from footprint.pipeline import AddOptions, add_exhibit
    from footprint.settings import Settings
    from footprint.synth.writers import ChatLine, write_whatsapp_txt

    monkeypatch.delenv("FOOTPRINT_ACTOR", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    case = Case.init(
        tmp_path / "case", name="R v Test", tz="Europe/London", settings=Settings(database_url=None)
    )
    chat = tmp_path / "chat.txt"
    write_whatsapp_txt(chat, [ChatLine(datetime(2024, 3, 1, 12), "John Smith", "hello")])
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", date_order="dmy"))
    named = case.acting_as("DC Ann Officer", "investigator")
    named.record("verify", str(case.dir), exhibits=1, audit_head="0" * 64)
    model = build_report(case)
    assert [(c.actor, c.login) for c in model.continuity] == [("root", True), ("DC Ann Officer", False)]
    html = render_html(model)
    section = html[html.index("<h3>Continuity of exhibits</h3>") : html.index("<h3>Error rates</h3>")]
    assert (
        "<td>root (investigator)<br><strong>a computer login name, not a named person: no --actor was"
        " given</strong></td>"
    ) in section
    assert section.count("a computer login name") == 1
    assert (
        "when each exhibit was added to Footprint and hashed (the time it was added, not the time" in section
    )
    case.close()
