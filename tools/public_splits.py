"""Which rows of the public data sets are for training and which are held out — defined once.

``tools/train_detect.py`` trains on the HateXplain ``train`` ids and an 80 % slice of Davidson et al.;
``bench/eval_detect.py`` measures on the HateXplain ``test`` ids and the other 20 %; the development
scripts under ``tools/dev_detect/`` read only the training rows. Keeping the split here means no script
can drift onto held-out rows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

DAVIDSON_TRAIN_SHARE = 0.8
DAVIDSON_SEED = 0


def hatexplain(data: Path, split: str) -> list[tuple[str, str]]:
    """``(text, category)`` of the HateXplain posts in ``split`` (train / val / test), in file order.

    Category: 0 normal, 1 hate speech, 2 offensive, 3 undecided.
    """
    ids = set(json.loads((data / "hatexplain" / "post_id_divisions.json").read_text(encoding="utf-8"))[split])
    with (data / "hatexplain" / "hatexplain_mbib.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        return [(r[1], r[3]) for r in reader if r[0] in ids]


def davidson(data: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(tweet, class)`` of Davidson et al. as (training slice, held-out slice), in a seeded order.

    Class: 0 hate speech, 1 offensive, 2 neither.
    """
    with (data / "davidson-hate-offensive" / "labeled_data.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        rows = [(r[6], r[5]) for r in reader]
    order = np.random.default_rng(DAVIDSON_SEED).permutation(len(rows))
    cut = int(DAVIDSON_TRAIN_SHARE * len(rows))
    return [rows[i] for i in order[:cut]], [rows[i] for i in order[cut:]]
