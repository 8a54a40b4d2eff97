"""Which code made a record: the release number with a digest of the package's files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from footprint import code_identity
from footprint.case import Case
from footprint.cli import cli
from footprint.code_identity import code_digest, tool_version
from footprint.settings import Settings
from footprint.store.engine import head_revision, make_engine
from footprint.store.finding_numbers import RENUMBERED

HEAD = head_revision()  # the newest schema: what an upgrade ends at


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "footprint"
    (root / "rules").mkdir(parents=True)
    (root / "__init__.py").write_text('__version__ = "0.1.0"\n')
    (root / "rules" / "words.txt").write_text("kill\n")
    monkeypatch.setattr(code_identity, "PACKAGE", root)
    code_digest.cache_clear()
    yield root
    code_digest.cache_clear()


def test_the_digest_changes_with_any_file_of_the_package_and_not_with_byte_code(package: Path) -> None:
    first = code_digest()
    code_digest.cache_clear()
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert code_digest() == first
    code_digest.cache_clear()
    (package / "rules" / "words.txt").write_text("kill\nhurt\n")  # rule data, not only code
    assert code_digest() != first
    assert tool_version() == f"0.1.0+code.{code_digest()[:12]}"


def test_a_byte_code_file_beside_the_sources_which_python_would_run_changes_the_digest(package: Path) -> None:
    first = code_digest()
    code_digest.cache_clear()
    (package / "rules" / "extra.pyc").write_bytes(b"\0")  # imported as `extra` when no extra.py is there
    assert code_digest() != first


def test_a_checkout_with_windows_line_endings_gives_the_same_digest_and_a_models_bytes_are_kept(
    package: Path,
) -> None:
    (package / "model.npz").write_bytes(b"PK\r\n")
    first = code_digest()
    code_digest.cache_clear()
    for path in (package / "__init__.py", package / "rules" / "words.txt"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert code_digest() == first
    code_digest.cache_clear()
    (package / "model.npz").write_bytes(b"PK\n")  # a binary file's CR is its own byte
    assert code_digest() != first


def test_version_names_the_release_and_the_whole_digest() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output == f"footprint, version {tool_version()}\ncode SHA-256 {code_digest()}\n"
    assert tool_version().startswith("0.1.0+code.") and len(code_digest()) == 64


def test_a_case_records_the_code_that_made_it_and_upgraded_it(tmp_path: Path, settings: Settings) -> None:
    # before: "0.1.0" in every case from the first commit to the 1,781st
    directory = tmp_path / "case"
    Case.init(directory, name="R v Code", tz=None, settings=settings).close()
    assert json.loads((directory / "case.json").read_text())["created_by"] == tool_version()
    engine = make_engine(f"sqlite:///{directory / 'case.db'}")
    with (
        engine.begin() as conn
    ):  # back to schema 0015: the tables 0016 and 0019 add, with their guards, are gone
        conn.execute(text("DROP TABLE finding_number"))
        conn.execute(text("DROP TABLE suggestion"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0015'"))
        assert conn.execute(text('SELECT tool_version FROM "case"')).scalar() == tool_version()
    engine.dispose()
    result = CliRunner().invoke(cli, ["--actor", "tester", "case", "upgrade", str(directory)])
    assert result.output == f"Case upgraded from schema 0015 to {HEAD}\n{RENUMBERED}\n"
    case = Case.open(directory, settings)
    entries = {e.action: json.loads(e.details) for e in case.store.audit_entries()}
    case.close()
    assert entries["case init"]["tool_version"] == tool_version()
    assert entries["case upgrade"] == {
        "schema": HEAD,
        "advocate_renumbered": True,
        "from_schema": "0015",
        "tool_version": tool_version(),
    }


def test_every_audit_entry_names_the_code_that_wrote_it(tmp_path: Path, settings: Settings) -> None:
    # before: only `case init` and `case upgrade` did; an add, an analysis, a decision, a search did not
    directory = tmp_path / "case"
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text("14/03/2024, 09:15 - Ann Example: I will kill you\n", encoding="utf-8")
    Case.init(directory, name="R v Code", tz=None, settings=settings).close()
    runner = CliRunner()
    for args in (
        ["add", str(directory), str(chat), "--producer", "Ben Example"],
        ["analyse", str(directory)],
        ["search", str(directory), "kill"],
    ):
        assert runner.invoke(cli, ["--actor", "tester", *args]).exit_code == 0, args
    case = Case.open(directory, settings)
    named = {(e.action, json.loads(e.details)["tool_version"]) for e in case.store.audit_entries()}
    case.close()
    assert {"case init", "add", "analyse", "search"} <= {action for action, _ in named}
    assert {version for _, version in named} == {tool_version()}
