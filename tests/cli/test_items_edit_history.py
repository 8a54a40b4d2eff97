"""`footprint items` shows an edited message's earlier versions with their times, as hostile text."""

from __future__ import annotations

import plistlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from footprint.case import Case
from footprint.cli import cli
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.synth.phone_writers import PhoneMessage, apple_ns, attributed_body, write_imessage_db

AT = datetime(2024, 3, 14, 10, 15, tzinfo=UTC)


def test_items_lists_each_version_of_an_edited_message(tmp_path: Path) -> None:
    path = tmp_path / "chat.db"
    write_imessage_db(path, [PhoneMessage(AT, "+447700900123", True, "sorry, wrong chat")])
    first = "[bold]I know where you live[/bold]\x1b[2J\nnow"  # markup, a terminal escape, a line break
    versions = [(first, 732104160.0), ("sorry, wrong chat", 732104220.5)]
    history = [{"t": attributed_body(t), "d": d} for t, d in versions]
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE message SET message_summary_info = ?, date_edited = ?",
        (plistlib.dumps({"ec": {"0": history}}, fmt=plistlib.FMT_BINARY), apple_ns(AT) + 60),
    )
    conn.commit()
    conn.close()
    settings = Settings(actor="DC Ivy", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Smith", tz="UTC", settings=settings)
    add_exhibit(case, path, AddOptions(producer="Jane Doe", exhibit_ref="JD/1"))
    case.close()
    done = CliRunner().invoke(cli, ["--actor", "Ann", "--role", "investigator", "items", str(case.dir)])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[1:] == [
        "    version 1, 2024-03-14T10:16:00Z: [bold]I know where you live[/bold]\\x1b[2J⏎now",
        "    version 2, 2024-03-14T10:17:00.500Z: sorry, wrong chat",
    ]
    assert done.output.splitlines()[0].endswith(": sorry, wrong chat [edited]")
