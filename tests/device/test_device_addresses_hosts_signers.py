"""What the device check still missed: Echap `distribution` addresses indexed as names, plain-HTTP `Host`
names in captures, and allow-listed package ids taken by an app signed by someone else."""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from footprint.case import Case
from footprint.device.check import check_address, check_package
from footprint.device.indicators import IndicatorIndex, load_indicators
from footprint.device.pcap import HTTP_HEAD, _http_host
from footprint.device.snapshot_file import load_snapshot
from tests.device.conftest import summary
from tests.device.test_device_network import ethernet, ipv4, pcap, syn

GOOGLE = "38918A453D07199354F8B19AF05EC6562CED5788"  # Google's release key (Play services, Play Store)
IOC = """\
- name: ExampleSpy
  type: stalkerware
  packages: [com.example.spy]
  websites: [examplespy.example]
  distribution: [178.63.71.15, "http://[2001:db8::7]/get.apk", "http://198.51.100.9:8080/app.apk", dl.examplespy.example, 104.18.0.9]
  c2:
    domains: [api.examplespy.example]
    ips: [104.18.54.129, 198.51.100.9]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "indicators"
    root.mkdir()
    (root / "ioc.yaml").write_text(IOC, encoding="utf-8")
    return root


# --- Echap `distribution` addresses ----------------------------------------------------------------------


def test_distribution_addresses_are_indexed_and_matched_as_addresses(index: IndicatorIndex) -> None:
    # was: 178.63.71.15 indexed as a domain name, so a connection to it was never matched
    assert sorted(index.domains) == ["api.examplespy.example", "dl.examplespy.example", "examplespy.example"]
    assert {k: sorted(d.role for d in v) for k, v in index.ips.items()} == {
        "104.18.0.9": ["distribution"],
        "104.18.54.129": ["c2"],
        "178.63.71.15": ["distribution"],
        "198.51.100.9": ["c2", "distribution"],
        "2001:db8::7": ["distribution"],
    }
    base = {"observation": "connection", "client": "192.168.1.23"}
    (download,) = check_address(index, {**base, "address": "178.63.71.15"})
    assert summary([download]) == [("stalkerware_server", "strong", "ExampleSpy", "ip")]
    assert download.explanation == (
        "The device at 192.168.1.23 connected to 178.63.71.15 (TCP), an address of a download server from"
        " which ExampleSpy, which is stalkerware, is offered for download. This suggests the app may have been"
        " downloaded on the phone or a device on the same network. Do not remove it yet: that may alert the"
        " person responsible; preserve the evidence first."
    )
    (both,) = check_address(index, {**base, "address": "198.51.100.9"})  # listed as C2 too: the C2 wording
    assert both.explanation.startswith(
        "The device at 192.168.1.23 connected to 198.51.100.9 (TCP), an address of a server used by ExampleSpy"
    )
    (shared,) = check_address(index, {**base, "address": "104.18.0.9"})  # Cloudflare: weak on its own
    assert summary([shared]) == [("shared_address", "weak", "ExampleSpy", "ip")]
    assert "an address the indicators list for a download server of ExampleSpy" in shared.explanation


def test_the_builtin_snapshot_holds_hellospys_distribution_address_as_an_address() -> None:
    snapshot = load_snapshot()
    assert "178.63.71.15" not in snapshot.domains
    assert [(d.app, d.role) for d in snapshot.ips["178.63.71.15"]] == [("HelloSpy", "distribution")]


# --- plain-HTTP Host ---------------------------------------------------------------------------------------


def http_to(destination: bytes, request: bytes) -> bytes:
    tcp = struct.pack("!HHIIBBHHH", 50002, 80, 9, 1, 5 << 4, 0x18, 65535, 0, 0)
    packet = bytearray(ipv4(6, tcp + request))
    packet[16:20] = destination
    return ethernet(bytes(packet))


def get(host: bytes) -> bytes:
    return b"GET /upload?id=1 HTTP/1.1\r\nUser-Agent: x\r\nHost: " + host + b"\r\nAccept: */*\r\n\r\n"


def test_a_plain_http_host_tells_a_shared_cdn_connection_apart_as_tls_sni_does(
    run_cli: Callable[..., Result], case: Case, folder: Path, tmp_path: Path
) -> None:
    cloudflare = bytes([104, 18, 54, 129])
    spy = tmp_path / "spy-http.pcap"
    spy.write_bytes(pcap([syn(cloudflare), http_to(cloudflare, get(b"API.examplespy.example:80"))]))
    result = run_cli("device", "check", str(case.dir), str(spy), "--indicators", str(folder), "--json")
    found = [json.loads(line) for line in result.output.splitlines()]
    # was: the Host was not read, so the connection stayed a weak shared_address finding
    assert [(f["kind"], f["strength"], f["matched_by"]) for f in found] == [
        ("stalkerware_server", "strong", "ip"),
        ("stalkerware_server", "strong", "domain"),
    ]
    assert found[0]["explanation"].startswith(
        "The device at 192.168.1.23 connected to 104.18.54.129 (TCP) asking for api.examplespy.example (HTTP),"
        " an address and name of a server used by ExampleSpy"
    )
    assert found[1]["explanation"].startswith(
        "The device at 192.168.1.23 connected to API.examplespy.example (HTTP), a server used by ExampleSpy"
    )
    texts = [i.text for i in case.store.iter_items()]
    assert "HTTP request to API.examplespy.example from 192.168.1.23" in texts
    bakery = tmp_path / "bakery-http.pcap"
    bakery.write_bytes(pcap([syn(cloudflare), http_to(cloudflare, get(b"www.example-bakery.co.uk"))]))
    result = run_cli("device", "check", str(case.dir), str(bakery), "--indicators", str(folder), "--json")
    assert '"findings": []' in result.output


def test_the_host_header_is_read_only_from_a_request_s_own_headers_within_its_bound() -> None:
    assert _http_host(get(b"api.examplespy.example:8080")) == "api.examplespy.example"
    assert _http_host(get(b"[2001:db8::7]:80")) == "[2001:db8::7]"
    assert _http_host(b"HTTP/1.1 200 OK\r\nHost: api.examplespy.example\r\n\r\n") is None  # a response
    assert (
        _http_host(b"GET / HTTP/1.1\r\nX: y\r\n\r\nHost: api.examplespy.example\r\n") is None
    )  # in the body
    assert _http_host(get(b"<script>alert(1)</script>")) is None
    late = b"GET / HTTP/1.1\r\n" + b"X-Pad: " + b"a" * HTTP_HEAD + b"\r\nHost: api.examplespy.example\r\n\r\n"
    assert _http_host(late) is None  # beyond the bound: not looked for


# --- allow-list by (package, certificate) ------------------------------------------------------------------


def test_an_allow_listed_id_signed_by_another_certificate_is_not_hidden(index: IndicatorIndex) -> None:
    assert index.allow_signers["com.google.android.gms"] == frozenset({GOOGLE})
    details = {
        "package": "com.google.android.gms",
        "cert_sha1": "0123456789abcdef0123456789abcdef01234567",
        "installer": "com.google.android.packageinstaller",
        "system": "no",
    }
    found = check_package(index, details)
    # was: nothing at all, as the package id is allow-listed whoever signed it
    assert summary(found) == [
        ("unexpected_signer", "context", "com.google.android.gms", "certificate"),
        ("sideloaded", "context", "com.google.android.gms", "installer"),
    ]
    assert found[0].explanation == (
        "com.google.android.gms is the package id of a well-known app, but this app is signed by a different"
        " certificate (0123456789ABCDEF0123456789ABCDEF01234567) from the one its publisher signs it with:"
        " another app may have taken its id to look harmless. Check what the app is and who installed it."
    )
    genuine = {"package": "com.google.android.gms", "cert_sha1": GOOGLE.lower(), "system": "yes"}
    assert check_package(index, genuine) == []
    assert (
        check_package(index, {"package": "com.google.android.gms", "system": "yes"}) == []
    )  # no signer known


def test_an_allow_list_pair_without_certificates_is_refused(folder: Path) -> None:
    (folder / "allowlist.yaml").write_text("packages:\n  - id: com.example.notes\n", encoding="utf-8")
    from footprint.errors import InputError

    with pytest.raises(InputError) as refused:
        load_indicators(folder)
    assert str(refused.value) == (
        f"{folder / 'allowlist.yaml'}: a package entry that is a mapping needs an id and a list of certificates"
        " ({'id': 'com.example.notes'}); fix or remove the allow-list"
    )


# --- STIX names: servers, websites and download links --------------------------------------------------


def _stix(path: Path) -> Path:
    def indicator(n: int, pattern: str, **words: object) -> dict[str, object]:
        return {"type": "indicator", "id": f"indicator--{n}", "pattern": pattern, **words}

    objects: list[dict[str, object]] = [
        {
            "type": "malware",
            "id": "malware--1",
            "name": "ExampleSpy",
            "description": "Stalkerware application",
        },
        indicator(1, "[domain-name:value='api.examplespy.example']", indicator_types=["malicious-activity"]),
        indicator(2, "[domain-name:value='www.examplespy.example']", name="ExampleSpy website"),
        indicator(3, "[url:value='https://files.example.org/examplespy.apk']"),
    ]
    objects += [
        {
            "type": "relationship",
            "relationship_type": "indicates",
            "source_ref": f"indicator--{n}",
            "target_ref": "malware--1",
        }  # fmt: skip
        for n in (1, 2, 3)
    ]
    path.write_text(json.dumps({"type": "bundle", "objects": objects}), encoding="utf-8")
    return path


def test_stix_names_are_graded_by_what_their_indicator_says_they_are(tmp_path: Path) -> None:
    from footprint.device.check import check_domain

    index = load_indicators(_stix(tmp_path / "bundle.stix2"))
    assert {k: [d.role for d in v] for k, v in index.domains.items()} == {
        "api.examplespy.example": ["c2"],
        "files.example.org": ["distribution"],
        "www.examplespy.example": ["website"],
    }
    # was: every STIX name a server: "strong … suggests the app was running" for a website or download link
    seen = {
        name: summary(check_domain(index, {"domain": name, "client": "192.168.1.23"}))
        for name in index.domains
    }
    assert seen == {
        "api.examplespy.example": [("stalkerware_server", "strong", "ExampleSpy", "domain")],
        "files.example.org": [("vendor_site", "weak", "ExampleSpy", "domain")],
        "www.examplespy.example": [("vendor_site", "weak", "ExampleSpy", "domain")],
    }
    (download,) = check_domain(index, {"domain": "files.example.org"})
    assert download.explanation == (
        "files.example.org is a site offering ExampleSpy (stalkerware). Visiting it is weak evidence: someone"
        " may have looked at or bought the product."
    )
