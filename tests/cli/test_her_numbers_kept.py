"""An advocate's finding numbers are the only numbers "finding N" means to her, and they survive what does
not change what a finding asserts about the evidence (``store.finding_numbers``).

The case is ``test_advocate_numbers``'s: her findings are numbered 1 (the threat), 2 (her request to stop),
3 (he knows where she is), 4 (the course of conduct) and 5 (contact after her request).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.case import Case
from footprint.cli import review_cmds
from footprint.her_numbers import HerNumbers
from footprint.review import record_finding
from footprint.settings import Settings
from tests.cli.test_advocate_numbers import _build, run


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
