"""Which links join two accounts into one candidate person (``footprint link``'s clusters, and the offence
matrix's conduct pending attribution): kept apart from ``review`` so that the law analyser reads it without
the decisions' imports."""

from __future__ import annotations

from footprint.store.links import StoredLink

CLUSTER_FROM = 2.0  # log10 LR: "moderately strong support" or more joins a candidate person


def joins(link: StoredLink, threshold: float = CLUSTER_FROM) -> bool:
    """Whether a link joins its accounts into one candidate person: accepted, or undecided and at least
    ``threshold`` strong (a rejected link never does)."""
    return link.status == "accepted" or (link.status == "proposed" and link.log10_lr >= threshold)
