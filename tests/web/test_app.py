"""The review app over HTTP: listing, filtering, a finding with its evidence, decisions, audit, safety."""

from __future__ import annotations

import re
import sqlite3
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footprint import access_record
from footprint.analyse.base import FindingDraft
from footprint.audit_head import recorded_head
from footprint.case import Case
from footprint.integrity import verify_case
from footprint.report import build_report
from footprint.review.record import record_finding
from footprint.settings import Settings
from footprint.web import create_app

from .conftest import finding_id, opened, page_views


def _token(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _decisions(case: Case) -> dict[int, str | None]:
    return {f.id: f.decision for f in case.store.findings()}


def _web_audit(case: Case) -> list[tuple[str, str, str, str]]:
    return [(e.actor, e.role, e.action, e.object) for e in case.store.audit_entries() if "web" in e.action]


def test_list_shows_every_finding_with_its_review_state_and_is_audited(
    client: TestClient, planted: Case
) -> None:
    response = client.get("/findings")
    assert response.status_code == 200
    total = len(planted.store.findings())
    assert f"{total} of {total} finding(s) shown." in response.text
    assert "Explicit threat to kill." in response.text
    assert response.text.count("not reviewed") >= 6
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert _web_audit(planted) == [
        ("tester", "investigator", "web sign-in", "tester"),  # the browser opened with the key
    ]  # the view is a read: in the access log
    assert page_views(planted) == [
        ("tester", "investigator", "/findings", {"category": "all", "status": "all", "page": 1}, total)
    ]


def test_filters_by_category_and_by_review_state(client: TestClient, planted: Case) -> None:
    total = len(planted.store.findings())
    page = client.get("/findings", params={"category": "distress"}).text
    assert f"1 of {total} finding(s) shown." in page
    assert "She says she is scared." in page
    assert "Explicit threat to kill." not in page
    confirmed = client.get("/findings", params={"status": "confirmed"}).text
    assert f"1 of {total} finding(s) shown." in confirmed  # the planted decision on "monitoring"
    assert "Knows where she was." in confirmed


def test_unknown_filters_are_explained(client: TestClient) -> None:
    response = client.get("/findings", params={"status": "maybe"})
    assert response.status_code == 400
    assert "status &#39;maybe&#39; is not known; use one of all, unreviewed, confirmed, dismissed, noted" in (
        response.text
    )
    response = client.get("/findings", params={"category": "nonsense"})
    assert response.status_code == 404
    assert "no findings of category &#39;nonsense&#39; in this case" in response.text


def test_a_finding_shows_its_message_with_the_evidence_marked_and_hostile_text_inert(
    client: TestClient, planted: Case
) -> None:
    fid = finding_id(planted, "insult_harassment")
    page = client.get(f"/findings/{fid}").text
    assert "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script>" not in page and "<img" not in page
    assert (
        "\u202e" not in page
        and "[U+202E RIGHT-TO-LEFT OVERRIDE]gnp.exe[U+202C POP DIRECTIONAL FORMATTING]" in page
    )
    assert "insult.x" in page and "detect v4" in page
    assert page_views(planted)[-1] == (
        "tester",
        "investigator",
        "/findings/{finding_id}",
        {"finding": fid},
        1,
    )


def test_a_decision_is_recorded_with_its_reason_and_shown(client: TestClient, planted: Case) -> None:
    fid = finding_id(planted, "threat_to_kill")
    planted_up_to = _last_seq(planted)  # the planted case's own decisions are audited before
    token = _token(client.get(f"/findings/{fid}").text)
    response = client.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "clear threat", "csrf": token}
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/findings/{fid}"
    page = client.get(f"/findings/{fid}").text
    assert "confirmed</span> by <strong>tester</strong>" in page
    assert "clear threat" in page
    assert next(f for f in planted.store.findings() if f.id == fid).decision == "confirmed"
    review = [
        e for e in planted.store.audit_entries() if e.action == "review confirm" and e.seq > planted_up_to
    ]
    assert [(e.actor, e.role, e.object, e.justification) for e in review] == [
        ("tester", "investigator", f"finding {fid}", "clear threat")
    ]


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        (" ", "every decision needs a reason (it is kept in the audit log); give one and try again"),
        # PostgreSQL's text holds no NUL character: storing it was a server error there
        ("seen\x00it", "a reason may not contain a NUL character; remove it and try again"),
    ],
)
def test_a_bad_reason_is_refused_the_form_shown_again_and_nothing_stored(
    client: TestClient, planted: Case, reason: str, message: str
) -> None:
    fid = finding_id(planted, "distress")
    before = _decisions(planted)
    planted_up_to = _last_seq(planted)
    token = _token(client.get(f"/findings/{fid}").text)
    response = client.post(
        f"/findings/{fid}/decision", data={"action": "dismiss", "reason": reason, "csrf": token}
    )
    assert response.status_code == 400
    assert message in response.text
    assert 'name="reason"' in response.text
    assert _decisions(planted) == before
    assert not [
        e for e in planted.store.audit_entries() if e.action.startswith("review ") and e.seq > planted_up_to
    ]


