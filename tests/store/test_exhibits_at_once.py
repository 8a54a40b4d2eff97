"""Two people adding exhibits to one case at once: nothing crashes, nothing is lost or numbered twice.

Each ``add`` reads the next exhibit reference and looks for the same file before it takes the write lock
(``pipeline.py``); a colleague's ``add`` may commit in between. Under the lock, a reference the tool chose
is chosen again; one the examiner gave, or the same file, is refused in one line. The stale view is
simulated here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case
from footprint.errors import DuplicateExhibitError, InputError
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

LINE = "14/03/2024, 09:{:02d} - Ann Example: message {}\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> str | None:
    return None if request.param == "sqlite" else str(request.getfixturevalue("pg_url"))


def _chat(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"WhatsApp Chat with Ann Example {n}.txt"
    path.write_text(LINE.format(n, n), encoding="utf-8")
    return path


def _case(tmp_path: Path, url: str | None) -> Case:
    settings = Settings(actor="tester", role="investigator", database_url=url)
    return Case.init(tmp_path / "case", name="R v Example", tz="Europe/London", settings=settings)


def test_a_reference_taken_meanwhile_is_chosen_again_or_refused_if_given(
    tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _case(tmp_path, database)
    add_exhibit(case, _chat(tmp_path, 1), AddOptions(producer="Ben Example"))
    # the second add read the references before the first committed: it takes the next one under the lock
    monkeypatch.setattr(case.store, "exhibit_refs", lambda: [])
    assert add_exhibit(case, _chat(tmp_path, 2), AddOptions(producer="Ben Example")).ref == "BE/2"
    # a reference the examiner gave is never changed: refused, the case unchanged
    with pytest.raises(InputError) as err:
        add_exhibit(case, _chat(tmp_path, 3), AddOptions(producer="Ben Example", exhibit_ref="BE/1"))
    assert str(err.value) == (
        "exhibit reference BE/1 was taken by an exhibit added at the same time; the case is"
        " unchanged: choose another with --exhibit"
    )
    monkeypatch.undo()
    assert add_exhibit(case, _chat(tmp_path, 3), AddOptions(producer="Ben Example")).ref == "BE/3"
    assert [e.ref for e in case.store.exhibits()] == ["BE/1", "BE/2", "BE/3"]
    assert verify_case(case).problems == []
    case.close()


def test_the_same_file_added_meanwhile_is_a_duplicate(
    tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _case(tmp_path, database)
    chat = _chat(tmp_path, 1)
    add_exhibit(case, chat, AddOptions(producer="Ben Example"))
    monkeypatch.setattr(case.store, "exhibit_by_sha256", lambda sha256: None)
    with pytest.raises(DuplicateExhibitError) as err:
        add_exhibit(case, chat, AddOptions(producer="Peter Smith"))
    assert str(err.value).startswith(f"{chat.name}: already in the case as exhibit BE/1 (added at the same")
    assert [e.ref for e in case.store.exhibits()] == ["BE/1"]
    assert verify_case(case).problems == []
    case.close()
