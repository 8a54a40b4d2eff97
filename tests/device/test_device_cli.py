"""`device check / indicators / tracker` with synthetic indicators; bad inputs leave the case unchanged."""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from footprint.analyse.device import DeviceAnalyser
from footprint.case import Case
from footprint.code_identity import tool_version
from footprint.device.attribution import LIMITATIONS, SAFETY_NOTE
from footprint.device.indicators import load_indicators
from footprint.device.snapshot_file import load_snapshot, shipped_path
from tests.conftest import DATA, snapshot

INDICATORS = DATA / "device_indicators"


def rows(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_indicators_report_sources_hashes_and_counts(run_cli: Callable[..., Result]) -> None:
    info = json.loads(
        rows_text := run_cli("device", "indicators", "--indicators", str(INDICATORS), "--json").output
    )
    assert rows_text
    kinds = [(s["kind"], s["name"], s["counts"]) for s in info["sources"]]
    assert kinds == [
        (
            "echap",
            "ioc.yaml",
            {"apps": 2, "c2_domains": 1, "c2_ips": 1, "certificates": 1, "packages": 3, "websites": 1},
        ),
        ("echap", "samples.csv", {"samples": 1}),
        (
            "echap",
            "watchware.yaml",
            {"apps": 1, "c2_domains": 1, "c2_ips": 0, "certificates": 0, "packages": 2, "websites": 0},
        ),
        ("footprint", "allowlist.yaml", {"apk_sha256": 0, "certificates": 0, "domains": 6, "packages": 6}),
    ]
    assert all(len(s["sha256"]) == 64 for s in info["sources"])
    assert info["totals"] == {
        "packages": 5, "certificates": 1, "apk_sha256": 1, "domains": 3, "ips": 1, "allow_listed": 12,
    }  # fmt: skip
    assert (
        "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0" in info["attribution"]
    )


def test_check_synthetic_inputs(run_cli: Callable[..., Result], case: Case) -> None:
    result = run_cli(
        "device",
        "check",
        str(case.dir),
        str(DATA / "device_android" / "androidqf"),
        str(DATA / "device_settings" / "settings_secure.txt"),
        str(DATA / "device_dumpsys" / "device_policy.txt"),
        "--indicators",
        str(INDICATORS),
        "--json",
    )
    got = [(r["input"], r["kind"], r["strength"], r["app"], r["matched_by"]) for r in rows(result)]
    assert got[:3] == [  # one finding for the app, with both ways it matched
        ("androidqf.zip", "stalkerware", "strong", "ExampleSpy", "package, certificate"),
        ("settings_secure.txt", "accessibility_service", "strong", "ExampleSpy", "package"),
        ("device_policy.txt", "device_admin", "strong", "ExampleSpy", "package"),
    ]
    assert ("androidqf.zip", "root", "context", "", "file") in got
    assert ("androidqf.zip", "sideloaded", "context", "com.example.spy", "installer") in got
    assert (
        "settings_secure.txt",
        "notification_listener",
        "context",
        "com.example.notes",
        "notification_listener",
    ) in got
    assert not [g for g in got if "talkback" in str(g) or "gms" in str(g)]
    findings = case.store.findings("device_indicator")
    assert findings[0].details["attribution"][0].startswith("Footprint built-in allow-list")
    assert findings[0].details["limitations"] == list(LIMITATIONS)


def test_check_again_reuses_exhibits_and_human_output_states_limits(run_cli, case: Case) -> None:
    path = str(DATA / "device_pm_list" / "pm_list.txt")
    first = run_cli("device", "check", str(case.dir), path, "--indicators", str(INDICATORS))
    second = run_cli("device", "check", str(case.dir), path, "--indicators", str(INDICATORS))
    assert first.exit_code == second.exit_code == 0
    assert "pm_list.txt: already exhibit" in second.output
    assert "Strong indicators (known stalkerware) — 1" in second.output
    assert "  [stalkerware] T/1 line 1 (pm_list.txt)" in second.output
    assert "Monitoring-capable apps: check consent — 1" in second.output
    assert LIMITATIONS[0] in second.output and "GPS trackers with their own SIM" in second.output


def test_suggestive_name_is_context(run_cli, case: Case, tmp_path: Path) -> None:
    listing = tmp_path / "pm.txt"
    listing.write_text(
        "package:/data/app/~~==/com.example.gpstracker-==/base.apk=com.example.gpstracker  installer=com.android.vending uid:1\n"
        "package:/data/app/~~==/com.example.antispy-==/base.apk=com.example.antispy  installer=com.android.vending uid:2\n"
    )
    result = run_cli(
        "device", "check", str(case.dir), str(listing), "--indicators", str(INDICATORS), "--json"
    )
    assert [(r["kind"], r["strength"], r["package"], r["explanation"]) for r in rows(result)] == [
        (
            "suggestive_name",
            "context",
            "com.example.gpstracker",
            'com.example.gpstracker has "track" in its name and is not on any indicator list. Many monitoring apps'
            " are named this way; check what the app is and who installed it.",
        )
    ]


def test_nothing_found_is_not_clean(run_cli, case: Case, tmp_path: Path) -> None:
    plain = tmp_path / "pm.txt"
    plain.write_text(
        "package:/data/app/~~==/com.example.notes-==/base.apk=com.example.notes  installer=com.android.vending uid:1\n"
    )
    result = run_cli("device", "check", str(case.dir), str(plain), "--indicators", str(INDICATORS))
    assert result.exit_code == 0
    assert "No indicator matched these inputs. That does not mean the phone is clean." in result.output
    assert "clean." in result.output and "is clean" not in result.output.replace("the phone is clean", "")


def test_nothing_found_in_json_is_one_document_that_says_what_was_checked(
    run_cli, case: Case, tmp_path: Path
) -> None:
    plain = tmp_path / "pm.txt"
    plain.write_text(
        "package:/data/app/~~==/com.example.notes-==/base.apk=com.example.notes  installer=com.android.vending uid:1\n"
    )
    result = run_cli("device", "check", str(case.dir), str(plain), "--indicators", str(INDICATORS), "--json")
    assert result.exit_code == 0, result.output
    index = load_indicators(INDICATORS)
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {
            "checked": [{"input": "pm.txt", "exhibit": "T/1", "parser": "device_pm_list"}],
            "findings": [],
            "result": "No indicator matched these inputs. That does not mean the phone is clean.",
            "warnings": [],
            "analyser": "device",
            "analyser_version": DeviceAnalyser.version,
            "indicator_snapshot": index.snapshot,
            "indicators": f"the indicator files in {INDICATORS}",
            "indicator_commits": list(index.commits()),
            "attribution": list(index.attributions),
            "safety": SAFETY_NOTE,
            "limitations": list(LIMITATIONS),
            "tool": "footprint",
            "tool_version": tool_version(),
        }
    ]


