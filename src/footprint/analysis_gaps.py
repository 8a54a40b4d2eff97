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
    """Each thing to say, one sentence each without its full stop: the latest analysis unfinished, then
    :func:`not_analysed`; none when every analyser that ran read every exhibit and the analysis finished."""
    return gaps_of(store.latest_analysis(), store.runs(latest_only=False), store.not_read())


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
