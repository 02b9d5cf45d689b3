"""Two storysift models side by side on the corpora: story precision, recall and F1 per corpus, and the
pages where the first model kept the most that is not story (its lowest page precision where it found the
story), and the pages whose precision fell most, with both models' scores on them.

    python bench/compare_models.py --a /tmp/old.joblib --b src/storysift/models/default.joblib
    python bench/compare_models.py --a OLD --b NEW --corpus dragnet --worst 10

Method as bench/quality.py (4-gram shingles, page means); a model missing (--a/--b not given) is the
shipped one. Corpora default to those no shipped model trains on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_pages import DEFAULT_CORPORA, load_pages
from peers import storysift_extractor

from storysift.gold.textmatch import corpus_scores, page_scores

HELD_OUT_CORPORA = ["dragnet", "l3s-gn1", "cleaneval", "cleanportaleval"]


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", help="first model file (default: shipped)")
    parser.add_argument("--b", help="second model file (default: shipped)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpus", action="append", help=f"default: {', '.join(HELD_OUT_CORPORA)}")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--worst", type=int, default=10, help="pages to list (default 10)")
    parser.add_argument(
        "--min-recall",
        type=float,
        default=0.5,
        help="list only pages where a found at least this much of the story (default 0.5): pages that kept the "
        "story and more, such as teaser lists, not pages whose gold a missed altogether",
    )
    args = parser.parse_args()
    models = {"a": storysift_extractor(args.a), "b": storysift_extractor(args.b)}
    per_page = []
    print(f"{'corpus':<16} {'model':<6} {'precision':>9} {'recall':>7} {'F1':>7} {'pages':>6}")
    for name in args.corpus or HELD_OUT_CORPORA:
        pages = load_pages(args.corpora, name, args.limit)
        texts = {key: [extract(p.html) for p in pages] for key, extract in models.items()}
        for key in models:
            res = corpus_scores([(t, p.record["text"]) for t, p in zip(texts[key], pages)])
            print(
                f"{name:<16} {key:<6} {res['precision']:9.3f} {res['recall']:7.3f} {res['f1']:7.3f} {res['pages']:6d}"
            )
        for k, page in enumerate(pages):
            pa = page_scores(texts["a"][k], page.record["text"])
            pb = page_scores(texts["b"][k], page.record["text"])
            per_page.append((f"{name}/{page.page_id}", pa, pb))
    scored = [row for row in per_page if row[1][0] is not None and (row[1][1] or 0.0) >= args.min_recall]
    scored.sort(key=lambda row: row[1][0])
    print(
        f"\n{args.worst} pages with the lowest story precision under a (recall >= {args.min_recall}): "
        "precision a -> b, recall a -> b"
    )
    for page, (pa, ra), (pb, rb) in scored[: args.worst]:
        print(f"  {page:<48} P {_fmt(pa)} -> {_fmt(pb)}   R {_fmt(ra)} -> {_fmt(rb)}")
    drops = [row for row in per_page if row[1][0] is not None and row[2][0] is not None]
    drops.sort(key=lambda row: row[2][0] - row[1][0])
    print(f"\n{args.worst} pages whose story precision fell most from a to b")
    for page, (pa, ra), (pb, rb) in drops[: args.worst]:
        print(f"  {page:<48} P {_fmt(pa)} -> {_fmt(pb)}   R {_fmt(ra)} -> {_fmt(rb)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