# a guessed secret; one with non-ASCII characters (compare_digest raised TypeError on it: a 500)
@pytest.mark.parametrize("secret", ["guess", "é"])
def test_a_post_without_the_form_secret_is_refused(client: TestClient, planted: Case, secret: str) -> None:
    fid = finding_id(planted, "threat_to_kill")
    before = _decisions(planted)
    response = client.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "x", "csrf": secret}
    )
    assert response.status_code == 403
    assert "this form is out of date or came from another site" in response.text
    assert _decisions(planted) == before


def test_an_unknown_finding_is_a_404_page(client: TestClient) -> None:
    response = client.get("/findings/999999")
    assert response.status_code == 404
    assert "no finding 999999 in the latest analyser runs of this case" in response.text


def test_a_finding_id_that_is_not_a_whole_number_in_range_is_a_404_page(
    client: TestClient, planted: Case
) -> None:
    token = _token(client.get(f"/findings/{finding_id(planted, 'threat_to_kill')}").text)
    before = _decisions(planted)
    for raw in ("abc", "1.5", "99999999999999999999", "9223372036854775808", "2147483648"):
        response = client.get(f"/findings/{raw}")
        assert response.status_code == 404, raw
        assert f"there is no finding {raw}; open the list of findings" in response.text
        posted = client.post(
            f"/findings/{raw}/decision", data={"action": "confirm", "reason": "x", "csrf": token}
        )
        assert posted.status_code == 404, raw
    posted = client.post(
        "/findings/999999/decision", data={"action": "confirm", "reason": "x", "csrf": token}
    )
    assert posted.status_code == 404
    # worded for both edges (was "list them with `footprint findings DIR`", the command line's alone)
    assert (
        "no finding 999999 in this case; use an id the list of findings shows (`footprint findings DIR`"
        " or the review app)"
    ) in posted.text
    assert _decisions(planted) == before


def test_with_no_users_a_request_for_another_host_name_is_refused(client: TestClient, planted: Case) -> None:
    # a page on another site whose name the attacker re-points at 127.0.0.1 (DNS rebinding) must not be
    # able to read the case or post decisions as the named user
    fid = finding_id(planted, "threat_to_kill")
    token = _token(client.get(f"/findings/{fid}").text)
    audited, viewed = len(_web_audit(planted)), len(page_views(planted))
    before = _decisions(planted)
    evil = {"Host": "rebind.attacker.example:8765"}
    for response in (
        client.get("/findings", headers=evil),
        client.get(f"/findings/{fid}", headers=evil),
        client.post(
            f"/findings/{fid}/decision",
            data={"action": "confirm", "reason": "x", "csrf": token},
            headers=evil,
        ),
    ):
        assert response.status_code == 403
        assert "this app answers only addresses of this computer" in response.text
        assert token not in response.text
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert (len(_web_audit(planted)), len(page_views(planted))) == (audited, viewed)
    assert _decisions(planted) == before
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "localhost"):
        assert client.get("/findings", headers={"Host": host}).status_code == 200, host


