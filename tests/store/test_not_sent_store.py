"""Which items the phone never sent, read back from the store on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store.not_sent import never_sent

BACKUP = (
    '<?xml version="1.0" encoding="UTF-8"?><smses count="4">'
    '<sms address="+447700900456" date="1709290800000" type="1" body="not_sent" />'
    '<sms address="+447700900456" date="1709294400000" type="3" body="you will regret ignoring me" />'
    '<sms address="+447700900456" date="1709298000000" type="5" body="answer me now" />'
    '<sms address="+447700900456" date="1709301600000" type="2" body="sent"'
    ' contact_name="&quot;not_sent&quot;: &quot;draft&quot;" />'
    "</smses>"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest) -> str | None:
    return request.getfixturevalue("pg_url") if request.param == "postgresql" else None


def test_never_sent_finds_the_draft_and_the_failed_send_only(tmp_path: Path, url: str | None) -> None:
    # the word in a message's text, or a contact name spelling the key, is not the key
    case = Case.init(
        tmp_path / "case",
        name="R v Example",
        tz="Europe/London",
        settings=Settings(actor="tester", role="investigator", database_url=url),
    )
    backup = tmp_path / "sms.xml"
    backup.write_text(BACKUP, encoding="utf-8")
    try:
        add_exhibit(case, backup, AddOptions(producer="PC Example"))
        ids = [i.id for i in case.store.iter_items()]
        assert never_sent(case.store.engine) == {ids[1]: "draft", ids[2]: "failed"}
    finally:
        case.close()
