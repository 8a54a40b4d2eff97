"""Who may take an evidential decision: a role that sees only part of the case (an advocate in a case
holding police material) may not decide what is weighed with evidence she cannot see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from footprint.errors import AccessDeniedError

if TYPE_CHECKING:
    from footprint.case import Case

#: the roles that see the whole case and may decide
MANAGERS = "the officer in the case (an investigator), a reviewer or a prosecutor"


def require_whole_view(case: Case, what: str, instead: str = "") -> None:
    """Refuse ``what``, an evidential decision (on a finding, a link, who an account or a court order
    concerns, who is in the case), to a role that sees only part of the case while any exhibit is withheld:
    it would weigh evidence that role cannot see. ``instead``: what she may do herself."""
    withheld = case.store.withheld()
    if withheld:
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {case.settings.role!r}, which sees only the exhibits the"
            f" complainant supplied, and {withheld} exhibit(s) in this case were not supplied by her:"
            f" {what} is weighed with evidence that role cannot see, so {MANAGERS} must do it"
            + (f"; {instead}" if instead else "")
        )
