"""The numbers an advocate's view gives findings: given in the write that shows them, then kept (0016).

While the case holds material she may not see, her view numbers the findings she sees from 1
(``footprint.her_numbers``): the case's ids would count, by their gaps, what she is not shown. A number she
noted ("finding 7 is the threat") must go on naming what she noted. So a number is given once, inside the
transaction that makes a finding visible to her (an analyser's run, a recorded finding, an exhibit marked
as the complainant's: ``StoreTx.shows_findings``), never by a read, and kept in ``finding_number``:

- a finding that asserts the same thing about the evidence as one she was shown before takes its number:
  the same analyser (by name, not version), category, item and words (its spans); not its explanation or
  score, which say how the analyser weighed it (:func:`claim_key`). So attributing her account (detect's
  explanation then says "addressed to her"), or an analyser version that rewords an explanation or moves a
  score, keeps every number she has; other words, another item or category is another number;
- a new claim takes the number after every number ever given, in the case's order of ids among those shown
  by the same write; a number is never given to another claim, even when its finding is gone;
- a finding shown to her only later (its exhibit marked hers since) is numbered after those she has.

Two current findings that assert the same thing (a person recording the same finding twice; an analyser
finding one thing twice) have two numbers: each takes the lowest number of its claim no current finding
holds, in the order of their ids, so they keep theirs when the analysers run again. A number's claim is
read again from its finding (``_numbers_by_claim``), never from the ``claim`` the row stores: rows written
before the claim left out the explanation and score (0016 stored a digest of them) are matched all the same.
Deriving the numbers from the case's history instead would replay her view at every analysis and mark
(their only common order is the clock) under today's scope rules, on every read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Connection, Row, exists, func, insert, select

from footprint.json_digest import FieldDigests
from footprint.store import finding_scope
from footprint.store import schema as t
from footprint.store.carried import carried_decisions, claim_of
from footprint.store.case_subjects import earlier_case_decisions
from footprint.store.finding_state import sets_state
from footprint.store.queries import latest_run_ids

#: PostgreSQL advisory lock held while numbers are given ("FPNUMB"): two writes never give the same one
NUMBERS_LOCK = 0x46504E554D42
#: ids read at a time in an ``IN (...)`` list
_BATCH = 500
#: the key of a finding's details that names other findings she is shown with it (a course of conduct's
#: requests to stop)
_NAMES_FINDINGS = "request_finding_ids"
#: a number row's fields, grouped as `verify` names them: the number each finding has, and the claim
NUMBER_FIELDS = {"numbers": (t.finding_number.c.number,), "claims": (t.finding_number.c.claim,)}
_NUMBER_ROWS = select(
    t.finding_number.c.finding_id, t.finding_number.c.number, t.finding_number.c.claim
).order_by(t.finding_number.c.finding_id)
#: the key of a write's audit entry details that records the numbers (:func:`recorded_numbers`)
NUMBERS_KEY = "finding_numbers"
#: number rows read at a time while digesting
_DIGEST_BATCH = 2000


#: what a finding asserts about the evidence: its analyser's name, category, item and spans
_Claim = tuple[str, str, int | None, tuple[tuple[int, int], ...]]


def claim_of_row(row: Any) -> _Claim:
    """What finding ``row`` asserts about the evidence (not how it weighed it: its explanation, score)."""
    spans = tuple((int(a), int(b)) for a, b in json.loads(row.spans))
    return str(row.analyser), str(row.category), row.item_id, spans


def claim_key(row: Any) -> str:
    """The SHA-256 of what finding ``row`` asserts (:func:`claim_of_row`), kept in its number's row."""
    said = json.dumps(claim_of_row(row), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(said.encode("utf-8")).hexdigest()


def give_numbers(conn: Connection, runs: Sequence[int] | None = None) -> list[int]:
    """Number every current finding an advocate sees that has no number yet (of these ``runs`` alone, when
    given: a new run changes what she sees of no other), and the findings those name (an earlier one
    decided on, her requests to stop); return the findings numbered."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(NUMBERS_LOCK)))
    numbered = select(t.finding_number.c.finding_id)
    decided = exists().where(t.decision.c.finding_id == t.finding.c.id, sets_state())
    query = claims_query(
        decided.label("decided"),
        t.finding.c.details.contains(_NAMES_FINDINGS, autoescape=True).label("names_findings"),
    ).where(t.finding.c.run_id.in_(latest_run_ids()), t.finding.c.id.not_in(numbered))
    if runs is not None:
        query = query.where(t.finding.c.run_id.in_(list(runs)))
    shown = list(conn.execute(finding_scope.visible(conn, query)).all())
    if not shown:
        return []
    named = _named(conn, shown) - {int(r.id) for r in shown}
    named -= set(numbers_of(conn, named))
    earlier = list(_read(conn, sorted(named)))  # not current, or not shown itself
    given, held = _numbers_by_claim(conn, {claim_of_row(r) for r in (*shown, *earlier)})
    by_claim: dict[_Claim, list[int]] = {}
    for row in sorted(shown, key=lambda r: int(r.id)):
        by_claim.setdefault(claim_of_row(row), []).append(int(row.id))
    number_of: dict[int, int] = {}
    for claim, ids in by_claim.items():  # the numbers of its claim no current finding holds
        free = [n for n in given.get(claim, {}) if n not in held][: len(ids)]
        free.sort(key=given.get(claim, {}).__getitem__)  # as the findings that last had them were
        number_of.update(zip(ids, free, strict=False))
    last = int(conn.execute(select(func.coalesce(func.max(t.finding_number.c.number), 0))).scalar_one())
    for row in sorted(shown, key=lambda r: int(r.id)):  # a new claim: the number after every number given
        if int(row.id) not in number_of:
            last += 1
            number_of[int(row.id)] = last
        given.setdefault(claim_of_row(row), {})[number_of[int(row.id)]] = int(row.id)
    for row in earlier:  # the number its claim was given last
        claim = claim_of_row(row)
        if claim not in given:
            last += 1
            given[claim] = {last: int(row.id)}
        number_of[int(row.id)] = max(given[claim], key=given[claim].__getitem__)
    claims = {int(r.id): claim_key(r) for r in (*shown, *earlier)}
    rows = []
    for finding_id in sorted(number_of):
        rows.append({"finding_id": finding_id, "number": number_of[finding_id], "claim": claims[finding_id]})
    for start in range(0, len(rows), _BATCH):
        conn.execute(insert(t.finding_number), rows[start : start + _BATCH])
    return sorted(number_of)


def recorded_numbers(conn: Connection, runs: Sequence[int] | None = None) -> dict[str, Any]:
    """Give the numbers (:func:`give_numbers`) and say what the write's audit entry records of them: how
    many it gave, and the digests of every ``finding_number`` row before and after it
    (:func:`number_digests`), so `verify` sees a row changed, removed or added outside Footprint, now or
    between two writes (``docs/integrity.md``, "The advocate's finding numbers")."""
    given = set(give_numbers(conn, runs))
    before, after = FieldDigests(NUMBER_FIELDS), FieldDigests(NUMBER_FIELDS)
    for batch in _number_rows(conn):
        after.update(batch)
        before.update([row for row in batch if row[0] not in given])
    return {"given": len(given), "before": _counted(before), "after": _counted(after)}


def number_digests(conn: Connection) -> dict[str, Any]:
    """The count of the ``finding_number`` rows and a digest per field group (``NUMBER_FIELDS``) of the
    rows ``[finding_id, value]`` in finding order."""
    digests = FieldDigests(NUMBER_FIELDS)
    for batch in _number_rows(conn):
        digests.update(batch)
    return _counted(digests)


def _number_rows(conn: Connection) -> Iterator[Sequence[Sequence[Any]]]:
    """Every number row ``[finding_id, number, claim]``, in finding order, a batch at a time."""
    with conn.execute(_NUMBER_ROWS.execution_options(yield_per=_DIGEST_BATCH)) as result:
        yield from result.partitions()


def _counted(digests: FieldDigests) -> dict[str, Any]:
    return {"rows": digests.count, **digests.hexdigests()}


def numbers_of(conn: Connection, ids: Collection[int]) -> dict[int, int]:
    """The number given to each of the findings ``ids`` that has one."""
    wanted = sorted(set(ids))
    found: dict[int, int] = {}
    for start in range(0, len(wanted), _BATCH):
        query = select(t.finding_number.c.finding_id, t.finding_number.c.number).where(
            t.finding_number.c.finding_id.in_(wanted[start : start + _BATCH])
        )
        found.update((int(r.finding_id), int(r.number)) for r in conn.execute(query))
    return found


def first_given(conn: Connection, number: int) -> int | None:
    """The finding first given ``number`` (of any run), or None when no finding was ever given it."""
    query = select(func.min(t.finding_number.c.finding_id)).where(t.finding_number.c.number == number)
    found = conn.execute(query).scalar()
    return None if found is None else int(found)


def claim_said(conn: Connection, finding_id: int) -> str:
    """What finding ``finding_id`` (of any run) asserted, in words: ``threat_violence on JD/1 line 1 by
    detect ("a threat")`` (hostile text: for an error line)."""
    query = (
        claims_query(t.exhibit.c.ref, t.item.c.locator)
        .outerjoin(t.item, t.item.c.id == t.finding.c.item_id)
        .outerjoin(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .where(t.finding.c.id == finding_id)
    )
    row = conn.execute(query).one()
    where = f"{row.ref} {row.locator}" if row.ref else "the case"
    return f'{row.category} on {where} by {row.analyser} ("{row.explanation}")'


def claims_query(*columns: Any) -> Any:
    """A query of what findings assert (with ``columns``), joined to their run."""
    return select(
        t.finding.c.id,
        t.finding.c.item_id,
        t.finding.c.category,
        t.finding.c.spans,
        t.finding.c.explanation,
        t.finding.c.score,
        t.analysis_run.c.analyser,
        *columns,
    ).join(t.analysis_run, t.analysis_run.c.id == t.finding.c.run_id)


def _read(conn: Connection, ids: list[int]) -> Iterable[Row[Any]]:
    """What the findings ``ids`` (of any run) assert."""
    for start in range(0, len(ids), _BATCH):
        yield from conn.execute(claims_query().where(t.finding.c.id.in_(ids[start : start + _BATCH])))


def _numbers_by_claim(conn: Connection, claims: set[_Claim]) -> tuple[dict[_Claim, dict[int, int]], set[int]]:
    """The numbers given to findings (of any run) asserting each of the ``claims``, each with the latest
    finding given it, the most recently given first; and those of them a current finding holds. Each
    claim is read again from the finding numbered (rows of 0016 stored a digest with its explanation)."""
    given: dict[_Claim, dict[int, int]] = {}
    held: set[int] = set()
    items = sorted({c[2] for c in claims if c[2] is not None})
    current = latest_run_ids()
    query = claims_query(t.finding_number.c.number, t.finding.c.run_id.in_(current).label("current")).join(
        t.finding_number, t.finding_number.c.finding_id == t.finding.c.id
    )
    wheres = [t.finding.c.item_id.in_(items[i : i + _BATCH]) for i in range(0, len(items), _BATCH)]
    if any(c[2] is None for c in claims):
        wheres.append(t.finding.c.item_id.is_(None))
    for where in wheres:
        for row in conn.execute(query.where(where)):
            claim = claim_of_row(row)
            if claim in claims:
                latest = given.setdefault(claim, {})
                latest[int(row.number)] = max(latest.get(int(row.number), 0), int(row.id))
                if row.current:
                    held.add(int(row.number))
    return {c: dict(sorted(n.items(), key=lambda x: -x[1])) for c, n in given.items()}, held


def _named(conn: Connection, shown: list[Row[Any]]) -> set[int]:
    """The findings the newly shown ones name: the earlier finding about the same item, or a case-level
    one's about the same subject (``store.case_subjects``), a person decided on while it asserted something
    else (``Finding.earlier_decision``), and her requests to stop."""
    named: set[int] = set()
    asking = [int(r.id) for r in shown if r.names_findings]
    for start in range(0, len(asking), _BATCH):
        query = select(t.finding.c.details).where(t.finding.c.id.in_(asking[start : start + _BATCH]))
        for details in conn.execute(query).scalars():
            ids = json.loads(details).get(_NAMES_FINDINGS)
            named |= {i for i in ids if isinstance(i, int)} if isinstance(ids, list) else set()
    undecided = [r for r in shown if not r.decided]
    if undecided and conn.execute(select(t.decision.c.id).limit(1)).first() is not None:
        decided = carried_decisions(conn)
        case_level: list[tuple[int, str, str, dict[str, Any]]] = []
        for r in undecided:
            spans = tuple((int(a), int(b)) for a, b in json.loads(r.spans))
            if claim_of(r.analyser, r.category, r.item_id, spans, r.explanation, r.score) in decided.by_claim:
                continue
            if r.item_id is None:
                case_level.append((int(r.id), str(r.analyser), str(r.category), {}))
            elif other := decided.by_subject.get((r.analyser, r.category, r.item_id)):
                named.add(other[-1][2])
        visible = partial(finding_scope.visible, conn)
        earlier = earlier_case_decisions(conn, case_level, decided, latest_run_ids(), visible)
        named |= {on for on, _, _ in earlier.values()}
    return named


#: the schema from which an advocate's finding numbers are kept (``finding_number``)
KEPT_FROM = "0016"
#: what `case upgrade` says when it brings a case to 0016 from an older schema
RENUMBERED = (
    f"An advocate's finding numbers changed at this upgrade: from schema {KEPT_FROM} her view numbers the"
    " findings she sees from 1 and keeps each number (before, it showed the case's ids, or numbered"
    " afresh at each read), so a number she noted before may name another finding now. Tell her, and"
    " have her run `footprint findings` for her current numbers; a number she no longer has names this"
    " upgrade."
)


def renumbered_at(conn: Connection) -> str | None:
    """The time of the `case upgrade` that brought the case to schema 0016 from an older one, when her
    finding numbers changed (before, her view showed the case's ids, or numbered afresh at each read);
    None for a case made at 0016 or later."""
    query = (
        select(t.audit.c.at_utc, t.audit.c.details)
        .where(t.audit.c.action == "case upgrade")
        .order_by(t.audit.c.seq)
    )
    for at_utc, details in conn.execute(query):
        before = json.loads(details).get("from_schema")
        if isinstance(before, str) and before < KEPT_FROM:
            return str(at_utc)
    return None
