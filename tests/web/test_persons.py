"""Candidate persons in the review app: the accounts `footprint link` clusters, the links joining them; and
an advocate's forms that suggest a link or whose account one is, for the officer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import select

from footprint.advocate_view import NOT_HER_WORDS
from footprint.analyse.link.review import accept_link
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.settings import Settings
from footprint.store import schema
from footprint.users import add_user
from footprint.web import create_app
from footprint.web.sessions import IDLE_S
from footprint.web.wording import KEPT
from tests.scopecase import POLICE_WORDS, ScopeCase, build

from .conftest import hostile_account, opened, page_views, plant_link
from .test_sign_in import PASSWORD, _csrf, _sign_in

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


# --- an advocate's suggestions from the page (``web.persons.suggest``; `link-suggest`, `account suggest`)

CRAIG, JANE_WA, MARK = "whatsapp:Craig Smith", "whatsapp:Jane Doe", "whatsapp:Mark Jones"
NOTE = '<script>alert(1)</script> "same" & \u202ephone'
#: the form kept filled after a refusal: the note as typed, escaped
NOTE_SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt; &#34;same&#34; &amp; [U+202E RIGHT-TO-LEFT OVERRIDE]phone"


@pytest.fixture
def scoped(tmp_path: Path) -> Iterator[ScopeCase]:
    # her chat with Craig Smith (JD/1) and a police chat of Mark Jones and Lee Brown she may not see (PC/1)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=_OFFICER)
    built = build(case, tmp_path / "inputs")
    add_person(case, "Craig Smith", "suspect")
    add_person(case, "Mark Jones", "other")  # known only from the police chat
    for name, role in (("Ann Advocate", "advocate"), ("DC Ivy", "investigator"), ("Observer", "viewer")):
        add_user(case, name, role, PASSWORD)
    yield built
    case.close()


_OFFICER = Settings(actor="tester", role="investigator", database_url=None)


@pytest.fixture
def team(scoped: ScopeCase) -> Iterator[TestClient]:
    with TestClient(create_app(scoped.case.dir, _OFFICER), follow_redirects=False) as client:
        yield client


def _suggest(client: TestClient, form: str, **fields: str) -> Any:
    token = _csrf(client.get("/persons").text)
    return client.post("/persons/suggestion", data={"form": form, "csrf": token, **fields})


def _options(page: str, field: str) -> list[str]:
    found = re.search(rf'<select id="{field}" name="{field}"[^>]*>(.*?)</select>', page, re.S)
    assert found is not None, field
    return re.findall(r'<option value="([^"]*)"', found.group(1))


def _selected(page: str, field: str) -> list[str]:
    found = re.search(rf'<select id="{field}" name="{field}"[^>]*>(.*?)</select>', page, re.S)
    assert found is not None, field
    return re.findall(r'<option value="([^"]*)" selected>', found.group(1))


def _rows(case: Case) -> list[tuple[object, ...]]:
    with case.store.engine.connect() as conn:
        query = select(schema.suggestion).order_by(schema.suggestion.c.id)
        return [tuple(r)[1:-1] for r in conn.execute(query)]


def test_an_advocate_suggests_a_link_and_an_attribution_for_the_officer(
    scoped: ScopeCase, team: TestClient
) -> None:
    case = scoped.case
    assert _sign_in(team, "Ann Advocate") == 303
    page = team.get("/persons").text
    assert (
        '<p><a href="#suggest">Suggest a link, or whose account one is</a> (below the candidates).</p>'
        in page
    )
    assert '<h2 id="suggest">Suggest to the officer</h2>' in page
    assert (
        "<legend>Suggest a link</legend>" in page and "<legend>Suggest whose account this is</legend>" in page
    )
    # only what she sees: the accounts of her chat, and the person her material shows (not Mark Jones)
    for field in ("link_a", "link_b", "account"):
        assert _options(page, field) == ["", CRAIG, JANE_WA]
    assert _options(page, "person") == ["", "Craig Smith"]
    assert not [w for w in POLICE_WORDS if w in page]
    linked = _suggest(team, "link", link_a=JANE_WA, link_b=CRAIG, link_note=NOTE)
    assert (linked.status_code, linked.headers["location"]) == (303, "/persons")
    status = re.findall(r'<p class="done" role="status">(.*?)</p>', team.get("/persons").text)
    assert status == [
        "Your suggestion was recorded for the officer: whatsapp:Jane Doe and whatsapp:Craig Smith are one"
        " person&#39;s accounts; it waits for a deciding user, and decides nothing until one accepts or"
        " rejects the link."
    ]
    assert 'role="status"' not in team.get("/persons").text  # said once
    attributed = _suggest(team, "attribution", account=CRAIG, person="Craig Smith", account_note="his photo")
    assert attributed.status_code == 303
    assert re.findall(r'<p class="done" role="status">(.*?)</p>', team.get("/persons").text) == [
        "Your suggestion was recorded for the officer: whatsapp:Craig Smith is Craig Smith&#39;s account; it"
        " waits for a deciding user, and decides nothing until one attributes the account."
    ]
    assert _rows(case) == [
        ("link", JANE_WA, CRAIG, None, "Ann Advocate", "advocate", NOTE),
        ("attribution", CRAIG, None, "Craig Smith", "Ann Advocate", "advocate", "his photo"),
    ]
    entries = [e for e in case.store.audit_entries() if e.action in ("link suggest", "account suggest")]
    assert [(e.actor, e.role, e.action, e.object, e.justification) for e in entries] == [
        ("Ann Advocate", "advocate", "link suggest", f"{JANE_WA} ~ {CRAIG}", NOTE),
        ("Ann Advocate", "advocate", "account suggest", CRAIG, "his photo"),
    ]
    # the officer's queue lists both, her note escaped
    assert _sign_in(team, "DC Ivy") == 303
    queue = team.get("/suggestions").text
    assert "<script>" not in queue and NOTE_SHOWN in queue
    assert "Link 1: " in queue and "Attribution 2: " in queue


def test_her_refused_suggestion_is_shown_on_the_page_with_the_form_kept(
    scoped: ScopeCase, team: TestClient
) -> None:
    assert _sign_in(team, "Ann Advocate") == 303
    # an account she cannot see is refused in the words of one the case does not hold
    said = {}
    for key in (MARK, "whatsapp:Nobody"):
        refused = _suggest(team, "link", link_a=CRAIG, link_b=key, link_note=NOTE)
        assert refused.status_code == 404
        message = (
            f"no account &#39;{key}&#39; in this case; accounts: whatsapp:Craig Smith, whatsapp:Jane Doe"
        )
        assert f'<li><a href="#link_b">{message}</a></li>' in refused.text
        assert f'<p class="problem" id="link_b-problem">{message}</p>' in refused.text
        assert (
            '<select id="link_b" name="link_b" required aria-invalid="true" aria-describedby="link_b-problem">'
            in refused.text
        )
        assert _selected(refused.text, "link_a") == [CRAIG]  # kept
        assert f'name="link_note" rows="3" required>{NOTE_SHOWN}</textarea>' in refused.text
        assert "<script>" not in refused.text
        said[key] = refused.text.replace(key, "KEY").replace(escape(key), "KEY")
    assert "<title>Error: Candidate persons · R v Scope · Footprint</title>" in said[MARK]
    assert _without_token(said[MARK]) == _without_token(
        said["whatsapp:Nobody"]
    )  # nothing tells her it exists
    twice = _suggest(team, "link", link_a=CRAIG, link_b=CRAIG, link_note="one man")
    assert twice.status_code == 400
    message = "&#39;whatsapp:Craig Smith&#39; is named twice; a link is between two different accounts"
    assert f'<li><a href="#link_b">{message}</a></li>' in twice.text
    assert (
        'id="link_a" name="link_a" required aria-invalid="true" aria-describedby="link_b-problem"'
        in twice.text
    )
    no_note = _suggest(team, "attribution", account=CRAIG, person="Craig Smith", account_note="  ")
    assert no_note.status_code == 400
    message = "every suggestion needs a reason (it is kept in the audit log); give one and try again"
    assert f'<li><a href="#account_note">{message}</a></li>' in no_note.text
    assert (_selected(no_note.text, "account"), _selected(no_note.text, "person")) == (
        [CRAIG],
        ["Craig Smith"],
    )
    assert _selected(no_note.text, "link_a") == []  # the other form is not filled in
    # a person the case names only for what she may not see is refused as one it does not hold
    for name in ("Mark Jones", "Nobody"):
        unknown = _suggest(team, "attribution", account=CRAIG, person=name, account_note="his")
        assert unknown.status_code == 404
        message = f"no person called &#39;{name}&#39; in this case; known: Craig Smith (add one with `footprint person add`)"
        assert f'<li><a href="#person">{message}</a></li>' in unknown.text
    assert _rows(scoped.case) == []
    assert not [e for e in scoped.case.store.audit_entries() if "suggest" in e.action]


def _without_token(page: str) -> str:
    return re.sub(r'name="csrf" value="[^"]+"', "", page)


@pytest.mark.parametrize(
    ("user", "refusal"),
    [
        (
            "DC Ivy",
            "DC Ivy acts as &#39;investigator&#39;, which decides on a link itself rather than suggesting one:"
            " accept or reject the link with `footprint link-accept DIR A B --reason TEXT` or `footprint"
            " link-reject DIR A B --reason TEXT` (two accounts the linkage analyser did not pair: attribute both"
            " to the person with `footprint account attribute`). A suggestion is an advocate&#39;s, waiting for a"
            " deciding user in `footprint suggestions`",
        ),
        (
            "Observer",
            "Observer acts as &#39;viewer&#39;, which may read the case but not suggest a link; an advocate"
            " suggests one for the officer in the case (an investigator), a reviewer or a prosecutor to decide",
        ),
    ],
)
def test_only_an_advocate_is_offered_the_forms_and_others_are_refused_as_at_the_command_line(
    scoped: ScopeCase, team: TestClient, user: str, refusal: str
) -> None:
    assert _sign_in(team, user) == 303
    page = team.get("/persons").text
    assert 'action="/persons/suggestion"' not in page and 'href="#suggest"' not in page
    refused = _suggest(team, "link", link_a=JANE_WA, link_b=CRAIG, link_note="same")
    assert refused.status_code == 403
    assert f'<p class="problem" role="alert">{refusal}</p>' in refused.text
    assert _rows(scoped.case) == []


def test_a_suggestion_needs_the_sessions_secret(scoped: ScopeCase, team: TestClient) -> None:
    assert _sign_in(team, "Ann Advocate") == 303
    data = {"form": "link", "link_a": JANE_WA, "link_b": CRAIG, "link_note": "same", "csrf": "forged"}
    refused = team.post("/persons/suggestion", data=data)
    assert refused.status_code == 403
    assert "this form is out of date or came from another site; reload the page and try again" in refused.text
    assert _rows(scoped.case) == []


def test_a_suggestion_sent_after_the_session_ended_is_kept_for_her_next_sign_in(
    scoped: ScopeCase, team: TestClient, session_clock: list[float]
) -> None:
    assert _sign_in(team, "Ann Advocate") == 303
    token = _csrf(team.get("/persons").text)
    session_clock[0] += IDLE_S + 60
    fields = {"form": "attribution", "account": CRAIG, "person": "Craig Smith", "account_note": NOTE}
    late = team.post("/persons/suggestion", data={**fields, "csrf": token})
    assert (late.status_code, late.headers["location"]) == (303, "/login")
    assert _rows(scoped.case) == []  # not applied
    token = _csrf(team.get("/login").text)
    signed = team.post("/login", data={"user": "Ann Advocate", "password": PASSWORD, "csrf": token})
    assert signed.headers["location"] == "/persons"
    page = team.get("/persons").text
    assert f'<p class="done" role="status">{escape(KEPT)}</p>' in page
    assert (_selected(page, "account"), _selected(page, "person")) == ([CRAIG], ["Craig Smith"])
    assert f'name="account_note" rows="3" required>{NOTE_SHOWN}</textarea>' in page
    assert _selected(team.get("/persons").text, "account") == []  # given once
    again = _suggest(team, "attribution", account=CRAIG, person="Craig Smith", account_note=NOTE)
    assert again.status_code == 303
    assert _rows(scoped.case) == [
        ("attribution", CRAIG, None, "Craig Smith", "Ann Advocate", "advocate", NOTE)
    ]


def test_an_advocate_is_not_shown_the_officers_basis_for_an_attribution(
    scoped: ScopeCase, team: TestClient
) -> None:
    # her narrowed report hides an attribution's basis (an officer's words may name what she may not
    # see); this page showed it to her
    basis = "his phone in the police download of Mark Jones"
    attribute_account(scoped.case, CRAIG, "Craig Smith", basis=basis)
    assert _sign_in(team, "DC Ivy") == 303
    assert escape(basis) in team.get("/persons").text
    team.cookies.clear()
    assert _sign_in(team, "Ann Advocate") == 303
    page = team.get("/persons").text
    assert f'Craig Smith <span class="small">({escape(NOT_HER_WORDS)})</span>' in page
    assert basis not in page and "police download" not in page


def _problem(page: str) -> tuple[str, list[str]]:
    """The summary's problem and the ids of the fields marked invalid."""
    found = re.search(r'<li><a href="#([^"]+)">(.*?)</a></li>', page)
    assert found is not None
    return found.group(2), re.findall(r'id="([^"]+)" name="[^"]+"[^>]*aria-invalid="true"', page)


