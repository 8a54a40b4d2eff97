"""What the access log costs each read command: the command run in this process with its access-log row
(``@logged_read``) and without it (the command's own function, undecorated), alternating, on a copy of a
case (the demo's by default).

    PYTHONPATH=src:. python bench/access_log_cost.py [CASE_DIR] [--runs 7]

Prints each command's median milliseconds without and with the row, the difference, and the median time
of writing one row alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner

from footprint.cli import cli

#: the read commands timed, as typed after the case folder's place
COMMANDS = [
    ("ls", "--json"),
    ("items", "--json"),
    ("findings", "--json"),
    ("search", "kill", "--json"),
    ("link", "--json"),
    ("order list", "--json"),
    ("user ls", "--json"),
]


def _command(words: str) -> click.Command:
    """The click command ``words`` names (``order list``), loaded."""
    found: click.Command = cli
    for word in words.split():
        assert isinstance(found, click.Group)
        found = found.get_command(click.Context(found), word)  # type: ignore[assignment]
    return found


def _timed(runner: CliRunner, case: Path, words: str, args: tuple[str, ...]) -> float:
    start = time.perf_counter()
    result = runner.invoke(cli, ["--actor", "bench", *words.split(), str(case), *args])
    took = (time.perf_counter() - start) * 1000
    assert result.exit_code == 0, result.output
    return took


def measure(case: Path, runs: int) -> list[tuple[str, float, float]]:
    """Each command's median milliseconds without and with its access-log row."""
    runner = CliRunner()
    rows = []
    for words, *rest in COMMANDS:
        args = tuple(rest)
        command = _command(words)
        logged: Callable[..., Any] = command.callback  # type: ignore[assignment]
        bare = click.pass_context(logged.__wrapped__.__wrapped__)  # pass_context(logged_read(f)) -> f
        _timed(runner, case, words, args)  # warm: the command's modules loaded, the search index built
        times: dict[str, list[float]] = {"without": [], "with": []}
        for _ in range(runs):
            for name, callback in (("without", bare), ("with", logged)):
                command.callback = callback
                times[name].append(_timed(runner, case, words, args))
        command.callback = logged
        rows.append(
            (
                f"{words} {' '.join(args)}",
                statistics.median(times["without"]),
                statistics.median(times["with"]),
            )
        )
    return rows


def row_alone(case: Path, rows: int) -> float:
    """The median milliseconds of writing one access-log row (its own transaction), ``rows`` times."""
    from footprint.case import Case
    from footprint.settings import Settings
    from footprint.store.access_rows import ACCESS_WAIT_MS, append_access

    opened = Case.open(case, Settings(actor="bench"))
    took = []
    for _ in range(rows):
        start = time.perf_counter()
        with opened.store.transaction(ACCESS_WAIT_MS) as tx:
            append_access(
                tx.conn, at_utc="2026-11-30T00:00:00Z", actor="bench", role="investigator", os_user="bench",
                command="items", arguments={"--json": True}, lines_shown=1, outcome="ok", purpose="",
                tool_version="bench",
            )  # fmt: skip
        took.append((time.perf_counter() - start) * 1000)
    opened.close()
    return statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", type=Path, default=Path("cases/r-v-smith"))
    parser.add_argument("--runs", type=int, default=7)
    given = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="footprint-bench-access-") as scratch:
        copy = Path(scratch) / "case"
        shutil.copytree(given.case, copy)
        rows = measure(copy, given.runs)
        alone = row_alone(copy, 50)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'command':24} {'without ms':>10} {'with ms':>10} {'cost ms':>8}")
    for name, without, with_row in rows:
        print(f"{name:24} {without:10.1f} {with_row:10.1f} {with_row - without:8.1f}")
    print(f"one access-log row alone (its own transaction), median of 50: {alone:.2f} ms")


if __name__ == "__main__":
    main()
