"""`images match` and `images reveal`: intimate-image matching by hash; images never shown by default."""

from __future__ import annotations

import re
from pathlib import Path

import click

from footprint.analyse.base import run_analysers
from footprint.analyse.media.hashing import hash_file
from footprint.analyse.media.hashlist import HashEntry, read_hashlist
from footprint.analyse.media.match import save_request
from footprint.case import Case
from footprint.cli.access import logged_read
from footprint.cli.common import CASE_DIR, JSON_OPTION, console, emit_document, emit_json, open_case, safe
from footprint.errors import AnalysisError, InputError, NotFoundError
from footprint.store.media import attachment_places, set_hashes


@click.group("images")
def images() -> None:
    """Intimate-image matching (hashes only; images are never shown without an audited reveal)."""


def store_hashes(case: Case) -> int:
    """Compute and store PDQ and pHash for every vaulted image attachment still without them."""
    todo = sorted(
        {p.sha256 for p in attachment_places(case.store.engine) if p.pdq is None or p.phash is None}
    )
    hashed = 0
    with case.transaction() as (tx, record):
        for sha256 in todo:
            hashes = hash_file(case.vault.path(sha256))
            if hashes is None:
                continue
            set_hashes(tx.conn, sha256, hashes.pdq, hashes.phash)
            hashed += 1
        if hashed:
            record("images hash", "attachments", images=hashed)
    return hashed


@images.command("hash")
@CASE_DIR
@JSON_OPTION
@click.pass_context
def hash_cmd(ctx: click.Context, case_dir: Path, as_json: bool) -> None:
    """Compute and store PDQ and pHash for every image attachment (done by `images match` too).

    \b
    Example:
      footprint images hash cases/r-v-smith
    """
    case = open_case(ctx, case_dir)
    hashed = store_hashes(case)
    places = attachment_places(case.store.engine)
    with_hashes = len({p.sha256 for p in places if p.pdq})
    total = len({p.sha256 for p in places})
    if as_json:
        emit_document({"hashed_now": hashed, "images": with_hashes, "attachments": total})
        return
    console().print(
        f"{hashed} image(s) hashed now; {with_hashes} of {total} vaulted attachment(s) are images with hashes"
    )


@images.command("match")
@CASE_DIR
@click.argument("hashlist", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mark", "marks", multiple=True, metavar="SHA256", help="An attachment in the case she identifies."
)
@JSON_OPTION
@click.pass_context
@logged_read
def match(
    ctx: click.Context, case_dir: Path, hashlist: Path | None, marks: tuple[str, ...], as_json: bool
) -> None:
    """Find where her images appear: a hash list (pdq/phash/sha256) or images marked in the case.

    \b
    Example:
      footprint images match cases/r-v-smith hashes.txt
    """
    if hashlist is None and not marks:
        raise click.UsageError("give a HASHLIST file, or --mark SHA256 for an image in the case, or both")
    entries: list[HashEntry] = read_hashlist(hashlist) if hashlist else []
    for mark in marks:
        if not re.fullmatch(r"[0-9a-f]{64}", mark):
            raise InputError(f"--mark {mark!r}: give the attachment's SHA-256 (64 lower-case hex characters)")
    case = open_case(ctx, case_dir)
    store_hashes(case)
    save_request(case.dir, entries, list(marks))
    outcome = run_analysers(case, ["images"])[-1]
    if outcome.status != "ok":
        raise AnalysisError(f"image matching did not run: {outcome.error}")
    findings = case.store.findings("image_match")
    if as_json and not findings:  # still proof of what was compared, and by what
        checked = {
            "hash_list": hashlist.name if hashlist else None,
            "hash_list_entries": len(entries),
            "marked": len(marks),
            "images": len({p.sha256 for p in attachment_places(case.store.engine) if p.pdq}),
        }
        emit_document(
            {
                "checked": checked,
                "matches": [],
                "analyser": outcome.analyser,
                "analyser_version": outcome.version,
            }
        )
        return
    if as_json:
        for f in findings:
            d = f.details
            emit_json(
                {
                    "finding_id": f.id,
                    "item_id": f.item_id,
                    "exhibit": d.get("exhibit"),
                    "locator": d.get("locator"),
                    "conversation": d.get("conversation"),
                    "sender": d.get("sender"),
                    "sent_at_utc": d.get("sent_at_utc"),
                    "attachment_sha256": d.get("attachment_sha256"),
                    "method": d.get("method"),
                    "distance": d.get("distance"),
                    "threshold": d.get("threshold"),
                    "reference": d.get("reference"),
                }
            )
        return
    out = console()
    out.print(
        f"{len(findings)} match(es). Images are not shown: use `footprint images reveal` with a reason."
    )
    for f in findings:
        out.print("  " + safe(f"[image hidden] {f.explanation}"))
        out.print(f"    attachment SHA-256 {f.details.get('attachment_sha256')}")


@images.command("reveal")
@CASE_DIR
@click.argument("sha256")
@click.option("--reason", required=True, help="Why the image must be seen (recorded in the audit log).")
@click.pass_context
def reveal(ctx: click.Context, case_dir: Path, sha256: str, reason: str) -> None:
    """Print where a hidden image is in the vault (audited with the reason); nothing is opened.

    \b
    Example:
      footprint images reveal cases/r-v-smith SHA256 --reason "to compare with her description"
    """
    if not reason.strip():
        raise InputError("--reason must say why the image needs to be seen; it is recorded in the audit log")
    case = open_case(ctx, case_dir)
    known = {p.sha256 for p in attachment_places(case.store.engine)}
    if sha256 not in known or not case.vault.contains(sha256):
        raise NotFoundError(f"{sha256}: no attachment with this SHA-256 in the case vault")
    case.record("images reveal", sha256, reason.strip())
    click.echo(str(case.vault.path(sha256)))


COMMANDS = [images]
