"""`case init`, `case upgrade`, `case recover`, `case head`, `case accept-restore`, `person add`,
`account attribute`."""

from __future__ import annotations

from pathlib import Path

import click

from footprint import upgrade_record
from footprint.case import Case, refuse_a_mismatch
from footprint.cli.common import CASE_DIR, check_may_change, console, open_case, print_copies, safe, settings
from footprint.code_identity import tool_version
from footprint.deletion_entry import folder_case_id, refuse_a_deletion_recorded
from footprint.errors import CaseNotFoundError, InputError
from footprint.model import PERSON_ROLES
from footprint.parties import add_person, attribute_account
from footprint.review.suggest import MAX_NEW_NAME, TYPED_NAME, suggest_attribution, suggest_new_person
from footprint.staging_dirs import stopped_add_words, stopped_adds
from footprint.stopped_adds import set_aside_stopped_adds
from footprint.store.engine import current_revision, head_revision, make_engine, migrate
from footprint.store.finding_numbers import KEPT_FROM, RENUMBERED
from footprint.unmarked_exhibits import advocate_added_unmarked, unmarked_words
from footprint.upgrade_record import UPGRADE

JUSTIFY = click.option("--justification", default="", help="Why (recorded in the audit log).")


@click.group("case")
def case_group() -> None:
    """Create and maintain case folders."""


@case_group.command("init")
@CASE_DIR
@click.option("--name", required=True, help='The case name, e.g. "R v Smith".')
@click.option("--tz", default=None, help="Zone for exports without one (IANA, default Europe/London).")
@click.pass_context
def case_init(ctx: click.Context, case_dir: Path, name: str, tz: str | None) -> None:
    """Create a new case folder.

    \b
    Example:
      footprint case init cases/r-v-smith --name "R v Smith" --tz Europe/London
    """
    case = Case.init(case_dir, name=name, tz=tz, settings=settings(ctx))
    info = case.info
    console().print(
        f"Created case {safe(repr(info.name))} in {safe(str(case_dir))} "
        f"(zone {info.zone}, {info.zone_source}; schema {info.schema_revision})"
    )


@case_group.command("upgrade")
@CASE_DIR
@click.pass_context
def case_upgrade(ctx: click.Context, case_dir: Path) -> None:
    """Migrate a case database to this version's schema (back it up first).

    \b
    Example:
      footprint case upgrade cases/r-v-smith
    """
    check_may_change(ctx)
    if not (case_dir / "case.json").exists():
        raise CaseNotFoundError(f"{case_dir}: no Footprint case here; create one with `footprint case init`")
    url = Case.database_url(case_dir, settings(ctx))
    with upgrade_record.upgrading(case_dir, url, _waiting):  # a second upgrade waits, then finds this one's
        _upgrade(ctx, case_dir, url)


def _waiting() -> None:
    console().print("Waiting for another `case upgrade` of this case to finish…")


