"""What the disclosure officer's review found missing from the schedules and the copy: a link's review
decision, the complainant's side when she is anonymised, the served MG6C, material set aside."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import datetime
from pathlib import Path

from footprint.analyse.link.review import reject_link
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, build_report, write_outputs
from footprint.report.redact import NameToCheck, Redactor
from footprint.report.schedules import BOM, mg6c
from footprint.review import decide, record_finding
from footprint.stopped_adds import set_aside_stopped_adds
from footprint.synth.writers import ChatLine, write_whatsapp_txt
from footprint.times import uk_display
from footprint.vault_journal import start_journal
from report.planted import DISCLOSED, JANE, JOHN


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))


def test_a_rejected_link_says_so_with_who_when_and_why_in_the_link_table_finding_and_mg6c(
    report_case: Case,
) -> None:
    reject_link(
        report_case, f"whatsapp:{JOHN}", "sms:+447700900002", "number belongs to Tom Other, her colleague"
    )
    model = build_report(report_case)
    [link] = model.links
    assert (link.status, link.review) == (
        "rejected",
        f"rejected by tester (investigator) at {_at(report_case)}: number belongs to Tom Other, her colleague",
    )
    [view] = model.link_findings
    assert [(d.decision, d.user, d.reason) for d in view.decisions] == [
        ("link rejected", "tester", "number belongs to Tom Other, her colleague")
    ]
    [row] = [r for r in _rows(mg6c(model)) if r["Description"].startswith("Account link")]
    assert row["Description"] == (
        f"Account link opinion whatsapp:{JOHN} – sms:+447700900002, REJECTED by a reviewer: the analyser gave"
        " moderately strong support for the same person (log10 LR 2.10; score 0.82 at even prior odds, not"
        " the probability they are one person): shared phone number in profile; similar writing style;"
        f" review: {link.review}"
    )
    assert (row["Type"], row["Disclosure officer's comment"]) == (
        "analyser output (account link, rejected by a reviewer)",
        "Attribution opinion rejected by a reviewer, with the reason: may undermine or assist",
    )
    copy = build_report(report_case, redact=True)
    [masked] = copy.links
    assert "Tom Other" not in masked.review and "number belongs to [NAME-" in masked.review
    assert "Tom Other" not in mg6c(copy)
    assert "Tom Other" not in copy.link_findings[0].decisions[-1].reason


def _at(case: Case) -> str:
    entry = [e for e in case.store.audit_entries() if e.action == "link reject"][-1]
    return uk_display(entry.at_utc)


def test_a_complainant_masked_by_redact_name_keeps_her_side(report_case: Case) -> None:
    """The side is a role, not her name: it survives masking, in the chronology and the heatmap."""
    whole = build_report(report_case)
    copy = build_report(report_case, redact=True, redact_names=(JANE,))
    assert [r.side for r in copy.chronology] == [r.side for r in whole.chronology]
    mask = next(e.mask for e in copy.redaction_log if e.value == JANE)
    assert {r.side for r in copy.chronology if r.item.author == f"whatsapp:{mask}"} == {"complainant"}
    assert copy.charts.heatmap == whole.charts.heatmap


def test_the_served_mg6c_lists_what_the_cases_does_and_a_superseded_redaction_log_is_on_the_mg6d(
    report_case: Case,
) -> None:
    for _ in range(2):
        write_outputs(report_case, ReportOptions(redact=True, **DISCLOSED))
    schedules = report_case.reports_dir / "schedules"
    case_rows = _rows((schedules / "mg6c.csv").read_text())
    served = _rows((report_case.reports_dir / "disclosure" / "schedules" / "mg6c.csv").read_text())
    assert [r["Type"] for r in served] == [r["Type"] for r in case_rows]
    assert [r["Type"] for r in case_rows].count("disclosure copy") == 2
    [earlier] = [r for r in served if r["Type"] == "superseded report"]
    assert "redaction-log.csv" not in earlier["Description"] and "mg6d.csv" not in earlier["Description"]
    assert earlier["Description"].endswith("kept unchanged; its 2 sensitive file(s) are listed on the MG6D")
    mg6d = _rows((schedules / "mg6d.csv").read_text())
    folder = earlier["Location"]
    assert [
        (r["Description"].split(" of the report")[0], r["Location"])
        for r in mg6d
        if "Superseded" in r["Description"]
    ] == [
        ("Superseded redaction-log.csv", folder),
        ("Superseded schedules/mg6d.csv", folder),
    ]
    assert (report_case.dir / folder / "redaction-log.csv").is_file()


def test_files_set_aside_from_a_stopped_add_are_on_the_mg6c_described(report_case: Case) -> None:
    data = b"[01/03/2024, 08:00:00] Daniel Reid: message number 1 you cannot hide\n"
    sha = hashlib.sha256(data).hexdigest()
    start_journal(report_case.vault.root, file="big.txt", actor="tester", started_utc="2024-05-01T10:00:00Z")
    (report_case.vault.root / "sha256" / sha[:2]).mkdir(parents=True, exist_ok=True)
    (report_case.vault.root / "sha256" / sha[:2] / sha).write_bytes(data)
    [folder] = set_aside_stopped_adds(report_case)
    entry = [e for e in report_case.store.audit_entries() if e.action == "set aside"][-1]
    [row] = [r for r in _rows(mg6c(build_report(report_case))) if r["Type"] == "set-aside material"]
    assert row == {
        "Item no.": row["Item no."],
        "Description": "Material set aside from a stopped add: 1 file(s) left by an add of big.txt by tester"
        " (started 2024-05-01T10:00:00Z), which was stopped part-way; set aside by tester at"
        f" {uk_display(entry.at_utc)}: {folder}/{sha} (SHA-256 {sha[:16]}…, {len(data)} bytes)",
        "Reference": f"audit entry {entry.seq}",
        "Type": "set-aside material",
        "Location": folder,
        "Disclosure officer's comment": "Obtained and held, but not read into the case (no exhibit names it):"
        " to be examined for relevance",
        "Prosecutor's decision": "",
        "Written by": row["Written by"],
    }
    [served] = [
        r for r in _rows(mg6c(build_report(report_case, redact=True))) if r["Type"] == "set-aside material"
    ]
    assert served["Description"].endswith(f"{folder}/{sha} (SHA-256 withheld, {len(data)} bytes)")


def test_a_disguised_email_address_and_a_profile_id_in_a_link_are_masked_as_what_they_are() -> None:
    r = Redactor(frozenset({"jane@example.org"}))
    text = (
        "mail priya.patel(at)example.com or priya.patel@example.com, her page"
        " https://www.facebook.com/profile.php?id=100012345678 and jane(at)example(dot)org"
    )
    assert r.text(text, "text") == (
        "mail [EMAIL-1] or [EMAIL-1], her page https://www.facebook.com/profile.php?id=[ACCOUNT-1] and"
        " jane(at)example(dot)org"
    )
    assert [(e.mask, e.value) for e in r.log] == [
        ("[EMAIL-1]", "priya.patel(at)example.com"),
        ("[EMAIL-1]", "priya.patel@example.com"),
        ("[ACCOUNT-1]", "100012345678"),
    ]
    assert r.text("I was at home (at 9). at (at) at", "text") == "I was at home (at 9). at (at) at"


def test_names_in_examiners_notes_and_reviewers_reasons_are_read_like_a_messages_text(
    report_case: Case, tmp_path: Path
) -> None:
    """The name recogniser reads every person's words that reach the copy: an exhibit's notes, a
    recorded finding's reason, a review decision's reason and a link decision's reason."""
    chat = tmp_path / "WhatsApp Chat with Kim.txt"
    write_whatsapp_txt(chat, [ChatLine(datetime(2024, 2, 9, 9, 0), JOHN, "ok")])
    notes = "Handed over by Sarah Jones. Tom was there; I saw Kim"
    add_exhibit(
        report_case, chat, AddOptions(producer=JANE, exhibit_ref="JD/9", date_order="dmy", notes=notes)
    )
    item = next(i.id for i in report_case.store.iter_items() if i.exhibit == "JD/9")
    recorded = record_finding(report_case, item, "money_demand", "Mr Patel heard him; Tom saw", None)
    decide(report_case, recorded.finding_id, "note", "Hi Tom, Sarah Jones confirms this")
    reject_link(report_case, f"whatsapp:{JOHN}", "sms:+447700900002", "number is Mrs Okafor's, Tom says")
    copy = build_report(report_case, redact=True)
    [exhibit] = [e.exhibit for e in copy.exhibits if e.exhibit.ref == "JD/9"]
    log = {(e.where, e.value): (e.mask, e.why.split(":")[0]) for e in copy.redaction_log}
    sarah, tom = log[("JD/9 notes", "Sarah Jones")][0], log[("JD/9 notes", "Tom")][0]
    assert exhibit.notes == f"Handed over by {sarah}. {tom} was there; I saw Kim"
    assert log[("JD/9 notes", "Tom")] == (tom, "recognised name, rule N6")
    assert NameToCheck("Kim", "JD/9 notes", "L1", L1) in copy.names_to_check
    patel = log[(f"finding {recorded.finding_id} reason", "Patel")][0]
    [view] = [v for r in copy.flagged for v in r.findings if v.finding.id == recorded.finding_id]
    assert view.finding.details["reason"] == f"Mr {patel} heard him; {tom} saw"
    assert view.finding.explanation == f"recorded by tester (investigator): Mr {patel} heard him; {tom} saw"
    assert [d.reason for d in view.decisions if d.decision == "noted"] == [f"Hi {tom}, {sarah} confirms this"]
    okafor = log[("link review", "Okafor")][0]
    [link] = copy.links
    assert link.review.endswith(f": number is Mrs {okafor}'s, {tom} says")
    assert copy.link_findings[0].decisions[-1].reason == f"number is Mrs {okafor}'s, {tom} says"


L1 = "one capitalised word not at a sentence's start"
