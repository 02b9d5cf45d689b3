"""How the four-label sidecars in data/labels relate to the model they started from and to the corpus gold.

    python bench/label_agreement.py [--labels data/labels] [--model PATH]

For every labeled block whose corpus has gold (wcxb-dev and mozilla-readability: gold main text, aligned as
training aligns it; trafilatura-eval: with/without snippets), it compares three story/not-story
decisions: the model's (the shipped model unless --model: the labels started from the shipped model of
the commit that added them), the corpus gold's, and the final label's. Where model and gold disagreed, the
labeler resolved it toward the gold or kept the model; where the final label disagrees with the gold, the
project's conventions (LABELS.md, data/README.md) overrode the corpus. Also the four-label confusion of
model against final labels.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "src"))

from worksheet import gold_marks, load_page

from storysift import Extractor
from storysift.blocks import LABELS
from storysift.gold.labeled import labeled_files, read_labeled_page

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=ROOT / "data" / "labels")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--model", help="model the labels started from (default: the shipped one)")
    args = parser.parse_args()
    extractor = Extractor.load(args.model)
    counts: collections.Counter = collections.Counter()
    confusion: collections.Counter = collections.Counter()
    for path in labeled_files(args.labels):
        labeled = read_labeled_page(path, args.corpora)
        if not labeled.blocks:
            continue
        extractor.label_page(labeled.page)
        marks = gold_marks(load_page(args.corpora, labeled.ref), labeled.blocks)
        counts["pages"] += 1
        for b, mark in zip(labeled.blocks, marks):
            counts["blocks"] += 1
            confusion[(b.label, b.gold)] += 1
            counts["changed_from_model"] += b.label != b.gold
            if mark not in ("S", "-"):
                continue
            counts["with_gold"] += 1
            gold_story, model_story, final_story = mark == "S", b.label == "story", b.gold == "story"
            if model_story != gold_story:
                counts["model_vs_gold_disagree"] += 1
                counts["resolved_toward_gold" if final_story == gold_story else "kept_model_over_gold"] += 1
            if final_story != gold_story:
                counts["final_story_not_in_gold" if final_story else "final_gold_story_not_story"] += 1
    for key, value in counts.items():
        print(f"{key:28s} {value}")
    print("\nmodel (rows) vs final label (columns), blocks")
    print(" " * 12 + "".join(f"{g:>12s}" for g in LABELS))
    for m in LABELS:
        print(f"{m:12s}" + "".join(f"{confusion[(m, g)]:12d}" for g in LABELS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
