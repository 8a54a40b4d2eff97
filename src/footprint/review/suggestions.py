"""The officer's queue of what advocates noted and suggested: each note an advocate made on a finding, each
finding she suggested (`record` while material is withheld from her: kept noted, not confirmed), each link
and attribution she suggested (``review.suggest``), and whether a deciding user (who sees the whole case)
has decided since.

What counts as decided since: a later confirmation or dismissal of the finding (or of the finding of a
later run that carries its decisions) by a role that sees the whole case and decides on it
(``may_manage``: investigator, reviewer, prosecutor). A deciding user's own note leaves it waiting: a note
weighs nothing. Her role is the one the audit entry that made the note names (``store.decision_roles``).
A suggested link is decided by a later `link-accept` or `link-reject` of the pair, or once both accounts
have been attributed since (to one person: as she suggested; to two: not); a suggested attribution by a
later attribution of the account (`account attribute`, or a `link-accept` that attributed it), to the
person she named or another; one to someone not yet in the case likewise, once the officer has added them
(`person add`) and attributed the account to them (or to another). The decision is the latest such, by a
deciding role.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from footprint.case import Case
from footprint.deciders import MANAGERS
from footprint.errors import AccessDeniedError
from footprint.model import AuditEntry, Finding
from footprint.review.decisions import may_decide, may_manage
from footprint.store.carried import claim_of
from footprint.store.decision_roles import RoledDecision, decisions_with_roles, finding_claims
from footprint.store.decisions import StoredDecision
from footprint.store.links import latest_links
from footprint.store.scope import supplied_only
from footprint.store.suggestions import NEW_PERSON, StoredSuggestion, stored_suggestions
from footprint.visible import name_key

#: the audit action of a suggested finding (`record` by an advocate while material is withheld)
SUGGESTED = "record finding"
#: a finding's state in the queue
WAITING, DECIDED, REPLACED = "waiting", "decided", "replaced"
#: what the queue is called in refusals
QUEUE = "the queue of what advocates noted and suggested"


@dataclass(frozen=True)
class Decider:
    """A decision by a deciding user, with the role its audit entry names."""

    decision: StoredDecision
    role: str


@dataclass(frozen=True)
class Suggestion:
    """An advocate's note on a finding, or a finding she suggested (``suggested``), and where it stands."""

    note: StoredDecision  # her decision: noted, with her words as its reason
    role: str  # the role she acted in (advocate)
    suggested: bool  # she recorded the finding (`record`), rather than noting one already there
    finding: Finding | None  # the finding of the latest runs it stands on (None: replaced since)
    words: str  # the finding's words in its message ("" for a case-level finding, or one replaced)
    decided: Decider | None  # the latest confirmation or dismissal by a deciding user since (None: none)
    latest: int  # the latest decision shown on the finding (0: none), for ``--seen``

    @property
    def state(self) -> str:
        """``waiting`` for a deciding user, ``decided`` by one since, or ``replaced`` (its finding is no
        longer shown: the analysers ran again and asserted something else)."""
        if self.decided is not None:
            return DECIDED
        return WAITING if self.finding is not None else REPLACED

    @property
    def at_utc(self) -> str:
        return self.note.at_utc


@dataclass(frozen=True)
class AccountDecision:
    """A deciding user's decision since on a suggested link or attribution."""

    entry: AuditEntry  # the `link accept`, `link reject` or `account attribute` entry that made it
    decision: str  # accepted | rejected | attributed
    reason: str  # the accept's or reject's reason, the attribution's basis
    account: str | None  # the account it attributed (None: an accept or reject of the link)
    person: str | None  # whom it attributed the account (or both) to (None: a rejection)
    as_suggested: bool  # whether it decided as she suggested
    other_person: str | None = None  # a link's: whom the other account was attributed to


