"""Another build of the compiled core against this one, in one process, page by page: time per step and
whether the outputs are the same.

    python bench/ab_compiled.py /tmp/base/storysift/_speedups.cpython-311-x86_64-linux-gnu.so
    python bench/ab_compiled.py OTHER.so --corpus dragnet --pages 400 --steps hashed,clean

Both `_speedups` modules are loaded into this process (the other one from its file) and every step runs on
every page with each module in turn, the order alternating: a drift of the machine's speed, which on a
shared host moves a whole run's rate by 20% or more within seconds, falls on both alike. Only the
`_speedups` module differs; the Python code and the segmentation walk are this tree's. Steps: hashed tokens,
text statistics, dense features (of a segmented page), the linear stage's product, and a whole `clean`.
The hashed tokens and dense features of every page are then compared, bit for bit (exit 1 on a difference).
To make the other build: check a revision's `src/storysift` out into a folder and build its extensions there
(`cythonize` the .pyx files with the flags of setup.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from corpus_pages import DEFAULT_CORPORA, load_pages

from storysift import Extractor, accel, features
from storysift.segment import segment

STEPS = ("hashed", "text_stats", "dense", "linear", "clean")


def load_other(path: Path) -> ModuleType:
    """The `_speedups` module built in the file at path, loaded beside this tree's."""
    spec = importlib.util.spec_from_file_location("storysift._speedups", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a loadable extension module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path, help="the other build's _speedups extension file")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpus", default="wcxb-dev")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of {', '.join(STEPS)}")
    args = parser.parse_args(argv)
    steps = args.steps.split(",")
    if unknown := set(steps) - set(STEPS):
        raise SystemExit(f"unknown steps: {', '.join(sorted(unknown))}")
    this = accel.speedups()
    if this is None:
        raise SystemExit("this tree's compiled core does not run")
    other = load_other(args.other)
    current = [this]
    accel.speedups = lambda: current[0]  # every caller asks at each call: the module in turn

    raw = [p.html for p in load_pages(args.corpora, args.corpus, args.pages)]
    pages = [(segment(html), html) for html in raw]
    pages = [(page, html) for page, html in pages if page.blocks]
    extractor = Extractor.load(None)
    extractor.clean(raw[0])
    model = extractor.model
    weights = model.stacks_["html"][0].stages[0].story.shared.weights()
    hashed = [features.hashed_tokens(page.blocks, model.n_hash_features, False) for page, _ in pages]
    run = {
        "hashed": lambda k: features.hashed_tokens(pages[k][0].blocks, model.n_hash_features, False),
        "text_stats": lambda k: features.text_stats(
            [b.text for b in pages[k][0].blocks], np.zeros(len(pages[k][0].blocks))
        ),
        "dense": lambda k: features.dense_matrix(pages[k][0]),
        "linear": lambda k: hashed[k] @ weights,
        "clean": lambda k: extractor.clean(pages[k][1]),
    }
    seconds = {(step, name): 0.0 for step in steps for name in ("other", "this")}
    builds = (("other", other), ("this", this))
    for n in range(args.passes):
        for k in range(len(pages)):
            for step in steps:
                for name, module in builds if (n + k) % 2 == 0 else builds[::-1]:
                    current[0] = module
                    start = time.perf_counter()
                    run[step](k)
                    seconds[(step, name)] += time.perf_counter() - start
    count = args.passes * len(pages)
    print(f"{len(pages)} pages of {args.corpus}, {args.passes} passes, ms a page:")
    for step in steps:
        theirs, ours = (seconds[(step, name)] * 1000 / count for name in ("other", "this"))
        print(f"  {step:<11} other {theirs:7.3f}  this {ours:7.3f}  this/other {ours / theirs:.3f}")
    differ = 0
    for page, _ in pages:
        outputs = []
        for module in (other, this):
            current[0] = module
            rows = features.hashed_tokens(page.blocks, model.n_hash_features, False)
            outputs.append([rows.indptr, rows.indices, rows.data, features.dense_matrix(page)])
        differ += any(a.tobytes() != b.tobytes() for a, b in zip(*outputs))
    print(f"hashed tokens and dense features: {differ} of {len(pages)} pages differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
