"""An advocate's numbers for items and findings while the case holds police material (``her_numbers``).

The police exhibits are added before and between hers, and their findings before and between hers, so the
case's ids of her items (3, 4, 6) and findings (2, 3, 5, 6) have gaps that would count what she may not
see. Her view numbers them from 1; every command she runs gives and takes those numbers.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.advocate_view import NOT_HER_WORDS
from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.cli import cli
from footprint.integrity.narrowed import GAP
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import build_report
from footprint.review import record_finding
from footprint.settings import Settings
from tests.conftest import store_findings
from tests.scopecase import _link_run

POLICE_1 = (
    "13/03/2024, 08:00 - Lee Brown: police-only first\n13/03/2024, 08:01 - Mark Jones: police-only second\n"
)
HERS_1 = (
    "14/03/2024, 09:15 - Craig Smith: you will regret leaving me\n"
    "14/03/2024, 09:16 - Jane Doe: please stop contacting me\n"
)
POLICE_2 = "15/03/2024, 10:00 - Lee Brown: police-only third\n"
HERS_2 = "16/03/2024, 11:00 - Craig Smith: I know where you are tonight\n"
LABEL = (
    "Advocate's view: only the material the complainant supplied; 2 exhibits held by the police are not"
    " shown and were not weighed"
)


@dataclass(frozen=True)
class Numbered:
    """The case, and the case's ids of its items and findings by what they say."""

    case: Case
    items: dict[str, int]  # by text
    findings: dict[str, int]  # by explanation


def conduct_findings(items: dict[str, int]) -> list[FindingDraft]:
    """The conduct analysers' findings on her chats: a course, and his contact after her request."""
    return [
        FindingDraft(
            None,
            "course_of_conduct",
            1.0,
            "her chats",
            details={
                "item_ids": [items["you will regret leaving me"], items["I know where you are tonight"]]
            },
        ),
        FindingDraft(
            None,
            "contact_after_request",
            0.9,
            "he wrote again after her request",
            details={
                "item_id": items["I know where you are tonight"],
                "request_item_id": items["please stop contacting me"],
            },
        ),
    ]


def _build(tmp_path: Path, database_url: str | None = None) -> Numbered:
    settings = Settings(actor="DC Ivy", role="investigator", database_url=database_url)
    case = Case.init(tmp_path / "case", name="R v Smith", tz="Europe/London", settings=settings)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for n, (name, text, ref, hers) in enumerate(
        (
            ("WhatsApp Chat with Lee Brown.txt", POLICE_1, "PC/1", False),
            ("WhatsApp Chat with Craig Smith.txt", HERS_1, "JD/1", True),
            ("WhatsApp Chat with Lee B.txt", POLICE_2, "PC/2", False),
            ("WhatsApp Chat with Craig S.txt", HERS_2, "JD/2", True),
        )
    ):
        path = inputs / str(n) / name
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        producer = "Jane Doe" if hers else "PC Ann Officer"
        add_exhibit(case, path, AddOptions(producer=producer, exhibit_ref=ref, victim_supplied=hers))
    items = {i.text: i.id for i in case.store.iter_items()}
    store_findings(
        case,
        "detect",
        [
            FindingDraft(items["police-only first"], "threat_violence", 0.7, "police-only finding"),
            FindingDraft(items["you will regret leaving me"], "threat_violence", 0.9, "a threat in her chat"),
            FindingDraft(items["please stop contacting me"], "request_to_stop", 0.8, "she asks him to stop"),
            FindingDraft(items["police-only third"], "monitoring", 0.6, "police-only monitoring"),
            FindingDraft(items["I know where you are tonight"], "monitoring", 0.8, "he knows where she is"),
        ],
    )
    store_findings(
        case,
        "conduct",
        [
            *conduct_findings(items),
            FindingDraft(
                None,
                "escalation",
                0.8,
                "police-only escalation",
                details={"item_ids": [items["police-only third"]]},
            ),
        ],
    )
    findings = {f.explanation: f.id for f in case.store.findings()}
    case.close()
    return Numbered(case, items, findings)


@pytest.fixture
def numbered(tmp_path: Path) -> Numbered:
    return _build(tmp_path)


def run(numbered: Numbered, role: str, *args: str) -> Result:
    words = args[0].split()
    return CliRunner().invoke(
        cli, ["--actor", "Ann", "--role", role, *words, str(numbered.case.dir), *args[1:]]
    )