def _upgrade(ctx: click.Context, case_dir: Path, url: str) -> None:
    """Migrate the case and record its `case upgrade` entry (or one a stopped upgrade missed)."""
    engine = make_engine(url)
    try:
        refuse_a_deletion_recorded(case_dir, engine)  # never upgrade a case due for deletion
        current = current_revision(engine)
        if current is not None:  # not another case's database, nor an older one
            refuse_a_mismatch(case_dir, engine)
        elif folder_case_id(case_dir) is not None:
            raise InputError(
                f"{case_dir}: the case's database holds none of its tables, although this folder's case was"
                " made in it (case.json names its case id): they were dropped, by a `case delete` an older"
                f" Footprint began (finish it: `footprint case delete {case_dir} --finish --confirm CASE_NAME"
                " --record FILE`,"
                " FILE the deletion record it wrote) or otherwise (restore the database from its backup);"
                " nothing was done"
            )
    except BaseException:
        engine.dispose()
        raise
    if current != head_revision():  # removed once its entry is recorded (footprint.upgrade_record)
        upgrade_record.begin(case_dir, current)
    before = migrate(engine, str(case_dir))
    engine.dispose()
    case = open_case(ctx, case_dir)
    renumbered = False
    with case.transaction() as (_, record):  # decided under the write lock: one entry per upgrade
        missed, origin = upgrade_record.missed_upgrade(
            case_dir, list(case.store.audit_entries()), case.revision
        )
        if before != case.revision:
            renumbered = before is not None and before < KEPT_FROM <= case.revision  # her numbers: from 0016
            record(
                UPGRADE,
                str(case_dir),
                schema=case.revision,
                from_schema=before,
                advocate_renumbered=renumbered,
                tool_version=tool_version(),
            )
            said = f"Case upgraded from schema {before or 'none'} to {case.revision}"
        elif missed:
            renumbered = origin is not None and origin < KEPT_FROM <= case.revision
            record(
                UPGRADE,
                str(case_dir),
                schema=case.revision,
                from_schema=origin,
                advocate_renumbered=renumbered,
                tool_version=tool_version(),
                recorded_late=True,
            )
            said = (
                f"Case is at schema {case.revision}, upgraded from schema {origin or '(not known)'} by an"
                " earlier `case upgrade` stopped before it recorded it; recorded now, marked as recorded late"
            )
        else:  # another upgrade got there first, or nothing was needed
            said = f"Case is already at schema {case.revision}; nothing to upgrade"
    upgrade_record.finish(case_dir)
    console().print(said)
    if renumbered:
        console().print(RENUMBERED)
    unmarked = unmarked_words(advocate_added_unmarked(case.store.unscoped_engine), case_dir)
    if unmarked:
        console().print(safe(unmarked))


@case_group.command("recover")
@CASE_DIR
@click.pass_context
def case_recover(ctx: click.Context, case_dir: Path) -> None:
    """Set aside what an add that was stopped part-way left in the vault (recorded; never deleted).

    An add killed, or cut off by a power cut, before it committed leaves the files it had copied into the
    vault, which no exhibit names (`verify` says so). This moves them to vault/.abandoned/, recording each
    with its SHA-256 in the audit log, as the next `add` does on its own. It waits for a colleague's add
    in progress to finish, and never moves that add's files. It also removes the working copy a killed add had
    begun to pack or read in the case folder (.add-working-*; nothing recorded).

    
    Example:
      footprint case recover cases/r-v-smith
    """
    check_may_change(ctx)
    case = open_case(ctx, case_dir)
    for working in stopped_adds(case.dir):
        console().print(safe(stopped_add_words(working)))
    folders = set_aside_stopped_adds(case)
    if not folders:
        console().print("No add was stopped part-way: nothing to set aside")
    for folder in folders:
        console().print(
            f"Set aside what a stopped add left in {safe(folder)} (recorded in the audit log);"
            " `footprint verify` names it"
        )


@case_group.command("head")
@CASE_DIR
@click.option("--reason", required=True, help="How the database is known to be the newest (audited).")
@click.pass_context
def case_head(ctx: click.Context, case_dir: Path, reason: str) -> None:
    """Re-record a lost or damaged audit.head from the database's last audit entry (audited).

    While the case folder's audit.head is missing or unreadable, writes are refused: a database restored
    from an older backup could not be told from the newest. Put audit.head back from a copy of the case
    folder if there is one; otherwise check the database with `footprint verify` first.

    \b
    Example:
      footprint case head cases/r-v-smith --reason "audit.head deleted by mistake; verify shows nothing lost"
    """
    from footprint.head_record import record_head  # loads the store

    check_may_change(ctx)
    seq, digest = record_head(open_case(ctx, case_dir), reason)
    console().print(f"audit.head now records entry {seq} (SHA-256 {digest[:16]}…) from the database; audited")


