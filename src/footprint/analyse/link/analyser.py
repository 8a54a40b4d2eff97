"""The ``link`` analyser: which accounts one person operates, and which imitate the complainant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from footprint.analyse.base import MAX_TEXT_CHARS, Analyser, FindingDraft, analysers, cut_note
from footprint.analyse.link import lookalike
from footprint.analyse.link import text as tx
from footprint.analyse.link.batch import features_for_pairs
from footprint.analyse.link.block import candidate_pairs, shared_keys
from footprint.analyse.link.fusion import load_model
from footprint.analyse.link.issued import not_a_name
from footprint.analyse.link.profile import Message, Profile, build_profile, without_copied
from footprint.analyse.link.score import (
    BlockEvent,
    CaseContext,
    EvidenceItem,
    LinkScore,
    score_pair,
)
from footprint.analyse.link.wording import kind_tally, worded
from footprint.case import Case
from footprint.ingest.phones import e164
from footprint.model import Account, Item
from footprint.store.case_store import StoreTx
from footprint.store.links import LinkRow, add_links

STORE_FROM = 0.5  # log10 LR from which a link is stored
FINDING_FROM = 1.0  # ... and reported as an ``account_link`` finding (moderate support or more)
IMPERSONATION_FROM = 0.85
SCREEN_MARGIN = 0.5  # expert evidence a screened-out pair could still have (alternation: 0.3)
TEXT_KINDS = ("message", "post", "email")


def link_json(link: LinkScore) -> dict[str, Any]:
    """The stable JSON shape of a link (``footprint link --json`` and ``link-score``)."""
    evidence = [e.to_json() for e in link.evidence]
    return {
        "a": link.a,
        "b": link.b,
        "score": link.score,
        "log10_lr": link.log10_lr,
        "verbal": link.verbal,
        "abstained": link.abstained,
        "kinds": link.kinds,
        "evidence": evidence,
        "kinds_considered": kind_tally(link.kinds, evidence).to_json(),
    }


def _names(account: Account) -> tuple[str, str]:
    names = [n for n in account.names if n]
    return account.native_id, (names[-1] if names else account.native_id)


def case_profiles(
    case: Case, cut: list[int] | None = None
) -> tuple[list[Profile], CaseContext, dict[str, Account], list[Item]]:
    """Profiles of every account that wrote something, and the case context around them; each message is
    read in its first ``MAX_TEXT_CHARS`` characters, and ``cut`` gets the ids of those longer."""
    accounts = {a.key: a for a in case.store.accounts()}
    persons = defaultdict(set)
    for a in accounts.values():
        if a.person:
            persons[a.person].add(a.key)
    messages: dict[str, list[Message]] = defaultdict(list)
    recipients: dict[str, set[str]] = defaultdict(set)
    blocks: list[BlockEvent] = []
    firsts: dict[str, Item] = {}
    for item in case.store.iter_items(chronological=True):
        if item.system or item.kind == "system":
            if tx.is_block_event(item.text[:MAX_TEXT_CHARS], True) and item.conversation:
                _block(item, accounts, persons, blocks, system=True)
            continue
        if item.author is None or item.kind not in TEXT_KINDS:
            continue
        shas = tuple(sorted(a.sha256 for a in item.attachments if a.sha256))
        if cut is not None and len(item.own_words) > MAX_TEXT_CHARS:
            cut.append(item.id)
        words = item.own_words[:MAX_TEXT_CHARS]
        messages[item.author].append(
            Message(words, item.sent_at_utc, item.id, item.exhibit, item.locator, shas)
        )
        recipients[item.author].update(item.recipients)
        firsts.setdefault(item.author, item)
        if tx.is_block_event(
            words, False
        ):  # her own words: a forwarded "I have blocked you" is not her block
            _block(item, accounts, persons, blocks, system=False)
    profiles = []
    for key in sorted(messages):
        handle, display = _names(accounts[key]) if key in accounts else (key, key)
        profiles.append(build_profile(key, messages[key], handle, display))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for p in profiles:
        for ident in p.identifiers:
            counts[ident] += 1
    context = CaseContext(
        accounts=len(profiles),
        identifier_accounts=dict(counts),
        native_ids={k: a.native_id for k, a in accounts.items()},
        recipients={k: frozenset(_people(v, accounts)) for k, v in recipients.items()},
        blocks=tuple(blocks),
        complainant_accounts=frozenset(
            k for a in case.store.persons() if a.role == "complainant" for k in persons.get(a.name, ())
        ),
        persons={k: a.person for k, a in accounts.items() if a.person},
        roles={p.name: p.role for p in case.store.persons()},
    )
    return profiles, context, accounts, list(firsts.values())


def _people(keys: set[str] | frozenset[str], accounts: dict[str, Account]) -> set[str]:
    """Account keys, with every account of the same attributed person added."""
    out = set(keys)
    owners = {accounts[k].person for k in keys if k in accounts and accounts[k].person}
    out |= {k for k, a in accounts.items() if a.person in owners}
    return out


def _block(
    item: Item,
    accounts: dict[str, Account],
    persons: dict[str, set[str]],
    blocks: list[BlockEvent],
    *,
    system: bool,
) -> None:
    """A block: a system line blocks the conversation's other members; her message blocks its recipients."""
    blocker = item.author
    blocked = [r for r in item.recipients if r != blocker]
    if system and blocker is None:
        return
    blocker_accounts = {blocker} if blocker else set()
    owner = accounts[blocker].person if blocker in accounts else None
    if owner:
        blocker_accounts |= {k for k, a in accounts.items() if a.person == owner}
    ref = EvidenceItem(blocker or "", item.exhibit, item.locator, item.id)
    for key in blocked:
        blocks.append(BlockEvent(key, frozenset(blocker_accounts), item.sent_at_utc or "", ref, not system))


