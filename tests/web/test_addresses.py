"""Where a page of findings starts (``web.addresses.page_start``): to an advocate, a paging bound that is not
the opaque id of a finding she may see is refused with the one 404 an unknown id gets, naming only what she
typed (advocate leak review, session 18)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app
from footprint.web.ids import OpaqueIds, case_key
from tests.scopecase import ScopeCase, build

from .test_sign_in import PASSWORD, _sign_in

MADE_UP = "abcdefghijklmnop"  # an opaque id's shape, naming nothing


@pytest.fixture
def scoped(tmp_path: Path) -> ScopeCase:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    built = build(case, tmp_path / "inputs")
    add_user(case, "Ann Advocate", "advocate", PASSWORD)
    add_user(case, "DC Ivy", "investigator", PASSWORD)
    return built


@pytest.fixture
def client(scoped: ScopeCase, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(scoped.case.dir, settings), follow_redirects=False) as opened:
        yield opened


def _ids(scoped: ScopeCase) -> OpaqueIds:
    return OpaqueIds(case_key(scoped.case.dir), scoped.case.store.unscoped_engine)


def test_a_number_typed_as_her_paging_bound_is_not_turned_into_an_opaque_id(
    scoped: ScopeCase, client: TestClient
) -> None:
    _sign_in(client, "Ann Advocate")
    ids = _ids(scoped)
    every = [*scoped.visible_findings, *scoped.hidden_findings]
    for bound in ("after", "before"):
        for raw in ("1", "3", "50", "99999", *(str(f) for f in every)):
            page = client.get(f"/findings?page=2&{bound}={raw}")
            assert page.status_code == 404, (bound, raw)
            assert f"there is no finding {raw}; open the list of findings" in page.text, (bound, raw)
            assert not [f for f in every if ids.name("finding", f) in page.text], (bound, raw)
    # "finding 3", typed, is no case id either
    typed = client.get("/findings?page=2&after=finding%203")
    assert "there is no finding finding 3; open the list of findings" in typed.text
    assert ids.name("finding", 3) not in typed.text
    number = client.get("/findings?page=finding%203")
    assert "there is no page finding 3; open the list of findings" in number.text


def test_a_withheld_finding_as_her_paging_bound_is_refused_as_a_made_up_id_is(
    scoped: ScopeCase, client: TestClient, settings: Settings
) -> None:
    _sign_in(client, "Ann Advocate")
    ids = _ids(scoped)
    unknown = client.get(f"/findings?page=2&after={MADE_UP}")
    assert unknown.status_code == 404
    assert f"there is no finding {MADE_UP}; open the list of findings" in unknown.text
    for hidden in (ids.name("finding", f) for f in scoped.hidden_findings):
        for bound in ("after", "before"):
            page = client.get(f"/findings?page=2&{bound}={hidden}")
            assert page.status_code == 404, (bound, hidden)
            made_up = client.get(f"/findings?page=2&{bound}={MADE_UP}").text
            assert page.text.replace(hidden, MADE_UP) == made_up, (bound, hidden)
    hostile = client.get("/findings?page=2&after=%3Cb%3Ex%3C/b%3E")
    assert "there is no finding &lt;b&gt;x&lt;/b&gt;; open the list of findings" in hostile.text
    # a finding she sees still starts a page, and the page after her last is still "no page 2"
    second = ids.name("finding", scoped.visible_findings[1])
    assert client.get(f"/findings?page=1&before={second}").status_code == 200
    last = client.get(f"/findings?page=2&after={ids.name('finding', scoped.visible_findings[-1])}")
    assert last.status_code == 404 and "there is no page 2; open the list of findings" in last.text
    # an investigator's bound is the case's id, as before
    with TestClient(create_app(scoped.case.dir, settings), follow_redirects=False) as officer:
        _sign_in(officer, "DC Ivy")
        assert officer.get(f"/findings?page=1&before={scoped.hidden_findings[0]}").status_code == 200
        unknown = officer.get("/findings?page=2&after=99999")
        assert unknown.status_code == 404 and "there is no page 2; open the list of findings" in unknown.text