NOTES = "package:/data/app/~~==/com.example.notes-==/base.apk=com.example.notes  installer=com.android.vending uid:1\n"
CUT = "package:/data/app/~~Zm9v==/com.wifi0-YmFy==/base.apk=c"


def test_a_check_shows_what_could_not_be_checked(run_cli, case: Case, tmp_path: Path) -> None:
    # A pm list cut short and a dumpsys with nothing checkable had said only "No indicator matched".
    listing = tmp_path / "pm.txt"
    listing.write_text(NOTES + NOTES.replace("notes", "maps") + CUT)
    result = run_cli("device", "check", str(case.dir), str(listing), "--indicators", str(INDICATORS))
    assert result.exit_code == 0, result.output
    assert "No indicator matched these inputs" not in result.output
    assert (
        "No indicator matched what could be read from these inputs, and 1 warning below says what could"
        " not be checked. That does not mean the phone is clean."
    ) in result.output
    assert (
        "Could not be checked:\n  T/1 line 3 (pm.txt): not in the form of the other lines"
        " (`package:PATH=NAME  installer=X uid:N`): it may have been cut short, so it is not read as an"
        " app; save the list again\n    package:/data/app/~~Zm9v==/com.wifi0-YmFy==/base.apk=c"
    ) in result.output


def test_a_check_in_json_lists_the_warnings(run_cli, case: Case, tmp_path: Path) -> None:
    listing = tmp_path / "pm.txt"
    listing.write_text(NOTES + NOTES.replace("notes", "maps") + CUT)
    result = run_cli(
        "device", "check", str(case.dir), str(listing), "--indicators", str(INDICATORS), "--json"
    )
    (document,) = rows(result)
    assert document["warnings"] == [
        {
            "exhibit": "T/1",
            "locator": "line 3",
            "message": "not in the form of the other lines (`package:PATH=NAME  installer=X uid:N`): it may"
            " have been cut short, so it is not read as an app; save the list again",
            "raw": CUT,
        }
    ]
    assert document["result"] == (
        "No indicator matched what could be read from these inputs, and 1 warning says what could not be"
        " checked. That does not mean the phone is clean."
    )
    spy = tmp_path / "spy.txt"
    spy.write_text(NOTES.replace("com.example.notes", "com.example.spy") + "package:x=\n" + CUT)
    found = rows(
        run_cli("device", "check", str(case.dir), str(spy), "--indicators", str(INDICATORS), "--json")
    )
    assert found and all(r["warnings"] == [w for w in r["warnings"] if w["exhibit"] == "T/2"] for r in found)
    assert [w["locator"] for w in found[0]["warnings"]] == ["line 2", "line 3"]