def _lines(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_the_case_ids_of_her_material_have_gaps(numbered: Numbered) -> None:
    """The premise: the case's own ids would count what she may not see (the officer sees them)."""
    hers = ("you will regret leaving me", "please stop contacting me", "I know where you are tonight")
    assert [numbered.items[t] for t in hers] == [3, 4, 6]
    officer = _lines(run(numbered, "investigator", "items", "--json"))
    assert [x["id"] for x in officer] == [1, 2, 3, 4, 5, 6]
    mine = ("a threat in her chat", "she asks him to stop", "he knows where she is", "her chats")
    assert [numbered.findings[e] for e in (*mine, "he wrote again after her request")] == [2, 3, 5, 6, 7]


def test_her_items_search_and_findings_give_her_numbers(numbered: Numbered) -> None:
    items = _lines(run(numbered, "advocate", "items", "--json"))
    assert [(x["id"], x["exhibit"], x["locator"]) for x in items] == [
        (1, "JD/1", "line 1"),
        (2, "JD/1", "line 2"),
        (3, "JD/2", "line 1"),
    ]
    hits = _lines(run(numbered, "advocate", "search", "tonight", "--json"))
    assert [(x["item_id"], x["exhibit"], x["locator"]) for x in hits] == [(3, "JD/2", "line 1")]
    found = _lines(run(numbered, "advocate", "findings", "--json"))
    assert sorted((x["id"], x["item_id"], x["category"], x["explanation"]) for x in found) == [
        (1, 1, "threat_violence", "a threat in her chat"),
        (2, 2, "request_to_stop", "she asks him to stop"),
        (3, 3, "monitoring", "he knows where she is"),
        (4, None, "course_of_conduct", "her chats"),
        (5, None, "contact_after_request", "he wrote again after her request"),
    ]
    text = run(numbered, "advocate", "findings", "--category", "monitoring")
    assert text.output.splitlines()[0] == (
        "#3 JD/2 line 1 monitoring score 0.80 [detect v1] he knows where she is — not yet reviewed"
    )


def test_her_report_model_names_items_in_findings_details_by_her_numbers(numbered: Numbered) -> None:
    model = build_report(
        Case.open(numbered.case.dir, Settings(actor="Ann", role="advocate", database_url=None))
    )
    details = {f.explanation: (f.id, f.item_id, f.details) for f in model.findings}
    assert details["he wrote again after her request"] == (5, None, {"item_id": 3, "request_item_id": 2})
    assert details["her chats"] == (4, None, {"item_ids": [1, 3]})
    assert sorted(model.item_sha256) == [1, 2, 3]
    assert [(r.item.id, r.item.exhibit, r.item.locator) for r in model.chronology] == [
        (1, "JD/1", "line 1"),
        (2, "JD/1", "line 2"),
        (3, "JD/2", "line 1"),
    ]


def test_an_analysers_words_name_findings_and_items_by_her_numbers(tmp_path: Path) -> None:
    numbered = _build(tmp_path)
    case = Case.open(numbered.case.dir, Settings(actor="DC Ivy", role="investigator", database_url=None))
    threat, tonight = (
        numbered.findings["a threat in her chat"],
        numbered.items["I know where you are tonight"],
    )
    said = (
        f"a person confirmed finding #{threat} (threat_violence) on it; see item {tonight}; she is #1 to him"
    )
    store_findings(case, "incidents", [FindingDraft(tonight, "monitoring", 0.5, said)])
    case.close()
    found = _lines(run(numbered, "advocate", "findings", "--category", "monitoring", "--json"))
    assert [x["explanation"] for x in found] == [
        "he knows where she is",
        "a person confirmed finding #1 (threat_violence) on it; see item 3; she is #1 to him",
    ]
    assert said.startswith("a person confirmed finding #2")  # the case's id, which counts police material


def test_her_links_and_the_items_behind_them_by_her_numbers(tmp_path: Path) -> None:
    numbered = _build(tmp_path)
    case = Case.open(numbered.case.dir, Settings(actor="DC Ivy", role="investigator", database_url=None))
    police, tonight = numbered.items["police-only first"], numbered.items["I know where you are tonight"]
    _link_run(
        case,
        [
            ("whatsapp:Lee Brown", "whatsapp:Mark Jones", [police]),
            ("whatsapp:Craig Smith", "whatsapp:Jane Doe", [tonight]),
        ],
    )
    case.close()
    shown = json.loads(run(numbered, "advocate", "link", "--json", "--threshold", "1").output)
    links = [x for c in shown["clusters"] for x in c["links"]]
    assert [(x["id"], [i["item_id"] for e in x["evidence"] for i in e["items"]]) for x in links] == [(1, [3])]
    every = json.loads(run(numbered, "investigator", "link", "--json", "--threshold", "1").output)
    assert sorted(x["id"] for c in every["clusters"] for x in c["links"]) == [1, 2]  # the case's ids


def test_she_reviews_and_records_by_her_numbers(numbered: Numbered) -> None:
    noted = run(numbered, "advocate", "review", "2", "--note", "--reason", "she told me so too")
    assert (noted.exit_code, noted.output) == (0, "finding 2: noted by Ann\n")
    case = Case.open(numbered.case.dir, Settings(actor="t", database_url=None))
    decided = {f.id: (f.decision, f.noted) for f in case.store.findings()}
    assert decided[numbered.findings["she asks him to stop"]] == (None, True)  # the case's finding 3: a note
    recorded = run(
        numbered, "advocate", "record", "3", "--category", "distress", "--reason", "she was afraid",
        "--words", "tonight",
    )  # fmt: skip
    assert (recorded.exit_code, recorded.output) == (
        0,
        "item 3: distress suggested by Ann as finding 6, noted; it counts once the officer in the case"
        " confirms it\n",
    )
    [made] = [f for f in case.store.findings() if f.category == "distress"]
    assert (made.item_id, made.exhibit, made.locator) == (
        numbered.items["I know where you are tonight"],
        "JD/2",
        "line 1",
    )
    listed = _lines(run(numbered, "advocate", "findings", "--category", "distress", "--json"))
    assert [(x["id"], x["item_id"]) for x in listed] == [(6, 3)]


def test_a_number_she_has_not_is_not_found_and_errors_speak_her_numbers(numbered: Numbered) -> None:
    # item 4 and finding 6 exist in the case (police material) but she has no such number
    for args, said in (
        (
            ("record", "4", "--category", "distress", "--reason", "x"),
            "Error: no item 4 in this case; list them with `footprint items DIR --json` and use the id shown\n",
        ),
        (
            ("review", "6", "--note", "--reason", "x"),
            "Error: no finding 6 in this case; use an id the list of findings shows (`footprint findings DIR`"
            " or the review app)\n",
        ),
        (
            ("record", "1", "--category", "distress", "--reason", "x", "--words", "zanzibar"),
            "Error: the words 'zanzibar' are not in the text of item 1; copy them exactly from the message,"
            " or give a span START:END\n",
        ),
    ):
        done = run(numbered, "advocate", *args)
        assert (done.exit_code, done.output) == (1, said)


def test_an_exhibit_marked_hers_later_is_numbered_after_hers(numbered: Numbered) -> None:
    marked = run(numbered, "investigator", "exhibit supplied", "PC/1", "--reason", "her own phone's chat")
    assert marked.exit_code == 0, marked.output
    items = _lines(run(numbered, "advocate", "items", "--json"))
    # listed in file order (PC/1 was added first); numbered in the order each became hers, so none moved
    assert [(x["id"], x["exhibit"], x["locator"]) for x in items] == [
        (4, "PC/1", "line 1"),
        (5, "PC/1", "line 2"),
        (1, "JD/1", "line 1"),
        (2, "JD/1", "line 2"),
        (3, "JD/2", "line 1"),
    ]


@pytest.mark.slow  # writes the whole report
def test_her_report_exports_give_her_numbers(numbered: Numbered) -> None:
    done = run(numbered, "advocate", "report")
    assert done.exit_code == 0, done.output
    mine = numbered.case.dir / "reports" / "advocate"
    items = [json.loads(line) for line in (mine / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], x["locator"], [(f["id"], f["item_id"]) for f in x["findings"]]) for x in items] == [
        (1, "line 1", [(1, 1)]),
        (2, "line 2", [(2, 2)]),
        (3, "line 1", [(3, 3)]),
    ]
    timeline = [
        json.loads(line) for line in (mine / "timeline.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [(x["item_id"], x["exhibit"], x["locator"]) for x in timeline] == [
        (1, "JD/1", "line 1"),
        (2, "JD/1", "line 2"),
        (3, "JD/2", "line 1"),
    ]
    chronology = (mine / "schedules" / "chronology.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert [row.split(",")[:2] for row in chronology] == [["1", "1"], ["2", "2"], ["3", "3"]]
    html = (mine / "report.html").read_text(encoding="utf-8")
    assert 'id="item-3"' in html and 'id="item-6"' not in html and "item 6" not in html
    assert "<dt>Item number (item 3)</dt>" in html and "<dt>Finding number (#3)</dt>" in html
    assert "Item id (item 33)" not in html
    officer = run(numbered, "investigator", "report")
    assert officer.exit_code == 0, officer.output
    his = (numbered.case.dir / "reports" / "report.html").read_text(encoding="utf-8")
    assert "<dt>Item id (item 33)</dt>" in his and "Item number (item 3)" not in his


def _copy_db(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


@pytest.mark.slow  # a restore and its acceptance, end to end
def test_her_verify_and_report_say_the_log_has_an_accepted_gap_without_numbers(tmp_path: Path) -> None:
    """A gap the officer accepted (`case accept-restore`) is said to her, once, with nothing that counts or
    names: not the entries lost, the entry that accepted it, who did or why (the reason names police
    material), nor the vault files kept."""
    folder, inputs = tmp_path / "case", tmp_path / "inputs"
    inputs.mkdir()

    def officer(*args: str) -> None:
        done = CliRunner().invoke(cli, ["--actor", "DC Ivy", *args])
        assert done.exit_code == 0, done.output

    def chat(name: str, text: str) -> str:
        (inputs / name).write_text(text, encoding="utf-8")
        return str(inputs / name)

    officer("case", "init", str(folder), "--name", "R v Gap")
    officer("add", str(folder), chat("WhatsApp Chat with Craig Smith.txt", HERS_1), "--exhibit", "JD/1",
            "--producer", "Jane Doe", "--victim-supplied")  # fmt: skip
    _copy_db(folder / "case.db", tmp_path / "backup.db")
    officer("add", str(folder), chat("WhatsApp Chat with Lee Brown.txt", POLICE_1), "--exhibit", "PC/1",
            "--producer", "PC Ann Officer")  # fmt: skip
    _copy_db(tmp_path / "backup.db", folder / "case.db")
    reason = "the disk failed; PC/1 from Lee Brown's phone to be added again"
    officer("case", "accept-restore", str(folder), "--reason", reason, "--keep-unnamed")
    officer("add", str(folder), chat("WhatsApp Chat with Lee B.txt", POLICE_2), "--exhibit", "PC/2",
            "--producer", "PC Ann Officer")  # fmt: skip
    label = (
        "Advocate's view: only the material the complainant supplied; 1 exhibit held by the police is not"
        " shown and was not weighed"
    )

    def hers(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--actor", "Ann", "--role", "advocate", *args])

    done = hers("verify", str(folder))
    assert (done.exit_code, done.output.splitlines()) == (
        0,
        [
            label,
            f"GAP: {GAP}",
            "OK: 1 exhibit(s) the complainant supplied and 0 attachment(s) of theirs match their SHA-256; the"
            " 1 other exhibit(s), held by the police and not shown to this role, and their attachments also"
            " match theirs; audit chain intact; the audit log has an accepted gap, named in the GAP line"
            " above; not checked in this view: the rows, the report outputs and the vault's other files"
            " against the audit entries that wrote them (they name exhibits this role may not see); the"
            " officer in the case's footprint verify checks them",
        ],
    )
    assert json.loads(hers("verify", str(folder), "--json").output)["audit_log_gap"] == GAP
    case = Case.open(folder, Settings(actor="Ann", role="advocate", database_url=None))
    assert build_report(case).restore_gaps == (GAP,)
    for text in (done.output, GAP):
        assert [
            w for w in ("PC/1", "Lee Brown", "disk failed", "DC Ivy", "entry", "sha256/") if w in text
        ] == []


def test_her_findings_show_who_recorded_an_officers_finding_and_not_his_reason(numbered: Numbered) -> None:
    officer = Case.open(numbered.case.dir, Settings(actor="DC Ivy", role="investigator", database_url=None))
    reason = "witness Sarah Jones heard this too at 2 Mill Lane"
    record_finding(officer, numbered.items["you will regret leaving me"], "threat_to_kill", reason, None)
    officer.close()
    found = _lines(run(numbered, "advocate", "findings", "--category", "threat_to_kill", "--json"))
    said = [f["explanation"] for f in found]
    assert said == [f"recorded by DC Ivy (investigator): reason {NOT_HER_WORDS}"]
    assert "Sarah Jones" not in run(numbered, "advocate", "findings").output
    assert (
        reason in run(numbered, "investigator", "findings", "--category", "threat_to_kill", "--json").output
    )
