"""`items` marks a draft or a failed send in its text listing and says so in its JSON (`not_sent`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from footprint.case import Case
from tests.notsentcase import build


def test_items_mark_what_was_never_sent(case: Case, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    build(case, tmp_path)
    result = run_cli("items", str(case.dir))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "P/1 /smses/sms[1] 01/03/2024 11:00:00 GMT (+00:00) +447700900456: Please stop contacting me.",
        "P/1 /smses/sms[2] 01/03/2024 12:00:00 GMT (+00:00) Alex Suspect: <script>alert(1)</script> you will"
        " regret ignoring me [draft — never sent]",
        "P/1 /smses/sms[3] 01/03/2024 13:00:00 GMT (+00:00) Alex Suspect: answer me now [failed to send]",
        "P/1 /smses/sms[4] 01/03/2024 14:00:00 GMT (+00:00) Alex Suspect: sent",
    ]
    lines = [json.loads(line) for line in run_cli("items", str(case.dir), "--json").output.splitlines()]
    assert [(x["not_sent"], x["details"].get("box")) for x in lines] == [
        (None, "inbox"),
        ("draft", "draft"),
        ("failed", "failed"),
        (None, "sent"),
    ]
