"""`device check` by an advocate does not make her the exhibit's producer (a continuity witness) without
her saying so (advocate review, defect 14)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from footprint.cli import cli

PM_LIST = (
    "package:/data/app/~~==/com.example.notes-==/base.apk=com.example.notes  installer=com.android.vending"
    " uid:1\n"
)


def fp(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--actor", "SamIDVA", "--role", "advocate", *args])


def test_an_advocate_names_who_produced_what_she_checks(tmp_path: Path) -> None:
    case, inputs = tmp_path / "jane", tmp_path / "pm.txt"
    inputs.write_text(PM_LIST, encoding="utf-8")
    assert fp("case", "init", str(case), "--name", "Jane's evidence").exit_code == 0
    refused = fp("device", "check", str(case), str(inputs))
    assert (refused.exit_code, refused.output) == (
        1,
        "Error: name who took these files from the phone with --producer: the complainant if she did (e.g."
        ' --producer "Jane Doe"), you if you did. Footprint does not assume an advocate produced them: the'
        " producer is the exhibit's continuity witness; nothing was added\n",
    )
    assert json.loads(fp("ls", str(case), "--json").output)["exhibits"] == []
    done = fp("device", "check", str(case), str(inputs), "--producer", "Jane Doe")
    assert done.exit_code == 0, done.output
    [exhibit] = json.loads(fp("ls", str(case), "--json").output)["exhibits"]
    assert (exhibit["producer"], exhibit["supplied_by"]) == ("Jane Doe", "complainant")


def test_an_investigator_is_still_the_producer_by_default(tmp_path: Path) -> None:
    case, inputs = tmp_path / "c", tmp_path / "pm.txt"
    inputs.write_text(PM_LIST, encoding="utf-8")
    officer = ["--actor", "PC Patel", "--role", "investigator"]
    assert CliRunner().invoke(cli, [*officer, "case", "init", str(case), "--name", "R v X"]).exit_code == 0
    assert CliRunner().invoke(cli, [*officer, "device", "check", str(case), str(inputs)]).exit_code == 0
    listed = CliRunner().invoke(cli, [*officer, "ls", str(case), "--json"]).output
    assert [e["producer"] for e in json.loads(listed)["exhibits"]] == ["PC Patel"]
