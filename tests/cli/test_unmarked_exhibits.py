"""After upgrading a case made before schema 0008, what an advocate added carries no supplier mark: the
upgrade and her `ls` say so and how to mark it (upgrade review 4)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from click.testing import CliRunner

from footprint.case import Case
from footprint.cli import cli
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store.engine import _alembic_config, head_revision, make_engine
from footprint.store.finding_numbers import RENUMBERED

CHAT = "21/03/2024, 09:15 - Craig Smith: you will regret leaving me\n"


def test_an_exhibit_an_advocate_added_before_schema_0008_is_named_with_how_to_mark_it(tmp_path: Path) -> None:
    # before: "Case upgraded from schema 0007 to 0016" and her `ls` "0 exhibit(s)", nothing said why
    folder = tmp_path / "case"
    Case.init(
        folder, name="R v Smith", tz=None, settings=Settings(actor="DC Ivy", role="investigator")
    ).close()
    chat = tmp_path / "WhatsApp Chat with Craig Smith.txt"
    chat.write_text(CHAT, encoding="utf-8")
    hers = Case.open(folder, Settings(actor="Ada Advocate", role="advocate"))
    add_exhibit(hers, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1"))
    hers.close()
    engine = make_engine(f"sqlite:///{folder / 'case.db'}")
    config = _alembic_config()
    with engine.begin() as conn:  # back to before `exhibit_supply`: as a case made then, the mark not kept
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    engine.dispose()
    words = (
        "Exhibits added before schema 0008 carry no supplier mark, so an advocate does not see them; JD/1"
        f" (audit entry 2) was added by a user acting as advocate: a deciding user marks each with `footprint"
        f" exhibit supplied {folder} REF --reason TEXT` (audited; docs/cli.md, 'What an advocate sees')"
    )
    result = CliRunner().invoke(
        cli, ["--actor", "DC Ivy", "case", "upgrade", str(folder)], terminal_width=400
    )
    assert (result.exit_code, result.output) == (
        0,
        f"Case upgraded from schema 0007 to {head_revision()}\n{RENUMBERED}\n{words}\n",
    )
    result = CliRunner().invoke(
        cli, ["--actor", "Ada Advocate", "--role", "advocate", "ls", str(folder)], terminal_width=400
    )
    assert result.output.splitlines()[0] == "R v Smith — 0 exhibit(s)"
    assert result.output.splitlines()[-1] == words
    result = CliRunner().invoke(
        cli, ["--actor", "DC Ivy", "exhibit", "supplied", str(folder), "JD/1", "--reason", "she added it"]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        cli, ["--actor", "Ada Advocate", "--role", "advocate", "ls", str(folder)], terminal_width=400
    )
    assert result.output.splitlines()[0] == "R v Smith — 1 exhibit(s)"
    assert words not in result.output