@case_group.command("delete")
@CASE_DIR
@click.option("--reason", help="Why the case is deleted, e.g. its retention review.")
@click.option("--confirm", "confirm", metavar="CASE_NAME", help="The case's name, exactly.")
@click.option(
    "--record",
    "record",
    type=click.Path(path_type=Path),
    help="A new file outside the case folder for the deletion record (kept; no message text).",
)
@click.option(
    "--finish",
    is_flag=True,
    help="Finish a deletion that was stopped part-way (completes the record named when it began).",
)
@click.pass_context
def case_delete(
    ctx: click.Context,
    case_dir: Path,
    reason: str | None,
    confirm: str | None,
    record: Path | None,
    finish: bool,
) -> None:
    """Delete the case at the end of its retention: its folder (vault, reports) and database tables.

    The record (which case, who, when, why, each exhibit's SHA-256 and the audit log's last entry) is
    written to --record before anything is removed. Copies made outside Footprint are not reached.
    A deletion stopped part-way is finished with --finish and --confirm; one an older Footprint began,
    whose database is gone, with --finish --confirm --record FILE (the record it wrote).

    \b
    Example:
      footprint case delete cases/r-v-smith --confirm "R v Smith" --reason "retention" --record gone.json
      footprint case delete cases/r-v-smith --finish --confirm "R v Smith"
    """
    check_may_change(ctx)
    if finish:
        if reason is not None:
            raise click.UsageError(
                "--finish takes no --reason: it completes the record named when the deletion began (give"
                " --confirm CASE_NAME; --record only for one an older Footprint began, whose database is"
                " gone)"
            )
        from footprint.case_delete_finish import finish_deletion  # loads the store

        done = finish_deletion(case_dir, settings(ctx), record, confirm=confirm)
    else:
        if reason is None or confirm is None or record is None:
            raise click.UsageError("give --confirm, --reason and --record (or --finish and --confirm)")
        from footprint.case_delete import delete_case  # loads the store

        done = delete_case(open_case(ctx, case_dir), reason=reason, confirm=confirm, record=record)
    out = console()
    out.print(f"Deleted: {safe('; '.join(done.removed))}")
    out.print(f"Deletion record: {safe(str(done.record))}")
    out.print(f"Not reached: {safe('; '.join(done.not_removed))}")


@case_group.command("accept-restore")
@CASE_DIR
@click.option(
    "--reason",
    required=True,
    help="Which backup was restored, why no newer one holds the folder's last entry, what is lost (audited).",
)
@click.option(
    "--keep-unnamed",
    is_flag=True,
    help="Record the vault's files no exhibit names as lost with the restore (they stay in the vault).",
)
@click.pass_context
def case_accept_restore(ctx: click.Context, case_dir: Path, reason: str, keep_unnamed: bool) -> None:
    """Carry the case on from a database restored from an older state, recording the gap for good.

    Only when the database is older than the case folder (every write is refused then) and no backup
    holds the folder's newest entry. The gap (the folder's head, the database's last entry, how many
    entries were lost, who, when, why) is the first new audit entry; `footprint verify` and every report
    name it from then on.

    \b
    Example:
      footprint case accept-restore cases/r-v-smith --reason "disk failed; the 1 May backup is the newest"
    """
    from footprint.accept_restore import accept_restore  # loads the store

    check_may_change(ctx)
    gap = accept_restore(open_case(ctx, case_dir, check_folder=False), reason, keep_unnamed=keep_unnamed)
    console().print(
        f"Accepted at audit entry {gap.seq}: {gap.lost} audit entr{'y' if gap.lost == 1 else 'ies'} lost"
        f" (the folder had seen up to entry {gap.folder_seq}, the database held up to {gap.database_seq});"
        " `footprint verify` and every report name the gap from now on"
    )


@click.group("person")
def person_group() -> None:
    """People in the case."""


@person_group.command("add")
@CASE_DIR
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(PERSON_ROLES))
@JUSTIFY
@click.pass_context
def person_add(ctx: click.Context, case_dir: Path, name: str, role: str, justification: str) -> None:
    """Add a complainant, suspect, witness or other person.

    \b
    Example:
      footprint person add cases/r-v-smith "Jane Doe" --role complainant
    """
    add_person(open_case(ctx, case_dir), name, role, justification)
    console().print(f"Added {safe(name)} ({role})")


