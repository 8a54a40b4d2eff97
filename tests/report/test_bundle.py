"""The export bundle: reproducible, verifies offline, and fails verify after any byte changes."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from footprint.case import Case
from footprint.report import ReportOptions, write_outputs
from footprint.report.bundle import MANIFEST, verify_bundle
from report.planted import DISCLOSED, DISCLOSED_ARGS


def _bundle(case: Case, **options: bool) -> Path:
    paths = write_outputs(case, ReportOptions(bundle=True, **options)).paths
    return next(p for p in paths if p.name == "bundle.zip")


def test_bundle_contents_and_verify(report_case: Case) -> None:
    path = _bundle(report_case)
    names = zipfile.ZipFile(path).namelist()
    assert names[-1] == MANIFEST
    assert {
        "README.txt",
        "report/report.html",
        "schedules/exhibits-mg12.csv",
        "schedules/mg6c.csv",
        "schedules/mg6d.csv",
        "schedules/chronology.csv",
        "schedules/mg11-draft-AP.txt",
        "schedules/mg11-draft-JD.txt",
        "items.jsonl",
        "timeline.jsonl",
        "audit/audit.jsonl",
        "audit/audit.head",
        "exhibits/HASHES.sha256",
        "exhibits/JD_1/WhatsApp Chat with John Smith.txt",
        "exhibits/JD_2/sms.csv",
        "exhibits/AP_1/incidents.csv",
    } == set(names) - {MANIFEST}
    archive = zipfile.ZipFile(path)
    exhibit = archive.read("exhibits/JD_1/WhatsApp Chat with John Smith.txt")
    recorded = next(e for e in report_case.store.exhibits() if e.ref == "JD/1").sha256
    assert hashlib.sha256(exhibit).hexdigest() == recorded
    report = verify_bundle(path)
    assert report.problems == []
    assert report.exhibits == 3 and report.files == len(names)
    assert report.audit_entries > 0 and len(report.audit_head) == 64
    sidecar = path.with_name("bundle.zip.sha256").read_text(encoding="ascii")
    assert sidecar == f"{hashlib.sha256(path.read_bytes()).hexdigest()}  bundle.zip\n"


def test_hashes_only_bundle_has_no_originals(report_case: Case) -> None:
    path = _bundle(report_case, hashes_only=True)
    names = zipfile.ZipFile(path).namelist()
    assert [n for n in names if n.startswith("exhibits/")] == ["exhibits/HASHES.sha256"]
    hashes = zipfile.ZipFile(path).read("exhibits/HASHES.sha256").decode()
    assert all(e.sha256 in hashes for e in report_case.store.exhibits())
    assert verify_bundle(path).problems == []


def test_same_case_same_bundle_bytes(report_case: Case, tmp_path: Path) -> None:
    from footprint.report.build import build_report
    from footprint.report.bundle import write_zip
    from footprint.report.write import _bundle_files, artefacts

    model = build_report(report_case)
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for target in (first, second):
        files = artefacts(model, pdf=False, redaction_log=None)
        write_zip(target, _bundle_files(report_case, model, files, hashes_only=False))
    assert first.read_bytes() == second.read_bytes()


def test_any_byte_change_fails_verify(report_case: Case, tmp_path: Path) -> None:
    path = _bundle(report_case, hashes_only=True)
    data = path.read_bytes()
    sidecar = path.with_name("bundle.zip.sha256")
    sidecar.unlink()  # judge the zip on its own, without the detached hash
    positions = sorted({*range(0, len(data), max(1, len(data) // 400)), *range(len(data) - 300, len(data))})
    copy = tmp_path / "bundle.zip"
    passed = []
    for pos in positions:
        changed = bytearray(data)
        changed[pos] ^= 0x01
        copy.write_bytes(bytes(changed))
        if not verify_bundle(copy).problems:
            passed.append(pos)
    assert passed == [], f"byte changes at {passed[:10]} were not detected"
    copy.write_bytes(data)
    assert verify_bundle(copy).problems == []
    copy.write_bytes(data[:-1])
    assert verify_bundle(copy).problems


def test_sidecar_catches_a_changed_zip(report_case: Case) -> None:
    path = _bundle(report_case, hashes_only=True)
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01
    path.write_bytes(bytes(data))
    assert any("bundle.zip.sha256" in p for p in verify_bundle(path).problems)


def test_unpacked_folder_bundle(report_case: Case, tmp_path: Path) -> None:
    path = _bundle(report_case, hashes_only=True)
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(path).extractall(folder)
    assert verify_bundle(folder).problems == []
    (folder / "extra.txt").write_text("added", encoding="utf-8")
    assert verify_bundle(folder).problems == [
        "extra.txt: in the bundle but not in the manifest (added after export)"
    ]
    (folder / "extra.txt").unlink()
    report_html = folder / "report" / "report.html"
    report_html.write_bytes(report_html.read_bytes().replace(b"John Smith", b"John Smyth", 1))
    assert verify_bundle(folder).problems == [
        "report/report.html: SHA-256 does not match the manifest (the file was changed)"
    ]


def test_audit_extract_tamper_is_named(report_case: Case, tmp_path: Path) -> None:
    path = _bundle(report_case, hashes_only=True)
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(path).extractall(folder)
    audit = folder / "audit" / "audit.jsonl"
    audit.write_text(audit.read_text(encoding="utf-8").replace('"actor": "tester"', '"actor": "someone"', 1))
    problems = verify_bundle(folder).problems
    assert "audit/audit.jsonl: SHA-256 does not match the manifest (the file was changed)" in problems
    assert any(p.startswith("audit extract: audit entry 1 ") for p in problems)


def test_cli_verify_bundle(report_case: Case, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", str(report_case.dir), "--bundle", "--hashes-only")
    assert result.exit_code == 0, result.output
    bundle = report_case.reports_dir / "bundle.zip"
    assert str(bundle) in result.output.splitlines()
    ok = run_cli("verify", str(bundle))
    assert ok.exit_code == 0 and ok.output.startswith("OK: bundle bundle.zip:")
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bundle.write_bytes(bytes(data))
    bad = run_cli("verify", str(bundle))
    assert bad.exit_code == 1
    assert "PROBLEM:" in bad.output


def test_cli_report_options(report_case: Case, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("report", str(report_case.dir), "--hashes-only").exit_code == 2
    result = run_cli("report", str(report_case.dir), "--bundle", "--redact", *DISCLOSED_ARGS, "--hashes-only")
    assert result.exit_code == 0, result.output
    printed = {
        Path(line).relative_to(report_case.reports_dir).as_posix() for line in result.output.splitlines()
    }
    assert {
        "report.html",
        "bundle.zip",
        "disclosure/report.html",
        "redaction-log.csv",
        "disclosure-bundle.zip",
    } <= printed
    import json

    out = run_cli("verify", str(report_case.reports_dir / "disclosure-bundle.zip"), "--json")
    assert out.exit_code == 0
    assert json.loads(out.output)["problems"] == []
    names = zipfile.ZipFile(report_case.reports_dir / "disclosure-bundle.zip").namelist()
    assert "schedules/mg6d.csv" not in names and not any(n.startswith("exhibits/JD") for n in names)


def test_disclosure_bundle_has_the_audit_chain_but_not_its_unredacted_entries(report_case: Case) -> None:
    paths = write_outputs(report_case, ReportOptions(bundle=True, redact=True, **DISCLOSED)).paths
    path = next(p for p in paths if p.name == "disclosure-bundle.zip")
    archive = zipfile.ZipFile(path)
    assert "audit/audit.jsonl" not in archive.namelist()  # it names third parties (e.g. "person add")
    chain = archive.read("audit/audit-chain.txt").decode("ascii").splitlines()
    entries = [e for e in report_case.store.audit_entries() if e.seq <= len(chain)]
    assert chain == [f"{e.seq} {e.prev_hash} {e.hash} {e.action}" for e in entries]
    assert "audit-chain.txt" in archive.read("README.txt").decode("utf-8")
    report = verify_bundle(path)
    assert report.problems == [] and report.audit_entries == len(chain)
    assert report.audit_head == entries[-1].hash


def test_disclosure_bundle_chain_tamper_is_named(report_case: Case, tmp_path: Path) -> None:
    paths = write_outputs(report_case, ReportOptions(bundle=True, redact=True, **DISCLOSED)).paths
    path = next(p for p in paths if p.name == "disclosure-bundle.zip")
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(path).extractall(folder)
    chain = folder / "audit" / "audit-chain.txt"
    lines = chain.read_text(encoding="ascii").splitlines()
    chain.write_text("\n".join(lines[:1] + lines[2:]) + "\n", encoding="ascii")  # entry 2 removed
    problems = verify_bundle(folder).problems
    assert "audit/audit-chain.txt: SHA-256 does not match the manifest (the file was changed)" in problems
    assert "audit chain: audit entry 2 is missing or out of order (found 3 next)" in problems
    third = lines[2].split(" ", 3)[3]
    assert f"audit chain: audit entry 3 ({third}) does not follow the entry before it" in " ".join(problems)


def test_an_original_changed_in_the_vault_stops_the_bundle(report_case: Case) -> None:
    import pytest

    from footprint.errors import VerificationError

    exhibit = next(e for e in report_case.store.exhibits() if e.ref == "JD/2")
    original = report_case.vault.path(exhibit.sha256)
    original.chmod(0o644)
    original.write_bytes(original.read_bytes() + b"tampered\n")
    with pytest.raises(VerificationError) as caught:
        write_outputs(report_case, ReportOptions(bundle=True))
    assert caught.value.problems == [
        f"exhibit JD/2 (sms.csv): the original in the vault no longer has its recorded SHA-256 "
        f"{exhibit.sha256}; the bundle was not written — run footprint verify on the case"
    ]
    assert not (report_case.reports_dir / "bundle.zip").exists()


def test_verify_names_an_original_that_differs_from_its_recorded_hash(
    report_case: Case, tmp_path: Path
) -> None:
    from footprint.report.bundle import manifest

    path = _bundle(report_case)
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(path).extractall(folder)
    changed = folder / "exhibits" / "JD_2" / "sms.csv"
    changed.write_bytes(changed.read_bytes() + b"x")
    files: dict[str, bytes | Path] = {
        str(p.relative_to(folder)): p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST
    }
    (folder / MANIFEST).write_text(manifest(files), encoding="utf-8")  # manifest rebuilt to match
    problems = verify_bundle(folder).problems
    assert problems == [
        "exhibits/JD_2/sms.csv: SHA-256 does not match the recorded hash of exhibit JD/2 in exhibits/HASHES.sha256"
    ]
