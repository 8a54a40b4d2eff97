"""The review app's pages on a big case, before and after a change, side by side.

    # a case of 100,000 messages and about 113,000 findings (SQLite; --db URL for PostgreSQL)
    PYTHONPATH=src .venv/bin/python bench/web_scale.py build /tmp/fp-web-scale [--messages 100000]
    # each page timed with another tree's code (--before; e.g. `git archive BASE src | tar -x -C /tmp/b`,
    # at the same schema) and this one's, alternately, in fresh processes (--runs 3 by default)
    PYTHONPATH=src .venv/bin/python bench/web_scale.py compare /tmp/fp-web-scale --before ../main/src
    # across a schema change: the before code on a copy of the case left at the old schema
    PYTHONPATH=src .venv/bin/python bench/web_scale.py compare /tmp/fp-web-scale-new --before ../main/src \
        --before-case /tmp/fp-web-scale

The case is a synthetic Android chat (``bench/copies.py``'s writer: invented text) with findings stored as
one detect run (no analyser runs: only their number and spread matter here) and a few decisions. Each run
is one process that opens the app (test client, no network), asks for every page once and reports each
page's time and size, and its own peak memory; the load average is printed before and after, and whether
each page showed the same in every run, before and after (its links to other pages aside).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CATEGORIES = ("threat_violence", "monitoring", "evasion", "insult_harassment", "request_to_stop")


def build(folder: Path, messages: int, database: str | None) -> None:
    """A case in ``folder`` with ``messages`` messages in one exhibit and findings on most of them."""
    from footprint.analyse.base import FindingDraft
    from footprint.case import Case
    from footprint.integrity.digests import run_details
    from footprint.pipeline import AddOptions, add_exhibit
    from footprint.review import decide
    from footprint.settings import Settings

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from copies import write_chat

    settings = Settings(actor="bench", role="investigator", database_url=database)
    with tempfile.TemporaryDirectory(prefix="footprint-bench-web-scale-") as work:
        chat, _ = write_chat(Path(work), messages)
        case = Case.init(folder, name="bench", tz="Europe/London", settings=settings)
        add_exhibit(case, chat, AddOptions(producer="Jane Doe", exhibit_ref="JD/1"))
    ids = [i.id for i in case.store.iter_items("JD/1")]
    drafts = [
        FindingDraft(item, category, 0.8, f"{category} (synthetic)", spans=((0, 7),))
        for n, item in enumerate(ids)
        for category in (CATEGORIES[n % 5], CATEGORIES[(n + 2) % 5])[: 1 + (n % 3 == 0)]
        if n % 5 != 4
    ]
    with case.transaction() as (tx, record):
        run_id = tx.add_run(
            analyser="detect",
            version=1,
            settings_hash="bench",
            started_utc="2024-06-01T00:00:00Z",
            status="ok",
            error=None,
        )
        tx.add_findings(run_id, drafts)
        record("analyse", "detect", version=1, status="ok", **run_details(tx.conn, run_id))
    for finding in case.store.findings()[:: len(drafts) // 20][:20]:
        decide(case, finding.id, "confirm", "bench")
    print(f"built {folder}: {len(ids):,} messages, {len(drafts):,} findings, 20 decisions")
    case.close()


def pages(folder: Path) -> list[str]:
    """The addresses timed: the findings list (whole and filtered), the first and last pages of the
    exhibit's messages, one message with findings, a search."""
    from footprint.case import Case
    from footprint.settings import Settings

    case = Case.open(folder, Settings(actor="bench", role="investigator"))
    items = case.store.count_items()
    item = next(f.item_id for f in case.store.findings("evasion"))
    found = case.store.finding_slice(None, "all", 0, 0).matched
    # page 50 as the link from page 49 gives it: after page 49's last finding (code before keyset paging
    # ignores `after` and counts 49 pages' findings from the start)
    end_of_49 = case.store.finding_slice(None, "all", 49 * 200 - 1, 1).findings[0].id
    unreviewed = case.store.finding_slice("evasion", "unreviewed", 49 * 200 - 1, 1).findings
    case.close()
    last = (items + 199) // 200
    later = (
        [f"/findings?category=evasion&status=unreviewed&page=50&after={unreviewed[0].id}"]
        if unreviewed
        else []
    )
    return [
        "/findings",
        f"/findings?category=&status=all&page=50&after={end_of_49}",
        f"/findings?category=&status=all&page={(found + 199) // 200}&before=end",
        "/findings?category=evasion&status=unreviewed",
        *later,
        "/items?exhibit=JD/1&page=1",
        f"/items?exhibit=JD/1&page={last}",
        f"/items/{item}",
        "/items?q=4999",
    ]