def test_an_advocate_suggests_an_account_is_someone_not_yet_in_the_case(
    scoped: ScopeCase, team: TestClient
) -> None:
    case = scoped.case
    assert _sign_in(team, "Ann Advocate") == 303
    page = team.get("/persons").text
    assert '<select id="person" name="person">' in page  # not required: a new name is the other way
    assert (
        '<label for="new_person">Or someone not in the case yet: their name (up to 200 characters)</label>'
        in page
    )
    assert (
        '<input id="new_person" name="new_person" type="text" maxlength="200" autocomplete="off" value="">'
        in page
    )
    made = _suggest(team, "attribution", account=JANE_WA, new_person=" <b>Lee</b> Brown ", account_note="his")
    assert (made.status_code, made.headers["location"]) == (303, "/persons")
    assert re.findall(r'<p class="done" role="status">(.*?)</p>', team.get("/persons").text) == [
        "Your suggestion was recorded for the officer: whatsapp:Jane Doe is the account of &lt;b&gt;Lee&lt;/b&gt;"
        " Brown, a name you typed (not one of the people you are shown); it waits for a deciding user, and"
        " decides nothing until one adds them to the case if they are not in it, and attributes the account."
    ]
    assert _rows(case) == [
        ("new person", JANE_WA, None, "<b>Lee</b> Brown", "Ann Advocate", "advocate", "his")
    ]
    assert [p.name for p in case.store.persons()] == ["Craig Smith", "Mark Jones"]
    # the officer's queue: the commands that add the person and attribute the account, escaped
    assert _sign_in(team, "DC Ivy") == 303
    queue = team.get("/suggestions").text
    assert "<b>Lee</b>" not in queue
    assert (
        'Attribution 1: <span class="mono">whatsapp:Jane Doe</span> to &lt;b&gt;Lee&lt;/b&gt; Brown, a name she'
        " typed (not one of the people she was shown)</td>" in queue
    )
    folder = str(case.dir)
    assert (
        "none yet: add &lt;b&gt;Lee&lt;/b&gt; Brown to the case (choose their role), then attribute it with"
        f" <code>footprint person add {folder} &#39;&lt;b&gt;Lee&lt;/b&gt; Brown&#39; --role ROLE</code>"
        f" <code>footprint account attribute {folder} &#39;whatsapp:Jane Doe&#39; --person"
        " &#39;&lt;b&gt;Lee&lt;/b&gt; Brown&#39; --basis TEXT</code></td>" in queue
    )


