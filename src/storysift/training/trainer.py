"""Train the model end to end: load sets, score on held-out pages, fit on everything, save with metadata."""

from __future__ import annotations

import datetime as dt
import json
import logging
import platform
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import joblib
import lxml
import numpy as np
import sklearn

from .. import __version__
from ..blocks import LABELS
from ..errors import TrainingDataError
from ..evaluation.report import block_scores, predict_page, text_scores
from ..gold.pages import GoldPage, gold_text_of
from ..model import BlockClassifier
from ..model_io import save_model
from .fit import fit, text_only
from .sets import SHIPPABLE_CORPORA, TrainingPage, TrainingSet, load_labeled_set, load_sets, split_pages

log = logging.getLogger(__name__)

# two HTML stacks of 50 boosting iterations each (learning rate 0.2) instead of one of 100: the same number
# of trees to evaluate per page, and the mean of two seeds varies less than one fit
DEFAULT_PARAMS = dict(
    # twice the trees (max_iter 100, kind_max_iter 50), fitted 2026-12-06 on rounds 1-21: held-out macro
    # text F1 +0.0105 [-0.009, +0.030] against these on the same rounds (141 pages, kind factors on both;
    # that fit still trained on the corpus gold of the 12 newest held-out pages),
    # cleanportaleval story F1 0.845 -> 0.832 (0.835 with these on the same rounds, another seed: the
    # rounds, not the trees), twice the trees' time a page; one change of seed moved the macro +0.0095: not taken
    # one HTML stack of 70 iterations (kind head 35) instead of two of 50 (25), 2026-12-08 (r69): on the
    # 284 held-out pages macro text F1 -0.0002 [-0.0093, +0.0083] (story -0.006, comment +0.009), story
    # F1 on dragnet / l3s-gn1 / cleaneval / cleanportaleval within 0.0011 of the two stacks', 245 trees a
    # page for `clean` against 350: its model steps 7.45 -> 6.53 ms a modern page (bench/stages.py's
    # steps). The shipped plain-text stacks are still three of 50 (25), kept from an earlier fit
    max_iter=70,
    learning_rate=0.2,
    # (the last stage's kind head alone at 50 iterations, 2026-12-06: out of fold on the HTML training
    # pages' stage-3 inputs as fit builds them, 3 folds by group, scored on the real labeled pages' kind
    # blocks: macro F1 0.8876 -> 0.8898, log loss 0.108 -> 0.113; its number of trees does not hold the
    # kinds back; nor does regularising it, 2026-12-07, the same way on rounds 1-22 (`bench/kind_head.py
    # --config min_samples_leaf=100 ...`): macro F1 0.8863 as shipped, 0.8877 / 0.8876 with
    # min_samples_leaf 100 / 400, 0.8866 with l2_regularization 3, 0.8844 with max_features 0.5. On the
    # 141 held-out pages the shipped kind head scores block macro F1 0.866 on the blocks whose gold is a
    # kind: it carries to new sites about as well as out of fold)
    kind_max_iter=35,
    html_bags=1,
    n_stages=3,
    random_state=0,
    text_copies_every=4,
    weak_nav_every=4,
    long_comments=True,
    real_copies=1,
    # kinds weighted by (rows / (3 x kind's rows)) ** 0.5: chosen on the trainer's held-out split (38 real
    # labeled pages, block macro F1 0.683 -> 0.756 with the weak-nav change; 1.0 gave the same). The
    # reported kinds undo the weights in full (BlockClassifier's undo_kind_weight); undone in part, the
    # factors to a power (2026-12-06, `python bench/kind_head.py --config "" --undo-powers
    # 0,0.25,0.5,0.75,1,1.25,1.5`: the last kind head out of fold on the training pages, scored on the real
    # labeled pages' kind blocks), macro F1 0.8819 / 0.8849 / 0.8886 / 0.8882 / 0.8876 / 0.8862 / 0.8824,
    # disclaimer 0.793 / 0.800 / 0.809 / 0.807 / 0.801 / 0.793 / 0.782: flat from 0.5 to 1, not changed
    kind_weight=0.5,
    # the linear stage 25x more regularized than before (2e-6): out of fold on the training pages its story
    # log loss falls 1.174 -> 0.330 and its AUC rises 0.896 -> 0.940 on HTML (1.144 -> 0.548, 0.793 -> 0.798
    # on plain text), so the tree stages get an input they can trust (html_alpha: the HTML stacks' own,
    # here the same). With it, the project's own plain-text pages twice more (own_text_copies): on the
    # plain-text copies of the real pages alone the text stack had learnt to keep an in-body "See also ..."
    # pointer and a site's closing note as story (a model without both, trained on rounds 1-10, did so on
    # the seed page; a text-stack-only fit with both on rounds 1-11 labels it right, and scores macro text
    # F1 0.715 on the held-out pages as plain text, the shipped model 0.692)
    # (its kind head too, 2026-12-06: out of fold on the HTML training pages, 3 folds by site, scored on the
    # real labeled pages' blocks, macro F1 0.827 / 0.835 / 0.839 / 0.838 / 0.831 / 0.806 and log loss 1.18 /
    # 0.52 / 0.20 / 0.17 / 0.18 / 0.22 at alpha 2e-6 / 1e-5 / 5e-5 / 1e-4 / 3e-4 / 1e-3)
    alpha=5e-5,
    html_alpha=5e-5,
    own_text_copies=2,
    # each block of an HTML page of n > 500 blocks weighs 500 / n in the story head (BlockClassifier's
    # html_page_cap), so that a few pages of thousands of table cells or menu links do not teach alone what
    # such a block is: on the 69 held-out pages (rounds 1-16) block macro F1 0.812 -> 0.855, text macro
    # 0.793 -> 0.798. HTML stacks only: capping the plain-text stacks too pushed the seed page's "See also"
    # pointer over the threshold (0.505, r28); their own_text_copies raised to 3 instead took the seed's
    # last story paragraph under it (0.37, r29)
    html_page_cap=500,
)