def _refused_check(run_cli, case: Case, path: Path, indicators: Path = INDICATORS) -> str:
    """Run `device check` on ``path``, expecting exit 1 and the case unchanged; return the output."""
    before = snapshot(case)
    result = run_cli("device", "check", str(case.dir), str(path), "--indicators", str(indicators))
    assert result.exit_code == 1
    assert snapshot(case) == before
    return result.output


def test_truncated_yaml_changes_nothing(run_cli, case: Case) -> None:
    output = _refused_check(
        run_cli, case, DATA / "device_pm_list" / "pm_list.txt", indicators=DATA / "device_indicators_bad"
    )
    assert output.strip() == (
        f"Error: {DATA / 'device_indicators_bad' / 'ioc.yaml'}: not readable YAML at line 3 (the file may be truncated"
        " or edited by hand); copy the indicator snapshot again from its source"
    )


def test_corrupt_pcap_changes_nothing(run_cli, case: Case, tmp_path: Path) -> None:
    bad = tmp_path / "capture.pcap"
    header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    bad.write_bytes(header + struct.pack("<IIII", 1, 0, 0x7FFFFFFF, 60) + b"\x00" * 40)
    assert _refused_check(run_cli, case, bad).strip() == (
        "Error: capture.pcap, packet 1: corrupt capture: packet 1 at byte 24 claims 2,147,483,647 bytes;"
        " the file is damaged — copy it again from the router or capture device"
    )


def test_malformed_plist_changes_nothing(run_cli, case: Case) -> None:
    output = _refused_check(run_cli, case, DATA / "device_ios" / "malformed.plist")
    assert "malformed.plist: not a readable property list" in output


