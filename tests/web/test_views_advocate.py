"""Officers' own words in an advocate's review pages (``web.views``): a decision's reason and a recorded
finding's reason another person wrote may name what is withheld from her, so her pages show who wrote them
and say they are not shown, as her report does; her own words are shown (advocate leak review, session 18).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from footprint.advocate_view import NOT_HER_WORDS
from footprint.case import Case
from footprint.review import decide, record_finding
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app
from footprint.web.ids import OpaqueIds, case_key
from tests.scopecase import ScopeCase, add_both_exhibits, build

from .test_sign_in import PASSWORD, _sign_in

CONFIRMED = "SJ/1 Sarah Jones statement says the same"
RECORDED = "witness Sarah Jones heard this too at 2 Mill Lane"
HER_NOTE = "she told me this the same evening"
HER_SUGGESTION = "she says this was a threat to her sister"
OFFICER = Settings(actor="DC Jane Patel", role="investigator", database_url=None)
ADVOCATE = Settings(actor="Ann Advocate", role="advocate", database_url=None)
#: what her pages say in place of another person's words
NOT_SHOWN = str(escape(NOT_HER_WORDS))


@pytest.fixture
def worded(tmp_path: Path) -> tuple[ScopeCase, int]:
    """The scope case, with a finding of hers confirmed by an officer (and noted by her), and a finding the
    officer recorded on her item; that finding's id."""
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    built = build(case, tmp_path / "inputs")
    add_user(case, "Ann Advocate", "advocate", PASSWORD)
    add_user(case, "DC Jane Patel", "investigator", PASSWORD)
    officer, her = Case.open(case.dir, OFFICER), Case.open(case.dir, ADVOCATE)
    decide(officer, built.visible_findings[1], "confirm", CONFIRMED)
    decide(her, built.visible_findings[1], "note", HER_NOTE)
    recorded = record_finding(officer, built.hers[1], "threat_violence", RECORDED, None)
    record_finding(her, built.hers[0], "threat_to_kill", HER_SUGGESTION, None)
    return built, recorded.finding_id


@pytest.fixture
def client(worded: tuple[ScopeCase, int], settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(worded[0].case.dir, settings), follow_redirects=False) as opened:
        yield opened


def _name(scoped: ScopeCase, finding_id: int) -> str:
    return OpaqueIds(case_key(scoped.case.dir), scoped.case.store.unscoped_engine).name("finding", finding_id)


def test_her_pages_show_who_wrote_an_officers_words_and_not_the_words(
    worded: tuple[ScopeCase, int], client: TestClient, settings: Settings
) -> None:
    scoped, recorded = worded
    _sign_in(client, "Ann Advocate")
    confirmed = client.get(f"/findings/{_name(scoped, scoped.visible_findings[1])}").text
    listed = client.get("/findings").text
    own = client.get(f"/findings/{_name(scoped, recorded)}").text
    for page in (confirmed, listed, own):
        assert "Sarah Jones" not in page and "Mill Lane" not in page
    assert "confirmed</span> by <strong>DC Jane Patel</strong>, " in confirmed
    assert f'<span class="text">{NOT_SHOWN}</span></li>' in confirmed
    assert "noted</span> by <strong>Ann Advocate</strong>, " in confirmed
    assert f'<span class="text">{HER_NOTE}</span></li>' in confirmed  # her own words
    said = f"recorded by DC Jane Patel (investigator): reason {NOT_SHOWN}"
    assert f'<td data-label="Explanation" class="text">{said}</td>' in listed
    assert f'<dt>Explanation</dt><dd class="text">{said}</dd>' in own
    assert "<dt>Recorded by</dt><dd>DC Jane Patel (investigator), a person, not an analyser</dd>" in own
    suggested = "suggested for the officer in the case to confirm by Ann Advocate (advocate)"
    assert f'<td data-label="Explanation" class="text">{suggested}: {HER_SUGGESTION}</td>' in listed

    # the officer's own pages show every reason
    with TestClient(create_app(scoped.case.dir, settings), follow_redirects=False) as officer:
        _sign_in(officer, "DC Jane Patel")
        decided = officer.get(f"/findings/{scoped.visible_findings[1]}").text
        assert f'<span class="text">{CONFIRMED}</span></li>' in decided
        said = f"recorded by DC Jane Patel (investigator): {RECORDED}"
        assert f'<td data-label="Explanation" class="text">{said}</td>' in officer.get("/findings").text
        assert (
            f'<dt>Explanation</dt><dd class="text">{said}</dd>' in officer.get(f"/findings/{recorded}").text
        )


#: what a message's page says with no finding listed: to a role that sees every exhibit, and to one that
#: may not be shown a finding on it (whether one is withheld from her or none exists)
NONE_FOUND = "<p>No analyser found anything in this message, and nobody has recorded a finding on it.</p>"
NONE_SHOWN = (
    "<p>No finding on this message is shown to you: a finding that rests on, or names, material you may not"
    " see is not shown.</p>"
)


@pytest.fixture
def quiet(tmp_path: Path) -> tuple[Case, int, int]:
    """Her chat and a police chat, no analyser run, and an officer's finding on her first message whose
    reason names the police exhibit (so it is withheld from her); her two messages' ids."""
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    add_both_exhibits(case, tmp_path / "inputs")
    add_user(case, "Ann Advocate", "advocate", PASSWORD)
    add_user(case, "DC Jane Patel", "investigator", PASSWORD)
    flagged, plain = (i.id for i in case.store.iter_items() if i.exhibit == "JD/1")
    record_finding(
        Case.open(case.dir, OFFICER), flagged, "threat_violence", "PC/1 line 1 says the same", None
    )
    return case, flagged, plain


def _found_section(page: str) -> str:
    """A message page's "Findings on this message" section."""
    return page.split("<h2>Findings on this message</h2>", 1)[1].split("<h2>", 1)[0].strip()


def test_her_message_page_does_not_say_nobody_found_anything_when_a_finding_is_withheld(
    quiet: tuple[Case, int, int], settings: Settings
) -> None:
    case, flagged, plain = quiet
    names = OpaqueIds(case_key(case.dir), case.store.unscoped_engine)
    with TestClient(create_app(case.dir, settings), follow_redirects=False) as her:
        _sign_in(her, "Ann Advocate")
        withheld = her.get(f"/items/{names.name('item', flagged)}").text
        none = her.get(f"/items/{names.name('item', plain)}").text
    # the same words of both: the officer's finding is not shown, nor that there is one
    assert _found_section(withheld) == _found_section(none) == NONE_SHOWN
    assert "PC/1" not in withheld and "Flagged" not in withheld
    with TestClient(create_app(case.dir, settings), follow_redirects=False) as officer:
        _sign_in(officer, "DC Jane Patel")
        his_flagged = officer.get(f"/items/{flagged}").text
        his_plain = officer.get(f"/items/{plain}").text
    assert _found_section(his_plain) == NONE_FOUND  # his words, as they were
    assert NONE_SHOWN not in his_flagged and NONE_FOUND not in his_flagged
    assert '<td data-label="Category">threat_violence</td>' in his_flagged
