"""What an account attributed to another person did to the findings: the last analysis compared with the
one before it, so that no finding leaves the case unnoticed (an account moved from the suspect to the
complainant takes every threat he sent with it)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, select

from footprint.case import Case
from footprint.store import schema as t
from footprint.store.queries import RECORDED_ANALYSER
from footprint.times import uk_display


@dataclass(frozen=True)
class Reattributed:
    """An attribution made between an analyser's last two runs, and how many findings of the earlier run
    on the account's messages the later run no longer has."""

    account: str
    before: str | None
    after: str
    at_utc: str
    by_user: str
    lost: int

    def words(self) -> str:
        """The line ``analyse`` and ``assess`` print."""
        was = f"from {self.before} " if self.before else ""
        return (
            f"{self.lost} finding(s) no longer count: account {self.account} was attributed {was}to"
            f" {self.after} on {uk_display(self.at_utc)} by {self.by_user}, so its messages are now read"
            f" as {self.after}'s (`footprint findings DIR` lists what is left; the audit log says why)"
        )


def reattributed(case: Case) -> list[Reattributed]:
    """Each account attributed to someone between an analyser's last two successful runs whose messages
    lost findings in the later run (findings of the earlier run on items the account wrote, of a category
    the later run no longer finds on that item), oldest attribution first."""
    with case.store.engine.connect() as conn:
        lost: dict[_Change, int] = defaultdict(int)
        for (before_run, since), (after_run, until) in _last_two_runs(conn):
            last = {c.account_id: c for c in _attributions_between(conn, since, until)}  # the latest counts
            for change in last.values():
                lost[change] += _lost(conn, change.account_id, before_run, after_run)
    return [c.shown(n) for c, n in sorted(lost.items(), key=lambda x: x[0].id) if n]


@dataclass(frozen=True)
class _Change:
    id: int
    account_id: int
    account: str
    before: str | None
    after: str
    at_utc: str
    by_user: str

    def shown(self, lost: int) -> Reattributed:
        return Reattributed(self.account, self.before, self.after, self.at_utc, self.by_user, lost)


def _last_two_runs(conn: Connection) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """Per analyser, its last two successful runs as (id, started)."""
    run = t.analysis_run.c
    rows = conn.execute(
        select(run.analyser, run.id, run.started_utc)
        .where(run.status == "ok", run.analyser != RECORDED_ANALYSER)
        .order_by(run.analyser, run.id.desc())
    ).all()
    by: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in rows:
        by[r.analyser].append((int(r.id), str(r.started_utc)))
    return [(ids[1], ids[0]) for ids in by.values() if len(ids) > 1]


def _attributions_between(conn: Connection, since: str, until: str) -> list[_Change]:
    """Accepted attributions made after ``since`` and before ``until``, each with whom the account was
    attributed to before it."""
    a = t.attribution.c
    rows = conn.execute(
        select(a.id, a.account_id, a.at_utc, a.by_user, a.status, t.person.c.name, t.account.c.key)
        .join(t.person, t.person.c.id == a.person_id)
        .join(t.account, t.account.c.id == a.account_id)
        .order_by(a.id)
    ).all()
    current: dict[int, str | None] = {}
    found: list[_Change] = []
    for r in rows:
        if r.status != "accepted":
            continue
        before = current.get(r.account_id)
        current[r.account_id] = r.name
        if since < r.at_utc <= until and before != r.name:
            found.append(_Change(r.id, r.account_id, r.key, before, r.name, r.at_utc, r.by_user))
    return found


def _lost(conn: Connection, account_id: int, before_run: int, after_run: int) -> int:
    """Findings of ``before_run`` on items ``account_id`` wrote whose item and category ``after_run``
    lacks."""
    f = t.finding.c
    written = select(t.item.c.id).where(t.item.c.author_account_id == account_id)

    def kept(run_id: int) -> list[tuple[int, str]]:
        query = select(f.item_id, f.category).where(f.run_id == run_id, f.item_id.in_(written))
        return [(int(r.item_id), str(r.category)) for r in conn.execute(query)]

    still = set(kept(after_run))
    return sum(1 for key in kept(before_run) if key not in still)
