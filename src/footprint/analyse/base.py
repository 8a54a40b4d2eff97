"""What every analyser is, and how they run: ordered by ``depends_on``, failures recorded.

An analyser reads the case (never writes) and yields ``FindingDraft``s; ``run_analysers`` stores
them against an ``analysis_run`` row. A failing analyser is recorded with its error and the others
still run; analysers that depend on a failed one are recorded as skipped.
"""

from __future__ import annotations

import hashlib
import json
import traceback
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, TypeVar, cast

from footprint.case import Case
from footprint.errors import AnalysisError, FootprintError
from footprint.integrity.digests import run_details
from footprint.model import not_sent_shown
from footprint.registry import Registry
from footprint.store.case_store import StoreTx, last_audit_entry
from footprint.store.engine import lost_database, refused_statement
from footprint.store.not_sent import never_sent
from footprint.times import now_utc

#: the most of one message an analyser that reads text reads (a 54 MB message took 12 minutes and 7 GB);
#: a longer one is read in its first MAX_TEXT_CHARS characters and named in the run's note (``cut_note``)
MAX_TEXT_CHARS = 100_000


def cut_note(item_ids: list[int], limit: int) -> str:
    """The run's note naming the messages read only in their first ``limit`` characters; "" for none."""
    if not item_ids:
        return ""
    shown = ", ".join(str(i) for i in item_ids[:10]) + (" …" if len(item_ids) > 10 else "")
    return (
        f"{len(item_ids):,} message(s) longer than {limit:,} characters were analysed in their first"
        f" {limit:,} characters only; read the rest yourself (item ids {shown})"
    )


@dataclass(frozen=True)
class FindingDraft:
    """An analyser's opinion about one item (or about the case when ``item_id`` is None)."""

    item_id: int | None
    category: str
    score: float
    explanation: str
    spans: tuple[tuple[int, int], ...] = ()
    rule_ids: tuple[str, ...] = ()
    model_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


class Analyser(ABC):
    """A registered analyser."""

    name: ClassVar[str]
    version: ClassVar[int]
    description: ClassVar[str]
    depends_on: ClassVar[tuple[str, ...]] = ()

    def settings(self) -> dict[str, Any]:
        """Settings that change the output (hashed into the run record)."""
        return {}

    @abstractmethod
    def run(self, case: Case) -> Iterator[FindingDraft]:
        """Yield findings for the case."""

    def note(self) -> str:
        """After ``run``: what the run must say beside its findings (text it did not read); "" if nothing."""
        return ""

    def save(self, tx: StoreTx, run_id: int) -> None:
        """Write rows beyond findings (e.g. account links) in the run's own transaction; optional."""
        return None


analysers: Registry[Analyser] = Registry("analyser")

T = TypeVar("T")
#: what the analysers of the ``run_analysers`` under way read once and share (``shared_read``); None outside
_SHARED: ContextVar[dict[str, object] | None] = ContextVar("footprint_analyse_shared", default=None)
#: for the run under way: the last audit entry its read transaction sees, then that of each shared read it
#: used (``RunRecord.read_after``); None outside
_READ_AFTER: ContextVar[list[int] | None] = ContextVar("footprint_analyse_read_after", default=None)


def shared_read(key: str, read: Callable[[], T]) -> T:
    """``read()`` once per ``run_analysers``: the analysers of one run that ask for the same ``key`` share
    what the first one read (on a case of 103,000 items, each conduct analyser read every item again).
    Only what no analyser changes may be shared: the case's items, never its findings, which each run
    adds to. Outside ``run_analysers`` (a report, a test), ``read()`` every time."""
    shared = _SHARED.get()
    if shared is None:
        return read()
    after = _READ_AFTER.get() or [0]
    if key not in shared:  # read in this run: as at its read transaction's first read
        shared[key] = (after[0], read())
    seq, value = cast(tuple[int, T], shared[key])
    after.append(seq)  # a run that uses an earlier run's read read the case no later than that
    return value


@dataclass(frozen=True)
class RunOutcome:
    """How one analyser's run ended."""

    analyser: str
    version: int
    status: str
    findings: int
    error: str | None = None  # why it did not complete; for a completed run, its note (``Analyser.note``)


def ordered(names: list[str] | None = None) -> list[type[Analyser]]:
    """Analysers in dependency order (dependencies first); cycles and unknown names are errors."""
    wanted = names or analysers.names()
    order: list[type[Analyser]] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise AnalysisError(f"analysers depend on each other in a cycle: {' -> '.join(chain)}")
        state[name] = "visiting"
        cls = analysers.get(name)
        for dep in cls.depends_on:
            visit(dep, (*chain, dep))
        state[name] = "done"
        order.append(cls)

    for name in sorted(wanted):
        visit(name, (name,))
    return order


def run_analysers(
    case: Case,
    names: list[str] | None = None,
    *,
    strict: bool = False,
    on_start: Callable[[str], None] | None = None,
) -> list[RunOutcome]:
    """Run analysers in order, storing their findings; one failure does not stop the rest.

    Refused while the acting role may not see every exhibit: an analyser reads the whole case, and its
    run replaces the last one's findings."""
    case.store.require_whole("analysing the case")
    unsent = never_sent(case.store.engine)
    order = ordered(names)
    if not order:
        return []
    with case.transaction() as (tx, record):  # the group each run joins: finished once all have a run
        analysis_id = tx.add_analysis([cls.name for cls in order], case.settings.actor)
        record("analyse begin", ", ".join(cls.name for cls in order), analysis=analysis_id)
    sharing = _SHARED.set({})
    try:
        return _run_each(case, order, analysis_id, unsent, strict=strict, on_start=on_start)
    finally:
        _SHARED.reset(sharing)  # what the analysers shared goes with the run


