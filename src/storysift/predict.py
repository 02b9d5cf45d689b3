"""Prediction with fitted stacks of heads: the code that the estimator (`model.BlockClassifier`) and its
predict-only form (`frozen.FrozenClassifier`) share. It imports no scikit-learn: a head is anything with
`classes_`, and the caller says how to get a head's probabilities (`HeadProba`).

A stack is a list of stages; each stage has a P(story) head and a P(kind | not story) head that read the
same input: the hashed tokens for the first stage, the dense features plus the previous stage's
probabilities for the others (`features.stage_input`). A page kind (html, text) has a bag of stacks whose
probabilities are averaged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import features
from .blocks import KINDS, LABELS, PAGE_KINDS, Page
from .flat_trees import expit

# (head, X) -> the head's predict_proba(X): columns in the head's classes_ order
HeadProba = Callable[[Any, Any], np.ndarray]


@dataclass
class Stage:
    """One fitted stage: the P(story) head and the P(kind | not story) head, which read the same input."""

    story: Any
    kind: Any


@dataclass
class Stack:
    """One fitted stack: a linear stage over hashed tokens, then tree stages that also read the previous
    stage's probabilities (`features.stage_input`; with `order_context`, also each label's mass before and
    after the block). Stacks pickled before `order_context` existed read it as False, the class default.
    `kind_factors` (one a kind, or None) multiply the last stage's P(kind | not story) before it is
    normalised again: the inverse of the class weights its kind head was fitted with
    (`BlockClassifier.undo_kind_weight`), so that the kinds reported follow the training data's own
    proportions; stacks pickled before it existed read None (the head's probabilities as they are)."""

    stages: list[Stage]
    order_context: bool = False
    kind_factors: tuple[float, ...] | None = None


def label_indices(proba: np.ndarray, threshold: float) -> np.ndarray:
    """Index into LABELS per row: story (0) where P(story) >= threshold, else the likeliest other label."""
    if len(proba) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.where(proba[:, 0] >= threshold, 0, 1 + np.argmax(proba[:, 1:], axis=1))


def linear_proba(X, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """A log-loss linear model's predict_proba from its coef_ and intercept_, as scikit-learn computes it
    (logistic of each class's score, rows normalised when there are more than two classes), without its
    per-call input checks. The normalisation is done in log space, so that a row whose every logistic
    underflows to 0 (scikit-learn gives NaN there) still gets the same ratios as its scores imply."""
    return scores_proba(np.asarray(X @ coef.T) + intercept)


def scores_proba(scores: np.ndarray) -> np.ndarray:
    """`linear_proba` from the scores (X @ coef.T + intercept, one column a class or one for two classes)."""
    if scores.shape[1] == 1:
        prob = expit(scores)
        return np.hstack([1.0 - prob, prob])
    log_prob = -np.logaddexp(0.0, -scores)  # log of the logistic of each score
    prob = np.exp(log_prob - log_prob.max(axis=1, keepdims=True))
    return prob / prob.sum(axis=1, keepdims=True)


def stage_proba(stage: Stage, X, proba: HeadProba, story_only: bool = False) -> np.ndarray:
    """P(story) and P(kind | not story) per row; the kind columns stay 0 when story_only. A kind head
    that also learnt story (a class past the kinds: `BlockClassifier`'s kind_sees_story) has its kinds
    renormalised over the non-story classes."""
    p_story = proba(stage.story, X)[:, list(stage.story.classes_).index(1)]
    p_kind = np.zeros((X.shape[0], len(KINDS)))
    if not story_only:
        classes = np.asarray(stage.kind.classes_)
        is_kind = classes < len(KINDS)
        p_kind[:, classes[is_kind]] = proba(stage.kind, X)[:, is_kind]
        if not is_kind.all():
            total = p_kind.sum(axis=1, keepdims=True)
            p_kind = np.divide(p_kind, total, out=np.full_like(p_kind, 1.0 / len(KINDS)), where=total > 0)
    return np.column_stack([p_story, p_kind])


def stack_proba(stack: Stack, inputs: features.View, proba: HeadProba, story_only: bool) -> np.ndarray:
    """The four label probabilities of a stack: P(story), and (1 - P(story)) * P(kind | not story)."""
    last = len(stack.stages)
    probs = stage_proba(stack.stages[0], inputs.hashed, proba, story_only and last == 1)
    for k, stage in enumerate(stack.stages[1:], start=2):
        X = features.stage_input(inputs, probs, stack.order_context, reuse=True)  # done with before the next
        probs = stage_proba(stage, X, proba, story_only and k == last)
    p_story = probs[:, :1]
    p_kind = probs[:, 1:] if story_only else reweigh(probs[:, 1:], stack.kind_factors)
    return np.hstack([p_story, (1.0 - p_story) * p_kind])


def reweigh(p_kind: np.ndarray, factors: Sequence[float] | None) -> np.ndarray:
    """Rows of P(kind | not story) multiplied by factors (one a kind) and normalised again (None: as
    given; a row that sums to 0 stays 0)."""
    if factors is None:
        return p_kind
    weighed = p_kind * np.asarray(factors, dtype=np.float64)
    total = weighed.sum(axis=1, keepdims=True)
    return np.divide(weighed, total, out=np.zeros_like(weighed), where=total > 0)


def predict_pages(
    bags: dict[str, list[Stack]],
    pages: list[Page],
    n_hash_features: int,
    proba: HeadProba,
    story_only: bool,
    scipy: bool = True,
) -> np.ndarray:
    """Probabilities of LABELS for every block of pages (rows page after page): each page kind's blocks by
    the mean of its bag of stacks, or of the other kind's bag when the model has none for it. scipy: the
    heads read the hashed tokens as SciPy's matrix (else as `features.view` gives them without it)."""
    rows = page_rows(pages)
    n = sum(len(r) for r in rows)
    out = np.zeros((n, len(LABELS)))
    if n == 0:
        return out
    for kind in PAGE_KINDS:
        idx = [i for i, p in enumerate(pages) if p.kind == kind and p.blocks]
        if not idx:
            continue
        bag = bags.get(kind) or next(iter(bags.values()))
        inputs = features.view([pages[i] for i in idx], n_hash_features, dense=len(bag[0].stages) > 1, scipy=scipy)
        kind_rows = np.concatenate([rows[i] for i in idx])
        out[kind_rows] = np.mean([stack_proba(stack, inputs, proba, story_only) for stack in bag], axis=0)
    return out


def as_pages(X: Sequence[Page]) -> list[Page]:
    """X as a list of pages, refusing anything else (a bare list of blocks says neither where pages
    start nor what kind they are)."""
    pages = list(X)
    for p in pages:
        if not isinstance(p, Page):
            raise TypeError(f"X must be a sequence of storysift.Page (blocks and kind), not of {type(p).__name__}")
    return pages


def page_rows(pages: list[Page]) -> list[np.ndarray]:
    """The output rows of each page's blocks."""
    return [np.arange(s.start, s.stop) for s in features.page_slices(pages)]
