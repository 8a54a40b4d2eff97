"""How long the review app's page of an escalation finding takes when a finding it counted was dismissed
(its change point is then recomputed as the page opens) and when none was.

    PYTHONPATH=src .venv/bin/python bench/web_escalation_page.py [--runs 9]

Builds the demo case in a temporary folder, adds a chat of his that escalates (her request to stop, three
weekly insults, then four threats to kill in one day: the demo's own messages no longer make an escalation
finding) and analyses again; then times, through the app (test client, no network), the page of the
escalation finding, dismisses the most serious finding on its items and times it again.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from footprint.analyse import run_analysers
from footprint.analyse.conduct.escalation import SEVERITY
from footprint.case import Case
from footprint.demo import build_demo
from footprint.pipeline import AddOptions, add_exhibit
from footprint.review.decisions import decide
from footprint.settings import Settings
from footprint.synth import script
from footprint.synth.writers import ChatLine, write_whatsapp_txt
from footprint.web import create_app


def _time(client: TestClient, fid: int, runs: int) -> str:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        assert client.get(f"/findings/{fid}").status_code == 200
        times.append(time.perf_counter() - start)
    return f"median {statistics.median(times):.3f} s ({min(times):.3f}–{max(times):.3f} s over {runs} runs)"


def add_escalation(case: Case, folder: Path) -> None:
    """Add her export of a chat in which he escalates, as the demo's own chat is added, and analyse again."""
    start = datetime(2024, 4, 1, 20, 0)
    lines = [ChatLine(start, script.JANE, "Please stop messaging me. I don't want any contact with you.")]
    lines += [
        ChatLine(start + timedelta(days=7 * week), script.JOHN, "answer me you pathetic idiot")
        for week in (1, 2, 3)
    ]
    lines += [
        ChatLine(datetime(2024, 4, 29, hour), script.JOHN, "I will kill you") for hour in (8, 12, 18, 22)
    ]
    chat = folder / f"WhatsApp Chat with {script.JOHN} (April).txt"
    write_whatsapp_txt(chat, lines)
    add_exhibit(case, chat, AddOptions(producer=script.JANE, owner=script.JANE, victim_supplied=True))
    run_analysers(case)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator", database_url=None)
    with tempfile.TemporaryDirectory() as tmp:
        case_dir = build_demo(Path(tmp) / "demo", settings).case_dir
        case = Case.open(case_dir, settings)
        add_escalation(case, Path(tmp))
        findings = case.store.findings()
        escalation = next(f for f in findings if f.category == "escalation")
        items = {i for o in escalation.details["severity_by_occasion"] for i in o["item_ids"]}  # type: ignore[union-attr]
        serious = max(
            (f for f in findings if f.item_id in items and f.decision != "dismissed"),
            key=lambda f: SEVERITY.get(f.category, 0),
        )
        app = create_app(case_dir, settings)
        with TestClient(app, base_url="http://127.0.0.1:8765") as client:
            client.get(f"/?key={app.state.launch_key}")  # the address `serve` prints: a session
            client.get(f"/findings/{escalation.id}")  # warm up
            print(f"nothing dismissed: {_time(client, escalation.id, args.runs)}")
            decide(case, serious.id, "dismiss", "bench")
            page = client.get(f"/findings/{escalation.id}").text
            print(f"recomputed: {'As the review decisions stand now' in page}")
            print(f"{serious.category} dismissed: {_time(client, escalation.id, args.runs)}")
        case.close()


if __name__ == "__main__":
    main()
