"""How much of each label's text F1 comes from shingles across block boundaries.

    python bench/text_method.py                                # the shipped model on data/labels/held-out
    python bench/text_method.py --model M --gold DIR --as-text

`storysift evaluate`'s text method is the corpora's: a page's text of one label (its blocks of that label,
one a line) as 4-gram shingles of `\\w+` tokens, page precision and recall, F1 of their means. On the
joined text, shingles run across block boundaries, and a text of fewer than 4 tokens is one shorter
shingle. So when a page's prediction and its gold hold different blocks of a label, the shingles at
their boundaries differ too; and a short block found alone (a lone "© 2024 Foo", 2 tokens) matches no
shingle of a gold text that has more, even when every block predicted is right. Main text is long and
runs in one piece, but disclaimers and comment chrome are short blocks scattered over a page. This prints
each label's text F1 by that method (the same numbers as `storysift evaluate`) and with each block
shingled on its own (no shingle across two blocks): the gap is what the boundaries cost. It needs
block-labeled gold; it measures the method, and changes no score that `storysift evaluate` reports.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_pages import DEFAULT_CORPORA

from storysift.api import Extractor
from storysift.blocks import LABELS
from storysift.evaluation.report import PageResult, labels_at, predict_all, text_scores
from storysift.gold.pages import Skipped, as_plain_text, read_gold
from storysift.gold.textmatch import mean_f1, shingles, tokens

ROOT = Path(__file__).resolve().parents[1]


def block_shingles(texts: Sequence[str]) -> Counter:
    """The shingles of each text on its own, added up (none across two texts)."""
    out: Counter = Counter()
    for text in texts:
        out.update(shingles(tokens(text)))
    return out


def per_block_f1(results: Sequence[PageResult], label: str, threshold: float) -> float | None:
    """A label's text F1 with every block shingled on its own: mean page precision over pages with a
    prediction, mean page recall over pages with gold, F1 of the two (None when no page has either)."""
    precisions, recalls = [], []
    for r in results:
        predicted = [t for t, lab in zip(r.texts, labels_at(r.proba, threshold)) if lab == label]
        gold = [t for t, g in zip(r.texts, r.gold_blocks) if g == label]
        p, g = block_shingles(predicted), block_shingles(gold)
        shared = sum((p & g).values())
        if p:
            precisions.append(shared / sum(p.values()))
        if g:
            recalls.append(shared / sum(g.values()))
    if not precisions and not recalls:
        return None
    return round(mean_f1(precisions, recalls)[2], 4)


def rows(results: Sequence[PageResult], threshold: float) -> dict[str, dict[str, float]]:
    """Text F1 of each label and their mean, by `storysift evaluate`'s method and per block."""
    joined = {}
    for label in LABELS:
        scores = text_scores(results, label, threshold)
        joined[label] = scores["f1"] if scores else float("nan")
    per_block = {label: per_block_f1(results, label, threshold) for label in LABELS}
    per_block = {k: float("nan") if v is None else v for k, v in per_block.items()}
    out = {"joined (storysift evaluate)": joined, "each block on its own": per_block}
    for row in out.values():
        row["macro"] = float(np.nanmean([row[label] for label in LABELS]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model file (default: shipped)")
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "labels" / "held-out")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--as-text", action="store_true", help="the pages as plain-text scrapes")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--jobs", type=int, default=1, help="processes to predict with")
    args = parser.parse_args(argv)
    pages = [g for g in read_gold(args.gold, args.corpora) if not isinstance(g, Skipped) and g.block_level]
    if not pages:
        print(f"no page with block labels in {args.gold}", file=sys.stderr)
        return 1
    if args.as_text:
        pages = [as_plain_text(g) for g in pages]
    results = predict_all(Extractor.load(args.model), pages, jobs=args.jobs)
    print(f"{len(pages)} pages, text F1 at threshold {args.threshold}")
    print(f"{'':<30}" + "".join(f"{name:>11}" for name in (*LABELS, "macro")))
    for name, f1 in rows(results, args.threshold).items():
        print(f"{name:<30}" + "".join(f"{f1[k]:>11.3f}" for k in (*LABELS, "macro")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