def _names_alike(a: Profile, b: Profile) -> bool:
    return any(tx.name_similarity(x, y)[0] >= 0.85 for x in a.names for y in b.names)


def worth_explaining(
    profiles: list[Profile], pairs: list[tuple[str, str]], context: CaseContext
) -> list[tuple[str, str]]:
    """Pairs that could reach the storing threshold: the trained part is screened in one batch first."""
    index = {p.key: i for i, p in enumerate(profiles)}
    special = {(profiles[a].key, profiles[b].key) for a, b in shared_keys(profiles)}
    special |= {(b, a) for a, b in special}
    flagged = {p.key for p in profiles if p.self_refs or not p.enough_text}
    flagged |= {e.blocked for e in context.blocks}
    by_key = {p.key: p for p in profiles}
    plain = [
        (a, b)
        for a, b in pairs
        if (a, b) not in special and not ({a, b} & flagged) and not _names_alike(by_key[a], by_key[b])
    ]
    keep = set(pairs) - set(plain)
    if plain:
        x = features_for_pairs(profiles, [(index[a], index[b]) for a, b in plain])
        lr = load_model().log10_lr(x)
        keep |= {pair for pair, value in zip(plain, lr, strict=True) if value >= STORE_FROM - SCREEN_MARGIN}
    return sorted(keep)


