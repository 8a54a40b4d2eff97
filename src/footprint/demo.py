"""The demo: the same steps a user takes, on the synthetic R v Smith case."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from footprint.analyse import run_analysers
from footprint.analyse.conduct.orders import add_order
from footprint.case import Case
from footprint.errors import AnalysisError, CaseExistsError
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import write_report
from footprint.settings import Settings
from footprint.synth import script, write_demo_case


@dataclass
class DemoResult:
    """Where the demo put things and what it did."""

    case_dir: Path
    inputs: Path
    report: Path
    log: list[str] = field(default_factory=list)


SMS_MAP = {
    "id": "Message ID",
    "sent_at": "Date",
    "author": "From",
    "recipient": "To",
    "text": "Body",
}


def build_demo(out: Path, settings: Settings) -> DemoResult:
    """Write the inputs, build the case, analyse and report (refuses an existing case)."""
    case_dir = out / "case"
    if (case_dir / "case.json").exists():
        raise CaseExistsError(f"{case_dir}: a demo case is already there; remove {out} or pass --out")
    files = write_demo_case(out / "inputs")
    case = Case.init(case_dir, name="R v Smith (synthetic demo)", tz="Europe/London", settings=settings)
    for name, role in (
        (script.JANE, "complainant"),
        (script.JOHN, "suspect"),
        (script.SARAH, "witness"),
    ):
        add_person(case, name, role)
    log: list[str] = []
    steps = [
        # her own chat and texts, which she handed over: what her advocate sees (the rest is the police's)
        (files.whatsapp_jane, AddOptions(producer=script.JANE, owner=script.JANE, victim_supplied=True)),
        (
            files.sms_csv,
            AddOptions(
                producer=script.JANE,
                owner=script.JANE,
                victim_supplied=True,
                format="csv_generic",
                column_map=SMS_MAP,
                platform="sms",
                tz="Europe/London",
            ),
        ),
        (files.whatsapp_sarah, AddOptions(producer=script.SARAH, owner=script.SARAH)),
        (files.incidents, AddOptions(producer="PC Amir Patel", format="incidents_csv")),
    ]
    for path, options in steps:
        result = add_exhibit(case, path, options)
        total = sum(result.items_by_kind.values())
        log.append(f"{result.ref}: {path.name} — {total} items, {result.warnings} warning(s)")
    attribute_account(
        case,
        f"whatsapp:{script.JOHN}",
        script.JOHN,
        "complainant identifies her contact 'John Smith'",
    )
    attribute_account(case, f"whatsapp:{script.JANE}", script.JANE, "self-export owner", as_complainant=True)
    attribute_account(
        case, "sms:+447700900001", script.JANE, "self-export owner (her own number)", as_complainant=True
    )
    # A non-molestation order made after the police attended; his later contact breaches it.
    add_order(
        case,
        type="non_molestation",
        made="2024-02-24 16:00",
        expires="2025-02-23",
        protects=script.JANE,
        against=script.JOHN,
        conditions=[f"not to contact {script.JANE} directly or indirectly, including through friends"],
        source="demo",
    )
    log.append("order 1: non-molestation order against John Smith, made 24/02/2024 16:00")
    outcomes = run_analysers(case)
    for outcome in outcomes:
        log.append(f"analyser {outcome.analyser}: {outcome.status}, {outcome.findings} finding(s)")
    if failed := [o.analyser for o in outcomes if o.status != "ok"]:  # as `analyse` does: a script sees it
        raise AnalysisError(
            f"the demo case's analysis did not complete ({', '.join(failed)}); it is in {case_dir}, without"
            " its report: run `footprint analyse` on it to see why"
        )
    report = write_report(case)
    return DemoResult(case_dir, files.folder, report, log)
