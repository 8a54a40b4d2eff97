"""The case's rows as a disclosure copy shows them: parties kept, third parties, places and device owners
masked, hashes withheld (``report.redact`` does the masking)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from footprint.analyse.link.joining import weighs_on
from footprint.ingest.phones import PHONE_PLATFORMS, parsed_e164
from footprint.model import Account, Exhibit, Finding, Item, Person
from footprint.report.coordinates import WHY_FIELDS, Coordinates, loose_pairs, place_in_fields
from footprint.report.exif_fields import DEVICE, device_owners
from footprint.report.locations import find_locations
from footprint.report.redact import (
    ASKED_ID,
    HASH_WITHHELD,
    LINKED_ACCOUNT,
    Carried,
    Redactor,
)
from footprint.report.withhold import hashes_withheld, withheld
from footprint.store.links import StoredLink
from footprint.store.queries import RECORDED_ANALYSER

PARTY_ROLES = ("complainant", "suspect", "witness")


def linked_to_suspect(
    persons: Sequence[Person], accounts: Sequence[Account], links: Sequence[StoredLink]
) -> dict[str, str]:
    """The accounts attributed to no party that a link ties to a suspect's account (``link.joining.
    weighs_on``: no person rejected it and it gives some support, however weak; whether the defence should
    see it is the disclosure officer's to decide, the link's strength in hand), each with why its id is
    masked: a third party's until a person attributes it, the strongest such link named (``links`` come
    strongest first)."""
    parties = {p.name for p in persons if p.role in PARTY_ROLES}
    suspects = {p.name for p in persons if p.role == "suspect"}
    owner = {a.key: a.person for a in accounts if a.person in parties}
    linked: dict[str, str] = {}
    for link in links:
        if not weighs_on(link):
            continue
        for his, other in ((link.a, link.b), (link.b, link.a)):
            if owner.get(his) in suspects and other not in owner:
                linked.setdefault(
                    other,
                    f"{LINKED_ACCOUNT}: {owner[his]}'s {his}, at log10 LR {link.log10_lr:+.2f}; masked until"
                    " a person attributes it",
                )
    return linked


def case_redactor(
    persons: Sequence[Person],
    accounts: Sequence[Account],
    extra: Sequence[str],
    places: tuple[str, ...],
    devices: Sequence[str],
    actors: tuple[tuple[str, ...], ...] = (),
    links: Sequence[StoredLink] = (),
) -> Redactor:
    """Parties' names and identifiers are kept, except a name the officer asked to mask by name
    (``--redact-name``: a witness's or complainant's anonymity), which is masked like a third party's;
    ``places`` the case itself names are masked wherever written, and so are the names of the people
    images' ``devices`` are named after (a party's own kept); the names of the people working the case
    (``actors``: ``names.case_actors``) are kept where recognised in a person's words. A party's phone
    number or e-mail address given with ``--redact-name`` (hers, written any way) is masked as a third
    party's id is, with its own reason; an account a link ties to the suspect's is masked too, saying so
    (``linked_to_suspect``)."""
    party_names = {p.name for p in persons if p.role in PARTY_ROLES}
    party_keys = [a.key for a in accounts if a.person in party_names]
    asked = {n.strip().lower() for n in extra if n.strip()}
    asked |= {p for n in asked if (p := parsed_e164(n)) is not None}  # her number as she writes it
    # a party's own phone number or e-mail address the officer asked to mask (hers): masked as a third
    # party's id ([PHONE-n], [EMAIL-n]) wherever it stands, not as a name
    ids = {key: i for key in party_keys if (i := _phone_or_email(key)) is not None}
    asked_keys = [key for key, i in ids.items() if i in asked]
    asked_ids = {ids[key] for key in asked_keys}
    keep = party_identifiers(party_keys, party_names) - asked
    others = [p.name for p in persons if p.role not in PARTY_ROLES]
    others += [n for a in accounts if a.person not in party_names for n in a.names if n not in party_names]
    others += [n for n in extra if not {n.strip().lower(), parsed_e164(n)} & asked_ids]
    third = tuple(a.key for a in accounts if a.person not in party_names) + tuple(asked_keys)
    owners = device_owners(devices, keep)
    linked = linked_to_suspect(persons, accounts, links)
    return Redactor(
        keep,
        tuple(sorted(set(others))),
        third,
        reasons=linked | dict.fromkeys(asked_keys, ASKED_ID),
        name_reasons={n: linked[a.key] for a in accounts if a.key in linked for n in a.names},
        places=places,
        owners=owners,
        actors=actors,
    )


def _phone_or_email(key: str) -> str | None:
    """An account's id as a phone number (E.164, on a phone platform) or e-mail address (lower case)."""
    platform, _, native = key.partition(":")
    if platform in PHONE_PLATFORMS:
        return parsed_e164(native)
    return native.lower() if "@" in native else None


