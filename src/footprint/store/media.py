"""Attachment hashes for image matching: reading where attachments appear, writing pdq/phash."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select, update

from footprint.model import Finding
from footprint.store import schema as t


@dataclass(frozen=True)
class AttachmentPlace:
    """Where one attachment appears: exhibit, item, conversation, sender, time, with its hashes."""

    sha256: str
    name: str
    mime: str
    item_id: int
    exhibit: str
    locator: str
    conversation: str | None
    sender: str | None
    sender_name: str | None
    sent_at_utc: str | None
    pdq: str | None
    phash: str | None


def attachment_places(engine: Engine) -> list[AttachmentPlace]:
    """Every vaulted attachment with where it appears, in a stable order."""
    query = (
        select(
            t.attachment.c.sha256,
            t.attachment.c.name,
            t.attachment.c.mime,
            t.attachment.c.item_id,
            t.exhibit.c.ref.label("exhibit"),
            t.item.c.locator,
            t.item.c.conversation,
            t.account.c.key.label("sender"),
            t.item.c.author_name.label("sender_name"),
            t.item.c.sent_at_utc,
            t.attachment.c.pdq,
            t.attachment.c.phash,
        )
        .join(t.item, t.item.c.id == t.attachment.c.item_id)
        .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .outerjoin(t.account, t.account.c.id == t.item.c.author_account_id)
        .where(t.attachment.c.sha256.is_not(None))
        .order_by(t.attachment.c.sha256, t.attachment.c.item_id, t.attachment.c.id)
    )
    with engine.connect() as conn:
        return [AttachmentPlace(**dict(row._mapping)) for row in conn.execute(query)]


def set_hashes(conn: Connection, sha256: str, pdq: str, phash: str) -> int:
    """Store the perceptual hashes of every attachment with these bytes; return rows updated."""
    result = conn.execute(
        update(t.attachment).where(t.attachment.c.sha256 == sha256).values(pdq=pdq, phash=phash)
    )
    return int(result.rowcount or 0)


def hidden_attachments(findings: Iterable[Finding]) -> frozenset[str]:
    """SHA-256 of every attachment an ``image_match`` finding covers: show a placeholder, never the image."""
    return frozenset(
        str(f.details["attachment_sha256"])
        for f in findings
        if f.category == "image_match" and f.details.get("attachment_sha256")
    )
