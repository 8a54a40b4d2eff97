"""A full bundle names who receives it and why, warns of the matched images its originals hold, and its
members are stored owner-only (data protection review, defects 4 and 8)."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import insert

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.report import ReportOptions, write_outputs
from footprint.report.bundle import (
    EARLIER_FILE_MODE,
    FILE_MODE,
    MANIFEST,
    _write_zip,
    manifest,
    verify_bundle,
)
from footprint.report.bundle_notes import NO_RECIPIENT
from footprint.report.disclosures import disclosures
from footprint.store import schema
from report.planted import _run

TO = "CPS Direct"
WHY = "charging advice"
BUNDLE = "reports/bundle.zip"


def _readme(case: Case) -> str:
    with zipfile.ZipFile(case.reports_dir / "bundle.zip") as archive:
        return archive.read("README.txt").decode("utf-8")


def _own_rows(case: Case) -> list[str]:
    """The disclosure log's rows for what the report was written with, in the report inside bundle.zip."""
    with zipfile.ZipFile(case.reports_dir / "bundle.zip") as archive:
        html = archive.read("report/report.html").decode("utf-8")
    assert html == (case.reports_dir / "report.html").read_text(encoding="utf-8")
    section = html[html.index("<h3>Disclosures</h3>") : html.index("<h3>Error rates</h3>")]
    return [
        row.split("</tr>")[0] for row in section.split("<tr>") if row.startswith("<td>this report’s</td>")
    ]


