"""An advocate's finding numbers are the only numbers "finding N" means to her, and they survive what does
not change what a finding asserts about the evidence (``store.finding_numbers``).

The case is ``test_advocate_numbers``'s: her findings are numbered 1 (the threat), 2 (her request to stop),
3 (he knows where she is), 4 (the course of conduct) and 5 (contact after her request).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.cli import cli, review_cmds
from footprint.her_numbers import HerNumbers
from footprint.report import build_report
from footprint.review import record_finding
from footprint.settings import Settings
from footprint.store.engine import head_revision
from tests.cli.test_advocate_numbers import Numbered, _build, _lines, run
from tests.conftest import store_findings

#: her findings of the case as built: (her number, her item's number, category)
HERS = [
    (1, 1, "threat_violence"),
    (2, 2, "request_to_stop"),
    (3, 3, "monitoring"),
    (4, None, "course_of_conduct"),
    (5, None, "contact_after_request"),
]


def _hers(numbered: Numbered) -> list[tuple[int, int | None, str]]:
    found = _lines(run(numbered, "advocate", "findings", "--json"))
    return sorted((x["id"], x["item_id"], x["category"]) for x in found)


def _officer(numbered: Numbered, *args: str) -> None:
    done = run(numbered, "investigator", *args)
    assert done.exit_code == 0, done.output


def _detect_again(numbered: Numbered, *drafts: FindingDraft) -> None:
    """``detect`` runs again: the police finding, her three reworded and rescored, and ``drafts``."""
    case = Case.open(numbered.case.dir, Settings(actor="DC Ivy", role="investigator", database_url=None))
    items = numbered.items
    store_findings(
        case,
        "detect",
        [
            FindingDraft(items["police-only first"], "threat_violence", 0.7, "police-only finding"),
            FindingDraft(items["you will regret leaving me"], "threat_violence", 0.91, "a threat, to her"),
            FindingDraft(items["please stop contacting me"], "request_to_stop", 0.7, "in her own words"),
            FindingDraft(items["police-only third"], "monitoring", 0.6, "police-only monitoring"),
            FindingDraft(items["I know where you are tonight"], "monitoring", 0.5, "reworded"),
            *drafts,
        ],
        version=2,
    )
    case.close()


def test_nothing_withheld_she_is_still_shown_her_numbers_never_the_case_ids(tmp_path: Path) -> None:
    """Both police exhibits marked hers: "finding 1" is still the threat, in every command and her
    report; before, she was shown the case's ids (the threat was finding 2) until a mark was withdrawn."""
    numbered = _build(tmp_path)
    for ref in ("PC/1", "PC/2"):
        _officer(numbered, "exhibit supplied", ref, "--reason", "her own phone's chat after all")
    assert _hers(numbered) == [
        *HERS,
        (6, 4, "threat_violence"),
        (7, 6, "monitoring"),
        (8, None, "escalation"),
    ]
    items = _lines(run(numbered, "advocate", "items", "--json"))
    assert sorted((x["id"], x["exhibit"], x["locator"]) for x in items) == [
        (1, "JD/1", "line 1"),
        (2, "JD/1", "line 2"),
        (3, "JD/2", "line 1"),
        (4, "PC/1", "line 1"),
        (5, "PC/1", "line 2"),
        (6, "PC/2", "line 1"),
    ]
    noted = run(numbered, "advocate", "review", "1", "--note", "--reason", "finding 1 is the threat")
    assert (noted.exit_code, noted.output) == (0, "finding 1: noted by Ann (decision 1)\n")
    recorded = run(
        numbered,
        "advocate",
        "record",
        "3",
        "--category",
        "distress",
        "--reason",
        "afraid",
        "--words",
        "tonight",
    )
    assert (recorded.exit_code, recorded.output) == (
        0,
        "item 3: distress recorded by Ann as finding 9, confirmed (decision 2)\n",
    )
    case = Case.open(numbered.case.dir, Settings(actor="t", database_url=None))
    [on] = [f for f in case.store.findings() if f.noted]  # a note sets no state
    assert (on.id, on.explanation) == (numbered.findings["a threat in her chat"], "a threat in her chat")
    case.close()
    model = build_report(
        Case.open(numbered.case.dir, Settings(actor="Ann", role="advocate", database_url=None))
    )
    assert model.narrowed == (
        "Advocate's view: only the material the complainant supplied; no exhibit is held by the police at"
        " present"
    )
    assert sorted((f.id, f.category) for f in model.findings)[:2] == [
        (1, "threat_violence"),
        (2, "request_to_stop"),
    ]
    # a mark withdrawn: the numbers do not move
    _officer(numbered, "exhibit supplied", "PC/1", "--withdraw", "--reason", "the police's copy")
    assert [n for n, _, _ in _hers(numbered)][:5] == [1, 2, 3, 4, 5]


