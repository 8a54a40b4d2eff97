"""What the review app's page of advocates' notes and suggestions shows: ``review.suggestions``'s queue,
one page of it (no web framework here)."""

from __future__ import annotations

from dataclasses import dataclass

from footprint.case import Case
from footprint.errors import NotFoundError
from footprint.review.suggestions import (
    DECIDED,
    REPLACED,
    WAITING,
    AccountSuggestion,
    Suggestion,
    suggestion_queue,
)
from footprint.web import views

#: the page's filter: those waiting for a deciding user, or every one
SHOWN = ("waiting", "all")


@dataclass(frozen=True)
class SuggestionList(views.MatchedPages):
    """One page of the queue (those waiting, or with ``everything`` every one), with the counts."""

    entries: list[Suggestion | AccountSuggestion]  # this page's
    everything: bool
    matched: int  # on every page
    waiting: int
    decided: int
    replaced: int
    page: int = 1


def suggestion_list(case: Case, everything: bool, page: int = 1) -> SuggestionList:
    """Page ``page`` (from 1) of the queue, oldest first (refused as ``suggestion_queue`` refuses it)."""
    queue = suggestion_queue(case)
    shown = queue.shown(everything)
    size = views.PAGE_SIZE
    start = (page - 1) * size
    if page > 1 and start >= len(shown):
        raise NotFoundError(f"there is no page {page}; open the list of suggestions")
    return SuggestionList(
        shown[start : start + size],
        everything,
        len(shown),
        queue.count(WAITING),
        queue.count(DECIDED),
        queue.count(REPLACED),
        page,
    )
