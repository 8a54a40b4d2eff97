"""A device finding in the app carries its grading, indicators, licences and limits, as the CLI and the
report give them, and its observation is not shown as a message (review defect 15)."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from footprint.case import Case
from footprint.device.attribution import LIMITATIONS
from footprint.settings import Settings
from footprint.web import create_app
from tests.conftest import DATA
from tests.web.conftest import opened

ECHAP = "Stalkerware indicators by Echap (AssoEchap/stalkerware-indicators), CC-BY 4.0"


def test_a_device_finding_page_shows_strength_indicators_licence_and_limits(
    run_cli: Callable[..., Result], case: Case, settings: Settings
) -> None:
    # /findings/N had shown no strength, source or licence, and the observation as "The message … From
    # unknown".
    listing = str(DATA / "device_pm_list" / "pm_list.txt")
    checked = run_cli(
        "device", "check", str(case.dir), listing, "--indicators", str(DATA / "device_indicators")
    )
    assert checked.exit_code == 0, checked.output
    strong = next(f for f in case.store.findings("device_indicator") if f.details["strength"] == "strong")
    with opened(create_app(case.dir, settings), follow_redirects=False) as client:
        page = client.get(f"/findings/{strong.id}").text
        item = client.get(f"/items/{strong.item_id}").text
    assert "<dt>Strength</dt><dd>Strong indicators (known stalkerware)</dd>" in page
    assert f"<dt>Indicator source</dt><dd>{strong.details['indicator_source']}</dd>" in page
    assert f"snapshot {strong.details['indicator_snapshot']}</dd>" in page
    assert ECHAP in page and LIMITATIONS[0] in page
    assert "<h2>The device observation</h2>" in page
    assert "<h2>The message</h2>" not in page and "<dt>From</dt>" not in page
    assert "<title>Device observation #" in item and "<h1>Device observation #" in item
    assert "Message #" not in item and "<dt>From</dt>" not in item