def time_pages(folder: Path, addresses: list[str]) -> None:
    """Ask for each page once with the code on the path; one JSON line: seconds, bytes, peak memory."""
    from fastapi.testclient import TestClient

    from footprint.settings import Settings
    from footprint.web import create_app

    settings = Settings(actor="bench", role="investigator")
    found: dict[str, tuple[float, int, str]] = {}
    app = create_app(folder, settings)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        client.get(f"/?key={app.state.launch_key}")  # the address `serve` prints: a session
        for address in addresses:
            start = time.perf_counter()
            response = client.get(address)
            # what the page shows, its links to other pages (they change with the paging) and the session's
            # secret in its forms left out
            shown = re.sub(r"<nav aria-label=\"Pages of .*?</nav>", "", response.text, flags=re.S)
            shown = re.sub(r'name="csrf" value="[^"]*"', "", shown)
            found[address] = (time.perf_counter() - start, len(response.content), _digest(shown))
            assert response.status_code == 200, (address, response.text[:500])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"pages": found, "peak_mb": peak}))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def compare(folder: Path, before: Path, runs: int, before_case: Path | None = None) -> None:
    """Alternate runs of the two trees' code on the same case (the before code on ``before_case`` when
    given: a copy at the schema it knows); a table of every run's figures."""
    here = Path(__file__).resolve().parents[1] / "src"
    addresses = pages(folder)
    cases = {"before": before_case or folder, "after": folder}
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    figures: dict[str, list[dict[str, object]]] = {"before": [], "after": []}
    for _ in range(runs):
        for name, tree in (("before", before.resolve()), ("after", here)):
            env = {**os.environ, "PYTHONPATH": str(tree)}
            done = subprocess.run(
                [sys.executable, __file__, "time", str(cases[name]), *addresses],
                env=env,
                check=False,
                capture_output=True,
                text=True,
            )
            if done.returncode:
                sys.exit(f"the {name} run ({tree}) failed:\n{done.stderr}")
            figures[name].append(json.loads(done.stdout.splitlines()[-1]))
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for address in addresses:
        print(address)
        for name, found in figures.items():
            shown = ", ".join(f"{run['pages'][address][0]:.2f}" for run in found)  # type: ignore[index]
            size = found[0]["pages"][address][1]  # type: ignore[index]
            print(f"  {name:6} {shown} s  ({size:,} bytes)")
        shown = {run["pages"][address][2] for found in figures.values() for run in found}  # type: ignore[index]
        same = "yes" if len(shown) == 1 else "NO"
        print(f"  the same page (its links to other pages aside) in every run: {same}")
    for name, found in figures.items():
        print(f"peak memory {name}: {', '.join(str(run['peak_mb']) for run in found)} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("build")
    made.add_argument("folder", type=Path)
    made.add_argument("--messages", type=int, default=100_000)
    made.add_argument("--db", default=None, help="a PostgreSQL URL (default: SQLite)")
    timed = commands.add_parser("time")
    timed.add_argument("folder", type=Path)
    timed.add_argument("addresses", nargs="+")
    compared = commands.add_parser("compare")
    compared.add_argument("folder", type=Path)
    compared.add_argument("--before", type=Path, required=True, help="the src folder of the code to compare")
    compared.add_argument("--runs", type=int, default=3)
    compared.add_argument("--before-case", type=Path, default=None, help="the case the before code reads")
    args = parser.parse_args()
    if args.command == "build":
        build(args.folder, args.messages, args.db)
    elif args.command == "time":
        time_pages(args.folder, args.addresses)
    else:
        compare(args.folder, args.before, args.runs, args.before_case)


if __name__ == "__main__":
    main()
