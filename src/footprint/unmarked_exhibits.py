"""Exhibits an advocate added before schema 0008 (`exhibit_supply`), which carry no supplier mark.

Since schema 0008 whatever a user acting as `advocate` adds is marked as supplied by the complainant, and an
advocate sees only marked exhibits (``store.scope``). The migration gave exhibits already in the case no
mark, so after an upgrade she no longer sees those she added herself. Their `add` audit entries say who
added them and in which role: `case upgrade` and `ls` name them, and how a deciding user marks them
(`exhibit supplied`, audited). Nothing is marked without that command (upgrade review 4).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from footprint.store import schema as t


def advocate_added_unmarked(engine: Engine) -> list[tuple[str, int]]:
    """Each exhibit with no supplier mark whose `add` audit entry has the role `advocate`: its reference
    and that entry's number."""
    with engine.connect() as conn:
        marked = select(t.exhibit_supply.c.exhibit_id)
        unmarked = set(conn.execute(select(t.exhibit.c.ref).where(t.exhibit.c.id.not_in(marked))).scalars())
        added = conn.execute(
            select(t.audit.c.object, t.audit.c.seq)
            .where(t.audit.c.action == "add", t.audit.c.role == "advocate")
            .order_by(t.audit.c.seq)
        ).all()
    return [(ref, seq) for ref, seq in added if ref in unmarked]


def unmarked_words(found: list[tuple[str, int]], case_dir: Path) -> str:
    """What to tell the user of the exhibits ``advocate_added_unmarked`` found ("" for none)."""
    if not found:
        return ""
    named = ", ".join(f"{ref} (audit entry {seq})" for ref, seq in found)
    return (
        f"Exhibits added before schema 0008 carry no supplier mark, so an advocate does not see them; {named}"
        f" {'was' if len(found) == 1 else 'were'} added by a user acting as advocate: a deciding user marks"
        f" each with `footprint exhibit supplied {case_dir} REF --reason TEXT` (audited; docs/cli.md,"
        " 'What an advocate sees')"
    )
