"""Loading stalkerware and monitoring indicators (Echap, STIX2, ISDI, allow-lists) into one index."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from footprint.device import rules
from footprint.device.attribution import ATTRIBUTIONS
from footprint.device.domains import normalise_address, normalise_domain
from footprint.errors import InputError

INDEX_VERSION = 3  # 2: public and shared signing keys left out; ISDI team ids only on App Store rows
# 3: an address listed as a name (Echap's `distribution`: HelloSpy's 178.63.71.15) is indexed as an address;
# a STIX name is a website or download site when its indicator says so, and a STIX URL a download site
SHARED_CERTIFICATE_APPS = 3  # a certificate the sources give for this many apps or more is not indexed
ON_STORE = frozenset({"playstore", "appstore"})
_COMMIT = re.compile(r"\b[0-9a-f]{40}\b")
_NAMES = {"echap": "Echap", "isdi": "ISDI", "tinycheck": "TinyCheck", "stix": "STIX"}
_TEAM_ID = re.compile(r"^[0-9A-Z]{10}\.")  # an Apple developer team id: ten upper-case letters or digits
_STIX_PATTERN = re.compile(r"^\[\s*([a-z0-9:._-]+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]$")


@dataclass(frozen=True)
class AppIndicator:
    """An app an indicator names: its name, type (stalkerware, watchware, dual-use...) and source."""

    app: str
    type: str
    source: str
    platform: str = "any"
    store: str = ""  # ISDI's store column (playstore, appstore, offstore); "" for other sources


@dataclass(frozen=True)
class DomainIndicator:
    """A domain an app uses, with its role (``c2``, ``website`` or ``distribution``)."""

    app: str
    type: str
    role: str
    source: str


@dataclass(frozen=True)
class SourceInfo:
    """One loaded indicator file: where it came from, its hash, commit, licence and counts."""

    name: str
    kind: str
    path: str
    sha256: str
    commit: str | None
    attribution: str
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class BuiltinSnapshot:
    """The indicator snapshot shipped inside Footprint: its file, the file's SHA-256 and build date."""

    path: str
    sha256: str
    built: str


@dataclass(frozen=True)
class IndicatorIndex:
    """Every indicator, keyed for matching; values are lower-case (hashes upper-case hex)."""

    packages: Mapping[str, tuple[AppIndicator, ...]]
    certificates: Mapping[str, tuple[AppIndicator, ...]]
    apk_sha256: Mapping[str, tuple[AppIndicator, ...]]
    domains: Mapping[str, tuple[DomainIndicator, ...]]
    allow_packages: frozenset[str]
    allow_certificates: frozenset[str]
    allow_apk_sha256: frozenset[str]
    allow_domains: frozenset[str]
    sources: tuple[SourceInfo, ...] = field(default=())
    ips: Mapping[str, tuple[DomainIndicator, ...]] = field(default_factory=dict)
    builtin: BuiltinSnapshot | None = None
    #: allow-listed package ids allowed only when signed by one of these certificates (upper-case hex)
    allow_signers: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @property
    def snapshot(self) -> str:
        """A hash naming exactly which indicator files (by content) were loaded.

        For the built-in snapshot the shipped file's own SHA-256 is hashed in too: a snapshot derived
        again from the same upstream files (say by a corrected loader) gets a new hash."""
        text = "\n".join(f"{s.kind} {s.name} {s.sha256}" for s in self.sources)
        if self.builtin is not None:
            text += f"\nbuilt-in {self.builtin.sha256}"
        return hashlib.sha256(f"v{INDEX_VERSION}\n{text}".encode()).hexdigest()

    def label(self) -> str:
        """Which indicators these are, in words: the built-in snapshot and its commits, or the folders."""
        if self.builtin is not None:
            upstream = ", ".join(f"{_NAMES.get(k, k)} @ {c}" for k, c in self.upstream_commits())
            upstream = upstream or "sources with no recorded commit"
            return f"built-in snapshot of {upstream}, built {self.builtin.built}"
        files = [s.path for s in self.sources if s.kind != "footprint"]
        return f"the indicator files in {os.path.commonpath(files)}" if files else "no indicator files"

    def upstream_commits(self) -> tuple[tuple[str, str], ...]:
        """``(kind, commit)`` of each upstream source with a recorded commit, sorted."""
        return tuple(sorted({(s.kind, s.commit) for s in self.sources if s.commit}))

    @property
    def attributions(self) -> tuple[str, ...]:
        """Attribution lines every report using these indicators must carry."""
        return tuple(sorted({s.attribution for s in self.sources}))

    def commits(self) -> tuple[str, ...]:
        """The upstream commits the loaded snapshots were taken from."""
        return tuple(f"{kind}@{commit}" for kind, commit in self.upstream_commits())