@analysers.register
class LinkAnalyser(Analyser):
    """Account linkage with reasons, and impersonation of the complainant."""

    name = "link"
    # 2: fused by gradient-boosted trees; 3: placeholders are not the author's writing;
    # 4: link-score times with an offset read as UTC; short accounts abstain only when the other
    # evidence adds up to less than log10 LR 1; names under 5 letters or digits are not compared; an
    # identifier that is also one of the pair's own is not discounted as a third account's; a phone
    # number followed by other digits is found; 5: a phone number after other digits is found; 6: names
    # a phone's owner saved for both contacts are shown but not counted (they repeat her attribution);
    # 7: forwarded and retweeted words are not the sender's writing; a message is read to 100,000 characters;
    # a name alike to her account's is not counted (an account taking her name is impersonation);
    # 8: a shared identifier that is hers, another person's, a business's, a public site's or quoted by 3+
    # accounts is not counted; copied texts are left out of style; the gap between accounts needs 5
    # messages over 7 days on each side; a handle's trailing digits are removed before leetspeak; a
    # forwarded "I have blocked you" is not a block
    # 9: the style reason gives each side's messages and words, the shared fragments' counts and a caveat;
    # each link tallies the kinds of evidence counted, not counted, not compared and found nothing
    # 10: a hand-set weight says it has no measured error rate; a block known only from her message reads
    # "after she said she had blocked it"; "can't block me" and the timing after that block count the larger
    # 11: a new number denied, withheld, asked about or someone else's is not the writer's ("my new number is
    # none of your business"); while no account is marked as hers, her own account is not called a fake of her
    # 12: an id the platform issued (Telegram's user…, a numeric id) is not a name: two of them are not
    # "alike" (every Telegram id had the stem "user")
    # 13: a placeholder name ("Author 1", "User 2", "Deleted Account") is not a name: two of them are not
    # "alike" (chat-miner's "Author 1" and "Author 2" shared the stem "author")
    # 14: an impersonation finding says which characters differ and what they are ("the 2nd letter is
    # Cyrillic а (U+0430), not Latin a"); a WhatsApp name its sender chose ("~ Jane Doe") or a disguised one
    # copying any party's name is flagged; a chosen name is not held as hers in an export of her phone
    version = 14
    description = (
        "links accounts one person operates (identifiers, names, writing style, timing,"
        " self-references) with calibrated likelihood ratios; flags impersonation"
    )

    def __init__(self) -> None:
        self.links: list[LinkScore] = []
        self.cut: list[int] = []  # messages read only in their first MAX_TEXT_CHARS characters
        self.held: list[str] = []  # accounts not reported as impersonating her (``impersonation``)

    def note(self) -> str:
        return "\n".join(n for n in (held_note(self.held), cut_note(self.cut, MAX_TEXT_CHARS)) if n)

    def settings(self) -> dict[str, Any]:
        return {"model": load_model().model_id, "store_from": STORE_FROM, "finding_from": FINDING_FROM}

    def run(self, case: Case) -> Iterator[FindingDraft]:
        self.cut = []
        self.held = []
        profiles, context, accounts, firsts = case_profiles(case, self.cut)
        by_key = {p.key: p for p in profiles}
        self.links = []
        pairs = [
            (a, b)
            for a, b in candidate_pairs(profiles)
            if None in {accounts[k].person if k in accounts else None for k in (a, b)}
        ]  # both already attributed: the investigator has decided who they are
        for a, b in worth_explaining(profiles, pairs, context):
            kept = without_copied(by_key[a], by_key[b])  # built again once, read by the score and its words
            link = score_pair(by_key[a], by_key[b], context, kept=kept)
            if not link.abstained and link.log10_lr >= STORE_FROM:
                self.links.append(worded(link, *kept))
        self.links.sort(key=lambda x: (-x.log10_lr, x.a, x.b))
        model_id = load_model().model_id
        for link in self.links:
            if link.log10_lr < FINDING_FROM:
                continue
            first = next((i for e in link.evidence for i in e.items if i.item_id is not None), None)
            reasons = "; ".join(e.reason for e in link.evidence[:3] if e.weight > 0)
            yield FindingDraft(
                item_id=first.item_id if first else None,
                category="account_link",
                score=link.score,
                explanation=(
                    f"{link.a} and {link.b} may be operated by one person: {link.verbal}"
                    f" (log10 LR {link.log10_lr:+.2f}). Reasons: {reasons}"
                ),
                model_id=model_id,
                details={"link": link_json(link)},
            )
        exhibits_of = {p.key: {m.exhibit for m in p.messages if m.exhibit} for p in profiles}
        yield from impersonation(case, accounts, firsts, exhibits_of, self.held)

    def save(self, tx: StoreTx, run_id: int) -> None:
        rows = [LinkRow(x.a, x.b, x.score, x.log10_lr, link_json(x)) for x in self.links]
        add_links(tx.conn, run_id, rows)


def held_note(held: list[str]) -> str:
    """The run's note naming the accounts not reported as fake profiles of a complainant (``held``)."""
    if not held:
        return ""
    return (
        f"not reported as fake profiles, while no account is marked as hers: {'; '.join(held)} — most likely"
        " her own: mark it (footprint account attribute) and analyse again; accounts taking her name are then"
        " checked"
    )


