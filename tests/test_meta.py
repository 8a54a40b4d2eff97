"""Meta-tests: every plugin module registers something, every parser has fixtures, every command has help."""

from __future__ import annotations

import importlib
import pkgutil

import footprint.analyse as analyse_pkg
import footprint.ingest as ingest_pkg
from footprint.analyse import analysers
from footprint.ingest import parsers
from tests.conftest import DATA, every_command


def _modules(package: object, helpers: frozenset[str]) -> list[str]:
    path = package.__path__  # type: ignore[attr-defined]
    return sorted(
        m.name for m in pkgutil.iter_modules(path) if not m.name.startswith("_") and m.name not in helpers
    )


def test_every_ingest_module_registers_a_parser() -> None:
    registered = {cls.__module__ for cls in parsers}
    for name in _modules(ingest_pkg, ingest_pkg.HELPER_MODULES):
        module = importlib.import_module(f"footprint.ingest.{name}")
        assert module.__name__ in registered, (
            f"footprint.ingest.{name} registers no parser (or add it to HELPER_MODULES)"
        )


def test_every_analyse_module_registers_an_analyser() -> None:
    registered = {cls.__module__.split(".")[2] for cls in analysers}
    for name in _modules(analyse_pkg, analyse_pkg.HELPER_MODULES):
        assert name in registered, f"footprint.analyse.{name} registers no analyser"


def test_every_parser_has_a_fixture_folder_with_a_readme() -> None:
    folders = {p.name for p in DATA.iterdir() if p.is_dir()}
    for cls in parsers:
        family = cls.name if cls.name in folders else cls.__module__.rsplit(".", 1)[1]
        assert family in folders, f"no tests/data/{cls.name}/ (or tests/data/{family}/) for parser {cls.name}"
        assert (DATA / family / "README.md").exists()


def test_every_command_has_help() -> None:
    for path, command in every_command():
        assert command.help, f"`footprint {' '.join(path)}` has no help text"


def test_plugin_names_are_stable_identifiers() -> None:
    for cls in [*parsers, *analysers]:
        assert cls.name.replace("_", "").isalnum() and cls.name.islower(), cls.name
        assert isinstance(cls.version, int) and cls.version >= 1
