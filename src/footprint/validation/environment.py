"""What a validation run ran on: pinned versions of the code and its data, and the machine.

A validation result holds only for the versions it was made with (FSR Code: a changed method is a
new method). ``pinned_versions`` is what a pack records and what ``footprint report --validation``
compares with the running code; ``machine`` is recorded for the reader and never compared.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import sys
from importlib import metadata
from typing import Any

from footprint import TOOL_NAME
from footprint.analyse import analysers
from footprint.analyse.law.kb import load_kb
from footprint.code_identity import tool_version
from footprint.ingest import parsers
from footprint.report.method import rule_files

_REQUIREMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def package_versions() -> dict[str, str]:
    """The code run (``tool_version``) and each of this tool's run-time requirements, by name."""
    try:
        requirements = metadata.requires(TOOL_NAME) or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        requirements = []
    names = set()
    for requirement in requirements:
        if "extra ==" in requirement:
            continue  # development, benchmark and training extras are not run by the tool
        match = _REQUIREMENT_NAME.match(requirement)
        if match:
            names.add(match.group(0).lower())
    return {TOOL_NAME: tool_version()} | {  # the code run, not the release the metadata names
        n: _distribution_version(n) for n in sorted(names)
    }


def pinned_versions() -> dict[str, Any]:
    """Every version and hash a validation result depends on, as plain sorted data."""
    kb = load_kb()
    return {
        "tool": f"{TOOL_NAME} {tool_version()}",
        "python": platform.python_version(),
        "packages": package_versions(),
        "parsers": {p.name: p.version for p in parsers},
        "analysers": {a.name: a.version for a in analysers},
        "rule_files": {name: hashlib.sha256(node.read_bytes()).hexdigest() for name, node in rule_files()},
        "law_knowledge_base": {"version": kb.version, "sha256": kb.sha256},
    }


def machine() -> dict[str, Any]:
    """The computer the run was made on (recorded, never compared)."""
    return {
        "os": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count() or 0,
        "python_implementation": platform.python_implementation(),
        "python_build": sys.version.replace("\n", " "),
    }


def version_differences(recorded: dict[str, Any], running: dict[str, Any]) -> list[str]:
    """What differs between a pack's pinned versions and the running code, one phrase each."""
    out: list[str] = []
    for key in sorted(set(recorded) | set(running)):
        was, now = recorded.get(key), running.get(key)
        if was == now:
            continue
        if isinstance(was, dict) and isinstance(now, dict):
            for name in sorted(set(was) | set(now)):
                if was.get(name) != now.get(name):
                    out.append(
                        f"{key} {name}: {_shown(was.get(name))} in the pack, {_shown(now.get(name))} now"
                    )
        else:
            out.append(f"{key}: {_shown(was)} in the pack, {_shown(now)} now")
    return out


def _shown(value: object) -> str:
    if value is None:
        return "absent"
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value):
        return f"SHA-256 {value[:12]}…"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_shown(v)}" for k, v in sorted(value.items()))
    return str(value)