def test_tracker_entry_goes_on_the_timeline(run_cli, case: Case) -> None:
    result = run_cli(
        "device",
        "tracker",
        str(case.dir),
        "--type",
        "AirTag",
        "--serial",
        "H0XJ12345",
        "--where",
        "inside the lining of her handbag",
        "--at",
        "2023-03-14 21:40",
    )
    assert result.exit_code == 0, result.output
    assert (
        "T/1: tracker alert recorded (AirTag, inside the lining of her handbag, 2023-03-14T21:40:00Z)"
        in result.output
    )
    assert (
        "Android tracker alerts vanish after 48 hours: screenshot them and add the screenshots as exhibits."
        in result.output
    )
    (item,) = list(case.store.iter_items())
    assert (item.kind, item.sent_at_utc, item.sent_at_raw, item.tz_source) == (
        "device_finding",
        "2023-03-14T21:40:00Z",
        "2023-03-14 21:40",
        "examiner",
    )
    assert (
        item.text
        == "Unknown tracker alert: AirTag, serial H0XJ12345, found in/at: inside the lining of her handbag"
    )  # was "found inside the lining...": with --where "her car" it read as the tracker finding her car
    (finding,) = case.store.findings("device_indicator")
    assert finding.details["kind"] == "tracker" and finding.item_id == item.id
    assert finding.explanation == (
        "An unknown AirTag was reported (serial H0XJ12345) on 14/03/2023 21:40:00 GMT (+00:00) (UK time);"
        " found in/at: inside the lining of her handbag. The police can ask the maker who registered the"
        " serial number. While it is working it can show where she is: do not take it to a refuge or other"
        " safe address. If she is in danger now, call 999. Ask the police or a specialist adviser before"
        " disabling it, so that the evidence (serial number, owner request) is kept: disabling it may also"
        " alert the person responsible."
    )  # the explanation had no date or time; "do not disable it" had no word of the tracker still working
    actions = [e.action for e in case.store.audit_entries()]
    assert actions[-3:] == ["add", "analyse begin", "analyse"]


def test_a_tracker_entry_is_the_complainants_unless_another_owner_is_given(run_cli, case: Case) -> None:
    # The entry had no owner, so a confirmed tracker on her car never reached `assess` (a tracker found on
    # her or her things is evidence about her): it is the case's complainant's unless --owner names another.
    from footprint.parties import add_person

    add_person(case, "Jane Doe", "complainant")
    add_person(case, "Ann Witness", "witness")
    base = ("device", "tracker", str(case.dir), "--type", "AirTag", "--where", "her car")
    first = run_cli(*base, "--at", "2024-03-06 18:30")
    assert first.exit_code == 0, first.output
    assert "Owner: Jane Doe (the case's complainant; give --owner to name another person)" in first.output
    second = run_cli(*base, "--at", "2024-03-07 18:30", "--owner", "Ann Witness")
    assert second.exit_code == 0, second.output
    assert "Owner: Ann Witness" in second.output
    assert [(e.ref, e.owner) for e in case.store.exhibits()] == [("T/1", "Jane Doe"), ("T/2", "Ann Witness")]
    from footprint.analyse.conduct.evidence import collect_pairs

    add_person(case, "John Smith", "suspect")
    items = {i.exhibit: i.id for i in case.store.iter_items()}
    for item_id in items.values():
        done = run_cli("record", str(case.dir), str(item_id), "--category", "tracker", "--reason", "seen")
        assert done.exit_code == 0, done.output
    [pair] = collect_pairs(case)
    assert [(p.item.id, p.direction) for p in pair.items] == [(items["T/1"], "device")]


def test_tracker_rejects_a_bad_time(run_cli, case: Case) -> None:
    result = run_cli(
        "device", "tracker", str(case.dir), "--type", "Tile", "--where", "car", "--at", "yesterday"
    )
    assert result.exit_code == 1
    assert "--at 'yesterday': give the date and time as YYYY-MM-DD HH:MM (optionally +01:00)" in result.output


def test_one_bad_input_does_not_stop_the_others(run_cli, case: Case, tmp_path: Path) -> None:
    bad = tmp_path / "broken.plist"
    bad.write_bytes((DATA / "device_ios" / "malformed.plist").read_bytes())
    result = run_cli(
        "device",
        "check",
        str(case.dir),
        str(bad),
        str(DATA / "device_pm_list" / "pm_list.txt"),
        "--indicators",
        str(INDICATORS),
    )
    assert result.exit_code == 1
    assert "broken.plist: not added — broken.plist: not a readable property list" in result.output
    assert "Strong indicators (known stalkerware) — 1" in result.output
    assert (
        result.output.strip()
        .splitlines()[-1]
        .startswith("Error: 1 of 2 inputs could not be added and were not checked (")
    )
    assert [e.file_name for e in case.store.exhibits()] == ["pm_list.txt"]