def test_a_viewer_reads_but_gets_no_decision_form(planted: Case) -> None:
    viewer = Settings(actor="observer", role="viewer", database_url=None)
    with opened(create_app(planted.dir, viewer)) as client:
        page = client.get(f"/findings/{finding_id(planted, 'threat_to_kill')}").text
    assert "Your role (viewer) may read findings but not decide on them." in page
    assert 'name="csrf"' not in page
    assert [(a, r, route) for a, r, route, _, _ in page_views(planted)] == [
        ("observer", "viewer", "/findings/{finding_id}")
    ]


def test_a_course_of_conduct_lists_the_items_it_rests_on(client: TestClient, planted: Case) -> None:
    page = client.get(f"/findings/{finding_id(planted, 'course_of_conduct')}").text
    assert "Three occasions of unwanted contact." in page
    assert "<h2>The items it rests on</h2>" in page
    rows = re.findall(r'<td data-label="Text" class="text">([^<]*)</td>', page)
    assert rows[0] == "Where were you last night? I know you were at 14 Elm Road with Priya Shah"
    assert rows[1] == "I will kill you if you go to the police"
    assert rows[2].startswith("&lt;script&gt;alert(1)")


def test_page_views_at_once_are_each_logged_and_the_chain_head_stays_true(
    client: TestClient, planted: Case
) -> None:
    # uvicorn answers in a thread pool: concurrent views must not fail on either log or leave a head behind
    audited = list(planted.store.audit_entries())
    before = len(page_views(planted))
    statuses: list[int] = []

    def views() -> None:
        for _ in range(5):
            statuses.append(client.get("/findings").status_code)

    threads = [threading.Thread(target=views) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 50
    assert len(page_views(planted)) == before + 50
    assert list(planted.store.audit_entries()) == audited  # views write no audit entry
    last = audited[-1]
    assert recorded_head(planted.dir, []) == ((last.seq, last.hash), [])
    assert verify_case(planted).problems == []


def test_an_unknown_address_is_the_html_problem_page(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "there is no such page; open the list of findings" in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    response = client.put("/findings")
    assert response.status_code == 405
    assert "that request was refused (Method Not Allowed); open the list of findings" in response.text


_ROW = re.compile(
    r'<tr><td data-label="Element">([^<]*)(.*?)</td><td data-label="Status">([^<]*)</td>'
    r'<td data-label="Items">(.*?)</td></tr>'
)


def _offence(page: str, heading: str) -> list[tuple[str, str, str]]:
    """An offence's elements on an assessment's page: (text, status, the items cited, tags removed)."""
    section = page.split(heading, 1)[1].split("</table>", 1)[0]
    return [(text, status, re.sub(r"<[^>]+>", "", items)) for text, _, status, items in _ROW.findall(section)]


def test_an_offence_assessment_shows_each_element_with_its_items(client: TestClient, planted: Case) -> None:
    page = client.get(f"/findings/{finding_id(planted, 'offence_assessment')}").text
    assert "<h2>Offences: John Smith against Jane Doe</h2>" in page
    assert (
        "Threats to kill: Offences against the Person Act 1861 s.16"
        ' <span class="decision indicated">(indicated — needs a person&#39;s review)</span>' in page
    )  # every element rests on software findings no person has confirmed
    assert (
        "Time limit: six months from the offence (Magistrates&#39; Courts Act 1980 s.127(1)); last date 2024-10-02"
        in page
    )
    assert _offence(page, "Threats to kill:") == [
        (
            "Without lawful excuse he made to her a threat to kill her or a third person (any medium; it may"
            " be implied).",
            "indicated — needs a person&#39;s review",
            "JD/1 line 5 (07/02/2024 23:47:00 GMT (+00:00))0 of 1 confirmed by a person",
        ),
        (
            "He intended her to fear the threat would be carried out (an intention to kill is not needed).",
            "indicated — needs a person&#39;s review",
            "JD/1 line 5 (07/02/2024 23:47:00 GMT (+00:00))JD/1 line 6 (07/02/2024 23:50:00 GMT (+00:00))"
            "0 of 2 confirmed by a person",
        ),
    ]
    # a recorded fact an element rests on, escaped
    assert (
        '<br><span class="small">Basis: order 1: date the suspect became aware of the order not recorded;'
        in page
    )


def test_the_law_page_is_assessed_as_it_opens_so_a_dismissed_finding_is_not_cited(
    client: TestClient, planted: Case
) -> None:
    # the page had shown the law analyser's stored finding: a finding dismissed since it ran was still
    # cited there, while the report (which assesses as it is built) left it out
    assessment = f"/findings/{finding_id(planted, 'offence_assessment')}"
    threat = finding_id(planted, "threat_to_kill")
    before = client.get(assessment).text
    assert "JD/1 line 5" in _offence(before, "Threats to kill:")[0][2]
    dismissed = client.post(
        f"/findings/{threat}/decision",
        data={"action": "dismiss", "reason": "song lyrics", "csrf": _token(before), "seen": ""},
    )
    assert dismissed.status_code == 303
    after = client.get(assessment).text
    # his threat was the only evidence of the threat and its menace: those three offences are no longer
    # candidates; the message still counts as contact after she asked him to stop
    offences = re.compile(r"<h3>[^<]*: ([^<]*) <span")
    assert set(offences.findall(before)) - set(offences.findall(after)) == {
        "Communications Act 2003 s.127(1)",
        "Offences against the Person Act 1861 s.16",
        "Online Safety Act 2023 s.181",
    }
    assert len(offences.findall(after)) == 5
    assert "JD/1 line 5" in _offence(after, "Stalking: ")[0][2]
    assert "from the review decisions as they are now (a dismissed finding is not cited)" in after


def test_a_decision_on_a_finding_replaced_meanwhile_says_so(client: TestClient, planted: Case) -> None:
    from tests.report.planted import _run

    fid = finding_id(planted, "threat_to_kill")
    planted_up_to = _last_seq(planted)
    token = _token(client.get(f"/findings/{fid}").text)
    old = next(f for f in planted.store.findings() if f.id == fid)
    _run(
        planted, "detect", 4, [FindingDraft(old.item_id, "threat_to_kill", 0.93, "Explicit threat to kill.")]
    )
    response = client.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "clear threat", "csrf": token}
    )
    assert response.status_code == 404
    assert f"finding {fid} was replaced when the analysers ran again" in response.text
    assert [
        e for e in planted.store.audit_entries() if e.action.startswith("review ") and e.seq > planted_up_to
    ] == []
    assert verify_case(planted).problems == []


