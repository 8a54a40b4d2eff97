"""What an account attributed to another person did to the findings: the last analysis compared with the
one before it, so that no finding leaves the case unnoticed (an account moved from the suspect to the
complainant takes every threat he sent with it), nor changes unnoticed on the messages sent to it (his
messages to an account attributed to her become contact after her request, and his threats "addressed to
her"; moved away from her, they stop being so)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, and_, or_, select, union

from footprint.case import Case
from footprint.model import RECEIVED_KINDS
from footprint.store import schema as t
from footprint.store.queries import RECORDED_ANALYSER
from footprint.times import uk_display

# Items named per category of finding changed on the messages sent to the account (the rest counted).
NAMED_PER_CATEGORY = 3
# The findings of one category on one item: (item id, category).
_Key = tuple[int, str]


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
    # on the messages sent to the account: the findings (category, where) the later run no longer has,
    # those it has anew, and those it made again saying something else (other words or score)
    received: Received

    def words(self) -> str:
        """The line ``analyse`` and ``assess`` print."""
        was = f"from {self.before} " if self.before else ""
        lead = f"{self.lost} finding(s) no longer count" if self.lost else "Findings changed"
        sent_to = self.received.words()
        return (
            f"{lead}: account {self.account} was attributed {was}to {self.after} on"
            f" {uk_display(self.at_utc)} by {self.by_user}, so its messages are now read as {self.after}'s"
            + (f", and those sent to it as sent to {self.after}: on those, {sent_to}" if sent_to else "")
            + " (`footprint findings DIR` lists what is left; the audit log says why)"
        )


@dataclass(frozen=True)
class Received:
    """The findings on the messages sent to a re-attributed account that its re-attribution changed, each
    as (category, ``JD/1 line 2``)."""

    lost: tuple[tuple[str, str], ...] = ()
    new: tuple[tuple[str, str], ...] = ()
    changed: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lost or self.new or self.changed)

    def __add__(self, other: Received) -> Received:
        return Received(self.lost + other.lost, self.new + other.new, self.changed + other.changed)

    def words(self) -> str:
        """``2 new (contact_after_request on JD/1 line 2, JD/1 line 3), 1 changed (threat_to_kill on JD/1
        line 2)``; "" when nothing changed."""
        parts = [
            f"{len(found)} {what} ({_named(found)})"
            for what, found in (("no longer made", self.lost), ("new", self.new), ("changed", self.changed))
            if found
        ]
        return ", ".join(parts)


def _named(found: tuple[tuple[str, str], ...]) -> str:
    """``contact_after_request on JD/1 line 2, JD/1 line 3; threat_to_kill on JD/1 line 2`` (at most
    ``NAMED_PER_CATEGORY`` places per category, then how many more)."""
    by: dict[str, list[str]] = defaultdict(list)
    for category, where in found:
        by[category].append(where)
    out = []
    for category, places in sorted(by.items()):
        more = len(places) - NAMED_PER_CATEGORY
        named = ", ".join(places[:NAMED_PER_CATEGORY])
        out.append(f"{category} on {named}" + (f" (+{more} more)" if more > 0 else ""))
    return "; ".join(out)


def reattributed(case: Case) -> list[Reattributed]:
    """Each account attributed to someone between an analyser's last two successful runs whose messages
    lost findings in the later run (findings of the earlier run on items the account wrote, of a category
    the later run no longer finds on that item), or on the messages sent to which the later run lost, made
    anew or changed findings, oldest attribution first. (Both `analyse` and `assess`, which print them,
    are refused to a role that may not see the whole case while any exhibit is withheld.)"""
    with case.store.engine.connect() as conn:
        lost: dict[_Change, int] = defaultdict(int)
        received: dict[_Change, Received] = defaultdict(Received)
        for (before_run, since), (after_run, until) in _last_two_runs(conn):
            last = {c.account_id: c for c in _attributions_between(conn, since, until)}  # the latest counts
            for change in last.values():
                lost[change] += _lost(conn, change.account_id, before_run, after_run)
                received[change] += _received(conn, change.account_id, before_run, after_run)
    return [
        c.shown(n, received[c]) for c, n in sorted(lost.items(), key=lambda x: x[0].id) if n or received[c]
    ]


@dataclass(frozen=True)
class _Change:
    id: int
    account_id: int
    account: str
    before: str | None
    after: str
    at_utc: str
    by_user: str

    def shown(self, lost: int, received: Received) -> Reattributed:
        return Reattributed(self.account, self.before, self.after, self.at_utc, self.by_user, lost, received)


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


def _received(conn: Connection, account_id: int, before_run: int, after_run: int) -> Received:
    """The findings of ``after_run`` on the items sent to ``account_id`` (as a recipient, or a member of
    the chat another wrote in) that differ from ``before_run``'s: lost, new, or made again saying
    something else."""
    i, m = t.item.c, t.conversation_member.c
    sent_to = union(
        select(t.recipient.c.item_id.label("id")).where(t.recipient.c.account_id == account_id),
        select(i.id)
        .join(t.conversation_member, and_(m.exhibit_id == i.exhibit_id, m.conversation == i.conversation))
        .where(
            m.account_id == account_id,
            i.kind.in_(sorted(RECEIVED_KINDS)),
            or_(i.author_account_id.is_(None), i.author_account_id != account_id),
        ),
    ).subquery()
    f, ids = t.finding.c, (before_run, after_run)
    rows = conn.execute(
        select(f.run_id, f.item_id, f.category, f.explanation, f.score, t.exhibit.c.ref, i.locator)
        .join(t.item, t.item.c.id == f.item_id)
        .join(t.exhibit, t.exhibit.c.id == i.exhibit_id)
        .where(f.run_id.in_(ids), f.item_id.in_(select(sent_to.c.id)))
        .order_by(i.exhibit_id, i.seq, f.category)
    ).all()
    said: dict[int, dict[_Key, set[tuple[str, float]]]] = {run: defaultdict(set) for run in ids}
    where: dict[_Key, str] = {}
    for r in rows:
        key = (int(r.item_id), str(r.category))
        said[int(r.run_id)][key].add((str(r.explanation), round(float(r.score), 4)))
        where[key] = f"{r.ref} {r.locator}"
    before, after = said[before_run], said[after_run]

    def kept(keep: Callable[[_Key], bool]) -> tuple[tuple[str, str], ...]:
        return tuple((k[1], place) for k, place in where.items() if keep(k))

    return Received(
        lost=kept(lambda k: k not in after),
        new=kept(lambda k: k not in before),
        changed=kept(lambda k: k in before and k in after and before[k] != after[k]),
    )