def test_mvt_alerts_are_read_not_run(run_cli, case: Case) -> None:
    result = run_cli(
        "device",
        "check",
        str(case.dir),
        str(DATA / "device_mvt" / "alerts.json"),
        "--indicators",
        str(INDICATORS),
        "--json",
    )
    got = [(r["kind"], r["strength"], r["package"], r["matched_by"]) for r in rows(result)]
    assert got == [
        ("mvt_alert", "strong", "com.example.spy", "mvt:app_ids"),
        ("mvt_alert", "context", "", "mvt"),
    ]
    items = list(case.store.iter_items())
    assert items[0].sent_at_utc == "2023-03-14T09:15:00Z"
    assert [(w.locator, w.message) for w in case.store.warnings()] == [
        ("alerts[2]", "not an MVT alert (no level)")
    ]


def test_environment_variable_and_analyse_repeat_the_check(run_cli, case: Case, monkeypatch) -> None:
    monkeypatch.setenv("FOOTPRINT_INDICATORS", str(INDICATORS))
    info = json.loads(run_cli("device", "indicators", "--json").output)
    assert [s["name"] for s in info["sources"]][0] == "ioc.yaml"
    first = rows(
        run_cli("device", "check", str(case.dir), str(DATA / "device_pm_list" / "pm_list.txt"), "--json")
    )
    monkeypatch.delenv("FOOTPRINT_INDICATORS")
    result = run_cli("analyse", str(case.dir), "--only", "device")
    assert result.exit_code == 0, result.output
    again = [f.details["explanation"] for f in case.store.findings("device_indicator")]
    assert sorted(again) == sorted(r["explanation"] for r in first)


