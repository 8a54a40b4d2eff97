"""Time `verify`'s checks on the demo case at this Footprint's schema against a copy of it at an older one,
checked on an upgraded temporary copy of its database (a benchmark, not a test).

Builds the demo case in ``--out`` (once), copies its folder and takes the copy's database back to
``--schema`` with the migrations' own downgrades, then times, alternately, ``verify_case`` on the demo case
and ``upgraded_copy`` plus ``verify_case`` on the older copy (the database copied, upgraded and checked),
``--runs`` times each, in wall time and CPU time:

    PYTHONPATH=src .venv/bin/python bench/verify_older_schema.py --out /tmp/fp-verify-older --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from alembic import command

from footprint.case import Case
from footprint.demo import build_demo
from footprint.integrity import verify_case
from footprint.integrity.upgraded_copy import upgraded_copy
from footprint.settings import Settings
from footprint.store.engine import _alembic_config, make_engine

SETTINGS = Settings(actor="bench", role="viewer")


def _older(demo: Path, older: Path, schema: str) -> None:
    shutil.copytree(demo, older)
    engine = make_engine(f"sqlite:///{older / 'case.db'}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, schema)
    engine.dispose()


def _current(demo: Path) -> None:
    case = Case.open(demo, SETTINGS, check_folder=False)
    try:
        verify_case(case)
    finally:
        case.close()


def _on_copy(older: Path) -> None:
    with upgraded_copy(older, SETTINGS) as copy:
        assert copy is not None
        verify_case(copy.case, copy.from_schema)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--out", type=Path, default=Path("/tmp/fp-verify-older"))
    options.add_argument("--schema", default="0016")
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args()
    demo, older = args.out / "demo" / "case", args.out / f"at-{args.schema}"
    if not demo.exists():
        build_demo(args.out / "demo", SETTINGS.model_copy(update={"role": "investigator"}))
    if not older.exists():
        _older(demo, older, args.schema)
    timed: list[tuple[str, Callable[[], None]]] = [
        ("current schema", lambda: _current(demo)),
        (f"schema {args.schema}, on an upgraded copy", lambda: _on_copy(older)),
    ]
    for _ in range(args.runs):
        for name, run in timed:
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            print(
                f"{name}: wall {1000 * (time.perf_counter() - wall):.0f} ms,"
                f" CPU {1000 * (time.process_time() - cpu):.0f} ms"
            )


if __name__ == "__main__":
    main()