def test_a_finding_recorded_by_a_person_says_whose_it_is(client: TestClient, planted: Case) -> None:
    item = next(
        i.id for i in planted.store.iter_items() if i.text == "I will kill you if you go to the police"
    )
    recorded = record_finding(planted, item, "money_demand", "voice note <b>JD/4</b> demands £500", None)
    page = client.get(f"/findings/{recorded.finding_id}").text
    assert "<dt>Recorded by</dt><dd>tester (investigator), a person, not an analyser</dd>" in page
    assert "Produced by" not in page
    assert "voice note &lt;b&gt;JD/4&lt;/b&gt; demands £500" in page


def test_a_decision_on_the_same_words_in_an_earlier_run_is_shown_with_where_it_was_made(
    client: TestClient, planted: Case
) -> None:
    from footprint.review import decide
    from tests.report.planted import _run

    fid = finding_id(planted, "threat_to_kill")
    old = next(f for f in planted.store.findings() if f.id == fid)
    decide(planted, fid, "dismiss", "a film line they <b>both</b> quote")
    _run(planted, "detect", 4, [FindingDraft(old.item_id, old.category, 0.93, old.explanation, old.spans)])
    new = finding_id(planted, "threat_to_kill")
    page = client.get(f"/findings/{new}").text
    assert (
        f'<dd class="decision dismissed">dismissed (decided on finding #{fid},'
        " the same words in an earlier run)</dd>"
    ) in page
    assert "a film line they &lt;b&gt;both&lt;/b&gt; quote" in page
    # the same words with another explanation assert something else: the decision is named, not carried
    _run(planted, "detect", 5, [FindingDraft(old.item_id, old.category, 0.93, "Threat to kill.", old.spans)])
    other = finding_id(planted, "threat_to_kill")
    assert (
        f'<dd class="decision unreviewed">not reviewed (finding #{fid} of an earlier run, about this item, was'
        " dismissed, but it said something different: that decision does not apply to this one, which needs"
        " its own review)</dd>"
    ) in client.get(f"/findings/{other}").text