class _Builder:
    def __init__(self) -> None:
        self.packages: dict[str, set[AppIndicator]] = {}
        self.certificates: dict[str, set[AppIndicator]] = {}
        self.apk_sha256: dict[str, set[AppIndicator]] = {}
        self.domains: dict[str, set[DomainIndicator]] = {}
        self.ips: dict[str, set[DomainIndicator]] = {}
        self.allow: dict[str, set[str]] = {
            "packages": set(),
            "certificates": set(),
            "apk": set(),
            "domains": set(),
        }
        self.signers: dict[str, set[str]] = {}
        self.sources: list[SourceInfo] = []

    def app(self, table: dict[str, set[AppIndicator]], key: str, value: AppIndicator) -> None:
        if key:
            table.setdefault(key, set()).add(value)

    def domain(self, raw: str, value: DomainIndicator) -> None:
        """Index a name (or a URL's host); an address given as one (Echap's ``distribution`` lists some)
        is indexed as an address, matched against connections."""
        name = normalise_domain(raw)
        if address := normalise_address(name.strip("[]")):
            self.ips.setdefault(address, set()).add(value)
        elif name:
            self.domains.setdefault(name, set()).add(value)

    def address(self, raw: str, value: DomainIndicator) -> None:
        if address := normalise_address(raw):
            self.ips.setdefault(address, set()).add(value)

    def build(self) -> IndicatorIndex:
        def freeze(table: Mapping[str, set[Any]]) -> dict[str, tuple[Any, ...]]:
            return {k: tuple(sorted(v, key=repr)) for k, v in sorted(table.items())}

        return IndicatorIndex(
            packages=freeze(self.packages),
            certificates=freeze(
                {k: v for k, v in self.certificates.items() if not public_or_shared_key(k, v)}
            ),
            apk_sha256=freeze(self.apk_sha256),
            domains=freeze(self.domains),
            allow_packages=frozenset(self.allow["packages"]),
            allow_certificates=frozenset(self.allow["certificates"]),
            allow_apk_sha256=frozenset(self.allow["apk"]),
            allow_domains=frozenset(self.allow["domains"]),
            sources=tuple(sorted(self.sources, key=lambda s: (s.kind, s.name))),
            ips=freeze(self.ips),
            allow_signers=_merged(self.signers),
        )


def public_or_shared_key(certificate: str, apps: Iterable[AppIndicator]) -> bool:
    """Whether a signing certificate says nothing about which app it signed: a published platform or
    test key (the AOSP testkey signs hobby apps and every ``test-keys`` build), or one the sources give
    for :data:`SHARED_CERTIFICATE_APPS` or more different apps."""
    if certificate in rules.knowledge().get("public_signing_keys", {}):
        return True
    return len({a.app.lower() for a in apps}) >= SHARED_CERTIFICATE_APPS


def load_indicators(*paths: Path, builtin_allowlist: bool = True) -> IndicatorIndex:
    """Load every indicator file under each of ``paths`` (folders or single files) into one index."""
    builder = _Builder()
    for path in paths:
        _load_path(builder, path)
    index = builder.build()
    return with_footprint_allowlist(index) if builtin_allowlist else index


def with_footprint_allowlist(index: IndicatorIndex) -> IndicatorIndex:
    """``index`` plus Footprint's own allow-list (``rules/device/allowlist.yaml``), always applied."""
    builder = _Builder()
    _load_allowlist(builder, rules.path("allowlist.yaml"), "footprint")
    return replace(
        index,
        allow_packages=index.allow_packages | builder.allow["packages"],
        allow_certificates=index.allow_certificates | builder.allow["certificates"],
        allow_apk_sha256=index.allow_apk_sha256 | builder.allow["apk"],
        allow_domains=index.allow_domains | builder.allow["domains"],
        sources=tuple(sorted((*index.sources, *builder.sources), key=lambda s: (s.kind, s.name))),
        allow_signers=_merged(index.allow_signers, builder.signers),
    )


