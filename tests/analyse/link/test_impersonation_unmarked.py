"""While no account is marked as the complainant's, her own account is not reported as a fake profile of her."""

from __future__ import annotations

import shutil
from pathlib import Path

from footprint.analyse import run_analysers
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit

DATA = Path(__file__).resolve().parents[2] / "data" / "detect"


def _add(case: Case, tmp_path: Path, **options: object) -> None:
    chat = tmp_path / "WhatsApp Chat with Rob Test.txt"
    shutil.copy(DATA / "chat.txt", chat)
    add_person(case, "Amy Test", "complainant")
    add_person(case, "Rob Test", "suspect")
    add_exhibit(case, chat, AddOptions(producer="Amy Test", **options))  # type: ignore[arg-type]


def _impersonation(case: Case) -> tuple[list[str], str | None]:
    (outcome,) = [o for o in run_analysers(case, ["link"], strict=True) if o.analyser == "link"]
    accounts = [f.details["account"] for f in case.store.findings("impersonation")]
    return accounts, outcome.error


def test_her_own_account_in_her_exhibit_is_held_back_and_named(case: Case, tmp_path: Path) -> None:
    _add(case, tmp_path, owner="Amy Test")
    accounts, note = _impersonation(case)
    assert accounts == []
    assert note == (
        "not reported as fake profiles, while no account is marked as hers: whatsapp:Amy Test takes Amy"
        " Test's name in AT/1, exhibits of hers — most likely her own: mark it (footprint account attribute)"
        " and analyse again; accounts taking her name are then checked"
    )


def test_in_material_she_did_not_supply_it_is_still_reported(case: Case, tmp_path: Path) -> None:
    _add(case, tmp_path)  # neither hers nor supplied by her (e.g. a third party's phone)
    accounts, note = _impersonation(case)
    assert accounts == ["whatsapp:Amy Test"]
    assert note is None


def test_once_hers_is_marked_another_taking_her_name_is_reported(case: Case, tmp_path: Path) -> None:
    _add(case, tmp_path, victim_supplied=True)
    attribute_account(
        case, "whatsapp:Rob Test", "Amy Test", "test: her only account in the case", as_complainant=True
    )
    accounts, note = _impersonation(case)
    assert accounts == ["whatsapp:Amy Test"]
    assert note is None