@click.group("account")
def account_group() -> None:
    """Accounts and who they belong to."""


@account_group.command("attribute")
@CASE_DIR
@click.argument("key", metavar="PLATFORM:ID")
@click.option("--person", required=True, help="The person the account belongs to.")
@click.option("--basis", default="investigator's decision", show_default=True, help="Why.")
@click.option(
    "--as-complainant",
    is_flag=True,
    help="She confirms she operates the account (needed to attribute one to the complainant).",
)
@click.option(
    "--reassign",
    is_flag=True,
    help="Move an account already attributed to someone else (say why in --basis).",
)
@JUSTIFY
@click.pass_context
def account_attribute(
    ctx: click.Context,
    case_dir: Path,
    key: str,
    person: str,
    basis: str,
    as_complainant: bool,
    reassign: bool,
    justification: str,
) -> None:
    """Attribute an account to a person (recorded with its basis; never silent).

    An account already attributed to someone else moves only with --reassign; one attributed to the
    complainant only with --as-complainant, once she confirms she operates it. The next `analyse` and
    `assess` say how many findings no longer count because of it.

    \b
    Example:
      footprint account attribute cases/r-v-smith "whatsapp:John Smith" --person "John Smith"
    """
    case = open_case(ctx, case_dir)
    before = next((a.person for a in case.store.accounts() if a.key == key), None)
    copies = attribute_account(
        case, key, person, basis, justification, as_complainant=as_complainant, reassign=reassign
    )
    moved = f"; it was {safe(before)}'s" if before is not None and before != person else ""
    console().print(f"Attributed {safe(key)} to {safe(person)} ({safe(basis)}){moved}")
    print_copies(copies)


@account_group.command("suggest")
@CASE_DIR
@click.argument("key", metavar="PLATFORM:ID")
@click.option("--person", help="The person in the case she thinks the account belongs to.")
@click.option(
    "--new-person",
    metavar="NAME",
    help=f"Or someone not yet in the case, by name (1 to {MAX_NEW_NAME} characters); no person is created.",
)
@click.option("--note", required=True, help="Why she thinks so (recorded, for the officer to weigh).")
@click.pass_context
def account_suggest(
    ctx: click.Context, case_dir: Path, key: str, person: str | None, new_person: str | None, note: str
) -> None:
    """Suggest whose an account is (an advocate): a deciding user attributes it, to that person or another.

    Name a person in the case with --person, or someone not yet in it with --new-person (the officer adds
    them). Decides nothing: the suggestion and its note wait in `footprint suggestions` for the officer in
    the case, a reviewer or a prosecutor. Allowed while material is withheld from her; an account she cannot
    see, or a person her material does not show, is refused as an unknown one is.

    \b
    Example:
      footprint account suggest cases/r-v-smith x:jd_alt --person "John Smith" --note "his photo"
      footprint account suggest cases/r-v-smith x:lb_77 --new-person "Lee Brown" --note "his cousin"
    """
    if (person is None) == (new_person is None):
        raise click.UsageError(
            "name whose account it is with --person NAME (someone in the case) or --new-person NAME (someone"
            " not yet in it), one of the two"
        )
    case = open_case(ctx, case_dir)
    if new_person is not None:
        suggestion_id = suggest_new_person(case, key, new_person, note)
        whose = f"{safe(new_person.strip())}, {TYPED_NAME}"
    else:
        assert person is not None  # one of the two, checked above
        suggestion_id = suggest_attribution(case, key, person, note)
        whose = safe(person)
    console().print(
        f"Suggested attribution {suggestion_id}: {safe(key)} to {whose}; it waits for a deciding user"
        " (`footprint suggestions`)."
    )


COMMANDS = [case_group, person_group, account_group]
