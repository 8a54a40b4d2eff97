"""The evaluation's figures for the analyser as shipped: abstention, c@1 and the thresholds it uses."""

from __future__ import annotations

import numpy as np

from footprint.analyse.link.evalset import shipped_figures


def test_shipped_figures_count_abstentions_as_non_answers_and_use_the_shipped_thresholds() -> None:
    y = np.array([1, 1, 1, 0, 0, 0])
    log10_lr = np.array([5.0, 1.2, -0.5, 1.5, -1.0, 3.0])
    abstained = np.array([False, False, False, False, False, True])
    assert shipped_figures(y, log10_lr, abstained) == {
        "abstained": 0.1667,
        "auc_as_shipped": 0.6667,
        "c_at_1": 0.5833,
        "recall_at_finding": 0.6667,
        "fpr_at_finding": 0.3333,
        "precision_at_finding": 0.6667,
        "recall_at_cluster": 0.3333,
        "fpr_at_cluster": 0.0,
        "precision_at_cluster": 1.0,
    }


def test_metrics_brier_and_cllr() -> None:
    from footprint.analyse.link.evalset import metrics

    found = metrics(np.array([1, 1, 0, 0]), np.array([2.0, 0.0, -1.0, 1.0]))
    assert (found["auc"], found["brier"], found["cllr"]) == (0.75, 0.2712, 1.1528)


def test_hard_negatives_pair_a_handle_with_another_of_its_own_category() -> None:
    from footprint.analyse.link.evalset import Handle, make_pairs
    from footprint.analyse.link.profile import Message

    def handle(name: str, category: str) -> Handle:
        return Handle(
            name, category, tuple(Message(f"{name} {i}", f"2024-01-{i + 1:02d}T10:00:00Z") for i in range(8))
        )

    handles = [handle("a1", "A"), handle("a2", "A"), handle("b1", "B"), handle("b2", "B"), handle("c1", "C")]
    _, pairs = make_pairs(handles, 2, seed=3, repeats=2, negatives="category")
    negatives = sorted((p.a.split("|")[0], p.b.split("|")[0]) for p in pairs if not p.same)
    assert negatives == [
        ("a1", "a2"), ("a1", "a2"), ("a2", "a1"), ("a2", "a1"),
        ("b1", "b2"), ("b1", "b2"), ("b2", "b1"), ("b2", "b1"),
    ]  # fmt: skip  # c1 has no other handle of its category: no negative
    _, default = make_pairs(handles, 2, seed=3, repeats=2)
    assert len([p for p in default if not p.same]) == 10