def test_her_refused_new_person_is_tied_to_its_field(scoped: ScopeCase, team: TestClient) -> None:
    assert _sign_in(team, "Ann Advocate") == 303
    both = _suggest(
        team, "attribution", account=CRAIG, person="Craig Smith", new_person="Lee", account_note="x"
    )
    neither = _suggest(team, "attribution", account=CRAIG, account_note="his")
    choose = (
        "choose whose account it is from the list of people, or type the name of someone not yet in the case,"
        " one of the two"
    )
    for refused in (both, neither):
        assert refused.status_code == 400
        assert _problem(refused.text) == (choose, ["person", "new_person"])
    assert _selected(both.text, "person") == ["Craig Smith"]  # kept
    assert (
        'name="new_person" type="text" maxlength="200" autocomplete="off" value="Lee" aria-invalid'
        in both.text
    )
    # Mark Jones is known only from the police chat: unknown when she names him from the list (a typed name
    # of his is taken as any new name is, below)
    named = _suggest(team, "attribution", account=CRAIG, person="Mark Jones", account_note="his")
    unknown = (
        "no person called &#39;Mark Jones&#39; in this case; known: Craig Smith (add one with `footprint person"
        " add`)"
    )
    assert (named.status_code, _problem(named.text)) == (404, (unknown, ["person"]))
    seen = _suggest(team, "attribution", account=CRAIG, new_person="craig smith", account_note="his")
    assert _problem(seen.text) == (
        "&#39;craig smith&#39; is already a person in this case (as &#39;Craig Smith&#39;): suggest the account"
        " is theirs with `--person &#39;Craig Smith&#39;` (in the review app: choose them from the list)",
        ["new_person"],
    )
    long = _suggest(team, "attribution", account=CRAIG, new_person="L" * 201, account_note="his")
    assert _problem(long.text) == (
        "a new person&#39;s name is 1 to 200 characters, with no control characters (a line break, a terminal"
        " escape) and no invisible ones (zero-width spaces, direction marks): this one is 201 characters long;"
        " shorten it",
        ["new_person"],
    )
    assert _rows(scoped.case) == []
    hidden = _suggest(team, "attribution", account=CRAIG, new_person="Mark Jones", account_note="his")
    assert (hidden.status_code, hidden.headers["location"]) == (303, "/persons")
    assert [r[:4] for r in _rows(scoped.case)] == [("new person", CRAIG, None, "Mark Jones")]
    assert _sign_in(team, "DC Ivy") == 303  # the officer's queue reads the name as the person in the case
    assert (
        f'Attribution 1: <span class="mono">{CRAIG}</span> to Mark Jones, a name she typed (not one of the people'
        " she was shown): Mark Jones in the case</td>" in team.get("/suggestions").text
    )


