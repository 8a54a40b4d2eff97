"""A finding's state is its latest confirm or dismiss: a note (by anyone) never changes it, in every read."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.review import decide
from footprint.store.finding_marks import finding_marks
from tests.conftest import store_findings

_DRAFT = FindingDraft(None, "threat_to_kill", 0.9, "a test finding")


def _finding(case: Case) -> int:
    store_findings(case, "labels", [_DRAFT], settings_hash="x")
    return case.store.findings()[0].id


def _states(case: Case) -> list[tuple[int, str | None, bool, int | None]]:
    return [(f.id, f.decision, f.noted, f.decided_on) for f in case.store.findings()]


def test_confirm_then_note_stays_confirmed(case: Case, run_cli: Callable[..., Result]) -> None:
    fid = _finding(case)
    decide(case, fid, "confirm", "a clear threat")
    decide(case, fid, "note", "she told me he said it twice")
    assert _states(case) == [(fid, "confirmed", True, None)]
    assert [(m.id, m.decision) for m in finding_marks(case.store.engine)] == [(fid, "confirmed")]
    assert [f.id for f in case.store.finding_slice(None, "confirmed").findings] == [fid]
    assert [f.id for f in case.store.finding_slice(None, "noted").findings] == [fid]
    assert case.store.finding_slice(None, "unreviewed").findings == []
    out = run_cli("findings", str(case.dir), "--json")
    assert out.exit_code == 0, out.output
    shown = json.loads(out.output)  # one JSON line a finding
    assert (shown["decision"], shown["noted"], shown["decided_on"]) == ("confirmed", True, None)


def test_dismiss_then_note_stays_dismissed(case: Case) -> None:
    fid = _finding(case)
    decide(case, fid, "dismiss", "a song lyric")
    decide(case, fid, "note", "ask her about the song")
    assert _states(case) == [(fid, "dismissed", True, None)]
    assert [f.id for f in case.store.finding_slice(None, "dismissed").findings] == [fid]


def test_note_alone_is_unreviewed_with_its_note(case: Case) -> None:
    fid = _finding(case)
    decide(case, fid, "note", "ask her about the date")
    assert _states(case) == [(fid, None, True, None)]
    assert [f.id for f in case.store.finding_slice(None, "unreviewed").findings] == [fid]
    assert [f.id for f in case.store.finding_slice(None, "noted").findings] == [fid]


def test_analysed_again_carries_the_confirmation_not_the_note(case: Case) -> None:
    fid = _finding(case)
    decide(case, fid, "confirm", "a clear threat")
    decide(case, fid, "note", "she told me he said it twice")
    store_findings(case, "labels", [_DRAFT], settings_hash="y")
    [now] = case.store.findings()
    assert (now.decision, now.noted, now.decided_on) == ("confirmed", True, fid)


def test_analysed_again_a_note_alone_carries_as_a_note(case: Case) -> None:
    fid = _finding(case)
    decide(case, fid, "note", "ask her about the date")
    store_findings(case, "labels", [_DRAFT], settings_hash="y")
    [now] = case.store.findings()
    assert (now.decision, now.noted, now.decided_on) == (None, True, fid)
    assert [f.id for f in case.store.finding_slice(None, "unreviewed").findings] == [now.id]
