"""An advocate's `report`, `verify` and `assess` in a case holding police material she may not see.

`report` and `verify` are narrowed to what the complainant supplied and say so, with a count of what is
left out and nothing else of it; `assess` is refused, with why (``footprint.advocate_view``). Every file
her report writes is searched for each string the police exhibit holds.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from html import escape as _escape
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.advocate_view import NOT_HER_WORDS
from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.cli import cli
from footprint.code_identity import tool_version
from footprint.integrity.narrowed import verify_narrowed
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.report.advocate import AS_AT
from footprint.review.decisions import decide
from footprint.review.record import record_finding
from footprint.settings import Settings
from tests.conftest import store_findings
from tests.scopecase import ScopeCase, scoped_on_each_store
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)

HERS = (
    "14/03/2024, 09:15 - Craig Smith: you will regret leaving me\n"
    "14/03/2024, 09:16 - Jane Doe: please stop contacting me\n"
)
POLICE = (
    "15/03/2024, 10:00 - Zebedee Quartermain: ring me on 07700 900987 about the zanzibar warehouse\n"
    "15/03/2024, 10:01 - Craig Smith: she went to the police so the zanzibar plan is off\n"
)
LABEL = (
    "Advocate's view: only the material the complainant supplied; 1 exhibit held by the police is not"
    " shown and was not weighed"
)


@dataclass(frozen=True)
class Team:
    """The case, and every string of the police exhibit that her outputs must not hold."""

    case: Case
    police_strings: tuple[str, ...]


def _build(tmp_path: Path) -> Team:
    settings = Settings(actor="DC Ivy", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Smith", tz="Europe/London", settings=settings)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    hers, police = inputs / "WhatsApp Chat with Craig Smith.txt", inputs / "WhatsApp Chat with Zebedee Q.txt"
    hers.write_text(HERS, encoding="utf-8")
    police.write_text(POLICE, encoding="utf-8")
    for name, role in (
        ("Jane Doe", "complainant"),
        ("Craig Smith", "suspect"),
        ("Zebedee Quartermain", "witness"),
    ):
        add_person(case, name, role)
    add_exhibit(case, hers, AddOptions(producer="Jane Doe", exhibit_ref="JD/1", victim_supplied=True))
    add_exhibit(case, police, AddOptions(producer="PC Quincy Rook", exhibit_ref="QR/1"))
    h1, h2, p1, p2 = (i.id for i in case.store.iter_items())
    store_findings(
        case,
        "detect",
        [
            FindingDraft(h1, "threat_violence", 0.9, "a threat in her chat"),
            FindingDraft(h2, "request_to_stop", 0.8, "she asks him to stop"),
            FindingDraft(p1, "doxxing", 0.7, "shares a number about the zanzibar plan"),
        ],
    )
    store_findings(
        case,
        "conduct",
        [
            FindingDraft(None, "course_of_conduct", 1.0, "her chat only", details={"item_ids": [h1, h2]}),
            FindingDraft(
                None, "escalation", 0.8, "worse after the warehouse", details={"item_ids": [h1, p2]}
            ),
            FindingDraft(
                None,
                "contact_after_request",
                0.9,
                "contact after her request, seen in the download",
                details={"item_id": p2, "request_item_id": h2},
            ),
        ],
    )
    store_findings(
        case, "law", [FindingDraft(None, "offence_assessment", 1.0, "weighed over all", details={})]
    )
    by_words = {f.explanation: f.id for f in case.store.findings()}
    decide(case, by_words["a threat in her chat"], "confirm", "her statement")
    decide(case, by_words["shares a number about the zanzibar plan"], "confirm", "Quartermain's phone")
    # an officer's words on her own material may name police material: a reviewer's reason, a recorded
    # finding's reason and an attribution's basis went into her report word for word (advocate leak review)
    decide(case, by_words["she asks him to stop"], "note", "as Zebedee says at 17 Quince Crescent")
    record_finding(case, h1, "monitoring", "the demand Zebedee relayed from Pembroke Lodge", None)
    attribute_account(case, "whatsapp:Craig Smith", "Craig Smith", "the Pembroke Lodge download shows it")
    police_exhibit = next(e for e in case.store.exhibits() if e.ref == "QR/1")
    strings = (
        "QR/1",
        "Zebedee",
        "Quartermain",
        "07700 900987",
        "07700900987",
        "zanzibar",
        "Quincy Rook",
        "went to the police",
        "worse after the warehouse",
        "seen in the download",
        "Quince Crescent",
        "Pembroke Lodge",
        police_exhibit.sha256,
        police_exhibit.sha256[:16],
        police.name,
    )
    case.close()
    return Team(case, strings)


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return _build(tmp_path)


def run(team: Team, role: str, *args: str) -> Result:
    words = args[0].split()
    return CliRunner().invoke(cli, ["--actor", "Ann", "--role", role, *words, str(team.case.dir), *args[1:]])


def escape(text: str) -> str:
    """As the report's template escapes text (an apostrophe as ``&#39;``)."""
    return _escape(text).replace("&#x27;", "&#39;")