@dataclass(frozen=True)
class AccountSuggestion:
    """An advocate's suggested link or attribution (``store.suggestions``), and where it stands."""

    suggestion: StoredSuggestion
    link_stored: bool  # a link: the latest linkage run holds one between the two accounts (else: none)
    decided: AccountDecision | None  # the latest decision since by a deciding user (None: none)
    case_person: str | None = None  # a new name's person in the case, as the case writes their name

    @property
    def person_in_case(self) -> bool:
        """Whether the person she named is a person in the case now (a new name: one added since, or one she
        was not shown)."""
        return self.suggestion.kind != NEW_PERSON or self.case_person is not None

    @property
    def state(self) -> str:
        """``waiting`` for a deciding user, or ``decided`` by one since."""
        return WAITING if self.decided is None else DECIDED

    @property
    def at_utc(self) -> str:
        return self.suggestion.at_utc

    def commands(self, folder: str) -> dict[str, str]:
        """The commands that decide it, for the case folder ``folder`` (shell-quoted): accept and reject a
        stored link; attribute each account of a pair the linkage analyser did not link (``attribute_a``,
        ``attribute_b``), or the account she named (``attribute``), after adding the person she named when
        they are not in the case yet (``add_person``: the officer chooses their role)."""
        x = self.suggestion
        a = shlex.quote(x.account_a)
        if x.account_b is None:
            person = shlex.quote(self.case_person or x.person or "")
            attribute = f"footprint account attribute {folder} {a} --person {person} --basis TEXT"
            if self.person_in_case:
                return {"attribute": attribute}
            return {
                "add_person": f"footprint person add {folder} {person} --role ROLE",
                "attribute": attribute,
            }
        b = shlex.quote(x.account_b)
        if self.link_stored:
            return {
                verb: f"footprint link-{verb} {folder} {a} {b} --reason TEXT" for verb in ("accept", "reject")
            }
        return {
            f"attribute_{side}": f"footprint account attribute {folder} {key} --person NAME --basis TEXT"
            for side, key in (("a", a), ("b", b))
        }


@dataclass(frozen=True)
class Queue:
    """Every advocate's note and suggestion, oldest first."""

    entries: list[Suggestion | AccountSuggestion]

    def shown(self, everything: bool) -> list[Suggestion | AccountSuggestion]:
        """Those waiting for a deciding user; with ``everything``, every one."""
        return self.entries if everything else [s for s in self.entries if s.state == WAITING]

    def count(self, state: str) -> int:
        return sum(1 for s in self.entries if s.state == state)


def require_queue_reader(case: Case) -> None:
    """Refuse the queue to a role that may not decide (a viewer), and to one that sees only part of the
    case while any exhibit is withheld (an advocate: it is the officer's, and counts what she cannot see)."""
    role = case.settings.role
    if not may_decide(role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {role!r}, which may read findings but not decide on them;"
            f" {QUEUE} is for {MANAGERS}, who confirm or dismiss them"
        )
    case.store.require_whole(
        QUEUE,
        f"It is for {MANAGERS} to weigh them; her own notes and suggestions are shown on the findings she"
        " sees (`footprint findings DIR`, or the review app)",
    )


def suggestion_queue(case: Case) -> Queue:
    """Every note and suggested finding an advocate made, oldest first, with where each stands now."""
    require_queue_reader(case)
    made = decisions_with_roles(case.store.unscoped_engine)
    hers = [d for d in made if supplied_only(d.role) and d.decision.decision == "noted"]
    shown = _current(case, {d.decision.finding_id for d in hers})
    texts = {
        i.id: i.text for i in case.store.items_by_id(sorted({f.item_id for f in shown.values() if f.item_id}))
    }
    on_finding: dict[int, list[RoledDecision]] = {}
    for d in made:
        on_finding.setdefault(d.decision.finding_id, []).append(d)
    entries: list[Suggestion | AccountSuggestion] = []
    for d in hers:
        finding = shown.get(d.decision.finding_id)
        on = {d.decision.finding_id} | ({finding.id, finding.decisions_on} if finding else set())
        decisions = on_finding.get(finding.decisions_on, []) if finding else []
        entries.append(
            Suggestion(
                note=d.decision,
                role=d.role,
                suggested=d.action == SUGGESTED,
                finding=finding,
                words=_words(finding, texts),
                decided=_decided_since((x for i in on for x in on_finding.get(i, [])), d.decision.id),
                latest=decisions[-1].decision.id if decisions else 0,
            )
        )
    entries.extend(_account_suggestions(case))
    return Queue(sorted(entries, key=lambda s: s.at_utc))


