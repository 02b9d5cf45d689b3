"""Where a page's time goes: milliseconds per page for each step of cleaning, without a profiler.

    python bench/stages.py                   # 150 pages each of dragnet and l3s-gn1, best of 3 passes
    python bench/stages.py --pages 50 --passes 5
    python bench/stages.py --corpus wcxb-dev --pages 300   # modern pages

Steps: parse, segment, then the model's own steps on the shipped model's HTML bag: hashed tokens,
container ids and dense features once per page, and for every stack of the bag its linear stage and,
per tree stage, its context features and trees (summed over the stacks).
The last tree stage is timed as `clean` runs it: P(story) only, without the kind head.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from corpus_pages import DEFAULT_CORPORA, load_pages

from storysift import features
from storysift.api import Extractor
from storysift.blocks import Page
from storysift.model import _threadpools
from storysift.parse import parse_html, read_page
from storysift.predict import stage_proba
from storysift.segment import html_blocks


def _head_proba(head, X) -> np.ndarray:
    return head.predict_proba(X)


def _parse(page: bytes):
    """The page decoded and parsed as `segment` does it (the bytes handed to the parser when UTF-8)."""
    text, utf8 = read_page(page)
    return parse_html(text, utf8=utf8)


def one_pass(model, pages: list[bytes]) -> dict[str, float]:
    """Seconds spent in each step over all pages."""
    totals: dict[str, float] = {}

    def timed(step: str, fn, *args):
        start = time.perf_counter()
        out = fn(*args)
        totals[step] = totals.get(step, 0.0) + time.perf_counter() - start
        return out

    bag = model.stacks_["html"]
    for html in pages:
        root = timed("parse", _parse, html)
        X = timed("segment", html_blocks, root)
        if not X:
            continue
        hashed = timed("hashed tokens", features.hashed_tokens, X, model.n_hash_features, False)  # as clean: no SciPy
        structure = timed("structure ids", features.page_structure, X)
        dense = timed("dense features", features.dense_matrix, Page(X, "html"), structure)
        inputs = features.View([slice(0, len(X))], hashed, [structure], dense)
        for stack in bag:
            probs = timed("linear stage", stage_proba, stack.stages[0], hashed, _head_proba)
            for k, stage in enumerate(stack.stages[1:], start=2):
                order = stack.order_context
                stage_input = timed(f"stage {k} context", features.stage_input, inputs, probs, order, True)
                last = k == len(stack.stages)
                probs = timed(f"stage {k} trees", stage_proba, stage, stage_input, _head_proba, last)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument(
        "--corpus", action="append", help="a corpus to take pages from (repeatable; default dragnet and l3s-gn1)"
    )
    parser.add_argument("--pages", type=int, default=150, help="pages per corpus")
    parser.add_argument("--passes", type=int, default=3, help="passes over the pages; the fastest counts per step")
    args = parser.parse_args(argv)
    names = args.corpus or ("dragnet", "l3s-gn1")
    pages = [p.html for name in names for p in load_pages(args.corpora, name, args.pages)]
    model = Extractor.load().model
    best: dict[str, float] = {}
    with _threadpools().limit(limits=1, user_api="openmp"):  # as predict_proba runs ordinary pages
        for _ in range(args.passes):
            for step, seconds in one_pass(model, pages).items():
                best[step] = min(best.get(step, seconds), seconds)
    print(f"{len(pages)} pages, best of {args.passes} passes, ms per page ({len(model.stacks_['html'])} HTML stacks):")
    for step, seconds in best.items():
        print(f"  {step:<18} {1000 * seconds / len(pages):6.2f}")
    print(f"  {'total':<18} {1000 * sum(best.values()) / len(pages):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
