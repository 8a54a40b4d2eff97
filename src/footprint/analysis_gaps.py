"""What `findings`, `assess`, `report`, `verify` and the review app say before anyone relies on the findings:
the latest `analyse` did not finish (``Analysis.unfinished``), and the exhibits an analyser's latest
successful run did not read, because they were added during or after it (``CaseStore.not_read``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from footprint.model import Analysis, AnalysisRun
from footprint.times import uk_display

if TYPE_CHECKING:
    from footprint.store.case_store import CaseStore

AGAIN = "run `footprint analyse` again"


def analysis_gaps(store: CaseStore) -> list[str]:
    """Each thing to say, one sentence each without its full stop: no analysis yet of a case with
    exhibits; the latest analysis unfinished, then :func:`not_analysed`, then the changes it does not
    reflect (:func:`changed_since`); none when every analyser that ran read every exhibit, the analysis
    finished and nothing it reads changed since."""
    latest, runs = store.latest_analysis(), store.runs(latest_only=False)
    if not runs and store.exhibits():
        return [NEVER]
    changed = changed_since(latest, store.changed_since_analysis()) if latest is not None else []
    return gaps_of(latest, runs, store.not_read()) + changed


NEVER = (
    "no analysis has been run on this case: there are no findings and no offence assessment yet: run"
    " `footprint analyse`"
)


def changed_since(latest: Analysis, changes: Mapping[str, int]) -> list[str]:
    """One sentence naming the audited changes an analysis reads that were recorded after ``latest``
    began (``CaseQueries.changed_since_analysis``): "2 account attribute(s) … recorded after analysis
    no. 4 …"; an attribution made after `analyse` leaves the findings read as before it."""
    if not changes:
        return []
    listed = ", ".join(f"{n} {action}" for action, n in changes.items())
    return [
        f"{listed} recorded after analysis no. {latest.id} (from {uk_display(latest.started_utc)}): its"
        f" findings and the offence assessment do not reflect them: {AGAIN}"
    ]


def gaps_of(
    latest: Analysis | None, runs: Sequence[AnalysisRun], unread: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """:func:`analysis_gaps` from what was read of the case: its ``latest`` analysis, every run in id
    order and what each analyser's latest successful run did not read (``CaseStore.not_read``)."""
    said = [latest.unfinished] if latest is not None and latest.unfinished else []
    return said + not_analysed(runs, unread)


def not_analysed(runs: Sequence[AnalysisRun], unread: Mapping[str, tuple[str, ...]]) -> list[str]:
    """One sentence for the exhibits the same analysers did not read (``unread``: by analyser, from
    ``CaseStore.not_read``; ``runs``: every run, in id order), naming their latest successful runs:
    "JD/3 was added after detect's run of …: it has not been analysed: run `footprint analyse` again"."""
    ok = {r.analyser: r for r in runs if r.status == "ok"}
    missed: dict[str, list[AnalysisRun]] = {}
    for name in sorted(unread):
        for ref in unread[name]:
            missed.setdefault(ref, []).append(ok[name])
    groups: dict[tuple[str, ...], list[str]] = {}
    for ref, by in missed.items():
        groups.setdefault(tuple(r.analyser for r in by), []).append(ref)
    out = []
    for names, refs in groups.items():
        after = [ok[n] for n in names]
        one = len(refs) == 1
        shown = refs[0] if one else ", ".join(refs[:-1]) + " and " + refs[-1]
        first = min(after, key=lambda r: r.id)
        analyses = {r.analysis_id for r in after}
        if len(after) == 1:
            run = f"{possessive(first.analyser)} run of {uk_display(first.started_utc)}"
        elif set(names) == set(ok) and len(analyses) == 1 and first.analysis_id is not None:
            run = f"the runs of analysis no. {first.analysis_id} (from {uk_display(first.started_utc)})"
        else:
            run = f"the latest runs of {', '.join(names)} (from {uk_display(first.started_utc)})"
        if set(names) == set(ok):
            what = "it has not been analysed" if one else "they have not been analysed"
        else:
            who = names[0] if len(names) == 1 else "those analysers"
            what = f"{who} {'has' if len(names) == 1 else 'have'} not read {'it' if one else 'them'}"
        out.append(f"{shown} {'was' if one else 'were'} added after {run}: {what}: {AGAIN}")
    return out


def possessive(name: str) -> str:
    """An analyser's name as its owner: ``detect's``, ``images'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