# credits the public training sets ask for (shared/corpora/*/SOURCE.md), by set name
CREDITS = {
    "wcxb-dev": "WCXB (M. Foley 2026, CC-BY-4.0)",
    "trafilatura-eval": "the trafilatura evaluation set (Apache-2.0)",
    "mozilla-readability": "Mozilla Readability test pages (Apache-2.0)",
    "youtube-spam-collection": "the YouTube Spam Collection (T.C. Alberto, J.V. Lochter, T.A. Almeida, "
    "TubeSpam, ICMLA 2015; CC BY 4.0)",
}


def parse_param(text: str) -> tuple[str, object]:
    """A training parameter given as KEY=VALUE (`storysift train --param`, bench/held_out.py): the value read
    as JSON when it is JSON (numbers, true/false, null) and as a string otherwise; ValueError for a key
    that is not one of DEFAULT_PARAMS or BlockClassifier's parameters."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise ValueError(f"{text!r}: expected KEY=VALUE")
    if key not in DEFAULT_PARAMS and key not in BlockClassifier().get_params():
        raise ValueError(f"{key!r}: not a training parameter (see BlockClassifier's parameters)")
    try:
        return key, json.loads(raw)
    except json.JSONDecodeError:
        return key, raw


def attribution(sets: list[TrainingSet]) -> str:
    """The credit line for the public sets a model was trained on ("" when none needs one)."""
    credits = [CREDITS[s.name] for s in sets if s.name in CREDITS]
    if not credits:
        return ""
    listed = credits[0] if len(credits) == 1 else ", ".join(credits[:-1]) + " and " + credits[-1]
    return f"Trained in part on {listed}."


def comment_texts_of(sets: list[TrainingSet]) -> list[str]:
    """The texts of the comment corpora among the sets."""
    return [t for s in sets for t in s.comment_texts]


def gold_page(page: TrainingPage) -> GoldPage:
    """A training page as `storysift evaluate` reads gold: block labels and their texts for a labeled page,
    the gold main text for a corpus page (whose other blocks' kinds are unknown)."""
    if page.complete:
        return GoldPage(page.source, page.page_id, page.page, gold_text_of(page.blocks), True)
    return GoldPage(page.source, page.page_id, page.page, {"story": page.gold_text} if page.gold_text else {}, False)


def macro_f1(scores: Iterable[dict | None]) -> float | None:
    """The mean F1 of the labels that have scores (None where none has), rounded as the reports are."""
    f1 = [m["f1"] for m in scores if m]
    return round(sum(f1) / len(f1), 4) if f1 else None


def score_pages(model: BlockClassifier, pages: list[TrainingPage], threshold: float = 0.5) -> dict:
    """A model's scores on held-out training pages, computed by the code of `storysift evaluate`:
    block metrics and every label's text scores when every page is labeled block by block, story-text
    scores where gold text exists."""
    results = [predict_page(model, gold_page(p)) for p in pages]
    entry: dict = {"pages": len(pages)}
    if pages and all(p.complete for p in pages):
        entry["blocks"] = block_scores(results, threshold)
        entry["label_text"] = {label: text_scores(results, label, threshold) for label in LABELS}
        entry["macro_text_f1"] = macro_f1(entry["label_text"].values())
        story_text = entry["label_text"]["story"]
    else:
        story_text = text_scores(results, "story", threshold)
    if story_text is not None:
        entry["story_text"] = story_text
    return entry


def labeled_page_scores(model: BlockClassifier, pages: list[TrainingPage], threshold: float = 0.5) -> dict:
    """Per-label block and text scores (and their macro average) of a model on pages labeled block by
    block, as `storysift evaluate` computes them."""
    results = [predict_page(model, gold_page(p)) for p in pages]
    blocks = block_scores(results, threshold)
    labels = {
        label: {"block": blocks["labels"][label] if blocks else None, "text": text_scores(results, label, threshold)}
        for label in LABELS
    }
    return {
        "pages": len(pages),
        "labels": labels,
        "macro_text_f1": macro_f1(v["text"] for v in labels.values()),
        "macro_block_f1": blocks["macro"]["f1"] if blocks else None,
    }


def excluded_page_scores(model: BlockClassifier, exclude: Sequence[Path], corpora_dir: Path | None) -> dict:
    """The final model's scores on the held-out labeled pages it was not trained on: as HTML and as plain
    text (the same pages' blocks with no markup), by each folder's path as the metadata records it."""
    scores = {}
    for root in exclude:
        pages = [p for p in load_labeled_set(root, corpora_dir).pages if p.blocks]
        scores[recorded_path(str(root))] = {
            "html": labeled_page_scores(model, pages),
            "text": labeled_page_scores(model, [text_only(p) for p in pages]),
        }
    return scores


def held_out_scores(
    sets: list[TrainingSet],
    params: dict,
    test_share: float,
    seed: int,
    save_model_to: Path | None = None,
    keep_for_training: Callable[[TrainingPage], bool] | None = None,
    on_bag: Callable[[str, int, int], None] | None = None,
) -> dict:
    """Fit on the training side of a group split of every set, and score the held-out side
    (optionally saving that model, to evaluate it further on the held-out pages). keep_for_training
    drops pages from the training side only, so variants of the training data are scored on the same
    held-out pages."""
    train, test = [], {}
    for tset in sets:
        if not tset.pages:
            continue  # a comment corpus: its texts only fill the long-comment copies
        tr, te = split_pages(tset.pages, test_share, seed)
        train.extend(p for p in tr if keep_for_training is None or keep_for_training(p))
        test[tset.name] = te
    model = fit(train, comment_texts=comment_texts_of(sets), on_bag=on_bag, **params)
    scores: dict = {
        "test_share": test_share,
        "split_seed": seed,
        "grouped_by": "site domain (corpora), content group (data/)",
    }
    for name, pages in test.items():
        scores[name] = score_pages(model, pages)
    scores["held_out_pages"] = {name: sorted(p.page_id for p in pages) for name, pages in test.items()}
    if save_model_to is not None:
        save_model(
            model,
            save_model_to,
            {
                "note": "trained on the training side of the held-out split only",
                "params": params,
                "held_out_pages": scores["held_out_pages"],
            },
        )
    return scores


def recorded_path(path: str) -> str:
    """A training set's path as the metadata records it: relative to the storysift checkout it lies in
    (data/pages, data/labels/train: the same on every machine), else as given.

    The checkout is found from the path itself (the nearest folder above it holding pyproject.toml and
    src/storysift), so the answer does not depend on where the package is installed."""
    resolved = Path(path).resolve()
    for folder in resolved.parents:
        if (folder / "pyproject.toml").is_file() and (folder / "src" / "storysift").is_dir():
            return resolved.relative_to(folder).as_posix()
    return path


def set_summary(tset: TrainingSet) -> dict:
    """What the metadata records of one training set: where it is, its checksum and what was used of it."""
    return {
        "name": tset.name,
        "path": recorded_path(tset.path),
        "sha256": tset.sha256,
        "pages_used": len(tset.pages),
        "pages_skipped_by_alignment": len(tset.skipped),
        "blocks": sum(len(p.blocks) for p in tset.pages),
        "comment_texts": len(tset.comment_texts),
        "pages_held_out": len(tset.excluded),
        "pages_labeled_by_sidecar_instead": len(tset.relabeled),
    }


def library_versions() -> dict:
    """The versions of the libraries a model file depends on."""
    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "lxml": lxml.__version__,
        "joblib": joblib.__version__,
    }


