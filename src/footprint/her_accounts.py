"""Whether the complainant's accounts are marked, and which accounts of an exhibit may be hers.

Until an account is attributed to the complainant the analysers cannot tell her messages from anyone
else's: her own reply ("I swear I'll kill you") reads as a threat sent to her, and her account, carrying
her name, as a fake profile of her. `add` therefore names the accounts an exhibit holds and the exact
command that marks one as hers. It proposes an account only on a stated ground (the export names its own
account, the account carries her name, or the file's name names the other party of a two-person chat)
and never attributes one itself: she, or the officer, confirms.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass

from footprint.model import AccountRef
from footprint.store.queries import CaseQueries

SHOWN = 5  # accounts `add` names; the rest are counted
COMMANDS = 3  # accounts `add` gives a command for when none is proposed
BASIS = "she confirms she operates it"
# "WhatsApp Chat with NAME.txt" (Android), "WhatsApp Chat - NAME.zip" (iPhone), "Chat de WhatsApp con NAME"
_CHAT_WITH = re.compile(
    r"^(?:whatsapp\s+chat\s+(?:with|-)|chat\s+de\s+whatsapp\s+con)\s+(?P<name>.+?)(?:\.(?:txt|zip))?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    """An account that wrote in the exhibit, with why it may be the person's (empty: no ground), or why
    it is not (marked as another person's, or the other party the file's name names)."""

    key: str
    messages: int
    ground: str = ""
    not_theirs: bool = False
    received: bool = False  # only messages were sent to it (an e-mail's recipient: the mailbox's owner)

    @property
    def counted(self) -> str:
        """``email:a@b (1 item)``, or ``email:a@b (recipient of 1 item)`` for an account that only
        received."""
        items = f"{self.messages:,} item{'s' * (self.messages != 1)}"
        return f"{self.key} (recipient of {items})" if self.received else f"{self.key} ({items})"


@dataclass(frozen=True)
class Unmarked:
    """A person none of whose accounts is marked, and the accounts the exhibit holds."""

    person: str
    complainant: bool  # the person is a complainant (else the exhibit's owner given with --owner)
    accounts: tuple[Candidate, ...]  # most messages first, at most SHOWN
    more: int  # accounts not shown
    partial: bool = False  # the user sees only part of the case (an advocate): the officer marks it
    also: bool = (
        False  # the person has an account marked already: only this exhibit's grounded ones are named
    )

    @property
    def proposed(self) -> tuple[Candidate, ...]:
        """The accounts with a ground for being the person's."""
        return tuple(c for c in self.accounts if c.ground)


def unmarked_complainants(store: CaseQueries) -> list[str]:
    """The complainants none of whose accounts is attributed to them."""
    marked = {a.person for a in store.accounts() if a.person}
    return sorted(p.name for p in store.persons() if p.role == "complainant" and p.name not in marked)


def other_party(file_name: str) -> str | None:
    """The other party a WhatsApp export's own file name names ("WhatsApp Chat with Alex.txt"), if any."""
    m = _CHAT_WITH.match(file_name.strip())
    return m.group("name").strip() if m else None


