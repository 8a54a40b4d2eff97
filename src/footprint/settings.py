"""Configuration: who is acting, and where the case's database lives.

Values come from arguments, then ``FOOTPRINT_*`` environment variables, then defaults.
"""

from __future__ import annotations

import getpass

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def login_name() -> str:
    """The operating-system user running Footprint ("unknown" where it has none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"


class Settings(BaseSettings):
    """Run-time settings shared by the CLI and the web app."""

    model_config = SettingsConfigDict(env_prefix="FOOTPRINT_", extra="ignore")

    actor: str = Field(default_factory=login_name, description="who is acting (audited)")
    role: str = Field(default="investigator", description="the actor's role in the case")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default is <case>/case.db (SQLite)"
    )

    purpose: str = Field(
        default="",
        description="why the case is being read (kept in its access log with each read; DPA 2018 s.62)",
    )

    @property
    def actor_is_login(self) -> bool:
        """Whether the actor is only the operating-system login name: no --actor, FOOTPRINT_ACTOR or
        signed-in user named who is acting."""
        return "actor" not in self.model_fields_set

    batch_size: int = Field(
        default=2_000, description="rows per bulk insert on ingest (and per hand-over from a parsing process)"
    )
    parallel_parse_min_bytes: int = Field(
        default=8 * 1024 * 1024,
        description="exhibits at least this large are parsed in a second process while this one writes",
    )