def test_without_indicators_the_builtin_snapshot_is_used(run_cli, case: Case, monkeypatch) -> None:
    monkeypatch.delenv("FOOTPRINT_INDICATORS", raising=False)
    index = load_snapshot()
    result = run_cli("device", "check", str(case.dir), str(DATA / "device_pm_list" / "pm_list.txt"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-2:] == [
        f"Indicator snapshot {index.snapshot} ({index.label()})",
        "Indicators: Footprint built-in allow-list (rules/device/allowlist.yaml); ISDI app-flags by the Cornell"
        " Clinic to End Tech Abuse (stopipv/isdi), MIT licence; Stalkerware indicators by Echap"
        " (AssoEchap/stalkerware-indicators), CC-BY 4.0; TinyCheck allow-list by Kaspersky"
        " (KasperskyLab/TinyCheck), Apache-2.0",
    ]
    stored = json.loads((case.dir / "device-indicators.json").read_text(encoding="utf-8"))
    assert stored == {
        "attribution": list(index.attributions),
        "builtin": True,
        "commits": list(index.commits()),
        "indicators": index.label(),
        "path": None,
        "snapshot": index.snapshot,
    }
    (finding, *_) = case.store.findings("device_indicator")
    assert (finding.details["indicator_snapshot"], finding.details["indicators"]) == (
        index.snapshot,
        index.label(),
    )
    assert finding.details["attribution"] == list(index.attributions)


def test_indicators_names_the_builtin_snapshot_and_its_hash(run_cli, monkeypatch) -> None:
    monkeypatch.delenv("FOOTPRINT_INDICATORS", raising=False)
    index = load_snapshot()
    assert index.builtin is not None
    lines = run_cli("device", "indicators").output.splitlines()
    assert lines[:3] == [
        f"Indicators: {index.label()}",
        f"  {index.builtin.path}  sha256 {hashlib.sha256(shipped_path().read_bytes()).hexdigest()}",
        f"Indicator snapshot {index.snapshot}",
    ]
    info = json.loads(run_cli("device", "indicators", "--json").output)
    assert info["builtin"] == {
        "path": str(shipped_path()),
        "sha256": index.builtin.sha256,
        "built": index.builtin.built,
    }
    folder = json.loads(run_cli("device", "indicators", "--indicators", str(INDICATORS), "--json").output)
    assert (folder["builtin"], folder["indicators"]) == (None, f"the indicator files in {INDICATORS}")


def test_folder_checked_twice_is_one_exhibit(run_cli, case: Case) -> None:
    folder = str(DATA / "device_android" / "androidqf")
    first = run_cli("device", "check", str(case.dir), folder, "--indicators", str(INDICATORS))
    second = run_cli("device", "check", str(case.dir), folder, "--indicators", str(INDICATORS))
    assert first.exit_code == second.exit_code == 0, second.output
    assert "androidqf: already exhibit T/1" in second.output
    assert len(case.store.exhibits()) == 1


def test_map_needs_field_and_value(run_cli, case: Case) -> None:
    path = str(DATA / "device_network" / "dnsmasq.log")
    result = run_cli("device", "check", str(case.dir), path, "--indicators", str(INDICATORS), "--map", "year")
    assert result.exit_code == 2
    assert "'year' is not FIELD=VALUE (e.g. year=2024)" in result.output


DEVICE_INPUTS = (
    "`device check` reads: an androidqf folder; `adb shell pm list packages -f -i -U`;"
    " `adb shell dumpsys package`, `dumpsys accessibility` or `dumpsys device_policy`;"
    " `adb shell settings list secure` / `global` or `adb shell getprop`; an `adb bugreport` zip or folder;"
    " an iPhone backup folder (Finder, iTunes or `idevicebackup2 backup`), its Info.plist or Manifest.db;"
    " `ideviceinstaller -l -o xml`; a pcap or pcapng capture; a dnsmasq, Pi-hole or Zeek DNS log;"
    " a DNS lookup CSV (--format device_dns_csv); MVT's alerts.json"
)


def test_an_unrecognised_input_lists_what_device_check_reads(run_cli, case: Case, tmp_path: Path) -> None:
    ps = tmp_path / "ps.txt"
    ps.write_text("USER PID PPID NAME\nroot 1 0 init\n", encoding="utf-8")
    # was: "a file in no format Footprint reads; `footprint parsers` lists the formats"
    assert _refused_check(run_cli, case, ps).strip() == (
        "Error: ps.txt: not a phone-check input Footprint recognises. It looks like one file of an androidqf,"
        f" bug-report or iPhone backup folder: check the whole folder instead. {DEVICE_INPUTS}. Save the"
        " output to a file and check that, or pass --format NAME if it is one of these (`footprint parsers`"
        " lists the names)."
    )


def test_an_android_backup_says_it_is_not_read(run_cli, case: Case, tmp_path: Path) -> None:
    backup = tmp_path / "phone.ab"
    backup.write_bytes(b"ANDROID BACKUP\n5\n1\nnone\n\x00\x01\x02")
    assert _refused_check(run_cli, case, backup).strip() == (
        "Error: phone.ab: not a phone-check input Footprint recognises. Android backups (`adb backup`, .ab)"
        " are not read: make an androidqf acquisition, or save `adb shell pm list packages -f -i -U`, and"
        f" check that instead. {DEVICE_INPUTS}. Save the output to a file and check that, or pass --format"
        " NAME if it is one of these (`footprint parsers` lists the names)."
    )


def test_a_chat_export_is_not_checked_as_a_phone(run_cli, case: Case, tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("14/03/2023, 09:15 - Craig: where are you\n15/03/2023, 09:16 - Craig: answer me\n")
    # was: added and reported "No indicator matched these inputs" as if a phone had been checked
    assert _refused_check(run_cli, case, chat).strip() == (
        "Error: chat.txt: read as WhatsApp 'Export chat' .txt or .zip (Android and iOS, 12/24 h, any date"
        " order) (`whatsapp`), which is not a phone-check input; it was not added or checked — add it with"
        f" `footprint add` instead. {DEVICE_INPUTS}."
    )


def test_format_must_be_a_device_input(run_cli, case: Case) -> None:
    path = str(DATA / "device_pm_list" / "pm_list.txt")
    for name in ("whatsapp", "nosuch"):
        result = run_cli(
            "device", "check", str(case.dir), path, "--indicators", str(INDICATORS), "--format", name
        )
        assert result.exit_code == 2
        assert result.output.splitlines()[-1] == (
            f"Error: Invalid value for --format: {name} is not a phone-check input; give one of"
            " device_androidqf, device_dns_csv, device_dns_log, device_dumpsys, device_ios, device_mvt,"
            " device_pcap, device_pm_list, device_settings, device_tracker, or leave --format out (add other"
            " exports with `footprint add`)"
        )
    assert list(case.store.exhibits()) == []


def test_a_wrong_format_names_the_one_that_fits(run_cli, case: Case) -> None:
    before = snapshot(case)
    result = run_cli(
        "device",
        "check",
        str(case.dir),
        str(DATA / "device_network" / "dnsmasq.log"),
        "--indicators",
        str(INDICATORS),
        "--format",
        "device_pcap",
    )
    assert result.exit_code == 1
    assert snapshot(case) == before
    assert result.output.strip().endswith(
        "It looks like DNS query log: dnsmasq / Pi-hole (give the year with --map year=YYYY) or Zeek"
        " dns.log: pass --format device_dns_log, or leave --format out."
    )


def test_a_capture_connecting_to_a_c2_address(run_cli, case: Case, tmp_path: Path) -> None:
    from tests.device.test_device_network import pcap, syn

    capture = tmp_path / "router.pcap"
    capture.write_bytes(pcap([syn(bytes([192, 0, 2, 10])), syn(bytes([198, 51, 100, 7]))]))
    result = run_cli(
        "device", "check", str(case.dir), str(capture), "--indicators", str(INDICATORS), "--json"
    )
    assert [
        (r["kind"], r["strength"], r["app"], r["matched_by"], r["domain"], r["first_seen"])
        for r in rows(result)
    ] == [("stalkerware_server", "strong", "ExampleSpy", "ip", "192.0.2.10", "2023-03-14T09:20:00Z")]


def test_first_and_last_seen_are_by_time_to_the_millisecond(run_cli, case: Case, tmp_path: Path) -> None:
    import struct

    from tests.device.test_device_network import frames

    query = frames()[0]  # a DNS query for api.examplespy.example
    capture = tmp_path / "router.pcap"
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    for micros in (500_000, 0, 250_000):  # the capture's own order, not time order
        out += struct.pack("<IIII", 1678785600, micros, len(query), len(query)) + query
    capture.write_bytes(out)
    result = run_cli(
        "device", "check", str(case.dir), str(capture), "--indicators", str(INDICATORS), "--json"
    )
    assert [(r["domain"], r["first_seen"], r["last_seen"]) for r in rows(result)] == [
        ("api.examplespy.example", "2023-03-14T09:20:00Z", "2023-03-14T09:20:00.500Z")
    ]


def test_a_check_without_an_owner_says_assess_will_not_count_its_findings(run_cli, case: Case) -> None:
    # Confirmed spyware on an exhibit with no owner had vanished from `assess` with nothing said here.
    path = str(DATA / "device_pm_list" / "pm_list.txt")
    result = run_cli("device", "check", str(case.dir), path, "--indicators", str(INDICATORS))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "pm_list.txt: added as T/1 (device_pm_list); no owner recorded: `assess` will not count confirmed"
        " findings on it, as whose phone it came from is not recorded (for her phone, record it with"
        " `footprint exhibit owner CASE REF --person NAME --reason TEXT`)"
    )
    assert run_cli("person", "add", str(case.dir), "Alice Victim", "--role", "complainant").exit_code == 0
    other = DATA / "device_settings" / "settings_secure.txt"
    owned = run_cli("device", "check", str(case.dir), str(other), "--owner", "Alice Victim")
    assert owned.exit_code == 0, owned.output
    assert owned.output.splitlines()[0] == "settings_secure.txt: added as T/2 (device_settings)"
