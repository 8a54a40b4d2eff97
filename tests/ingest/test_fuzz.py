"""Robustness: random bytes, truncation and mutation never raise anything but a FootprintError.

Every registered parser (``footprint.ingest.parsers``, so parsers added later are covered too) is
run over every fixture in ``tests/data/*/`` — folders packed as the pipeline packs them — and over
damaged copies of them, directly and through ``pipeline.add_exhibit`` on a temporary case. A
SIGALRM guard turns a hang into a failure; the case directory is the only place written to.
"""

from __future__ import annotations

import copy
import json
import signal
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footprint.case import Case
from footprint.errors import FootprintError
from footprint.ingest import ParseContext, Source, parsers
from footprint.ingest.folder import pack_folder
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.synth.phone_writers import PhoneMessage, write_imessage_db
from tests.conftest import DATA, snapshot

HANG_SECONDS = 10
MAX_BYTES = 64 * 1024


class Hang(Exception):
    """A parser ran past the guard."""


@contextmanager
def guard(what: str) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"{what} ran for more than {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@cache
def fixtures() -> tuple[tuple[str, bytes], ...]:
    """(name, bytes) of every fixture file, and of every fixture folder holding sub-folders, packed."""
    found: list[tuple[str, bytes]] = []
    packed = Path(tempfile.mkdtemp(prefix="footprint-fuzz-"))
    for path in sorted(DATA.glob("*/**/*")):
        if path.is_file() and path.name != "README.md" and path.stat().st_size <= MAX_BYTES:
            found.append((path.name, path.read_bytes()))
        elif path.is_dir() and path.parent.parent == DATA and any(p.is_dir() for p in path.iterdir()):
            zipped = pack_folder(path, packed)
            if zipped.stat().st_size <= MAX_BYTES:
                found.append((zipped.name, zipped.read_bytes()))
    return tuple(found)