TRAIN_STEPS = (
    "reading training data",
    "fitting and scoring on the held-out split",
    "fitting on every page",
    "scoring the held-out label sets and saving",
)


class StackClock:
    """Where a fit is, for a progress line: "html stack 2/3, 41 s a stack, about 1 min 22 s left for html".
    The stacks of one kind's bag take about as long as each other, so the time left is the mean of the
    finished ones times the stacks still to fit (no estimate before the first one ends)."""

    def __init__(self, on_detail: Callable[[str], None], clock: Callable[[], float] = time.monotonic) -> None:
        self.on_detail = on_detail
        self.clock = clock
        self.kind = ""
        self.k = 0
        self.started = 0.0
        self.durations: list[float] = []

    def __call__(self, kind: str, k: int, bags: int) -> None:
        """Stack k of bags of this kind starts now."""
        now = self.clock()
        if kind == self.kind and k == self.k + 1:
            self.durations.append(now - self.started)
        else:  # a new bag (another kind, or the next fit)
            self.durations = []
        self.kind, self.k, self.started = kind, k, now
        text = f"{kind} stack {k}/{bags}"
        if self.durations:
            each = sum(self.durations) / len(self.durations)
            text += f", {_seconds(each)} a stack, about {_seconds(each * (bags - k + 1))} left for {kind}"
        self.on_detail(text)


