"""`verify` as an advocate runs it while exhibits are withheld from her: her exhibits' originals and
attachments re-hashed and named, the others re-hashed and said to match or not, and the audit chain checked
whole and said to be intact or not (its entries name every exhibit). The one count of what she may not see
is the number of exhibits withheld (the label's N): the withheld attachments, the audit chain's length and
its problems are not counted, since they tell how much the case holds beyond her material. What `verify`
checks beyond these (every row against the audit entry that wrote it, the report outputs, strays in the
vault) reads what she may not see, and is left to the officer in the case's `verify`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from footprint import audit as audit_rules
from footprint import audit_head
from footprint.case import Case
from footprint.integrity import check_blob, recorded_as_at
from footprint.integrity.restore_gaps import restore_gaps
from footprint.model import AuditEntry, Exhibit
from footprint.store import CaseStore
from footprint.vault import Vault

#: what is left to the officer in the case's own `verify`
NOT_CHECKED = (
    "not checked in this view: the rows, the report outputs and the vault's other files against the"
    " audit entries that wrote them (they name exhibits this role may not see); the officer in the case's"
    " footprint verify checks them"
)

#: what her view says of a gap in the audit log that a deciding user accepted (`case accept-restore`):
#: that there is one, and not how many entries it lost, when, who accepted it or why (the numbers count
#: what the case has recorded; the reason and the files kept may name what she may not see)
GAP = (
    "the audit log has a gap: audit entries were lost when the case's database was restored from an older"
    " state, and what they recorded (exhibits, decisions, findings) is not in the case; a deciding user"
    " accepted it. When, how much and why are not shown in the advocate's view (they count and name"
    " what the case holds); the officer in the case's footprint verify names each gap"
)


def gap_lines(entries: Iterable[AuditEntry]) -> tuple[str, ...]:
    """:data:`GAP` once if the audit log ``entries`` record any accepted gap (however many), else none."""
    return (GAP,) if restore_gaps(entries) else ()


@dataclass(frozen=True)
class NarrowedVerify:
    """What an advocate's `verify` checked: hers by name, the withheld only as the label's count."""

    exhibits: int  # hers, re-hashed
    attachments: int  # the attachments of her items, re-hashed
    withheld: (
        int  # exhibits she may not see, re-hashed and counted (their attachments re-hashed, not counted)
    )
    audit_head: str  # recorded in the audit log, never shown to her
    problems: list[str]
    gaps: tuple[str, ...] = ()  # GAP once if the audit log has an accepted gap

    def summary(self) -> str:
        """The line `verify` prints when nothing is wrong."""
        return (
            f"OK: {self.exhibits} exhibit(s) the complainant supplied and {self.attachments} attachment(s)"
            f" of theirs match their SHA-256; the {self.withheld} other exhibit(s), held by the police and"
            " not shown to this role, and their attachments also match theirs; audit chain intact"
            + ("; the audit log has an accepted gap, named in the GAP line above" if self.gaps else "")
        )


def verify_narrowed(case: Case, release: Callable[[], None] | None = None) -> NarrowedVerify:
    """Re-hash every original and vaulted attachment and check the audit chain, naming only what
    ``case``'s role may see; the rest is counted. The database is read in one transaction
    (:func:`read_narrowed`), and the vault hashed after it has ended (:func:`check_narrowed`), as the
    officer's `verify` does. ``release``: called once the database has been read, before the vault is
    hashed (``integrity.rolled_back`` ends its transaction there, and the locks its upgrade holds)."""
    read = read_narrowed(case)
    if release is not None:
        release()
    return check_narrowed(case.vault, read)


@dataclass(frozen=True)
class NarrowedRead:
    """What an advocate's `verify` reads of the database (:func:`read_narrowed`): hers by name, the
    withheld files only by SHA-256, to be hashed and counted."""

    hers: list[Exhibit]
    #: her items' vaulted attachments: (SHA-256, first name seen)
    her_blobs: list[tuple[str, str]]
    #: the SHA-256 of each exhibit she may not see, and of each vaulted attachment not among hers
    others: list[str]
    other_blobs: list[str]
    entries: list[AuditEntry]
    #: the audit log's head as the folder records it, as at the snapshot, and the head file's problems
    recorded: audit_head.Head | None
    head_problems: list[str]


def read_narrowed(case: Case) -> NarrowedRead:
    """`verify`'s database phase in an advocate's view: what it checks read in one transaction
    (``Case.snapshot``), and the audit log's head file after it (``integrity.recorded_as_at``)."""
    with case.snapshot() as frozen:
        hers = frozen.store.exhibits()
        her_blobs = frozen.store.attachment_blobs()
        whole = CaseStore(frozen.store.unscoped_engine)  # only counted: never named
        every = whole.exhibits()
        every_blob = whole.attachment_blobs()
        entries = list(whole.audit_entries())
    recorded, head_problems = recorded_as_at(case, entries)
    shown = {e.id for e in hers}
    return NarrowedRead(
        hers=hers,
        her_blobs=her_blobs,
        others=[e.sha256 for e in every if e.id not in shown],
        other_blobs=sorted({sha256 for sha256, _ in every_blob} - {sha256 for sha256, _ in her_blobs}),
        entries=entries,
        recorded=recorded,
        head_problems=head_problems,
    )


def check_narrowed(vault: Vault, read: NarrowedRead) -> NarrowedVerify:
    """`verify`'s file phase in an advocate's view: the ``vault``'s files hashed against what
    :func:`read_narrowed` read, and the audit chain checked, without the database."""
    problems: list[str] = []
    for exhibit in read.hers:
        problems.extend(check_blob(vault, exhibit.sha256, f"exhibit {exhibit.ref} ({exhibit.file_name})"))
    for sha256, name in read.her_blobs:
        problems.extend(check_blob(vault, sha256, f"attachment {name}"))
    bad = sum(1 for sha256 in read.others if check_blob(vault, sha256, ""))
    bad_blobs = sum(1 for sha256 in read.other_blobs if check_blob(vault, sha256, ""))
    if bad or bad_blobs:
        problems.append(
            "exhibits or attachments not shown to this role are missing from the vault or no longer match"
            " their recorded SHA-256; the officer in the case must run footprint verify"
        )
    entries = read.entries
    chain = [*read.head_problems, *audit_rules.verify_chain(entries, read.recorded)]
    if chain:
        problems.append(
            "the audit chain has problems, not described or counted here (its entries name exhibits this"
            " role may not see); the officer in the case must run footprint verify"
        )
    return NarrowedVerify(
        exhibits=len(read.hers),
        attachments=len(read.her_blobs),
        withheld=len(read.others),
        audit_head=entries[-1].hash if entries else audit_rules.GENESIS,
        problems=problems,
        gaps=gap_lines(entries),
    )