def _account_suggestions(case: Case) -> list[AccountSuggestion]:
    """Every link and attribution an advocate suggested, oldest first, with the decision since on each."""
    made, entries = stored_suggestions(case.store.unscoped_engine)
    if not made:
        return []
    deciding = [(e, _details(e)) for e in entries if may_manage(e.role)]
    pairs = {frozenset((x.a, x.b)) for x in latest_links(case.store.unscoped_engine)}
    # a new name is read as the person in the case it reads as (``visible.name_key``): one added since, or
    # one she was not shown when she typed it
    persons = {name_key(p.name): p.name for p in case.store.persons()}
    return [
        AccountSuggestion(
            s,
            s.account_b is not None and frozenset((s.account_a, s.account_b)) in pairs,
            _account_decided(s, [(e, d) for e, d in deciding if e.seq > s.seq]),
            persons.get(name_key(s.person or "")) if s.kind == NEW_PERSON else None,
        )
        for s in made
    ]


def _account_decided(
    s: StoredSuggestion, later: list[tuple[AuditEntry, dict[str, Any]]]
) -> AccountDecision | None:
    """The latest decision on suggestion ``s`` among the deciding entries ``later`` than it."""
    found: list[AccountDecision] = []
    if s.account_b is None:  # an attribution, to a person in the case or a new one
        for e, details in later:
            found.extend(
                AccountDecision(e, "attributed", reason, key, person, _same_name(person, s.person))
                for key, person, reason in _attributed(e, details)
                if key == s.account_a
            )
        return found[-1] if found else None
    a, b = s.account_a, s.account_b
    pair = {f"{a} ~ {b}", f"{b} ~ {a}"}
    owners: dict[str | None, str | None] = {}  # each account's latest attribution since
    for e, details in later:
        on_pair = e.action != "account attribute" and e.object in pair
        if on_pair:
            accepted = e.action == "link accept"
            person = details.get("person") if accepted else None
            found.append(
                AccountDecision(
                    e, "accepted" if accepted else "rejected", e.justification, None, person, accepted
                )
            )
        for key, person, reason in _attributed(e, details):
            if key not in (a, b):
                continue
            owners[key] = person
            if len(owners) == 2 and not on_pair:
                other = owners[b if key == a else a]
                found.append(AccountDecision(e, "attributed", reason, key, person, person == other, other))
    return found[-1] if found else None


def _same_name(attributed: object, suggested: str | None) -> bool:
    """Whether the person an account was attributed to is the one she suggested, however she typed it."""
    return (
        isinstance(attributed, str) and suggested is not None and name_key(attributed) == name_key(suggested)
    )


def _attributed(entry: AuditEntry, details: dict[str, Any]) -> Iterator[tuple[str, Any, str]]:
    """The accounts a deciding entry attributed, each with the person and the basis or reason."""
    if entry.action == "account attribute":
        yield entry.object, details.get("person"), str(details.get("basis") or "")
    elif entry.action == "link accept":
        for key in details.get("attributed") or []:
            yield key, details.get("person"), entry.justification


def _details(entry: AuditEntry) -> dict[str, Any]:
    loaded = json.loads(entry.details)
    return loaded if isinstance(loaded, dict) else {}


def _current(case: Case, noted_on: set[int]) -> dict[int, Finding]:
    """The finding of the latest runs each finding noted on stands as now: itself, or the finding of a
    later run that asserts the same thing (``queries.claim_of``: its decisions carry); none when what it
    asserted is no longer asserted."""
    current = {f.id: f for f in case.store.findings(ids=sorted(noted_on))}
    gone = finding_claims(case.store.unscoped_engine, noted_on - set(current))
    if not gone:
        return current
    items = sorted({item for item, _, _ in gone.values() if item is not None})
    later: list[Finding] = case.store.findings(items=items) if items else []
    for category in sorted({category for item, category, _ in gone.values() if item is None}):
        later += case.store.findings(category)
    now = {claim_of(f.analyser, f.category, f.item_id, f.spans, f.explanation, f.score): f for f in later}
    return current | {fid: now[claim] for fid, (_, _, claim) in gone.items() if claim in now}


def _decided_since(made: Iterable[RoledDecision], after: int) -> Decider | None:
    """The latest confirmation or dismissal among ``made`` (the decisions on one finding and those it
    stands as) by a deciding user after decision ``after``."""
    found = [
        d for d in made if d.decision.id > after and d.decision.decision != "noted" and may_manage(d.role)
    ]
    latest = max(found, key=lambda d: d.decision.id, default=None)
    return None if latest is None else Decider(latest.decision, latest.role)


def _words(finding: Finding | None, texts: dict[int, str]) -> str:
    """The words of its message the finding rests on ("" for a case-level finding)."""
    if finding is None or finding.item_id is None:
        return ""
    text = texts.get(finding.item_id, "")
    return " … ".join(text[a:b] for a, b in finding.spans)
