"""Which head loses the held-out score: a model's text F1 per label as it is, with its story head made
right, and with its kind head made right.

    python bench/head_split.py                                # the shipped model on data/labels/held-out
    python bench/head_split.py --model M --gold DIR --as-text

The model has two heads (`model`): P(story), and P(kind | not story) over nav, disclaimer and comment.
"story head made right" gives each block P(story) 1 if its gold label is story, else 0, and keeps the
model's split of the rest among the kinds; "kind head made right" keeps the model's P(story) and gives the
rest to the block's gold kind (a gold story block keeps the model's split). The gap between each row and
the model's is what that head costs; scores are `storysift evaluate`'s text scores (4-gram shingles, mean
page precision and recall, F1 of the means).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labeled_pages import add_arguments, predict_labeled, print_table, text_f1

from storysift.blocks import LABELS

STORY = LABELS.index("story")
KIND_COLUMNS = [k for k in range(len(LABELS)) if k != STORY]


def story_made_right(proba: np.ndarray, gold: list[str]) -> np.ndarray:
    """proba with P(story) set from the gold labels (1 or 0) and the rest split among the kinds as the
    model splits it (an even split where the model gave the kinds nothing)."""
    is_story = np.array([g == "story" for g in gold], dtype=np.float64)
    kinds = proba[:, KIND_COLUMNS]
    total = kinds.sum(axis=1, keepdims=True)
    share = np.divide(kinds, total, out=np.full_like(kinds, 1.0 / kinds.shape[1]), where=total > 0)
    out = np.empty_like(proba)
    out[:, STORY] = is_story
    out[:, KIND_COLUMNS] = share * (1.0 - is_story)[:, None]
    return out


def kind_made_right(proba: np.ndarray, gold: list[str]) -> np.ndarray:
    """proba with the model's P(story) and, on every block whose gold label is a kind, all the rest on
    that kind; gold story blocks keep the model's split."""
    out = proba.copy()
    for i, label in enumerate(gold):
        if label != "story":
            out[i, KIND_COLUMNS] = 0.0
            out[i, LABELS.index(label)] = 1.0 - proba[i, STORY]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args(argv)
    results = predict_labeled(args)
    if not results:
        print(f"no page with block labels in {args.gold}", file=sys.stderr)
        return 1
    rows = {"model": text_f1(results, args.threshold)}
    for name, made_right in (("story head made right", story_made_right), ("kind head made right", kind_made_right)):
        made = [dataclasses.replace(r, proba=made_right(r.proba, r.gold_blocks)) for r in results]
        rows[name] = text_f1(made, args.threshold)
    print_table(rows, len(results), args.threshold, 24)
    return 0


if __name__ == "__main__":
    sys.exit(main())
