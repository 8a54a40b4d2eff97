"""The indicator snapshot shipped inside Footprint: written by ``tools/build_indicators.py``, read by default.

The file holds only what matching needs, derived from the upstream files by ``load_indicators`` (no
upstream file is copied): the app, certificate, APK-hash, domain and address tables with the app each
entry names, its type, role and source; the allow-listed domains; and, per upstream file, its SHA-256,
commit, counts, licence and attribution line. It is plain JSON with sorted keys, one table entry a line,
so the same upstream files and build date give the same bytes and a new snapshot reviews as a diff.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from footprint.device import rules
from footprint.device.indicators import (
    AppIndicator,
    BuiltinSnapshot,
    DomainIndicator,
    IndicatorIndex,
    SourceInfo,
    with_footprint_allowlist,
)
from footprint.errors import InputError

FORMAT = "footprint-indicator-snapshot"
FORMAT_VERSION = 1
SHIPPED = "indicators.json"
LICENCES = {"echap": "CC-BY-4.0", "isdi": "MIT", "tinycheck": "Apache-2.0"}
REPOSITORIES = {
    "echap": "github.com/AssoEchap/stalkerware-indicators",
    "isdi": "github.com/stopipv/isdi",
    "tinycheck": "github.com/KasperskyLab/TinyCheck",
}
NOTICE = (
    "Derived by Footprint (tools/build_indicators.py) from the upstream files listed in sources, each under"
    " its own licence: only what matching needs is kept (package and bundle ids lower-cased, certificate and"
    " APK hashes upper-cased without colons, domains normalised); no upstream file is copied. Indicators are"
    " incomplete: no match never means no stalkerware."
)
_AGAIN = "reinstall Footprint, or pass --indicators PATH to a folder of indicator files"


def shipped_path() -> Path:
    """Where the built-in snapshot lives in the installed package."""
    return rules.path(SHIPPED)


def snapshot_bytes(index: IndicatorIndex, *, built: str, root: Path) -> bytes:
    """The snapshot file for ``index`` (loaded without Footprint's allow-list); paths relative to ``root``."""
    unknown = sorted({s.kind for s in index.sources} - set(LICENCES))
    if unknown:
        raise InputError(
            f"{root}: only Echap, ISDI and TinyCheck files go into the built-in snapshot, not"
            f" {', '.join(unknown)}; point the build at those three folders"
        )
    apps = sorted(
        {
            a
            for table in (index.packages, index.certificates, index.apk_sha256)
            for v in table.values()
            for a in v
        },
        key=repr,
    )
    servers = sorted({d for table in (index.domains, index.ips) for v in table.values() for d in v}, key=repr)
    app_ids = {a: n for n, a in enumerate(apps)}
    server_ids = {d: n for n, d in enumerate(servers)}

    def refs(table: Mapping[str, tuple[Any, ...]], ids: dict[Any, int]) -> dict[str, list[int]]:
        return {key: [ids[v] for v in values] for key, values in table.items()}

    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "built": built,
        "notice": NOTICE,
        "sources": [
            {
                "kind": s.kind,
                "name": s.name,
                "path": Path(s.path).relative_to(root).as_posix(),
                "sha256": s.sha256,
                "commit": s.commit,
                "counts": dict(s.counts),
                "repository": REPOSITORIES[s.kind],
                "licence": LICENCES[s.kind],
                "attribution": s.attribution,
            }
            for s in index.sources
        ],
        "apps": [[a.app, a.type, a.source, a.platform, a.store] for a in apps],
        "servers": [[d.app, d.type, d.role, d.source] for d in servers],
        "packages": refs(index.packages, app_ids),
        "certificates": refs(index.certificates, app_ids),
        "apk_sha256": refs(index.apk_sha256, app_ids),
        "domains": refs(index.domains, server_ids),
        "ips": refs(index.ips, server_ids),
        "allow": {
            "packages": sorted(index.allow_packages),
            "certificates": sorted(index.allow_certificates),
            "apk_sha256": sorted(index.allow_apk_sha256),
            "domains": sorted(index.allow_domains),
        },
    }
    return (json.dumps(document, indent=0, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")


def load_snapshot(path: Path | None = None) -> IndicatorIndex:
    """The index held in a snapshot file (the shipped one by default), plus Footprint's own allow-list."""
    file = path or shipped_path()
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{file}: the built-in indicator snapshot cannot be read ({exc.strerror}); {_AGAIN}"
        ) from exc
    try:
        document = json.loads(data)
        if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
            raise ValueError("not a snapshot of this format version")
        apps = [AppIndicator(*row) for row in document["apps"]]
        servers = [DomainIndicator(*row) for row in document["servers"]]

        def table(name: str, rows: list[Any]) -> dict[str, tuple[Any, ...]]:
            return {key: tuple(rows[n] for n in refs) for key, refs in document[name].items()}

        allow = document["allow"]
        index = IndicatorIndex(
            packages=table("packages", apps),
            certificates=table("certificates", apps),
            apk_sha256=table("apk_sha256", apps),
            domains=table("domains", servers),
            ips=table("ips", servers),
            allow_packages=frozenset(allow["packages"]),
            allow_certificates=frozenset(allow["certificates"]),
            allow_apk_sha256=frozenset(allow["apk_sha256"]),
            allow_domains=frozenset(allow["domains"]),
            sources=tuple(
                SourceInfo(
                    name=s["name"],
                    kind=s["kind"],
                    path=f"built-in snapshot: {s['path']}",
                    sha256=s["sha256"],
                    commit=s["commit"],
                    attribution=s["attribution"],
                    counts=tuple(sorted(s["counts"].items())),
                )
                for s in document["sources"]
            ),
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise InputError(f"{file}: not a readable indicator snapshot ({exc}); {_AGAIN}") from exc
    builtin = BuiltinSnapshot(
        path=str(file), sha256=hashlib.sha256(data).hexdigest(), built=document["built"]
    )
    return replace(with_footprint_allowlist(index), builtin=builtin)
