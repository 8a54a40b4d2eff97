"""The case database's connection errors: one line, advice that fits the back end."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import FootprintError
from footprint.store.engine import current_revision, make_engine


def test_a_sqlite_case_that_cannot_be_opened_gets_advice_for_a_file_not_a_server(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/gone/case.db")
    with pytest.raises(FootprintError) as refused:
        current_revision(engine)
    assert str(refused.value) == (
        f"cannot open the case database {tmp_path}/gone/case.db: unable to open database file; check that"
        " the case folder is there and that you may write to it (SQLite writes beside case.db even to read"
        " it): on a read-only disk, copy the case folder to one you can write to"
    )
