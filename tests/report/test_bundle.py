"""The export bundle: reproducible, verifies offline, and fails verify after any byte changes."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.report import ReportOptions, write_outputs
from footprint.report.bundle import MANIFEST, verify_bundle
from footprint.report.redact import HASH_WITHHELD
from report.planted import DISCLOSED, DISCLOSED_ARGS


def _bundle(case: Case, **options: bool) -> Path:
    paths = write_outputs(case, ReportOptions(bundle=True, **options)).paths
    return next(p for p in paths if p.name == "bundle.zip")


def _files(path: Path) -> list[str]:
    """The bundle's files, without its folders' own entries."""
    with zipfile.ZipFile(path) as archive:
        return [i.filename for i in archive.infolist() if not i.is_dir()]


def test_bundle_contents_and_verify(report_case: Case) -> None:
    path = _bundle(report_case)
    names = _files(path)
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
    names = _files(path)
    assert [n for n in names if n.startswith("exhibits/")] == ["exhibits/HASHES.sha256"]
    hashes = zipfile.ZipFile(path).read("exhibits/HASHES.sha256").decode()
    assert all(e.sha256 in hashes for e in report_case.store.exhibits())
    assert verify_bundle(path).problems == []


def test_same_case_same_bundle_bytes(report_case: Case, tmp_path: Path) -> None:
    from footprint.report.build import build_report
    from footprint.report.bundle import audit_files, write_zip
    from footprint.report.staging import put
    from footprint.report.write import _bundle_files, artefacts

    model = build_report(report_case)
    entries = list(report_case.store.audit_entries())
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for target in (first, second):
        files = artefacts(model, pdf=False, redaction_log=None)
        staged = tmp_path / f"staged-{target.stem}"
        for name, data in files.items():
            put(staged / name, data)
        members = _bundle_files(report_case, model, files, staged, hashes_only=False)
        write_zip(target, {**members, **audit_files(entries, redacted=False)})
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
    seq = _bundle_entry(report_case)
    assert verify_bundle(folder).problems == [
        "extra.txt: in the bundle but not in the manifest (added after export)",
        f"extra.txt: in the bundle but not recorded in audit entry {seq} (bundle) — added after export",
    ]
    (folder / "extra.txt").unlink()
    report_html = folder / "report" / "report.html"
    report_html.write_bytes(report_html.read_bytes().replace(b"John Smith", b"John Smyth", 1))
    assert verify_bundle(folder).problems == [
        "report/report.html: SHA-256 does not match the manifest (the file was changed)",
        f"report/report.html: SHA-256 does not match the one recorded in audit entry {seq} (bundle)"
        " — the file was changed after export",
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


def test_disclosure_bundle_has_its_own_entry_but_no_other_entry_nor_its_hash(report_case: Case) -> None:
    """The chain of every entry's hash was disclosed: an entry's hash confirms a guess at what it records
    (the account a third party's number was attributed to, when the neighbouring entries' times are in
    the copy's continuity record). Only the bundle's own entry is carried, whose fields hold no case
    content and whose predecessor, the case bundle's entry, holds the unredacted report's SHA-256."""
    paths = write_outputs(report_case, ReportOptions(bundle=True, redact=True, **DISCLOSED)).paths
    path = next(p for p in paths if p.name == "disclosure-bundle.zip")
    archive = zipfile.ZipFile(path)
    assert [n for n in archive.namelist() if n.startswith("audit/")] == [
        "audit/",
        "audit/audit.head",
        "audit/bundle-entry.jsonl",
    ]
    entries = {e.seq: e for e in report_case.store.audit_entries()}
    own = entries[_bundle_entry(report_case, "reports/disclosure-bundle.zip")]
    before = entries[own.seq - 1]
    assert (before.action, before.object) == ("bundle", "reports/bundle.zip")
    assert archive.read("audit/audit.head").decode("ascii") == f"{own.seq} {own.hash}\n"
    members = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if not n.endswith(".pdf")}
    told = {e.hash for e in (own, before)}
    shown = [
        (n, e.seq)
        for e in entries.values()
        if e.hash not in told
        for n, t in members.items()
        if e.hash[:16] in t
    ]
    assert shown == []
    assert json.loads(own.details)["as_at_head"] == HASH_WITHHELD
    assert "bundle-entry.jsonl: this bundle's own audit entry in full" in members["README.txt"]
    report = verify_bundle(path)
    assert report.problems == [] and (report.audit_entries, report.audit_head) == (1, own.hash)
    assert report.bundle_entry == own.seq


def test_disclosure_bundle_entry_tamper_is_named(report_case: Case, tmp_path: Path) -> None:
    paths = write_outputs(report_case, ReportOptions(bundle=True, redact=True, **DISCLOSED)).paths
    path = next(p for p in paths if p.name == "disclosure-bundle.zip")
    seq = _bundle_entry(report_case, "reports/disclosure-bundle.zip")
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(path).extractall(folder)
    (folder / "audit" / "audit.head").write_text(f"{seq - 1} {'0' * 64}\n", encoding="ascii")
    assert verify_bundle(folder).problems == [
        "audit/audit.head: SHA-256 does not match the manifest (the file was changed)",
        f"bundle entry: audit/bundle-entry.jsonl is not entry {seq - 1}, the head audit/audit.head records",
    ]


def test_a_disclosure_bundle_with_the_chain_of_hashes_is_still_read(
    report_case: Case, tmp_path: Path
) -> None:
    """Disclosure bundles written before this version carry ``audit/audit-chain.txt``: verify still
    checks its order and links."""
    write_outputs(report_case, ReportOptions(bundle=True, redact=True, hashes_only=True, **DISCLOSED))
    path = report_case.reports_dir / "disclosure-bundle.zip"
    seq = _bundle_entry(report_case, "reports/disclosure-bundle.zip")
    chain = [
        f"{e.seq} {e.prev_hash} {e.hash} {e.action}"
        for e in report_case.store.audit_entries()
        if e.seq <= seq
    ]
    members = _members(path)
    members["audit/audit-chain.txt"] = ("\n".join(chain[:1] + chain[2:]) + "\n").encode("ascii")
    problems = verify_bundle(_forge(path, tmp_path / "b.zip", members)).problems
    assert "audit chain: audit entry 2 is missing or out of order (found 3 next)" in problems
    third = chain[2].split(" ", 3)[3]
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
        f"exhibits/JD_2/sms.csv: SHA-256 does not match the one recorded in audit entry {_bundle_entry(report_case)}"
        " (bundle) — the file was changed after export",
        "exhibits/JD_2/sms.csv: SHA-256 does not match the recorded hash of exhibit JD/2 in exhibits/HASHES.sha256",
    ]


def _members(path: Path) -> dict[str, bytes | Path]:
    """Every member of a bundle but its manifest (write_zip writes a fresh one)."""
    archive = zipfile.ZipFile(path)
    return {n: archive.read(n) for n in _files(path) if n != MANIFEST}


def _forge(path: Path, target: Path, members: dict[str, bytes | Path]) -> Path:
    """Write ``members`` as Footprint writes a bundle, manifest recomputed, no detached hash."""
    from footprint.report.bundle import write_zip

    write_zip(target, members)
    return target


def _bundle_entry(case: Case, path: str = "reports/bundle.zip") -> int:
    return [e.seq for e in case.store.audit_entries() if e.action == "bundle" and e.object == path][-1]


def _audit_rows(members: dict[str, bytes | Path]) -> list[dict[str, object]]:
    import json

    data = members["audit/audit.jsonl"]
    assert isinstance(data, bytes)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def _audit_jsonl(rows: list[dict[str, object]]) -> bytes:
    import json

    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")


def _rehashed(row: dict[str, object]) -> dict[str, object]:
    """An audit row given the hash of its (edited) fields: consistent in itself, as a forger would make it."""
    from footprint.audit import entry_hash

    fields = ("seq", "at_utc", "actor", "role", "action", "object", "justification", "details", "prev_hash")
    return {**row, "hash": entry_hash(**{k: row[k] for k in fields})}  # type: ignore[arg-type]


def test_a_derived_file_changed_and_the_manifest_recomputed_fails_verify(
    report_case: Case, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    path = _bundle(report_case, hashes_only=True)
    seq = _bundle_entry(report_case)
    members = _members(path)
    chronology = members["schedules/chronology.csv"]
    assert isinstance(chronology, bytes)
    members["schedules/chronology.csv"] = chronology.replace(b"John Smith", b"John Smyth", 1)
    forged = _forge(path, tmp_path / "forged.zip", members)
    assert verify_bundle(forged).problems == [
        f"schedules/chronology.csv: SHA-256 does not match the one recorded in audit entry {seq}"
        " (bundle) — the file was changed after export"
    ]
    result = run_cli("verify", str(forged))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"PROBLEM: schedules/chronology.csv: SHA-256 does not match the one recorded in audit entry {seq}"
        " (bundle) — the file was changed after export"
    )


def test_a_file_added_or_removed_with_the_manifest_recomputed_fails_verify(
    report_case: Case, tmp_path: Path
) -> None:
    path = _bundle(report_case, hashes_only=True)
    seq = _bundle_entry(report_case)
    members = _members(path)
    del members["schedules/mg6d.csv"]
    members["schedules/extra.csv"] = b"added\r\n"
    forged = _forge(path, tmp_path / "forged.zip", members)
    assert verify_bundle(forged).problems == [
        f"schedules/extra.csv: in the bundle but not recorded in audit entry {seq} (bundle) — added after export",
        f"schedules/mg6d.csv: recorded in audit entry {seq} (bundle) but missing from the bundle",
    ]


def test_an_edited_audit_line_fails_verify(report_case: Case, tmp_path: Path) -> None:
    import json

    path = _bundle(report_case, hashes_only=True)
    seq = _bundle_entry(report_case)
    members = _members(path)
    rows = _audit_rows(members)
    rows[0]["actor"] = "someone"
    members["audit/audit.jsonl"] = _audit_jsonl(rows)
    assert verify_bundle(_forge(path, tmp_path / "a.zip", members)).problems == [
        "audit extract: audit entry 1 (case init) was changed after it was written"
    ]
    # the bundle's own entry edited to match a changed file
    rows = _audit_rows(_members(path))
    details = json.loads(str(rows[-1]["details"]))
    details["members"]["schedules/chronology.csv"] = "0" * 64
    rows[-1]["details"] = json.dumps(details, sort_keys=True)
    members["audit/audit.jsonl"] = _audit_jsonl(rows)
    assert verify_bundle(_forge(path, tmp_path / "b.zip", members)).problems == [
        f"audit extract: audit entry {seq} (bundle) was changed after it was written",
        f"schedules/chronology.csv: SHA-256 does not match the one recorded in audit entry {seq}"
        " (bundle) — the file was changed after export",
    ]


def test_a_dropped_audit_entry_fails_verify(report_case: Case, tmp_path: Path) -> None:
    path = _bundle(report_case, hashes_only=True)
    seq = _bundle_entry(report_case)
    members = _members(path)
    rows = _audit_rows(members)
    members["audit/audit.jsonl"] = _audit_jsonl(rows[:2] + rows[3:])
    assert verify_bundle(_forge(path, tmp_path / "a.zip", members)).problems == [
        "audit extract: audit entry 3 is missing or out of order (found 4 next)",
        f"audit extract: audit entry 4 ({rows[3]['action']}) does not follow the entry before it"
        " (removed or reordered entries)",
    ]
    # the bundle's own entry dropped, the head moved back and a schedule changed
    last = rows[-2]
    members["audit/audit.jsonl"] = _audit_jsonl(rows[:-1])
    members["audit/audit.head"] = f"{last['seq']} {last['hash']}\n".encode("ascii")
    chronology = members["schedules/chronology.csv"]
    assert isinstance(chronology, bytes)
    members["schedules/chronology.csv"] = chronology.replace(b"John Smith", b"John Smyth", 1)
    assert verify_bundle(_forge(path, tmp_path / "b.zip", members)).problems == [
        f"audit extract: ends at entry {seq - 1} ({last['action']}), not at the bundle's own entry"
        " (action 'bundle'): nothing ties the report, schedules and exports to the audit chain"
        " (a bundle written before bundles recorded their files lacks it: write it again with"
        " `footprint report DIR --bundle`)"
    ]


def test_the_bundle_entry_records_each_file_and_the_head_the_report_is_as_at(report_case: Case) -> None:
    import json

    path = _bundle(report_case, hashes_only=True)
    entries = list(report_case.store.audit_entries())
    bundle = next(e for e in entries if e.action == "bundle")
    report = entries[-1]
    assert report.action == "report" and report.seq == bundle.seq + 1
    details = json.loads(bundle.details)
    as_at = json.loads(report.details)["as_at_audit_entry"]
    assert details["as_at_audit_entry"] == as_at
    assert details["as_at_head"] == entries[as_at - 1].hash
    archive = zipfile.ZipFile(path)
    expected = {
        n: hashlib.sha256(archive.read(n)).hexdigest()
        for n in _files(path)
        if n not in (MANIFEST, "audit/audit.jsonl", "audit/audit.head")
    }
    assert details["members"] == expected
    assert archive.read("audit/audit.head").decode("ascii") == f"{bundle.seq} {bundle.hash}\n"
    lines = archive.read("audit/audit.jsonl").decode("utf-8").splitlines()
    assert len(lines) == bundle.seq and json.loads(lines[-1])["hash"] == bundle.hash
    assert entries[as_at - 1].hash in archive.read("report/report.html").decode("utf-8")
    result = verify_bundle(path)
    assert (result.problems, result.bundle_entry, result.as_at) == ([], bundle.seq, as_at)


def test_a_rehashed_bundle_entry_must_name_the_as_at_head_and_record_the_files(
    report_case: Case, tmp_path: Path
) -> None:
    import json

    path = _bundle(report_case, hashes_only=True)
    members = _members(path)
    rows = _audit_rows(members)
    details = json.loads(str(rows[-1]["details"]))
    as_at, head = details["as_at_audit_entry"], details["as_at_head"]
    details["as_at_head"] = "f" * 64
    rows[-1] = _rehashed({**rows[-1], "details": json.dumps(details, sort_keys=True)})
    members["audit/audit.jsonl"] = _audit_jsonl(rows)
    members["audit/audit.head"] = f"{rows[-1]['seq']} {rows[-1]['hash']}\n".encode("ascii")
    assert verify_bundle(_forge(path, tmp_path / "a.zip", members)).problems == [
        f"audit extract: the report is as at entry {as_at} with head ffffffffffff…, but entry {as_at}"
        f" in the extract has hash {head[:12]}…"
    ]
    del details["members"]
    rows[-1] = _rehashed({**rows[-1], "details": json.dumps(details, sort_keys=True)})
    members["audit/audit.jsonl"] = _audit_jsonl(rows)
    members["audit/audit.head"] = f"{rows[-1]['seq']} {rows[-1]['hash']}\n".encode("ascii")
    assert verify_bundle(_forge(path, tmp_path / "b.zip", members)).problems == [
        f"audit entry {rows[-1]['seq']} (bundle) does not record the SHA-256 of the bundle's files"
    ]


def test_an_exhibit_hash_that_differs_from_its_add_entry_fails_verify(
    report_case: Case, tmp_path: Path
) -> None:
    path = _bundle(report_case)
    seq = _bundle_entry(report_case)
    members = _members(path)
    exhibit = next(e for e in report_case.store.exhibits() if e.ref == "JD/2")
    added = next(e.seq for e in report_case.store.audit_entries() if e.action == "add" and e.object == "JD/2")
    changed = bytes(members["exhibits/JD_2/sms.csv"]) + b"x"  # type: ignore[arg-type]
    digest = hashlib.sha256(changed).hexdigest()
    members["exhibits/JD_2/sms.csv"] = changed
    hashes = members["exhibits/HASHES.sha256"]
    assert isinstance(hashes, bytes)
    members["exhibits/HASHES.sha256"] = hashes.replace(exhibit.sha256.encode(), digest.encode())
    assert verify_bundle(_forge(path, tmp_path / "a.zip", members)).problems == [
        f"exhibits/HASHES.sha256: SHA-256 does not match the one recorded in audit entry {seq}"
        " (bundle) — the file was changed after export",
        f"exhibits/JD_2/sms.csv: SHA-256 does not match the one recorded in audit entry {seq}"
        " (bundle) — the file was changed after export",
        f"exhibit JD/2: SHA-256 in exhibits/HASHES.sha256 is not the one recorded when it was added"
        f" (audit entry {added})",
    ]


def test_a_forged_disclosure_bundle_fails_verify(report_case: Case, tmp_path: Path) -> None:
    import json

    write_outputs(report_case, ReportOptions(bundle=True, redact=True, hashes_only=True, **DISCLOSED))
    path = report_case.reports_dir / "disclosure-bundle.zip"
    seq = _bundle_entry(report_case, "reports/disclosure-bundle.zip")
    members = _members(path)
    assert set(members) >= {"audit/audit.head", "audit/bundle-entry.jsonl"}
    own = json.loads(bytes(members["audit/bundle-entry.jsonl"]))  # type: ignore[arg-type]
    assert (own["seq"], own["action"], own["object"], own["justification"]) == (
        seq,
        "bundle",
        "reports/disclosure-bundle.zip",
        "",
    )
    assert set(json.loads(own["details"])) == {
        "as_at_audit_entry",
        "as_at_head",
        "copy",
        "members",
        "tool_version",
    }
    chronology = members["schedules/chronology.csv"]
    assert isinstance(chronology, bytes)
    forged = dict(members)
    forged["schedules/chronology.csv"] = chronology.replace(b"John Smith", b"John Smyth", 1)
    assert verify_bundle(_forge(path, tmp_path / "a.zip", forged)).problems == [
        f"schedules/chronology.csv: SHA-256 does not match the one recorded in audit entry {seq}"
        " (bundle) — the file was changed after export"
    ]
    own["details"] = own["details"].replace('"copy": "disclosure"', '"copy": "case"')
    forged = dict(members)
    forged["audit/bundle-entry.jsonl"] = (json.dumps(own, sort_keys=True) + "\n").encode("utf-8")
    assert verify_bundle(_forge(path, tmp_path / "b.zip", forged)).problems == [
        f"bundle entry: audit entry {seq} (bundle) was changed after it was written"
    ]
    forged["audit/bundle-entry.jsonl"] = (json.dumps(_rehashed(own), sort_keys=True) + "\n").encode("utf-8")
    assert verify_bundle(_forge(path, tmp_path / "d.zip", forged)).problems == [
        f"bundle entry: audit/bundle-entry.jsonl is not entry {seq}, the head audit/audit.head records"
    ]
    forged = dict(members)
    del forged["audit/bundle-entry.jsonl"]
    assert verify_bundle(_forge(path, tmp_path / "c.zip", forged)).problems == [
        "audit/audit.jsonl is missing: the audit extract cannot be checked"
    ]


def test_a_member_added_under_the_name_of_another_is_named(report_case: Case, tmp_path: Path) -> None:
    # A forged report/report.html placed before the genuine one got only "the zip's own structure …
    # differs from how it was written"; a zip reader may show either of the two.
    path = _bundle(report_case, hashes_only=True)
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(path) as genuine, zipfile.ZipFile(forged, "w") as out:
        out.writestr("report/report.html", b"<p>forged</p>")
        with pytest.warns(UserWarning, match="Duplicate name"):
            for info in genuine.infolist():
                out.writestr(info, genuine.read(info))
    assert verify_bundle(forged).problems[0] == (
        "report/report.html: 2 members of the zip have this name (one was added beside the one written,"
        " and a program unpacking it may show either)"
    )


def test_verify_unpacks_nothing_and_still_finds_a_header_edited(
    report_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # verify copied every member of the bundle (her originals) into /tmp to rewrite the zip, where a
    # kill -9 left them; the rewrite is now compared with the bundle as it is made, from the members read.
    import tempfile

    path = _bundle(report_case)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no system temporary folder"))
    assert verify_bundle(path).problems == []
    structure = ["the zip's own structure (headers, times, order or comment) differs from how it was written"]
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        folder = archive.getinfo("exhibits/")
        member = archive.getinfo("exhibits/JD_2/sms.csv")
    edits = {
        "a folder's time in its own header": (folder.header_offset + 10, b"\x21\x00"),
        "a file's time in its own header": (member.header_offset + 10, b"\x21\x00"),
        "the comment": (len(data) - 5, b"BUNDL"),
    }
    for name, (at, new) in edits.items():
        edited = tmp_path / f"{name}.zip"
        edited.write_bytes(data[:at] + new + data[at + len(new) :])
        assert verify_bundle(edited).problems == structure, name
    with zipfile.ZipFile(path) as genuine, zipfile.ZipFile(tmp_path / "loose.zip", "w") as loose:
        for info in genuine.infolist():  # a folder unpacked for everyone
            if info.is_dir():
                info.external_attr = (0o40755 << 16) | 0x10
            loose.writestr(info, genuine.read(info))
        loose.comment = genuine.comment
    assert verify_bundle(tmp_path / "loose.zip").problems == structure


def test_a_zip_bomb_is_not_read(tmp_path: Path) -> None:
    # a 400 KB "bundle" whose manifest expanded to 400 MB took 1 GB of memory to verify (read whole, then
    # split into lines); footprint stores every member as it is, so a member that expands over 200 times
    # is refused from the sizes the zip states, before anything is read (security review, session 19)
    bomb = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, bytes(11 * 1024**2))
    packed = zipfile.ZipFile(bomb).getinfo(MANIFEST).compress_size
    report = verify_bundle(bomb)
    assert report.problems == [
        f"bundle.zip: not read: member 'MANIFEST.sha256' expands 11,534,336 bytes from {packed:,} (a zip"
        " bomb?); refused — check where the file came from"
    ]
    assert (report.files, report.exhibits, report.audit_entries) == (0, 0, 0)
