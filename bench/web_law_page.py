"""How long the review app's page of an offence assessment takes, now that it assesses as it opens.

    PYTHONPATH=src .venv/bin/python bench/web_law_page.py [--runs 9]

Builds the demo case in a temporary folder and times, through the app (test client, no network), the
page of its offence assessment (``assess_case`` runs for it) and, for comparison, a message's finding.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.demo import build_demo
from footprint.settings import Settings
from footprint.web import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator", database_url=None)
    with tempfile.TemporaryDirectory() as tmp:
        case_dir = build_demo(Path(tmp) / "demo", settings).case_dir
        case = Case.open(case_dir, settings)
        findings = case.store.findings()
        case.close()
        law = next(f.id for f in findings if f.category == "offence_assessment")
        message = next(f.id for f in findings if f.item_id is not None)
        app = create_app(case_dir, settings)
        with TestClient(app, base_url="http://127.0.0.1:8765") as client:
            client.get(f"/?key={app.state.launch_key}")  # the address `serve` prints: a session
            client.get(f"/findings/{law}")  # warm up
            for what, fid in (("offence assessment", law), ("a message's finding", message)):
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    assert client.get(f"/findings/{fid}").status_code == 200
                    times.append(time.perf_counter() - start)
                print(
                    f"{what}: median {statistics.median(times):.3f} s"
                    f" ({min(times):.3f}–{max(times):.3f} s over {args.runs} runs)"
                )


if __name__ == "__main__":
    main()