def exhibit_accounts(
    store: CaseQueries, ref: str, file_name: str, own_accounts: Sequence[AccountRef], owner: str | None
) -> Unmarked | None:
    """The accounts of exhibit ``ref`` when its owner (``owner``, if given) or a complainant has no
    account marked as theirs. Once each has one, an unmarked account of this exhibit with a ground for
    being theirs is still named (``also``): her e-mail address in her mailbox after her WhatsApp account
    was marked. None when there is nothing to say, or the exhibit names no account. The accounts its
    messages were sent to count too (after its authors): in her e-mail exhibit she is the recipient,
    never the sender."""
    accounts = store.accounts()
    marked = {a.person for a in accounts if a.person}
    people = [owner] if owner and owner not in marked else []
    people += [p for p in unmarked_complainants(store) if p not in people]
    also = not people
    if also:
        people = [owner] if owner else [p.name for p in store.persons() if p.role == "complainant"][:1]
    authors = store.authors(ref) if people else []
    wrote = {key for key, _, _ in authors}
    shown_names = {a.key: a.names[-1] for a in accounts if a.names}
    received = [
        (key, shown_names.get(key, ""), n)
        for key, n in (store.recipients(ref) if people else [])
        if key not in wrote
    ]
    if not authors and not received:
        return None
    person = people[0]
    persons = store.persons()
    complainant = any(p.name == person and p.role == "complainant" for p in persons)
    other_names = {p.name.strip().casefold() for p in persons if p.name != person}
    folded = person.casefold()
    names = {key: shown for key, shown, _ in authors}
    other = (other_party(file_name) or "").casefold()
    others = [k for k, shown in names.items() if other and other in (shown.casefold(), _native(k).casefold())]
    # an account carrying another person's name is not proposed as this one's, whatever the export says
    # of it (``add --owner`` has just refused to attribute it, saying whose name it carries)
    # every name the account goes by counts, and the name the export gives its own account (an X archive's
    # display name, "Ben Example", beside its handle: only the handle was compared, and the suspect's own
    # archive had his account offered as hers)
    every_name = {a.key: {n.strip().casefold() for n in a.names} for a in accounts}
    for own in own_accounts:
        every_name.setdefault(own.key, set()).add(own.display_name.strip().casefold())
    named_other = {
        key
        for key, shown, _ in [*authors, *received]
        if ({shown.strip().casefold(), _native(key).strip().casefold()} | every_name.get(key, set()))
        & other_names
    }
    own_keys = {own.key for own in own_accounts}
    grounds: dict[str, str] = {}
    for key, shown, _ in [*authors, *received]:
        if key in named_other:
            continue
        if key in own_keys:
            grounds[key] = "the export names it as its own account"
        elif folded in (shown.strip().casefold(), _native(key).strip().casefold()):
            grounds[key] = f"it carries the name {person}"
        elif len(authors) == 2 and len(others) == 1 and key not in others:
            grounds[key] = f"the file's name says the chat is with {names[others[0]]}, the other account"
    taken = {a.key for a in accounts if a.person and a.person != person} | set(others) | named_other
    every = [(k, n, False) for k, _, n in authors] + [(k, n, True) for k, _, n in received]
    if also:  # only the unmarked accounts with a ground for being the person's
        attributed = {a.key for a in accounts if a.person}
        every = [e for e in every if grounds.get(e[0]) and e[0] not in attributed]
        if not every:
            return None
    shown_accounts = tuple(Candidate(k, n, grounds.get(k, ""), k in taken, to) for k, n, to in every[:SHOWN])
    more = max(0, len(every) - SHOWN)
    return Unmarked(person, complainant, shown_accounts, more, store.withheld() > 0, also)


def attribute_command(
    case_dir: str, key: str, person: str, basis: str = BASIS, *, complainant: bool = True
) -> str:
    """The exact command that marks ``key`` as ``person``'s: for a complainant on her confirmation (which
    ``--as-complainant`` records, as ``link-accept`` does); for anyone else without it (it is refused
    for a person who is not a complainant)."""
    flag = " --as-complainant" if complainant else ""
    return (
        f"footprint account attribute {shlex.quote(case_dir)} {shlex.quote(key)}"
        f" --person {shlex.quote(person)}{flag} --basis {shlex.quote(basis)}"
    )


def what_to_say(found: Unmarked, ref: str, case_dir: str) -> list[str]:
    """`add`'s lines: the accounts, what follows while none is marked, and the command(s) to mark hers."""
    listed = ", ".join(c.counted for c in found.accounts)
    if found.more:
        listed += f" and {found.more:,} more (footprint items {shlex.quote(case_dir)} --exhibit {ref})"
    her = found.complainant
    whose = "hers" if her else f"{found.person}'s"
    confirm, basis = (
        ("if she confirms it", BASIS) if her else ("if that is confirmed", "the owner of the export")
    )
    if found.also:
        lines = [
            f"not marked in {ref}: {listed}; {found.person} has another account marked, but until this"
            " one is, its messages are read as another person's"
            + (
                ", so her own replies can be listed as threats or abuse and it as a fake profile of her"
                if her
                else ""
            )
        ]
    elif her:
        lines = [
            f"accounts in {ref}: {listed}",
            f"none is marked as {found.person}'s yet: until one is, every message is read as if sent to"
            f" {found.person}, so her own replies can be listed as threats or abuse and her own account as"
            " a fake profile of her",
        ]
    else:
        lines = [f"accounts in {ref}: {listed}", f"none is marked as {found.person}'s yet"]
    mark = "ask the officer in the case to mark it" if found.partial else "mark it"
    for c in found.proposed or [c for c in found.accounts if not c.not_theirs][:COMMANDS]:
        if c.ground:
            lines.append(f"{c.key} may be {whose} ({c.ground}); {confirm}, {mark}:")
        else:
            lines.append(f"if {c.key} is {whose}, {mark}:")
        lines.append(f"  {attribute_command(case_dir, c.key, found.person, basis, complainant=her)}")
    return lines


def _native(key: str) -> str:
    return key.partition(":")[2]
