"""Indicator loading: counts equal the SOURCE.md figures; STIX2, ISDI, allow-lists; bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.device.attribution import attribution_lines
from footprint.device.indicators import describe, load_indicators
from footprint.errors import InputError
from tests.conftest import DATA


def counts(path: Path, name: str) -> dict[str, int]:
    info = describe(load_indicators(path, builtin_allowlist=False))
    return next(s["counts"] for s in info["sources"] if s["name"] == name)


def test_echap_counts_match_source_md(shared_data: Path) -> None:
    echap = shared_data / "stalkerware-indicators"
    assert counts(echap, "ioc.yaml") == {
        "apps": 147, "c2_domains": 925, "c2_ips": 68, "certificates": 472, "packages": 616, "websites": 624,
    }  # fmt: skip
    assert counts(echap, "watchware.yaml") == {
        "apps": 27, "c2_domains": 67, "c2_ips": 1, "certificates": 14, "packages": 36, "websites": 46,
    }  # fmt: skip
    assert counts(echap, "samples.csv") == {"samples": 3228}
    info = describe(load_indicators(echap))
    assert {s["commit"] for s in info["sources"] if s["kind"] == "echap"} == {
        "a04c5c1958bff93fec3b1b56edbb412b209f2a38"
    }


def test_stix_bundle(shared_data: Path) -> None:
    stix = shared_data / "stalkerware-indicators" / "generated" / "stalkerware.stix2"
    assert counts(stix, "stalkerware.stix2") == {
        "app:cert.sha1": 486, "app:id": 652, "domain-name:value": 1705, "file:hashes.sha256": 3228, "url:value": 2,
    }  # fmt: skip
    index = load_indicators(stix)
    (spy,) = index.packages["com.wifi0"]
    assert (spy.app, spy.type, spy.source) == ("SpyLive360", "stalkerware", "stix")


def test_isdi_and_tinycheck(shared_data: Path) -> None:
    assert counts(shared_data / "isdi-app-flags", "app-flags.csv") == {
        "dual-use": 5150,
        "spyware": 13,
        "stalkerware": 613,
    }
    index = load_indicators(shared_data / "tinycheck-iocs")
    assert "gstatic.com" in index.allow_domains or "connectivitycheck.gstatic.com" in index.allow_domains


def test_synthetic_index_and_attribution() -> None:
    index = load_indicators(DATA / "device_indicators")
    assert [i.app for i in index.packages["com.example.spy"]] == ["ExampleSpy"]
    assert index.packages["com.example.familyfinder.ios"][0].platform == "ios"
    assert index.certificates["AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12"][0].app == "ExampleSpy"
    assert [d.role for d in index.domains["api.examplespy.example"]] == ["c2"]
    assert attribution_lines(["echap", "isdi", "unknown"]) == [
        "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0",
        "ISDI app-flags by the Cornell Clinic to End Tech Abuse (stopipv/isdi), MIT licence",
    ]


def test_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_indicators(tmp_path / "nowhere")
    assert str(err.value).endswith(
        "no such indicator folder; pass --indicators PATH (or set FOOTPRINT_INDICATORS) to a folder holding"
        " the Echap stalkerware-indicators files"
    )
    with pytest.raises(InputError, match="no indicator files found"):
        load_indicators(tmp_path)


def test_entry_without_name(tmp_path: Path) -> None:
    (tmp_path / "ioc.yaml").write_text("- packages: [com.example.x]\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_indicators(tmp_path)
    assert (
        str(err.value) == f"{tmp_path / 'ioc.yaml'}: entry 1 has no name; copy the indicator snapshot again"
    )