def redact_item(r: Redactor, item: Item, mappers: dict[int, Callable[[int], int]], want: bool) -> Item:
    """The item as a disclosure copy shows it: identifiers masked, an attachment's name masked alike
    wherever the item names the file, its content withheld where the raw record holds it (an e-mail's
    MIME part), and its SHA-256 withheld everywhere (a small file's, a vCard's, would confirm a guess
    at the number in it, like an exhibit's)."""
    where = f"{item.exhibit} {item.locator}"
    # each attachment's name, and without its folder (Telegram's "files/x.pdf", written "x.pdf")
    files = tuple(dict.fromkeys(n for a in item.attachments for n in (a.name, a.name.rsplit("/", 1)[-1])))
    # a name the rules recognise in the text is masked wherever the details and raw record write it:
    # Footprint writes some texts from those fields (a UFED location's "51.5, -0.12 — Sarah")
    text, mapper, carried = r.item_text(item.text, f"{where} text", files, places=_named(item))
    if want:
        mappers[item.id] = mapper
    return replace(
        item,
        locator=r.slugs_masked(r.text(item.locator, f"{where} locator"), f"{where} locator"),
        text=text,
        raw=r.record(withheld(item.raw, item.text), item.text, f"{where} raw", files, carried),
        author=r.field(item.author, f"{where} author") if item.author else None,
        author_name=r.field(item.author_name, f"{where} author name") if item.author_name else None,
        recipients=tuple(r.field(x, f"{where} recipient") for x in item.recipients),
        conversation=r.names_masked(item.conversation, f"{where} conversation")
        if item.conversation
        else None,
        attachments=tuple(
            replace(
                a,
                name=r.file_name(a.name, f"{where} attachment"),
                sha256=HASH_WITHHELD if a.sha256 is not None else None,
            )
            for a in item.attachments
        ),
        details=_details(r, item.details, where, files, carried),
    )


def _named(item: Item) -> list[Coordinates]:
    """Each pair in the item's text, however few its decimal places, that names a place its raw record
    or details name too: the text Footprint writes for a location kept in fields of its own (a UFED
    report's ``51.5, -0.12 — Home``, a Telegram share's ``location 51.5, -0.12``)."""
    loose = loose_pairs(item.text) if item.text else []
    if not loose:
        return []
    named = {c.place for c in find_locations(item.raw or "")}
    if located := place_in_fields(item.details):
        named.add(located.place)
    return [c for c in loose if c.place in named]


def _details(
    r: Redactor, details: dict[str, str], where: str, files: tuple[str, ...], carried: Carried
) -> dict[str, str]:
    """An item's details as a disclosure copy shows them: an image's EXIF make and model is a field, so a
    device's owner is masked there however short; a latitude and a longitude kept in fields of their own
    (a Telegram location share's) are masked as the one place they name; the rest as text; each with
    the names ``carried`` from the item's text."""
    located = place_in_fields(details)
    fields = (located.latitude, located.longitude) if located else ()
    return {
        k: r.place(v, located.place, f"{where} {k}", WHY_FIELDS)
        if located and k in fields
        else (r.names_masked if k == DEVICE else r.text)(hashes_withheld(v), f"{where} {k}", files, carried)
        for k, v in details.items()
    }


def redact_exhibit(r: Redactor, e: Exhibit) -> Exhibit:
    """Every field of an exhibit a disclosure copy shows: its name, who produced and owns it, the
    examiner's notes and what was recorded when it was read (a parser may name the account's owner).
    Its SHA-256 is withheld: it would confirm a guess at what was masked."""
    return replace(
        e,
        sha256=HASH_WITHHELD,
        file_name=r.file_name(e.file_name, f"{e.ref} file name"),
        original_path="",
        producer=r.text(e.producer, f"{e.ref} producer"),
        owner=r.text(e.owner, f"{e.ref} owner") if e.owner else e.owner,
        notes=r.text(e.notes, f"{e.ref} notes", free=True),  # an examiner's words: names recognised too
        settings={k: r.text(v, f"{e.ref} {k}") for k, v in e.settings.items()},
    )


def redact_value(r: Redactor, value: object, where: str, key: str = "") -> object:
    """A finding's details: a SHA-256 (``attachment_sha256``) withheld, a file's name masked as one,
    any other string as an account key or speaker's name (or free text)."""
    if isinstance(value, str):
        if key.endswith("sha256"):
            return HASH_WITHHELD
        return (
            r.file_name(value, where)
            if key.endswith("file_name") or key == "attachment_name"
            else r.field(value, where)
        )
    if isinstance(value, list):
        return [redact_value(r, v, where, key) for v in value]
    if isinstance(value, dict):
        return {k: redact_value(r, v, where, str(k)) for k, v in value.items()}
    return value


def redact_finding(r: Redactor, f: Finding, mapper: Callable[[int], int] | None) -> Finding:
    where = f"finding {f.id}"
    spans = tuple((mapper(a), mapper(b)) for a, b in f.spans) if mapper else f.spans
    details = redact_value(r, f.details, f"{where} details")
    assert isinstance(details, dict)
    locator = (
        r.slugs_masked(r.text(f.locator, f"{where} locator"), f"{where} locator") if f.locator else f.locator
    )
    # a person's words ("recorded by DC Reviewer (reviewer): REASON"): names nobody gave are read too
    head, reason, said = f.explanation, f.details.get("reason"), ""
    if f.analyser == RECORDED_ANALYSER and isinstance(reason, str) and reason:
        said = details["reason"] = r.text(reason, f"{where} reason", free=True)
        head = head.removesuffix(reason)  # "recorded by …: " and the reason, read as a person's words
    explanation = r.text(head, f"{where} explanation") + (said if head != f.explanation else "")
    explanation = r.slugs_masked(explanation, f"{where} explanation")
    return replace(f, spans=spans, locator=locator, explanation=explanation, details=details)


def party_identifiers(keys: Iterable[str], names: Iterable[str]) -> frozenset[str]:
    """What must never be masked: parties' account ids (phones normalised, emails lower-cased) and names."""
    keep: set[str] = set()
    for key in keys:
        native = key.split(":", 1)[-1]
        keep.add(native.lower())
        phone = parsed_e164(native) if any(c.isdigit() for c in native) else None
        if phone:
            keep.add(phone)
    keep.update(n.strip().lower() for n in names if n.strip())
    return frozenset(keep)
