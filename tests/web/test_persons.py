"""Candidate persons in the review app: the accounts `footprint link` clusters, the links joining them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from footprint.analyse.link.review import accept_link
from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app

from .conftest import hostile_account, opened, page_views, plant_link
from .test_sign_in import PASSWORD, _sign_in

JOHN = "whatsapp:John Smith"
PRIYA = "whatsapp:Priya Shah"


def _section(page: str, heading: str) -> str:
    """The part of the page from one candidate's heading to the next."""
    start = page.index(f"<h2>{heading}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start : end if end > 0 else None]


def test_candidate_persons_are_listed_with_accounts_and_links_and_audited(
    client: TestClient, planted: Case
) -> None:
    page = client.get("/persons").text
    assert "<h1>Candidate persons</h1>" in page
    assert '<a href="/persons" aria-current="page">Candidate persons</a>' in page
    john = _section(page, "John Smith")
    assert '<td data-label="Account" class="mono">sms:+447700900002</td>' in john
    assert (
        '<td data-label="Attributed to">John Smith <span class="small">(complainant identifies her contact)</span></td>'
        in john
    )  # noqa: E501
    assert '<a href="/links/1">#1</a>' in john
    assert "log10 LR +2.10" in john
    assert "yes, but only proposed: nobody has accepted it" in john
    assert "Rests on 1 link nobody has accepted yet: a hypothesis until a person accepts it." in john
    jane = _section(page, "Jane Doe")
    assert "whatsapp:Jane Doe" in jane and "No links between these accounts." in jane
    assert [(e.actor, e.action, e.object) for e in planted.store.audit_entries() if "web" in e.action] == [
        ("tester", "web sign-in", "tester"),
    ]  # the view is a read: in the access log, with the candidate persons shown
    assert page_views(planted) == [("tester", "investigator", "/persons", {}, page.count("<h2>"))]


def test_an_accepted_link_is_shown_as_accepted(client: TestClient, planted: Case) -> None:
    accept_link(planted, JOHN, "sms:+447700900002", "same phone")
    john = _section(client.get("/persons").text, "John Smith")
    assert "yes, accepted" in john
    assert "Rests on accepted links and attributions only." in john


def test_unknown_persons_weak_links_and_hostile_account_names(client: TestClient, planted: Case) -> None:
    plant_link(planted, PRIYA, hostile_account(planted), "same number", [], log10_lr=2.5)
    plant_link(planted, PRIYA, JOHN, "similar style", [], log10_lr=1.4)  # too weak to join
    page = client.get("/persons").text
    unknown = _section(page, "unknown person 1")
    assert "x:&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in unknown
    assert "<script>" not in page and "<img" not in page and "\u202e" not in page
    assert '<td data-label="Attributed to">no one</td>' in unknown
    assert "yes, but only proposed" in unknown
    # the weak link joins nobody: John's candidate and Priya's stay apart, and it is listed under neither
    assert "similar style" not in page and PRIYA not in _section(page, "John Smith")


def test_a_viewer_reads_the_page_after_signing_in(planted: Case, settings: Settings) -> None:
    add_user(planted, "Observer", "viewer", PASSWORD)
    with TestClient(create_app(planted.dir, settings), follow_redirects=False) as client:
        assert client.get("/persons").headers["location"] == "/login"
        assert _sign_in(client, "Observer") == 303
        page = client.get("/persons").text
    assert "<h2>John Smith</h2>" in page and '<form method="post" action="/links' not in page
    assert [view[:3] for view in page_views(planted)] == [("Observer", "viewer", "/persons")]


def test_a_case_with_no_links_or_attributions_says_what_to_do(case: Case, settings: Settings) -> None:
    with opened(create_app(case.dir, settings)) as client:
        page = client.get("/persons").text
    assert (
        "No candidate persons: no account is linked or attributed yet (<code>footprint analyse DIR --only"
        " link</code>, <code>footprint account attribute</code>)."
    ) in page


def test_a_lone_unattributed_account_is_not_said_to_rest_on_accepted_links(
    client: TestClient, planted: Case
) -> None:
    plant_link(planted, PRIYA, hostile_account(planted), "style", [], log10_lr=0.5)  # too weak to join
    lone = _section(client.get("/persons").text, "unknown person 1")
    assert "Rests on accepted links" not in lone
    assert (
        "One account, attributed to no one and joined to no other account: nothing here rests on a decision."
        in lone
    )
