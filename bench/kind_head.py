"""How good the last stage's kind head can be under other settings, without fitting a whole model.

    python bench/kind_head.py                                  # the shipped settings and twice the trees
    python bench/kind_head.py --config kind_max_iter=50 --config max_leaf_nodes=63
    python bench/kind_head.py --inputs /tmp/kind_inputs        # reuse the inputs made by an earlier run
    python bench/kind_head.py --config "" --undo-powers 0,0.5,1  # the kind weights undone in part

A candidate model takes the better part of an hour to fit; this takes minutes. It builds the training
pages as `storysift train` does (data/pages, data/labels/train, the shippable corpora, data/labels/held-out
left out), and one HTML stack's last-stage input as `BlockClassifier` builds it (the linear and the middle
tree stage predicted out of fold), then fits only the last stage's kind head under each setting, out of
fold (3 folds by the training groups), on the rows the kind head learns from, weighted as the trainer
weights them. It scores the out-of-fold P(kind | not story), with the kind weights undone as the shipped
model undoes them (or their factors to each power of --undo-powers), on the kind blocks of the real
labeled pages (sidecars; augmented copies left out): per kind F1 of the likeliest kind, their macro mean,
and log loss. The inputs (a few GB) are saved in --inputs and reused when there.

It measures the kind head alone, on pages of the training sites: a setting that wins here still has to
win on the held-out pages in a real fit (`bench/compare_labeled.py`).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = Path("/tmp/storysift-kind-inputs")


def build_inputs(out: Path, corpora: Path) -> None:
    """Save the last stage's input of one HTML stack (X.npy) and its targets (targets.npz) in out."""
    from storysift.model import BlockClassifier
    from storysift.training import fit as fitting
    from storysift.training.sets import SHIPPABLE_CORPORA, load_sets
    from storysift.training.trainer import DEFAULT_PARAMS, comment_texts_of

    data = ROOT / "data"
    sets = load_sets(
        [data / "pages", data / "labels" / "train"], corpora, SHIPPABLE_CORPORA, exclude=[data / "labels" / "held-out"]
    )
    pages = [p for s in sets for p in s.pages]
    # which segmented pages are real labeled pages as first read (not a copy made for training)
    first_of = {id(p.page): p.complete and p.ref is not None for p in pages}

    class Done(Exception):
        pass

    def last_stage_input(model: BlockClassifier, stack_pages, y, kind_y, groups, seed):
        story, known_kind, kind = model._targets(y)
        _, known_final, kind_final = model._targets(kind_y)
        weight, text = model._page_weights(stack_pages), model._text_weights(stack_pages)
        stage_inputs = model._stage_inputs(stack_pages, story, known_kind, kind, groups, seed, weight, text)
        X = collections.deque(stage_inputs, maxlen=1)[0][0]  # the last stage's input, the others let go
        real = np.concatenate([np.full(len(p.blocks), first_of.get(id(p), False)) for p in stack_pages])
        out.mkdir(parents=True, exist_ok=True)
        np.save(out / "X.npy", X)
        np.savez(out / "targets.npz", known=known_final, kind=kind_final, groups=groups, real=real)
        raise Done

    original = BlockClassifier._fit_stack
    BlockClassifier._fit_stack = last_stage_input  # the HTML stacks come first: stop after the first's input
    try:
        fitting.fit(pages, comment_texts=comment_texts_of(sets), **DEFAULT_PARAMS)
    except Done:
        pass
    finally:
        BlockClassifier._fit_stack = original


def scores(kind: np.ndarray, proba: np.ndarray) -> dict:
    """Per kind F1 of the likeliest kind, their macro mean and the log loss."""
    from sklearn.metrics import f1_score, log_loss

    per = f1_score(kind, proba.argmax(axis=1), labels=[0, 1, 2], average=None, zero_division=0.0)
    return {
        "f1": per.round(4).tolist(),
        "macro": round(float(per.mean()), 4),
        "log_loss": round(float(log_loss(kind, proba, labels=[0, 1, 2])), 4),
    }


def powered(factors: tuple[float, ...] | None, power: float) -> tuple[float, ...] | None:
    """The kind factors raised to power (1: as given, 0: every kind alike), None when there are none."""
    if factors is None:
        return None
    return tuple(float(f) ** power for f in factors)


def parse_config(text: str) -> dict:
    """'name=value,name=value' as HistGradientBoostingClassifier settings ('' for the shipped ones)."""
    out: dict = {}
    for part in filter(None, text.split(",")):
        name, value = part.split("=")
        out[name.strip()] = float(value) if "." in value or "e" in value else int(value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="where the inputs are saved")
    parser.add_argument("--config", action="append", help="settings of a kind head to try (repeatable)")
    parser.add_argument(
        "--undo-powers",
        default="1",
        help="comma-separated powers of the kind factors to score each setting's probabilities under "
        "(0: the kind weights kept, 1: undone as shipped)",
    )
    args = parser.parse_args(argv)
    from sklearn.model_selection import GroupKFold

    from storysift.model import BlockClassifier
    from storysift.predict import reweigh
    from storysift.training.trainer import DEFAULT_PARAMS

    if not (args.inputs / "targets.npz").exists():
        start = time.time()
        build_inputs(args.inputs, args.corpora)
        print(f"inputs built in {time.time() - start:.0f} s: {args.inputs}", flush=True)
    targets = np.load(args.inputs / "targets.npz")
    rows = np.flatnonzero(targets["known"])
    X = np.load(args.inputs / "X.npy", mmap_mode="r")[rows]
    kind, groups, real = targets["kind"][rows], targets["groups"][rows], targets["real"][rows]
    # the shipped estimator: its kind head's trees, its kind weights and what undoes them
    model = BlockClassifier(**{k: v for k, v in DEFAULT_PARAMS.items() if k in BlockClassifier().get_params()})
    seed = model._first_seed()
    weight, factors = model._kind_weights(kind), model._kind_factors(kind)
    print(
        f"kind rows {len(rows)} (nav, disclaimer, comment: {np.bincount(kind, minlength=3).tolist()}); "
        f"scored on the real labeled pages' {int(real.sum())}",
        flush=True,
    )
    powers = [float(p) for p in args.undo_powers.split(",")]
    shipped = model._kind_trees(seed).get_params()
    for text in args.config or ["", f"max_iter={2 * model.kind_max_iter}"]:
        changed = parse_config(text)
        settings = {name: shipped[name] for name in ("max_iter", "learning_rate", "max_leaf_nodes")} | changed
        start = time.time()
        proba = np.zeros((len(rows), 3))
        for train, test in GroupKFold(n_splits=3).split(X, kind, groups):
            head = model._kind_trees(seed).set_params(**changed)
            head.fit(X[train], kind[train], sample_weight=weight[train])
            proba[test] = head.predict_proba(X[test])
        seconds = round(time.time() - start)
        for power in powers:
            result = scores(kind[real], reweigh(proba[real], powered(factors, power)))
            print(json.dumps({"settings": settings, "undo_power": power, **result, "seconds": seconds}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