def test_the_list_marks_findings_on_copies_of_an_earlier_exhibit_s_messages(
    case: Case, tmp_path: Path, settings: Settings
) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse" / "law"))
    from lawscenario import chat_held_twice

    chat_held_twice(case, tmp_path, "zip")
    with opened(create_app(case.dir, settings), follow_redirects=False) as client:
        page = client.get("/findings").text
    # the filter's counts said 4, the report 2: both now count each message once
    assert (
        "4 of 4 finding(s) shown. 2 of them are on copies of messages in earlier exhibits: each message counts"
        " once, as the first exhibit's item. Counting each message once, as the report does, the case has 2."
        in page
    )
    assert '<option value="">every category (2)</option>' in page
    assert 'JD/2 <span class="mono">line 2</span> <span class="small">(copy of JD/1 line 2)</span>' in page
    [on_copy] = [f for f in case.store.findings("request_to_stop") if f.exhibit == "JD/2"]
    with opened(create_app(case.dir, settings), follow_redirects=False) as client:
        shown = client.get(f"/findings/{on_copy.id}").text
    assert (
        '<dd>JD/2 <span class="mono">line 2</span> — the same message as JD/1 line 2 in an earlier exhibit: it'
        " counts once, there</dd>" in shown
    )


def test_an_assessment_of_a_pair_no_longer_assessed_says_so(client: TestClient, planted: Case) -> None:
    from tests.report.planted import _run

    pair = {"suspect": "Tom <b>Brown</b>", "complainant": "Jane Doe", "offences": []}
    _run(planted, "law", 2, [FindingDraft(None, "offence_assessment", 1.0, "Assessment.", details=pair)])
    page = client.get(f"/findings/{finding_id(planted, 'offence_assessment')}").text
    assert (
        "<p>Tom &lt;b&gt;Brown&lt;/b&gt; and Jane Doe are no longer a suspect and complainant of this case, so"
        " <code>footprint assess</code> no longer assesses them; run the analysers again.</p>" in page
    )
    assert "<h2>Offences:" not in page


def test_an_offence_assessment_says_how_many_items_a_person_confirmed(
    client: TestClient, planted: Case
) -> None:
    # the report's matrix said it; the app's page of the same assessment left it out
    page = client.get(f"/findings/{finding_id(planted, 'offence_assessment')}").text
    counts = [items.rsplit(")", 1)[1] for _, _, items in _offence(page, "Stalking: ")]
    assert counts == [  # the planted decisions: the monitoring confirmed, the blackmail dismissed
        "1 of 6 confirmed by a person",
        "1 of 7 confirmed by a person",
        "1 of 6 confirmed by a person",
        "0 of 7 confirmed by a person",
    ]
    no_finding = _offence(page, "Sending a grossly offensive")[0][2]
    assert no_finding.endswith(")no software finding to confirm")


