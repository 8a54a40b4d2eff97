"""What a bundle's README and the ``report`` command say about it: who it is given to and why, and which
exhibits hold an image an ``image_match`` finding covers (named by exhibit and SHA-256, never shown)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from footprint.report.disclosures import Disclosure
from footprint.report.report_model import ReportModel

NO_RECIPIENT = (
    "Given to:      not recorded: it was written for the case's own file. If it is given to anyone, write\n"
    "               it again with --disclosure-to NAME --justification TEXT, so that the audit log\n"
    "               records who received it and why\n"
)


@dataclass(frozen=True)
class HeldImage:
    """An attachment an ``image_match`` finding covers (an intimate image marked or matched), by its
    exhibit and SHA-256."""

    exhibit: str
    sha256: str


def held_images(model: ReportModel) -> tuple[HeldImage, ...]:
    """Each matched image the model's exhibits hold, by exhibit and SHA-256, each once, in order."""
    found: dict[tuple[str, str], None] = {}
    for row in (*model.chronology, *model.copies):
        item = row.item
        for n, attachment in enumerate(item.attachments):
            if attachment.sha256 and (item.id, n) in model.hidden_attachments:
                found[(item.exhibit, attachment.sha256)] = None
    return tuple(HeldImage(exhibit, sha256) for exhibit, sha256 in found)


def recipient_lines(given: Disclosure | None) -> str:
    """The README's lines on who the bundle is given to and why (recorded in the audit log)."""
    if given is None:
        return NO_RECIPIENT
    return (
        f"Given to:      {given.recipient}\n"
        f"Why:           {given.justification}\n"
        "               (recorded in the case's audit log: this bundle's own entry and the report's)\n"
    )


def held_lines(held: Sequence[HeldImage]) -> str:
    """The README's warning that the originals hold matched images, by exhibit and SHA-256 ("" if none)."""
    if not held:
        return ""
    listed = "".join(f"               {h.exhibit}  SHA-256 {h.sha256}\n" for h in held)
    return (
        f"WARNING: the original files hold {len(held)} image(s) marked or matched as intimate (an\n"
        "               image_match finding; shown nowhere in the report). Open the exhibits below only\n"
        "               where that is needed; to give the bundle without them, write it with --hashes-only:\n"
        + listed
    )


def held_warning(held: Sequence[HeldImage]) -> str:
    """The ``report`` command's warning about the matched images a full bundle carries ("" if none)."""
    if not held:
        return ""
    where = ", ".join(f"{h.exhibit} (SHA-256 {h.sha256[:12]}…)" for h in held)
    return (
        f"warning: bundle.zip holds {len(held)} image(s) marked or matched as intimate, in the original"
        f" files of {where}; give it only where they are needed, or write it with --hashes-only"
    )