def _written(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow  # writes the whole report
def test_her_report_holds_her_material_only_and_says_so_everywhere(team: Team) -> None:
    done = run(team, "advocate", "report")
    assert done.exit_code == 0, done.output
    mine = team.case.dir / "reports" / "advocate"
    files = _written(mine)
    assert done.output.splitlines() == [LABEL, *(str(mine / name) for name in sorted(files))]
    assert sorted(files) == [
        "items.jsonl",
        "report.html",
        "schedules/chronology.csv",
        "schedules/exhibits-mg12.csv",
        "schedules/mg11-draft-JD.txt",
        "schedules/mg6c.csv",
        "schedules/mg6d.csv",
        "timeline.jsonl",
    ]
    every = _written(team.case.dir / "reports")  # nothing else was written beside hers
    assert sorted(every) == [f"advocate/{name}" for name in sorted(files)]
    for name, text in files.items():
        leaked = [s for s in team.police_strings if s.lower() in text.lower()]
        assert leaked == [], name
    html = files["report.html"]
    # the first page, each of the 10 sections and the sign-off, and the printed page's running head
    assert html.count(f'<p class="narrowed" role="note">{escape(LABEL)}.') == 12
    assert '@top-left { content: "R v Smith — advocate\'s view";' in html
    assert f'@top-right {{ content: "{LABEL}";' in html
    assert (
        "not assessed in the advocate&#39;s view: an offence assessment made from part of the case would say"
        " an offence&#39;s elements are missing, or that no offence is a candidate, where the material held"
        " by the police may show otherwise, and would count time limits from her items alone, so none is made"
        " from her material."
    ) in html
    assert "her chat only" in html and "a threat in her chat" in html and "her statement" not in html
    # another person's words on her material are not shown, and said not to be: the officer's decision
    # reasons, his recorded finding's reason and the attribution's basis
    assert html.count(escape(NOT_HER_WORDS)) >= 3
    assert "<tr><td>Craig Smith</td><td>suspect</td></tr>" in html  # he wrote to her: her chat names him
    assert "<tr><td>Jane Doe</td><td>complainant</td></tr>" in html
    for name in ("schedules/chronology.csv", "schedules/exhibits-mg12.csv", "schedules/mg6c.csv"):
        rows = files[name].splitlines()[1:]
        assert rows and all(
            f"footprint {tool_version()}, {LABEL}; as at {AS_AT} (chain head withheld)" in row for row in rows
        )
    # no count of what she may not see but the label's: not the audit log's length (an entry's number),
    # and not the case's numbering of findings and decisions (advocate leak review 5)
    for name, text in files.items():
        assert re.findall(r"\bentr(?:y|ies) #?\d|\d+ entries", text) == [], name
    her_findings = [json.loads(line)["findings"] for line in files["items.jsonl"].splitlines()]
    numbers = {f["id"] for found in her_findings for f in found}
    numbers |= {int(n) for text in files.values() for n in re.findall(r"\b[Ff]inding #?(\d+)", text)}
    assert numbers == {1, 2, 3, 4}  # her 4 findings: the threat, her request, the course, the recorded one
    assert files["schedules/mg11-draft-JD.txt"].startswith(
        "Advocate's view: only the material the complainant supplied; 1 exhibit held by the police is not\n"
        "shown and was not weighed.\n\nDRAFT: exhibit paragraphs"
    )
    for name in ("items.jsonl", "timeline.jsonl"):
        lines = [json.loads(line) for line in files[name].splitlines()]
        assert [(x["exhibit"], x["view"]) for x in lines] == [("JD/1", LABEL), ("JD/1", LABEL)]


@pytest.mark.slow  # writes the whole report
def test_her_report_is_recorded_and_checked_by_the_officers_verify(team: Team) -> None:
    assert run(team, "advocate", "report").exit_code == 0
    again = run(team, "advocate", "report")
    mine = team.case.dir / "reports" / "advocate"
    assert again.exit_code == 0
    aside = sorted(_written(mine / "superseded" / "1"))
    assert len(aside) == 8 and sorted(_written(mine)) == sorted(
        [*aside, *(f"superseded/1/{n}" for n in aside)]
    )
    entries = list(Case.open(team.case.dir, Settings(actor="t", database_url=None)).store.audit_entries())
    [first, second] = [e for e in entries if e.action == "advocate report"]
    moved = json.loads(second.details)["moved"]
    assert moved["reports/advocate/report.html"] == "reports/advocate/superseded/1/report.html"
    assert (second.actor, second.role, json.loads(second.details)["view"]) == ("Ann", "advocate", LABEL)
    checked = run(team, "investigator", "verify")
    assert checked.exit_code == 0, checked.output
    assert "and 16 report output(s) match what their audit entries recorded" in checked.output
    (mine / "report.html").chmod(stat.S_IRUSR | stat.S_IWUSR)
    (mine / "report.html").write_text("changed", encoding="utf-8")
    broken = run(team, "investigator", "verify")
    assert (
        "PROBLEM: report output reports/advocate/report.html: changed since it was written" in broken.output
    )


def test_her_report_makes_no_disclosure_copy_and_no_bundle(team: Team) -> None:
    redact = run(team, "advocate", "report", "--redact", "--disclosure-to", "Hart", "--justification", "x")
    assert (redact.exit_code, redact.output.splitlines()[-1]) == (
        2,
        "Error: --redact: a disclosure copy is for the disclosure officer to make from the whole case; an"
        " advocate's report shows only the material the complainant supplied and is not disclosed; run"
        " footprint report again without it",
    )
    bundle = run(team, "advocate", "report", "--bundle")
    assert (bundle.exit_code, bundle.output.splitlines()[-1]) == (
        2,
        "Error: --bundle: an export bundle carries the case's audit log, which names exhibits this role may"
        " not see; the officer in the case can make one; run footprint report again without it",
    )
    assert _written(team.case.dir / "reports") == {}


def test_her_verify_names_her_exhibit_and_counts_the_others(team: Team) -> None:
    done = run(team, "advocate", "verify")
    assert (done.exit_code, done.output.splitlines()) == (
        0,
        [
            LABEL,
            "OK: 1 exhibit(s) the complainant supplied and 0 attachment(s) of theirs match their SHA-256; the"
            " 1 other exhibit(s), held by the police and not shown to this role, and their attachments also"
            " match theirs; audit chain intact; not checked in this view: the rows, the"
            " report outputs and the vault's other files against the audit entries that wrote them (they name"
            " exhibits this role may not see); the officer in the case's footprint verify checks them",
        ],
    )
    as_json = json.loads(run(team, "advocate", "verify", "--json").output)
    # the withheld exhibits are the one count of what she may not see: not their attachments, not the audit
    # log's entries (advocate leak review 5)
    assert sorted(as_json) == [
        "attachments",
        "audit_log_gap",
        "exhibits",
        "not_checked",
        "problems",
        "tool",
        "tool_version",
        "view",
        "warnings",
        "withheld_exhibits",
    ]
    assert {
        k: as_json[k] for k in ("view", "exhibits", "withheld_exhibits", "problems", "audit_log_gap")
    } == {
        "audit_log_gap": None,
        "view": LABEL,
        "exhibits": 1,
        "withheld_exhibits": 1,
        "problems": [],
    }
    entries = list(Case.open(team.case.dir, Settings(actor="t", database_url=None)).store.audit_entries())
    [recorded, _] = [e for e in entries if e.action == "verify"]
    assert (recorded.role, json.loads(recorded.details)["exhibits"]) == ("advocate", 2)  # both re-hashed


def test_her_verify_counts_a_changed_police_original_without_naming_it(team: Team) -> None:
    store = Case.open(team.case.dir, Settings(actor="t", database_url=None))
    police = next(e for e in store.store.exhibits() if e.ref == "QR/1")
    original = store.vault.path(police.sha256)
    original.chmod(stat.S_IRUSR | stat.S_IWUSR)
    original.write_bytes(b"changed")
    os.chmod(original, stat.S_IRUSR)
    done = run(team, "advocate", "verify")
    assert (done.exit_code, done.output.splitlines()) == (
        1,
        [
            LABEL,
            "PROBLEM: exhibits or attachments not shown to this role are missing from the vault or no longer"
            " match their recorded SHA-256; the officer in the case must run footprint verify",
            "Error: verification failed (1 problem(s)): exhibits or attachments not shown to this role are"
            " missing from the vault or no longer match their recorded SHA-256; the officer in the case must"
            " run footprint verify",
        ],
    )
    report = run(team, "advocate", "report")
    assert report.exit_code == 1 and _written(team.case.dir / "reports") == {}
    for text in (done.output, report.output):
        assert [s for s in team.police_strings if s.lower() in text.lower()] == []


def test_her_assess_is_refused_with_why(team: Team) -> None:
    refused = run(team, "advocate", "assess")
    assert (refused.exit_code, refused.output) == (
        1,
        "Error: the offence assessment is not shown to a user acting as 'advocate': that role sees only the"
        " exhibits the complainant supplied, and 1 exhibit(s) in this case were not supplied by her. Nor is"
        " one made from her material alone: an offence assessment made from part of the case would say an"
        " offence's elements are missing, or that no offence is a candidate, where the material held by the"
        " police may show otherwise, and would count time limits from her items alone. Ask the officer in the"
        " case (an investigator) or the prosecutor for it; `footprint report` gives her a report of the"
        " material she supplied and the findings on it\n",
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def scoped(request: pytest.FixtureRequest, tmp_path: Path) -> ScopeCase:
    return scoped_on_each_store(request, tmp_path)


def test_her_report_model_holds_the_findings_and_links_she_sees(scoped: ScopeCase) -> None:
    hers = scoped.case.acting_as("Ann", "advocate")
    model = build_report(hers)
    assert model.narrowed == LABEL
    every = {f.id: f for f in scoped.case.store.findings()}
    assert sorted((f.category, f.explanation) for f in model.findings) == sorted(
        (every[i].category, every[i].explanation) for i in scoped.visible_findings
    )
    assert sorted(f.id for f in model.findings) == [1, 2, 3]  # numbered in her view, not the case's ids
    assert [(lk.account_a, lk.account_b) for lk in model.links] == [
        ("whatsapp:Craig Smith", "whatsapp:Jane Doe")
    ]
    assert [e.exhibit.ref for e in model.exhibits] == ["JD/1"]
    assert (model.assessments, model.court_orders, model.continuity, model.disclosures) == ((), (), (), ())
    assert (model.audit_head, model.head_short, model.statuses["offences"].state) == (
        "not shown in the advocate's view (it covers entries on exhibits this role may not see)",
        "withheld",
        "not assessed",
    )
    assert set(model.item_sha256) == set(scoped.hers)
    checked = verify_narrowed(hers)
    assert (checked.exhibits, checked.withheld, checked.problems) == (1, 1, [])