def test_a_full_bundle_names_its_recipient_in_its_entries_readme_and_the_disclosure_log(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    result = run_cli(
        "report", str(report_case.dir), "--bundle", "--disclosure-to", TO, "--justification", WHY
    )
    assert result.exit_code == 0, result.output
    assert "names no recipient" not in result.output
    entries = list(report_case.store.audit_entries())
    bundle, report = entries[-2], entries[-1]
    assert (bundle.action, bundle.object, bundle.justification) == ("bundle", BUNDLE, WHY)
    assert json.loads(bundle.details)["disclosed_to"] == TO
    assert (report.action, report.justification, json.loads(report.details)["disclosed_to"]) == (
        "report",
        WHY,
        TO,
    )
    assert (
        f"Given to:      {TO}\nWhy:           {WHY}\n"
        "               (recorded in the case's audit log: this bundle's own entry and the report's)\n"
    ) in _readme(report_case)
    logged = disclosures(entries)
    what = f"{BUNDLE} as at audit entry {bundle.seq - 1} (with the original files)"
    assert [(d.seq, d.recipient, d.justification, d.what) for d in logged] == [(report.seq, TO, WHY, what)]
    assert verify_bundle(report_case.reports_dir / "bundle.zip").problems == []
    # the report inside the bundle lists its making, as later reports list it from the audit log
    assert _own_rows(report_case) == [
        "<td>this report’s</td><td>when this report is written</td><td>tester (investigator)</td>"
        f"<td>{TO}</td><td>{WHY}</td><td>{what}</td>"
    ]


def test_a_full_bundle_without_a_recipient_says_so_and_is_logged_as_not_recorded(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    result = run_cli("report", str(report_case.dir), "--bundle", "--hashes-only")
    assert result.exit_code == 0, result.output
    assert (
        "bundle.zip names no recipient (written for the case's own file): if it is given to anyone, write"
        " it with --disclosure-to NAME --justification TEXT so that the audit log records who and why"
    ) in result.output
    assert NO_RECIPIENT in _readme(report_case)
    entries = list(report_case.store.audit_entries())
    assert entries[-2].justification == "" and "disclosed_to" not in json.loads(entries[-2].details)
    assert [(d.recipient, d.justification, d.what[-35:]) for d in disclosures(entries)] == [
        ("not recorded", "not recorded", "(exhibit hashes, not the originals)")
    ]
    assert _own_rows(report_case) == [
        "<td>this report’s</td><td>when this report is written</td><td>tester (investigator)</td>"
        "<td>not recorded</td><td>not recorded</td>"
        f"<td>{BUNDLE} as at audit entry {entries[-2].seq - 1} (exhibit hashes, not the originals)</td>"
    ]


def test_with_redact_the_recipient_is_the_disclosure_copys_not_the_full_bundles(report_case: Case) -> None:
    write_outputs(report_case, ReportOptions(bundle=True, redact=True, disclosure_to=TO, justification=WHY))
    entries = list(report_case.store.audit_entries())
    assert NO_RECIPIENT in _readme(report_case)
    assert [(d.recipient, d.what.split(" ")[0]) for d in disclosures(entries)] == [
        (TO, "disclosure"),
        ("not recorded", BUNDLE),
    ]
    as_at = json.loads(entries[-1].details)["as_at_audit_entry"]
    assert _own_rows(report_case) == [  # in the order the report's entry lists them
        "<td>this report’s</td><td>when this report is written</td><td>tester (investigator)"
        '<div class="small">not a prosecutor: disclosure to the accused is the prosecutor’s decision (CPIA'
        " 1996 ss.3, 7A)</div></td>"  # the copy, not the case's own full bundle
        f"<td>{TO}</td><td>{WHY}</td><td>disclosure copy as at audit entry {as_at}</td>",
        "<td>this report’s</td><td>when this report is written</td><td>tester (investigator)</td>"
        f"<td>not recorded</td><td>not recorded</td><td>{BUNDLE} as at audit entry {as_at} (with the original files)</td>",
    ]
    copy = (report_case.reports_dir / "disclosure" / "report.html").read_text(encoding="utf-8")
    assert f"Disclosed to: {TO}<br>Justification: {WHY}<br>" in copy  # its own row's, not the bundle's
    with zipfile.ZipFile(report_case.reports_dir / "disclosure-bundle.zip") as archive:
        assert f"Given to:      {TO}\nWhy:           {WHY}\n" in archive.read("README.txt").decode("utf-8")


@pytest.mark.usefixtures("unchecked_rows")  # the attachment is planted in SQL
def test_a_full_bundle_names_the_matched_images_its_originals_hold(
    report_case: Case,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    photo = next(i for i in report_case.store.iter_items() if (i.exhibit, i.locator) == ("JD/1", "line 6"))
    matched = hashlib.sha256(b"a matched image").hexdigest()
    with report_case.transaction() as (tx, record):
        tx.conn.execute(
            insert(schema.attachment).values(
                item_id=photo.id, name="IMG-0001.jpg", sha256=matched, size=9, mime="image/jpeg"
            )
        )
        record("attachment", "planted")
    details = {"attachment_sha256": matched, "attachment_name": "IMG-0001.jpg", "reference_sha256": matched}
    _run(report_case, "images", 1, [FindingDraft(photo.id, "image_match", 1.0, "A match.", details=details)])
    result = run_cli(
        "report", str(report_case.dir), "--bundle", "--disclosure-to", TO, "--justification", WHY
    )
    assert result.exit_code == 0, result.output
    assert (
        "warning: bundle.zip holds 1 image(s) marked or matched as intimate, in the original files of JD/1"
        f" (SHA-256 {matched[:12]}…); give it only where they are needed, or write it with --hashes-only"
    ) in result.output.replace("\n", "")
    readme = _readme(report_case)
    assert (
        "WARNING: the original files hold 1 image(s) marked or matched as intimate (an\n"
        "               image_match finding; shown nowhere in the report). Open the exhibits below only\n"
        "               where that is needed; to give the bundle without them, write it with --hashes-only:\n"
        f"               JD/1  SHA-256 {matched}\n"
    ) in readme
    bundle = list(report_case.store.audit_entries())[-2]
    assert json.loads(bundle.details)["matched_images"] == [{"exhibit": "JD/1", "sha256": matched}]
    result = run_cli("report", str(report_case.dir), "--bundle", "--hashes-only")
    assert "marked or matched as intimate" not in result.output
    assert "WARNING" not in _readme(report_case)


def test_bundle_members_and_folders_are_stored_owner_only_and_earlier_bundles_still_verify(
    report_case: Case, tmp_path: Path
) -> None:
    # The zip had no folder entries, so `unzip` made its folders with the umask's mode (0755).
    path = write_outputs(report_case, ReportOptions(bundle=True)).paths[-1]
    with zipfile.ZipFile(path) as archive:
        modes = {i.filename: oct(i.external_attr >> 16) for i in archive.infolist()}
        members: dict[str, bytes | Path] = {
            i.filename: archive.read(i)
            for i in archive.infolist()
            if not i.is_dir() and i.filename != MANIFEST
        }
    folders = (
        "audit/",
        "exhibits/",
        "exhibits/AP_1/",
        "exhibits/JD_1/",
        "exhibits/JD_2/",
        "report/",
        "schedules/",
    )
    assert {n: m for n, m in modes.items() if n.endswith("/")} == dict.fromkeys(folders, "0o40700")
    assert {m for n, m in modes.items() if not n.endswith("/")} == {"0o100600"}
    assert [n for n in modes if n.startswith("exhibits/")][:2] == [
        "exhibits/",
        "exhibits/AP_1/",
    ]  # before their files
    for form in ((FILE_MODE, False), (EARLIER_FILE_MODE, False)):  # before folders had entries; before 0600
        earlier = tmp_path / f"earlier-{form[0]:o}.zip"
        _write_zip(earlier, members, manifest(members), form)
        with zipfile.ZipFile(earlier) as archive:
            assert {oct(i.external_attr >> 16) for i in archive.infolist()} == {oct(form[0])}
        assert verify_bundle(earlier).problems == []
    never = tmp_path / "never.zip"  # folder entries with 0644 members: no footprint wrote that
    _write_zip(never, members, manifest(members), (EARLIER_FILE_MODE, True))
    assert verify_bundle(never).problems == [
        "the zip's own structure (headers, times, order or comment) differs from how it was written"
    ]


@pytest.mark.skipif(shutil.which("unzip") is None, reason="needs the unzip command (Info-ZIP)")
def test_a_bundle_unpacked_with_unzip_under_umask_022_is_owner_only(
    report_case: Case, tmp_path: Path
) -> None:
    path = write_outputs(report_case, ReportOptions(bundle=True, hashes_only=True)).paths[-1]
    out = tmp_path / "unpacked"
    subprocess.run(
        ["sh", "-c", 'umask 022 && exec unzip -q "$0" -d "$1"', str(path), str(out)], check=True, timeout=60
    )
    modes = {
        p.relative_to(out).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in sorted(out.rglob("*"))
    }
    assert {n: m for n, m in modes.items() if (out / n).is_dir()} == dict.fromkeys(
        ("audit", "exhibits", "report", "schedules"), "0o700"
    )
    assert set(modes.values()) == {"0o700", "0o600"}
    assert verify_bundle(out).problems == []
