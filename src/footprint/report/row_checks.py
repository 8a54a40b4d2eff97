"""`verify`'s row checks, run before a report is built: a problem stops it."""

from __future__ import annotations

from footprint.case import Case
from footprint.errors import VerificationError
from footprint.integrity import check_case_rows
from footprint.integrity.rows import RowCheck
from footprint.report import advocate

# at most this many problems are named in the error that stops a report
MAX_PROBLEMS = 20


def checked_rows(case: Case) -> RowCheck:
    """`verify`'s row checks on the case as read: any problem stops the report before it is built;
    the notes (rows written before digests were kept) are stated in its method appendix."""
    if case.store.withheld():  # an advocate's report: the checks she may make (report.advocate)
        return advocate.checked(case)
    found = check_case_rows(case)
    problems = found.problems
    if problems:
        raise VerificationError(
            [
                f"{p}; no report was written — run footprint verify on the case"
                for p in problems[:MAX_PROBLEMS]
            ]
            + (
                [f"and {len(problems) - MAX_PROBLEMS} more problem(s)"]
                if len(problems) > MAX_PROBLEMS
                else []
            )
        )
    return found
