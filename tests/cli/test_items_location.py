"""`items --json` gives an image's location in its details; an advocate sees her own images' locations
and nothing of a police exhibit's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from footprint.case import Case
from footprint.cli import cli
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from tests.exif_gps import SOUND, SOUND_DETAILS, jpeg
from tests.heif import exif_record

HIS = {**SOUND, 1: "S", 3: "E"}  # another place: his phone's photo


def _items(case_dir: Path, role: str) -> list[dict[str, Any]]:
    done = CliRunner().invoke(cli, ["--actor", "Ann", "--role", role, "items", str(case_dir), "--json"])
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.output.splitlines()]


def test_items_json_gives_the_location_and_an_advocate_sees_only_her_own(tmp_path: Path) -> None:
    settings = Settings(actor="DC Ivy", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Smith", tz="Europe/London", settings=settings)
    hers, his = tmp_path / "hers.jpg", tmp_path / "IMG_9001.jpg"
    hers.write_bytes(jpeg(exif_record("2026:01:02 13:04:00", "+00:00", gps=SOUND)))
    his.write_bytes(jpeg(exif_record("2026:01:03 10:00:00", "+00:00", gps=HIS)))
    add_exhibit(case, hers, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", victim_supplied=True))
    add_exhibit(case, his, AddOptions(producer="PC Quincy Rook", exhibit_ref="QR/1"))
    case.close()
    everything = {i["exhibit"]: i["details"] for i in _items(case.dir, "investigator")}
    assert {k: v for k, v in everything["JD/1"].items() if k.startswith("location")} == SOUND_DETAILS
    assert everything["QR/1"]["location"] == "-52.123456, 1.234567"
    mine = _items(case.dir, "advocate")
    assert [(i["exhibit"], i["details"]["location"]) for i in mine] == [("JD/1", "52.123456, -1.234567")]
    assert "52.123456, 1.234567" not in json.dumps(mine) and "-52.123456" not in json.dumps(mine)