def _merged(*tables: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    merged: dict[str, set[str]] = {}
    for table in tables:
        for package, certificates in table.items():
            merged.setdefault(package, set()).update(certificates)
    return {package: frozenset(certificates) for package, certificates in sorted(merged.items())}


def _load_path(builder: _Builder, path: Path) -> None:
    if not path.exists():
        raise InputError(
            f"{path}: no such indicator folder; pass --indicators PATH (or set FOOTPRINT_INDICATORS)"
            " to a folder holding the Echap stalkerware-indicators files"
        )
    before = len(builder.sources)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    echap_dirs = {p.parent for p in files if p.name in ("ioc.yaml", "watchware.yaml")}
    for file in files:
        name = file.name
        if name in ("ioc.yaml", "watchware.yaml"):
            _load_echap_yaml(builder, file)
        elif name == "samples.csv" and file.parent in echap_dirs:
            _load_samples(builder, file)
        elif name == "app-flags.csv":
            _load_isdi(builder, file)
        elif name == "whitelist.json":
            _load_tinycheck_allow(builder, file)
        elif name in ("allowlist.yaml", "allow-list.yaml"):
            _load_allowlist(builder, file, "allowlist")
        elif name.endswith((".stix2", ".stix2.json", ".stix.json")) and not any(
            d in file.parents for d in echap_dirs
        ):
            _load_stix(builder, file)
    if len(builder.sources) == before:
        raise InputError(
            f"{path}: no indicator files found (looked for ioc.yaml, watchware.yaml, samples.csv,"
            " *.stix2, app-flags.csv, whitelist.json, allowlist.yaml); point --indicators at the"
            " folder holding them"
        )


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot be read ({exc.strerror}); check the indicator folder") from exc


def _commit(file: Path) -> str | None:
    for folder in (file.parent, file.parent.parent):
        source = folder / "SOURCE.md"
        if source.is_file():
            found = _COMMIT.search(source.read_text(encoding="utf-8", errors="replace"))
            if found:
                return found.group(0)
    return None


def _source(builder: _Builder, file: Path, kind: str, data: bytes, counts: dict[str, int]) -> None:
    builder.sources.append(
        SourceInfo(
            name=file.name,
            kind=kind,
            path=str(file),
            sha256=hashlib.sha256(data).hexdigest(),
            commit=_commit(file),
            attribution=ATTRIBUTIONS[kind],
            counts=tuple(sorted(counts.items())),
        )
    )


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int | float)]
    return []


