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

from corpus_pages import DEFAULT_CORPORA

from storysift.api import Extractor
from storysift.blocks import LABELS
from storysift.evaluation.report import PageResult, predict_all, text_scores
from storysift.gold.pages import Skipped, as_plain_text, read_gold

ROOT = Path(__file__).resolve().parents[1]
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


def scores(results: list[PageResult], threshold: float) -> dict[str, float]:
    """Text F1 of each label and their mean (macro)."""
    f1 = {}
    for label in LABELS:
        s = text_scores(results, label, threshold)
        f1[label] = s["f1"] if s else float("nan")
    f1["macro"] = float(np.nanmean([f1[label] for label in LABELS]))
    return f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model file (default: shipped)")
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "labels" / "held-out")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--as-text", action="store_true", help="the pages as plain-text scrapes")
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    pages = [g for g in read_gold(args.gold, args.corpora) if not isinstance(g, Skipped) and g.block_level]
    if not pages:
        print(f"no page with block labels in {args.gold}", file=sys.stderr)
        return 1
    if args.as_text:
        pages = [as_plain_text(g) for g in pages]
    results = predict_all(Extractor.load(args.model), pages)
    rows = {"model": results}
    for name, made_right in (("story head made right", story_made_right), ("kind head made right", kind_made_right)):
        rows[name] = [dataclasses.replace(r, proba=made_right(r.proba, r.gold_blocks)) for r in results]
    print(f"{len(pages)} pages, text F1 at threshold {args.threshold}")
    print(f"{'':<24}" + "".join(f"{name:>11}" for name in (*LABELS, "macro")))
    for name, rs in rows.items():
        f1 = scores(rs, args.threshold)
        print(f"{name:<24}" + "".join(f"{f1[k]:>11.3f}" for k in (*LABELS, "macro")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
