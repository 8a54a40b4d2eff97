"""An advocate's `findings` on a big case, before and after her finding numbers were kept (schema 0016).

    # a case of about N items (bench/analyse_scale.py's): the Telegram export marked as hers, the WhatsApp
    # chat held by the police; analysed; beside it a copy at schema 0015 (no kept numbers) for older code
    PYTHONPATH=src .venv/bin/python bench/advocate_numbers.py build /tmp/fp-her-numbers --items 40000
    # `footprint --role advocate findings --json`, in a fresh process each, alternating the older tree's
    # code (--before; e.g. `git archive BASE src | tar -x -C /tmp/b`) on the 0015 copy with this tree's
    PYTHONPATH=src .venv/bin/python bench/advocate_numbers.py run /tmp/fp-her-numbers --before /tmp/b/src

Prints each run's wall and CPU time and peak memory, the medians and their ratios, whether both trees gave
her the same numbers (they should: the upgrade numbers what she sees as her view numbered it), and the
time this tree takes to number every finding she sees at once (as `case upgrade` of the 0015 copy does) and
to find that none is new (what each write that may show her findings pays: a mark looks at every finding,
an analyser's run at its own).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyse_scale import alternate, timed_on_a_copy  # noqa: E402
from analyse_scale import build as build_case  # noqa: E402

OLD = "case-0015"


def build(folder: Path, items: int) -> None:
    """The case (``folder``/case), hers marked and analysed, and its copy at schema 0015 (``case-0015``)."""
    from footprint.analyse.base import run_analysers
    from footprint.case import Case
    from footprint.review.supplied import mark_supplied
    from footprint.settings import Settings

    build_case(folder / "case", items)
    case = Case.open(folder / "case", Settings(actor="bench", role="investigator"))
    mark_supplied(case, "ZV/2", "bench: her own Telegram export")
    started = time.perf_counter()
    run_analysers(case)
    print(f"analysed in {time.perf_counter() - started:.1f} s")
    case.close()
    shutil.copytree(folder / "case", folder / OLD)
    with sqlite3.connect(folder / OLD / "case.db") as db:
        db.execute("DROP TABLE finding_number")
        db.execute("UPDATE alembic_version SET version_num = '0015'")
    db.close()


def her_findings(folder: Path, tree: Path, scratch: Path) -> dict[str, object]:
    """`findings --json` in her role with ``tree``'s code (the 0015 copy for a tree without kept numbers)."""
    old = not (tree / "footprint" / "store" / "finding_numbers.py").exists()
    copy, done, figures = timed_on_a_copy(
        folder / (OLD if old else "case"), tree, scratch, "--role advocate findings", ("--json",)
    )
    shutil.rmtree(copy)
    lines = done.stdout.splitlines()
    return {**figures, "lines": len(lines), "digest": hashlib.sha256(done.stdout.encode()).hexdigest()}


def numbering(folder: Path) -> None:
    """This tree's time to number every finding she sees (an upgrade) and to find none new (a write's)."""
    from sqlalchemy import create_engine

    from footprint.store.finding_numbers import give_numbers

    with tempfile.TemporaryDirectory(prefix="footprint-bench-numbers-") as scratch:
        copy = Path(scratch) / "case"
        shutil.copytree(folder / OLD, copy)
        engine = create_engine(f"sqlite:///{copy / 'case.db'}")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE TABLE finding_number (finding_id INTEGER PRIMARY KEY, number INTEGER"
                " NOT NULL, claim VARCHAR(64) NOT NULL)"
            )
            conn.exec_driver_sql("CREATE INDEX ix_finding_number_claim ON finding_number (claim)")
            conn.exec_driver_sql("CREATE INDEX ix_finding_number_number ON finding_number (number)")
            started = time.perf_counter()
            given = give_numbers(conn)
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = give_numbers(conn)
            none_new = time.perf_counter() - started
            runs = "SELECT run_id, count(*) AS n FROM finding GROUP BY run_id ORDER BY n DESC LIMIT 1"
            run_id, in_run = conn.exec_driver_sql(runs).one()
            started = time.perf_counter()
            again += give_numbers(conn, [run_id])
            in_one_run = time.perf_counter() - started
        engine.dispose()
    print(
        f"numbering every finding she sees ({given:,}): {first:.2f} s; finding none new among every finding"
        f" (a mark): {none_new:.2f} s, among the {in_run:,} of the biggest run (an analyser's run):"
        f" {in_one_run:.2f} s ({again} numbered)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("build")
    made.add_argument("folder", type=Path)
    made.add_argument("--items", type=int, default=40_000)
    timed = commands.add_parser("run")
    timed.add_argument("folder", type=Path)
    timed.add_argument("--before", type=Path, required=True, help="the src folder of the code to compare")
    timed.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.command == "build":
        build(args.folder, args.items)
        return
    with tempfile.TemporaryDirectory(prefix="footprint-bench-her-numbers-") as scratch:
        figures = alternate(
            args.before,
            args.runs,
            lambda tree: her_findings(args.folder, tree, Path(scratch)),
            lambda found: f" {found['lines']:,} findings",
        )
    digests = {str(f["digest"]) for found in figures.values() for f in found}
    print(f"the same findings and numbers from both trees: {'yes' if len(digests) == 1 else 'NO'}")
    numbering(args.folder)


if __name__ == "__main__":
    main()
