"""The reviewer's case: her request to stop, then his draft (hostile markup), his failed send and one
message he did send, from his phone's SMS Backup & Restore file (shared by the cli, report and web tests)."""

from __future__ import annotations

from pathlib import Path

from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit

DRAFT = "<script>alert(1)</script> you will regret ignoring me"
BACKUP = (
    '<?xml version="1.0" encoding="UTF-8"?><smses count="4">\n'
    '<sms address="+447700900456" date="1709290800000" type="1" body="Please stop contacting me." />\n'
    '<sms address="+447700900456" date="1709294400000" type="3"'
    ' body="&lt;script&gt;alert(1)&lt;/script&gt; you will regret ignoring me" />\n'
    '<sms address="+447700900456" date="1709298000000" type="5" body="answer me now" />\n'
    '<sms address="+447700900456" date="1709301600000" type="2" body="sent" />\n'
    "</smses>\n"
)


def build(case: Case, tmp_path: Path) -> Case:
    """The four messages as exhibit P/1, from Alex Suspect's phone; her number attributed to her."""
    backup = tmp_path / "sms.xml"
    backup.write_text(BACKUP, encoding="utf-8")
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "Alex Suspect", "suspect")
    add_exhibit(case, backup, AddOptions(producer="PC Patel", owner="Alex Suspect"))
    attribute_account(case, "sms:+447700900456", "Jane Doe", "her number", as_complainant=True)
    return case
