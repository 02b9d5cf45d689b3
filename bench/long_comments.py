"""Stress test on held-out pages: how a model fares when a page's comment section dwarfs its story.

Old blog and news pages often carry hundreds of reader comments under a short article (dragnet's 283
comment pages); the training sets rarely do. This script takes the held-out pages of a model trained on
the trainer's split (`storysift train ... --held-out-model held-out.joblib`, whose metadata lists them),
lengthens each page's comment section to RATIO times its story (`storysift.training.augment.lengthen_comments`;
the copied comments take the texts of all held-out pages' comments, so no comment repeats word for
word), and scores the model on the pages as they are and as lengthened: block F1 for the project's
labeled pages, story text P / R / F1 for corpus pages with gold text. No benchmark corpus is touched.

    storysift train --data data/pages --corpora ../shared/corpora -o /tmp/m.joblib --held-out-model /tmp/h.joblib
    python bench/long_comments.py /tmp/h.joblib --ratio 10
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from storysift.model_io import load_model
from storysift.training.augment import comment_texts, lengthened_copy, text_drawer
from storysift.training.sets import SHIPPABLE_CORPORA, load_sets
from storysift.training.trainer import score_pages

ROOT = Path(__file__).resolve().parents[1]


def lengthened_pairs(pages, ratio: float, pool: list[str], seed: int = 0) -> list[tuple]:
    """(page, lengthened copy) for each HTML page that has a comment section of repeated items, the
    copies' comments drawn from pool."""
    rng = np.random.default_rng(seed)
    pairs = [(page, lengthened_copy(page, ratio, text_drawer(pool, rng) if pool else None)) for page in pages]
    return [(page, copy) for page, copy in pairs if copy is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path, help="a model saved with --held-out-model")
    parser.add_argument(
        "--data", type=Path, action="append", help="labeled pages (repeatable; default data/pages, data/labels/train)"
    )
    parser.add_argument(
        "--exclude", type=Path, action="append", help="held-out sidecars (repeatable; default data/labels/held-out)"
    )
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--ratio", type=float, default=10.0)
    args = parser.parse_args()
    model, meta = load_model(args.model)
    held_out = meta.get("held_out_pages")
    if not held_out:
        raise SystemExit(f"{args.model}: its metadata lists no held-out pages (train with --held-out-model)")
    results = {"model": str(args.model), "ratio": args.ratio}
    data = args.data or [d for d in (ROOT / "data" / "pages", ROOT / "data" / "labels" / "train") if d.exists()]
    exclude = args.exclude or [d for d in (ROOT / "data" / "labels" / "held-out",) if d.exists()]
    sets = load_sets(data, args.corpora, SHIPPABLE_CORPORA, exclude=exclude)
    held = {}
    for tset in sets:
        ids = set(held_out.get(tset.name, []))
        held[tset.name] = [p for p in tset.pages if p.page_id in ids]
    pool = sorted(set(comment_texts([p for pages in held.values() for p in pages])))
    results["comment_texts"] = len(pool)
    for name, pages in held.items():
        pairs = lengthened_pairs(pages, args.ratio, pool)
        if not pairs:
            continue
        as_is, long = [a for a, _ in pairs], [b for _, b in pairs]
        entry: dict = {"pages": len(pairs)}
        scores = {"as_is": score_pages(model, as_is), "lengthened": score_pages(model, long)}
        if all(p.complete for p in as_is):
            entry["block_macro_f1"] = {version: s["blocks"]["macro"]["f1"] for version, s in scores.items()}
        if all(p.gold_text for p in as_is):
            entry["story_text"] = {
                version: {k: s["story_text"][k] for k in ("precision", "recall", "f1")} for version, s in scores.items()
            }
        results[name] = entry
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