PARSERS = sorted(cls.name for cls in parsers)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture cut short, with bytes changed, or replaced by random bytes."""
    name, data = draw(st.sampled_from(fixtures()))
    how = draw(st.sampled_from(["truncate", "mutate", "random", "both"]))
    if how == "random":
        return name, draw(st.binary(min_size=1, max_size=2048))
    if how in ("truncate", "both") and len(data) > 1:
        data = data[: draw(st.integers(min_value=1, max_value=len(data) - 1))]
    if how in ("mutate", "both"):
        buf = bytearray(data)
        for _ in range(draw(st.integers(min_value=1, max_value=8))):
            buf[draw(st.integers(min_value=0, max_value=len(buf) - 1))] = draw(st.integers(0, 255))
        data = bytes(buf)
    return name, data


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _run_parser(parser: str, path: Path, name: str) -> None:
    ctx = ParseContext(zone="Europe/London", tz_source="assumed", date_order="dmy")
    with guard(f"{parser} on {name}"), Source(path, name=name) as source:
        try:
            parsers.get(parser).sniff(source)
        except FootprintError:
            pass
        try:
            for _ in parsers.get(parser)().parse(source, ctx):
                pass
        except FootprintError:
            pass


def test_every_fixture_parses_or_fails_cleanly_with_every_parser(tmp_path: Path) -> None:
    crashes = []
    for name, data in fixtures():
        path = _write(tmp_path, name, data)
        for parser in PARSERS:
            try:
                _run_parser(parser, path, name)
            except Exception as exc:  # noqa: BLE001 - collected so every crash is listed at once
                crashes.append(f"{parser} on {name}: {type(exc).__name__}: {exc}")
    assert not crashes, "\n".join(crashes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=damaged(), parser=st.sampled_from(PARSERS))
def test_damaged_input_direct(sample: tuple[str, bytes], parser: str) -> None:
    name, data = sample
    with tempfile.TemporaryDirectory() as tmp:
        _run_parser(parser, _write(Path(tmp), name, data), name)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[tuple[Path, Case]]:
    with tempfile.TemporaryDirectory(prefix="footprint-fuzz-case-") as tmp:
        root = Path(tmp)
        settings_ = Settings(actor="tester", role="investigator", database_url=None)
        case = Case.init(root / "case", name="R v Fuzz", tz="Europe/London", settings=settings_)
        (root / "inputs").mkdir()
        yield root, case


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(sample=damaged(), forced=st.none() | st.sampled_from(PARSERS))
def test_damaged_input_through_the_pipeline(
    sandbox: tuple[Path, Case], sample: tuple[str, bytes], forced: str | None
) -> None:
    root, case = sandbox
    name, data = sample
    inputs = root / "inputs"
    for old in inputs.iterdir():
        old.unlink()
    path = _write(inputs, name, data)
    before = snapshot(case)
    try:
        with guard(f"add_exhibit on {name}"):
            add_exhibit(case, path, AddOptions(producer="PC Fuzz", format=forced, date_order="dmy"))
    except FootprintError as exc:
        assert "please report this" not in str(exc), str(exc)
        assert snapshot(case) == before
    outside = sorted(p.name for p in root.iterdir())
    assert outside == ["case", "inputs"]
    assert sorted(p.name for p in inputs.iterdir()) == [name]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


@cache
def json_fixtures() -> tuple[tuple[str, str, object], ...]:
    """(name, JS prefix, parsed JSON) of every JSON and X-archive .js fixture."""
    found = []
    for path in sorted(DATA.glob("*/**/*")):
        if path.suffix not in (".json", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        cut = text.find("[") if path.suffix == ".js" else 0
        try:
            found.append((path.name, text[:cut], json.loads(text[cut:])))
        except ValueError:
            continue
    return tuple(found)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), parser=st.sampled_from(PARSERS))
def test_json_with_wrong_types_fails_cleanly(data: st.DataObject, parser: str) -> None:
    name, prefix, value = data.draw(st.sampled_from(json_fixtures()))
    value = copy.deepcopy(value)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(value)))
        replacement = data.draw(JSON_VALUES)
        if not path:
            value = replacement
            continue
        node = value
        for step in path[:-1]:
            node = node[step]  # type: ignore[index]
        node[path[-1]] = replacement  # type: ignore[index]
    encoded = (prefix + json.dumps(value, ensure_ascii=False)).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        _run_parser(parser, _write(Path(tmp), name, encoded), name)


SQL_VALUES = (
    st.none() | st.integers(-(2**63), 2**63 - 1) | st.floats() | st.text(max_size=20) | st.binary(max_size=20)
)
IMESSAGE_CELLS = [
    ("message", "text"),
    ("message", "attributedBody"),
    ("message", "date"),
    ("message", "date_retracted"),
    ("message", "handle_id"),
    ("message", "is_from_me"),
    ("message", "associated_message_type"),
    ("message", "guid"),
    ("message", "service"),
    ("handle", "id"),
    ("chat", "chat_identifier"),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(st.sampled_from(IMESSAGE_CELLS), SQL_VALUES), min_size=1, max_size=3))
def test_imessage_cells_of_any_type_fail_cleanly(cells: list[tuple[tuple[str, str], object]]) -> None:
    """SQLite keeps any type in any column: a damaged chat.db never crashes the parser."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chat.db"
        write_imessage_db(
            path, [PhoneMessage(datetime(2024, 3, 14, tzinfo=UTC), "+447700900123", False, "hi")]
        )
        conn = sqlite3.connect(path)
        for (table, column), value in cells:
            try:
                conn.execute(f"UPDATE {table} SET {column} = ?", (value,))  # names are our own list
            except sqlite3.IntegrityError:
                continue
        conn.commit()
        conn.close()
        _run_parser("imessage_db", path, "chat.db")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.text(max_size=30), min_size=1, max_size=6),
    parser=st.sampled_from(["csv_generic", "incidents_csv", "tabular_forensic", "discord_csv"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le"]),
)
def test_csv_text_of_any_shape_keeps_raw_text_in_its_warnings(
    rows: list[str], parser: str, encoding: str
) -> None:
    """Arbitrary lines (quotes, NULs, line breaks, any encoding): a clean error, or warnings with raw text."""
    text = "sent_at,text,sender,date,what happened\n" + "\n".join(rows) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "export.csv", text.encode(encoding, "surrogatepass"))
        ctx = ParseContext(zone="Europe/London", tz_source="assumed", date_order="dmy")
        with guard(f"{parser} on export.csv"), Source(path, name="export.csv") as source:
            try:
                for _ in parsers.get(parser)().parse(source, ctx):
                    pass
            except FootprintError as exc:
                assert "\n" not in str(exc)
                return
    assert all(w.raw for w in ctx.warnings if w.locator.startswith("line"))