def impersonation(
    case: Case,
    accounts: dict[str, Account],
    firsts: list[Item],
    exhibits_of: dict[str, set[str]],
    held: list[str],
) -> Iterator[FindingDraft]:
    """Accounts not hers whose names imitate a complainant's name or the names of her accounts.

    While none of her accounts is marked, an account writing in an exhibit she supplied or owns
    (``exhibits_of``: the exhibits each account writes in) that takes her name is most likely her own:
    it is named in ``held``, not reported as a fake profile of her."""
    first_item = {i.author: i for i in firsts}
    exhibits = case.store.exhibits()
    for person in case.store.persons():
        if person.role != "complainant":
            yield from _copies(person.name, person.role, accounts, first_item)
            continue
        marked = any(a.person == person.name for a in accounts.values())
        her_refs = set() if marked else {e.ref for e in exhibits if e.supplied_by or e.owner == person.name}
        her_phone = {e.ref for e in exhibits if e.owner == person.name}
        hers = {person.name} | {n for a in accounts.values() if a.person == person.name for n in a.names}
        hers = {n for n in hers if n and e164(n) is None}
        # sorted, so that of two equally close names the same one is named on every run
        for key in sorted(accounts):
            account = accounts[key]
            if account.person == person.name:
                continue
            sim, why, name, own = _closest(key, account, hers)
            if sim < IMPERSONATION_FROM:
                continue
            # a name the sender chose is never her own in an export of her phone: it marks a stranger to it
            refs = her_refs - her_phone if lookalike.chosen(account.native_id) else her_refs
            in_hers = sorted(exhibits_of.get(key, set()) & refs)
            if in_hers:
                held.append(f"{key} takes {person.name}'s name in {', '.join(in_hers)}, exhibits of hers")
                continue
            yield _impersonation(
                first_item.get(key),
                sim,
                f"{lookalike.shown(key)} uses the name {name!r}, which imitates {person.name}'s identity"
                f" ({own!r}): {_why(why, name, own)}. Check whether she operates it; if not, this may be"
                " a fake profile in her name.",
                {"account": key, "complainant": person.name, "name": name, "imitates": own},
            )


def _closest(key: str, account: Account, names: set[str]) -> tuple[float, str, str, str]:
    """The name of ``account`` closest to one of ``names``: (similarity, why, its name, the name)."""
    best = (0.0, "", "", "")
    for name in dict.fromkeys((account.native_id, *account.names)):
        if not name or e164(name) is not None or not_a_name(key, name):
            continue
        for own in sorted(names):
            sim, why = tx.name_similarity(name, own)
            if sim > best[0]:
                best = (sim, why, name, own)
    return best


def _why(why: str, name: str, own: str) -> str:
    """Why two names are alike, and what tells them apart when one copies the other."""
    told = lookalike.differences(name, own)
    return f"{why}; {told}" if told else why


def _copies(
    person: str, role: str, accounts: dict[str, Account], first_item: dict[str | None, Item]
) -> Iterator[FindingDraft]:
    """Accounts not attributed to ``person`` (not the complainant) that copy their name in a way a reader
    cannot see: a name the sender chose (WhatsApp's ``~``) or a disguised one (a look-alike letter, a
    no-break space, an invisible character). A saved name alike to theirs is not one: the phone's owner
    chose it."""
    theirs = {person} | {n for a in accounts.values() if a.person == person for n in a.names}
    theirs = {n for n in theirs if n and e164(n) is None}
    for key in sorted(accounts):
        account = accounts[key]
        names = (account.native_id, *account.names)
        if account.person == person or not any(lookalike.chosen(n) or lookalike.disguised(n) for n in names):
            continue
        sim, why, name, own = _closest(key, account, theirs)
        if sim < IMPERSONATION_FROM:
            continue
        yield _impersonation(
            first_item.get(key),
            sim,
            f"{lookalike.shown(key)} uses the name {name!r}, which copies the name of {person} ({role}),"
            f" {own!r}: {_why(why, name, own)}. Check who operates it: {person} on another account, or"
            " someone else using the name.",
            {"account": key, "person": person, "role": role, "name": name, "imitates": own},
        )


def _impersonation(item: Item | None, sim: float, explanation: str, details: dict[str, str]) -> FindingDraft:
    """An impersonation finding on the first item of the account that takes the name."""
    return FindingDraft(
        item_id=item.id if item else None,
        category="impersonation",
        score=round(sim, 4),
        explanation=explanation,
        rule_ids=("link.impersonation.name",),
        details=details,
    )
