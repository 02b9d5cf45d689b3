"""Story precision and recall of one storysift model on every page of the corpora, written as JSON, and
the per-page change between two such files: for comparing models that cannot load in one process (a
model of an older feature version runs from a checkout of its own commit).

    python bench/page_scores.py run --model OLD.joblib -o /tmp/old.json      # (in the old checkout)
    python bench/page_scores.py run --model NEW.joblib -o /tmp/new.json
    python bench/page_scores.py diff /tmp/old.json /tmp/new.json --worst 10

`run` scores the corpora no shipped model trains on (as bench/compare_models.py); `diff` prints each
corpus's story P / R / F1 under both, the `--worst` pages with the lowest precision under the first where
it found some story (the teaser-list kind of miss), and the pages whose precision fell most.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_models import HELD_OUT_CORPORA
from corpus_pages import DEFAULT_CORPORA, load_pages
from peers import storysift_extractor

from storysift.gold.textmatch import corpus_scores, page_scores


def run(args: argparse.Namespace) -> None:
    extract = storysift_extractor(args.model, args.threshold)
    out: dict = {"model": args.model or "shipped", "corpora": {}}
    for name in args.corpus or HELD_OUT_CORPORA:
        pairs = [(extract(p.html), p.record["text"], p.page_id) for p in load_pages(args.corpora, name)]
        pages = {}
        for predicted, gold, page_id in pairs:
            pages[page_id] = page_scores(predicted, gold)
        out["corpora"][name] = {"scores": corpus_scores([(p, g) for p, g, _ in pairs]), "pages": pages}
        print(f"{name}: {out['corpora'][name]['scores']}", file=sys.stderr)
    Path(args.output).write_text(json.dumps(out, indent=1), encoding="utf-8")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def diff(args: argparse.Namespace) -> None:
    a = json.loads(Path(args.a).read_text(encoding="utf-8"))
    b = json.loads(Path(args.b).read_text(encoding="utf-8"))
    print(f"a: {a['model']}\nb: {b['model']}\n")
    print(f"{'corpus':<16} {'P a':>6} {'P b':>6} {'R a':>6} {'R b':>6} {'F1 a':>6} {'F1 b':>6}")
    for name in a["corpora"]:
        if name not in b["corpora"]:
            continue
        sa, sb = a["corpora"][name]["scores"], b["corpora"][name]["scores"]
        row = [sa["precision"], sb["precision"], sa["recall"], sb["recall"], sa["f1"], sb["f1"]]
        print(f"{name:<16} " + " ".join(f"{v:>6.3f}" for v in row))
    both = [
        (f"{name}/{pid}", pa, b["corpora"][name]["pages"].get(pid, [None, None]))
        for name in a["corpora"]
        if name in b["corpora"]
        for pid, pa in a["corpora"][name]["pages"].items()
    ]
    found = [row for row in both if row[1][0] is not None and row[1][1]]
    print(f"\nlowest precision under a where a found some story (P a -> P b, R a -> R b), {args.worst} pages:")
    for page, pa, pb in sorted(found, key=lambda row: row[1][0])[: args.worst]:
        print(f"  {page}: P {_fmt(pa[0])} -> {_fmt(pb[0])}, R {_fmt(pa[1])} -> {_fmt(pb[1])}")
    fell = [row for row in both if row[1][0] is not None and row[2][0] is not None]
    print(f"\nlargest precision falls, {args.worst} pages:")
    for page, pa, pb in sorted(fell, key=lambda row: row[2][0] - row[1][0])[: args.worst]:
        print(f"  {page}: P {_fmt(pa[0])} -> {_fmt(pb[0])}, R {_fmt(pa[1])} -> {_fmt(pb[1])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="score one model on every page")
    p_run.add_argument("--model", help="model file (default: shipped)")
    p_run.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    p_run.add_argument("--corpus", action="append", help=f"default: {', '.join(HELD_OUT_CORPORA)}")
    p_run.add_argument("--threshold", type=float, default=0.5)
    p_run.add_argument("-o", "--output", required=True)
    p_diff = sub.add_parser("diff", help="per-corpus and per-page change between two runs")
    p_diff.add_argument("a")
    p_diff.add_argument("b")
    p_diff.add_argument("--worst", type=int, default=10)
    args = parser.parse_args()
    if args.command == "run":
        run(args)
    else:
        diff(args)


if __name__ == "__main__":
    main()