def claims_numbered(numbered: Numbered) -> None:
    """A claim is what a finding asserts about the evidence (on SQLite or PostgreSQL): its analyser,
    category, item and words; not its explanation or score (reworded and rescored here, by version 2)."""
    assert _hers(numbered) == HERS
    items = numbered.items
    _detect_again(
        numbered,
        # the same words of the same item in another category, and the same category on another item
        FindingDraft(items["you will regret leaving me"], "coercive_control", 0.9, "a threat, to her"),
        FindingDraft(items["please stop contacting me"], "threat_violence", 0.9, "a threat, to her"),
    )
    assert _hers(numbered) == [*HERS, (6, 1, "coercive_control"), (7, 2, "threat_violence")]
    _detect_again(numbered)  # and again, with those two gone: theirs are gaps, the rest kept
    assert _hers(numbered) == HERS


def test_a_claim_is_its_analyser_category_item_and_words_not_its_explanation_or_score(
    tmp_path: Path,
) -> None:
    claims_numbered(_build(tmp_path))


def _old_claim(case_dir: Path) -> None:
    """The ``claim`` of every number row as 0016 wrote it (a digest of the explanation and score too), as
    a case numbered before this version has them."""
    with closing(sqlite3.connect(case_dir / "case.db")) as db, db:
        db.execute("DROP TRIGGER finding_number_no_update")
        rows = db.execute(
            "SELECT n.finding_id, r.analyser, f.category, f.item_id, f.spans, f.explanation, f.score FROM"
            " finding_number n JOIN finding f ON f.id = n.finding_id JOIN analysis_run r ON r.id = f.run_id"
        ).fetchall()
        for finding_id, analyser, category, item_id, spans, explanation, score in rows:
            said = [analyser, category, item_id, json.loads(spans), explanation, round(score, 2), 0]
            key = hashlib.sha256(json.dumps(said, separators=(",", ":")).encode()).hexdigest()
            db.execute("UPDATE finding_number SET claim = ? WHERE finding_id = ?", (key, finding_id))


def test_numbers_given_before_the_claim_left_out_the_explanation_are_kept(tmp_path: Path) -> None:
    """A case numbered by schema 0016's claims: each is read again from its finding, not its row."""
    numbered = _build(tmp_path)
    _old_claim(numbered.case.dir)
    _detect_again(numbered)
    assert _hers(numbered) == HERS


def test_the_same_finding_recorded_meanwhile_is_refused_naming_her_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two advocates record the same words at once: the one whose write waited is refused naming the
    other's finding by her number (her numbers were read before it waited, when it had none)."""
    numbered = _build(tmp_path)
    tonight = numbered.items["I know where you are tonight"]
    read = review_cmds.her_numbers
    calls = []

    def meanwhile(case: Case, *args: object, **kwargs: object) -> HerNumbers | None:
        numbers = read(case, *args, **kwargs)  # type: ignore[arg-type]
        if not calls:  # the other advocate's record is written once this one has read her numbers
            other = Case.open(case.dir, Settings(actor="Bea", role="advocate", database_url=None))
            record_finding(other, tonight, "distress", "she was afraid", None, "tonight")
            other.close()
        calls.append(numbers)
        return numbers

    monkeypatch.setattr(review_cmds, "her_numbers", meanwhile)
    args = ("record", "3", "--category", "distress", "--reason", "afraid", "--words", "tonight")
    refused = run(numbered, "advocate", *args)
    assert (refused.exit_code, refused.output) == (
        1,
        "Error: item 3 already has finding #6 of category 'distress' on the same words, recorded by Bea"
        " (advocate); nothing was added (a second would count twice): add a note to #6 instead\n",
    )


HER_CHAT = (
    "02/01/2026, 13:00 - John Smith: I will kill you\n02/01/2026, 13:01 - Jane Doe: please stop messaging me\n"
    "02/01/2026, 13:02 - John Smith: you stupid bitch\n"
)
HIS_CHAT = "03/01/2026, 10:00 - John Smith: I will hurt her, that bitch\n03/01/2026, 10:01 - Mark Friend: calm down\n"


