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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labeled_pages import add_arguments, predict_labeled, print_table, text_f1, with_macro

from storysift.blocks import LABELS
from storysift.evaluation.report import PageResult, labels_at
from storysift.gold.textmatch import mean_f1, shingles, tokens


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
    per_block = {label: per_block_f1(results, label, threshold) for label in LABELS}
    return {
        "joined (storysift evaluate)": text_f1(list(results), threshold),
        "each block on its own": with_macro({k: float("nan") if v is None else v for k, v in per_block.items()}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args(argv)
    results = predict_labeled(args)
    if not results:
        print(f"no page with block labels in {args.gold}", file=sys.stderr)
        return 1
    print_table(rows(results, args.threshold), len(results), args.threshold, 30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