def test_a_search_narrows_the_forms_lists_without_a_script(scoped: ScopeCase, team: TestClient) -> None:
    assert _sign_in(team, "Ann Advocate") == 303
    page = team.get("/persons").text
    assert (
        '<form method="get" action="/persons#suggest" class="filter" role="search" aria-label="Accounts and'
        ' people">\n  <label for="find">Find accounts and people in the lists below (part of an account, a'
        " name seen on it or a person's name)\n"
        '    <input id="find" name="find" type="search" value="" maxlength="100"></label>' in page
    )
    assert _options(page, "account") == ["", CRAIG, JANE_WA] and 'class="count"' not in page
    jane = team.get("/persons", params={"find": " JANE "}).text  # case and spaces ignored
    assert _options(jane, "account") == ["", JANE_WA] and _options(jane, "person") == [""]
    assert (
        '<p class="count">1 of 2 accounts and 0 of 1 person match “JANE”. <a href="/persons#suggest">List them'
        " all</a></p>" in jane
    )
    assert (
        "<p>Fewer than two accounts match “JANE”, so there is no link to suggest among them: search again, or"
        ' <a href="/persons#suggest">list them all</a>.</p>' in jane
    )
    assert '<label for="person">Whose it is: someone in the case (nobody matches “JANE”)</label>' in jane
    assert 'value="JANE"' in jane
    craig = team.get("/persons", params={"find": "craig"}).text  # a person's name, and a name seen
    assert _options(craig, "account") == ["", CRAIG] and _options(craig, "person") == ["", "Craig Smith"]
    hostile = team.get("/persons", params={"find": '"><script>'}).text
    assert "<script>" not in hostile and "<p>No account matches “&#34;&gt;&lt;script&gt;”" in hostile
    assert 'value="&#34;&gt;&lt;script&gt;"' in hostile
    long = team.get("/persons", params={"find": "x" * 101})
    assert long.status_code == 400
    assert (
        "the search of accounts and people is 101 characters long; search for at most 100 (part of an"
        " account&#39;s key, a name seen on it or a person&#39;s name)" in long.text
    )
    control = team.get("/persons", params={"find": "a\x1bb"})
    assert control.status_code == 400
    assert (
        "the search of accounts and people holds a control character (U+001B); search without it"
        in control.text
    )
    views = [v for v in page_views(scoped.case) if v[2] == "/persons"]
    assert [v[3] for v in views] == [{}, {"find": "JANE"}, {"find": "craig"}, {"find": '"><script>'}]
