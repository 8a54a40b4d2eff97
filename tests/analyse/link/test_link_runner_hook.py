"""The runner's optional ``save`` hook: rows beyond findings are written in the run's transaction."""

from __future__ import annotations

from collections.abc import Iterator

from footprint.analyse.base import Analyser, FindingDraft, analysers, run_analysers
from footprint.case import Case
from footprint.store.case_store import StoreTx


def test_save_hook_gets_the_run_id_and_default_does_nothing(case: Case) -> None:
    seen: list[int] = []

    class Saver(Analyser):
        name = "test_saver"
        version = 1
        description = "records the run id it is given"

        def run(self, case: Case) -> Iterator[FindingDraft]:
            yield from ()

        def save(self, tx: StoreTx, run_id: int) -> None:
            seen.append(run_id)

    class Plain(Analyser):
        name = "test_plain"
        version = 1
        description = "no save hook"

        def run(self, case: Case) -> Iterator[FindingDraft]:
            yield from ()

    analysers.register(Saver)
    analysers.register(Plain)
    try:
        outcomes = run_analysers(case, ["test_saver", "test_plain"])
    finally:
        analysers._by_name.pop("test_saver", None)
        analysers._by_name.pop("test_plain", None)
    assert [o.status for o in outcomes] == ["ok", "ok"]
    runs = {r.analyser: r.id for r in case.store.runs()}
    assert seen == [runs["test_saver"]]
