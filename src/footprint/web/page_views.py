"""A page view of the review app, recorded in the case's access log (not its audit log: a view changes
nothing)."""

from __future__ import annotations

import logging
from typing import Any

from footprint.access_record import record_access
from footprint.case import Case

LOG = logging.getLogger(__name__)


def viewed(who: Case, route: str, shown: int, **selected: Any) -> None:
    """Record a page view in the case's access log: the signed-in user and role, ``web`` and the route, the
    arguments that chose what it shows (``selected``) and how many records it shows; a row that cannot be
    written never stops the page: the server's log says so, in one line."""
    reason = record_access(who, command=f"web {route}", arguments=selected, lines_shown=shown)
    if reason:
        LOG.warning(
            "Warning: a page view (%s by %s) was not recorded in the case's access log (%s); the page was"
            " shown",
            route,
            who.settings.actor,
            reason,
        )