@pytest.mark.slow
def test_attributing_her_account_and_analysing_again_keeps_her_numbers(tmp_path: Path) -> None:
    """detect's explanations change once her account is hers ("addressed to her"; "who sent it is not
    known" dropped): the same four claims keep #1-#4 (newcode4 review 7: they became #5-#8)."""

    def fp(role: str, *args: str) -> str:
        done = CliRunner().invoke(cli, ["--actor", "DC Ivy", "--role", role, *args])
        assert done.exit_code == 0, done.output
        return done.output

    case = str(tmp_path / "c")
    fp("investigator", "case", "init", case, "--name", "R v Smith")
    for name, text, hers in (("her.txt", HER_CHAT, ["--victim-supplied"]), ("his.txt", HIS_CHAT, [])):
        (tmp_path / name).write_text(text, encoding="utf-8")
        fp("investigator", "add", case, str(tmp_path / name), "--producer", "Jane Doe", "--format",
           "whatsapp", "--date-order", "dmy", *hers)  # fmt: skip
    fp("investigator", "analyse", case)

    def hers() -> list[tuple[int, str, str]]:
        found = [json.loads(x) for x in fp("advocate", "findings", case, "--json").splitlines()]
        return sorted((x["id"], x["category"], x["explanation"]) for x in found)

    before = hers()
    assert [(n, c) for n, c, _ in before] == [
        (1, "threat_violence"),
        (2, "threat_to_kill"),
        (3, "request_to_stop"),
        (4, "misogynistic_abuse"),
    ]
    for person, role in (("Jane Doe", "complainant"), ("John Smith", "suspect")):
        fp("investigator", "person", "add", case, person, "--role", role)
    fp("investigator", "account", "attribute", case, "whatsapp:Jane Doe", "--person", "Jane Doe",
       "--as-complainant")  # fmt: skip
    fp("investigator", "account", "attribute", case, "whatsapp:John Smith", "--person", "John Smith")
    fp("investigator", "analyse", case)
    after = hers()
    assert [(n, c) for n, c, _ in after[:4]] == [(n, c) for n, c, _ in before]
    assert "addressed to her" in after[0][2] and "addressed to her" not in before[0][2]
    noted = CliRunner().invoke(
        cli, ["--actor", "Ann", "--role", "advocate", "review", case, "1", "--note", "--reason", "the threat"]
    )
    assert (noted.exit_code, noted.output) == (0, "finding 1: noted by Ann\n")


def test_an_upgrade_to_0016_says_her_numbers_changed_and_a_number_she_lost_names_it(tmp_path: Path) -> None:
    """upgrade review 1: her numbers changed at the upgrade to 0016 without a word, and a number she had
    noted before (the case's id 59, shown to her then) was "no finding 59 in this case"."""
    numbered = _build(tmp_path)
    with closing(sqlite3.connect(numbered.case.dir / "case.db")) as db, db:
        db.execute("DROP TABLE finding_number")  # as a case at schema 0015 was
        db.execute("DROP TABLE suggestion")
        db.execute("UPDATE alembic_version SET version_num = '0015'")
    upgraded = run(numbered, "investigator", "case upgrade")
    assert (upgraded.exit_code, upgraded.output) == (
        0,
        f"Case upgraded from schema 0015 to {head_revision()}\n"
        "An advocate's finding numbers changed at this upgrade: from schema 0016 her view numbers the findings"
        " she sees from 1 and keeps each number (before, it showed the case's ids, or numbered afresh at each"
        " read), so a number she noted before may name another finding now. Tell her, and have her run"
        " `footprint findings` for her current numbers; a number she no longer has names this upgrade.\n",
    )
    case = Case.open(numbered.case.dir, Settings(actor="t", database_url=None))
    [entry] = [e for e in case.store.audit_entries() if e.action == "case upgrade"]
    details = json.loads(entry.details)
    assert (details["from_schema"], details["advocate_renumbered"]) == ("0015", True)
    case.close()
    lost = run(numbered, "advocate", "review", "59", "--note", "--reason", "my #59")
    assert (lost.exit_code, lost.output) == (
        1,
        f"Error: no finding 59 in your view: your finding numbers changed at the upgrade to schema 0016 on"
        f" {entry.at_utc[:10]} (a number noted before it may name another finding now); run `footprint"
        " findings` to see the current numbers\n",
    )
    again = run(numbered, "investigator", "case upgrade")
    assert again.output == f"Case is already at schema {head_revision()}; nothing to upgrade\n"
