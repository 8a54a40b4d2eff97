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