def _run_each(
    case: Case,
    order: list[type[Analyser]],
    analysis_id: int,
    unsent: dict[int, str],
    *,
    strict: bool,
    on_start: Callable[[str], None] | None,
) -> list[RunOutcome]:
    """Run each analyser of ``order`` in turn, recording its run: how each ended."""
    outcomes: list[RunOutcome] = []
    failed: set[str] = set()
    for cls in order:
        if on_start is not None:
            on_start(cls.name)
        analyser = cls()
        started = now_utc()
        settings_hash = hashlib.sha256(json.dumps(analyser.settings(), sort_keys=True).encode()).hexdigest()
        blocked = [d for d in cls.depends_on if d in failed]
        if blocked:
            failed.add(cls.name)
            outcome = RunOutcome(
                cls.name,
                cls.version,
                "skipped",
                0,
                f"needs {', '.join(blocked)}, which did not run",
            )
            _record_run(case, RunRecord(outcome, settings_hash, analysis_id, started), [])
            outcomes.append(outcome)
            continue
        read_at: list[int] = []
        reading = _READ_AFTER.set(read_at)
        try:
            # one read transaction: what the run reads is the case as at one commit, the last audit entry
            # it sees (read first, inside it), so an exhibit added meanwhile is either wholly read or not
            with case.snapshot() as frozen:
                read_at.append(_audit_top(frozen))
                drafts = list(analyser.run(frozen))
        except Exception as exc:
            if strict:
                raise
            failed.add(cls.name)
            if (database := _database_failure(exc)) is not None:  # not the analyser's fault: analyse ends
                with suppress(Exception):  # recorded as failed where the database lets it be
                    outcome = RunOutcome(cls.name, cls.version, "error", 0, database)
                    _record_run(case, RunRecord(outcome, settings_hash, analysis_id, started), [])
                raise
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            if not isinstance(exc, FootprintError):
                detail += "\n" + traceback.format_exc(limit=5)
            outcome = RunOutcome(cls.name, cls.version, "error", 0, detail)
            _record_run(case, RunRecord(outcome, settings_hash, analysis_id, started), [])
            outcomes.append(outcome)
            continue
        finally:
            read_after = min(read_at or [0])
            _READ_AFTER.reset(reading)
        outcome = RunOutcome(cls.name, cls.version, "ok", len(drafts), analyser.note() or None)
        drafts = [_said_never_sent(d, unsent) for d in drafts]
        run = RunRecord(outcome, settings_hash, analysis_id, started, read_after)
        _record_run(case, run, drafts, analyser)
        outcomes.append(outcome)
    return outcomes


def _audit_top(case: Case) -> int:
    """The last audit entry ``case`` sees (0 when there is none): of a snapshot, the last committed when
    its read transaction began."""
    with case.store.unscoped_engine.connect() as conn:
        last = last_audit_entry(conn)
    return last[0] if last is not None else 0


def _database_failure(exc: Exception) -> str | None:
    """A one-line reason when ``exc`` is the case database failing (the connection lost, a statement
    stopped at the server's time limit, a user who may not write), not the analyser: ``None`` otherwise."""
    if lost_database(exc) is None and refused_statement(exc) is None:
        return None
    reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
    return f"the case database failed while the analyser ran: {reason}"


def _said_never_sent(draft: FindingDraft, unsent: dict[int, str]) -> FindingDraft:
    """A finding on an item never sent, saying so: an analyser may judge a draft's words (context), but
    no reader may take them for a message anyone received."""
    reason = unsent.get(draft.item_id) if draft.item_id is not None else None
    if reason is None:
        return draft
    said = draft.explanation.rstrip()
    return replace(
        draft,
        explanation=f"{said}{'' if said.endswith('.') else '.'} On an item never sent"
        f" ({not_sent_shown(reason)}): its words are context, not a message anyone received.",
    )


@dataclass(frozen=True)
class RunRecord:
    """What the run row of one analyser records beyond its rows: how it ended, its settings, the
    analysis it was part of and when it started (before the analyser read the case)."""

    outcome: RunOutcome
    settings_hash: str
    analysis_id: int | None  # None only in tests that store a run by itself
    started_utc: str
    #: the last audit entry committed when the run's read transaction (or that of a shared read it used)
    #: began: an exhibit added by a later entry is not in what it read, one added by an earlier is
    #: (``store.coverage``)
    read_after: int | None = None


def _record_run(
    case: Case, run: RunRecord, drafts: list[FindingDraft], analyser: Analyser | None = None
) -> None:
    outcome = run.outcome
    with case.transaction() as (tx, record):
        run_id = tx.add_run(
            analyser=outcome.analyser,
            version=outcome.version,
            settings_hash=run.settings_hash,
            started_utc=run.started_utc,
            status=outcome.status,
            error=outcome.error,
            analysis_id=run.analysis_id,
        )
        tx.add_findings(run_id, drafts)
        if analyser is not None:
            analyser.save(tx, run_id)
        tx.finish_run(run_id)
        record(
            "analyse",
            outcome.analyser,
            version=outcome.version,
            status=outcome.status,
            findings=outcome.findings,
            settings_hash=run.settings_hash,
            error=(outcome.error or "")[:500],
            analysis=run.analysis_id,
            read_after=run.read_after,
            **run_details(tx.conn, run_id),
        )
