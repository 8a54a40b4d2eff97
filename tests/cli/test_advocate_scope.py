"""What each command shows a user acting as advocate: only what the complainant supplied (store.scope).

Every command has a scope decision below; a new command without one fails
``test_every_command_has_a_scope_decision``. A command that reads the case either narrows what it shows
to the supplied exhibits (``narrowed``) or refuses while any exhibit is withheld (``refused``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from footprint.case import Case
from footprint.cli import cli
from footprint.pipeline import AddOptions, add_exhibit
from footprint.review import decide, history
from footprint.settings import Settings
from tests.conftest import every_command
from tests.scopecase import POLICE_WORDS, WITHHELD, ScopeCase, build

NARROWED, REFUSED, CHANGES, NO_CASE = "narrowed", "refused", "changes the case", "reads no case content"
#: an evidential decision: weighed with the whole case, so refused to her while any exhibit is withheld
#: (footprint.deciders); on her own laptop, where nothing is withheld, she takes it
DECIDES = "decides on evidence"
#: every command and group: how it treats a role that sees part of the case
DECISIONS = {
    # who read the case and what they looked for: police reads are not hers to see, so refused while any
    # exhibit is withheld from her (as the audit log is); on her own laptop she reads her own case's log
    "access-log": REFUSED,
    "account": NO_CASE,
    "account attribute": DECIDES,
    # a suggestion for a deciding user, hers while anything is withheld; an account she cannot see is
    # refused as an unknown one is (tests/review/test_suggest.py)
    "account suggest": CHANGES,
    # what an advocate adds is supplied by the complainant; --accept-partial (keep what was read before a
    # damaged byte, the exhibit marked partial) is hers to use too: it widens nothing she sees, only what
    # her own exhibit keeps, and the mark says so wherever the exhibit is shown
    "add": CHANGES,
    "analyse": REFUSED,
    "analysers": NO_CASE,
    "assess": REFUSED,  # not narrowed: a partial assessment misleads (footprint.advocate_view)
    "case": NO_CASE,
    "case init": CHANGES,
    "case recover": CHANGES,  # as the set-aside an advocate's own add makes; it names no exhibit or file
    "case upgrade": CHANGES,
    "case delete": CHANGES,  # refused to an advocate, as `case head`: it removes what she may not see
    # (--finish too: it finishes a deletion stopped part-way, and no case is left to narrow)
    "case head": CHANGES,  # refused to an advocate, as `exhibit owner`: it vouches for the whole audit log
    "case accept-restore": CHANGES,  # refused to an advocate, as `case head`: it accepts what the case lost
    "classify": NO_CASE,
    "demo": NO_CASE,
    "device": NO_CASE,
    "device check": REFUSED,  # runs the device analyser over the whole case
    "device indicators": NO_CASE,
    "device tracker": REFUSED,
    "exhibit": NO_CASE,
    "exhibit supplied": CHANGES,  # refused to an advocate: she may not widen what she sees (nor --withdraw)
    "exhibit owner": CHANGES,  # refused to an advocate, as `exhibit supplied`: a deciding role records it
    "findings": NARROWED,
    "images": NO_CASE,
    "images hash": REFUSED,
    "images match": REFUSED,
    "images reveal": REFUSED,
    "items": NARROWED,
    "link": NARROWED,
    "link-accept": DECIDES,
    "link-reject": DECIDES,
    "link-score": NO_CASE,
    "link-suggest": CHANGES,  # as `account suggest`
    "ls": NARROWED,
    "order": NO_CASE,
    "order add": DECIDES,
    "order list": REFUSED,  # orders are weighed with the whole case, as the assessment is
    "order notice": DECIDES,
    "order served": DECIDES,
    "parsers": NO_CASE,
    "person": NO_CASE,
    "person add": DECIDES,
    "record": CHANGES,  # a suggestion, noted not confirmed, while any exhibit is withheld; an item she cannot see is not found
    "relationship": NO_CASE,
    "relationship add": DECIDES,
    "report": NARROWED,  # her material only, labelled, in reports/advocate/ (test_advocate_narrowed.py)
    # --note only while any exhibit is withheld; a finding she cannot see is not found; --seen 0 only then
    "review": CHANGES,
    "search": NARROWED,
    # tests/web/test_scope.py; --trusted-proxy (who the client is, behind a TLS proxy) and --socket (a Unix
    # socket only the account running it may open, instead of an address) read no case content and show
    # her nothing more: she signs in (or opens the printed key) and is narrowed as ever
    "serve": NARROWED,
    # the officer's queue of advocates' notes and suggestions (what waits for a deciding user): refused while
    # any exhibit is withheld from her, as the access log is (it counts what she cannot see); a viewer is
    # refused it too (it is for those who decide); on her own laptop she reads it
    "suggestions": REFUSED,
    "user": NO_CASE,
    "user add": CHANGES,  # refused to an advocate: she could sign in as a user who sees the whole case
    "user disable": CHANGES,  # refused to an advocate: she could sign in as a user who sees the whole case
    "user ls": NO_CASE,
    "user password": CHANGES,  # refused to an advocate: she could sign in as a user who sees the whole case
    "validate": NO_CASE,  # builds its own synthetic cases
    "verify": NARROWED,  # hers named, the others counted (test_advocate_narrowed.py)
}


def test_every_command_has_a_scope_decision() -> None:
    assert sorted(" ".join(path) for path, _ in every_command()) == sorted(DECISIONS)


@pytest.fixture
def scoped(tmp_path: Path) -> ScopeCase:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    built = build(case, tmp_path / "inputs")
    case.close()
    return built


def run(scoped: ScopeCase, role: str, command: str, *args: str) -> Result:
    words = command.split()
    return CliRunner().invoke(cli, ["--actor", "Ann", "--role", role, *words, str(scoped.case.dir), *args])


@pytest.mark.parametrize(
    ("command", "args", "what"),
    [
        ("analyse", (), "analysing the case"),
        (
            "device tracker",
            ("--type", "AirTag", "--where", "car", "--at", "2024-03-14 09:00"),
            "analysing the case",
        ),
        ("images hash", (), "this part of the case"),
        ("images match", ("--mark", "0" * 64), "this part of the case"),
        ("images reveal", ("0" * 64, "--reason", "to compare"), "this part of the case"),
    ],
)
def test_an_advocate_is_refused_what_cannot_be_narrowed(
    scoped: ScopeCase, command: str, args: tuple[str, ...], what: str
) -> None:
    assert DECISIONS[command] == REFUSED
    result = run(scoped, "advocate", command, *args)
    assert (result.exit_code, result.output) == (1, f"Error: {WITHHELD.format(what=what)}\n")
    assert not any(word in result.output for word in POLICE_WORDS)


@pytest.mark.parametrize("command", ["device check", "device tracker"])
def test_a_refused_device_command_adds_nothing_first(scoped: ScopeCase, command: str) -> None:
    # the device commands add their input as an exhibit, then analyse: refused before the add, not after
    packages = scoped.case.dir.parent / "packages.txt"
    packages.write_text("package:com.example.tracker\n", encoding="utf-8")
    args = (
        (str(packages), "--producer", "Jane Doe")
        if command == "device check"
        else ("--type", "AirTag", "--where", "car", "--at", "2024-03-14 09:00")
    )
    result = run(scoped, "advocate", command, *args)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {WITHHELD.format(what='analysing the case')}\n",
    )
    every = json.loads(run(scoped, "investigator", "ls", "--json").output)
    assert [e["ref"] for e in every["exhibits"]] == ["JD/1", "PC/1"]


def test_ls_shows_an_advocate_only_her_exhibit(scoped: ScopeCase) -> None:
    shown = json.loads(run(scoped, "advocate", "ls", "--json").output)
    assert [(e["ref"], e["supplied_by"], e["items"]) for e in shown["exhibits"]] == [
        ("JD/1", "complainant", 2)
    ]
    every = json.loads(run(scoped, "investigator", "ls", "--json").output)
    assert [(e["ref"], e["supplied_by"]) for e in every["exhibits"]] == [
        ("JD/1", "complainant"),
        ("PC/1", None),
    ]


def test_items_and_search_show_an_advocate_only_her_items(scoped: ScopeCase) -> None:
    items = [json.loads(line) for line in run(scoped, "advocate", "items", "--json").output.splitlines()]
    assert [(i["id"], i["text"]) for i in items] == [
        (scoped.hers[0], "you will regret leaving me"),
        (scoped.hers[1], "please stop contacting me"),
    ]
    every = run(scoped, "investigator", "items", "--json").output.splitlines()
    assert [json.loads(line)["id"] for line in every] == [*scoped.hers, *scoped.police]
    assert run(scoped, "advocate", "items", "--exhibit", "PC/1", "--json").output == (
        "Error: no exhibit 'PC/1' in this case (it has JD/1); `footprint ls DIR` lists the exhibits\n"
    )
    assert run(scoped, "advocate", "search", "police-only").output == "0 hit(s)\n"
    assert run(scoped, "investigator", "search", "police-only").output.endswith("2 hit(s)\n")
    assert run(scoped, "advocate", "search", "police-only", "--exhibit", "PC/1").output == (
        "Error: no exhibit 'PC/1' in this case (it has JD/1); `footprint ls DIR` lists the exhibits\n"
    )  # refused as an exhibit that does not exist: nothing says she is not shown it
    assert run(scoped, "investigator", "search", "police-only", "--exhibit", "PC/1").output.endswith(
        "2 hit(s)\n"
    )


def test_findings_shows_an_advocate_only_findings_resting_on_her_items(scoped: ScopeCase) -> None:
    lines = run(scoped, "advocate", "findings", "--json").output.splitlines()
    # numbered from 1 in her view, in the case's order (footprint.her_numbers): 1 and 2 on her chat, then
    # the course of conduct (the case's 4: its 3 rests on police material)
    assert tuple(json.loads(line)["id"] for line in lines) == (3, 1, 2)
    assert scoped.visible_findings == (4, 1, 2)
    assert run(scoped, "advocate", "findings").output.splitlines() == [
        "#3 case course_of_conduct score 1.00 [conduct v1] her chat only — not yet reviewed",
        "#1 JD/1 line 1 threat_violence score 0.90 [detect v1] a threat in her chat — not yet reviewed",
        "#2 JD/1 line 2 request_to_stop score 0.80 [detect v1] she asks him to stop — not yet reviewed",
        "3 finding(s) — opinions until reviewed; a score is how strongly the rule or model matched, not a"
        " probability that the offence happened",
    ]
    assert len(run(scoped, "investigator", "findings", "--json").output.splitlines()) == 7


def test_link_shows_an_advocate_only_accounts_and_links_resting_on_her_items(scoped: ScopeCase) -> None:
    shown = json.loads(run(scoped, "advocate", "link", "--json", "--threshold", "1").output)
    assert [c["accounts"] for c in shown["clusters"]] == [["whatsapp:Craig Smith", "whatsapp:Jane Doe"]]
    assert [x["id"] for c in shown["clusters"] for x in c["links"]] == [scoped.visible_link]
    every = json.loads(run(scoped, "investigator", "link", "--json", "--threshold", "1").output)
    assert sorted(k for c in every["clusters"] for k in c["accounts"]) == [
        "whatsapp:Craig Smith",
        "whatsapp:Jane Doe",
        "whatsapp:Lee Brown",
        "whatsapp:Mark Jones",
    ]


def test_an_advocate_may_not_note_or_record_what_she_cannot_see(scoped: ScopeCase) -> None:
    # her numbers name only what she sees (her 3 findings, her 2 items): no number she can give reaches the
    # police material, and the next one is "not found", as one the case has not
    decided = run(scoped, "advocate", "review", "4", "--note", "--reason", "seen")
    assert decided.output == (
        "Error: no finding 4 in this case; use an id the list of findings shows (`footprint findings"
        " DIR` or the review app)\n"
    )
    recorded = run(scoped, "advocate", "record", "3", "--category", "threat_violence", "--reason", "x")
    assert recorded.output == (
        "Error: no item 3 in this case; list them with `footprint items DIR --json` and use the id shown\n"
    )
    store = Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store
    assert [e.action for e in store.audit_entries() if e.role == "advocate"] == []


#: the refusal of an evidential decision to Ann, an advocate, while PC/1 is withheld
PARTLY = (
    "Error: Ann acts as 'advocate', which sees only the exhibits the complainant supplied, and 1 exhibit(s)"
    " in this case were not supplied by her: {what} is weighed with evidence that role cannot see, so the"
    " officer in the case (an investigator), a reviewer or a prosecutor must do it; {instead}\n"
)
TELL = "she may tell the officer in the case "


@pytest.mark.parametrize(
    ("command", "args", "what", "instead"),
    [
        ("review", ("{visible}", "--confirm", "--reason", "he said it"), "confirming a finding", "note"),
        ("review", ("{visible}", "--dismiss", "--reason", "she was scared"), "dismissing a finding", "note"),
        (
            "link-accept",
            ("whatsapp:Craig Smith", "whatsapp:Jane Doe", "--reason", "x", "--person", "Jane Doe"),
            "a decision on a link",
            TELL + "which accounts the complainant operates, for them to decide",
        ),
        (
            "link-reject",
            ("whatsapp:Craig Smith", "whatsapp:Mark Jones", "--reason", "x"),  # one she cannot see: the same
            "a decision on a link",
            TELL + "which accounts the complainant operates, for them to decide",
        ),
        (
            "account attribute",
            ("whatsapp:Craig Smith", "--person", "Jane Doe", "--as-complainant"),
            "who an account belongs to",
            TELL + "which accounts the complainant operates, for them to decide",
        ),
        (
            "order add",
            (
                "--type",
                "non_molestation",
                "--made",
                "2024-01-10 10:00",
                "--protects",
                "Jane Doe",
                "--against",
                "Craig Smith",
                "--condition",
                "no contact",
                "--served",
                "2024-01-10 12:00",
                "--served-how",
                "she says he was in court",
                "--on-notice",
            ),
            "a court order",
            "she may give the officer in the case the order, or what the complainant says of it, to record",
        ),  # fmt: skip
        (
            "order served",
            ("1", "--on", "2024-02-25 09:00", "--how", "she told him by text"),
            "a court order",
            "she may give the officer in the case the order, or what the complainant says of it, to record",
        ),  # fmt: skip
        (
            "order notice",
            ("1", "--on"),
            "a court order",
            "she may give the officer in the case the order, or what the complainant says of it, to record",
        ),  # fmt: skip
        (
            "person add",
            ("Bob", "--role", "suspect"),
            "who is in the case",
            TELL + "who else is involved, to add them",
        ),  # fmt: skip
        (
            "relationship add",
            (
                "--suspect",
                "Craig Smith",
                "--complainant",
                "Jane Doe",
                "--kind",
                "former_intimate",
                "--reason",
                "x",
            ),
            "the relationship between a suspect and a complainant",
            TELL + "what the complainant says of it, to record",
        ),
    ],
)
def test_an_advocate_may_not_decide_on_evidence_in_a_case_she_sees_in_part(
    scoped: ScopeCase, command: str, args: tuple[str, ...], what: str, instead: str
) -> None:
    assert DECISIONS[command] in (DECIDES, CHANGES)
    for name, role in (("Jane Doe", "complainant"), ("Craig Smith", "suspect")):
        assert run(scoped, "investigator", "person add", name, "--role", role).exit_code == 0
    if instead == "note":
        instead = (
            "she may record what she knows as a note on the finding for the officer to weigh (`footprint"
            " review DIR ID --note --reason TEXT`, or Note in the review app)"
        )
    typed = [a.format(visible=scoped.visible_findings[1]) for a in args]
    result = run(scoped, "advocate", command, *typed)
    assert (result.exit_code, result.output) == (1, PARTLY.format(what=what, instead=instead))
    entries = Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store.audit_entries()
    assert [e.action for e in entries if e.role == "advocate"] == []


def test_an_advocate_notes_and_suggests_in_a_case_she_sees_in_part(scoped: ScopeCase) -> None:
    noted = run(scoped, "advocate", "review", "1", "--note", "--reason", "she says he sent it twice")
    # no decision number: it counts the decisions on what she may not see (advocate leak review 5)
    assert noted.output == "finding 1: noted by Ann\n"
    suggested = run(
        scoped,
        "advocate",
        "record",
        str(scoped.hers[1]),
        "--category",
        "distress",
        "--reason",
        "she was crying",
    )
    store = Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store
    [mine] = [f for f in store.findings() if f.item_id == scoped.hers[1] and f.category == "distress"]
    assert suggested.output == (
        # her 4th finding (the case's 8th): her numbers, as her `findings` lists it
        f"item {scoped.hers[1]}: distress suggested by Ann as finding 4, noted; it counts once the"
        " officer in the case confirms it\n"
    )
    assert (mine.decision, mine.noted, mine.explanation, mine.details["suggested"]) == (
        None,
        True,
        "suggested for the officer in the case to confirm by Ann (advocate): she was crying",
        "for the officer in the case to confirm",
    )
    confirmed = run(scoped, "investigator", "review", str(mine.id), "--confirm", "--reason", "her statement")
    assert confirmed.exit_code == 0


def test_an_advocate_in_a_case_she_sees_in_part_is_shown_no_decision_number_by_seen(
    scoped: ScopeCase,
) -> None:
    visible = scoped.visible_findings[1]
    numbered = run(scoped, "advocate", "review", str(visible), "--note", "--reason", "x", "--seen", "1")
    assert numbered.output == (
        "Error: --seen N names a decision by its number, which a role that sees part of the case is not shown;"
        " give --seen 0 (no decision yet) or leave it out\n"
    )
    officer = Case.open(scoped.case.dir, Settings(actor="DC Jane Patel", database_url=None))
    decide(officer, visible, "note", "ask her")
    at = history(officer, visible)[-1].at_utc
    officer.close()
    refused = run(scoped, "advocate", "review", str(visible), "--note", "--reason", "x", "--seen", "0")
    said = f'DC Jane Patel\'s decision (noted at {at}: "ask her")'
    assert refused.output == (
        f"Error: finding {visible}: the latest decision on it is {said}, not none as --seen says; nothing was"
        " recorded: weigh it and decide again\n"
    )
    noted = run(scoped, "advocate", "review", str(visible), "--note", "--reason", "x")
    assert noted.output == (
        f"finding {visible}: noted by Ann\n  it replaces {said}; both are kept, the latest stands\n"
    )


def test_on_her_own_laptop_an_advocate_decides_and_corrects_an_order(tmp_path: Path) -> None:
    # nothing is withheld: every exhibit is hers. `order served` and `order list` were refused to her,
    # telling her to "mark an exhibit"
    case = str(tmp_path / "jane")
    own = [
        ("case init", "--name", "Jane's evidence"),
        ("person add", "Jane Doe", "--role", "complainant"),
        ("person add", "Alex Suspect", "--role", "suspect"),
        (
            "order add",
            "--type",
            "restraining",
            "--made",
            "2024-01-01",
            "--protects",
            "Jane Doe",
            "--against",
            "Alex Suspect",
            "--condition",
            "no contact",
        ),  # fmt: skip
        ("order served", "1", "--on", "2024-02-25 09:00", "--how", "she told him by text"),
    ]
    for command, *args in own:
        words = command.split()
        done = CliRunner().invoke(cli, ["--actor", "Ann", "--role", "advocate", *words, case, *args])
        assert done.exit_code == 0, done.output
    listed = CliRunner().invoke(
        cli, ["--actor", "Ann", "--role", "advocate", "order", "list", case, "--json"]
    )
    [order] = json.loads(listed.output)["orders"]
    assert (order["aware_utc"], order["aware_means"]) == ("2024-02-25T09:00:00Z", "she told him by text")


def test_the_list_of_orders_is_refused_in_words_about_orders(scoped: ScopeCase) -> None:
    refused = run(scoped, "advocate", "order list")
    assert refused.output == (
        "Error: the list of court orders is not shown to a user acting as 'advocate': that role sees only the"
        " exhibits the complainant supplied, and 1 exhibit(s) in this case were not supplied by her. Ask the"
        " officer in the case (an investigator) which orders are recorded, and give them any order she has,"
        " to record\n"
    )


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("user add", ("Helper", "--role", "investigator", "--password-file", "-")),
        ("user password", ("DC Jane Patel", "--password-file", "-")),
        ("user disable", ("DC Jane Patel", "--reason", "out of the way")),
    ],
)
def test_an_advocate_may_not_manage_users(scoped: ScopeCase, command: str, args: tuple[str, ...]) -> None:
    # an advocate who added an investigator could sign in as them and read the withheld exhibits
    result = CliRunner().invoke(
        cli,
        ["--actor", "Ann", "--role", "advocate", *command.split(), str(scoped.case.dir), *args],
        input="a password she knows\n",
    )
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        1,
        "Error: Ann acts as 'advocate', which may not add users, change passwords or disable users; the"
        " officer in the case (an investigator), a reviewer or a prosecutor must do it",
    )
    assert not any(word in result.output for word in POLICE_WORDS)


def test_only_a_role_that_sees_the_whole_case_marks_an_exhibit_supplied(scoped: ScopeCase) -> None:
    refused = run(scoped, "advocate", "exhibit supplied", "PC/1", "--reason", "mine now")
    assert refused.output == (
        "Error: Ann acts as 'advocate', which may not mark who supplied an exhibit; the officer in the case"
        " (an investigator), a reviewer or a prosecutor must mark it\n"
    )
    no_reason = run(scoped, "investigator", "exhibit supplied", "PC/1", "--reason", " ")
    assert no_reason.output == (
        "Error: every mark of an exhibit as supplied by the complainant needs a reason (it is kept in the"
        " audit log); give one and try again\n"
    )
    done = run(scoped, "investigator", "exhibit supplied", "PC/1", "--reason", "her own copy")
    assert done.output == "Exhibit PC/1 is marked as supplied by the complainant\n"
    again = run(scoped, "investigator", "exhibit supplied", "PC/1", "--reason", "twice")
    assert again.output == (
        "Error: exhibit PC/1 is already marked as supplied by the complainant; nothing was changed\n"
    )
    shown = json.loads(run(scoped, "advocate", "ls", "--json").output)
    assert [e["ref"] for e in shown["exhibits"]] == ["JD/1", "PC/1"]
    entries = list(Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store.audit_entries())
    marked = [e for e in entries if e.action == "exhibit supplied"]
    assert [(e.actor, e.role, e.object, e.justification) for e in marked] == [
        ("Ann", "investigator", "PC/1", "her own copy")
    ]


def test_what_an_advocate_adds_is_supplied_by_the_complainant(scoped: ScopeCase, tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Sue Friend.txt"
    chat.write_text("16/03/2024, 11:00 - Sue Friend: he came to the house\n", encoding="utf-8")
    added = run(scoped, "advocate", "add", str(chat), "--producer", "Ann Advocate")
    assert added.exit_code == 0
    assert added.output.splitlines()[-1] == "  supplied by the complainant"
    shown = json.loads(run(scoped, "advocate", "ls", "--json").output)
    assert [(e["ref"], e["supplied_by"]) for e in shown["exhibits"]] == [
        ("JD/1", "complainant"),
        ("AA/1", "complainant"),
    ]


def test_an_advocate_adding_a_copy_of_a_police_exhibit_is_not_told_its_name(
    scoped: ScopeCase, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes((tmp_path / "inputs" / "WhatsApp Chat with Lee Brown.txt").read_bytes())
    result = run(scoped, "advocate", "add", str(copy), "--producer", "Ann Advocate")
    assert (result.exit_code, result.output) == (
        1,
        "Error: copy.txt: these bytes are already in the case, so no new exhibit was made; that Ann Advocate"
        " produced this copy is recorded in the audit log for the officer in the case\n",
    )  # neither the exhibit, its hash, nor a remedy that would mark police material as hers
    entries = Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store.audit_entries()
    [kept] = [e for e in entries if e.action == "add duplicate"]
    assert (kept.actor, kept.role, kept.object, json.loads(kept.details)["producer"]) == (
        "Ann",
        "advocate",
        "copy.txt",
        "Ann Advocate",
    )


def test_with_nothing_to_show_an_advocate_is_not_told_to_run_the_analysis(case: Case, tmp_path: Path) -> None:
    # "No accounts to link; run `footprint analyse DIR` first." was false: it had run, and is refused to her
    chat = tmp_path / "WhatsApp Chat with Ben Example.txt"
    chat.write_text("14/03/2024, 09:15 - Ben Example: hi\n", encoding="utf-8")
    police = tmp_path / "download.txt"
    police.write_text("14/03/2024, 10:15 - Cy Example: hello\n", encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Jane Doe", victim_supplied=True))
    add_exhibit(case, police, AddOptions(producer="PC Amir Patel"))
    shown = CliRunner().invoke(cli, ["--actor", "Ann", "--role", "advocate", "link", str(case.dir)])
    assert shown.output == (
        "No candidate person to show: links and accounts that rest on exhibits this role may not see are"
        " not shown.\n"
    )


def test_the_access_log_is_refused_to_an_advocate_while_police_material_is_withheld(
    scoped: ScopeCase,
) -> None:
    assert DECISIONS["access-log"] == REFUSED
    run(scoped, "investigator", "search", "police-only")  # a police read: what was looked for is in the log
    refused = run(scoped, "advocate", "access-log", "--json")
    assert (refused.exit_code, refused.output) == (
        1,
        "Error: the access log is not shown to a user acting as 'advocate': that role sees only the exhibits"
        " the complainant supplied, and 1 exhibit(s) in this case were not supplied by her. It names every"
        " read of the case and what it looked for; ask the officer in the case (an investigator), a reviewer"
        " or a prosecutor for it\n",
    )
    listed = run(scoped, "investigator", "access-log", "--json").output.splitlines()
    assert [(r["role"], r["command"], r["arguments"], r["outcome"]) for r in map(json.loads, listed)] == [
        ("investigator", "search", {"QUERY": "police-only"}, "ok"),
        ("advocate", "access-log", {"--json": True}, "error"),  # her attempt is itself logged
    ]


def test_on_her_own_laptop_an_advocate_reads_the_access_log(tmp_path: Path) -> None:
    case = str(tmp_path / "jane")
    for words in (["case", "init", case, "--name", "Jane's evidence"], ["ls", case], ["access-log", case]):
        done = CliRunner().invoke(cli, ["--actor", "Ann", "--role", "advocate", *words])
        assert done.exit_code == 0, done.output
    assert done.output.splitlines()[-1] == "1 read(s)"


def test_the_queue_of_suggestions_is_refused_to_an_advocate_while_police_material_is_withheld(
    scoped: ScopeCase,
) -> None:
    assert DECISIONS["suggestions"] == REFUSED
    refused = run(scoped, "advocate", "suggestions", "--all")
    assert (refused.exit_code, refused.output.split(": that role")[0]) == (
        1,
        "Error: the queue of what advocates noted and suggested is not shown to a user acting as 'advocate'",
    )
    assert not any(word in refused.output for word in POLICE_WORDS)


def test_on_her_own_laptop_an_advocate_reads_the_queue_of_suggestions(tmp_path: Path) -> None:
    case = str(tmp_path / "jane")
    for words in (["case", "init", case, "--name", "Jane's evidence"], ["suggestions", case]):
        done = CliRunner().invoke(cli, ["--actor", "Ann", "--role", "advocate", *words])
        assert done.exit_code == 0, done.output
    assert (
        done.output
        == "0 waiting for a deciding user; 0 decided since and 0 on findings replaced since (shown with --all)\n"
    )
