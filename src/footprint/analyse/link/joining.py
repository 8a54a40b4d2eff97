"""Which links join two accounts into one candidate person (``footprint link``'s clusters, ``joins``) and
which bear on whose an account is at all (the offence matrix's conduct pending attribution and a
disclosure copy's masks, ``weighs_on``): kept apart from ``review`` so that the law analyser reads it
without the decisions' imports."""

from __future__ import annotations

from footprint.store.links import StoredLink

CLUSTER_FROM = 2.0  # log10 LR: "moderately strong support" or more joins a candidate person


def joins(link: StoredLink, threshold: float = CLUSTER_FROM) -> bool:
    """Whether a link joins its accounts into one candidate person: accepted, or undecided and at least
    ``threshold`` strong (a rejected link never does)."""
    return link.status == "accepted" or (link.status == "proposed" and link.log10_lr >= threshold)


def weighs_on(link: StoredLink) -> bool:
    """Whether a link bears on whose an account is until a person decides: accepted, or undecided and
    giving some support for one person (log10 LR above 0), however weak; never a rejected one. The offence
    matrix's conduct pending attribution and a disclosure copy's masks read it: the demo's link at log10 LR
    +1.00 ("moderate support") left the messages from that number out of the matrix without a word."""
    return link.status == "accepted" or (link.status == "proposed" and link.log10_lr > 0)
