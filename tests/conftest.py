"""Shared fixtures: a fresh case, parsing helpers, the CLI runner and case snapshots."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.cli import cli
from footprint.ingest import ParseContext, Source, parsers
from footprint.integrity.digests import run_details
from footprint.model import ParsedItem, ParseWarning
from footprint.settings import Settings
from footprint.store.links import LinkRow, add_links
from footprint.validation.state import case_state as snapshot  # noqa: F401  (tests import it from here)

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The public data sets beside the project; tests using them skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not present at {SHARED}")
    return SHARED


@pytest.fixture
def settings() -> Settings:
    return Settings(actor="tester", role="investigator", database_url=None)


@pytest.fixture
def case(tmp_path: Path, settings: Settings) -> Iterator[Case]:
    opened = Case.init(tmp_path / "case", name="R v Test", tz="Europe/London", settings=settings)
    yield opened
    opened.close()


@dataclass
class Parsed:
    items: list[ParsedItem]
    warnings: list[ParseWarning]
    ctx: ParseContext


def parse(
    parser: str, path: Path, *, name: str | None = None, zone: str = "Europe/London", **options: object
) -> Parsed:
    """Run one parser over a file without a case (plaso's _ParseFile)."""
    ctx = ParseContext(zone=zone, tz_source=str(options.pop("tz_source", "assumed")), **options)  # type: ignore[arg-type]
    with Source(path, name=name) as source:
        items = list(parsers.get(parser)().items(source, ctx))
    return Parsed(items, ctx.warnings, ctx)


@pytest.fixture
def parse_file() -> Callable[..., Parsed]:
    return parse


def store_findings(
    case: Case,
    analyser: str,
    drafts: Iterable[FindingDraft],
    *,
    version: int = 1,
    settings_hash: str = "test",
    links: Sequence[LinkRow] = (),
) -> None:
    """Store ``drafts`` (and ``links``, as the linkage analyser stores its own) as the findings of one
    successful run of ``analyser`` (nothing is analysed), audited as `analyse` audits a run (with its
    digests), so `verify` and `report` accept them."""
    with case.transaction() as (tx, record):
        run_id = tx.add_run(
            analyser=analyser,
            version=version,
            settings_hash=settings_hash,
            started_utc="2024-06-01T00:00:00Z",
            status="ok",
            error=None,
        )
        tx.add_findings(run_id, drafts)
        if links:
            add_links(tx.conn, run_id, list(links))
        record("analyse", analyser, version=version, status="ok", **run_details(tx.conn, run_id))


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--actor", "tester", *args], catch_exceptions=False)

    return invoke


def every_command(
    group: click.Group = cli, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command and group under ``group`` by its path (``("person", "add")``), loading each one."""
    ctx = click.Context(group)
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found += every_command(command, (*prefix, name))
    return found
