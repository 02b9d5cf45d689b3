"""Story precision, recall and F1 of storysift and its peers on the shared corpora, in one run.

    python bench/quality.py                       # every corpus, every installed peer
    python bench/quality.py --corpus dragnet --limit 200
    python bench/quality.py --corpus wcxb-dev --wcxb-cv   # storysift cross-validated (5 folds by site)

Method (../shared/corpora/README.md): 4-gram shingles of \\w+ tokens; page precision and recall; means
over pages; F1 of the means. The shipped model was trained on wcxb-dev, so on that corpus storysift is
scored only with --wcxb-cv: five models, each trained without one fold of wcxb-dev's sites.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_pages import DEFAULT_CORPORA, load_pages
from peers import PEERS, available_peers, storysift_extractor

from storysift.gold.textmatch import corpus_scores

EVAL_CORPORA = ["dragnet", "l3s-gn1", "cleaneval", "cleanportaleval", "wcxb-dev"]


def score(extract, pages) -> dict:
    pairs = []
    start = time.perf_counter()
    for page in pages:
        try:
            text = extract(page.html)
        except Exception as exc:  # a peer failing on a page scores an empty extraction
            print(f"# {page.corpus}/{page.page_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            text = ""
        pairs.append((text, page.record["text"]))
    result = corpus_scores(pairs)
    result["seconds"] = round(time.perf_counter() - start, 1)
    return result


def wcxb_cross_validated(corpora: Path, pages, folds: int = 5, seed: int = 0) -> dict:
    """storysift on wcxb-dev, each page predicted by a model trained without its site's fold."""
    from storysift import Extractor
    from storysift.training.fit import fit
    from storysift.training.sets import load_sets
    from storysift.training.trainer import DEFAULT_PARAMS, comment_texts_of

    data = Path(__file__).resolve().parents[1] / "data"
    dirs = [d for d in (data / "pages", data / "labels" / "train") if d.exists()]
    held_out = [d for d in (data / "labels" / "held-out",) if d.exists()]
    sets = load_sets(dirs, corpora, exclude=held_out)
    wcxb = next(s for s in sets if s.name == "wcxb-dev")
    others = [p for s in sets if s.name != "wcxb-dev" for p in s.pages]
    domain = {p.page_id: p.group for p in wcxb.pages}
    for page in pages:
        domain.setdefault(page.page_id, page.record.get("domain") or page.page_id)
    sites = sorted(set(domain.values()))
    import numpy as np

    rng = np.random.default_rng(seed)
    rng.shuffle(sites)
    fold_of = {site: k % folds for k, site in enumerate(sites)}
    pairs = []
    for k in range(folds):
        train = others + [p for p in wcxb.pages if fold_of[p.group] != k]
        model = fit(train, comment_texts=comment_texts_of(sets), **DEFAULT_PARAMS)
        ex = Extractor(model)
        for page in pages:
            if fold_of[domain[page.page_id]] == k:
                pairs.append((ex.clean(page.html), page.record["text"]))
        print(f"# wcxb-dev fold {k + 1}/{folds} done", file=sys.stderr)
    return corpus_scores(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpus", action="append", help=f"corpus to run (default: {', '.join(EVAL_CORPORA)})")
    parser.add_argument("--peer", action="append", help=f"peer to run (default all: {', '.join(PEERS)})")
    parser.add_argument("--limit", type=int, help="at most this many pages per corpus")
    parser.add_argument("--model", help="storysift model file (default: shipped)")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--wcxb-cv", action="store_true", help="score storysift on wcxb-dev by 5-fold site CV")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora}", file=sys.stderr)
        return 2
    tools = {"storysift": storysift_extractor(args.model, args.threshold)}
    tools.update(available_peers(args.peer or list(PEERS)))
    results: dict = {}
    print(f"{'corpus':<16} {'tool':<22} {'precision':>9} {'recall':>7} {'F1':>7} {'pages':>6} {'sec':>7}")
    for name in args.corpus or EVAL_CORPORA:
        pages = load_pages(args.corpora, name, args.limit)
        results[name] = {}
        for tool, extract in tools.items():
            if tool == "storysift" and name == "wcxb-dev":
                if not args.wcxb_cv:
                    print(f"{name:<16} {tool:<22} (trained on this corpus: run with --wcxb-cv)")
                    continue
                res = wcxb_cross_validated(args.corpora, pages)
                tool = "storysift (5-fold CV)"
            else:
                res = score(extract, pages)
            results[name][tool] = res
            print(
                f"{name:<16} {tool:<22} {res['precision']:9.3f} {res['recall']:7.3f} {res['f1']:7.3f} "
                f"{res['pages']:6d} {res.get('seconds', 0):7.1f}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
