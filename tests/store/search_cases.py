"""A case of one WhatsApp chat holding given messages, on SQLite or PostgreSQL, and what a search of it
finds: shared by the search tests of each script."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings


def chat_case(directory: Path, url: str | None, tmp_path: Path, messages: Sequence[str], name: str) -> Case:
    """A case named ``name`` holding one chat of ``messages`` (line N is the Nth), on the database ``url``
    (SQLite in ``directory`` when None)."""
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    lines = [f"14/03/2024, 09:{10 + i:02d} - Ann Example: {m}" for i, m in enumerate(messages)]
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(directory, name=name, tz="Europe/London", settings=settings)
    add_exhibit(case, chat, AddOptions(producer="Ben Example"))
    return case


def backend_url(backend: str, request: pytest.FixtureRequest) -> str | None:
    """The database of a test parametrised by ``backend`` ("sqlite" or "postgresql")."""
    return request.getfixturevalue("pg_url") if backend == "postgresql" else None


def found(case: Case, queries: Iterable[str]) -> dict[str, tuple[list[str], str | None]]:
    """For each query, the locators of its hits and the first hit's snippet (None for no hit)."""
    result = {}
    for query in queries:
        hits = case.store.search(query)
        result[query] = ([h.locator for h in hits], hits[0].snippet if hits else None)
    return result