def _load_echap_yaml(builder: _Builder, file: Path) -> None:
    data = _read(file)
    try:
        entries = yaml.load(data.decode("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader is safe
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(
            f"{file}: not readable YAML{where} (the file may be truncated or edited by hand);"
            " copy the indicator snapshot again from its source"
        ) from exc
    if not isinstance(entries, list):
        raise InputError(f"{file}: expected a YAML list of apps; copy the indicator snapshot again")
    default = "watchware" if file.name == "watchware.yaml" else "stalkerware"
    counts = {"apps": 0, "packages": 0, "certificates": 0, "c2_domains": 0, "c2_ips": 0, "websites": 0}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise InputError(f"{file}: entry {number} has no name; copy the indicator snapshot again")
        indicator = AppIndicator(entry["name"], str(entry.get("type") or default), "echap")
        counts["apps"] += 1
        android = AppIndicator(indicator.app, indicator.type, "echap", "android")
        ios = AppIndicator(indicator.app, indicator.type, "echap", "ios")
        for key, value in (("packages", android), ("ios_bundles", ios)):
            for package in _strings(entry.get(key)):
                builder.app(builder.packages, package.strip().lower(), value)
                counts["packages"] += 1
        for cert in _strings(entry.get("certificates")):
            builder.app(builder.certificates, cert.strip().upper().replace(":", ""), indicator)
            counts["certificates"] += 1
        c2 = entry.get("c2") if isinstance(entry.get("c2"), dict) else {}
        assert isinstance(c2, dict)
        for role, values in (
            ("c2", _strings(c2.get("domains"))),
            ("website", _strings(entry.get("websites"))),
            ("distribution", _strings(entry.get("distribution"))),
        ):
            for domain in values:
                builder.domain(domain, DomainIndicator(indicator.app, indicator.type, role, "echap"))
                counts["c2_domains" if role == "c2" else "websites"] += role != "distribution"
        for address in [*_strings(c2.get("ips")), *_strings(c2.get("ip"))]:  # two entries spell it `ip`
            builder.address(address, DomainIndicator(indicator.app, indicator.type, "c2", "echap"))
            counts["c2_ips"] += 1
    _source(builder, file, "echap", data, counts)


def _load_samples(builder: _Builder, file: Path) -> None:
    data = _read(file)
    rows = csv.DictReader(io.StringIO(data.decode("utf-8", "replace")))
    if rows.fieldnames is None or "SHA256" not in rows.fieldnames:
        raise InputError(f"{file}: no SHA256 column; expected SHA256,Package Name,Certificate,Version,App")
    count = 0
    for row in rows:
        indicator = AppIndicator(row.get("App") or "unknown", "stalkerware", "echap")
        builder.app(builder.apk_sha256, (row.get("SHA256") or "").strip().upper(), indicator)
        cert = (row.get("Certificate") or "").strip().upper()
        if cert:
            builder.app(builder.certificates, cert, indicator)
        count += 1
    _source(builder, file, "echap", data, {"samples": count})


def _load_isdi(builder: _Builder, file: Path) -> None:
    data = _read(file)
    rows = csv.DictReader(io.StringIO(data.decode("latin-1")))
    if rows.fieldnames is None or "appId" not in rows.fieldnames or "flag" not in rows.fieldnames:
        raise InputError(f"{file}: not the ISDI app-flags list (expected the header appId,store,flag,title)")
    counts: dict[str, int] = {}
    flagged: list[tuple[str, str, str, str]] = []  # id, flag, store, title
    titles: dict[str, str] = {}
    for row in rows:
        flag = (row.get("flag") or "").strip()
        app_id = (row.get("appId") or "").strip()
        store = (row.get("store") or "").strip().lower()
        if store == "appstore" and _TEAM_ID.match(app_id):
            app_id = app_id.split(".", 1)[1]  # an iOS id with its developer team id in front
        app_id = app_id.lower()
        title = (row.get("title") or "").strip()
        if title and app_id:
            titles.setdefault(app_id, title)
        if flag in ("dual-use", "stalkerware", "spyware") and app_id:
            flagged.append((app_id, flag, store, title))
            counts[flag] = counts.get(flag, 0) + 1
    for app_id, flag, store, title in flagged:
        name = title or titles.get(app_id) or app_id  # a row with no title takes another row's
        builder.app(builder.packages, app_id, AppIndicator(name, flag, "isdi", store=store))
    _source(builder, file, "isdi", data, counts)


def _load_tinycheck_allow(builder: _Builder, file: Path) -> None:
    data = _read(file)
    try:
        elements = json.loads(data).get("elements", [])
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError) as exc:
        raise InputError(f"{file}: not readable JSON; copy the TinyCheck allow-list again") from exc
    count = 0
    for element in elements:
        if isinstance(element, dict) and element.get("type") == "domain":
            builder.allow["domains"].add(normalise_domain(str(element.get("element", ""))))
            count += 1
    _source(builder, file, "tinycheck", data, {"allow_domains": count})


def _load_allowlist(builder: _Builder, file: Path, kind: str) -> None:
    data = _read(file)
    try:
        loaded = yaml.safe_load(data.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{file}: not readable YAML; fix or remove the allow-list") from exc
    if not isinstance(loaded, dict):
        raise InputError(f"{file}: an allow-list is a mapping of packages, certificates, apk_sha256, domains")
    counts = {}
    signed = _signed_packages(file, loaded.get("packages"))
    for package, certificates in signed.items():
        builder.signers.setdefault(package, set()).update(certificates)
    builder.allow["packages"].update(signed)
    for key, target, norm in (
        ("packages", "packages", str.lower),
        ("certificates", "certificates", str.upper),
        ("apk_sha256", "apk", str.upper),
        ("domains", "domains", normalise_domain),
    ):
        values = [norm(v.strip()) for v in _strings(loaded.get(key))]
        builder.allow[target].update(values)
        counts[key] = len(values) + (len(signed) if key == "packages" else 0)
    _source(builder, file, kind, data, counts)


def _signed_packages(file: Path, entries: object) -> dict[str, set[str]]:
    """The allow-list's ``{id: PACKAGE, certificates: [SHA-1 or SHA-256, ...]}`` entries: an id allowed
    only when its app is signed by one of those certificates."""
    signed: dict[str, set[str]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        package, certificates = entry.get("id"), _strings(entry.get("certificates"))
        if not isinstance(package, str) or not package.strip() or not certificates:
            raise InputError(
                f"{file}: a package entry that is a mapping needs an id and a list of certificates"
                f" ({entry!r}); fix or remove the allow-list"
            )
        signed.setdefault(package.strip().lower(), set()).update(
            c.strip().upper().replace(":", "") for c in certificates
        )
    return signed


def _load_stix(builder: _Builder, file: Path) -> None:
    data = _read(file)
    try:
        bundle = json.loads(data)
        objects = bundle["objects"]
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{file}: not a readable STIX2 bundle (JSON with objects); copy it again") from exc
    names = {o["id"]: str(o.get("name", "")) for o in objects if o.get("type") == "malware" and "id" in o}
    kinds = {
        o["id"]: "watchware" if "watchware" in str(o.get("description", "")).lower() else "stalkerware"
        for o in objects
        if o.get("type") == "malware" and "id" in o
    }
    owner = {
        o["source_ref"]: o["target_ref"]
        for o in objects
        if o.get("type") == "relationship" and o.get("relationship_type") == "indicates"
    }
    counts: dict[str, int] = {}
    for obj in objects:
        if obj.get("type") != "indicator":
            continue
        match = _STIX_PATTERN.match(str(obj.get("pattern", "")).strip())
        if not match:
            continue
        field_name, value = match.group(1), match.group(2)
        malware = owner.get(str(obj.get("id")), "")
        indicator = AppIndicator(names.get(malware) or "unknown", kinds.get(malware, "stalkerware"), "stix")
        counts[field_name] = counts.get(field_name, 0) + 1
        if field_name == "app:id":
            builder.app(builder.packages, value.lower(), indicator)
        elif field_name.startswith("app:cert."):
            builder.app(builder.certificates, value.upper(), indicator)
        elif field_name == "file:hashes.sha256":
            builder.app(builder.apk_sha256, value.upper(), indicator)
        elif field_name in ("domain-name:value", "url:value"):
            role = _stix_role(obj, field_name)
            builder.domain(value, DomainIndicator(indicator.app, indicator.type, role, "stix"))
    _source(builder, file, "stix", data, counts)


def _stix_role(indicator: Mapping[str, Any], field_name: str) -> str:
    """What a STIX name is: ``website`` or ``distribution`` when the indicator's own name, description or
    labels say so; a ``url:value`` is a page to fetch (Echap's bundle gives download links so), not a
    server an app calls; any other name is taken as a server (``c2``), as the bundle does not say."""
    words = " ".join(
        " ".join(_strings(indicator.get(key))) for key in ("name", "description", "labels", "indicator_types")
    ).lower()
    if "website" in words:
        return "website"
    if "distribution" in words or "download" in words or field_name == "url:value":
        return "distribution"
    return "c2"


def describe(index: IndicatorIndex) -> dict[str, Any]:
    """What is loaded, for `device indicators` and reports."""
    builtin = index.builtin
    return {
        "snapshot": index.snapshot,
        "indicators": index.label(),
        "builtin": {"path": builtin.path, "sha256": builtin.sha256, "built": builtin.built}
        if builtin
        else None,
        "sources": [
            {
                "name": s.name,
                "kind": s.kind,
                "path": s.path,
                "sha256": s.sha256,
                "commit": s.commit,
                "attribution": s.attribution,
                "counts": dict(s.counts),
            }
            for s in index.sources
        ],
        "totals": {
            "packages": len(index.packages),
            "certificates": len(index.certificates),
            "apk_sha256": len(index.apk_sha256),
            "domains": len(index.domains),
            "ips": len(index.ips),
            "allow_listed": len(index.allow_packages) + len(index.allow_domains),
        },
        "attribution": list(index.attributions),
    }