def _last_seq(case: Case) -> int:
    """The newest audit entry's number (the planted case audits decisions of its own before a test acts)."""
    return list(case.store.audit_entries())[-1].seq


def test_a_decision_made_by_a_colleague_after_the_page_was_opened_is_not_overwritten_unseen(
    client: TestClient, planted: Case
) -> None:
    from footprint.review import decide

    fid = finding_id(planted, "threat_to_kill")
    opened = client.get(f"/findings/{fid}").text
    token, seen = _token(opened), re.search(r'name="seen" value="([^"]*)"', opened)
    assert seen is not None and seen.group(1) == ""  # nobody had decided when she opened it
    decide(planted.acting_as("Rev One", "reviewer"), fid, "confirm", "a clear threat")
    before = _decisions(planted)
    planted_up_to = _last_seq(planted)
    response = client.post(
        f"/findings/{fid}/decision",
        data={"action": "dismiss", "reason": "banter", "csrf": token, "seen": seen.group(1)},
    )
    assert response.status_code == 409
    assert (
        "Rev One recorded a decision on this finding (confirmed) after you opened it; read it in the history"
        " and decide again" in response.text
    )
    assert "banter</textarea>" in response.text  # her reason is kept in the form
    assert _decisions(planted) == before
    assert [
        e for e in planted.store.audit_entries() if e.action.startswith("review ") and e.seq > planted_up_to
    ] == []
    again = re.search(r'name="seen" value="([^"]*)"', response.text)
    assert again is not None
    retried = client.post(
        f"/findings/{fid}/decision",
        data={"action": "dismiss", "reason": "banter", "csrf": token, "seen": again.group(1)},
    )
    assert retried.status_code == 303
    assert _decisions(planted)[fid] == "dismissed"


def test_a_page_view_that_cannot_be_logged_is_shown_and_the_servers_log_says_so(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(access_record, "ACCESS_WAIT_MS", 100)
    writer = sqlite3.connect(planted.dir / "case.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an add or an analyse holding the write lock
    try:
        response = client.get("/findings")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert response.status_code == 200 and page_views(planted) == []
    assert [r.getMessage() for r in caplog.records if r.name == "footprint.web.page_views"] == [
        "Warning: a page view (/findings by tester) was not recorded in the case's access log (another"
        " command held the case's write lock for more than 0.1 s); the page was shown"
    ]


def test_a_case_whose_audit_log_holds_page_views_of_old_still_verifies_and_reports(
    client: TestClient, planted: Case
) -> None:
    fid = finding_id(planted, "threat_to_kill")
    planted.acting_as("DC Ann Reviewer", "reviewer").record("web view finding", f"finding {fid}")
    planted.acting_as("DC Ann Reviewer", "reviewer").record("web search", "kill", page=1, hits=2)
    assert verify_case(planted).problems == []
    assert client.get(f"/findings/{fid}").status_code == 200
    assert build_report(planted).audit_seq == list(planted.store.audit_entries())[-1].seq


def _handles_on(database: Path) -> list[str]:
    """The files this process holds open that are the case's database or its -wal/-shm files."""
    held = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.resolve())
        except OSError:  # closed while listed
            continue
        if target.startswith(str(database)):
            held.append(target)
    return held


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads this process's open files in /proc")
def test_a_stopped_server_holds_nothing_of_the_case_database_open(planted: Case, settings: Settings) -> None:
    # a stopped server left its connections open until the collector happened by (on PostgreSQL, a
    # connection to the team's database kept until then)
    database = planted.dir / "case.db"
    planted.close()
    assert _handles_on(database) == []
    with opened(create_app(planted.dir, settings)) as browser:
        assert browser.get("/findings").status_code == 200
        assert f"{database}" in _handles_on(database)
    assert _handles_on(database) == []