def _seconds(s: float) -> str:
    """A duration as people read it: "41 s", "3 min 05 s"."""
    s = round(s)
    return f"{s} s" if s < 60 else f"{s // 60} min {s % 60:02d} s"


def train_steps(evaluate: bool = True) -> tuple[str, ...]:
    """The steps `train_and_save` reports to its on_step, in order (no held-out split without evaluate)."""
    return TRAIN_STEPS if evaluate else tuple(s for s in TRAIN_STEPS if s != TRAIN_STEPS[1])


def train_and_save(
    out: Path,
    *,
    data_dirs: Sequence[Path],
    corpora_dir: Path | None,
    corpora: dict[str, str | None] | None = None,
    exclude: Sequence[Path] = (),
    params: dict | None = None,
    test_share: float = 0.2,
    seed: int = 0,
    evaluate: bool = True,
    held_out_model: Path | None = None,
    strict: bool = False,
    on_step: Callable[[str], None] | None = None,
    on_detail: Callable[[str], None] | None = None,
) -> dict:
    """Train the shipped (or a user's) model and write it with metadata; returns the metadata.
    strict: every named corpus must be found; exclude: sidecar folders whose pages and sites are held out
    (see `load_sets`); on_step is called with each of `train_steps(evaluate)` as it starts, on_detail with
    where a fit is ("html stack 2/3")."""
    params = {**DEFAULT_PARAMS, **(params or {})}
    steps = iter(train_steps(evaluate))
    on_bag = StackClock(on_detail) if on_detail else None

    def step() -> None:
        if on_step:
            on_step(next(steps))

    start = time.time()
    step()
    sets = load_sets(
        data_dirs, corpora_dir, corpora if corpora is not None else SHIPPABLE_CORPORA, strict=strict, exclude=exclude
    )
    if not sets:
        raise TrainingDataError(
            "no training data found: give a folder of labeled pages (--data) or a corpora folder (--corpora)"
        )
    scores = {}
    if evaluate:
        step()
        scores = held_out_scores(sets, params, test_share, seed, held_out_model, on_bag=on_bag)
    all_pages = [p for s in sets for p in s.pages]
    step()
    model = fit(all_pages, comment_texts=comment_texts_of(sets), on_bag=on_bag, **params)
    step()
    meta = {
        "storysift_version": __version__,
        "trained_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "params": params,
        "estimator": {"class": type(model).__name__, "params": model.get_params()},
        "training_sets": [set_summary(s) for s in sets],
        "held_out_label_sets": [str(p) for p in exclude],
        "held_out_label_scores": excluded_page_scores(model, exclude, corpora_dir),
        "held_out_scores": scores,
        "library_versions": library_versions(),
        "attribution": attribution(sets),
        "training_seconds": None,
    }
    meta["training_seconds"] = round(time.time() - start, 1)
    return save_model(model, out, meta)
